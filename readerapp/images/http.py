"""Download one image over HTTP(S): kept-alive connections per thread and host, a timeout per
request, redirects up to a limit, a size limit, and a check of the body's content."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from readerapp import __version__
from readerapp.images.probe import ImageKind, sniff

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 20.0
USER_AGENT = f"readerapp/{__version__} (offline reading cache)"
_CHUNK = 64 * 1024
IMAGES = "image/webp,image/png,image/jpeg,image/*;q=0.8"


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes | None = None
    kind: ImageKind | None = None
    error: str = ""  # why it failed, as the viewer shows it ("404 Not Found")
    permanent: bool = False  # not worth retrying until the user asks

    @property
    def ok(self) -> bool:
        return self.data is not None


class _Failure(Exception):
    def __init__(self, message: str, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


def complete(data: bytes, kind: ImageKind) -> bool:
    """A cut-off download fails this: each format has a recognisable end."""
    if kind.mime == "image/png":
        return data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82")
    if kind.mime == "image/jpeg":
        return b"\xff\xd9" in data[-1024:]
    if kind.mime == "image/gif":
        return data.rstrip(b"\x00").endswith(b";")
    if kind.mime == "image/webp":
        return len(data) >= int.from_bytes(data[4:8], "little") + 8
    return True


class HttpClient:
    """One per pass; its connections are per thread (http.client is not thread-safe) and are
    reused for every request to the same host."""

    def __init__(
        self,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        accept: str = IMAGES,
        deadline: float | None = None,
    ) -> None:
        """`timeout`: for each network wait; `deadline`: seconds for a whole download (a
        server that dribbles a byte at a time never hits the first)."""
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._headers = {"User-Agent": USER_AGENT, "Accept": accept}
        self._local = threading.local()
        self._all: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._ssl = ssl.create_default_context()

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        pool: dict[tuple[str, str], http.client.HTTPConnection] = (
            getattr(self._local, "pool", None) or {}
        )
        self._local.pool = pool
        key = (scheme, netloc)
        conn = pool.get(key)
        if conn is None:
            if scheme == "https":
                conn = http.client.HTTPSConnection(netloc, timeout=self.timeout, context=self._ssl)
            else:
                conn = http.client.HTTPConnection(netloc, timeout=self.timeout)
            pool[key] = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        conn = self._local.pool.pop((scheme, netloc), None)
        if conn is not None:
            conn.close()

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def fetch_bytes(self, url: str) -> Fetched:
        """The body of a successful GET, whatever it is (`kind` None)."""
        try:
            return Fetched(url, self._get(url))
        except _Failure as failure:
            return Fetched(url, error=failure.message, permanent=failure.permanent)

    def fetch(self, url: str) -> Fetched:
        """An image: the body must be one (sniffed) and whole."""
        got = self.fetch_bytes(url)
        if got.data is None:
            return got
        data = got.data
        kind = sniff(data)
        if kind is None:
            head = data[:200].lstrip().lower()
            what = "an HTML page" if head.startswith((b"<!doctype", b"<html")) else "unknown data"
            return Fetched(url, error=f"not an image ({what})", permanent=True)
        if not complete(data, kind):
            return Fetched(url, error="download cut off (incomplete image)", permanent=False)
        return Fetched(url, data, kind)

    def _get(self, url: str) -> bytes:
        seen: set[str] = set()
        for _hop in range(MAX_REDIRECTS + 1):
            if url in seen:
                raise _Failure("redirect loop", permanent=True)
            seen.add(url)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise _Failure(f"not an http(s) address: {url[:80]}", permanent=True)
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            status, location, body = self._request(parts.scheme, parts.netloc, target)
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if 200 <= status < 300:
                return body
            reason = http.client.responses.get(status, "")
            permanent = 400 <= status < 500 and status not in (408, 425, 429)
            raise _Failure(f"{status} {reason}".strip(), permanent=permanent)
        raise _Failure(f"more than {MAX_REDIRECTS} redirects", permanent=True)

    def _request(self, scheme: str, netloc: str, target: str) -> tuple[int, str, bytes]:
        """One GET; a kept-alive connection that went stale is reopened once."""
        for attempt in range(2):
            conn = self._connection(scheme, netloc)
            try:
                conn.request("GET", target, headers=self._headers)
                response = conn.getresponse()
                status = response.status
                location = response.getheader("Location") or ""
                if status >= 300:
                    response.read(_CHUNK)  # drain a little; close if more is left
                    if not response.isclosed():
                        self._drop(scheme, netloc)
                    return status, location, b""
                length = response.getheader("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    self._drop(scheme, netloc)
                    raise _Failure(f"larger than {self.max_bytes // 2**20} MB", permanent=True)
                return status, location, self._read(response, scheme, netloc)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._drop(scheme, netloc)
                if attempt == 1:
                    raise _Failure("connection closed by the server", permanent=False) from None
            except TimeoutError:
                self._drop(scheme, netloc)
                raise _Failure("timed out", permanent=False) from None
            except http.client.IncompleteRead:
                self._drop(scheme, netloc)
                raise _Failure("download cut off", permanent=False) from None
            except ssl.SSLError as error:
                self._drop(scheme, netloc)
                raise _Failure(f"TLS error: {error.reason or error}", permanent=False) from None
            except (socket.gaierror, OSError, http.client.HTTPException) as error:
                self._drop(scheme, netloc)
                reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
                raise _Failure(f"network error: {reason}", permanent=False) from None
        raise _Failure("connection closed by the server", permanent=False)

    def _read(self, response: http.client.HTTPResponse, scheme: str, netloc: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        ends = time.monotonic() + self.deadline if self.deadline else None
        while True:
            # read1: what has arrived (read() would wait for a whole chunk, past the deadline);
            # the read() at the end lets the connection serve the next request.
            chunk = response.read1(_CHUNK) or response.read()
            if not chunk:
                break
            if ends is not None and time.monotonic() > ends:
                self._drop(scheme, netloc)
                raise _Failure(f"too slow (over {self.deadline:.0f} s)", permanent=False)
            size += len(chunk)
            if size > self.max_bytes:
                self._drop(scheme, netloc)
                raise _Failure(f"larger than {self.max_bytes // 2**20} MB", permanent=True)
            chunks.append(chunk)
        return b"".join(chunks)
