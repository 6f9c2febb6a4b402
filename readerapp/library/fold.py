"""Text folded for the full-text index: lower-case, accents off, compatibility forms plain.

Both the indexed text and every query pass through `fold` before tantivy reads them, so a
query matches whatever its characters were written as (`Nießner` = `niessner`, `３Ｄ` = `3d`,
`①` = `1`). Done here rather than by tantivy's lower-case and ASCII-folding filters because
those look up every character of every non-ASCII token, that is of every CJK bigram: on the
mostly Chinese summaries, takeaways and analyses they took a third of all indexing time, where
`str.lower` and one scan for the few characters that fold take a tenth of that.
"""

from __future__ import annotations

import re
from functools import cache

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Characters that fold to something else: Latin letters with marks (and their ligatures),
# superscript and circled digits, full-width letters and digits (not full-width punctuation,
# which is in every Chinese sentence and a separator either way).
_RANGES = (
    (0x00AA, 0x00BE),  # ª ² ³ µ ¹ º ¼ ½ ¾
    (0x00C0, 0x024F),  # Latin-1 letters, Latin Extended A and B
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x2460, 0x24FF),  # circled and parenthesised digits and letters
    (0xFB00, 0xFB06),  # ligatures: ﬁ ﬂ
    (0xFF10, 0xFF19),  # full-width digits
    (0xFF21, 0xFF3A),
    (0xFF41, 0xFF5A),  # full-width letters
)
# Letters that are not a base letter with a mark, so decomposing them gives nothing plainer.
_LETTERS = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ı": "i",
    "ŋ": "n",
    "ħ": "h",
    "ŧ": "t",
}


@cache
def _foldable() -> re.Pattern[str]:
    """Runs of foldable characters (compiled at the first text that is not ASCII: most
    searches from the command line never need it)."""
    return re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _RANGES) + "]+")


@cache
def _table() -> dict[int, str]:
    """What each foldable character becomes (made at the first fold: a few thousand lookups)."""
    table: dict[int, str] = {}
    for low, high in _RANGES:
        for point in range(low, high + 1):
            _add(table, chr(point))
    return table


def _add(table: dict[int, str], char: str) -> None:
    import unicodedata

    lowered = char.lower()
    plain = _LETTERS.get(lowered)
    if plain is None:
        decomposed = unicodedata.normalize("NFKD", lowered)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if plain and plain != char:
        table[ord(char)] = plain


def _fold_run(match: re.Match[str]) -> str:
    return match.group(0).translate(_table())


def fold(text: str) -> str:
    """The text as the index reads it: lower-case, with every foldable character folded."""
    text = text.lower()
    if text.isascii():
        return text
    return _foldable().sub(_fold_run, text)


@cache
def _foldable_points() -> np.ndarray:
    """For each code point, whether it folds (a table of 1.1 MB, made at the first batch)."""
    import numpy as np

    table = np.zeros(0x110000, dtype=bool)
    for low, high in _RANGES:
        table[low : high + 1] = True
    return table


def fold_with_points(text: str) -> tuple[str, np.ndarray | None]:
    """`fold` for the indexer's batches, with the folded text's code points (None when it is
    ASCII) for cjk.bigrams, which would otherwise encode the text again. The few characters
    that fold (a few hundred in the corpus's 1.3 million) are found by one table lookup per
    code point in numpy, where the regular expression's scan took 0.25 s for corpus x10."""
    text = text.lower()
    if text.isascii():
        return text, None
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    found = np.flatnonzero(np.take(_foldable_points(), points)).tolist()
    if not found:
        return text, points
    table = _table()
    parts: list[str] = []
    done = 0
    for at in found:
        parts += (text[done:at], table.get(ord(text[at]), text[at]))
        done = at + 1
    folded = "".join(parts) + text[done:]
    if len(folded) != len(text):  # a character folded to two (ß -> ss): encode again
        return folded, np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    points = points.copy()
    points[found] = [ord(folded[at]) for at in found]
    return folded, points
