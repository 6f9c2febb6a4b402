"""Plain dataclasses for a parsed post and its paper entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from readerapp.digest.ids import paper_id
from readerapp.digest.values import Link, Problem

__all__ = ["Link", "PaperEntry", "ParseResult", "Post", "Problem"]


@dataclass
class PaperEntry:
    """One paper as listed in one digest post."""

    index: int  # 0-based position in its post
    line: int  # 1-based line of its heading
    title: str
    authors: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    pdf_url: str | None = None
    comment: str = ""
    abstract: str = ""
    summary: str = ""
    takeaways: list[str] = field(default_factory=list)
    analysis: str = ""
    screenshots: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def id(self) -> str:
        return paper_id(self.arxiv_id, self.title)

    @property
    def analysis_is_html(self) -> bool:
        return self.analysis.lstrip().startswith("<")


@dataclass
class Post:
    """One Markdown post of the library."""

    path: str  # relative to the library root, "/" separators
    title: str
    date: datetime | None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str = ""
    cover: str = ""
    entries: list[PaperEntry] = field(default_factory=list)
    body: str = ""  # the Markdown body, kept for non-digest posts

    @property
    def is_digest(self) -> bool:
        return bool(self.entries)

    @property
    def topic(self) -> str:
        """Digest posts group by their title; other posts by their first category."""
        if self.is_digest:
            return self.title
        return self.categories[0] if self.categories else "Uncategorized"


@dataclass
class ParseResult:
    post: Post | None  # None when the file could not be read as a post at all
    problems: list[Problem] = field(default_factory=list)
