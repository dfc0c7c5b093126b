"""The archive XML: the file's metadata and its documents in time order (Appendix VI names).

Written in the namespace of `schemas/casefile-archive.xsd`, in the schema's element order;
an optional element is left out when it has no value.
"""

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from ..documents import IndexRow
from .index import ArchiveIndex

NAMESPACE = "urn:docflow:casefile:1"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "casefile-archive.xsd"
ET.register_namespace("", NAMESPACE)

# Characters XML 1.0 cannot carry (a vertical tab pasted from a word processor is the usual one).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _el(parent: ET.Element, name: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    if text is not None:
        element.text = _ILLEGAL_XML.sub(" ", str(text))
    return element


def _opt(parent: ET.Element, name: str, value: object) -> None:
    if value is None or value == "":
        return
    _el(parent, name, value)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _file(root: ET.Element, index: ArchiveIndex) -> None:
    node = _el(root, "File")
    _el(node, "FileCode", index.file_code)
    _opt(node, "OrganId", index.organ_id)
    _el(node, "OrganName", index.organ_name)
    _el(node, "FileCatalog", index.year)
    _el(node, "FileNotation", index.notation)
    _el(node, "Title", index.title)
    _el(node, "Maintenance", index.maintenance)
    _el(node, "Rights", index.rights)
    _el(node, "Creator", index.creator)
    _el(node, "Language", index.language)
    _opt(node, "StartDate", _date(index.start_date))
    _opt(node, "EndDate", _date(index.end_date))
    _el(node, "DocTotal", index.doc_total)
    _el(node, "PageTotal", index.page_total)
    _opt(node, "Description", index.description)


def _document(parent: ET.Element, row: IndexRow, language: str) -> None:
    node = _el(parent, "Document")
    _el(node, "DocOrdinal", row.ordinal)
    _el(node, "Kind", row.kind)
    if row.hidden:
        _el(node, "Hidden", "true")
        return
    _el(node, "TypeName", row.type_name)
    _el(node, "CodeNumber", row.code_number)
    _el(node, "CodeNotation", row.code_notation)
    _opt(node, "IssuedDate", _date(row.date))
    _el(node, "OrganName", row.author)
    _el(node, "Subject", row.summary or "-")
    _el(node, "Language", language)
    _el(node, "PageAmount", row.pages)
    _opt(node, "Description", row.description)


def archive_xml(index: ArchiveIndex, *, created: dt.datetime) -> bytes:
    root = ET.Element(f"{{{NAMESPACE}}}ArchivePackage",
                      {"version": "1.0", "created": created.isoformat(timespec="seconds")})
    _file(root, index)
    documents = _el(root, "Documents")
    for row in sorted(index.rows, key=lambda r: r.ordinal):
        _document(documents, row, index.language)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
