"""The screenshot cache: files named by a hash of the URL, and an SQLite table that remembers
what was fetched, when it was last shown, and why a download failed."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from readerapp import storage
from readerapp.images.probe import ImageKind, sniff_file
from readerapp.logsetup import get_logger
from readerapp.render.images import ImageInfo, LocalImages, is_remote

log = get_logger(__name__)
CACHE_VERSION = 1
TOUCH_EVERY = 3600.0  # seconds: "last used" is updated at most this often per image
RECHECK_TRANSIENT_AFTER = 600.0  # automatic passes leave recent transient failures alone

SCHEMA = """
CREATE TABLE images (
    url        TEXT PRIMARY KEY,
    file       TEXT,             -- relative to the images folder; NULL until fetched
    size       INTEGER,
    mime       TEXT,
    width      INTEGER,
    height     INTEGER,
    fetched_at REAL,
    last_used  REAL,
    last_error TEXT,             -- why the last attempt failed (NULL after a success)
    error_kind TEXT,             -- 'permanent' (404, not an image...) or 'transient'
    attempts   INTEGER NOT NULL DEFAULT 0,
    tried_at   REAL
) WITHOUT ROWID;
"""


class _OtherVersion(Exception):
    """The cache was written by another version of readerapp."""


@dataclass(frozen=True)
class Entry:
    url: str
    file: str | None
    size: int | None
    last_error: str | None
    error_kind: str | None
    attempts: int
    tried_at: float | None


def file_name(url: str, kind: ImageKind) -> str:
    """Never the URL's text: a hash of it, in a two-character subfolder."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"{digest[:2]}/{digest}{kind.extension}"


