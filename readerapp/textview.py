"""Plain-text views of papers for the terminal (`readerapp show`, `readerapp papers`)."""

from __future__ import annotations

import re

from readerapp.digest.text import strip_tags
from readerapp.library.records import PaperRecord
from readerapp.library.roots import MAIN, Roots
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.render.texcommands import text_commands_to_plain

if TYPE_CHECKING:
    from typing import Any

_BLANK_RUNS = re.compile(r"\n{3,}")


def _wrap(text: str, width: int, indent: str = "") -> str:
    import textwrap  # only `show` wraps text

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(
        textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in paragraphs
    )


def paper_json(
    paper: PaperRecord,
    state: dict[str, Any],
    roots: Roots | None = None,
    pdf: str | None = None,
) -> dict[str, Any]:
    """The `papers --json` object (DESIGN.md, contract fields first). With `roots`, each post
    says its `source` and its path is inside that source's posts folder; `pdf`: the saved
    PDF's absolute path."""
    split = roots.split if roots else (lambda path: (MAIN, path))
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": paper.authors,
        "arxiv_id": paper.arxiv_id,
        "arxiv_version": paper.arxiv_version,
        "pdf_url": paper.pdf_url,
        "comment": paper.comment,
        "summary": paper.summary,
        "takeaways": paper.takeaways,
        "screenshots": paper.screenshots,
        "posts": [
            {
                "path": split(o.path)[1],
                "topic": o.topic,
                "date": o.date,
                "index": o.index,
                "source": split(o.path)[0],
            }
            for o in paper.posts
        ],
        "read": state.get("read", False),
        "starred": state.get("starred", False),
        "note": state.get("note", ""),
        "tags": state.get("tags", []),
        "pdf": pdf,
        "abstract": paper.abstract,
        "links": [{"url": link.url, "kind": link.kind} for link in paper.links],
    }


def paper_line(paper_id: str, title: str, state: dict[str, Any]) -> str:
    """One line of `readerapp papers`: id, flags (★ starred, • unread, ✎ note), title."""
    flags = (
        ("★" if state.get("starred") else " ")
        + (" " if state.get("read") else "•")
        + ("✎" if state.get("note") else " ")
    )
    return f"{paper_id:<14} {flags} {title}"


def paper_text(paper: PaperRecord, state: dict[str, Any], width: int = 100) -> str:
    """The whole paper as readable text."""
    lines = [paper.title, "=" * min(len(paper.title), width), ""]
    if paper.authors:
        lines.append(_wrap(", ".join(paper.authors), width))
    if paper.arxiv_id:
        version = f"v{paper.arxiv_version}" if paper.arxiv_version else ""
        lines.append(f"arXiv {paper.arxiv_id}{version}   {paper.abs_url}")
    if paper.comment:
        lines.append(_wrap(paper.comment, width))
    for link in paper.links:
        lines.append(f"{link.kind}: {link.url}")
    status = ["starred" if state.get("starred") else "", "read" if state.get("read") else "unread"]
    lines.append("State: " + ", ".join(s for s in status if s))
    for occurrence in paper.posts:
        lines.append(f"In: {occurrence.topic} · {occurrence.date[:10]} · {occurrence.path}")
    sections = [
        ("Summary", paper.summary),
        ("Key takeaways", "\n".join(f"- {t}" for t in paper.takeaways)),
        ("Abstract", text_commands_to_plain(paper.abstract)),
        ("Note", state.get("note", "")),
    ]
    for heading, body in sections:
        if body:
            text = body if heading in ("Key takeaways", "Note") else _wrap(body, width)
            lines += ["", heading, "-" * len(heading), text]
    if paper.analysis:
        analysis = strip_tags(paper.analysis)
        # An HTML analysis (`<ol><li><p>...`) leaves a space for each tag: its lines' edges are
        # those spaces, where a Markdown one keeps its indents.
        html = analysis != paper.analysis
        cut = [line.strip() if html else line.rstrip() for line in analysis.split("\n")]
        lines += ["", "Analysis", "--------", _BLANK_RUNS.sub("\n\n", "\n".join(cut).strip())]
    if paper.screenshots:
        lines += ["", f"Screenshots ({len(paper.screenshots)})", "-----------"]
        lines += [f"{n}. {url}" for n, url in enumerate(paper.screenshots, 1)]
    return "\n".join(lines) + "\n"
