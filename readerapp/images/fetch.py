"""One pass of the downloader over a list of screenshot URLs: a few downloads at a time (at
most a few per host), transient failures retried with backoff, results recorded in the cache."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from readerapp.images.cache import ImageCache
from readerapp.images.http import Fetched, HttpClient
from readerapp.render.images import is_remote

JOBS = 6
PER_HOST = 4
RETRIES = 2  # extra tries for a transient failure within one pass
BACKOFF = 0.5  # seconds before the first retry; doubles each time


@dataclass
class PassSummary:
    fetched: int = 0
    cached: int = 0  # already in the cache
    skipped: int = 0  # failed before for good (404, not an image ...): not tried again
    failed: Counter[str] = field(default_factory=Counter)  # reason -> count
    cancelled: bool = False
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"fetched {self.fetched}, already cached {self.cached}, failed {self.failed.total()}"
            + (
                f", skipped {self.skipped} that failed before (--retry-failed tries them)"
                if self.skipped
                else ""
            )
        ]
        out += [f"  {count} × {reason}" for reason, count in self.failed.most_common()]
        if self.cancelled:
            out.append("cancelled before the end")
        return out


class _HostLimits:
    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}

    def __call__(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._semaphores:
                self._semaphores[host] = threading.BoundedSemaphore(self.per_host)
            return self._semaphores[host]


def run_pass(
    cache: ImageCache,
    urls: Iterable[str],
    *,
    retry_failed: bool = False,
    automatic: bool = False,
    jobs: int = JOBS,
    per_host: int = PER_HOST,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    client: HttpClient | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_image: Callable[[str], None] | None = None,
) -> PassSummary:
    """Download what is missing (in the order given: put the newest posts first)."""
    started = time.perf_counter()
    remote = [u for u in dict.fromkeys(urls) if is_remote(u)]
    todo = cache.wanted(remote, retry_failed=retry_failed, automatic=automatic)
    summary = PassSummary()
    summary.cached = sum(1 for u in remote if cache.is_cached(u))
    summary.skipped = len(remote) - summary.cached - len(todo)
    client = client or HttpClient()
    limits = _HostLimits(per_host)
    stop = threading.Event()

    def download(url: str) -> Fetched:
        with limits(url):
            result = client.fetch(url)
            for attempt in range(retries):
                if result.ok or result.permanent or stop.is_set():
                    break
                if stop.wait(backoff * 2**attempt):
                    break
                result = client.fetch(url)
            return result

    done = 0
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="fetch") as pool:
            pending: set[Future[Fetched]] = {pool.submit(download, url) for url in todo}
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if cancelled and cancelled() and not stop.is_set():
                    stop.set()
                    summary.cancelled = True
                    for future in pending:
                        future.cancel()
                for future in finished:
                    if future.cancelled():
                        continue
                    result = future.result()
                    done += 1
                    if result.ok:
                        assert result.data is not None and result.kind is not None
                        cache.store(result.url, result.data, result.kind)
                        summary.fetched += 1
                        if on_image:
                            on_image(result.url)
                    else:
                        cache.record_failure(result.url, result.error, result.permanent)
                        summary.failed[result.error] += 1
                    if progress:
                        progress(done, len(todo))
                pending = {f for f in pending if not f.cancelled()}
    finally:
        client.close()
    summary.seconds = time.perf_counter() - started
    return summary
