"""Chinese, Japanese and Korean text as the full-text index sees it: overlapping bigrams.

These languages have no spaces between words, so the index takes each CJK run as its
overlapping character bigrams (`3D高斯溅射` is indexed as `3D 高斯 斯溅 溅射`) and a CJK query is
the phrase of its bigrams, which matches any substring of two or more characters. A two-character
query, the commonest, is then one term: found as fast as an English word.

A Python pass over every character of a large library took longer than the indexing itself, so
the bigrams of many texts are built at once by array operations on their code points.
"""

from __future__ import annotations

import functools
import itertools

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Han (with extensions), kana, Hangul; CJK symbols are left out on purpose (punctuation).
_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x3040, 0x30FF),
    (0xAC00, 0xD7AF),
    (0x20000, 0x2FFFF),
)
SEPARATOR = "\x1f"  # between texts of one batch; control characters never reach the parser's text
_SPACE = ord(" ")


def is_cjk(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in _RANGES)


def split_runs(text: str) -> list[tuple[str, bool]]:
    """A short text (a query) cut into its CJK runs and the rest: (piece, is CJK), in order.
    A loop, not a regular expression: the character class of these ranges takes 5 ms to
    compile, which every search from the command line paid."""
    return [("".join(chars), cjk) for cjk, chars in itertools.groupby(text, is_cjk)]


def run_bigrams(run: str) -> str:
    """One CJK run as the index holds it: its bigrams between spaces (a lone character alone)."""
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(map(str.__add__, run, run[1:])) + " "


def bigram_text(text: str) -> str:
    """One text with its CJK runs as bigrams, character by character: what `bigrams`
    must give for each text (its tests compare the two)."""
    return "".join(run_bigrams(piece) if cjk else piece for piece, cjk in split_runs(text))


@functools.cache
def _cjk_points() -> np.ndarray:
    """For each code point, whether it is CJK (1.1 MB, made at the first batch): one lookup
    per character instead of a subtraction and a comparison per range."""
    import numpy as np

    table = np.zeros(0x110000, dtype=bool)
    for low, high in _RANGES:
        table[low : high + 1] = True
    return table


def bigrams(text: str, points: np.ndarray | None = None) -> str:
    """The text with its CJK runs as bigrams: many texts at once, joined by SEPARATOR (the
    same result as `bigram_text` on each). `points`: the text's code points, when the caller
    has them (fold.fold_with_points)."""
    if text.isascii():
        return text
    import numpy as np  # only where posts are indexed: the command line starts without it

    if points is None:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cjk = np.take(_cjk_points(), points)
    if not cjk.any():
        return text
    after = np.zeros_like(cjk)  # the next character is CJK too
    after[:-1] = cjk[1:]
    before = np.zeros_like(cjk)
    before[1:] = cjk[:-1]
    starts = cjk & ~before
    pairs = cjk & after  # each writes "this, next, space"
    singles = starts & ~after  # a run of one: " c "
    # What each character writes after the space that opens its run: other characters copy
    # themselves, the last of a longer run writes nothing (its pair did). In bytes: the sums
    # and the output are a pass each over small arrays.
    own = (~cjk).view(np.uint8) + 3 * pairs.view(np.uint8) + 2 * singles.view(np.uint8)
    width = np.int32 if len(points) < 2**29 else np.int64  # at most 4 written per character
    ends = np.cumsum(own + starts.view(np.uint8), dtype=width)
    first = ends - own  # where each character's own part begins
    out = np.full(int(ends[-1]), _SPACE, dtype=np.uint32)
    writes = own != 0  # every character but the last of a run writes itself first
    out[first[writes]] = points[writes]
    at = np.flatnonzero(pairs)  # the last character is never in a pair
    out[first[at] + 1] = points[at + 1]
    return out.tobytes().decode("utf-32-le")
