"""The downloader against a real HTTP server on 127.0.0.1 that misbehaves on purpose."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from readerapp.images.cache import ImageCache
from readerapp.images.fetch import run_pass
from readerapp.images.http import HttpClient
from readerapp.images.probe import sniff
from tests.images.server import GIF, ImageServer, jpeg, png

GOOD = [
    "/img/a.png",
    "/img/b.png",
    "/gif/c.gif",
    "/jpeg/d.jpg",
    "/octet/e",
    "/redirect",
    "/flaky/f",
]
BAD = {
    "/missing": ("404 Not Found", True),
    "/html": ("not an image (an HTML page)", True),
    "/truncated": ("download cut off", False),
    "/huge-header": ("larger than 1 MB", True),
    "/huge-stream": ("larger than 1 MB", True),
    "/stall": ("timed out", False),
    "/loop-a": ("redirect loop", True),
    "/down": ("503 Service Unavailable", False),
}


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with ImageServer(stall_seconds=2.0) as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / "images")


def fast_client() -> HttpClient:
    return HttpClient(timeout=0.5, max_bytes=1024 * 1024)


def one_pass(cache: ImageCache, server: ImageServer, paths: list[str], **options):
    options.setdefault("backoff", 0.05)
    return run_pass(cache, [server.url(p) for p in paths], client=fast_client(), **options)


def test_sniffing_is_by_content() -> None:
    assert sniff(png()).mime == "image/png" and (sniff(png()).width, sniff(png()).height) == (
        64,
        48,
    )
    assert sniff(jpeg()).mime == "image/jpeg" and sniff(jpeg()).width == 320
    assert sniff(GIF).mime == "image/gif"
    webp = b"RIFF" + (30).to_bytes(4, "little") + b"WEBPVP8L" + b"\x00" * 5 + b"\x2f" + b"\x00" * 12
    assert sniff(webp).mime == "image/webp"
    assert sniff(b"<!DOCTYPE html>") is None and sniff(b"") is None


def test_first_pass_caches_good_images_and_records_every_failure(cache, server) -> None:
    summary = one_pass(cache, server, GOOD + list(BAD))
    assert summary.fetched == len(GOOD)
    for path in GOOD:
        info = cache.lookup(server.url(path))
        assert info.path is not None and info.path.is_file(), path
        assert sniff(info.path.read_bytes()) is not None
    for path, (reason, _permanent) in BAD.items():
        info = cache.lookup(server.url(path))
        assert info.path is None and reason in info.reason, (path, info.reason)
        assert info.reason.startswith("failed: ")
    assert summary.failed.total() == len(BAD)
    assert server.hits["/flaky/f"] == 2  # 500 first, then retried within the pass
    assert server.hits["/down"] == 3  # a 5xx is retried with backoff, then left for next time
    assert server.hits["/missing"] == 1  # a 404 is not retried


def test_second_pass_fetches_only_what_can_still_succeed(cache, server) -> None:
    one_pass(cache, server, GOOD + list(BAD))
    before = server.hits.copy()
    summary = one_pass(cache, server, GOOD + list(BAD))
    changed = {path for path in server.hits if server.hits[path] != before[path]}
    transient = {path for path, (_reason, permanent) in BAD.items() if not permanent}
    assert changed == transient  # good images cached once; 404s, HTML, loops left alone
    assert summary.cached == len(GOOD) and summary.fetched == 0
    assert summary.skipped == len(BAD) - len(transient)
    # Asked to, it tries the permanent failures again.
    one_pass(cache, server, ["/missing"], retry_failed=True)
    assert server.hits["/missing"] == 2


def test_files_are_named_by_a_hash_of_the_url_and_written_atomically(cache, server) -> None:
    one_pass(cache, server, ["/img/a.png", "/gif/c.gif"])
    url = server.url("/img/a.png")
    digest = hashlib.sha256(url.encode()).hexdigest()
    assert cache.path_of(url) == cache.folder / digest[:2] / f"{digest}.png"
    assert cache.path_of(server.url("/gif/c.gif")).suffix == ".gif"
    assert not list(cache.folder.rglob("*.partial"))
    names = [p.name for p in cache.folder.rglob("*") if p.is_file()]
    assert not any("img" in name or name == "a.png" for name in names)


def test_connections_are_reused(cache, server) -> None:
    paths = [f"/img/{n}.png" for n in range(30)]
    one_pass(cache, server, paths, jobs=2, per_host=2)
    assert sum(server.hits[p] for p in paths) == 30
    assert len(server.peers) <= 4  # two workers, each keeping its connection alive


def test_cancel_stops_the_pass(cache, server) -> None:
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    summary = one_pass(
        cache, server, [f"/stall/{n}" for n in range(20)], jobs=2, cancelled=cancelled
    )
    assert summary.cancelled
    assert sum(server.hits[f"/stall/{n}"] for n in range(20)) < 20


def test_eviction_keeps_starred_screenshots(cache, server, tmp_path: Path) -> None:
    clock = iter(range(1000, 2000))
    cache = ImageCache(tmp_path / "lru", clock=lambda: float(next(clock)))
    paths = [f"/img/{n}.png" for n in range(6)]
    one_pass(cache, server, paths, jobs=1)
    size = cache.total_bytes() // 6
    keep = {server.url("/img/0.png")}  # the oldest, but starred
    cache.lookup(server.url("/img/1.png"))  # recently shown? not within TOUCH_EVERY: unchanged
    removed = cache.evict(limit_bytes=size * 3, keep=keep)
    assert removed == 3
    assert cache.path_of(server.url("/img/0.png")) is not None
    assert [cache.path_of(server.url(p)) is not None for p in paths] == [
        True,
        False,
        False,
        False,
        True,
        True,
    ]
    assert cache.lookup(server.url("/img/1.png")).reason == "not downloaded yet"


def test_damaged_cache_database_is_set_aside(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "images.sqlite3").write_bytes(b"garbage" * 100)
    cache = ImageCache(folder)
    assert cache.lookup("https://example.org/x.png").reason == "not downloaded yet"
    assert list(folder.glob("images.sqlite3.damaged-*"))