class ImageCache:
    def __init__(self, folder: Path, clock=time.time) -> None:
        self.folder = folder
        self.clock = clock
        folder.mkdir(parents=True, exist_ok=True)
        self.db_path = folder / "images.sqlite3"
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        for _attempt in range(2):
            try:
                conn = storage.connect(self.db_path, storage.Durability.CACHE)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    conn.executescript(
                        f"BEGIN; {SCHEMA} PRAGMA user_version = {CACHE_VERSION}; COMMIT;"
                    )
                elif version != CACHE_VERSION:
                    raise _OtherVersion(version)
                conn.execute("SELECT count(*) FROM images").fetchone()
                return conn
            except (_OtherVersion, sqlite3.DatabaseError) as error:
                if isinstance(error, sqlite3.DatabaseError) and not storage.is_corruption(error):
                    raise  # locked, full, read-only: an error to report, not a cache to drop
                # A cache: set aside and start again (the files are re-registered on fetch).
                log.warning("image cache %s set aside: %s", self.db_path, error)
                with contextlib.suppress(Exception):
                    conn.close()
                storage.set_aside(self.db_path, keep_older=False)
        raise sqlite3.DatabaseError(f"cannot open the image cache {self.db_path}")

    def close(self) -> None:
        self.conn.close()

    # -- reading ---------------------------------------------------------------------------------

    def entry(self, url: str) -> Entry | None:
        row = self.conn.execute(
            "SELECT url, file, size, last_error, error_kind, attempts, tried_at FROM images"
            " WHERE url = ?",
            (url,),
        ).fetchone()
        return Entry(*row) if row else None

    def path_of(self, url: str) -> Path | None:
        entry = self.entry(url)
        if entry is None or entry.file is None:
            return None
        path = self.folder / entry.file
        return path if path.is_file() else None

    def lookup(self, url: str) -> ImageInfo:
        """For the viewer: the cached file, or why there is none."""
        row = self.conn.execute(
            "SELECT file, width, height, last_error, last_used, error_kind FROM images"
            " WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return ImageInfo(None, reason="not downloaded yet")
        file, width, height, error, last_used, kind = row
        if file:
            path = self.folder / file
            if path.is_file():
                now = self.clock()
                if last_used is None or now - last_used > TOUCH_EVERY:
                    with contextlib.suppress(sqlite3.OperationalError):
                        self.conn.execute(
                            "UPDATE images SET last_used = ? WHERE url = ?", (now, url)
                        )
                return ImageInfo(path, width, height)
        if error:
            return ImageInfo(None, reason=f"failed: {error}", retry=kind != "permanent")
        return ImageInfo(None, reason="not downloaded yet")

    def wanted(self, urls: Iterable[str], *, retry_failed: bool, automatic: bool) -> list[str]:
        """Of these URLs, the ones a pass should try: missing, or failed in a way that can still
        succeed (transient), or any failure when the user asks to retry them."""
        now = self.clock()
        result: list[str] = []
        for url in dict.fromkeys(urls):
            if not is_remote(url):
                continue
            entry = self.entry(url)
            if entry is None or self._worth_trying(entry, now, retry_failed, automatic):
                result.append(url)
        return result

    def _worth_trying(self, entry: Entry, now: float, retry_failed: bool, automatic: bool) -> bool:
        if entry.file and (self.folder / entry.file).is_file():
            return False  # cached
        if entry.error_kind == "permanent":
            return retry_failed  # 404, not an image...: only when the user asks
        recent = entry.tried_at is not None and now - entry.tried_at < RECHECK_TRANSIENT_AFTER
        return not (automatic and entry.error_kind == "transient" and recent)

    def is_cached(self, url: str) -> bool:
        return self.path_of(url) is not None

    # -- writing ---------------------------------------------------------------------------------

    def store(self, url: str, data: bytes, kind: ImageKind) -> Path:
        """Write atomically (temporary file, then rename) and record it."""
        relative = file_name(url, kind)
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
        now = self.clock()
        probed = sniff_file(target) or kind
        self.conn.execute(
            "INSERT INTO images (url, file, size, mime, width, height, fetched_at, last_used,"
            " last_error, error_kind, attempts, tried_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1, ?)"
            " ON CONFLICT (url) DO UPDATE SET file = excluded.file, size = excluded.size,"
            " mime = excluded.mime, width = excluded.width, height = excluded.height,"
            " fetched_at = excluded.fetched_at, last_used = excluded.last_used,"
            " last_error = NULL, error_kind = NULL, attempts = images.attempts + 1,"
            " tried_at = excluded.tried_at",
            (url, relative, len(data), probed.mime, probed.width, probed.height, now, now, now),
        )
        return target

    def record_failure(self, url: str, message: str, permanent: bool) -> None:
        self.conn.execute(
            "INSERT INTO images (url, last_error, error_kind, attempts, tried_at)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (url) DO UPDATE SET"
            " last_error = excluded.last_error, error_kind = excluded.error_kind,"
            " attempts = images.attempts + 1, tried_at = excluded.tried_at",
            (url, message, "permanent" if permanent else "transient", self.clock()),
        )

    def evict(self, limit_bytes: int, keep: set[str]) -> int:
        """Delete the least recently used images until the cache fits; never those in `keep`
        (the screenshots of starred papers). Returns how many files were deleted."""
        total = self.conn.execute(
            "SELECT coalesce(sum(size), 0) FROM images WHERE file IS NOT NULL"
        ).fetchone()[0]
        if total <= limit_bytes:
            return 0
        removed = 0
        rows = self.conn.execute(
            "SELECT url, file, size FROM images WHERE file IS NOT NULL"
            " ORDER BY coalesce(last_used, fetched_at, 0)"
        ).fetchall()
        for url, file, size in rows:
            if total <= limit_bytes:
                break
            if url in keep:
                continue
            with contextlib.suppress(OSError):
                (self.folder / file).unlink()
            self.conn.execute(
                "UPDATE images SET file = NULL, size = NULL, fetched_at = NULL WHERE url = ?",
                (url,),
            )
            total -= size or 0
            removed += 1
        return removed

    def total_bytes(self) -> int:
        return self.conn.execute(
            "SELECT coalesce(sum(size), 0) FROM images WHERE file IS NOT NULL"
        ).fetchone()[0]


@dataclass(frozen=True)
class KeepPolicy:
    """What the cache may hold: at most `limit_bytes` (0: no limit), never evicting `keep`
    (the screenshots of starred papers)."""

    keep: frozenset[str]
    limit_bytes: int

    def apply(self, cache: ImageCache) -> int:
        """Evict the least recently used images beyond the limit; returns how many."""
        return cache.evict(self.limit_bytes, set(self.keep)) if self.limit_bytes else 0


class CachedImages:
    """The renderer's image lookup: local files next to posts, remote ones from the cache."""

    def __init__(self, cache: ImageCache, root: Path | None = None) -> None:
        self.cache = cache
        self.local = LocalImages(root)

    def __call__(self, url: str, base: Path | None) -> ImageInfo:
        if is_remote(url):
            return self.cache.lookup(url)
        return self.local(url, base)
