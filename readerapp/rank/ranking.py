"""Interest: a linear model of the user's stars over the papers' tf-idf vectors, and the
papers nearest to one another by the same vectors.

Like arxiv-sanity's linear SVM: the starred papers against all others, classes balanced (a
researcher stars one paper in twenty); here L2-regularised logistic regression fitted by
accelerated gradient descent on numpy (see sparse.py for why not scikit-learn). Its ranking on
the corpus matched LinearSVC's (tests/benchmarks/bench_interest.py). The weight of each term says
why a paper ranks high: the terms whose weight times presence in the paper is largest.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import tantivy

    from readerapp.rank.sparse import Rows
    from readerapp.rank.vectors import PaperVectors

MIN_STARS = 3  # fewer and there is nothing to learn from: newest first


@dataclass
class Interest:
    """Scores of every paper (higher: more like the starred ones)."""

    scores: dict[str, float] = field(default_factory=dict)
    weights: np.ndarray | None = None  # one per term
    vectors: PaperVectors | None = None
    stars: int = 0
    _below: dict[str, float] = field(default_factory=dict)  # percentile, made when first asked

    @property
    def trained(self) -> bool:
        return self.weights is not None

    def ranked(self, ids: list[str]) -> list[str]:
        """The given papers, best first (papers without a vector last, in the given order)."""
        low = float("-inf")
        return sorted(ids, key=lambda i: -self.scores.get(i, low))

    def why(self, paper_id: str, count: int = 3) -> list[str]:
        """The terms that weigh most for this paper's score (present in it, positive weight)."""
        if self.weights is None or self.vectors is None:
            return []
        row = self.vectors.row_of().get(paper_id)
        if row is None:
            return []
        columns, values = self.vectors.matrix.row(row)
        contributions = sorted(
            zip(columns.tolist(), (values * self.weights[columns]).tolist(), strict=True),
            key=lambda pair: -pair[1],
        )
        chosen: list[str] = []
        for j, contribution in contributions:
            if contribution <= 0 or len(chosen) == count:
                break
            term = self.vectors.terms[j]
            words = set(term.split())
            if any(words <= set(other.split()) for other in chosen):
                continue  # `head` says nothing more after `talking head`
            chosen = [c for c in chosen if not set(c.split()) <= words] + [term]
        return chosen

    def best(self, ids: Iterable[str], count: int) -> list[str]:
        """The `count` best of `ids` (a heap: no sort of 250,000 papers for 50)."""
        low = float("-inf")
        return heapq.nlargest(count, ids, key=lambda i: self.scores.get(i, low))

    def percentile(self, paper_id: str) -> float:
        """Of all papers, the share (0 to 100) that rank below this one."""
        if not self._below:
            ordered = sorted(self.scores, key=self.scores.__getitem__)
            last = max(1, len(ordered) - 1)
            self._below.update({i: 100.0 * rank / last for rank, i in enumerate(ordered)})
        return self._below.get(paper_id, 0.0)


# Above this many papers the negatives are a random sample (all positives kept): the model
# needs the contrast, not every one of 250,000 papers, and the fit stays within seconds.
MAX_NEGATIVES = 10_000
STRENGTH = 0.1  # of the L2 penalty (the classes weigh 1 together); 0.01 ranked the same, 6x slower
_STEPS = 300


