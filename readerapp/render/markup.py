"""Markdown and post HTML to safe HTML for the viewer; images rewritten to local files."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import nh3
from markdown_it import MarkdownIt

from readerapp.render.images import ImageInfo, ImageLookup

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*"([^"]*)\"""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*"([^"]*)\"""", re.IGNORECASE)
_TABLE = re.compile(r"<table>", re.IGNORECASE)
_IMAGE_PARAGRAPH = re.compile(r"<p>\s*(<img [^<>]*>)\s*</p>")

# CommonMark (markdown-it-py) rather than Python-Markdown: its parser is linear on hostile input
# (`[` x 20,000 took Python-Markdown 54 s, a list nested 500 deep raised RecursionError), it bounds
# nesting itself, and it reads lists as the blog's own renderer does (an ordered list keeps its
# start number).
# Indented code blocks are off: the analyses are LLM outlines that indent prose with tabs, and
# as code it ran off the pane in one unwrapped line. Fenced code (```) still works.
_md = (
    MarkdownIt("commonmark", {"html": True, "maxNesting": 20})
    .enable(["table", "strikethrough"])
    .disable("code")
)
# Past these a text is not an analysis but damage, shown as text and never parsed: the longest
# real post is 57 KB with 2,000 delimiters; at the limits the worst input renders in ~0.3 s.
MAX_MARKDOWN = 100_000
MAX_DELIMITERS = 6_000
_DELIMITER = re.compile(r"[*_\[\]`<>!~]")


_TEX_QUOTES = re.compile(r"``([^`'\n]{1,300}?)''")
_OUTLINE_ITEM = re.compile(r"^\d{1,3}[.)][ \t]")
_FENCE = re.compile(r"^\s*(```|~~~)")


def tex_quotes(text: str) -> str:
    """TeX's ``quoted'' as “quoted” (in Markdown `` would open a code span)."""
    return _TEX_QUOTES.sub("\u201c\\1\u201d", text) if "``" in text else text


def outline_items(text: str) -> str:
    """An analysis is a numbered outline ("7. 方法：" ... "8. Conclusion:"). CommonMark lets
    only a list starting at 1 interrupt a paragraph, so "8." right under a paragraph would be
    glued to it: give every numbered line at the margin a blank line before it."""
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and out and out[-1].strip() and _OUTLINE_ITEM.match(line):
            out.append("")
        out.append(line)
    return "\n".join(out)


def too_large(text: str) -> str:
    """The text itself, escaped, with a line saying why it is not rendered."""
    return (
        f'<p class="muted">This text is too large to render ({len(text):,} characters);'
        " here it is as plain text.</p><pre>" + html.escape(text[:MAX_MARKDOWN]) + "</pre>"
    )


def markdown_to_html(text: str) -> str:
    """Markdown (which may hold raw HTML) to sanitised HTML; damaged input shows as text."""
    if len(text) > MAX_MARKDOWN or len(_DELIMITER.findall(text)) > MAX_DELIMITERS:
        return too_large(text)
    try:
        converted = _md.render(text)
    except (RecursionError, ValueError, IndexError):  # never the previous paper left on screen
        return too_large(text)
    return sanitize(converted)


def sanitize(source: str) -> str:
    """Only harmless tags; links only http(s) and mailto (relative image paths stay)."""
    cleaned = nh3.clean(
        source,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return _TABLE.sub('<table class="data" border="1" cellspacing="0">', cleaned)


def file_url(path: Path) -> str:
    return "file://" + quote(str(path.resolve()))


def fitted_img(info: ImageInfo, width: int, alt: str = "") -> str:
    """An <img> of a local file, no wider than the pane."""
    assert info.path is not None
    attrs = f'src="{file_url(info.path)}"'
    if info.width and info.height:
        shown = min(info.width, width)
        attrs += f' width="{shown}" height="{round(info.height * shown / info.width)}"'
    else:
        attrs += f' width="{width}"'
    if alt:
        attrs += f' alt="{html.escape(alt)}"'
    return f"<img {attrs}>"


def placeholder(label: str, reason: str, hint: str) -> str:
    text = f"<b>{html.escape(label)}</b> — {html.escape(reason)}"
    if hint:
        text += f"<br>{hint}"
    return (
        '<table class="placeholder" width="100%" border="1" cellspacing="0">'
        f"<tr><td>{text}</td></tr></table>"
    )


def rewrite_images(
    source: str, lookup: ImageLookup, base: Path | None, width: int, hint: str
) -> str:
    """Every <img> becomes a local file fitted to the pane, or a placeholder with the reason."""

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if not src:
            return ""
        url = html.unescape(src.group(1))
        alt_match = _ALT.search(tag)
        alt = html.unescape(alt_match.group(1)) if alt_match else ""
        info = lookup(url, base)
        if info.path is None:
            return placeholder(alt or "Image", info.reason, hint)
        return fitted_img(info, width, alt)

    rewritten = _IMG.sub(replace, source)
    # A paragraph holding only an image must not get the text's line height (it would add a
    # gap of half the image's height).
    return _IMAGE_PARAGRAPH.sub(r'<p class="shot">\1</p>', rewritten)
