"""A stand-in for arXiv on 127.0.0.1: /pdf/<id>v<n> answers as the paper's id says."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD, MISSING, ROBOT_CHECK, STALL, CUT = (
    "2408.00001", "2408.00002", "2408.00003", "2408.00004", "2408.00005"
)  # fmt: skip


def pdf(paper_id: str, pages: int = 3) -> bytes:
    """A small, whole PDF (header, a body, the end-of-file marker)."""
    body = b"".join(b"%d 0 obj\n<< /Type /Page >>\nendobj\n" % n for n in range(1, pages + 1))
    return b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + paper_id.encode() + b"\n" + body + b"trailer\n%%EOF\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ArxivServer

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        paper = self.path.removeprefix("/pdf/").split("v")[0]
        if not self.path.startswith("/pdf/"):
            self._send(404, b"no route", "text/plain")
        elif paper == MISSING:
            self._send(404, b"<html>not found</html>", "text/html")
        elif paper == ROBOT_CHECK:  # what arXiv sends a client it takes for a robot
            page = b"<!DOCTYPE html><html><body>Please verify you are human</body></html>"
            self._send(200, page, "text/html")
        elif paper == STALL:  # the headers and a little, then nothing
            body = pdf(paper)
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:20])
            self.wfile.flush()
            time.sleep(self.server.stall_seconds)
            self.close_connection = True
        elif paper == CUT:
            self._send(200, pdf(paper)[:-12], "application/pdf")
        else:
            self._send(200, pdf(paper), "application/pdf")


class ArxivServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, stall_seconds: float = 5.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.stall_seconds = stall_seconds
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> ArxivServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
