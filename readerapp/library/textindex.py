"""The full-text index: a tantivy index in a folder beside the SQLite index, like it a cache.

Chosen by measurement (tests/benchmarks/bench_index.py keeps the figures): against SQLite FTS5 it
indexes on every core in Rust, takes 12 MB instead of 28 MB for the corpus copied ten times, and
ranks the top 100 of 250,000 entries in milliseconds. Documents are keyed by the entry's id in
the SQLite index (`eid`), which is never reused.

The two stores cannot share a transaction, so a stamp ties them: each commit writes "pending" to
the folder's stamp file, commits tantivy, then the SQLite index with a new stamp, then the file.
A stamp file that differs from the SQLite index's means a commit was interrupted: the next
update reads every post again (the SQLite index does not keep the analyses) and rebuilds both.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

import tantivy

from readerapp.library.fold import fold
from readerapp.library.query import COLUMNS, WEIGHTS, Query, Term
from readerapp.library.schema import read_stamp, write_stamp
from readerapp.logsetup import get_logger

log = get_logger(__name__)
# English fields are stemmed (`splatting` = `splat`). Stemming the mostly Chinese fields cost a
# third of all indexing time for nothing (bigrams have no stems); there a prefix search still
# finds `splatting` from `splat`.
_STEMMED = ("title", "authors", "abstract")
_READ_FIRST = tuple(column for column in COLUMNS if column != "analysis")  # ranked() puts first
_FORMAT_FILE, FORMAT = "format", "3"  # the schema, analyzers, folding; another is rebuilt
# Bytes for the writer's buffers (its threads share them). Its memory at a flush is a few times
# this: corpus x200 with 64 MB peaked at 248 MB of private memory, with 32 MB at 157 MB, and
# indexed in 85 s instead of 93 s (the index 4% larger: more, smaller segments to merge).
WRITER_HEAP = 32_000_000
THREAD_HEAP = 16_000_000  # tantivy's least is 15 MB per indexing thread (more on more cores)
MAX_TOKEN = 40  # longer "words" are hashes, base64 and the like


def _analyzer(stemmed: bool) -> tantivy.TextAnalyzer:
    """Words split at anything but letters and digits (CJK arrive as bigrams between spaces).
    The text arrives folded (fold.py); the English fields are lower-cased and folded here too,
    for the interest ranking, which reads raw text with this analyzer, then stemmed."""
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(
        tantivy.Filter.remove_long(MAX_TOKEN)
    )
    if stemmed:
        builder = (
            builder.filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .filter(tantivy.Filter.stemmer("english"))
        )
    return builder.build()


def english_analyzer() -> tantivy.TextAnalyzer:
    """The words of English text as the index reads them (stemmed, folded, lower-case)."""
    return _analyzer(True)


def _tokenizer(column: str) -> str:
    return "readerapp-en" if column in _STEMMED else "readerapp"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for column in COLUMNS:
        builder.add_text_field(column, tokenizer_name=_tokenizer(column))
    builder.add_integer_field("eid", indexed=True, fast=True)
    return builder.build()


class TextIndex:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.schema = _schema()
        self.analyzers = {"readerapp-en": _analyzer(True), "readerapp": _analyzer(False)}
        self.note = ""
        # Set when a damaged index was replaced by an empty one: the next update refills it.
        self.emptied = False
        try:
            self.index = self._open()
        except (OSError, ValueError) as error:  # damaged or of another format: a cache
            log.warning("text index %s unusable (%s); starting a new one", folder, error)
            self.note = f"the search index was unusable ({error}); rebuilt"
            self.clear_folder()
            self.index = self._open()
            self.emptied = True

    def _open(self) -> tantivy.Index:
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / _FORMAT_FILE
        if not marker.exists() or marker.read_text(encoding="ascii", errors="replace") != FORMAT:
            self.clear_folder()  # written by another version (or nothing yet): start afresh
            marker.write_text(FORMAT, encoding="ascii")
        index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
        for name, analyzer in self.analyzers.items():
            index.register_tokenizer(name, analyzer)
        index.config_reader(reload_policy="Manual")
        return index

    def clear_folder(self) -> None:
        import shutil  # here: searches never clear, and shutil takes 3 ms to load

        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    # -- the stamp that ties this index to the SQLite one ----------------------------------------

    @property
    def stamp(self) -> str:
        return read_stamp(self.folder)

    def write_stamp(self, value: str) -> None:
        write_stamp(self.folder, value)

    # -- searching -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """See what other writers (another thread or process) have committed."""
        self.index.reload()

    def _one_column(
        self, term: Term, column: str, tokens: list[str | tuple[int, str]]
    ) -> tantivy.Query:
        q = tantivy.Query
        if term.prefix:
            return q.phrase_prefix_query(self.schema, column, tokens)
        if len(tokens) == 1:
            return q.term_query(self.schema, column, tokens[0])
        return q.phrase_query(self.schema, column, tokens)

    def _term(self, term: Term, columns: Sequence[str] = COLUMNS) -> tantivy.Query | None:
        """The term in any of `columns` (each as that column's analyzer reads it)."""
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        text = fold(term.text)  # as the indexed text was
        for column in [term.column] if term.column else columns:
            analyzer = self.analyzers[_tokenizer(column)]
            tokens: list[str | tuple[int, str]] = list(analyzer.analyze(text))
            if not tokens:
                return None  # a word with nothing searchable in it (a 60-letter "word")
            weight = WEIGHTS[COLUMNS.index(column)]
            one = self._one_column(term, column, tokens)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(one, weight)))
        return tantivy.Query.boolean_query(clauses)

    def compile(self, query: Query, columns: Sequence[str] = COLUMNS) -> tantivy.Query | None:
        """The tantivy query, or None when it can match nothing. With `columns`, the words must
        be found in those (what they exclude is excluded wherever it is)."""
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for term in query.positive:
            compiled = self._term(term, columns)
            if compiled is None:
                return None
            clauses.append((tantivy.Occur.Must, compiled))
        for term in query.negative:
            if (compiled := self._term(term)) is not None:
                clauses.append((tantivy.Occur.MustNot, compiled))
        if not query.positive:
            clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(clauses)

    def ranked(self, query: Query, limit: int | None = None) -> list[int]:
        """Entry ids matching the query, best first (all of them without a limit).

        First the entries that match in what a reader reads first (title, authors, abstract,
        summary, takeaways), then those that match only with their analysis, each part by
        relevance. When the first part fills the limit, the analyses' long lists of positions
        are never read: a common phrase (扩散模型, in a third of 250,000 entries) is ranked from
        the short fields."""
        full = self.compile(query)
        if full is None:
            return []
        searcher = self.index.searcher()
        size = limit if limit is not None else searcher.num_docs
        if size <= 0:
            return []
        first = self.compile(query, _READ_FIRST)
        hits = searcher.search(first, size, count=False).hits if first is not None else []
        if len(hits) < size:
            rest = [(tantivy.Occur.Must, full)]
            if first is not None:
                rest.append((tantivy.Occur.MustNot, first))
            more = tantivy.Query.boolean_query(rest)
            hits += searcher.search(more, size - len(hits), count=False).hits
        return cast(list[int], searcher.fast_field_values("eid", [address for _, address in hits]))

    def matching(self, query: Query) -> list[int]:
        """Entry ids matching the query, unranked (in the order of their ids): nothing is
        scored, and the ids come with the hits instead of from a second lookup."""
        compiled = self.compile(query)
        if compiled is None:
            return []
        searcher = self.index.searcher()
        if searcher.num_docs == 0:
            return []
        hits = searcher.search(compiled, searcher.num_docs, count=False, order_by_field="eid")
        return [entry_id for entry_id, _ in hits.hits]

    def count(self, query: Query) -> int:
        compiled = self.compile(query)
        if compiled is None:
            return 0
        result = self.index.searcher().search(compiled, 1, count=True)
        return cast(int, result.count)  # type: ignore[attr-defined]  # missing from the stubs

    # -- writing ---------------------------------------------------------------------------------

    def writer(self, threads: int = 0) -> TextWriter:
        return TextWriter(self, threads)


