"""The permission matrix: every page of the URL conf and every operation of the OpenAPI schema,
as each role, on a normal and a secret object, against the answers written in EXPECTED below.

A page or operation that the table does not list fails the test, so a new one cannot escape.
Rows are "anonymous clerk leader staff other_staff admin" letters (see matrix.py); a row with
one string is for pages without an object, a dict is keyed by secrecy.
"""

import json
import os

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from registry.organisation.models import Correspondent, DocumentType, Unit

from .conftest import MARK, ROLES
from .matrix import (
    SECRET_API_KINDS,
    api_kind,
    api_path,
    body_of,
    fill,
    ids_for,
    letter,
    schema_operations,
    walk_urlconf,
)

DISCOVER = os.environ.get("DOCFLOW_MATRIX_DISCOVER") == "1"
ADMIN_PREFIX = "quan-tri/"
# The URL conf's API routes are swept through the schema (API_EXPECTED); these are the few
# API-side pages outside it.
# Roles:            anonymous clerk leader staff other_staff admin
PAGES_EXPECTED: dict[str, str | dict[str, str]] = {
    "access:changes": "L D D D D O",
    "access:confirm": "M M M M M M",
    "access:totp_remove": "M M M M M M",
    "access:totp_setup": "L D O D D O",
    "access:totp_verify": "L R R R R R",
    "api-docs": "U O O O O O",
    "api-schema": "U O O O O O",
    "assignments:complete": {"normal": "L D D O D D", "secret": "L D D O D D"},
    "assignments:create": "L D O D D D",
    "assignments:detail": {"normal": "L D O O D D", "secret": "L D O O D D"},
    "assignments:extension": {"normal": "L D D O D D", "secret": "L D D O D D"},
    "assignments:extension_decide": {"normal": "L D O D D D", "secret": "L D O D D D"},
    "assignments:file": {"normal": "L D D D D D", "secret": "L D D D D D"},
    "assignments:given": "L O O O O O",
    "assignments:mine": "L O O O O O",
    "assignments:progress": {"normal": "L D D O D D", "secret": "L D D O D D"},
    "assignments:reassign": {"normal": "L D D D D D", "secret": "L D D D D D"},
    "assignments:start": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "assignments:tracking": "L D O D D D",
    "assignments:tracking_list": "L D O D D D",
    "audit:events": "L D D D D O",
    "casefiles:add": "L D D O D D",
    "casefiles:archive_due": "L O O O O O",
    "casefiles:close": "L D D O D D",
    "casefiles:create": "L O O O O O",
    "casefiles:detail": "L O O O D O",
    "casefiles:export": "L O O O D O",
    "casefiles:hand_over": "L D D O D D",
    "casefiles:heading_create": "L D D D D D",
    "casefiles:list": "L O O O O O",
    "casefiles:list_create": "L O O D D O",
    "casefiles:list_export": "L D D D D D",
    "casefiles:list_import": "L D D D D D",
    "casefiles:list_year": "L O O O O O",
    "casefiles:mine": "L O O O O O",
    "casefiles:open": "M M M M M M",
    "casefiles:place": "L O O O D O",
    "casefiles:plan": "L D D D D D",
    "casefiles:remove": "M M M M M M",
    "casefiles:reopen": "M M M M M M",
    "casefiles:suggest": {"normal": "L O O O D D", "secret": "L O O O D D"},
    "casefiles:unit": "L O O O O O",
    "exchange:accept": "M M M M M M",
    "exchange:change_apply": "M M M M M M",
    "exchange:inbox": "L O D D D O",
    "exchange:packet": "L D D D D D",
    "exchange:recipients": "L O O O O D",
    "exchange:refuse": "M M M M M M",
    "healthz": "O O O O O O",
    "home": "L O O O O O",
    "incoming:attach": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "incoming:attachment": {"normal": "L O O O D D", "secret": "L D D D D D"},
    "incoming:clerk_queue": "L O D D D D",
    "incoming:create": "L O D D D D",
    "incoming:detail": {"normal": "L O O O D D", "secret": "L O O O D D"},
    "incoming:direct": {"normal": "L D O D D D", "secret": "L D O D D D"},
    "incoming:edit": {"normal": "L O D D D D", "secret": "L O D D D D"},
    "incoming:file": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "incoming:register": "L O O D D D",
    "incoming:register_received": {"normal": "L D D D D D", "secret": "L D D D D D"},
    "incoming:return": {"normal": "L D O D D D", "secret": "L D O D D D"},
    "incoming:slip": {"normal": "L O O O D D", "secret": "L O O O D D"},
    "incoming:submit": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "incoming:unit": "L D D O O D",
    "incoming:void": {"normal": "L O D D D D", "secret": "L O D D D D"},
    "incoming:waiting": "L D O D D D",
    "language_set": "M M M M M M",
    "login": "O R R R R R",
    "logout": "M M M M M M",
    "notifications:bell": "L O O O O O",
    "notifications:list": "L O O O O O",
    "notifications:open": "M M M M M M",
    "notifications:read_all": "M M M M M M",
    "notifications:settings": "L O O O O O",
    "organisation:correspondent_add": "M M M M M M",
    "organisation:correspondent_search": "L O O O O O",
    "outgoing:approval": {"normal": "L O O O D D", "secret": "L D O O D D"},
    "outgoing:awaiting_approval": "L O O O O O",
    "outgoing:awaiting_issue": "L O O O O O",
    "outgoing:detail": {"normal": "L O O O D D", "secret": "L D O O D D"},
    "outgoing:dispatch": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "outgoing:draft_create": "L O O O O O",
    "outgoing:draft_edit": {"normal": "L D D O D D", "secret": "L D D O D D"},
    "outgoing:draft_void": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "outgoing:incoming_search": "L O O O O O",
    "outgoing:issue": {"normal": "L O D D D D", "secret": "L D D D D D"},
    "outgoing:my_drafts": "L O O O O O",
    "outgoing:recall": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "outgoing:register": "L O O O O O",
    "outgoing:signed_file": {"normal": "L D D D D D", "secret": "L D D D D D"},
    "outgoing:submit": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "outgoing:version_file": {"normal": "L O O O D D", "secret": "L D D D D D"},
    "outgoing:version_upload": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "outgoing:void": {"normal": "M M M M M M", "secret": "M M M M M M"},
    "password_change": "L O O O O O",
    "password_change_done": "L O O O O O",
    "ping": "O O O O O O",
    "reports:book_print": "L O O D D D",
    "reports:export_create": "L M M M M M",
    "reports:export_detail": "L D D D D D",
    "reports:export_download": "L D D D D D",
    "reports:export_progress": "L D D D D D",
    "reports:import": "L O D D D D",
    "reports:import_detail": "L D D D D D",
    "reports:import_progress": "L D D D D D",
    "reports:import_template": "L D D D D D",
    "reports:index": "L O O D D D",
    "reports:statistics": "L O O D D D",
    "reports:statistics_xlsx": "L O O D D D",
    "search:results": "L O O O O O",
    "search:saved": "L O O O O O",
    "search:saved_create": "L M M M M M",
    "search:saved_delete": "L M M M M M",
}
# "-" marks an allowed write: not performed here (the apps' own tests do), only refusals are.
API_EXPECTED: dict[str, str | dict[str, str]] = {
    "outgoing_edxml": {"normal": "U C C C D D", "secret": "U D C C D D"},
    "search_list": "U O O O O O",
    "v1_assignment_extensions_grant_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignment_extensions_list": "U O O O O O",
    "v1_assignment_extensions_refuse_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignment_extensions_retrieve": {"normal": "U D O O D D", "secret": "U D O O D D"},
    "v1_assignments_complete_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignments_create": "U - - - - -",
    "v1_assignments_extension_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignments_list": "U O O O O O",
    "v1_assignments_progress_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignments_reassign_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_assignments_retrieve": {"normal": "U D O O D D", "secret": "U D O O D D"},
    "v1_assignments_start_create": {"normal": "U D - - D D", "secret": "U D - - D D"},
    "v1_auth_token_create": "- - - - - -",
    "v1_correspondents_create": "U - - - - -",
    "v1_correspondents_list": "U O O O O O",
    "v1_correspondents_retrieve": "U O O O O O",
    "v1_document_types_list": "U O O O O O",
    "v1_document_types_retrieve": "U O O O O O",
    "v1_exchange_inbox_accept_create": "U D D D D D",
    "v1_exchange_inbox_create": "U - - - - -",
    "v1_exchange_inbox_list": "U O O O O O",
    "v1_exchange_inbox_refuse_create": "U D D D D D",
    "v1_exchange_inbox_retrieve": "U D D D D D",
    "v1_exchange_recipients_list": "U O O O O O",
    "v1_files_add_item_create": "U - - - D -",
    "v1_files_close_create": "U - - - D -",
    "v1_files_create": "U - - - - -",
    "v1_files_export_retrieve": "U O O O D O",
    "v1_files_hand_over_create": "U - - - D -",
    "v1_files_list": "U O O O O O",
    "v1_files_open_create": "U - - - D -",
    "v1_files_retrieve": "U O O O D O",
    "v1_incoming_create": "U - - - - -",
    "v1_incoming_direct_create": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_incoming_list": "U O O O O O",
    "v1_incoming_partial_update": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_incoming_register_create": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_incoming_retrieve": {"normal": "U O O O D D", "secret": "U O O O D D"},
    "v1_incoming_return_create": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_incoming_submit_create": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_incoming_void_create": {"normal": "U - - - D D", "secret": "U - - - D D"},
    "v1_me_retrieve": "U O O O O O",
    "v1_notifications_list": "U O O O O O",
    "v1_notifications_read_all_create": "U - - - - -",
    "v1_notifications_read_create": "U D D - D D",
    "v1_notifications_retrieve": "U D D O D D",
    "v1_outgoing_approve_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_create": "U - - - - -",
    "v1_outgoing_destroy": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_dispatch_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_issue_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_list": "U O O O O O",
    "v1_outgoing_partial_update": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_recall_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_retrieve": {"normal": "U O O O D D", "secret": "U D O O D D"},
    "v1_outgoing_return_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_submit_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_update": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_versions_create": {"normal": "U - - - D D", "secret": "U D - - D D"},
    "v1_outgoing_versions_list": {"normal": "U O O O D D", "secret": "U D O O D D"},
    "v1_units_list": "U O O O O O",
    "v1_units_retrieve": "U O O O O O",
}


