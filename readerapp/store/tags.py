"""Tags: any number per paper, free text, matched without regard to case and shown as first
typed. As durable as the other state: each change one committed transaction, in the undo log
(field `tag:<key>`), in the backups (the same file) and in export/import (newer wins per
paper and tag). A removed tag keeps its row (`present = 0`) with the time of the removal, so a
merge can tell an old tag from one taken off since."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from readerapp.store.parts import StoreParts

TAG_FIELD = "tag:"  # undo_log fields of tags: "tag:" + the tag's key
MAX_TAG = 100  # characters: a tag is a word or a short phrase


class TagError(ValueError):
    """A tag that cannot be one (empty, too long)."""


def tag_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def clean(name: str) -> str:
    """The tag as stored: surrounding and repeated spaces out; refused when empty or long."""
    text = " ".join(name.split())
    if not text:
        raise TagError("a tag cannot be empty")
    if len(text) > MAX_TAG:
        raise TagError(f"a tag is at most {MAX_TAG} characters: {text[:40]}…")
    return text


class TagsMixin(StoreParts):
    """The tag methods of the StateStore (which provides the connection and transactions)."""

    def _display_name(self, conn: sqlite3.Connection, key: str, typed: str) -> str:
        """The name a tag already has (as first typed anywhere), else as typed now."""
        row = conn.execute(
            "SELECT name FROM tags WHERE tag_key = ? AND present = 1 ORDER BY at LIMIT 1", (key,)
        ).fetchone()
        return row[0] if row else typed

    def _set_tag(
        self,
        conn: sqlite3.Connection,
        batch: int,
        paper_id: str,
        key: str,
        name: str | None,
    ) -> bool:
        """`name` None: remove. Logs the old value for undo; False when nothing changed."""
        row = conn.execute(
            "SELECT name, present, at FROM tags WHERE paper_id = ? AND tag_key = ?",
            (paper_id, key),
        ).fetchone()
        old_name = row[0] if row and row[1] else None
        if (old_name is None) == (name is None) and (name is None or old_name == name):
            return False
        now = self._now()
        kept_name = name if name is not None else (row[0] if row else key)
        conn.execute(
            "INSERT INTO tags (paper_id, tag_key, name, present, at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (paper_id, tag_key) DO UPDATE SET name = excluded.name,"
            " present = excluded.present, at = excluded.at",
            (paper_id, key, kept_name, int(name is not None), now),
        )
        conn.execute(
            "INSERT INTO undo_log (batch, paper_id, field, old_value, old_at, made_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (batch, paper_id, TAG_FIELD + key, old_name, row[2] if row else None, now),
        )
        return True

    def change_tags(
        self, paper_ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> int:
        """Add and remove tags on the papers, as one action (one transaction, one undo step).
        Returns how many (paper, tag) pairs changed."""
        added = [clean(name) for name in add]
        removed = [tag_key(clean(name)) for name in remove]
        ids = list(dict.fromkeys(paper_ids))
        changed = 0
        with self._write() as conn:
            batch = self._next_batch(conn)
            for name in added:
                key = tag_key(name)
                shown = self._display_name(conn, key, name)
                for paper_id in ids:
                    changed += self._set_tag(conn, batch, paper_id, key, shown)
            for key in removed:
                for paper_id in ids:
                    changed += self._set_tag(conn, batch, paper_id, key, None)
        return changed

    def rename_tag(self, old: str, new: str) -> int:
        """Give every paper tagged `old` the tag `new` instead (into an existing tag: they
        merge), as one undoable action; returns how many papers changed."""
        old_key, name = tag_key(clean(old)), clean(new)
        key = tag_key(name)
        changed = 0
        with self._write() as conn:
            batch = self._next_batch(conn)
            # A change of case only keeps the key and shows the new spelling everywhere.
            shown = name if key == old_key else self._display_name(conn, key, name)
            for paper_id in self._papers_tagged(conn, old_key):
                if key != old_key:
                    self._set_tag(conn, batch, paper_id, old_key, None)
                changed += self._set_tag(conn, batch, paper_id, key, shown) or key != old_key
        return changed

    def delete_tag(self, name: str) -> int:
        """Take the tag off every paper, as one undoable action; returns how many."""
        key = tag_key(clean(name))
        with self._write() as conn:
            batch = self._next_batch(conn)
            return sum(
                self._set_tag(conn, batch, paper_id, key, None)
                for paper_id in self._papers_tagged(conn, key)
            )

    @staticmethod
    def _papers_tagged(conn: sqlite3.Connection, key: str) -> list[str]:
        rows = conn.execute(
            "SELECT paper_id FROM tags WHERE tag_key = ? AND present = 1 ORDER BY at, paper_id",
            (key,),
        )
        return [row[0] for row in rows]

    def papers_by_tag(self) -> list[tuple[str, list[str]]]:
        """Each tag in use (by name, case-insensitive) with its papers in the order tagged."""
        names = dict(self.all_tags_keyed())
        grouped: dict[str, list[str]] = {}
        for key, paper_id in self.conn.execute(
            "SELECT tag_key, paper_id FROM tags WHERE present = 1 ORDER BY at, paper_id"
        ):
            grouped.setdefault(key, []).append(paper_id)
        return [(names[key], grouped[key]) for key in sorted(grouped) if key in names]

    def tags_of(self, paper_ids: Iterable[str]) -> dict[str, list[str]]:
        """The tags of each paper that has any, in the order they were given."""
        found: dict[str, list[str]] = {}
        ids = list(paper_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for paper_id, name in self.conn.execute(
                f"SELECT paper_id, name FROM tags WHERE present = 1 AND paper_id IN ({marks})"
                " ORDER BY at, tag_key",
                chunk,
            ):
                found.setdefault(paper_id, []).append(name)
        return found

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many papers have it, by name (case-insensitive)."""
        rows = self.conn.execute(
            "SELECT tag_key, count(*) FROM tags WHERE present = 1 GROUP BY tag_key ORDER BY tag_key"
        ).fetchall()
        names = dict(self.all_tags_keyed())
        return [(names.get(key, key), count) for key, count in rows]

    def all_tags_keyed(self) -> list[tuple[str, str]]:
        """(key, name as first typed) of every tag in use."""
        # With min(), SQLite takes the other columns from the row of the minimum.
        rows = self.conn.execute(
            "SELECT tag_key, name, min(at) FROM tags WHERE present = 1 GROUP BY tag_key"
        )
        return [(key, name) for key, name, _ in rows]

    def ids_tagged(self, name: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT paper_id FROM tags WHERE tag_key = ? AND present = 1", (tag_key(name),)
        )
        return {row[0] for row in rows}


