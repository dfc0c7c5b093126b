import threading

import pytest
from django.db import connection, connections, transaction

from registry.organisation.models import Direction, Register
from registry.organisation.numbering import register_for_year, register_next_number
from tests.factories import AgencyFactory, RegisterFactory


def _take_in_threads(register_id: int, count: int, fail_every: int = 0) -> list[int]:
    """`count` threads take a number at once, each in its own connection and transaction."""
    barrier = threading.Barrier(count)
    taken: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            try:
                with transaction.atomic():
                    number = register_next_number(register_id=register_id)
                    if fail_every and index % fail_every == 0:
                        raise RuntimeError("registration failed after numbering")
                with lock:
                    taken.append(number)
            except RuntimeError:
                pass
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return taken


@pytest.mark.django_db(transaction=True)
def test_register_next_number_fifty_concurrent_takers_get_one_to_fifty():
    register = RegisterFactory()

    taken = _take_in_threads(register.pk, 50)

    assert sorted(taken) == list(range(1, 51))
    register.refresh_from_db()
    assert register.last_number == 50


@pytest.mark.django_db(transaction=True)
def test_register_next_number_rolled_back_takers_leave_no_gap():
    register = RegisterFactory()

    taken = _take_in_threads(register.pk, 30, fail_every=3)  # 10 of 30 roll back

    assert sorted(taken) == list(range(1, 21))
    register.refresh_from_db()
    assert register.last_number == 20


@pytest.mark.django_db
def test_register_next_number_rollback_returns_the_number():
    register = RegisterFactory()
    with transaction.atomic():
        assert register_next_number(register_id=register.pk) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        register_next_number(register_id=register.pk)
        raise RuntimeError
    with transaction.atomic():
        assert register_next_number(register_id=register.pk) == 2


@pytest.mark.django_db(transaction=True)
def test_register_next_number_refuses_to_run_outside_a_transaction():
    register = RegisterFactory()
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError):
        register_next_number(register_id=register.pk)


@pytest.mark.django_db
def test_register_for_year_restarts_numbering_each_year():
    agency = AgencyFactory()
    r2026 = register_for_year(agency=agency, direction=Direction.INCOMING, year=2026)
    r2027 = register_for_year(agency=agency, direction=Direction.INCOMING, year=2027)
    with transaction.atomic():
        register_next_number(register_id=r2026.pk)
        register_next_number(register_id=r2026.pk)
        first_2027 = register_next_number(register_id=r2027.pk)

    assert first_2027 == 1
    assert register_for_year(agency=agency, direction=Direction.INCOMING, year=2026) == r2026
    assert r2026.name == "Sổ văn bản đến 2026"


@pytest.mark.django_db
def test_register_for_year_keeps_secret_and_copy_sequences_apart():
    agency = AgencyFactory()
    main = register_for_year(agency=agency, direction=Direction.OUTGOING, year=2026)
    secret = register_for_year(agency=agency, direction=Direction.OUTGOING, year=2026,
                               is_secret=True)
    copies = register_for_year(agency=agency, direction=Direction.OUTGOING, year=2026,
                               series="SY")

    assert len({main.pk, secret.pk, copies.pk}) == 3
    assert Register.objects.filter(agency=agency).count() == 3
