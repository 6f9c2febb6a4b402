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
    # Not \{ and \}: bibtex counts those braces too, so one stray brace in a title would end
    # the field early and break every entry after it.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
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


# What a title's math may use: symbols and formatting, never a command that reads files, runs
# programs or redefines anything (`\input`, `\write18`, `\def`, `\catcode`...).
SAFE_MATH_COMMANDS = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu
    xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta
    Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega sim simeq approx cong equiv propto neq ne
    le leq ge geq ll gg pm mp times div cdot cdots ldots dots vdots ast star circ bullet oplus
    otimes in notin ni subset subseteq supset supseteq cap cup emptyset forall exists neg
    wedge vee to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow mapsto uparrow
    downarrow infty partial nabla sum prod int oint log ln exp sin cos tan max min arg lim sup
    inf det mid top bot perp prime ell hbar Re Im aleph mathbf mathrm mathit mathsf mathtt
    mathcal mathbb mathfrak boldsymbol text textbf textit textrm operatorname frac dfrac tfrac
    sqrt hat tilde bar vec dot ddot overline underline widehat widetilde left right big Big
    bigl bigr quad qquad langle rangle lfloor rfloor lceil rceil vert Vert backslash""".split()  # noqa: SIM905
)
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def balanced(text: str) -> bool:
    """Braces as bibtex counts them (escaped ones included): never closing one not opened."""
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def safe_math(math: str) -> bool:
    """Math that may go into the file as it is: whitelisted commands, balanced braces."""
    for command in _COMMAND.findall(math):
        if command.isalpha() and command not in SAFE_MATH_COMMANDS:
            return False
    return balanced(math)


def escape(text: str, unicode: bool = False, keep_math: bool = True) -> str:
    """Escape LaTeX specials outside `$...$` math; math that is safe is kept as it is, other
    "math" is escaped as text."""
    parts: list[str] = []
    position = 0
    found = _MATH.finditer(text) if keep_math else iter(())
    matches = [m for m in found if safe_math(m.group(0))]
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


_WORD_KEEPING_MATH = re.compile(rf"(?:{_MATH.pattern}|\S)+")


def _split_keeping_math(text: str) -> list[str]:
    """Split on whitespace, but never inside `$...$` math (it may hold spaces)."""
    if "$" not in text:
        return text.split()
    return [match.group(0) for match in _WORD_KEEPING_MATH.finditer(text)]