class TextWriter:
    """Adds and deletes documents; nothing is visible to searches before `commit`."""

    def __init__(self, index: TextIndex, threads: int) -> None:
        self.index = index
        cores = os.cpu_count() or 1
        # One core is the parser's: on 2 cores one indexing thread was 8% faster than two.
        self.threads = threads or max(1, min(cores - 1, 4))
        heap = max(WRITER_HEAP, THREAD_HEAP * self.threads)
        self.writer = index.index.writer(heap_size=heap, num_threads=self.threads)
        self.pending = False

    def add(self, entry_id: int, fields: Sequence[str]) -> None:
        document = tantivy.Document()  # field by field: a third faster than by keywords
        document.add_integer("eid", entry_id)
        for column, text in zip(COLUMNS, fields, strict=True):
            document.add_text(column, text)
        self.writer.add_document(document)
        self.pending = True

    def delete(self, entry_ids: Iterable[int]) -> None:
        for entry_id in entry_ids:
            self.writer.delete_documents_by_term("eid", entry_id)
            self.pending = True

    def clear(self) -> None:
        self.writer.delete_all_documents()
        self.pending = True

    def commit(self) -> None:
        self.writer.commit()
        self.pending = False

    def rollback(self) -> None:
        with contextlib.suppress(Exception):  # a writer that failed has nothing to undo
            self.writer.rollback()
        self.pending = False

    def close(self) -> None:
        """Let background merges finish (fewer, larger segments) and release the writer lock."""
        with contextlib.suppress(Exception):
            self.writer.wait_merging_threads()
        self.index.refresh()
