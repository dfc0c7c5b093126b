from django.db.models import QuerySet

from registry.core.text import fold

from .models import Correspondent, DocumentType, Unit, User


def correspondent_search(query: str, *, limit: int = 15) -> QuerySet[Correspondent]:
    """Autocomplete: folded prefix matches first, then folded substring matches."""
    folded = fold(query)
    qs = Correspondent.objects.filter(is_active=True)
    if not folded:
        return qs.order_by("name")[:limit]
    prefix = list(qs.filter(name_folded__startswith=folded).order_by("name")[:limit])
    if len(prefix) >= limit:
        return Correspondent.objects.filter(pk__in=[c.pk for c in prefix]).order_by("name")
    words = folded.split()
    contains = qs
    for word in words:
        contains = contains.filter(name_folded__contains=word)
    ids = [c.pk for c in prefix] + list(
        contains.exclude(pk__in=[c.pk for c in prefix]).order_by("name")
        .values_list("pk", flat=True)[: limit - len(prefix)]
    )
    return Correspondent.objects.filter(pk__in=ids).order_by("name")


def units_of_agency(agency_id: int | None) -> QuerySet[Unit]:
    return Unit.objects.filter(agency_id=agency_id, is_active=True).order_by("sort_order", "name")


def unit_descendant_ids(unit: Unit) -> list[int]:
    """The unit and every unit below it (one query per level; trees are shallow)."""
    ids, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def users_with_role(agency_id: int | None, role: str) -> QuerySet[User]:
    return User.objects.filter(agency_id=agency_id, is_active=True, roles__contains=[role]) \
        .select_related("position", "unit").order_by("position__rank", "full_name")


def document_types_active() -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(is_active=True).order_by("sort_order", "name")
