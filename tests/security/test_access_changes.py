"""Every change of someone's access to a document or a secret register raises an alert that
stays open until an administrator other than the one who made it confirms it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.access.models import AccessChange, ChangeKind
from registry.access.services import access_change_confirm
from registry.audit.models import Event
from registry.incoming.services import incoming_access_grant
from registry.organisation.models import Register, Role, User
from registry.organisation.services import user_update_access


@pytest.fixture
def admins(world):
    first = world.users["admin"]
    second = User.objects.create(username="quantri2", full_name="Trần Quản Trị",
                                 agency=first.agency, unit=first.unit, roles=[Role.ADMIN])
    return first, second


def _changes_for(user, document):
    return AccessChange.objects.filter(user=user, target_id=document.pk,
                                       target_type__model=document._meta.model_name)


@pytest.mark.django_db
def test_granting_a_secret_document_raises_an_open_alert(world):
    secret = world.secret.incoming
    reader = world.users["other_staff"]

    incoming_access_grant(actor=world.users["leader"], document=secret, user=reader)

    [change] = _changes_for(reader, secret)
    assert (change.change, change.actor, change.is_open) == (
        ChangeKind.GRANTED, world.users["leader"], True)
    assert change.agency_id == secret.agency_id


@pytest.mark.django_db
def test_the_workflow_grants_of_secret_documents_are_alerts_too(world):
    # The world's secret incoming was submitted to the leader and directed to the staff
    # member; the secret outgoing draft was granted to its drafter and its approvers.
    for document in (world.secret.incoming, world.secret.outgoing):
        users = set(AccessChange.objects.filter(target_id=document.pk, target_type__model=
                                                document._meta.model_name)
                    .values_list("user__username", flat=True))
        assert {"lanhdao", "chuyenvien"} & users, document
    assert not AccessChange.objects.filter(target_id=world.normal.incoming.pk,
                                           target_type__model="incomingdocument").exists()


@pytest.mark.django_db
def test_a_role_change_opening_the_secret_registers_is_an_alert(world, admins):
    first, _second = admins
    staff = world.users["other_staff"]
    secret_registers = Register.objects.filter(agency=staff.agency, is_secret=True).count()

    user_update_access(actor=first, user=staff, roles=[Role.STAFF, Role.CLERK])
    user_update_access(actor=first, user=staff, roles=[Role.STAFF])

    changes = AccessChange.objects.filter(user=staff, target_type__model="register")
    assert changes.filter(change=ChangeKind.GRANTED).count() == secret_registers > 0
    assert changes.filter(change=ChangeKind.REVOKED).count() == secret_registers


@pytest.mark.django_db
def test_only_another_administrator_confirms(world, admins):
    first, second = admins
    user_update_access(actor=first, user=world.users["other_staff"],
                       roles=[Role.STAFF, Role.CLERK])
    change = AccessChange.objects.filter(actor=first).first()

    with pytest.raises(ValidationError):
        access_change_confirm(actor=first, change=change)
    access_change_confirm(actor=second, change=change)

    change.refresh_from_db()
    assert (change.confirmed_by, change.is_open) == (second, False)
    assert Event.objects.filter(verb="access.change_confirmed", target_id=change.pk).count() == 1
    with pytest.raises(ValidationError):  # once only
        access_change_confirm(actor=second, change=change)


@pytest.mark.django_db
def test_the_database_refuses_a_self_confirmation(world, admins):
    first, _second = admins
    user_update_access(actor=first, user=world.users["other_staff"],
                       roles=[Role.STAFF, Role.CLERK])
    change = AccessChange.objects.filter(actor=first).first()

    with pytest.raises(IntegrityError), transaction.atomic():
        AccessChange.objects.filter(pk=change.pk).update(confirmed_by=first,
                                                         confirmed_at=change.created_at)


@pytest.mark.django_db
def test_admin_page_lists_open_alerts_counts_them_and_confirms(client, world, admins):
    _first, second = admins
    incoming_access_grant(actor=world.users["leader"], document=world.secret.incoming,
                          user=world.users["other_staff"])
    open_count = AccessChange.objects.filter(confirmed_at__isnull=True).count()
    change = _changes_for(world.users["other_staff"], world.secret.incoming).get()
    client.force_login(second)

    page = client.get("/quyen-truy-cap/")

    assert page.status_code == 200
    assert str(world.users["other_staff"]) in page.text
    assert f'df-count">{open_count}</span>' in page.text  # the nav counter
    response = client.post(f"/quyen-truy-cap/{change.pk}/xac-nhan/")
    assert response.status_code == 302
    assert AccessChange.objects.get(pk=change.pk).confirmed_by == second


@pytest.mark.django_db
def test_non_administrators_cannot_see_or_confirm_alerts(client, world):
    incoming_access_grant(actor=world.users["leader"], document=world.secret.incoming,
                          user=world.users["other_staff"])
    change = AccessChange.objects.first()
    client.force_login(world.users["leader"])

    assert client.get("/quyen-truy-cap/").status_code == 403
    assert client.post(f"/quyen-truy-cap/{change.pk}/xac-nhan/").status_code == 403
    assert AccessChange.objects.get(pk=change.pk).is_open


@pytest.mark.django_db
def test_a_grant_removed_in_the_django_admin_is_a_revocation_alert(client, world, admins):
    from registry.incoming.models import IncomingAccessGrant

    first, _second = admins
    first.is_staff = first.is_superuser = True
    first.save()
    grant = IncomingAccessGrant.objects.filter(document=world.secret.incoming).first()
    client.force_login(first)

    response = client.post(f"/quan-tri/incoming/incomingaccessgrant/{grant.pk}/delete/",
                           {"post": "yes"})

    assert response.status_code == 302
    assert not IncomingAccessGrant.objects.filter(pk=grant.pk).exists()
    assert AccessChange.objects.filter(user=grant.user, change=ChangeKind.REVOKED,
                                       target_id=grant.document_id).count() == 1
