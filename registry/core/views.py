from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from registry.organisation.services import user_set_language

from .health import redis_state


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from .home import home_sections

    return render(request, "core/home.html", {"sections": home_sections(request.user)})


def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest answer the stack can give: the benchmarks' ceiling, a liveness probe."""
    return HttpResponse("pong", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    state: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = "ok"
    except Exception as exc:  # any driver error means "down" to a load balancer
        state["database"] = f"error: {exc.__class__.__name__}"
    state["redis"] = redis_state()
    healthy = state["database"] == "ok"
    state["status"] = "ok" if healthy and state["redis"] == "ok" else (
        "degraded" if healthy else "down")
    return JsonResponse(state, status=200 if healthy else 503)


@require_POST
@login_required
def language_set(request: HttpRequest) -> HttpResponse:
    user_set_language(user=request.user, language=request.POST.get("language", ""))
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
