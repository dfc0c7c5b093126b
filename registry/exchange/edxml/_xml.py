"""Hardened parsing and namespace-lenient lookups for the reader."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import Limits, PacketError
from .model import ACCEPTED_NAMESPACES

_ROOTS = ("edXML", "edXMLEnvelope")
_MAX_DIGITS = 9


def split_tag(tag: object) -> tuple[str, str]:
    """`{ns}local` → (ns, local); comments and processing instructions → ("", "")."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def parse_packet(data: bytes, limits: Limits) -> Node:
    """Parse `data` with entities, DTDs and external references refused; check the root."""
    if not isinstance(data, bytes | bytearray):
        raise PacketError("Gói tin phải là dữ liệu nhị phân (bytes).")
    if len(data) > limits.max_packet_bytes:
        raise PacketError(
            f"Gói tin quá lớn: {len(data) // (1024 * 1024)} MB, "
            f"tối đa {limits.max_packet_bytes // (1024 * 1024)} MB."
        )
    if not data.strip():
        raise PacketError("Gói tin rỗng.")
    try:
        root = fromstring(bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise PacketError(
            "Gói tin chứa khai báo DTD, thực thể hoặc tham chiếu ngoài "
            "(nguy cơ bom XML): bị từ chối."
        ) from None
    except (ParseError, ValueError, LookupError, UnicodeError, RecursionError) as error:
        raise PacketError(f"Gói tin không phải XML hợp lệ: {str(error)[:120]}") from None
    ns, local = split_tag(root.tag)
    if local not in _ROOTS:
        raise PacketError(f"Phần tử gốc “{local[:60]}” không phải edXML hay edXMLEnvelope.")
    if ns not in ACCEPTED_NAMESPACES:
        raise PacketError(f"Không gian tên “{ns[:80]}” không được chấp nhận.")
    return Node(root, ns, local)


class Node:
    """An element whose children are looked up by local name, in its namespace or in none."""

    def __init__(self, element: Element, ns: str, path: str) -> None:
        self.element = element
        self.ns = ns
        self.path = path

    def _matches(self, child: Element, name: str) -> bool:
        ns, local = split_tag(child.tag)
        return local == name and ns in (self.ns, "")

    def children(self, name: str) -> list[Node]:
        return [
            Node(child, self.ns, f"{self.path}/{name}")
            for child in self.element
            if self._matches(child, name)
        ]

    def child(self, name: str) -> Node | None:
        found = self.children(name)
        return found[0] if found else None

    def require(self, name: str, what: str) -> Node:
        found = self.child(name)
        if found is None:
            raise PacketError(f"Thiếu {what} ({self.path}/{name}).")
        return found

    @property
    def value(self) -> str:
        return (self.element.text or "").strip()

    def text(self, name: str) -> str:
        found = self.child(name)
        return found.value if found is not None else ""

    def required_text(self, name: str, what: str) -> str:
        text = self.require(name, what).value
        if not text:
            raise PacketError(f"Thiếu {what} ({self.path}/{name} rỗng).")
        return text

    def integer(self, name: str) -> int | None:
        text = self.text(name)
        if not text:
            return None
        if not re.fullmatch(r"-?\d+", text) or len(text) > _MAX_DIGITS:
            raise PacketError(f"Giá trị số không hợp lệ ở {self.path}/{name}: “{text[:40]}”.")
        return int(text)

    def attribute(self, *names: str) -> str:
        """The first attribute whose local name is one of `names`, whatever its namespace."""
        for key, value in self.element.attrib.items():
            if split_tag(key)[1] in names:
                return value.strip()
        return ""
