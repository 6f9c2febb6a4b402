"""A library folder and its index: update it, and answer the queries of the CLI and the window."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from readerapp.digest.ids import parse_arxiv_id
from readerapp.digest.values import Link, Problem
from readerapp.filelock import exclusive
from readerapp.library import schema
from readerapp.library.changes import UpdateReport, plan_update
from readerapp.library.records import (
    Counts,
    EntryRow,
    Occurrence,
    PaperRecord,
    PostRecord,
)
from readerapp.library.roots import Roots
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.logsetup import get_logger

if TYPE_CHECKING:
    from readerapp.library.indexer import Progress
    from readerapp.library.query import Query
    from readerapp.library.textindex import TextIndex

log = get_logger(__name__)
_PAPER_COLUMNS = (
    "e.paper_id, e.title, e.authors, e.arxiv_id, e.arxiv_version, e.pdf_url, e.comment,"
    " e.abstract, e.summary, e.takeaways, e.screenshots, e.links, p.path, e.line, e.span, e.idx,"
    " e.analysis_line, p.mtime_ns, p.size"
)
_POST_COLUMNS = (
    "id, path, title, topic, date, categories, tags, description, cover, n_entries, body"
)
_TREE_ORDER = schema.tree_order("p")


def _parse(text: str) -> Query:
    """The search syntax (loaded with the first search: most commands never search)."""
    from readerapp.library.query import parse

    return parse(text)


class LibraryError(Exception):
    """A user-facing problem with the library folder."""


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Library:
    def __init__(
        self, root: Path, index_path: Path, sources: tuple[tuple[str, Path], ...] = ()
    ) -> None:
        """`sources`: (name, posts folder) of the library's other sources (roots.py)."""
        if not root.is_dir():
            raise LibraryError(f"library folder not found: {root}")
        self.root = root.resolve()
        self.roots = Roots(self.root, sources)
        self.index_path = index_path
        self.conn, self.note = schema.open_index(index_path)
        self._text: TextIndex | None = None
        self._text_seen = ""  # the stamp the text index was last refreshed at
        # The papers with a tag (the user's state, not the index): set by whoever opens the
        # state store beside the library, so `tag:NAME` in a search can filter.
        self.tag_lookup: Callable[[str], set[str]] = lambda _name: set()

    @property
    def text(self) -> TextIndex:
        """The full-text index, opened at the first search (tantivy loads in ~10 ms)."""
        if self._text is None:
            from readerapp.library.textindex import TextIndex

            self._text = TextIndex(self.text_folder)
        return self._text

    @property
    def text_folder(self) -> Path:
        return schema.text_folder(self.index_path)

    def _searchable(self) -> TextIndex:
        """The text index, refreshed when another connection or process has committed since."""
        text = self.text
        if text.emptied:  # damaged and replaced by an empty one: refill it before answering
            self.update(wait=True)
        stamp = self.conn.execute("SELECT stamp FROM text_index").fetchone()[0]
        if stamp != self._text_seen:
            text.refresh()
            self._text_seen = stamp
        return text

    def close(self) -> None:
        self.conn.close()
        self._text = None

    def update(
        self,
        progress: Progress | None = None,
        should_cancel: Callable[[], bool] | None = None,
        *,
        rebuild: bool = False,
        on_batch: Callable[[int], None] | None = None,
        wait: bool = False,
    ) -> UpdateReport:
        """Bring the index up to date. A damaged index (a cache) is set aside and rebuilt. A
        rebuild, or an update with `wait`, waits for another process updating the same index;
        a plain update does not (its report says `busy`)."""
        # One writer at a time (the text index allows no other), whichever process it is in.
        # A plain update does not wait for another (the window's first index of a large
        # library takes minutes): what is committed so far is read, and the report says so.
        try:
            with exclusive(self.lock_path, wait=wait or rebuild) as mine:
                if not mine:
                    return UpdateReport(busy=True)
                plan = plan_update(self.conn, self.roots, self.text_folder, rebuild=rebuild)
                if plan.idle:  # the parser and the writer are not even loaded
                    problems = list(plan.found.problems)
                    return UpdateReport(unchanged=len(plan.found.files), problems=problems)
                from readerapp.library.indexer import update_index

                return update_index(
                    self.conn,
                    self.roots,
                    self.text_folder,
                    lambda: self.text,
                    progress,
                    should_cancel,
                    rebuild=rebuild,
                    on_batch=on_batch,
                    plan=plan,
                )
        except sqlite3.DatabaseError as error:
            if not schema.is_corruption(error):
                raise
            note = self.replace_damaged(error)
        from readerapp.library.indexer import update_index

        with exclusive(self.lock_path):
            report = update_index(
                self.conn, self.roots, self.text_folder, lambda: self.text, progress, should_cancel
            )
        report.replaced_damaged = note
        return report

    @property
    def lock_path(self) -> Path:
        return self.index_path.with_name(self.index_path.name + ".lock")

    def replace_damaged(self, error: BaseException | str) -> str:
        """Set the damaged index file aside and start an empty one; returns what to tell."""
        log.warning("index %s is damaged: %s", self.index_path, error)
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        aside = schema.set_aside(self.index_path)
        self.conn, _ = schema.open_index(self.index_path)
        self._text_seen = ""
        self.note = (
            f"the index cache was damaged ({error}); set aside as {aside} and rebuilt"
            if aside
            else f"the index cache was damaged ({error}); rebuilt"
        )
        return self.note

    def is_damaged(self) -> bool:
        """A full check of the index file (slow on large libraries: only after an error)."""
        try:
            rows = self.conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as error:
            return schema.is_corruption(error)
        return rows != [("ok",)]

    # -- overview -------------------------------------------------------------------------------

    def counts(self) -> Counts:
        posts, digests, skipped = self.conn.execute(
            "SELECT sum(skipped = 0), sum(skipped = 0 AND n_entries > 0), sum(skipped) FROM posts"
        ).fetchone()
        entries = self.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        papers = self.conn.execute("SELECT count(*) FROM papers").fetchone()[0]
        return Counts(posts or 0, digests or 0, entries, papers, skipped or 0)

    def stored_problems(self) -> list[Problem]:
        """The problems found when each post was last read."""
        problems: list[Problem] = []
        for path, raw in self.conn.execute(
            "SELECT path, problems FROM posts WHERE problems != '[]' ORDER BY path"
        ):
            problems += [Problem(path, line, msg, sev) for line, sev, msg in json.loads(raw)]
        return problems

    # -- papers ---------------------------------------------------------------------------------

    def paper_ids(self) -> list[str]:
        """Every distinct paper, in tree order (first place it appears)."""
        rows = self.conn.execute(
            "SELECT e.paper_id FROM entries e JOIN posts p ON p.id = e.post_id"
            f" WHERE p.skipped = 0 ORDER BY {_TREE_ORDER}, e.idx"
        )
        return list(dict.fromkeys(row[0] for row in rows))

    def new_papers(self, paths: list[str]) -> set[str]:
        """The papers listed in these posts and in no other: what a pull brought."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS asked_paths (path TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM asked_paths")
        self.conn.executemany("INSERT OR IGNORE INTO asked_paths VALUES (?)", ((p,) for p in paths))
        rows = self.conn.execute(
            "SELECT DISTINCT e.paper_id FROM entries e JOIN posts p ON p.id = e.post_id"
            " WHERE p.path IN asked_paths AND NOT EXISTS (SELECT 1 FROM entries o JOIN posts q"
            " ON q.id = o.post_id WHERE o.paper_id = e.paper_id AND q.skipped = 0"
            " AND q.path NOT IN asked_paths)"
        )
        found = {row[0] for row in rows}
        self.conn.execute("DELETE FROM asked_paths")
        return found

    def pdf_fields(self, paper_id: str) -> tuple[str | None, int | None, str | None] | None:
        """(arXiv id, version, PDF link) of a paper: what names its PDF, without its texts."""
        row = self.conn.execute(
            "SELECT e.arxiv_id, e.arxiv_version, e.pdf_url FROM papers p"
            " JOIN entries e ON e.id = p.entry_id WHERE p.id = ?",
            (paper_id,),
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def paths_under(self, prefix: str) -> list[str]:
        """Every indexed post whose path starts with `prefix` (a source's `.<name>/`)."""
        rows = self.conn.execute(
            "SELECT path FROM posts WHERE substr(path, 1, ?) = ?", (len(prefix), prefix)
        )
        return [row[0] for row in rows]

    def has_paper(self, paper_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM papers WHERE id = ?", (paper_id,)).fetchone()
            is not None
        )

    def paper(self, paper_id: str) -> PaperRecord | None:
        """The paper with its analysis (read from its post: see digest/reread.py)."""
        found = self.papers([paper_id], analysis=True)
        return found[0] if found else None

    def papers(self, paper_ids: list[str], *, analysis: bool = False) -> list[PaperRecord]:
        """Records for the given ids, in the given order; unknown ids are left out. Their
        `analysis` is "" unless asked for: it is read from each paper's post."""
        by_id: dict[str, PaperRecord] = {}
        for chunk in _chunks(paper_ids):
            marks = ",".join("?" * len(chunk))
            occurrences: dict[str, list[Occurrence]] = {}
            for paper_id, post_id, path, topic, date, idx in self.conn.execute(
                "SELECT e.paper_id, p.id, p.path, p.topic, p.date, e.idx FROM entries e"
                f" JOIN posts p ON p.id = e.post_id WHERE e.paper_id IN ({marks})"
                f" ORDER BY {_TREE_ORDER}, e.idx",
                chunk,
            ):
                occurrences.setdefault(paper_id, []).append(
                    Occurrence(post_id, path, topic, date, idx)
                )
            for row in self.conn.execute(
                f"SELECT {_PAPER_COLUMNS} FROM papers x JOIN entries e ON e.id = x.entry_id"
                f" JOIN posts p ON p.id = e.post_id WHERE x.id IN ({marks})",
                chunk,
            ):
                by_id[row[0]] = PaperRecord(
                    id=row[0],
                    title=row[1],
                    authors=json.loads(row[2]),
                    arxiv_id=row[3],
                    arxiv_version=row[4],
                    pdf_url=row[5],
                    comment=row[6],
                    abstract=schema.unpack_text(row[7]),
                    summary=row[8],
                    takeaways=json.loads(schema.unpack_text(row[9])),
                    analysis=self._analysis(row[0], row[12], *row[13:19]) if analysis else "",
                    screenshots=json.loads(row[10]),
                    links=[Link(url, kind) for url, kind in json.loads(row[11])],
                    posts=occurrences.get(row[0], []),
                )
        return [by_id[i] for i in paper_ids if i in by_id]

    def _analysis(self, paper_id: str, path: str, *place: int) -> str:
        """Read from its post (the index does not keep analyses): reread.py."""
        from readerapp.digest.reread import analysis_in_post

        return analysis_in_post(self.roots.file(path), path, paper_id, *place)

    def resolve_id(self, text: str) -> str | None:
        """A paper id from what a user typed: an id, a versioned id, an arXiv URL or `t:` id."""
        text = text.strip()
        candidates = [text]
        parsed = parse_arxiv_id(text)
        if parsed:
            candidates.insert(0, parsed[0])
        return next((c for c in candidates if self.has_paper(c)), None)

    # -- search ---------------------------------------------------------------------------------

    def _tag_filter(self, text: str) -> tuple[str, Callable[[str], bool] | None]:
        """The search without its `tag:` terms, and a test of the papers those terms allow."""
        from readerapp.library.query import split_tags

        rest, tags = split_tags(text)
        if not tags:
            return text, None
        wanted = [self.tag_lookup(name) for name in tags.wanted]
        unwanted = set().union(*(self.tag_lookup(name) for name in tags.unwanted))
        return rest, lambda i: all(i in found for found in wanted) and i not in unwanted

    def search(self, text: str, limit: int | None = None) -> list[str]:
        """Paper ids matching the search text, most relevant first (BM25, title weighs most)."""
        rest, allowed = self._tag_filter(text)
        if allowed is not None:
            found = self.search(rest) if rest.strip() else self.paper_ids()
            kept = [i for i in found if allowed(i)]
            return kept[:limit] if limit is not None else kept
        ids: list[str] = []
        exact = self.resolve_id(text) if parse_arxiv_id(text.strip()) else None
        if exact:
            ids.append(exact)
        query = _parse(text)
        if query.empty:
            return ids
        if not query.positive:  # only `-word`: everything else, in tree order
            left_out = self._left_out(query)
            everything = [i for i in self.paper_ids() if i not in left_out]
            return everything[:limit] if limit is not None else everything
        found = self._ranked(query, limit)
        return ids + [paper_id for paper_id in found if paper_id != exact]

    def _ranked(self, query: Query, limit: int | None) -> list[str]:
        text = self._searchable()
        if limit is not None:
            # The best entries first, then their papers. A paper listed in several posts takes
            # several of the top entries, hence the margin.
            entries = text.ranked(query, limit * 4 + 8)
            ranked = self._papers_in_order(entries)
            if len(ranked) >= limit or len(entries) < limit * 4 + 8:
                return ranked[:limit]
        ranked = self._papers_in_order(text.ranked(query))
        return ranked[:limit] if limit is not None else ranked

    def _left_out(self, query: Query) -> set[str]:
        """The papers that any `-word` of the query would exclude."""
        text = self._searchable()
        left_out: set[str] = set()
        for term in query.negative:
            left_out |= self._papers_of(text.matching(type(query)((term,), ())))
        return left_out

    def _papers_in_order(self, entry_ids: list[int]) -> list[str]:
        """The papers of the entries, each once, in the entries' order."""
        paper_of = dict(
            self.conn.execute(
                "SELECT e.id, e.paper_id FROM json_each(?) j"
                " JOIN entries e INDEXED BY entries_hit ON e.id = j.value",
                (json.dumps(entry_ids),),
            ).fetchall()
        )
        return list(dict.fromkeys(paper_of[i] for i in entry_ids if i in paper_of))

    def _papers_of(self, entry_ids: list[int]) -> set[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT e.paper_id FROM json_each(?) j"
            " JOIN entries e INDEXED BY entries_hit ON e.id = j.value",
            (json.dumps(entry_ids),),
        )
        return {row[0] for row in rows}

    def matching_entries(self, text: str) -> list[int]:
        """The ids of the entries whose text matches (unranked; for filtering the tree)."""
        query = _parse(text)
        return [] if query.empty else self._searchable().matching(query)

    def count_matching(self, text: str) -> int:
        """How many entries match, without listing them."""
        query = _parse(text)
        return 0 if query.empty else self._searchable().count(query)

    def matching_ids(self, text: str) -> set[str]:
        """Every paper matching the search text, unranked (fast: for filtering)."""
        rest, allowed = self._tag_filter(text)
        if allowed is not None:
            candidates = self.matching_ids(rest) if rest.strip() else set(self.paper_ids())
            return {i for i in candidates if allowed(i)}
        found: set[str] = set()
        if parse_arxiv_id(text.strip()) and (exact := self.resolve_id(text)):
            found.add(exact)
        query = _parse(text)
        if query.empty:
            return found
        if not query.positive:
            return found | (set(self.paper_ids()) - self._left_out(query))
        return found | self._papers_of(self.matching_entries(text))

    def list_rows(self, paper_ids: list[str]) -> dict[str, tuple[str, str, list[str]]]:
        """(title, newest date, topics) per paper: what a flat list of papers shows, without
        reading their long texts."""
        rows: dict[str, tuple[str, str, list[str]]] = {}
        for chunk in _chunks(paper_ids):
            marks = ",".join("?" * len(chunk))
            for paper_id, title, date, topics in self.conn.execute(
                "SELECT e.paper_id, min(e.title), max(p.date), group_concat(DISTINCT p.topic)"
                " FROM entries e JOIN posts p ON p.id = e.post_id"
                f" WHERE p.skipped = 0 AND e.paper_id IN ({marks}) GROUP BY e.paper_id",
                chunk,
            ):
                rows[paper_id] = (title, date, sorted((topics or "").split(","), key=str.casefold))
        return rows

    def screenshot_urls(self, post_path: str | None = None) -> list[str]:
        """Screenshot URLs, newest posts first (what to download first), each once."""
        sql = "SELECT e.screenshots FROM entries e JOIN posts p ON p.id = e.post_id"
        params: list[object] = []
        if post_path is not None:
            sql += " WHERE p.path = ?"
            params.append(post_path)
        rows = self.conn.execute(sql + " ORDER BY p.date DESC, p.path, e.idx", params)
        return list(dict.fromkeys(url for (raw,) in rows for url in json.loads(raw)))

    # -- tree -----------------------------------------------------------------------------------

    def topics(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT topic_key, topic FROM posts p WHERE skipped = 0"
            " ORDER BY topic_key, topic"
        )
        return [row[1] for row in rows]

    def _post(self, row: tuple) -> PostRecord:
        return PostRecord(
            id=row[0],
            path=row[1],
            title=row[2],
            topic=row[3],
            date=row[4],
            categories=json.loads(row[5]),
            tags=json.loads(row[6]),
            description=row[7],
            cover=row[8],
            n_entries=row[9],
            body=row[10],
        )

    def posts_of(self, topic: str) -> list[PostRecord]:
        """The posts of a topic, newest first."""
        rows = self.conn.execute(
            f"SELECT {_POST_COLUMNS} FROM posts p WHERE skipped = 0 AND topic = ?"
            f" ORDER BY {_TREE_ORDER}",
            (topic,),
        )
        return [self._post(row) for row in rows]

    def post(self, post_id: int) -> PostRecord | None:
        row = self.conn.execute(
            f"SELECT {_POST_COLUMNS} FROM posts WHERE id = ? AND skipped = 0", (post_id,)
        ).fetchone()
        return self._post(row) if row else None

    def entries_of(self, post_id: int) -> list[EntryRow]:
        rows = self.conn.execute(
            "SELECT post_id, idx, paper_id, title, summary FROM entries WHERE post_id = ?"
            " ORDER BY idx",
            (post_id,),
        )
        return [EntryRow(*row) for row in rows]
