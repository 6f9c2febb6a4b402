"""Keeping the state file safe: daily rolling backups, integrity checks, recovery from backup."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from pathlib import Path

KEEP_BACKUPS = 7
_SIDE_FILES = ("-wal", "-shm")


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes `PRAGMA integrity_check`."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10.0)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while other connections write)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
    finally:
        dest.close()
    partial.replace(target)


def backups(backup_dir: Path) -> list[Path]:
    """Existing backups, newest first (names sort by date)."""
    return sorted(backup_dir.glob("state-*.sqlite3"), reverse=True)


def daily_backup(conn: sqlite3.Connection, backup_dir: Path, today: str) -> Path | None:
    """Make today's backup if there is none yet; keep the newest KEEP_BACKUPS."""
    target = backup_dir / f"state-{today}.sqlite3"
    if target.exists():
        return None
    copy_database(conn, target)
    for old in backups(backup_dir)[KEEP_BACKUPS:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def set_aside(path: Path, stamp: str | None = None) -> Path:
    """Move a damaged state file (and its WAL) out of the way, keeping it for the user."""
    stamp = stamp or time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    path.replace(aside)
    for suffix in _SIDE_FILES:
        side = Path(str(path) + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                side.replace(Path(str(aside) + suffix))
    return aside


def restore_newest_backup(path: Path, backup_dir: Path) -> Path | None:
    """Copy the newest healthy backup into place; return it (None when there is none)."""
    for candidate in backups(backup_dir):
        if is_healthy(candidate):
            partial = path.with_name(path.name + ".restoring")
            shutil.copyfile(candidate, partial)
            partial.replace(path)
            return candidate
    return None


def pre_migration_copy(conn: sqlite3.Connection, path: Path, from_version: int) -> Path:
    """Keep the file as it was before migrating, next to it."""
    target = path.with_name(f"{path.name}.v{from_version}-{time.strftime('%Y%m%d-%H%M%S')}.bak")
    copy_database(conn, target)
    return target
