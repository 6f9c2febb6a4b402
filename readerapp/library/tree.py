"""The tree of topics > posts > papers as queries, with unread counts and filters, and the
navigation steps of the keyboard (next paper, next unread, next post) across the whole tree.

The state database is attached to the index connection (`st`), so filters and counts are
single SQL queries and nothing holds a copy of 250,000 entries in memory."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from readerapp.digest.ids import normalise_id, parse_arxiv_id
from readerapp.library.library import Library
from readerapp.library.query import split_tags
from readerapp.store.queries import like_pattern, note_words, notes_match
from readerapp.store.tags import tag_key

NO_RANK = -1


@dataclass(frozen=True)
class View:
    """What the tree shows: everything, or only unread / starred / matching papers."""

    unread_only: bool = False
    starred_only: bool = False
    noted_only: bool = False  # papers with a note
    query: str = ""
    keep: frozenset[str] = field(default_factory=frozenset)  # ids kept visible regardless

    def describe(self) -> list[str]:
        """What this view filters for, as the status bar says it."""
        parts = []
        if self.unread_only:
            parts.append("Unread only")
        if self.starred_only:
            parts.append("Starred only")
        if self.noted_only:
            parts.append("With a note")
        if self.query.strip():
            parts.append(f"Search: {self.query.strip()}")
        return parts

    @property
    def filtered(self) -> bool:
        return self.unread_only or self.starred_only or self.noted_only or bool(self.query.strip())


@dataclass(frozen=True)
class TopicNode:
    name: str
    unread: int
    posts: int


@dataclass(frozen=True)
class PostNode:
    id: int
    path: str
    title: str
    topic: str
    date: str
    rank: int
    is_digest: bool
    unread: int
    papers: int  # shown under the current filter
    entries: int = 0  # in the post, whatever the filter (for "paper 10 of 24")


@dataclass(frozen=True)
class EntryNode:
    post_id: int
    index: int
    paper_id: str
    title: str
    rank: int


@dataclass(frozen=True)
class Position:
    """A place in tree order: a post's rank and an entry index (-1: the post itself)."""

    rank: int
    index: int = -1


# Where a post is, without counting its unread papers (which costs a query over its entries):
# enough to find and select it; the tree shows the counts.
_PLACE = "p.id, p.path, p.title, p.topic, p.date, p.tree_rank, p.n_entries > 0, p.n_entries"


def _post_node(row: tuple) -> PostNode:
    """A post with its counts: the columns of _PLACE, then unread and papers shown."""
    return PostNode(
        row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[8], row[9], row[7]
    )


def _place(row: tuple) -> PostNode:
    return PostNode(
        row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), -1, row[7], row[7]
    )


