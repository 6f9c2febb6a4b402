"""Build the viewer's HTML for a paper, a digest post or an ordinary post. Never touches the
network: screenshots come from local files or show as placeholders."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from readerapp.digest.sections import host_of
from readerapp.library.records import EntryRow, Occurrence, PaperRecord, PostRecord
from readerapp.library.roots import Roots
from readerapp.links import is_web_url
from readerapp.render.images import ImageLookup, LocalImages, is_remote
from readerapp.render.latex import latex_to_text
from readerapp.render.markup import (
    fitted_img,
    markdown_to_html,
    outline_items,
    placeholder,
    rewrite_images,
    tex_quotes,
)
from readerapp.render.texcommands import text_commands_to_html
from readerapp.render.theme import stylesheet
from readerapp.store.store import PaperState
from readerapp.words import plural

# Where a paper's first screen ends: what follows (the long analysis, the screenshots) may be
# laid out a moment later (the viewer does, so that `j` shows the next paper at once).
REST_MARK = "<!--rest-->"
FETCH_HINT = (
    'Fetch them with <a href="readerapp:fetch-images">Paper › Fetch Screenshots</a>'
    " or <code>readerapp fetch-images</code>."
)


@dataclass
class RenderContext:
    theme: str = "light"
    width: int = 760  # pixels available to images
    font_size: int = 15
    images: ImageLookup = field(default_factory=LocalImages)
    library_root: Path | None = None
    roots: Roots | None = None  # the library's folder and its sources' (a post's own folder)

    def post_folder(self, path: str) -> Path | None:
        if self.roots is not None:
            return self.roots.file(path).parent
        return (self.library_root / path).parent if self.library_root else None


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _tex(text: str) -> str:
    """Text with LaTeX in it (math, `\\textbf{}`, `\\url{}`) as HTML."""
    return text_commands_to_html(_e(latex_to_text(text)))


DOCUMENT_END = "</body></html>"


_STYLE_START, _STYLE_END = "<style>", "</style>"


def _document(ctx: RenderContext, body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8">{_STYLE_START}'
        + stylesheet(ctx.theme, ctx.font_size)
        + f"{_STYLE_END}</head><body>"
        + body
        + DOCUMENT_END
    )


def split_style(page: str) -> tuple[str, str]:
    """(the page's stylesheet, the page without it): for a viewer that keeps one stylesheet
    instead of parsing it again from every page. ("", page) for a page without one."""
    head, end, rest = page.partition(_STYLE_END)
    start = head.find(_STYLE_START)
    if not end or start < 0:
        return "", page
    return head[start + len(_STYLE_START) :], head[:start] + rest


def _link(url: str | None, label: str) -> str:
    """A web link; anything else a post put there (`file:`, `javascript:`) is not shown."""
    if not is_web_url(url):
        return ""
    return f'<a href="{html.escape(url or "", quote=True)}">{_e(label)}</a>'


def _header(
    paper: PaperRecord,
    state: PaperState,
    crumbs: str,
    why: str = "",
    tags: Sequence[str] = (),
    pdf: str = "",
) -> list[str]:
    parts = [f'<p class="crumbs">{crumbs}</p>'] if crumbs else []
    star = '<span class="star">★</span> ' if state.starred else ""
    parts.append(f"<h1>{star}{_e(latex_to_text(paper.title))}</h1>")
    if paper.authors:
        parts.append(f'<p class="authors">{_e(", ".join(paper.authors))}</p>')
    ids = []
    if paper.arxiv_id:
        version = f"v{paper.arxiv_version}" if paper.arxiv_version else ""
        ids.append(f"arXiv {_e(paper.arxiv_id)}{version}")
    ids += [_link(paper.abs_url, "Abstract page"), _link(paper.pdf_link, "PDF")]
    if pdf:  # saved for reading offline, or why not
        ids.append(f'<span class="pdf-state">{_e(pdf)}</span>')
    names = {"project": "Project page", "code": "Code", "other": "Link"}
    labels = [names.get(link.kind, "Link") for link in paper.links[:4]]
    for link, label in zip(paper.links[:4], labels, strict=True):
        if labels.count(label) > 1:  # two project pages: say which is which
            label = f"{label} ({host_of(link.url).removeprefix('www.') or link.url})"
        ids.append(_link(link.url, label))
    ids.append("read" if state.read else "<b>unread</b>")
    parts.append('<p class="meta">' + " · ".join(i for i in ids if i) + "</p>")
    if paper.comment:
        parts.append(f'<p class="comment">{_tex(paper.comment)}</p>')
    if tags:
        chips = " ".join(f'<span class="tag">&nbsp;{_e(tag)}&nbsp;</span>' for tag in tags)
        parts.append(f'<p class="tags">{chips}</p>')
    if why:
        parts.append(f'<p class="why">{_e(why)}</p>')
    return parts


def _gallery(paper: PaperRecord, ctx: RenderContext, base: Path | None) -> list[str]:
    if not paper.screenshots:
        return []
    parts = [f"<h2>Screenshots ({len(paper.screenshots)})</h2>"]
    for number, url in enumerate(paper.screenshots, 1):
        info = ctx.images(url, base)
        label = f"Screenshot {number}"
        key = f" (key {number})" if number <= 9 else ""
        if info.path is None:
            hint = FETCH_HINT if info.retry and info.path is None and is_remote(url) else ""
            parts.append(placeholder(label, info.reason, hint))
        else:
            image = fitted_img(info, ctx.width, label)
            parts.append(f'<p class="shot"><a href="readerapp:image/{number}">{image}</a></p>')
            parts.append(f'<p class="caption">{label}{key} · click to enlarge</p>')
    return parts


def _occurrence_link(occurrence: Occurrence) -> str:
    href = f"readerapp:post/{quote(occurrence.path)}?index={occurrence.index}"
    text = f"{occurrence.topic} · {occurrence.date[:10]} · paper {occurrence.index + 1}"
    return f'<a href="{html.escape(href, quote=True)}">{_e(text)}</a>'


def render_paper(
    paper: PaperRecord,
    state: PaperState | None,
    ctx: RenderContext,
    here: Occurrence | None = None,
    position: str = "",
    why: str = "",
    tags: Sequence[str] = (),
    pdf: str = "",
) -> str:
    """The whole paper: header, summary, takeaways, abstract, analysis, screenshots. `why`:
    one line on why it ranks where it does for the reader (interest); `pdf`: whether its PDF
    is saved for offline reading, or why not."""
    state = state or PaperState()
    here = here or (paper.posts[0] if paper.posts else None)
    crumbs = ""
    if here:
        crumbs = _e(f"{here.topic} › {here.date[:10]}") + (f" › {_e(position)}" if position else "")
    base = ctx.post_folder(here.path) if here else None
    parts = _header(paper, state, crumbs, why, tags, pdf)
    if paper.summary:
        parts.append(f'<h2>Summary</h2><p class="summary">{_tex(paper.summary)}</p>')
    if paper.takeaways:
        items = "".join(f"<li>{markdown_inline(t)}</li>" for t in paper.takeaways)
        parts.append(f"<h2>Key takeaways</h2><ul>{items}</ul>")
    if paper.abstract:
        paragraphs = "".join(
            f"<p>{text_commands_to_html(_e(tex_quotes(latex_to_text(p))))}</p>"
            for p in paper.abstract.split("\n\n")
            if p.strip()
        )
        parts.append(f"<h2>Abstract</h2>{paragraphs}")
    parts.append(REST_MARK)
    if paper.analysis.strip():
        analysis = markdown_to_html(outline_items(tex_quotes(paper.analysis)))
        analysis = rewrite_images(analysis, ctx.images, base, ctx.width, FETCH_HINT)
        parts.append(f"<h2>Analysis</h2>{analysis}")
    parts += _gallery(paper, ctx, base)
    others = [o for o in paper.posts if here is None or o.path != here.path]
    if others:
        links = "".join(f"<li>{_occurrence_link(o)}</li>" for o in others)
        parts.append(f"<h2>Also listed in</h2><ul>{links}</ul>")
    return _document(ctx, "\n".join(parts))


def markdown_inline(text: str) -> str:
    """One line of Markdown (bold, code, links) without the surrounding paragraph."""
    converted = text_commands_to_html(markdown_to_html(latex_to_text(text)).strip())
    if converted.startswith("<p>") and converted.endswith("</p>") and converted.count("<p>") == 1:
        converted = converted[3:-4]
    return converted


def render_post(
    post: PostRecord,
    rows: Sequence[tuple[EntryRow, PaperState | None]],
    ctx: RenderContext,
) -> str:
    """A digest post: its date, topic and the list of its papers with one-line summaries."""
    if not post.is_digest:
        return render_note_post(post, ctx)
    unread = sum(1 for _, state in rows if not (state and state.read))
    parts = [
        f'<p class="crumbs">{_e(post.topic)}</p>',
        f"<h1>{_e(post.date[:10])} · {_e(post.title)}</h1>",
        f'<p class="meta">{plural(len(rows), "paper")} · {unread} unread · {_e(post.path)}</p>',
        "<ol>",
    ]
    for entry, state in rows:
        state = state or PaperState()
        star = '<span class="star">★</span> ' if state.starred else ""
        title = _e(latex_to_text(entry.title))
        weight = ' class="unread"' if not state.read else ""
        href = f"readerapp:post/{quote(post.path)}?index={entry.index}"
        parts.append(
            f'<li><span{weight}>{star}<a href="{html.escape(href, quote=True)}">{title}</a></span>'
            f'<br><span class="muted">{_e(latex_to_text(entry.summary))}</span></li>'
        )
    parts.append("</ol>")
    return _document(ctx, "\n".join(parts))


def render_note_post(post: PostRecord, ctx: RenderContext) -> str:
    """An ordinary post (a note, a survey, a list): the whole post."""
    base = ctx.post_folder(post.path)
    body = markdown_to_html(post.body)
    body = rewrite_images(body, ctx.images, base, ctx.width, FETCH_HINT)
    tags = " · ".join(_e(t) for t in post.tags)
    parts = [
        f'<p class="crumbs">{_e(post.topic)}</p>',
        f"<h1>{_e(post.title)}</h1>",
        f'<p class="meta">{_e(post.date[:10])}' + (f" · {tags}" if tags else "") + "</p>",
        body,
    ]
    return _document(ctx, "\n".join(parts))


def render_message(ctx: RenderContext, title: str, body_html: str) -> str:
    """A page of text from the app itself (welcome, empty library, nothing selected)."""
    return _document(ctx, f"<h1>{_e(title)}</h1>{body_html}")


def _unread(count: int) -> str:
    return "counting unread…" if count < 0 else f"{count} unread"  # -1: counted in a moment


def render_topic(
    name: str, unread: int, posts: Sequence, ctx: RenderContext, limit: int = 300
) -> str:
    """A topic: its posts, newest first, with their counts."""
    items = []
    for post in posts[:limit]:
        label = post.date[:10] if post.is_digest else f"{post.date[:10]} · {post.title}"
        href = f"readerapp:post/{quote(post.path)}?index=-1"
        counts = (
            f"{plural(post.papers, 'paper')}, {_unread(post.unread)}" if post.is_digest else "note"
        )
        items.append(
            f'<li><a href="{html.escape(href, quote=True)}">{_e(label)}</a>'
            f' <span class="muted">{_e(counts)}</span></li>'
        )
    more = f'<p class="muted">and {len(posts) - limit} more</p>' if len(posts) > limit else ""
    body = (
        f'<p class="meta">{plural(len(posts), "post")} · {_unread(unread)}</p>'
        f"<ul>{''.join(items)}</ul>"
    )
    return render_message(ctx, name, body + more)
