"""Every file readerapp writes goes through here: SQLite files opened one way (WAL, a busy
timeout, explicit transactions, durability by what the file holds), damaged files set aside
(never deleted) with their WAL, and other files written atomically."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from enum import Enum
from pathlib import Path

SIDE_FILES = ("-wal", "-shm")
BUSY_TIMEOUT_S = 30.0


class Durability(Enum):
    """REBUILT: made from other files again at any time (the library index, from the posts),
    never synced to the disk: a crash of the system may lose its last commits or damage it,
    and it is then set aside and rebuilt (syncing, the checkpoint that ends a first index of
    corpus x10 took 78 ms instead of 7 ms). CACHE: what would cost a download to make again
    (the images' cache), a crash may lose the last commits. PRECIOUS: the user's own data,
    fsync at every commit."""

    REBUILT = "OFF"
    CACHE = "NORMAL"
    PRECIOUS = "FULL"


def connect(
    path: Path,
    durability: Durability,
    *,
    readonly: bool = False,
    timeout: float = BUSY_TIMEOUT_S,
    page_size: int | None = None,
) -> sqlite3.Connection:
    """An SQLite connection in WAL mode with explicit transactions (`BEGIN` / `COMMIT`) and a
    busy timeout, usable from the thread that a background job runs on. `page_size`: that of a
    file this connection creates (WAL fixes it once the file exists)."""
    if readonly:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, timeout=timeout, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if page_size and not readonly:
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {durability.value}")
    return conn


def is_corruption(error: BaseException) -> bool:
    """SQLite says the file is damaged (not merely busy, full, read-only or unreadable)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(error)
    return "malformed" in text or "not a database" in text


def set_aside(path: Path, *, keep_older: bool = True) -> Path | None:
    """Rename a damaged file (and its WAL side files, which belong to it) to
    `NAME.damaged-STAMP`; with keep_older=False, earlier set-aside copies are removed first (a
    cache keeps one). Returns the new name, or None when the file could not be moved."""
    if not keep_older:
        for old in path.parent.glob(path.name + ".damaged-*"):
            with contextlib.suppress(OSError):
                old.unlink()
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
    except OSError:
        return None
    for suffix in SIDE_FILES:
        side = Path(str(path) + suffix)
        if side.exists():
            if keep_older:
                with contextlib.suppress(OSError):
                    side.replace(Path(str(aside) + suffix))
            else:
                with contextlib.suppress(OSError):
                    side.unlink()
    return aside


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target: the
    file is either the old one or the new one, never half of each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: it loads random and hashing (3 ms), which few commands need

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
