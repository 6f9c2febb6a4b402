"""User state per paper id: read, starred, note. Durable (WAL, synchronous=FULL, one committed
transaction per change), safe with several processes writing, with an undo log."""

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from readerapp import storage
from readerapp.lighttyping import NamedTuple
from readerapp.logsetup import get_logger
from readerapp.store import queries, safety, schema
from readerapp.store.keys import KeysMixin, merge_keys
from readerapp.store.searches import RULE_FIELD, SearchesMixin, merge_searches, undo_mark
from readerapp.store.tags import TAG_FIELD, TagsMixin, merge_tags, undo_tag

Clock = Callable[[], float]
FIELDS = ("read", "starred", "note")
_UNDO_KEEP = 2000  # undo batches kept
BACKUP_EVERY = 600.0  # seconds between backups while changes are made
log = get_logger(__name__)


class StoreError(Exception):
    """The state file cannot be used (for example: written by a newer readerapp)."""


class PaperState(NamedTuple):
    read: bool = False
    read_at: int | None = None  # microseconds since the epoch (UTC) of the last change
    starred: bool = False
    starred_at: int | None = None
    note: str = ""
    note_at: int | None = None


class Change(NamedTuple):
    paper_id: str
    field: str


def to_micros(seconds: float) -> int:
    return round(seconds * 1_000_000)


