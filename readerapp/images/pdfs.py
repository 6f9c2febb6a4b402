"""Papers' PDFs kept for reading offline: downloaded with the screenshot downloader's care
(atomic files, a size cap, failures remembered with the same retry rules), from arXiv or the
mirror the user set, and refused unless the body is a whole PDF (arXiv answers a robot check
with an HTML page and status 200)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from readerapp.images.cache import ImageCache, KeepPolicy
from readerapp.images.http import Fetched, HttpClient
from readerapp.images.probe import ImageKind
from readerapp.library.records import PaperRecord

ARXIV = "https://arxiv.org"
PDF = ImageKind("application/pdf")
MAX_PDF_BYTES = 100 * 2**20
DEADLINE = 300.0  # seconds for one PDF, however the server dribbles it
JOBS = 2  # arXiv asks robots to go gently


def pdf_key(paper: PaperRecord) -> str | None:
    """The PDF's address on arXiv, which names it in the cache whatever the mirror (a paper
    without an arXiv id: its own PDF link, if any)."""
    return key_of(paper.arxiv_id, paper.arxiv_version, paper.pdf_url)


def key_of(arxiv_id: str | None, version: int | None, pdf_url: str | None) -> str | None:
    if arxiv_id:
        return f"{ARXIV}/pdf/{arxiv_id}" + (f"v{version}" if version else "")
    link = pdf_url or ""
    return link if link.startswith(("http://", "https://")) else None


def download_url(key: str, mirror: str | None) -> str:
    if mirror and key.startswith(ARXIV + "/"):
        return mirror.rstrip("/") + key[len(ARXIV) :]
    return key


def check_pdf(got: Fetched) -> Fetched:
    """A body that is not a whole PDF becomes a failure that says what it was."""
    data = got.data
    if data is None:
        return got
    head = data[:1024].lstrip()
    if not head.startswith(b"%PDF-"):
        lowered = head[:200].lower()
        page = lowered.startswith((b"<!doctype", b"<html")) or b"<html" in lowered
        what = "an HTML page: a robot check? try the arxiv_mirror setting" if page else "not one"
        return Fetched(got.url, error=f"not a PDF ({what})", permanent=False)
    if b"%%EOF" not in data[-2048:]:
        return Fetched(got.url, error="download cut off (incomplete PDF)", permanent=False)
    return Fetched(got.url, data, PDF)


@dataclass
class PdfSummary:
    fetched: int = 0
    cached: int = 0
    skipped: int = 0  # failed before for good: not tried again without --retry-failed
    no_link: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # paper id -> why
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"fetched {self.fetched}, already saved {self.cached}, failed {len(self.failed)}"
            + (f", {self.skipped} that failed before skipped" if self.skipped else "")
            + (f", {self.no_link} without a PDF link" if self.no_link else "")
        ]
        reasons = Counter(self.failed.values())
        out += [f"  {count} × {reason}" for reason, count in reasons.most_common()]
        return out


def open_cache(folder: Path) -> ImageCache:
    return ImageCache(folder)


def fetch_pdfs(
    cache: ImageCache,
    papers: Iterable[PaperRecord],
    *,
    mirror: str | None = None,
    retry_failed: bool = False,
    automatic: bool = False,
    client: HttpClient | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> PdfSummary:
    """Download the PDFs not saved yet (a few at a time) into `cache`."""
    started = time.perf_counter()
    summary = PdfSummary()
    todo: list[tuple[str, str]] = []  # (paper id, key)
    for paper in papers:
        key = pdf_key(paper)
        if key is None:
            summary.no_link += 1
        elif cache.is_cached(key):
            summary.cached += 1
        elif cache.wanted([key], retry_failed=retry_failed, automatic=automatic):
            todo.append((paper.id, key))
        else:
            summary.skipped += 1
    http = client or HttpClient(
        max_bytes=MAX_PDF_BYTES, accept="application/pdf", deadline=DEADLINE
    )

    def download(key: str) -> Fetched:
        if cancelled():
            return Fetched(key, error="cancelled")
        got = check_pdf(http.fetch_bytes(download_url(key, mirror)))
        return Fetched(key, got.data, got.kind, got.error, got.permanent)

    try:
        with ThreadPoolExecutor(JOBS) as pool:
            for done, ((paper_id, key), got) in enumerate(
                zip(todo, pool.map(download, [k for _, k in todo]), strict=True), 1
            ):
                if got.data is not None and got.kind is not None:
                    cache.store(key, got.data, got.kind)
                    summary.fetched += 1
                elif got.error != "cancelled":
                    cache.record_failure(key, got.error, got.permanent)
                    summary.failed[paper_id] = got.error
                if progress:
                    progress(done, len(todo))
    finally:
        if client is None:
            http.close()
    summary.seconds = time.perf_counter() - started
    return summary


def pdf_status(cache: ImageCache, key: str | None) -> tuple[Path | None, str]:
    """(the saved file, what the viewer says) of the PDF `key` names: "PDF saved", or why
    there is none."""
    if key is None:
        return None, "no PDF link"
    path = cache.path_of(key)
    if path is not None:
        return path, "PDF saved"
    entry = cache.entry(key)
    if entry is not None and entry.last_error:
        return None, f"PDF not saved: {entry.last_error}"
    return None, "PDF not saved yet"


def keep_policy(cache_keys_of_starred: Iterable[str], limit_mb: int) -> KeepPolicy:
    """The PDF cache's own cap; starred papers' PDFs are never evicted."""
    return KeepPolicy(frozenset(cache_keys_of_starred), max(limit_mb, 0) * 2**20)
