"""What an update has to do: the posts on disk against the index. A scan and one query, so an
update that finds nothing to do (every warm command) never loads the parser or the writer."""

import sqlite3
from pathlib import Path

from readerapp.digest.values import Problem
from readerapp.library.roots import Roots
from readerapp.library.scanner import FileStat, Scan, scan
from readerapp.library.schema import read_stamp
from readerapp.lighttyping import NamedTuple


class UpdateReport:
    """What an update did. Plain classes here, not dataclasses: see digest/values.py."""

    def __init__(
        self, *, unchanged: int = 0, problems: list[Problem] | None = None, busy: bool = False
    ) -> None:
        self.added = 0
        self.changed = 0
        self.removed = 0
        self.unchanged = unchanged
        self.problems: list[Problem] = problems or []
        self.seconds = 0.0
        self.cancelled = False
        self.replaced_damaged = ""  # set when a damaged index file was set aside and rebuilt
        self.busy = busy  # another process was updating the index: nothing was read

    def __repr__(self) -> str:
        return f"UpdateReport({self.__dict__})"

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class Plan(NamedTuple):
    found: Scan
    old: dict[str, tuple[int, int]]  # path: (mtime_ns, size) of every post in the index
    known: dict[str, tuple[int, int]]  # the posts taken as they are (none in a rebuild)
    to_read: list[FileStat]  # new and changed, by path
    removed: list[str]
    rebuild: bool

    @property
    def first_index(self) -> bool:
        return not self.old and not self.rebuild

    @property
    def idle(self) -> bool:
        return not (self.to_read or self.removed or self.rebuild)


def in_step(conn: sqlite3.Connection, text_folder: Path) -> bool:
    """Whether the text index holds what the SQLite index says (no commit was interrupted)."""
    row = conn.execute("SELECT stamp FROM text_index").fetchone()
    return row is not None and row[0] == read_stamp(text_folder)


def plan_update(
    conn: sqlite3.Connection, root: Roots, text_folder: Path, *, rebuild: bool = False
) -> Plan:
    found = scan(root.folders())
    on_disk = found.files
    old = {
        path: (mtime, size)
        for path, mtime, size in conn.execute("SELECT path, mtime_ns, size FROM posts")
    }
    # A text index behind the SQLite one (an interrupted commit) is refilled by reading every
    # post again: the SQLite index does not keep the analyses it needs.
    resync = bool(old) and not in_step(conn, text_folder)
    rebuild = rebuild or resync
    known = {} if rebuild else old
    to_read = sorted(
        (s for p, s in on_disk.items() if known.get(p) != (s.mtime_ns, s.size)),
        key=lambda s: s.path,
    )
    # A folder that could not be listed keeps its posts: unreadable is not deleted.
    removed = [p for p in known if p not in on_disk and not found.hides(p)]
    return Plan(found, old, known, to_read, removed, rebuild)