def _expected(row: str | dict[str, str], secrecy: str) -> dict[str, str]:
    text = row if isinstance(row, str) else row[secrecy]
    letters = text.split()
    assert len(letters) == len(ROLES), f"a row needs {len(ROLES)} letters: {text!r}"
    return dict(zip(ROLES, letters, strict=True))


def _client(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def clients(world):
    made = {"anonymous": _client(None)}
    made.update({role: _client(user) for role, user in world.users.items()})
    return made


@pytest.fixture
def api_clients(world):
    made = {"anonymous": Client(raise_request_exception=False)}
    for role, user in world.users.items():
        token, _ = Token.objects.get_or_create(user=user)
        made[role] = Client(raise_request_exception=False,
                                  HTTP_AUTHORIZATION=f"Token {token.key}")
    return made


def _page_routes():
    return [r for r in walk_urlconf()
            if not r.route.startswith(("api/v1/", ADMIN_PREFIX, "static/"))]


def _secrecies(route) -> tuple[str, ...]:
    app = route.key.split(":", 1)[0]
    has_object = any(p in route.params for p in ("pk", "attachment_pk", "number"))
    return ("normal", "secret") if (has_object and app in {
        "incoming", "outgoing", "assignments"}) or route.key == "casefiles:suggest" \
        else ("normal",)


def _check(results, failures, key, secrecy, role, expected, response, marker):
    got = letter(response)
    results.setdefault(key, {}).setdefault(secrecy, {})[role] = got
    if got.startswith("5"):
        failures.append(f"{key} [{secrecy}] as {role}: server error {got}")
    elif got != expected:
        failures.append(f"{key} [{secrecy}] as {role}: expected {expected}, got {got}")
    if got in {"D", "L", "U", "A", "M"} and marker in body_of(response):
        failures.append(f"{key} [{secrecy}] as {role}: refused but the body shows the object")


def _discovered(results):
    for key, by_secrecy in sorted(results.items()):
        rows = {s: " ".join(by_secrecy[s][r] for r in ROLES) for s in by_secrecy}
        value = json.dumps(rows if len(rows) > 1 else rows["normal"], ensure_ascii=False)
        print(f'    "{key}": {value},')


@pytest.mark.django_db
def test_every_page_answers_each_role_as_the_table_says(world, clients):
    routes = _page_routes()
    unknown = sorted(r.key for r in routes if r.key not in PAGES_EXPECTED)
    if not DISCOVER:
        assert not unknown, f"pages missing from PAGES_EXPECTED: {unknown}"
    results: dict = {}
    failures: list[str] = []
    cases = 0
    for route in routes:
        for secrecy in _secrecies(route):
            path = fill(route, ids_for(world, route.key, secrecy))
            row = PAGES_EXPECTED.get(route.key, " ".join(["?"] * len(ROLES)))
            expected = _expected(row, secrecy)
            for role in ROLES:
                response = clients[role].get(path)
                cases += 1
                _check(results, failures, route.key, secrecy, role, expected[role], response,
                       MARK[secrecy])
                if role in {"other_staff", "admin", "anonymous"} and \
                        MARK["secret"] in body_of(response) and not route.params:
                    failures.append(f"{route.key} as {role}: a list shows a secret document")
    if DISCOVER:
        _discovered(results)
    print(f"\npermission matrix (pages): {cases} URL × role × object cases")
    assert not failures, "\n".join(failures)


def _schema(api_clients) -> dict:
    response = api_clients["admin"].get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _reference_ids() -> dict[str, int]:
    """Directory rows every signed-in user may read (they have no secret variant)."""
    return {"correspondents": Correspondent.objects.order_by("pk").first().pk,
            "units": Unit.objects.order_by("pk").first().pk,
            "document-types": DocumentType.objects.order_by("pk").first().pk}


def _api_secrecies(path: str) -> tuple[str, ...]:
    return ("normal", "secret") if "{id}" in path and api_kind(path) in SECRET_API_KINDS \
        else ("normal",)


@pytest.mark.django_db
def test_every_api_operation_answers_each_role_as_the_table_says(world, api_clients):
    operations = list(schema_operations(_schema(api_clients)))
    unknown = sorted({op for op, _m, _p in operations if op not in API_EXPECTED})
    if not DISCOVER:
        assert not unknown, f"API operations missing from API_EXPECTED: {unknown}"
    reference = _reference_ids()
    results: dict = {}
    failures: list[str] = []
    cases = 0
    for operation_id, method, template in operations:
        for secrecy in _api_secrecies(template):
            path = api_path(world, template, secrecy, reference)
            row = API_EXPECTED.get(operation_id, " ".join(["?"] * len(ROLES)))
            expected = _expected(row, secrecy)
            for role in ROLES:
                if method != "get" and expected[role] not in {"U", "D", "M"}:
                    continue  # allowed writes are the apps' own tests; here only refusals
                call = getattr(api_clients[role], method)
                response = call(path, data="{}", content_type="application/json") \
                    if method != "get" else call(path)
                cases += 1
                _check(results, failures, operation_id, secrecy, role, expected[role],
                       response, MARK[secrecy])
    if DISCOVER:
        _discovered(results)
    print(f"\npermission matrix (API): {cases} operation × role × object cases")
    assert not failures, "\n".join(failures)


def test_every_api_route_of_the_urlconf_is_in_the_schema(db, api_clients):
    """The API sweep follows the schema: no router URL may be missing from it."""
    from django.urls import resolve

    schema_views = set()
    for _op, _method, template in schema_operations(_schema(api_clients)):
        match = resolve(template.replace("{id}", "1"))
        schema_views.add(match.url_name)
    outside = {"api-root", "api-token"}  # DRF's index, and the token endpoint (login)
    routes = {r.key for r in walk_urlconf() if r.route.startswith("api/v1/")}
    assert routes - schema_views - outside == set()


@pytest.mark.django_db
def test_forbidden_roles_cannot_post_to_any_page(world, clients):
    """Each page a role may not open also refuses its POST (no state change is attempted for
    allowed roles: that is the apps' own tests)."""
    failures = []
    cases = 0
    for route in _page_routes():
        if route.key not in PAGES_EXPECTED:
            continue
        for secrecy in _secrecies(route):
            expected = _expected(PAGES_EXPECTED[route.key], secrecy)
            path = fill(route, ids_for(world, route.key, secrecy))
            for role in ROLES:
                if expected[role] not in {"D", "L"} and not (role == "anonymous"
                                                             and route.key not in PUBLIC):
                    continue
                response = clients[role].post(path, {})
                cases += 1
                got = letter(response)
                allowed = {"L", "M"} if role == "anonymous" else {"D", "M"}
                if got not in allowed:
                    failures.append(f"POST {route.key} [{secrecy}] as {role}: got {got}")
                elif MARK[secrecy] in body_of(response):
                    failures.append(f"POST {route.key} [{secrecy}] as {role}: shows data")
    print(f"\npermission matrix (POST refusals): {cases} cases")
    assert not failures, "\n".join(failures)


PUBLIC = {"login", "logout", "healthz", "ping", "api-schema", "api-docs"}
