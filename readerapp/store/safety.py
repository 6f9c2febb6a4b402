"""Keeping the state file safe: daily rolling backups, integrity checks, recovery from backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from readerapp import storage

KEEP_BACKUPS = 7  # days, each with its newest copy
KEEP_HOURLY = 24  # the newest copies, one per hour
_SIDE_FILES = ("-wal", "-shm")


class UnreadableState(Exception):
    """The state file could not be checked (permission, I/O error, missing link target...):
    not damage. Nothing may be moved or replaced; the user is told the path and the cause."""


_is_damage = storage.is_corruption


def diagnose(path: Path) -> str | None:
    """None when the file is a healthy database; else why it is damaged. Raises
    UnreadableState when the file cannot even be looked at (that is no proof of damage)."""
    if path.is_symlink() and not path.exists():
        raise UnreadableState(f"{path} is a link to {os.readlink(path)}, which does not exist")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise UnreadableState(f"cannot read {path}: {error.strerror or error}") from error
    if not header:
        return "the file is empty (0 bytes)"
    if not header.startswith(b"SQLite format 3\x00"):
        return "the file is not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10.0)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        if _is_damage(error):
            return str(error)
        raise UnreadableState(f"cannot open {path}: {error}") from error
    if rows != [("ok",)]:
        return "it failed the integrity check: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes `PRAGMA integrity_check`."""
    try:
        return diagnose(path) is None
    except UnreadableState:
        return False


def salvage(path: Path) -> list[tuple]:
    """Whatever rows of the `state` table can still be read from a damaged file, read from
    both ends of the table (a damaged page in the middle stops a scan, not the other one)."""
    rows: dict[str, tuple] = {}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return []
    try:
        for order in ("ASC", "DESC"):
            try:
                for row in conn.execute(
                    "SELECT paper_id, read, read_at, starred, starred_at, note, note_at"
                    f" FROM state ORDER BY paper_id {order}"
                ):
                    rows.setdefault(row[0], row)
            except sqlite3.Error:
                continue
    finally:
        conn.close()
    return list(rows.values())


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


def _stamp(path: Path) -> tuple[str, int]:
    """(day, hour) from `state-2026-12-01-07` (hour -1 for a daily `state-2026-12-01`)."""
    stamp = path.stem[len("state-") :]
    day, _, hour = stamp[:10], stamp[10:11], stamp[11:]
    return day, int(hour) if hour.isdigit() else -1


def backups(backup_dir: Path) -> list[Path]:
    """Existing backups, newest first (by the time in their names)."""
    return sorted(backup_dir.glob("state-*.sqlite3"), key=_stamp, reverse=True)


def backup(conn: sqlite3.Connection, backup_dir: Path, now: float) -> Path:
    """Copy the state into this hour's backup (replacing an older copy of the same hour), then
    prune: every hourly copy of the last day, and the newest copy of each of the last days."""
    stamp = time.strftime("%Y-%m-%d-%H", time.localtime(now))
    target = backup_dir / f"state-{stamp}.sqlite3"
    copy_database(conn, target)
    prune(backup_dir)
    return target


def prune(backup_dir: Path) -> None:
    """Keep the newest KEEP_HOURLY copies, and the newest copy of each of the last KEEP_BACKUPS
    days that have one; remove the rest."""
    ordered = backups(backup_dir)
    keep = set(ordered[:KEEP_HOURLY])
    days: list[str] = []
    for path in ordered:
        day = _stamp(path)[0]
        if day not in days:
            days.append(day)
            if len(days) <= KEEP_BACKUPS:
                keep.add(path)
    for path in ordered:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


def set_aside(path: Path) -> Path:
    """Move a damaged state file (and its WAL) out of the way, keeping it for the user."""
    aside = storage.set_aside(path, keep_older=True)
    if aside is None:
        raise UnreadableState(f"the damaged state file {path} could not be moved aside")
    return aside


def restore_newest_backup(path: Path, backup_dir: Path) -> Path | None:
    """Copy the newest healthy backup into place; return it (None when there is none)."""
    for candidate in backups(backup_dir):
        if is_healthy(candidate):
            import shutil  # here: only to restore, and it takes 3 ms to load

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
