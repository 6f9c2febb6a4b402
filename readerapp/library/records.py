"""What library queries return: plain, immutable records (NamedTuples: see digest/values.py)."""

from readerapp.digest.values import Link
from readerapp.lighttyping import NamedTuple


class Occurrence(NamedTuple):
    """A place where a paper is listed: a post, and its position there."""

    post_id: int
    path: str
    topic: str
    date: str
    index: int  # type: ignore[assignment]  # shadows tuple.index, never used


class PaperRecord(NamedTuple):
    id: str
    title: str
    authors: list[str]
    arxiv_id: str | None
    arxiv_version: int | None
    pdf_url: str | None
    comment: str
    abstract: str
    summary: str
    takeaways: list[str]
    analysis: str
    screenshots: list[str]
    links: list[Link]
    posts: list[Occurrence] = []  # noqa: RUF012 (never changed: a record)

    @property
    def abs_url(self) -> str | None:
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        return self.pdf_url

    @property
    def pdf_link(self) -> str | None:
        """The PDF itself (the digests link the abstract page under the label PDF)."""
        if self.arxiv_id:
            version = f"v{self.arxiv_version}" if self.arxiv_version else ""
            return f"https://arxiv.org/pdf/{self.arxiv_id}{version}"
        return self.pdf_url


class PostRecord(NamedTuple):
    id: int
    path: str
    title: str
    topic: str
    date: str
    categories: list[str]
    tags: list[str]
    description: str
    cover: str
    n_entries: int
    body: str

    @property
    def is_digest(self) -> bool:
        return self.n_entries > 0


class EntryRow(NamedTuple):
    """One line of a post's paper list in the tree."""

    post_id: int
    index: int  # type: ignore[assignment]  # as in Occurrence
    paper_id: str
    title: str
    summary: str


class Counts(NamedTuple):
    posts: int
    digests: int
    entries: int
    papers: int
    skipped: int
