"""The agency code history (import/refresh from the national list), the trust roots, and
who a packet's OrganId is in our directory."""

import hashlib
from typing import Any

from asn1crypto import x509
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.organisation.models import Agency, Correspondent, CorrespondentKind
from registry.organisation.services import correspondent_create

from .. import events
from ..directory import CodeStatus, parse_agency_codes
from ..edxml import Organization
from ..models import AgencyCode, AgencyCodeStatus, TrustRoot
from ..signatures import load_trust_roots


def agency_codes_import(*, actor: Any, data: bytes, filename: str) -> tuple[int, list[str]]:
    """Refresh the code history from a CSV/XLSX list: (rows stored, line errors).

    A row is keyed by (code, valid from). A newly active row closes the code's previous
    active row (its `valid_to` becomes the new row's start); rows not in the list stay, as
    history. Nothing is stored when the file cannot be read at all.
    """
    parsed = parse_agency_codes(data, filename)
    errors = [str(error) for error in parsed.errors]
    if not parsed.rows:
        return 0, errors or [_("Tệp không có dòng nào hợp lệ.")]
    with transaction.atomic():
        first = None
        for row in parsed.rows:
            active = row.status is CodeStatus.ACTIVE
            if active:
                AgencyCode.objects.filter(organ_id=row.organ_id, status=AgencyCodeStatus.ACTIVE) \
                    .exclude(valid_from=row.valid_from).update(
                        status=AgencyCodeStatus.CLOSED, valid_to=row.valid_from)
            code, _created = AgencyCode.objects.update_or_create(
                organ_id=row.organ_id, valid_from=row.valid_from, defaults={
                    "name": row.name[:255], "parent_organ_id": row.parent,
                    "status": AgencyCodeStatus.ACTIVE if active else AgencyCodeStatus.CLOSED,
                    "valid_to": row.valid_to, "code_2020": row.code_2020})
            first = first or code
        event_record(actor=actor, verb=events.CODES_IMPORTED, target=first,
                     payload={"filename": filename[:200], "rows": len(parsed.rows),
                              "errors": len(errors)})
    return len(parsed.rows), errors


def agency_code_current(organ_id: str) -> AgencyCode | None:
    """The active row of a code, else its latest closed one."""
    return (AgencyCode.objects.filter(organ_id=organ_id)
            .order_by("status", "-valid_from").first())  # "active" sorts before "closed"


def sender_resolve(*, organization: Organization, actor: Any = None) -> dict[str, Any]:
    """`sender` or `sender_agency` for incoming_receive, from the packet's From.

    Our own agencies first (a deployment's agencies exchange too), then the correspondents
    directory by OrganId, then the code list's name, then the name in the packet (added to
    the directory with its code, as a clerk would).
    """
    organ_id = organization.organ_id.strip().upper()
    agency = Agency.objects.filter(organ_id=organ_id).first() if organ_id else None
    if agency is not None:
        return {"sender_agency": agency}
    known = Correspondent.objects.filter(organ_id=organ_id, is_active=True).order_by("id").first()
    if known is not None:
        return {"sender": known}
    code = agency_code_current(organ_id)
    name = code.name if code is not None else organization.organ_name.strip()
    if not name:
        raise ValidationError(_("Không xác định được cơ quan gửi (mã %(code)s).")
                              % {"code": organ_id})
    email = organization.email if "@" in organization.email else ""
    correspondent = correspondent_create(actor=actor, name=name[:255], organ_id=organ_id[:13],
                                         kind=CorrespondentKind.OTHER, email=email[:254])
    return {"sender": correspondent}


def trust_roots_install(*, actor: Any, data: bytes, name: str) -> list[TrustRoot]:
    """Install the root certificate(s) of a PEM or DER file; ValidationError if unreadable."""
    try:
        certificates = load_trust_roots([data])
    except ValueError as error:
        raise ValidationError({"certificate": str(error)}) from None
    installed = []
    with transaction.atomic():
        for certificate in certificates:
            installed.append(_root_store(actor=actor, certificate=certificate, name=name))
    return installed


def _root_store(*, actor: Any, certificate: x509.Certificate, name: str) -> TrustRoot:
    der = certificate.dump()
    fingerprint = hashlib.sha256(der).hexdigest()
    subject = certificate.subject.human_friendly[:500]
    root, created = TrustRoot.objects.get_or_create(fingerprint=fingerprint, defaults={
        "name": (name or subject)[:200], "subject": subject, "der": der,
        "not_after": certificate["tbs_certificate"]["validity"]["not_after"].native,
        "installed_by": actor if getattr(actor, "pk", None) else None})
    if not created and not root.is_active:
        root.is_active = True
        root.save(update_fields=["is_active"])
    event_record(actor=actor, verb=events.TRUST_ROOT_INSTALLED, target=root,
                 payload={"subject": subject, "fingerprint": fingerprint})
    return root