def iso(micros: int | None) -> str | None:
    if micros is None:
        return None
    from datetime import UTC, datetime  # here: only exports write times (2 ms to load)

    moment = datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class StateStore(TagsMixin, KeysMixin, SearchesMixin):
    def __init__(self, path: Path, backup_dir: Path, clock: Clock = time.time) -> None:
        self.path = path
        self.backup_dir = backup_dir
        self.clock = clock
        self.messages: list[str] = []  # what happened at open that the user must hear
        self._last_backup = 0.0  # clock time of the newest backup this process knows of
        self._unsaved = False  # changes made since that backup
        self._salvaged: list[tuple] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._recover_if_damaged()
            self.conn = self._connect()
        except safety.UnreadableState as error:
            raise StoreError(f"{error}; nothing was changed") from error
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the state file {path}: {error}") from error
        self._check_version_and_migrate()
        self._merge_salvaged()
        # A copy before any change: this hour's backup, when there is none yet.
        hour = time.strftime("%Y-%m-%d-%H", time.localtime(self.clock()))
        if not (backup_dir / f"state-{hour}.sqlite3").exists():
            self.backup()
        else:
            self._last_backup = self.clock()

    # -- opening ---------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        return storage.connect(self.path, storage.Durability.PRECIOUS)

    def _recover_if_damaged(self) -> None:
        """Only a file that is really damaged is set aside; one that cannot be read raises
        UnreadableState (a permission, a full disk, a missing drive are no damage)."""
        if not self.path.exists() and not self.path.is_symlink():
            return
        damage = safety.diagnose(self.path)
        if damage is None:
            return
        aside = safety.set_aside(self.path)
        self._salvaged = safety.salvage(aside)
        restored = safety.restore_newest_backup(self.path, self.backup_dir)
        if restored:
            self.messages.append(
                f"the state file was damaged ({damage}): it was moved to {aside} and the backup"
                f" {restored.name} was restored"
            )
        else:
            self.messages.append(
                f"the state file was damaged ({damage}) and no good backup exists: it was moved"
                f" to {aside} and a new state was started"
            )

    def _merge_salvaged(self) -> None:
        """Rows still readable in the damaged file, over the restored backup: newer wins."""
        if not self._salvaged:
            return
        merged: list[tuple[str, str, object, int]] = []
        for paper_id, read, read_at, starred, starred_at, note, note_at in self._salvaged:
            for field, value, at in (
                ("read", read, read_at),
                ("starred", starred, starred_at),
                ("note", note, note_at),
            ):
                if at is not None:
                    merged.append((paper_id, field, value, at))
        taken = self.merge(merged)
        papers = len(self._salvaged)
        self.messages.append(
            f"{papers} paper(s) could still be read from the damaged file; {taken} change(s)"
            " newer than the backup were taken back"
        )
        self._salvaged = []

    def _check_version_and_migrate(self) -> None:
        current = schema.version(self.conn)
        if current > schema.LATEST:
            self.conn.close()
            raise StoreError(
                f"{self.path} was written by a newer readerapp (state version {current}, this"
                f" version knows {schema.LATEST}); it was left untouched: upgrade readerapp"
            )
        if current < schema.LATEST:
            if current > 0:
                copy = safety.pre_migration_copy(self.conn, self.path, current)
                self.messages.append(f"state upgraded from version {current}; old copy: {copy}")
            schema.migrate(self.conn)

    def close(self) -> None:
        if self._unsaved:
            self.backup()
        self.conn.close()

    # -- backups ---------------------------------------------------------------------------------

    def backup(self) -> None:
        """Copy the state into this hour's backup; a failure is told, never raised."""
        try:
            safety.backup(self.conn, self.backup_dir, self.clock())
        except (OSError, sqlite3.Error) as error:
            self.messages.append(f"could not write a backup of the state: {error}")
            log.warning("backup failed: %s", error)
            return
        self._last_backup = self.clock()
        self._unsaved = False

    def _after_write(self) -> None:
        """Back up at most every BACKUP_EVERY seconds after changes (and on close), so real
        damage loses minutes of work, not the day."""
        self._unsaved = True
        if self.clock() - self._last_backup >= BACKUP_EVERY:
            self.backup()

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front, so read-modify-write cannot lose an
        update to another process; busy_timeout makes the other side wait instead of failing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._after_write()

    def _now(self) -> int:
        return to_micros(self.clock())

    def _next_batch(self, conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT coalesce(max(batch), 0) + 1 FROM undo_log").fetchone()[0]

    def _set_field(
        self, conn: sqlite3.Connection, batch: int, paper_id: str, field: str, value: object
    ) -> bool:
        """Set one field in the open transaction; log the old value; False when unchanged."""
        row = conn.execute(
            f"SELECT {field}, {field}_at FROM state WHERE paper_id = ?", (paper_id,)
        ).fetchone()
        old_value, old_at = row if row else ({"note": ""}.get(field, 0), None)
        if old_value == value:
            return False
        now = self._now()
        conn.execute(
            f"INSERT INTO state (paper_id, {field}, {field}_at) VALUES (?, ?, ?)"
            f" ON CONFLICT (paper_id) DO UPDATE SET {field} = excluded.{field},"
            f" {field}_at = excluded.{field}_at",
            (paper_id, value, now),
        )
        conn.execute(
            "INSERT INTO undo_log (batch, paper_id, field, old_value, old_at, made_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (batch, paper_id, field, old_value, old_at, now),
        )
        return True

    def _change(self, changes: Iterable[tuple[str, str, object]]) -> list[Change]:
        """Apply (paper_id, field, value) changes as one user action: one transaction, one
        undo step."""
        done: list[Change] = []
        with self._write() as conn:
            batch = self._next_batch(conn)
            for paper_id, field, value in changes:
                if self._set_field(conn, batch, paper_id, field, value):
                    done.append(Change(paper_id, field))
            if done and batch % 100 == 0:
                conn.execute("DELETE FROM undo_log WHERE batch <= ?", (batch - _UNDO_KEEP,))
        return done

    def data_version(self) -> int:
        """Changes when another connection (the command line, another window) commits."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- reading ---------------------------------------------------------------------------------

    def get(self, paper_id: str) -> PaperState:
        return self.states([paper_id]).get(paper_id, PaperState())

    def states(self, paper_ids: Iterable[str]) -> dict[str, PaperState]:
        """The state of the given ids that have any (others are all defaults)."""
        found: dict[str, PaperState] = {}
        ids = list(paper_ids)
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT paper_id, read, read_at, starred, starred_at, note, note_at FROM state"
                f" WHERE paper_id IN ({marks})",
                chunk,
            ):
                found[row[0]] = PaperState(
                    bool(row[1]), row[2], bool(row[3]), row[4], row[5], row[6]
                )
        return found

    def all_states(self) -> dict[str, PaperState]:
        return {
            row[0]: PaperState(bool(row[1]), row[2], bool(row[3]), row[4], row[5], row[6])
            for row in self.conn.execute(
                "SELECT paper_id, read, read_at, starred, starred_at, note, note_at FROM state"
                " ORDER BY paper_id"
            )
        }

    def ids_where(self, field: str) -> set[str]:
        """Ids that are read, starred, or have a note."""
        condition = {"read": "read = 1", "starred": "starred = 1", "note": "note != ''"}[field]
        return {
            row[0] for row in self.conn.execute(f"SELECT paper_id FROM state WHERE {condition}")
        }

    def search_notes(self, text: str) -> set[str]:
        """Ids whose note contains every word of `text` (case-insensitive)."""
        words = queries.note_words(text)
        if not words:
            return set()
        clause = queries.notes_match("s", len(words))
        params = [queries.like_pattern(w) for w in words]
        sql = f"SELECT s.paper_id FROM {schema.PAPER_STATE} s WHERE {clause}"
        return {row[0] for row in self.conn.execute(sql, params)}

    # -- changing --------------------------------------------------------------------------------

    def set_read(self, paper_ids: Iterable[str], read: bool) -> list[Change]:
        return self._change((pid, "read", int(read)) for pid in paper_ids)

    def set_starred(self, paper_ids: Iterable[str], starred: bool) -> list[Change]:
        return self._change((pid, "starred", int(starred)) for pid in paper_ids)

    def toggle(self, paper_id: str, field: str) -> bool:
        """Flip read or starred; return the new value."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {field} FROM state WHERE paper_id = ?", (paper_id,)
            ).fetchone()
            value = 0 if row and row[0] else 1
            self._set_field(conn, self._next_batch(conn), paper_id, field, value)
        return bool(value)

    def set_note(self, paper_id: str, text: str) -> bool:
        return bool(self._change([(paper_id, "note", text)]))

    def append_note(self, paper_id: str, text: str) -> str:
        """Append a paragraph to the note, atomically (no update lost to another writer)."""
        with self._write() as conn:
            row = conn.execute("SELECT note FROM state WHERE paper_id = ?", (paper_id,)).fetchone()
            old = row[0] if row else ""
            new = f"{old.rstrip()}\n\n{text}" if old.strip() else text
            self._set_field(conn, self._next_batch(conn), paper_id, "note", new)
        return new

    def last_undo_ids(self) -> list[str]:
        """The papers the next undo would change."""
        rows = self.conn.execute(
            "SELECT DISTINCT paper_id FROM undo_log WHERE batch = (SELECT max(batch) FROM undo_log)"
        )
        return [row[0] for row in rows]

    def undo(self) -> list[Change]:
        """Revert the last action (all the changes it made); [] when there is nothing to undo."""
        with self._write() as conn:
            batch = conn.execute("SELECT max(batch) FROM undo_log").fetchone()[0]
            if batch is None:
                return []
            rows = conn.execute(
                "SELECT paper_id, field, old_value FROM undo_log WHERE batch = ? ORDER BY id DESC",
                (batch,),
            ).fetchall()
            now = self._now()
            for paper_id, field, old_value in rows:
                if field.startswith(TAG_FIELD):
                    undo_tag(conn, paper_id, field, old_value, now)
                    continue
                if field.startswith(RULE_FIELD):
                    undo_mark(conn, paper_id, field)
                    continue
                conn.execute(
                    f"UPDATE state SET {field} = ?, {field}_at = ? WHERE paper_id = ?",
                    (old_value, now, paper_id),
                )
            conn.execute("DELETE FROM undo_log WHERE batch = ?", (batch,))
        return [Change(paper_id, field) for paper_id, field, _ in rows]

    def merge(
        self,
        rows: list[tuple[str, str, object, int]],
        tags: list[tuple[str, str, bool, int]] | None = None,
        keys: list[tuple[str, str, int]] | None = None,
        searches: list[tuple[str, str, str, bool, int]] | None = None,
    ) -> int:
        """Take (paper_id, field, value, changed_at), tag changes (paper_id, name, present,
        at), pinned keys and saved searches where newer than what is stored; all in one
        transaction. Returns how many changed (key conflicts: `self.messages`). Not undoable
        (an import)."""
        changed = 0
        with self._write() as conn:
            changed += merge_tags(conn, tags or [])
            taken, conflicts = merge_keys(conn, keys or [])
            changed += taken + merge_searches(conn, searches or [])
            self.messages.extend(conflicts)
            for paper_id, field, value, changed_at in rows:
                row = conn.execute(
                    f"SELECT {field}_at FROM state WHERE paper_id = ?", (paper_id,)
                ).fetchone()
                if row and row[0] is not None and row[0] >= changed_at:
                    continue
                conn.execute(
                    f"INSERT INTO state (paper_id, {field}, {field}_at) VALUES (?, ?, ?)"
                    f" ON CONFLICT (paper_id) DO UPDATE SET {field} = excluded.{field},"
                    f" {field}_at = excluded.{field}_at",
                    (paper_id, value, changed_at),
                )
                changed += 1
        return changed
