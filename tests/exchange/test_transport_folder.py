"""The folder adapter: atomic writes, listing, fetching and acknowledging."""

from __future__ import annotations

import os

import pytest

from registry.exchange.transport import FolderTransport, Transport, TransportError
from registry.exchange.transport.config import transport_from_config


@pytest.fixture
def folder(tmp_path) -> FolderTransport:
    return FolderTransport(
        inbox=tmp_path / "inbox", outbox=tmp_path / "outbox", processed=tmp_path / "processed"
    )


def test_folder_transport_is_a_transport(folder):
    assert isinstance(folder, Transport)


def test_send_packet_writes_the_file_and_leaves_no_temporary(folder):
    packet_id = folder.send_packet(b"<edXML/>", "15-CT-UBND.edxml")

    assert packet_id == "15-CT-UBND.edxml"
    assert (folder.outbox / "15-CT-UBND.edxml").read_bytes() == b"<edXML/>"
    assert os.listdir(folder.outbox) == ["15-CT-UBND.edxml"]


def test_sending_the_same_bytes_again_is_a_no_op_but_different_bytes_are_refused(folder):
    folder.send_packet(b"one", "a.xml")
    folder.send_packet(b"one", "a.xml")

    with pytest.raises(TransportError) as caught:
        folder.send_packet(b"two", "a.xml")

    assert caught.value.retryable is False
    assert (folder.outbox / "a.xml").read_bytes() == b"one"


def test_failed_rename_leaves_neither_target_nor_temporary(folder, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("registry.exchange.transport.folder.os.replace", broken_replace)

    with pytest.raises(TransportError) as caught:
        folder.send_packet(b"data", "a.xml")

    assert caught.value.retryable is True
    assert os.listdir(folder.outbox) == []


@pytest.mark.parametrize("name", ["../evil.xml", "a/b.xml", ".hidden", "", "x" * 300, "a b.xml"])
def test_unsafe_file_names_are_refused(folder, name):
    with pytest.raises(TransportError) as caught:
        folder.send_packet(b"data", name)

    assert caught.value.retryable is False


def test_send_status_names_its_file(folder):
    name = folder.send_status(b"<status/>")

    assert name.startswith("status-") and name.endswith(".xml")
    assert (folder.outbox / name).read_bytes() == b"<status/>"


def test_list_fetch_acknowledge(folder):
    (folder.inbox / "b.xml").write_bytes(b"second")
    os.utime(folder.inbox / "b.xml", ns=(2_000_000_000, 2_000_000_000))
    (folder.inbox / "a.xml").write_bytes(b"first")
    os.utime(folder.inbox / "a.xml", ns=(1_000_000_000, 1_000_000_000))
    (folder.inbox / ".c.xml.123.part").write_bytes(b"half written")

    listed = folder.list_received()

    assert [(p.id, p.size) for p in listed] == [("a.xml", 5), ("b.xml", 6)]
    assert folder.fetch("a.xml") == b"first"
    folder.acknowledge("a.xml")
    folder.acknowledge("a.xml")  # idempotent
    assert [p.id for p in folder.list_received()] == ["b.xml"]
    assert (folder.processed / "a.xml").read_bytes() == b"first"


def test_same_name_acknowledged_twice_keeps_both(folder):
    for content in (b"first", b"second"):
        (folder.inbox / "a.xml").write_bytes(content)
        folder.acknowledge("a.xml")

    kept = sorted(path.read_bytes() for path in folder.processed.iterdir())
    assert kept == [b"first", b"second"]


def test_packets_named_by_a_connector_in_vietnamese_are_fetched(folder):
    (folder.inbox / "Công văn 15.xml").write_bytes(b"x")

    [packet] = folder.list_received()
    assert folder.fetch(packet.id) == b"x"
    folder.acknowledge(packet.id)
    assert folder.list_received() == []


@pytest.mark.parametrize("packet_id", ["../outbox/a.xml", ".hidden", "", "a\\b", "a\x00b"])
def test_packet_ids_outside_the_inbox_are_refused(folder, packet_id):
    with pytest.raises(TransportError) as caught:
        folder.fetch(packet_id)

    assert caught.value.retryable is False


def test_unknown_packet_is_not_retryable(folder):
    for call in (folder.fetch, folder.acknowledge):
        with pytest.raises(TransportError) as caught:
            call("missing.xml")
        assert caught.value.retryable is False


def test_transport_from_config_builds_a_folder_transport(tmp_path):
    transport = transport_from_config(
        {"EXCHANGE_TRANSPORT": "folder", "EXCHANGE_FOLDER": str(tmp_path)}
    )

    assert isinstance(transport, FolderTransport)
    assert (tmp_path / "inbox").is_dir() and (tmp_path / "outbox").is_dir()


def test_transport_from_config_without_setting_is_none_and_unknown_kind_fails():
    assert transport_from_config({}) is None
    with pytest.raises(ValueError):
        transport_from_config({"EXCHANGE_TRANSPORT": "ftp"})
    with pytest.raises(ValueError):
        transport_from_config({"EXCHANGE_TRANSPORT": "folder"})
