"""Citation keys pinned in the state store (issue 17): once a paper's key has been exported
(a file, the clipboard), every later export uses it, whatever else is exported with it. A key
belongs to one paper; a new paper's key is chosen around all pinned keys, never by renaming
one. Pins are state like stars: in the backups and in export/import."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from readerapp.store.parts import StoreParts


class KeysMixin(StoreParts):
    """The citation-key methods of the StateStore (which provides the connection)."""

    def pinned_keys(self) -> dict[str, str]:
        """paper id -> its pinned key, for every pinned paper."""
        return dict(self.conn.execute("SELECT paper_id, key FROM citation_keys"))

    def pin_keys(self, keys: dict[str, str]) -> int:
        """Pin these keys to their papers where neither is pinned yet (a pinned paper keeps
        its key; a key pinned to another paper stays that paper's). Returns how many."""
        pinned = 0
        now = self._now()
        with self._write() as conn:
            for paper_id, key in keys.items():
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO citation_keys (paper_id, key, at) VALUES (?, ?, ?)",
                    (paper_id, key, now),
                )
                pinned += cursor.rowcount
        return pinned

    def unpin_keys(self, paper_ids: Iterable[str]) -> int:
        """Forget the pins of these papers (`bibtex --rekey`): their next export derives
        their keys again."""
        with self._write() as conn:
            return sum(
                conn.execute("DELETE FROM citation_keys WHERE paper_id = ?", (i,)).rowcount
                for i in dict.fromkeys(paper_ids)
            )


def key_rows(conn: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """paper id -> (key, pinned at), for export."""
    return {p: (k, at) for p, k, at in conn.execute("SELECT paper_id, key, at FROM citation_keys")}


def merge_keys(conn: sqlite3.Connection, rows: list[tuple[str, str, int]]) -> tuple[int, list[str]]:
    """Take pins (paper id, key, at) from an import inside the open transaction. A paper
    pinned here keeps its key (it may be cited already); a key pinned here to another paper
    is not taken. Returns (how many taken, the conflicts as messages)."""
    taken, conflicts = 0, []
    for paper_id, key, at in rows:
        mine = conn.execute(
            "SELECT key FROM citation_keys WHERE paper_id = ?", (paper_id,)
        ).fetchone()
        if mine is not None:
            if mine[0] != key:
                conflicts.append(f"{paper_id}: kept the key {mine[0]} (the file has {key})")
            continue
        owner = conn.execute("SELECT paper_id FROM citation_keys WHERE key = ?", (key,)).fetchone()
        if owner is not None:
            conflicts.append(f"{paper_id}: the key {key} is {owner[0]}'s here; not taken")
            continue
        conn.execute(
            "INSERT INTO citation_keys (paper_id, key, at) VALUES (?, ?, ?)", (paper_id, key, at)
        )
        taken += 1
    return taken, conflicts
