"""Each paper as a tf-idf vector of its own text: what interest ranking and similar papers use.

The text is the title (twice: it says most) and the abstract, as stemmed words and pairs of
adjacent words (`gaussian splat`). Measured on the corpus (tests/benchmarks/bench_interest.py):
adding the Chinese summary and takeaways (as bigrams) or the analysis made both the ranking and
the neighbours slightly worse; stems and word pairs made the neighbours better (topic shared by
56% to 58% of the ten nearest), and a weaker idf better still (see IDF_POWER). The matrix is a
cache in a file beside the index, rebuilt when the index has changed since (its stamp), never in
the state file.
"""

from __future__ import annotations

import itertools
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from readerapp.library.schema import unpack_text
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.logsetup import get_logger
from readerapp.rank.sparse import Rows

if TYPE_CHECKING:
    import numpy as np

    from readerapp.library.library import Library

log = get_logger(__name__)
FORMAT = 3  # of the cache file (and of the weights in it); another is rebuilt
# Words that say nothing about a paper's subject in this genre.
_GENRE_WORDS = ["paper", "propose", "proposed", "method", "methods", "approach", "results"]


@dataclass
class PaperVectors:
    ids: list[str]  # row i is paper ids[i]
    matrix: Rows  # rows of unit length: a dot product is the cosine
    terms: list[str]  # column j is terms[j]
    stamp: str  # the index stamp they were made at
    _rows_by_id: dict[str, int] | None = field(default=None, repr=False)
    _by_term: Rows | None = field(default=None, repr=False)

    def row_of(self) -> dict[str, int]:
        if self._rows_by_id is None:
            self._rows_by_id = {paper_id: row for row, paper_id in enumerate(self.ids)}
        return self._rows_by_id

    def by_term(self) -> Rows:
        """The papers holding each term (made once, when similar papers are first asked for):
        a paper's neighbours then cost the postings of its own terms, not the whole matrix."""
        if self._by_term is None:
            self._by_term = self.matrix.transposed()
        return self._by_term


