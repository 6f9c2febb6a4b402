"""PDFs kept for offline reading (issue 16), against a local stand-in for arXiv: good PDFs,
a 404, an HTML page served as 200, a stall, a cut-off body. Nothing is mocked."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from readerapp.images.http import HttpClient
from readerapp.images.pdfs import fetch_pdfs, open_cache, pdf_key, pdf_status
from readerapp.library.library import Library
from tests.helpers import entry, write_digest
from tests.helpers import run_cli as run
from tests.images.arxiv_server import CUT, GOOD, MISSING, ROBOT_CHECK, STALL, ArxivServer

IDS = [GOOD, MISSING, ROBOT_CHECK, STALL, CUT, "2408.00006"]


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [entry(title=f"Paper {n}", arxiv=f"{paper}v2") for n, paper in enumerate(IDS)]
        + [entry(title="No id at all", arxiv=None)],
    )
    return root


def test_fetch_pdfs_saves_whole_pdfs_and_says_why_the_others_failed(
    capsys, blog: Path, data_dir: Path
) -> None:
    with ArxivServer() as arxiv:
        assert run(capsys, "--library", str(blog), "config", "arxiv_mirror", arxiv.base)[0] == 0
        code, out, err = run(capsys, "fetch-pdfs", GOOD, MISSING, ROBOT_CHECK, CUT, "2408.00006")
        assert code == 1  # some failed
        assert "fetched 2, already saved 0, failed 3" in out
        assert f"{MISSING}: 404 Not Found" in err
        assert f"{ROBOT_CHECK}: not a PDF (an HTML page" in err
        assert f"{CUT}: download cut off (incomplete PDF)" in err
        assert arxiv.hits[f"/pdf/{GOOD}v2"] == 1  # the version the digest lists, from the mirror

        rows = {}
        code, out, _ = run(capsys, "papers", "--json")
        for line in out.splitlines():
            row = json.loads(line)
            rows[row["id"]] = row
        saved = Path(rows[GOOD]["pdf"])
        assert saved.is_absolute() and saved.read_bytes().startswith(b"%PDF-")
        assert saved.is_relative_to(data_dir / "cache")
        assert rows[MISSING]["pdf"] is None and rows[ROBOT_CHECK]["pdf"] is None
        code, out, _ = run(capsys, "show", "--json", GOOD)
        assert json.loads(out)["pdf"] == str(saved)

        code, out, _ = run(capsys, "fetch-pdfs", GOOD, MISSING)  # again: the 404 is not retried
        assert "already saved 1" in out and "1 that failed before skipped" in out
        assert arxiv.hits[f"/pdf/{MISSING}v2"] == 1
        run(capsys, "fetch-pdfs", "--retry-failed", MISSING)
        assert arxiv.hits[f"/pdf/{MISSING}v2"] == 2

        code, _, err = run(capsys, "fetch-pdfs")  # the default: starred papers (none)
        assert code == 0 and "no paper is starred" in err
        run(capsys, "tag", "2408.00006", "--add", "plane")
        code, out, _ = run(capsys, "fetch-pdfs", "--tag", "plane")
        assert "already saved 1" in out


def test_a_stalled_download_fails_in_bounded_time_and_is_retried_later(blog: Path, tmp_path):
    library = Library(blog, tmp_path / "index.sqlite3")
    library.update()
    papers = library.papers([STALL, GOOD])
    cache = open_cache(tmp_path / "pdfs")
    with ArxivServer(stall_seconds=5) as arxiv:
        started = time.monotonic()
        client = HttpClient(timeout=0.5, accept="application/pdf")
        summary = fetch_pdfs(cache, papers, mirror=arxiv.base, client=client)
        client.close()
        assert time.monotonic() - started < 4
    assert summary.fetched == 1 and summary.failed == {STALL: "timed out"}
    stalled = next(p for p in papers if p.id == STALL)
    assert pdf_status(cache, pdf_key(stalled)) == (None, "PDF not saved: timed out")
    assert cache.wanted([pdf_key(stalled)], retry_failed=False, automatic=False)  # transient
    good = next(p for p in papers if p.id == GOOD)
    path, said = pdf_status(cache, pdf_key(good))
    assert said == "PDF saved" and path is not None


def test_the_pdf_cache_keeps_starred_papers_under_its_cap(capsys, blog: Path) -> None:
    with ArxivServer() as arxiv:
        run(capsys, "--library", str(blog), "config", "arxiv_mirror", arxiv.base)
        run(capsys, "config", "pdf_cache_limit_mb", "0")
        run(capsys, "star", GOOD)
        _code, out, _ = run(capsys, "fetch-pdfs", GOOD, "2408.00006")
        assert "fetched 2" in out
        run(capsys, "config", "pdf_cache_limit_mb", "1")  # 1 MB: both fit
        # Below the size of two PDFs, the one not starred goes first, the starred one never.
        from readerapp.session import Session

        session = Session.start()
        library = session.open_library(blog)
        store = session.open_store()
        cache = session.open_pdf_cache()
        policy = session.pdf_keep_policy(library, store)
        assert cache.evict(1, set(policy.keep)) == 1
        rows = [json.loads(line) for line in run(capsys, "papers", "--json")[1].splitlines()]
        saved = {row["id"] for row in rows if row["pdf"]}
        assert saved == {GOOD}
