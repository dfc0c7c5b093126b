"""Fuzzing the reader: whatever comes in, it returns a whole message or raises PacketError."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.exchange.edxml import (
    Attachment,
    DocumentMessage,
    PacketError,
    StatusMessage,
    read_document,
    read_status,
    write_document,
    write_status,
)

from .samples import sample_document, sample_status

FUZZ = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
VALID_DOCUMENT = write_document(sample_document())
VALID_STATUS = write_status(sample_status())


def read_or_refuse(data: bytes) -> None:
    """The contract: a message of the right type, or PacketError; nothing else escapes."""
    try:
        assert isinstance(read_document(data), DocumentMessage)
    except PacketError as error:
        assert error.reason
    try:
        assert isinstance(read_status(data), StatusMessage)
    except PacketError as error:
        assert error.reason


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    read_or_refuse(data)


@st.composite
def mutated(draw, valid: bytes = VALID_DOCUMENT) -> bytes:
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        operation = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        if operation == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=32))
        elif operation == "truncate":
            del data[position:]
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 200))]
        if not data:
            break
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_document_packets(data):
    read_or_refuse(data)


@FUZZ
@given(mutated(VALID_STATUS))
def test_mutated_status_packets(data):
    read_or_refuse(data)


NASTY_TEXT = ["", " ", "x", "0", "-1", "99999999999", "2026/02/29", "31/12/2025", "cid:", "=="]
INTERESTING_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(NASTY_TEXT))
SMALL_DOCUMENT = write_document(
    sample_document(attachments=(Attachment("a", "a.pdf", "application/pdf", b"%PDF-1.7 tiny"),))
)


def leaves(packet: bytes) -> tuple[ET.Element, list[tuple[ET.Element, ET.Element]]]:
    """The parsed packet and its (parent, element) pairs, leaves (the text carriers) first."""
    root = ET.fromstring(packet)
    pairs = [(parent, child) for parent in root.iter() for child in parent]
    return root, sorted(pairs, key=lambda pair: len(pair[1]) > 0)


@FUZZ
@given(st.data())
def test_structurally_mutated_packets(data):
    """Drop an element or replace a leaf's text: still a whole message or PacketError."""
    root, pairs = leaves(SMALL_DOCUMENT)
    parent, child = data.draw(st.sampled_from(pairs))
    if len(child) or data.draw(st.booleans()):
        parent.remove(child)
    else:
        child.text = data.draw(INTERESTING_TEXT)
    read_or_refuse(ET.tostring(root, encoding="utf-8"))


def test_every_leaf_with_every_nasty_value():
    """The deterministic sweep behind the fuzzing: each text element, each awkward value."""
    count = len(leaves(SMALL_DOCUMENT)[1])
    for index in range(count):
        for value in [*NASTY_TEXT, "bốn", "\u202e"]:
            root, pairs = leaves(SMALL_DOCUMENT)
            _, child = pairs[index]
            if len(child):
                continue
            child.text = value
            read_or_refuse(ET.tostring(root, encoding="utf-8"))


XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=60
).map(str.strip)


@settings(max_examples=60, deadline=None, database=None)
@given(
    subject=XML_TEXT,
    organ_name=XML_TEXT,
    notation=XML_TEXT,
    payloads=st.lists(st.binary(max_size=3000), min_size=0, max_size=3),
)
def test_round_trip_of_arbitrary_text_and_bytes(subject, organ_name, notation, payloads):
    base = sample_document()
    message = sample_document(
        subject=subject,
        sender=base.sender.__class__(base.sender.organ_id, organ_name),
        code=base.code.__class__("15", notation),
        attachments=tuple(
            Attachment(f"a{index}", f"tep-{index}.bin", "application/octet-stream", payload)
            for index, payload in enumerate(payloads)
        ),
    )

    assert read_document(write_document(message)) == message
