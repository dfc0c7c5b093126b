"""Who sees which access-change alerts: administrators, for their own agency."""

from typing import Any

from django.db.models import Q, QuerySet

from .models import AccessChange


def access_changes_for(user: Any) -> QuerySet[AccessChange]:
    """Alerts an administrator may read: their agency's (all of them for one with no agency)."""
    if not getattr(user, "is_authenticated", False) or not user.is_administrator:
        return AccessChange.objects.none()
    qs = AccessChange.objects.all()
    if user.agency_id:
        qs = qs.filter(Q(agency_id=user.agency_id) | Q(agency__isnull=True))
    return qs


def access_changes_open(user: Any) -> QuerySet[AccessChange]:
    return access_changes_for(user).filter(confirmed_at__isnull=True)


def access_changes_page(user: Any, *, open_only: bool) -> QuerySet[AccessChange]:
    qs = access_changes_open(user) if open_only else access_changes_for(user)
    return qs.select_related("actor", "user", "confirmed_by").order_by("-created_at", "-id")


def access_changes_open_count(user: Any) -> int:
    return access_changes_open(user).count()
