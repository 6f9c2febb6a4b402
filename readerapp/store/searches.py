"""Saved searches and watch rules in the state store (issue 17). A saved search is a name and
a query in the search syntax; a rule is a saved search with an action (star, read, tag:NAME,
highlight) applied to newly indexed papers only: the papers seen so far are remembered, a
rule's changes are one undo step that names the rule, and a state the user set by hand is
never overridden. Removed searches keep their row (present = 0) for import merging."""

import sqlite3
from collections.abc import Iterable

from readerapp.lighttyping import TYPE_CHECKING, NamedTuple
from readerapp.store.parts import StoreParts
from readerapp.store.tags import TagError, clean, tag_key

RULE_FIELD = "rule:"  # undo_log field of a rule's mark on a paper: "rule:" + the rule's name
ACTIONS = ("star", "read", "highlight")  # and "tag:NAME"
MAX_NAME = 60


class SearchError(ValueError):
    """A saved search that cannot be one (no name, a bad action)."""


class SavedSearch(NamedTuple):
    name: str
    query: str
    action: str = ""  # "" (a saved search only), one of ACTIONS, or "tag:NAME"
    at: int = 0


def check_action(action: str) -> str:
    action = action.strip()
    if action.startswith("tag:"):
        try:
            return "tag:" + clean(action[4:])
        except TagError as error:
            raise SearchError(f"--then tag:NAME: {error}") from error
    if action and action not in ACTIONS:
        raise SearchError(f"--then is one of star, read, highlight or tag:NAME, not {action!r}")
    return action


def check_name(name: str) -> str:
    text = " ".join(name.split())
    if not text or len(text) > MAX_NAME:
        raise SearchError(f"a saved search's name is 1 to {MAX_NAME} characters")
    return text


