"""A parsed post and its paper entries: plain mutable records that the parser fills in.

Plain classes, not dataclasses: the paper's page reads its entry again from the post
(reread.py), and importing `dataclasses` with `inspect` and defining the three classes took
19 ms of `readerapp show`."""

from __future__ import annotations

from datetime import datetime

from readerapp.digest.ids import paper_id
from readerapp.digest.values import Link, Problem

__all__ = ["Link", "PaperEntry", "ParseResult", "Post", "Problem"]


class _Record:
    """Equal when every field is; shown with every field (what a dataclass gave)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({fields})"


class PaperEntry(_Record):
    """One paper as listed in one digest post."""

    def __init__(
        self,
        index: int,  # 0-based position in its post
        line: int,  # 1-based line of its heading
        title: str,
        span: int = 0,  # lines of the file it takes, its heading included (reread.py)
    ) -> None:
        """The parser fills in the other fields as it reads them."""
        self.index = index
        self.line = line
        self.title = title
        self.span = span
        self.authors: list[str] = []
        self.arxiv_id: str | None = None
        self.arxiv_version: int | None = None
        self.pdf_url: str | None = None
        self.comment = ""
        self.abstract = ""
        self.summary = ""
        self.takeaways: list[str] = []
        self.analysis = ""
        # The file line its analysis starts on, when the analysis is all the entry's lines
        # from there (screenshots out, blank edges off); 0 when it is not (reread.py).
        self.analysis_line = 0
        self.screenshots: list[str] = []
        self.links: list[Link] = []

    @property
    def id(self) -> str:
        return paper_id(self.arxiv_id, self.title)

    @property
    def analysis_is_html(self) -> bool:
        return self.analysis.lstrip().startswith("<")


class Post(_Record):
    """One Markdown post of the library."""

    def __init__(
        self,
        path: str,  # relative to the library root, "/" separators
        title: str,
        date: datetime | None,
        categories: list[str] | None = None,
        tags: list[str] | None = None,
        description: str = "",
        cover: str = "",
        entries: list[PaperEntry] | None = None,
        body: str = "",  # the Markdown body, kept for non-digest posts
    ) -> None:
        self.path = path
        self.title = title
        self.date = date
        self.categories = categories if categories is not None else []
        self.tags = tags if tags is not None else []
        self.description = description
        self.cover = cover
        self.entries = entries if entries is not None else []
        self.body = body

    @property
    def is_digest(self) -> bool:
        return bool(self.entries)

    @property
    def topic(self) -> str:
        """Digest posts group by their title; other posts by their first category."""
        if self.is_digest:
            return self.title
        return self.categories[0] if self.categories else "Uncategorized"


class ParseResult(_Record):
    def __init__(self, post: Post | None, problems: list[Problem] | None = None) -> None:
        self.post = post  # None when the file could not be read as a post at all
        self.problems = problems if problems is not None else []
