import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

_REFRESH_EVERY = 300  # seconds


class SessionIdleTimeoutMiddleware:
    """Sign out a session idle longer than SESSION_IDLE_TIMEOUT seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.SESSION_IDLE_TIMEOUT
        user = getattr(request, "user", None)
        if timeout and user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > timeout:
                logout(request)
            elif now - last_seen >= _REFRESH_EVERY or "last_seen" not in request.session:
                request.session["last_seen"] = now
        return self.get_response(request)


class OTPRequiredMiddleware:
    """Keep a user who signed in with a password on the two-factor step until a code is given.

    The sign-in marks the session (registry.access.twofactor) only for users with a confirmed
    TOTP device, so everyone else costs nothing here. API calls with a token carry no session
    and are not affected; an API call on a pending session is refused.
    """

    PENDING_KEY = "otp_pending"
    EXEMPT_PREFIXES = ("/static/", "/dang-xuat/", "/healthz", "/ping")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(self.PENDING_KEY) and not self._exempt(request):
            if request.path.startswith("/api/"):
                return HttpResponse(status=403)
            return redirect(f"{reverse('access:totp_verify')}?{urlencode({'next': request.path})}")
        return self.get_response(request)

    def _exempt(self, request: HttpRequest) -> bool:
        return request.path == reverse("access:totp_verify") or request.path.startswith(
            self.EXEMPT_PREFIXES)
