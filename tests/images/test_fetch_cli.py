"""`readerapp fetch-images` and `show --html` against the local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readerapp.cli import main
from tests.helpers import entry, write_digest
from tests.images.server import ImageServer


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with ImageServer(stall_seconds=0.1) as running:
        yield running


def test_fetch_images_then_show_html_points_at_the_cache(server, tmp_path: Path, capsys) -> None:
    shots = (server.url("/img/one.png"), server.url("/gif/two.gif"), server.url("/missing/3.png"))
    write_digest(
        tmp_path / "blog",
        "3DGS",
        "2024-08-23 18:00:00",
        [entry(arxiv="2408.00001v1", screenshots=shots)],
    )
    assert main(["--library", str(tmp_path / "blog"), "fetch-images"]) == 0
    out = capsys.readouterr().out
    assert "fetched 2, already cached 0, failed 1" in out
    assert "1 × 404 Not Found" in out

    assert main(["fetch-images"]) == 0
    out = capsys.readouterr().out
    assert "fetched 0, already cached 2, failed 0, skipped 1" in out
    assert server.hits["/img/one.png"] == 1 and server.hits["/missing/3.png"] == 1

    assert main(["show", "2408.00001", "--html"]) == 0
    html = capsys.readouterr().out
    assert html.count("file://") == 2 and "127.0.0.1" not in html
    assert "failed: 404 Not Found" in html
