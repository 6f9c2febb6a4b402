"""A sparse matrix (compressed rows) with the three products the ranking needs, on numpy alone.

scipy and scikit-learn would add ~220 MB to the frozen app (more than doubling it) for what is
here a few array operations: tf-idf, a dot product per row and its transpose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Rows:
    """Row i holds `data[indptr[i]:indptr[i+1]]` at columns `indices[...]` (like scipy's CSR)."""

    indptr: np.ndarray  # int64, one more than rows
    indices: np.ndarray  # int32
    data: np.ndarray  # float32
    columns: int

    @property
    def count(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of row i."""
        start, end = self.indptr[i], self.indptr[i + 1]
        return self.indices[start:end], self.data[start:end]

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """Every row times a dense vector (one value per row)."""
        products = self.data.astype(np.float64) * vector[self.indices]
        sums = np.concatenate(([0.0], np.cumsum(products)))
        return sums[self.indptr[1:]] - sums[self.indptr[:-1]]

    def dot_transposed(self, weights: np.ndarray) -> np.ndarray:
        """The rows weighted and summed (one value per column)."""
        per_value = self.data * np.repeat(weights, np.diff(self.indptr))
        return np.bincount(self.indices, weights=per_value, minlength=self.columns)

    def transposed(self) -> Rows:
        """The same matrix by columns (row j of the result: the rows holding column j)."""
        order = np.argsort(self.indices, kind="stable")
        counts = np.bincount(self.indices, minlength=self.columns)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        rows = np.repeat(np.arange(self.count, dtype=np.int32), np.diff(self.indptr))
        return Rows(indptr, rows[order], self.data[order], self.count)

    def take(self, rows: np.ndarray) -> Rows:
        """A matrix of the given rows, in that order."""
        lengths = np.diff(self.indptr)[rows]
        indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        starts = np.repeat(self.indptr[rows] - indptr[:-1], lengths)
        positions = starts + np.arange(indptr[-1])
        return Rows(indptr, self.indices[positions], self.data[positions], self.columns)
