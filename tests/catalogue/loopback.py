"""A real HTTP server on 127.0.0.1 (port 0) that serves files with Range support and can be told
to misbehave per path: drop the connection, stall, answer 404/500, send HTML, ignore Range,
send the wrong Content-Range, redirect. It records every request it gets."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    """What the server does for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/octet-stream"
    etag: str | None = '"v1"'
    drop_after: int | None = None  # close the connection after this many body bytes ...
    drop_times: int | None = None  # ... in this many responses (None: every time)
    stall_after: int | None = None  # send this many bytes, then go quiet ...
    stall_seconds: float = 0.0  # ... for this long, then close the connection
    stall_times: int | None = 1  # ... in this many responses (None: every time)
    stalling: threading.Event = field(default_factory=threading.Event)  # set while quiet
    ignore_range: bool = False  # always answer 200 with the whole body
    wrong_content_range: bool = False  # answer a Range request with bytes from 0
    redirect_to: str | None = None
    hang_up: bool = False  # close the connection without answering
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    extra_headers: dict[str, str] = field(default_factory=dict)
    served: int = 0  # responses sent so far


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class LoopbackServer:
    """`with LoopbackServer() as server: server.routes["/x"] = Route(body=...)`."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self.scheme = "http"
        if tls is not None:  # HTTPS with the certificate loaded in `tls`
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{self.scheme}://{host!s}:{port}{path}"

    def requests_for(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (the tests make them) is not a failure of the server


def _handler_for(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            pass

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            server.requests.append(Request(self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                self._plain(404, b"not found")
                return
            route.served += 1
            try:
                self._serve(route)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _serve(self, route: Route) -> None:
            if route.hang_up:
                self._abort()
                return
            if route.redirect_to is not None:
                self.send_response(302)
                self.send_header("Location", route.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.status != 200:
                self._plain(route.status, route.body or b"error", route.content_type)
                return
            body = route.body
            start = self._range_start(route, len(body))
            if start is not None and start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if start is None:
                self.send_response(200)
                start = 0
            else:
                self.send_response(206)
                shown = 0 if route.wrong_content_range else start
                self.send_header("Content-Range", f"bytes {shown}-{len(body) - 1}/{len(body)}")
                if route.wrong_content_range:
                    start = 0
            payload = body[start:]
            self.send_header("Content-Type", route.content_type)
            if route.send_length:
                self.send_header("Content-Length", str(len(payload)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.send_header("Accept-Ranges", "bytes")
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.extra_headers.items():
                self.send_header(name, value)
            self.end_headers()
            self._send_body(route, payload)

        def _range_start(self, route: Route, size: int) -> int | None:
            header = self.headers.get("Range")
            if not header or route.ignore_range or not header.startswith("bytes="):
                return None
            if_range = self.headers.get("If-Range")
            if if_range is not None and if_range != route.etag:
                return None
            first = header[len("bytes=") :].split("-", 1)[0]
            return int(first) if first.isdigit() else None

        def _send_body(self, route: Route, payload: bytes) -> None:
            dropping = route.drop_after is not None and (
                route.drop_times is None or route.served <= route.drop_times
            )
            stalling = route.stall_after is not None and (
                route.stall_times is None or route.served <= route.stall_times
            )
            if dropping and route.drop_after is not None:
                self.wfile.write(payload[: route.drop_after])
                self.wfile.flush()
                self._abort()
                return
            if stalling and route.stall_after is not None:
                self.wfile.write(payload[: route.stall_after])
                self.wfile.flush()
                route.stalling.set()
                time.sleep(route.stall_seconds)
                self._abort()
                return
            view = memoryview(payload)
            for offset in range(0, len(payload), 1 << 20):
                self.wfile.write(view[offset : offset + (1 << 20)])

        def _abort(self) -> None:
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass

        def _plain(self, status: int, body: bytes, content_type: str = "text/plain") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def loopback_server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        yield server
