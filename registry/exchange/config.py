"""The exchange settings in one place: the transport, the packet limits, the trust roots."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings

from .edxml import Limits
from .transport import Transport, transport_from_config

MB = 1024 * 1024


def exchange_settings() -> Mapping[str, str]:
    """`settings.EXCHANGE`: the EXCHANGE_* variables read from the environment."""
    return getattr(settings, "EXCHANGE", {}) or {}


def exchange_transport() -> Transport | None:
    """The configured transport, or None when exchange is off (EXCHANGE_TRANSPORT unset)."""
    return transport_from_config(exchange_settings())


def exchange_limits() -> Limits:
    config = exchange_settings()
    return Limits(
        max_packet_bytes=int(config.get("EXCHANGE_MAX_PACKET_MB") or 120) * MB,
        max_attachment_bytes=int(config.get("EXCHANGE_MAX_ATTACHMENT_MB") or 40) * MB,
    )


def accept_days() -> int:
    """Working days after which a recipient that has not accepted our document is listed."""
    return int(exchange_settings().get("EXCHANGE_ACCEPT_DAYS") or 2)


def trust_roots() -> list[Any]:
    """The active installed roots, parsed (asn1crypto certificates)."""
    from .models import TrustRoot
    from .signatures import load_trust_roots

    blobs = [bytes(der) for der in TrustRoot.objects.filter(is_active=True)
             .values_list("der", flat=True)]
    return load_trust_roots(blobs) if blobs else []
