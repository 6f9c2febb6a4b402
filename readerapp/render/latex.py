"""LaTeX fragments as readable text: `$\\sim$` → ∼, `I$^2$OL-Net` → I²OL-Net.

Only `$...$` segments are touched; text outside math is left alone (a `%` there is a percent sign,
not a LaTeX comment)."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

# As Pandoc: no space just inside the dollars (so "costs $5 and $6" is not math).
MATH = re.compile(r"(?<!\\)\$(?![$\s])([^$]{1,200}?)(?<![\s\\])\$")
_SUPERSCRIPT = dict(zip("0123456789+-=()nijkt", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵗ", strict=True))
_SUBSCRIPT = dict(zip("0123456789+-=()aeijkmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₘₙₒₚᵣₛₜₓ", strict=True))
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\\?[A-Za-z0-9+\-=()]))")
_converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def _script(match: re.Match[str]) -> str:
    table = _SUPERSCRIPT if match.group(1) == "^" else _SUBSCRIPT
    body = match.group(2) if match.group(2) is not None else match.group(3)
    if body and all(ch in table for ch in body):
        return "".join(table[ch] for ch in body)
    return match.group(0)


@lru_cache(maxsize=4096)
def _math_to_text(math: str) -> str:
    math = _SCRIPT.sub(_script, math)
    try:
        text = _converter.latex_to_text(math)
    except Exception:  # pylatexenc is lenient, but a title must never break rendering
        return math
    return text.replace("{", "").replace("}", "").strip()


def latex_to_text(text: str) -> str:
    if "$" not in text:
        return text
    return MATH.sub(lambda m: _math_to_text(m.group(1)), text)
