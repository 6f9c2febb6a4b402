"""One whole learning pass for the window, meant to run in a process of its own: bring the
vectors cache up to date, fit the model, choose the For you papers. Its result is small (no
matrix: the window reads that from the cache file), so it crosses between processes cheaply.

In a thread, the thousands of small numpy steps of a fit each waited for the window's thread
to hand back the GIL: 60 ms of work took 8 s."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from readerapp.rank.ranking import Interest
    from readerapp.rank.vectors import PaperVectors


@dataclass
class Learnt:
    scores: dict[str, float] = field(default_factory=dict)
    weights: np.ndarray | None = None
    stars: int = 0
    picks: list[tuple[str, str, float]] = field(default_factory=list)  # id, title, percentile

    def interest(self, vectors: PaperVectors) -> Interest:
        from readerapp.rank.ranking import Interest

        return Interest(self.scores, self.weights, vectors, self.stars)


def learn(root: Path, index_path: Path, starred: set[str], read: set[str], picks: int) -> Learnt:
    from readerapp.library.library import Library
    from readerapp.rank import ranking, vectors

    library = Library(root, index_path)
    try:
        paper_vectors = vectors.for_library(library)
        interest = ranking.fit(paper_vectors, starred)
        if not interest.trained:
            return Learnt(stars=interest.stars)
        unread = (i for i in paper_vectors.ids if i not in read and i not in starred)
        best = interest.best(unread, picks)
        rows = library.list_rows(best)
        chosen = [(i, rows[i][0], interest.percentile(i)) for i in best if i in rows]
        return Learnt(interest.scores, interest.weights, interest.stars, chosen)
    finally:
        library.close()