class Tree:
    def __init__(self, library: Library, state_path: Path) -> None:
        self.library = library
        self.conn: sqlite3.Connection = library.conn
        self._hits: tuple[str, str, str] = ("", "", "")  # query, stamp, matching entries
        attached = {row[1] for row in self.conn.execute("PRAGMA database_list")}
        if "st" not in attached:
            # Open the StateStore first: it creates and migrates the file; here it is only read.
            self.conn.execute("ATTACH DATABASE ? AS st", (str(state_path),))

    # -- the filter as SQL -----------------------------------------------------------------------

    def condition(self, view: View) -> tuple[str, list[object]]:
        """A condition on entries `e` for the view (empty when it shows everything)."""
        clauses: list[str] = []
        params: list[object] = []
        if view.unread_only:
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM st.paper_state s"
                " WHERE s.paper_id = e.paper_id AND s.read = 1)"
            )
        if view.starred_only:
            clauses.append(
                "EXISTS (SELECT 1 FROM st.paper_state s"
                " WHERE s.paper_id = e.paper_id AND s.starred = 1)"
            )
        if view.noted_only:
            clauses.append(
                "EXISTS (SELECT 1 FROM st.paper_state s"
                " WHERE s.paper_id = e.paper_id AND s.note != '')"
            )
        text, tags = split_tags(view.query)
        for name in tags.wanted:
            clauses.append("e.paper_id IN (SELECT paper_id FROM st.paper_tags WHERE tag_key = ?)")
            params.append(tag_key(name))
        for name in tags.unwanted:
            clauses.append(
                "e.paper_id NOT IN (SELECT paper_id FROM st.paper_tags WHERE tag_key = ?)"
            )
            params.append(tag_key(name))
        if text.strip():
            words = note_words(text)
            options = []
            if hits := self._matching_entries(text):
                options.append("e.id IN (SELECT value FROM json_each(?))")
                params.append(hits)
            if parse_arxiv_id(text.strip()):  # `2411.08879`, a versioned id, a URL
                options.append("e.paper_id = ?")
                params.append(normalise_id(text))
            if words:
                likes = notes_match("s", len(words))
                options.append(
                    f"e.paper_id IN (SELECT s.paper_id FROM st.paper_state s WHERE {likes})"
                )
                params += [like_pattern(w) for w in words]
            clauses.append("(" + (" OR ".join(options) or "0") + ")")
        if not clauses:
            return "", []
        condition = " AND ".join(clauses)
        if view.keep:
            marks = ",".join("?" * len(view.keep))
            condition = f"(({condition}) OR e.paper_id IN ({marks}))"
            params += sorted(view.keep)
        return condition, params

    def _matching_entries(self, query: str) -> str:
        """The entries matching a search, as a JSON list for SQL; one search per query and
        commit however many levels of the tree ask (each asks with the same condition)."""
        stamp = self.conn.execute("SELECT stamp FROM text_index").fetchone()[0]
        if self._hits[:2] != (query, stamp):
            entries = self.library.matching_entries(query)
            self._hits = (query, stamp, json.dumps(entries) if entries else "")
        return self._hits[2]

    def safe(self, sql: str, params: list[object]) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    # -- levels ----------------------------------------------------------------------------------

    def topics(self, view: View = View()) -> list[TopicNode]:
        condition, params = self.condition(view)
        join_on = f" AND {condition}" if condition else ""
        having = " HAVING count(e.id) > 0" if condition else ""
        rows = self.safe(
            "SELECT p.topic, count(DISTINCT e.paper_id) FILTER (WHERE s.read IS NOT 1),"
            " count(DISTINCT p.id) FROM posts p"
            f" LEFT JOIN entries e ON e.post_id = p.id{join_on}"
            " LEFT JOIN st.paper_state s ON s.paper_id = e.paper_id"
            f" WHERE p.skipped = 0 GROUP BY p.topic_key, p.topic{having}"
            " ORDER BY p.topic_key, p.topic",
            params,
        )
        return [TopicNode(*row) for row in rows]

    def topic_names(self) -> list[TopicNode]:
        """The unfiltered topics without their unread counts (-1: not counted yet): an indexed
        query that stays fast at any size; `topics()` fills the counts in (in the background)."""
        rows = self.conn.execute(
            "SELECT topic, count(*) FROM posts WHERE skipped = 0"
            " GROUP BY topic_key, topic ORDER BY topic_key, topic"
        )
        return [TopicNode(name, -1, posts) for name, posts in rows]

    def size(self) -> int:
        return self.conn.execute("SELECT count(*) FROM entries").fetchone()[0]

    def posts(self, topic: str, view: View = View()) -> list[PostNode]:
        condition, params = self.condition(view)
        join_on = f" AND {condition}" if condition else ""
        having = " HAVING count(e.id) > 0" if condition else ""
        rows = self.safe(
            f"SELECT {_PLACE}, count(e.id) FILTER (WHERE s.read IS NOT 1), count(e.id)"
            " FROM posts p"
            f" LEFT JOIN entries e ON e.post_id = p.id{join_on}"
            " LEFT JOIN st.paper_state s ON s.paper_id = e.paper_id"
            f" WHERE p.skipped = 0 AND p.topic = ? GROUP BY p.id{having} ORDER BY p.tree_rank",
            [*params, topic],
        )
        return [_post_node(row) for row in rows]

    def post_places(self, topic: str) -> list[PostNode]:
        """The topic's posts without their unread counts (-1: not counted yet), every paper
        shown: one indexed query however many posts; `posts()` counts them (in the background
        in a large library, where it reads every entry of the topic: 150 ms for 6,000 posts)."""
        rows = self.conn.execute(
            f"SELECT {_PLACE} FROM posts p WHERE p.topic = ? AND p.skipped = 0"
            " ORDER BY p.tree_rank",
            (topic,),
        )
        return [_post_node((*row, -1 if row[6] else 0, row[7])) for row in rows]

    def entries(self, post_id: int, view: View = View()) -> list[EntryNode]:
        condition, params = self.condition(view)
        extra = f" AND {condition}" if condition else ""
        rows = self.safe(
            "SELECT e.post_id, e.idx, e.paper_id, e.title, p.tree_rank FROM entries e"
            f" JOIN posts p ON p.id = e.post_id WHERE e.post_id = ?{extra} ORDER BY e.idx",
            [post_id, *params],
        )
        return [EntryNode(*row) for row in rows]

    def post_counts(self, post_ids: list[int], view: View = View()) -> dict[int, tuple[int, int]]:
        """(unread, shown) per post, for refreshing the rows a state change touched."""
        if not post_ids:
            return {}
        condition, params = self.condition(view)
        extra = f" AND {condition}" if condition else ""
        marks = ",".join("?" * len(post_ids))
        rows = self.safe(
            "SELECT e.post_id, count(*) FILTER (WHERE s.read IS NOT 1), count(*) FROM entries e"
            " LEFT JOIN st.paper_state s ON s.paper_id = e.paper_id"
            f" WHERE e.post_id IN ({marks}){extra} GROUP BY e.post_id",
            [*post_ids, *params],
        )
        return {row[0]: (row[1], row[2]) for row in rows}

    def posts_holding(self, paper_ids: list[str]) -> dict[int, str]:
        """post id -> topic, for the posts that list any of the papers."""
        if not paper_ids:
            return {}
        marks = ",".join("?" * len(paper_ids))
        rows = self.conn.execute(
            "SELECT DISTINCT p.id, p.topic FROM entries e JOIN posts p ON p.id = e.post_id"
            f" WHERE e.paper_id IN ({marks})",
            paper_ids,
        )
        return dict(rows.fetchall())

    def paper_ids(self, view: View = View()) -> list[str]:
        """The papers the view shows, in tree order (each once)."""
        condition, params = self.condition(view)
        where = f" WHERE {condition}" if condition else ""
        rows = self.safe(
            "SELECT e.paper_id FROM posts p JOIN entries e ON e.post_id = p.id"
            f"{where} ORDER BY p.tree_rank, e.idx",
            params,
        )
        return list(dict.fromkeys(row[0] for row in rows))

    def topics_holding(self, paper_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT p.topic FROM entries e JOIN posts p ON p.id = e.post_id"
            " WHERE e.paper_id = ? AND p.skipped = 0",
            (paper_id,),
        )
        return [row[0] for row in rows]

    def totals(self) -> tuple[int, int, int]:
        """(papers, unread, starred) over the whole library."""
        row = self.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE s.read IS NOT 1),"
            " count(*) FILTER (WHERE s.starred = 1)"
            " FROM papers x LEFT JOIN st.paper_state s ON s.paper_id = x.id"
        ).fetchone()
        return row[0], row[1], row[2]

    # -- navigation ------------------------------------------------------------------------------

    def step(
        self, here: Position, forward: bool, view: View = View(), unread: bool = False
    ) -> EntryNode | None:
        """The next (or previous) paper in tree order from `here`, crossing posts and topics.
        (Skipped files have no entries, so no test on `skipped` is needed, which lets SQLite
        walk the tree_rank index and stop at the first hit.)"""
        condition, params = self.condition(view)
        clauses = []
        if condition:
            clauses.append(condition)
        if unread:
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM st.paper_state s2 WHERE s2.paper_id = e.paper_id"
                " AND s2.read = 1)"
            )
        compare = ">" if forward else "<"
        order = "ASC" if forward else "DESC"
        clauses.append(f"(p.tree_rank, e.idx) {compare} (?, ?)")
        rows = self.safe(
            "SELECT e.post_id, e.idx, e.paper_id, e.title, p.tree_rank FROM posts p"
            f" JOIN entries e ON e.post_id = p.id WHERE {' AND '.join(clauses)}"
            f" ORDER BY p.tree_rank {order}, e.idx {order} LIMIT 1",
            [*params, here.rank, here.index],
        )
        return EntryNode(*rows[0]) if rows else None

    def step_post(self, rank: int, forward: bool, view: View = View()) -> PostNode | None:
        """The next (or previous) post in tree order that the view shows (without counts)."""
        compare = ">" if forward else "<"
        order = "ASC" if forward else "DESC"
        condition, params = self.condition(view)
        visible = (
            f" AND EXISTS (SELECT 1 FROM entries e WHERE e.post_id = p.id AND {condition})"
            if condition
            else ""
        )
        rows = self.safe(
            f"SELECT {_PLACE} FROM posts p WHERE p.tree_rank > 0 AND p.tree_rank {compare} ?"
            f"{visible} ORDER BY p.tree_rank {order} LIMIT 1",
            [rank, *params],
        )
        return _place(rows[0]) if rows else None

    def first_rank_of(self, topic: str) -> int:
        row = self.conn.execute(
            "SELECT min(tree_rank) FROM posts WHERE topic = ? AND skipped = 0", (topic,)
        ).fetchone()
        return row[0] if row and row[0] is not None else NO_RANK

    def locate(self, path: str) -> PostNode | None:
        """Where the post at `path` is (topic, rank), without its counts."""
        row = self.conn.execute(
            f"SELECT {_PLACE} FROM posts p WHERE p.path = ? AND p.skipped = 0", (path,)
        ).fetchone()
        return _place(row) if row else None

    def first_place_of(self, paper_id: str) -> tuple[str, int] | None:
        """(post path, entry index) where a paper first appears in tree order."""
        row = self.conn.execute(
            "SELECT p.path, e.idx FROM entries e JOIN posts p ON p.id = e.post_id"
            " WHERE e.paper_id = ? AND p.skipped = 0 ORDER BY p.tree_rank, e.idx LIMIT 1",
            (paper_id,),
        ).fetchone()
        return (row[0], row[1]) if row else None
