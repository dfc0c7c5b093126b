"""The HTTP adapter for a provincial hub (LGSP), on the standard library's urllib.

The hub contract (paths relative to `base_url`; every request carries `X-System-Id` and
`Authorization: Bearer <secret>`):

- `POST packets` (body: the packet, header `X-Filename`) → 200/201 `{"id": "..."}`
- `GET packets/received` → 200 `[{"id": "...", "filename": "...", "size": 123}, ...]`
  (or `{"packets": [...]}`)
- `GET packets/received/{id}` → 200, the packet bytes
- `POST packets/received/{id}/ack` → 2xx
- `POST statuses` (body: the status packet) → 200/201 `{"id": "..."}`

Redirects are refused (they would carry the secret elsewhere). Network failures, timeouts,
408, 429 and 5xx are retryable; other 4xx and malformed answers are not.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .base import ReceivedPacket, TransportError

_RETRYABLE_STATUS = {408, 425, 429}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


class HttpTransport:
    """`Transport` over a hub's HTTP API. `proxies={}` disables proxies from the environment."""

    def __init__(
        self,
        *,
        base_url: str,
        system_id: str,
        secret: str,
        timeout: float = 30.0,
        max_packet_bytes: int = 120 * 1024 * 1024,
        proxies: dict[str, str] | None = None,
    ) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"Địa chỉ trục liên thông không hợp lệ: {base_url!r}")
        if not system_id or not secret:
            raise ValueError("Thiếu mã hệ thống hoặc khóa bí mật của trục liên thông.")
        self.base_url = base_url.rstrip("/") + "/"
        self.system_id, self._secret = system_id, secret
        self.timeout, self.max_packet_bytes = timeout, max_packet_bytes
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if proxies is not None:
            handlers.append(urllib.request.ProxyHandler(proxies))
        self._opener = urllib.request.build_opener(*handlers)

    def _request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            urllib.parse.urljoin(self.base_url, path), data=body, method=method
        )
        request.add_header("X-System-Id", self.system_id)
        request.add_header("Authorization", f"Bearer {self._secret}")
        request.add_header("Accept", "application/json, application/xml")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read(self.max_packet_bytes + 1)
        except urllib.error.HTTPError as error:
            retryable = error.code >= 500 or error.code in _RETRYABLE_STATUS
            raise TransportError(
                f"Trục liên thông trả lỗi HTTP {error.code} cho {method} {path}.",
                retryable=retryable,
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TransportError(
                f"Không kết nối được trục liên thông: {error}", retryable=True
            ) from None
        except http.client.HTTPException as error:
            raise TransportError(
                f"Trục liên thông ngắt kết nối: {error!r}", retryable=True
            ) from None
        if len(data) > self.max_packet_bytes:
            raise TransportError("Gói tin từ trục liên thông vượt giới hạn.", retryable=False)
        return data

    @staticmethod
    def _json(data: bytes) -> Any:
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise TransportError(
                "Trục liên thông trả dữ liệu không phải JSON.", retryable=False
            ) from None

    def _sent_id(self, data: bytes) -> str:
        answer = self._json(data) if data.strip() else {}
        if not isinstance(answer, dict) or not isinstance(answer.get("id"), str | int):
            raise TransportError("Trục liên thông không trả mã gói tin.", retryable=False)
        return str(answer["id"])

    def send_packet(self, data: bytes, filename: str) -> str:
        headers = {"Content-Type": "application/xml", "X-Filename": urllib.parse.quote(filename)}
        return self._sent_id(self._request("POST", "packets", data, headers))

    def send_status(self, data: bytes) -> str:
        headers = {"Content-Type": "application/xml"}
        return self._sent_id(self._request("POST", "statuses", data, headers))

    def list_received(self) -> list[ReceivedPacket]:
        answer = self._json(self._request("GET", "packets/received"))
        if isinstance(answer, dict):
            answer = answer.get("packets")
        if not isinstance(answer, list):
            raise TransportError("Danh sách gói tin không đúng định dạng.", retryable=False)
        packets = []
        for item in answer:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
                raise TransportError("Danh sách gói tin không đúng định dạng.", retryable=False)
            size = item.get("size")
            packets.append(
                ReceivedPacket(
                    id=str(item["id"]),
                    filename=str(item.get("filename") or item["id"]),
                    size=size if isinstance(size, int) else None,
                )
            )
        return packets

    def _packet_path(self, packet_id: str) -> str:
        return "packets/received/" + urllib.parse.quote(packet_id, safe="")

    def fetch(self, packet_id: str) -> bytes:
        return self._request("GET", self._packet_path(packet_id))

    def acknowledge(self, packet_id: str) -> None:
        self._request("POST", self._packet_path(packet_id) + "/ack", b"")
