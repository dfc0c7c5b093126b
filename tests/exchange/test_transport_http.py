"""The HTTP adapter against a small fake hub on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from registry.exchange.transport import HttpTransport, Transport, TransportError
from registry.exchange.transport.config import transport_from_config

SYSTEM_ID = "docflow-hungyen"
SECRET = "s3cret-token"


@dataclass
class Hub:
    """What the fake hub holds and saw."""

    inbox: dict[str, bytes] = field(default_factory=dict)
    sent: list[tuple[str, bytes]] = field(default_factory=list)
    statuses: list[bytes] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    fail_with: int | None = None
    list_body: bytes | None = None
    delay: float = 0.0


class Handler(BaseHTTPRequestHandler):
    hub: Hub

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def _reply(self, code: int, body: bytes = b"", content_type: str = "application/json"):
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test)

    def _guard(self) -> bool:
        hub = self.hub
        hub.requests.append(f"{self.command} {self.path}")
        if hub.delay:
            time.sleep(hub.delay)
        if self.headers.get("X-System-Id") != SYSTEM_ID or (
            self.headers.get("Authorization") != f"Bearer {SECRET}"
        ):
            self._reply(401, b'{"error": "unauthorised"}')
            return False
        if hub.fail_with:
            self._reply(hub.fail_with, b'{"error": "injected"}')
            return False
        if self.path.startswith("/hub/redirect"):
            self.send_response(302)
            self.send_header("Location", "/hub/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        return True

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_GET(self):
        if not self._guard():
            return
        hub = self.hub
        if self.path == "/hub/packets/received":
            listing = [
                {"id": key, "filename": f"{key}.xml", "size": len(v)}
                for key, v in hub.inbox.items()
            ]
            self._reply(200, hub.list_body or json.dumps(listing).encode())
        elif self.path.startswith("/hub/packets/received/"):
            key = unquote(self.path.rsplit("/", 1)[1])
            if key in hub.inbox:
                self._reply(200, hub.inbox[key], "application/xml")
            else:
                self._reply(404)
        else:
            self._reply(404)

    def do_POST(self):
        if not self._guard():
            return
        hub, body = self.hub, self._body()
        if self.path == "/hub/packets":
            hub.sent.append((unquote(self.headers.get("X-Filename", "")), body))
            self._reply(201, json.dumps({"id": f"out-{len(hub.sent)}"}).encode())
        elif self.path == "/hub/statuses":
            hub.statuses.append(body)
            self._reply(201, json.dumps({"id": len(hub.statuses)}).encode())
        elif self.path.startswith("/hub/packets/received/") and self.path.endswith("/ack"):
            key = unquote(self.path.split("/")[-2])
            if hub.inbox.pop(key, None) is None:
                self._reply(404)
            else:
                hub.acknowledged.append(key)
                self._reply(204)
        else:
            self._reply(404)


@pytest.fixture
def hub():
    state = Hub()
    handler = type("BoundHandler", (Handler,), {"hub": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hub/"  # type: ignore[attr-defined]
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def transport(hub: Hub, **overrides) -> HttpTransport:
    options = {
        "base_url": hub.url,  # type: ignore[attr-defined]
        "system_id": SYSTEM_ID,
        "secret": SECRET,
        "timeout": 2.0,
        "proxies": {},  # only ever the fake hub on 127.0.0.1
    }
    options.update(overrides)
    return HttpTransport(**options)


def test_http_transport_is_a_transport(hub):
    assert isinstance(transport(hub), Transport)


def test_send_packet_and_status_reach_the_hub(hub):
    client = transport(hub)

    assert client.send_packet(b"<edXML>doc</edXML>", "15 CT-UBND.xml") == "out-1"
    assert client.send_status(b"<edXML>03</edXML>") == "1"

    assert hub.sent == [("15 CT-UBND.xml", b"<edXML>doc</edXML>")]
    assert hub.statuses == [b"<edXML>03</edXML>"]


def test_list_fetch_and_acknowledge_received_packets(hub):
    hub.inbox.update({"p1": b"<edXML>1</edXML>", "p/2": b"<edXML>2</edXML>"})
    client = transport(hub)

    listed = client.list_received()

    assert [(p.id, p.filename, p.size) for p in listed] == [
        ("p1", "p1.xml", 16),
        ("p/2", "p/2.xml", 16),
    ]
    assert client.fetch("p/2") == b"<edXML>2</edXML>"
    client.acknowledge("p/2")
    assert hub.acknowledged == ["p/2"]
    assert [p.id for p in client.list_received()] == ["p1"]


def test_listing_wrapped_in_an_object_is_accepted(hub):
    hub.list_body = b'{"packets": [{"id": 7}]}'

    [packet] = transport(hub).list_received()

    assert (packet.id, packet.filename, packet.size) == ("7", "7", None)


@pytest.mark.parametrize(
    ("code", "retryable"),
    [(500, True), (503, True), (429, True), (408, True), (400, False), (404, False), (413, False)],
)
def test_http_errors_say_whether_to_retry(hub, code, retryable):
    hub.fail_with = code

    with pytest.raises(TransportError) as caught:
        transport(hub).send_packet(b"x", "a.xml")

    assert caught.value.retryable is retryable
    assert str(code) in str(caught.value)


def test_wrong_secret_is_not_retryable(hub):
    with pytest.raises(TransportError) as caught:
        transport(hub, secret="wrong").list_received()

    assert caught.value.retryable is False
    assert "401" in str(caught.value)


def test_timeout_is_retryable(hub):
    hub.delay = 1.0

    with pytest.raises(TransportError) as caught:
        transport(hub, timeout=0.2).list_received()

    assert caught.value.retryable is True


def test_connection_refused_is_retryable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port was free a moment ago and nothing listens on it now.
    client = HttpTransport(
        base_url=f"http://127.0.0.1:{port}/", system_id=SYSTEM_ID, secret=SECRET, proxies={}
    )

    with pytest.raises(TransportError) as caught:
        client.list_received()

    assert caught.value.retryable is True


def test_redirects_are_not_followed(hub):
    client = transport(hub, base_url=hub.url + "redirect/")  # type: ignore[attr-defined]

    with pytest.raises(TransportError) as caught:
        client.list_received()

    assert caught.value.retryable is False
    assert not any("elsewhere" in line for line in hub.requests)


@pytest.mark.parametrize("body", [b"<html>", b'{"packets": "nope"}', b'[{"name": "no id"}]'])
def test_malformed_listing_is_not_retryable(hub, body):
    hub.list_body = body

    with pytest.raises(TransportError) as caught:
        transport(hub).list_received()

    assert caught.value.retryable is False


def test_oversized_packet_is_refused(hub):
    hub.inbox["big"] = b"x" * 1000

    with pytest.raises(TransportError) as caught:
        transport(hub, max_packet_bytes=100).fetch("big")

    assert caught.value.retryable is False


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "file:///etc/"},
        {"base_url": "ftp://127.0.0.1/"},
        {"system_id": ""},
        {"secret": ""},
    ],
)
def test_incomplete_configuration_is_refused(options):
    values = {"base_url": "http://127.0.0.1:9/", "system_id": SYSTEM_ID, "secret": SECRET}
    values.update(options)

    with pytest.raises(ValueError):
        HttpTransport(**values)


def test_transport_from_config_reads_the_secret_from_a_file(tmp_path):
    secret_file = tmp_path / "hub-secret"
    secret_file.write_text(SECRET + "\n", encoding="utf-8")

    client = transport_from_config(
        {
            "EXCHANGE_TRANSPORT": "http",
            "EXCHANGE_HUB_URL": "http://127.0.0.1:9/hub",
            "EXCHANGE_HUB_SYSTEM_ID": SYSTEM_ID,
            "EXCHANGE_HUB_SECRET_FILE": str(secret_file),
            "EXCHANGE_HUB_TIMEOUT": "5",
        }
    )

    assert isinstance(client, HttpTransport)
    assert client._secret == SECRET
    assert client.base_url == "http://127.0.0.1:9/hub/"
    assert client.timeout == 5.0
