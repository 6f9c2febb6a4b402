"""LaTeX's text commands that arXiv abstracts keep outside math (`\\textbf{G}raph`,
`\\url{...}`, `\\href{url}{text}`): as HTML for the viewer, as plain text for the terminal.
Regular expressions only: `readerapp show` needs this, not pylatexenc (latex.py)."""

from __future__ import annotations

import re

from readerapp.lighttyping import TYPE_CHECKING
from readerapp.links import is_web_url

if TYPE_CHECKING:
    from collections.abc import Callable

_STYLE_COMMAND = re.compile(r"\\(textbf|textit|emph|underline)\{([^{}]*)\}")
_STYLE_TAG = {"textbf": "b", "textit": "i", "emph": "i", "underline": "u"}
_HREF_COMMAND = re.compile(r"\\href\{([^{}\s]+)\}\{([^{}]*)\}")
_URL_COMMAND = re.compile(r"\\url\{([^{}\s]+)\}")
_FOOTNOTE = re.compile(r"\\footnote\{([^{}]*)\}")
_NESTING = 4  # `\\underline{\\textbf{M}}`: innermost first, a round per level


def _rewrite(
    text: str,
    link: Callable[[str, str], str],
    style: Callable[[str, str], str],
    footnote: Callable[[str], str],
) -> str:
    if "\\" not in text:
        return text
    for _ in range(_NESTING):
        before = text
        text = _HREF_COMMAND.sub(lambda m: link(m.group(1), m.group(2)), text)
        text = _URL_COMMAND.sub(lambda m: link(m.group(1), m.group(1)), text)
        text = _STYLE_COMMAND.sub(lambda m: style(m.group(1), m.group(2)), text)
        text = _FOOTNOTE.sub(lambda m: footnote(m.group(1).strip()), text)
        if text == before:
            break
    return text


def _html_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return label  # never a javascript: or file: link from a post
    return f'<a href="{url.replace(chr(34), "&quot;")}">{label}</a>'


def text_commands_to_html(escaped: str) -> str:
    """The commands in HTML-escaped text as HTML: bold, italics, underline, links, footnotes in
    brackets. Commands it does not know, and unbalanced braces, stay as written."""
    return _rewrite(
        escaped,
        _html_link,
        lambda command, body: f"<{_STYLE_TAG[command]}>{body}</{_STYLE_TAG[command]}>",
        lambda note: f" ({_html_link(note, note) if ' ' not in note else note})",
    )


def text_commands_to_plain(text: str) -> str:
    """The commands as plain text: their words, a link's target after its text."""
    return _rewrite(
        text,
        lambda url, label: url if label == url else f"{label} ({url})",
        lambda command, body: body,
        lambda note: f" ({note})",
    )
