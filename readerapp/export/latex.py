"""Text to BibTeX field values, as Better BibTeX does it: LaTeX specials escaped, math kept,
non-ASCII letters as LaTeX commands (or UTF-8 for biber), inner capitals protected by braces."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latexencode import UnicodeToLatexEncoder

from readerapp.render.latex import MATH as _MATH  # the same rule for what counts as math

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "$": r"\$",
}
_SPECIAL = re.compile(r"[\\&%#_{}~^$]")
_encoder = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",  # {\"u}: one letter for BibTeX's sorting
    unknown_char_policy="keep",
    unknown_char_warning=False,
)


@lru_cache(maxsize=8192)
def _non_ascii(text: str) -> str:
    return _encoder.unicode_to_latex(text) if not text.isascii() else text


def escape(text: str, unicode: bool = False, keep_math: bool = True) -> str:
    """Escape LaTeX specials outside `$...$` math; math is kept as it is."""
    parts: list[str] = []
    position = 0
    matches = list(_MATH.finditer(text)) if keep_math else []
    for match in [*matches, None]:
        end = match.start() if match else len(text)
        plain = _SPECIAL.sub(lambda m: _SPECIALS[m.group(0)], text[position:end])
        parts.append(plain if unicode else _non_ascii(plain))
        if match:
            parts.append(match.group(0))
            position = match.end()
    return "".join(parts)


def _needs_protection(word: str) -> bool:
    """NeRF, 3DGS, DAWN, 2D, X-Ray, I$^2$OL-Net: capitals beyond the first letter, digits next
    to letters, or math (BibTeX would lower-case inside `$...$` too)."""
    if "$" in word:
        return True
    letters = [ch for ch in word if ch.isalnum()]
    if any(ch.isdigit() for ch in letters) and any(ch.isalpha() for ch in letters):
        return True
    return any(ch.isupper() for ch in letters[1:])


def title_value(title: str, unicode: bool = False) -> str:
    """A title: escaped, with words that must keep their case in braces."""
    words: list[str] = []
    for word in _split_keeping_math(title):
        escaped = escape(word, unicode)
        words.append("{" + escaped + "}" if _needs_protection(word) else escaped)
    return " ".join(words)


def _split_keeping_math(text: str) -> list[str]:
    """Split on whitespace, but never inside `$...$` math (it may hold spaces)."""
    maths = [m.group(0) for m in _MATH.finditer(text)]
    masked = _MATH.sub("\x00", text)
    words = []
    for word in masked.split():
        while "\x00" in word:
            word = word.replace("\x00", maths.pop(0), 1)
        words.append(word)
    return words