def _paper_texts(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(ids, texts) of every distinct paper, from the entry of its newest post."""
    ids: list[str] = []
    texts: list[str] = []
    rows = conn.execute(
        "SELECT x.id, e.title, e.abstract FROM papers x JOIN entries e ON e.id = x.entry_id"
        " ORDER BY x.id"
    )
    for paper_id, title, abstract in rows:
        ids.append(paper_id)
        texts.append(f"{title}\n{title}\n{unpack_text(abstract)}")
    return ids, texts


_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves via based using use used show shows
new novel however thus
"""
STOP_WORDS = frozenset(_STOP_TEXT.split()) | frozenset(_GENRE_WORDS)


def _words() -> Callable[[str], list[str]]:
    """Stemmed words (the search index's English analyzer) without stop words or numbers, and
    the pairs of adjacent ones."""
    from readerapp.library.textindex import english_analyzer

    analyzer = english_analyzer()
    stop = set(analyzer.analyze(" ".join(sorted(STOP_WORDS))))

    def words(text: str) -> list[str]:
        kept = [w for w in analyzer.analyze(text) if len(w) > 1 and w not in stop]
        kept = [w for w in kept if not w.isdigit()]
        return kept + [f"{a} {b}" for a, b in itertools.pairwise(kept)]

    return words


# How much a term's rarity weighs (its idf to this power). Measured on the corpus, the ten
# nearest papers shared a topic 59% of the time with the usual idf, 62% with its square root,
# 65% with none: the words that say a paper's subject (gaussian, nerf, talking) are in a fifth
# of the papers each, and a full idf lets rare words (names, numbers of a method) outweigh them.
# The interest ranking was the same either way (bench_interest.py).
IDF_POWER = 0.0


def tfidf(texts: list[str], min_df: int, max_df: float) -> tuple[Rows, list[str]]:
    """Rows of sublinear tf times smooth idf to IDF_POWER, each of unit length (as
    scikit-learn's TfidfVectorizer(sublinear_tf=True) makes them); and the column terms."""
    import numpy as np

    words = _words()
    counted = [Counter(words(text)) for text in texts]
    frequency: Counter[str] = Counter()
    for counts in counted:
        frequency.update(counts.keys())
    most = max_df * len(texts)
    terms = sorted(t for t, df in frequency.items() if min_df <= df <= most)
    column = {term: j for j, term in enumerate(terms)}
    idf = np.array(
        [(math.log((1 + len(texts)) / (1 + frequency[t])) + 1) ** IDF_POWER for t in terms],
        dtype=np.float64,
    )
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for counts in counted:
        kept = sorted((column[t], n) for t, n in counts.items() if t in column)
        indices.extend(j for j, _ in kept)
        values.extend(1.0 + math.log(n) for _, n in kept)
        indptr.append(len(indices))
    pointers = np.array(indptr, dtype=np.int64)
    columns = np.array(indices, dtype=np.int32)
    data = np.array(values, dtype=np.float64) * idf[columns] if indices else np.zeros(0)
    squares = np.concatenate(([0.0], np.cumsum(data**2)))
    lengths = np.sqrt(squares[pointers[1:]] - squares[pointers[:-1]])
    lengths[lengths == 0] = 1.0  # a paper with no kept word stays a zero row
    data = data / lengths[np.repeat(np.arange(len(texts)), np.diff(pointers))]
    return Rows(pointers, columns, data.astype(np.float32), len(terms)), terms


def build(conn: sqlite3.Connection) -> PaperVectors:
    stamp = index_stamp(conn)
    ids, texts = _paper_texts(conn)
    # A word in one paper only cannot relate two; in most, it tells none apart.
    matrix, terms = tfidf(texts, min_df=2 if len(ids) >= 50 else 1, max_df=0.8)
    return PaperVectors(ids, matrix, terms, stamp)


def index_stamp(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT stamp FROM text_index").fetchone()
    return row[0] if row else ""


def save(vectors: PaperVectors, path: Path) -> None:
    """Written to a temporary file and renamed: a crash leaves the old cache or the new one."""
    import numpy as np

    temporary = path.with_name(path.name + ".tmp.npz")
    matrix = vectors.matrix
    np.savez(
        temporary,
        format=np.array([FORMAT]),
        stamp=_packed([vectors.stamp]),
        ids=_packed(vectors.ids),
        terms=_packed(vectors.terms),
        data=matrix.data,
        indices=matrix.indices,
        indptr=matrix.indptr,
        columns=np.array([matrix.columns]),
    )
    temporary.replace(path)


def _packed(strings: list[str]) -> np.ndarray:
    import numpy as np

    return np.frombuffer(json.dumps(strings, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _unpacked(array: np.ndarray) -> list[str]:
    return [str(s) for s in json.loads(array.tobytes().decode("utf-8"))]


def load(path: Path) -> PaperVectors | None:
    """The cached vectors, or None when missing, damaged or of another format."""
    import numpy as np

    try:
        # Opened here, so a damaged file is closed whatever numpy raises; no pickles: only data.
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as saved:
            if int(saved["format"][0]) != FORMAT:
                return None
            columns = int(saved["columns"][0])
            matrix = Rows(saved["indptr"], saved["indices"], saved["data"], columns)
            if len(matrix.indptr) != 0 and matrix.count != len(_unpacked(saved["ids"])):
                return None
            stamp = _unpacked(saved["stamp"])[0]
            return PaperVectors(_unpacked(saved["ids"]), matrix, _unpacked(saved["terms"]), stamp)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged cache is rebuilt, whatever numpy says about it
        log.warning("vector cache %s unusable (%s); rebuilding", path, error)
        return None


def cache_path(index_path: Path) -> Path:
    return index_path.with_suffix(".vectors.npz")


def refresh_cache(root: Path, index_path: Path) -> None:
    """Bring the cache file up to date (run in a process of its own by the window: reading
    250,000 abstracts is a minute of Python, which in a thread would take the GIL from the
    window)."""
    from readerapp.library.library import Library

    library = Library(root, index_path)
    try:
        current(library.conn, cache_path(index_path))
    finally:
        library.close()


def is_current(library: Library) -> bool:
    """Whether the cache file holds the vectors of the index as it is now."""
    try:
        with open(cache_path(library.index_path), "rb") as handle:
            import numpy as np

            with np.load(handle, allow_pickle=False) as saved:
                fresh = _unpacked(saved["stamp"])[0] == index_stamp(library.conn)
                return fresh and int(saved["format"][0]) == FORMAT
    except Exception:  # missing or damaged: not current
        return False


def for_library(library: Library, previous: PaperVectors | None = None) -> PaperVectors:
    """The library's vectors, cached beside its index (`previous` when still up to date)."""
    if previous is not None and previous.stamp == index_stamp(library.conn):
        return previous
    return current(library.conn, cache_path(library.index_path))


def current(conn: sqlite3.Connection, path: Path) -> PaperVectors:
    """The vectors of the index as it is now: from the cache when it is up to date."""
    cached = load(path)
    if cached is not None and cached.stamp == index_stamp(conn):
        return cached
    vectors = build(conn)
    try:
        save(vectors, path)
    except OSError as error:  # a cache that cannot be written is only slower next time
        log.warning("cannot write the vector cache %s: %s", path, error)
    return vectors
