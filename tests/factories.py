"""Factories for tests: the smallest valid objects, with realistic Vietnamese values."""

import datetime as dt

import factory
from django.utils import timezone

from registry.organisation.models import (
    Agency,
    Correspondent,
    Direction,
    Position,
    Register,
    Role,
    Unit,
    User,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân tỉnh Thử Nghiệm {n}")
    short_name = "UBND tỉnh"
    abbreviation = "UBND"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("name",)

    name = "Chuyên viên"
    rank = 80


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    unit = factory.SubFactory(UnitFactory)
    agency = factory.LazyAttribute(lambda u: u.unit.agency)
    position = factory.SubFactory(PositionFactory)
    roles = factory.LazyFunction(lambda: [Role.STAFF])
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create:
            instance.save()


class CorrespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correspondent

    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")


class RegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Register

    agency = factory.SubFactory(AgencyFactory)
    direction = Direction.INCOMING
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.LazyAttribute(lambda r: f"Sổ {r.direction} {r.year}")


def today() -> dt.date:
    return timezone.localdate()
