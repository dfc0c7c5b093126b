"""The machinery of the permission matrix: walking the URL conf and the OpenAPI schema,
filling path parameters with real objects, and classing each answer with one letter.

Letters: L login page (302 to /dang-nhap/), A admin login (302 to /quan-tri/login/),
U 401 (API, anonymous), O 200, R a redirect elsewhere, D refused without data (403 or 404),
M 405 (wrong method), C 400 (bad input to an allowed action).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from .conftest import World

LOGIN = "/dang-nhap/"
# The id used where the world has no object of that kind (pages of apps it does not seed):
# such a page must still send anonymous users to the login page and refuse everyone else.
MISSING = 2_000_000_000
ADMIN_LOGIN = "/quan-tri/login/"


@dataclass(frozen=True)
class Route:
    key: str  # the URL name with its namespace, or the route for an unnamed one
    route: str
    params: tuple[str, ...]


def _params(route: str) -> tuple[str, ...]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    names += re.findall(r"\(\?P<(\w+)>", route)
    return tuple(names)


def walk_urlconf() -> list[Route]:
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = pattern.name or ""
                key = f"{namespace}:{name}" if namespace and name else (name or route)
                found.append(Route(key=key, route=route, params=_params(route)))

    walk(get_resolver().url_patterns, "", None)
    return found


def fill(route: Route, values: dict[str, Any]) -> str:
    """The route as a path, its parameters replaced by `values` (regex routes too)."""
    path = route.route
    for name in route.params:
        value = str(values.get(name, MISSING))
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", value, path)
    path = path.lstrip("^").replace("\\.", ".").rstrip("$")
    return "/" + path


def letter(response: Any) -> str:
    status = response.status_code
    location = response.get("Location", "") if status in (301, 302) else ""
    if status in (301, 302):
        if location.startswith(LOGIN):
            return "L"
        return "A" if location.startswith(ADMIN_LOGIN) else "R"
    return {200: "O", 201: "O", 204: "O", 400: "C", 401: "U", 403: "D", 404: "D",
            405: "M"}.get(status, str(status))


def body_of(response: Any) -> str:
    if getattr(response, "streaming", False):
        return ""
    content = response.content
    return content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content)


def ids_for(world: World, key: str, secrecy: str) -> dict[str, Any]:
    """Path parameters of a page from the world's object of that kind and secrecy."""
    objs = world.of(secrecy)
    normal = world.normal.extra
    app = key.split(":", 1)[0]
    year = timezone.localdate().year
    by_app = {
        "incoming": {"pk": objs.incoming.pk, "attachment_pk": normal["attachment"].pk},
        "outgoing": {"pk": objs.outgoing.pk, "number": 1},
        "assignments": {"pk": objs.extra["extension"].pk if key.endswith("extension_decide")
                        else objs.assignment.pk},
        "notifications": {"pk": normal["notification"].pk},
        "casefiles": {"pk": normal["casefile"].pk, "year": year, "item_pk": 1,
                      "kind": "incoming"},
        "access": {"pk": 1},
    }
    values = dict(by_app.get(app, {}))
    if key == "casefiles:suggest":
        values["pk"] = objs.incoming.pk
    if key == "assignments:file":
        values["pk"] = MISSING  # no such file: a refusal for everyone
    return values


def schema_operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(operationId, method, path template) of every operation in the OpenAPI document."""
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield operation["operationId"], method, path


API_KINDS = {
    "incoming": lambda w, s: w.of(s).incoming.pk,
    "outgoing": lambda w, s: w.of(s).outgoing.pk,
    "assignments": lambda w, s: w.of(s).assignment.pk,
    "assignment-extensions": lambda w, s: w.of(s).extra["extension"].pk,
    "notifications": lambda w, s: w.normal.extra["notification"].pk,
    "files": lambda w, s: w.normal.extra["casefile"].pk,
}
SECRET_API_KINDS = {"incoming", "outgoing", "assignments", "assignment-extensions"}


def api_kind(path: str) -> str:
    return path.removeprefix("/api/v1/").split("/", 1)[0]


def api_path(world: World, path: str, secrecy: str, reference_ids: dict[str, int]) -> str:
    kind = api_kind(path)
    if "{id}" not in path:
        return path
    getter = API_KINDS.get(kind)
    value = getter(world, secrecy) if getter else reference_ids.get(kind, MISSING)
    return path.replace("{id}", str(value))