class SearchesMixin(StoreParts):
    """The saved-search and rule methods of the StateStore."""

    if TYPE_CHECKING:

        def _set_field(
            self, conn: sqlite3.Connection, batch: int, paper_id: str, field: str, value: object
        ) -> bool: ...
        def _set_tag(
            self, conn: sqlite3.Connection, batch: int, paper_id: str, key: str, name: str | None
        ) -> bool: ...

    # -- saved searches ------------------------------------------------------------------------

    def save_search(self, name: str, query: str, action: str = "") -> SavedSearch:
        name, action = check_name(name), check_action(action)
        if not query.strip():
            raise SearchError("a saved search needs a query")
        now = self._now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO saved_searches (name, query, action, present, at)"
                " VALUES (?, ?, ?, 1, ?) ON CONFLICT (name) DO UPDATE SET query = excluded.query,"
                " action = excluded.action, present = 1, at = excluded.at",
                (name, query.strip(), action, now),
            )
        return SavedSearch(name, query.strip(), action, now)

    def saved_searches(self) -> list[SavedSearch]:
        rows = self.conn.execute(
            "SELECT name, query, action, at FROM saved_searches WHERE present = 1"
        ).fetchall()
        return sorted((SavedSearch(*row) for row in rows), key=lambda s: s.name.casefold())

    def saved_search(self, name: str) -> SavedSearch | None:
        wanted = check_name(name).casefold()
        return next((s for s in self.saved_searches() if s.name.casefold() == wanted), None)

    def remove_search(self, name: str) -> bool:
        found = self.saved_search(name)
        if found is None:
            return False
        with self._write() as conn:
            conn.execute(
                "UPDATE saved_searches SET present = 0, at = ? WHERE name = ?",
                (self._now(), found.name),
            )
        return True

    # -- rules ---------------------------------------------------------------------------------

    def seen_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM seen_papers").fetchone()[0]

    def unseen(self, paper_ids: Iterable[str]) -> list[str]:
        """Of these papers, the ones never indexed before (in the order given)."""
        seen = {row[0] for row in self.conn.execute("SELECT paper_id FROM seen_papers")}
        return [paper_id for paper_id in paper_ids if paper_id not in seen]

    def mark_seen(self, paper_ids: Iterable[str]) -> None:
        with self._write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO seen_papers (paper_id) VALUES (?)",
                ((paper_id,) for paper_id in paper_ids),
            )

    def apply_rule(self, rule: SavedSearch, paper_ids: list[str]) -> list[str]:
        """The rule's action on these (new) papers, as one undo step named after the rule;
        a paper whose state the user set by hand is left alone. Returns the papers changed."""
        changed: list[str] = []
        with self._write() as conn:
            batch = self._next_batch(conn)
            now = self._now()
            for paper_id in paper_ids:
                if not self._act(conn, batch, rule.action, paper_id):
                    continue
                conn.execute(
                    "INSERT OR REPLACE INTO rule_marks (paper_id, rule, action, at)"
                    " VALUES (?, ?, ?, ?)",
                    (paper_id, rule.name, rule.action, now),
                )
                conn.execute(
                    "INSERT INTO undo_log (batch, paper_id, field, old_value, old_at, made_at)"
                    " VALUES (?, ?, ?, NULL, NULL, ?)",
                    (batch, paper_id, RULE_FIELD + rule.name, now),
                )
                changed.append(paper_id)
            conn.execute("UPDATE undo_log SET reason = ? WHERE batch = ?", (rule.name, batch))
        return changed

    def _act(self, conn: sqlite3.Connection, batch: int, action: str, paper_id: str) -> bool:
        if action == "highlight":
            return True
        if action.startswith("tag:"):
            key = tag_key(action[4:])
            by_hand = conn.execute(
                "SELECT 1 FROM tags WHERE paper_id = ? AND tag_key = ?", (paper_id, key)
            ).fetchone()
            return not by_hand and self._set_tag(conn, batch, paper_id, key, action[4:])
        field = {"star": "starred", "read": "read"}[action]
        row = conn.execute(
            f"SELECT {field}_at FROM state WHERE paper_id = ?", (paper_id,)
        ).fetchone()
        if row is not None and row[0] is not None:
            return False  # set (or unset) by hand: the user's word stands
        return self._set_field(conn, batch, paper_id, field, 1)

    def rule_marks(self, paper_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """paper id -> [(rule, action)] of what rules did to it (for the viewer)."""
        found: dict[str, list[tuple[str, str]]] = {}
        ids = list(paper_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for paper_id, rule, action in self.conn.execute(
                f"SELECT paper_id, rule, action FROM rule_marks WHERE paper_id IN ({marks})"
                " ORDER BY at",
                chunk,
            ):
                found.setdefault(paper_id, []).append((rule, action))
        return found

    def highlighted(self) -> set[str]:
        rows = self.conn.execute("SELECT paper_id FROM rule_marks WHERE action = 'highlight'")
        return {row[0] for row in rows}

    def last_undo_reason(self) -> str | None:
        """The rule the last undo step came from, if a rule made it."""
        row = self.conn.execute(
            "SELECT reason FROM undo_log WHERE batch = (SELECT max(batch) FROM undo_log) LIMIT 1"
        ).fetchone()
        return row[0] if row else None


def undo_mark(conn: sqlite3.Connection, paper_id: str, field: str) -> None:
    conn.execute(
        "DELETE FROM rule_marks WHERE paper_id = ? AND rule = ?",
        (paper_id, field[len(RULE_FIELD) :]),
    )


def search_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str, bool, int]]:
    """(name, query, action, present, at) of every saved search, removed ones too."""
    rows = conn.execute("SELECT name, query, action, present, at FROM saved_searches")
    return [(n, q, a, bool(p), at) for n, q, a, p, at in rows]


def merge_searches(conn: sqlite3.Connection, rows: list[tuple[str, str, str, bool, int]]) -> int:
    """Take saved searches from an import where newer than what is here."""
    changed = 0
    for name, query, action, present, at in rows:
        row = conn.execute("SELECT at FROM saved_searches WHERE name = ?", (name,)).fetchone()
        if row and row[0] >= at:
            continue
        conn.execute(
            "INSERT INTO saved_searches (name, query, action, present, at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET query = excluded.query, action = excluded.action,"
            " present = excluded.present, at = excluded.at",
            (name, query, action, int(present), at),
        )
        changed += 1
    return changed
