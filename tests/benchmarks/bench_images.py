"""Screenshot download benchmark (run by hand; it reports figures, it asserts nothing).

    .venv/bin/python tests/benchmarks/bench_images.py

Every screenshot URL of the real corpus, pointed at a local HTTP server on 127.0.0.1 that serves a
~180 KB image for each: the time of a first full pass (nothing cached), and of a second pass
(everything cached: no request should be made).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from readerapp.images.cache import ImageCache
from readerapp.images.fetch import run_pass
from readerapp.library.library import Library
from tests.helpers import CORPUS
from tests.images.server import ImageServer, png


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="readerapp-bench-images-"))
    try:
        library = Library(CORPUS, work / "index.sqlite3")
        library.update()
        urls = library.screenshot_urls()
        body = png(320, 190, noise=True)
        with ImageServer() as server:
            local = []
            for url in urls:
                parts = urlsplit(url)
                path = f"/img/{parts.netloc}{parts.path}"
                server.images[path] = body
                local.append(server.url(path))
            cache = ImageCache(work / "images")
            started = time.perf_counter()
            first = run_pass(cache, local)
            seconds = time.perf_counter() - started
            requests = sum(server.hits.values())
            print(
                f"{len(local)} distinct screenshot URLs of the corpus,"
                f" {len(body) / 1024:.0f} KB each"
            )
            print(
                f"first pass: {seconds:.2f} s ({len(local) / seconds:.0f} images/s,"
                f" {len(local) * len(body) / seconds / 2**20:.0f} MB/s); "
                f"fetched {first.fetched}, failed {first.failed.total()}; "
                f"{requests} requests over {len(server.peers)} connections"
            )
            started = time.perf_counter()
            second = run_pass(cache, local)
            print(
                f"second pass: {time.perf_counter() - started:.3f} s, fetched {second.fetched},"
                f" already cached {second.cached},"
                f" new requests {sum(server.hits.values()) - requests}"
            )
            print(f"cache: {cache.total_bytes() / 2**20:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