def _train(matrix: Rows, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias minimising the class-balanced logistic loss plus an L2 penalty."""
    import numpy as np

    positives = labels.sum()
    weight = np.where(labels == 1, 0.5 / positives, 0.5 / (len(labels) - positives))
    sign = np.where(labels == 1, 1.0, -1.0)

    def loss_and_gradient(w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
        margins = sign * (matrix.dot(w) + b)
        loss = float(weight @ np.logaddexp(0.0, -margins)) + 0.5 * STRENGTH * float(w @ w)
        slope = -weight * sign / (1.0 + np.exp(np.clip(margins, -50, 50)))
        return loss, matrix.dot_transposed(slope) + STRENGTH * w, float(slope.sum())

    w = np.zeros(matrix.columns)
    b = 0.0
    w_prev, b_prev = w, b
    step = 1.0
    for k in range(1, _STEPS + 1):  # Nesterov's method with backtracking on the step
        momentum = (k - 1) / (k + 2)
        yw, yb = w + momentum * (w - w_prev), b + momentum * (b - b_prev)
        loss, grad_w, grad_b = loss_and_gradient(yw, yb)
        squared = float(grad_w @ grad_w) + grad_b * grad_b
        if squared < 1e-14:
            break
        while True:
            nw, nb = yw - step * grad_w, yb - step * grad_b
            if loss_and_gradient(nw, nb)[0] <= loss - 0.5 * step * squared or step < 1e-6:
                break
            step *= 0.5
        w_prev, b_prev, w, b = w, b, nw, nb
        step *= 1.2
    return w, b


def fit(vectors: PaperVectors, starred: set[str], seed: int = 0) -> Interest:
    """Train on the starred papers (positives) against the rest; score every paper."""
    import numpy as np

    positives = [row for row, paper_id in enumerate(vectors.ids) if paper_id in starred]
    if len(positives) < MIN_STARS or len(positives) == len(vectors.ids) or not vectors.terms:
        return Interest(vectors=vectors, stars=len(positives))
    labels = np.zeros(len(vectors.ids), dtype=np.int8)
    labels[positives] = 1
    negatives = np.flatnonzero(labels == 0)
    if len(negatives) > MAX_NEGATIVES:
        negatives = np.random.default_rng(seed).choice(negatives, MAX_NEGATIVES, replace=False)
    rows = np.sort(np.concatenate((np.array(positives), negatives)))
    weights, bias = _train(vectors.matrix.take(rows), labels[rows])
    scores = vectors.matrix.dot(weights) + bias
    return Interest(
        scores=dict(zip(vectors.ids, scores.tolist(), strict=True)),
        weights=weights,
        vectors=vectors,
        stars=len(positives),
    )


# Similar papers search twice: with the paper's words, then with them and those of its nearest
# few (Rocchio's query expansion), which finds the subject rather than the paper's own quirks:
# 65% to 67% of neighbours sharing a topic on the corpus.
EXPAND_WITH = 5
EXPAND_WEIGHT = 0.5
# Each search keeps its heaviest terms: their postings are the cost (at 250,000 papers), and
# the light ones barely move a cosine.
EXPAND_TERMS = 25


def _cosines(vectors: PaperVectors, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The dot product of every paper with a sparse query, from the postings of its terms."""
    import numpy as np

    by_term = vectors.by_term()
    starts, ends = by_term.indptr[columns], by_term.indptr[columns + 1]
    lengths = ends - starts
    positions = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    positions += np.arange(int(lengths.sum()))
    weights = by_term.data[positions] * np.repeat(values, lengths)
    return np.bincount(by_term.indices[positions], weights=weights, minlength=len(vectors.ids))


def _heaviest(columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where the EXPAND_TERMS heaviest values are (all of them when there are fewer)."""
    import numpy as np

    if len(values) <= EXPAND_TERMS:
        return np.arange(len(values))
    return np.argpartition(-values, EXPAND_TERMS - 1)[:EXPAND_TERMS]


def _best(cosines: np.ndarray, count: int) -> np.ndarray:
    import numpy as np

    take = min(count, len(cosines) - 1)
    if take <= 0:
        return np.zeros(0, dtype=np.int64)
    best = np.argpartition(-cosines, take - 1)[:take]
    return best[np.argsort(-cosines[best], kind="stable")]


def similar(vectors: PaperVectors, paper_id: str, count: int = 10) -> list[tuple[str, float]]:
    """The `count` papers nearest to `paper_id` (by their words), itself left out; each with
    its cosine to the paper's expanded query."""
    row = vectors.row_of().get(paper_id)
    if row is None or not vectors.terms:
        return []
    import numpy as np

    columns, values = vectors.matrix.row(row)
    heaviest = _heaviest(columns, values)
    cosines = _cosines(vectors, columns[heaviest], values[heaviest])
    cosines[row] = -1.0
    first = [i for i in _best(cosines, EXPAND_WITH) if cosines[i] > 0]
    if first:
        query = np.zeros(vectors.matrix.columns)
        query[columns] = values
        for neighbour in first:
            near_columns, near_values = vectors.matrix.row(int(neighbour))
            query[near_columns] += EXPAND_WEIGHT / len(first) * near_values
        expanded = np.flatnonzero(query)
        expanded = expanded[_heaviest(expanded, query[expanded])]
        kept = np.zeros_like(query)
        kept[expanded] = query[expanded]
        query = kept / np.linalg.norm(kept)  # so the score stays a cosine (to the expanded query)
        cosines = _cosines(vectors, expanded, query[expanded])
        cosines[row] = -1.0
    best = _best(cosines, count)
    return [(vectors.ids[i], float(cosines[i])) for i in best if cosines[i] > 0]


@functools.cache
def _english() -> tantivy.TextAnalyzer:
    from readerapp.library.textindex import english_analyzer

    return english_analyzer()


def readable(terms: list[str], text: str) -> list[str]:
    """The terms as the paper writes them (`diffus` -> `diffusion`): each stem shown as the
    first word of `text` that has it."""
    import re

    analyzer = _english()
    surface: dict[str, str] = {}
    for word in re.findall(r"[^\W_]+", text):
        for stem in analyzer.analyze(word)[:1]:
            surface.setdefault(stem, word.lower())
    return [" ".join(surface.get(stem, stem) for stem in term.split()) for term in terms]
