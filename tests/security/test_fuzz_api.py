"""Schemathesis against the OpenAPI schema, as each role with its token, in the suite.

Bounded: a few generated cases per operation and role. Every answer must be free of server
errors and conform to the schema where the schema documents that status. Requests go to the
WSGI application in this process, inside the test's transaction (rolled back afterwards).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES = 2
ROLES = ("clerk", "leader", "staff", "other_staff", "admin")


@pytest.fixture
def wsgi_in_transaction():
    """The WSGI handler closes connections around each request; inside a test transaction
    that would end the test's transaction, so the signal handlers step aside (as Django's
    test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz_operation(operation, headers: dict[str, str], tally: dict[str, int],
                    failures: list[str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        response = case.call(headers=headers)
        tally["requests"] += 1
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")
            return
        tally["no_500"] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error,
                                                     response_schema_conformance])
        except (Exception, BaseExceptionGroup) as error:  # a group of check failures
            failures.append(f"{case.method} {case.formatted_path} ({response.status_code}): "
                            f"{str(error)[:300]}")

    run()


@pytest.mark.django_db
def test_the_api_survives_fuzzing_as_each_role(world, wsgi_in_transaction):
    tally = {"requests": 0, "no_500": 0}
    failures: list[str] = []
    for role in ROLES:
        token, _ = Token.objects.get_or_create(user=world.users[role])
        headers = {"Authorization": f"Token {token.key}"}
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_in_transaction,
                                                headers=headers)
        for result in schema.get_all_operations():
            _fuzz_operation(result.ok(), headers, tally, failures)
    print(f"\nschemathesis: {tally['requests']} fuzzed requests, {tally['no_500']} without a 500")
    assert tally["requests"] >= 100
    assert not failures, "\n".join(sorted({f[:400] for f in failures})[:40])
