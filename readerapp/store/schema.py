"""The state database's schema and its migrations (`PRAGMA user_version`)."""

from __future__ import annotations

import sqlite3

# Each entry upgrades the schema by one version; never edit a released step, append a new one.
MIGRATIONS: list[str] = [
    # 1: per-paper state with the time of each field's last change (microseconds, UTC epoch),
    #    and an undo log of changes grouped by user action.
    """
    CREATE TABLE state (
        paper_id   TEXT PRIMARY KEY,
        read       INTEGER NOT NULL DEFAULT 0,
        read_at    INTEGER,
        starred    INTEGER NOT NULL DEFAULT 0,
        starred_at INTEGER,
        note       TEXT NOT NULL DEFAULT '',
        note_at    INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX state_starred ON state (starred) WHERE starred = 1;
    CREATE TABLE undo_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        batch     INTEGER NOT NULL,
        paper_id  TEXT NOT NULL,
        field     TEXT NOT NULL,
        old_value,
        old_at    INTEGER,
        made_at   INTEGER NOT NULL
    );
    CREATE INDEX undo_batch ON undo_log (batch);
    """,
    # 2: the view other modules read the state through (the tree's filters and counts): a
    #    later change of the `state` table must keep this view's columns, or migrate it.
    """
    CREATE VIEW paper_state AS SELECT paper_id, read, starred, note FROM state;
    """,
    # 3: tags (store/tags.py): a removed tag keeps its row (present = 0) and the time of the
    #    removal, so an import can tell which change is newer.
    """
    CREATE TABLE tags (
        paper_id TEXT NOT NULL,
        tag_key  TEXT NOT NULL,
        name     TEXT NOT NULL,
        present  INTEGER NOT NULL DEFAULT 1,
        at       INTEGER NOT NULL,
        PRIMARY KEY (paper_id, tag_key)
    ) WITHOUT ROWID;
    CREATE INDEX tags_by_key ON tags (tag_key) WHERE present = 1;
    CREATE VIEW paper_tags AS SELECT paper_id, tag_key, name FROM tags WHERE present = 1;
    """,
    # 4: citation keys pinned once exported (store/keys.py); saved searches and the rules
    #    made of them (store/searches.py): the papers seen so far (a rule acts on new ones
    #    only), what each rule did, and the rule an undo step came from.
    """
    CREATE TABLE citation_keys (
        paper_id TEXT PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        at       INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE saved_searches (
        name    TEXT PRIMARY KEY,
        query   TEXT NOT NULL,
        action  TEXT NOT NULL DEFAULT '',
        present INTEGER NOT NULL DEFAULT 1,
        at      INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE seen_papers (paper_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE rule_marks (
        paper_id TEXT NOT NULL,
        rule     TEXT NOT NULL,
        action   TEXT NOT NULL,
        at       INTEGER NOT NULL,
        PRIMARY KEY (paper_id, rule)
    ) WITHOUT ROWID;
    ALTER TABLE undo_log ADD COLUMN reason TEXT;
    """,
]
# What readers outside the store may query: this view and these columns, nothing else.
PAPER_STATE = "paper_state"
PAPER_STATE_COLUMNS = ("paper_id", "read", "starred", "note")
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the missing steps, each in its own transaction."""
    current = version(conn)
    for number in range(current + 1, LATEST + 1):
        conn.executescript(
            f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]} PRAGMA user_version = {number}; COMMIT;"
        )
