"""A real HTTP server on 127.0.0.1 that serves generated images and misbehaves on purpose."""

from __future__ import annotations

import os
import struct
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def png(width: int = 64, height: int = 48, seed: int = 0, noise: bool = False) -> bytes:
    """A real PNG (zlib-compressed RGB rows); with `noise`, random pixels that do not compress
    (about the size of a real screenshot)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    def row(y: int) -> bytes:
        if noise:
            return os.urandom(width * 3)
        return bytes(((x * 7 + y * 3 + seed) % 256) for x in range(width * 3))

    rows = b"".join(b"\x00" + row(y) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int = 320, height: int = 200) -> bytes:
    """Enough of a JPEG for content checks: SOI, a baseline frame header with the size, EOI."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + sof
        + b"\x00" * 32
        + b"\xff\xd9"
    )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so the client can reuse connections
    server: ImageServer

    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self, status: int, body: bytes, kind: str = "image/png", extra: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.server.hits[path] += 1
        self.server.peers.add(self.client_address)
        if path.startswith("/img/"):
            self._send(200, self.server.images.get(path) or png(seed=len(path)))
        elif path.startswith("/gif/"):
            self._send(200, GIF, "image/gif")
        elif path.startswith("/jpeg/"):
            self._send(200, jpeg(), "image/jpeg")
        elif path.startswith("/octet/"):
            self._send(200, png(), "application/octet-stream")  # judged by content, not header
        elif path.startswith("/missing"):
            self._send(404, b"not here", "text/plain")
        elif path.startswith("/html"):
            self._send(200, b"<!DOCTYPE html><html><body>hotlink denied</body></html>", "text/html")
        elif path.startswith("/flaky"):
            if self.server.hits[path] == 1:
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, png())
        elif path.startswith("/down"):
            self._send(503, b"maintenance", "text/plain")
        elif path.startswith("/truncated"):
            body = png(200, 200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.close_connection = True
        elif path.startswith("/huge-header"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(30 * 1024 * 1024))
            self.end_headers()
            self.close_connection = True
        elif path.startswith("/huge-stream"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(png()[:100])
            try:
                for _ in range(64):
                    self.wfile.write(b"\x00" * 64 * 1024)  # 4 MB, no length given
            except OSError:
                pass
            self.close_connection = True
        elif path.startswith("/stall"):
            time.sleep(self.server.stall_seconds)
            self._send(200, png())
        elif path.startswith("/loop-a"):
            self._send(302, b"", "text/plain", {"Location": "/loop-b"})
        elif path.startswith("/loop-b"):
            self._send(302, b"", "text/plain", {"Location": "/loop-a"})
        elif path.startswith("/redirect"):
            self._send(301, b"", "text/plain", {"Location": "/img/redirected.png"})
        else:
            self._send(404, b"no route", "text/plain")


class ImageServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, stall_seconds: float = 3.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.peers: set[tuple[str, int]] = set()
        self.images: dict[str, bytes] = {}
        self.stall_seconds = stall_seconds
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> ImageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