def undo_tag(
    conn: sqlite3.Connection, paper_id: str, field: str, old_name: object, now: int
) -> None:
    """Put one tag back as it was before an undone change."""
    key = field[len(TAG_FIELD) :]
    if old_name is None:
        conn.execute(
            "UPDATE tags SET present = 0, at = ? WHERE paper_id = ? AND tag_key = ?",
            (now, paper_id, key),
        )
    else:
        conn.execute(
            "INSERT INTO tags (paper_id, tag_key, name, present, at) VALUES (?, ?, ?, 1, ?)"
            " ON CONFLICT (paper_id, tag_key) DO UPDATE SET name = excluded.name, present = 1,"
            " at = excluded.at",
            (paper_id, key, old_name, now),
        )


def tag_rows(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str, bool, int]]:
    """(paper_id, key, name, present, at) of every tag row, removed ones too (for export)."""
    yield from conn.execute(
        "SELECT paper_id, tag_key, name, present, at FROM tags ORDER BY paper_id, at, tag_key"
    )


def merge_tags(conn: sqlite3.Connection, rows: list[tuple[str, str, bool, int]]) -> int:
    """Take (paper_id, name, present, at) where newer than what is stored, inside the open
    transaction; returns how many changed."""
    changed = 0
    for paper_id, name, present, at in rows:
        key = tag_key(name)
        row = conn.execute(
            "SELECT at FROM tags WHERE paper_id = ? AND tag_key = ?", (paper_id, key)
        ).fetchone()
        if row and row[0] >= at:
            continue
        conn.execute(
            "INSERT INTO tags (paper_id, tag_key, name, present, at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (paper_id, tag_key) DO UPDATE SET name = excluded.name,"
            " present = excluded.present, at = excluded.at",
            (paper_id, key, name, int(present), at),
        )
        changed += 1
    return changed
