"""Git sources with real git (issue 16): a bare repository served by `git daemon` on
127.0.0.1 and a file:// one; add, the first pull, a new commit pulled, the remote gone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli as run
from tests.sources.servers import Blog, git_daemon, password_server

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def papers(capsys) -> list[dict]:
    code, out, err = run(capsys, "papers", "--json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def blog(tmp_path: Path) -> Blog:
    blog = Blog(tmp_path)
    blog.post("2024-08-20", "3DGS", ["2408.00001", "2408.00002"])
    return blog


def test_a_git_source_is_cloned_pulled_and_merged_with_the_library_folder(
    capsys, tmp_path: Path, blog: Blog, data_dir: Path
) -> None:
    own = tmp_path / "own"
    (own / "Paper/2024-08-19").mkdir(parents=True)
    shutil.copy(
        blog.work / "source/_posts/Paper/2024-08-20/3DGS.md", own / "Paper/2024-08-19/3DGS.md"
    )
    assert run(capsys, "--library", str(own), "index")[0] == 0

    with git_daemon(blog.bare.parent) as base:
        url = f"{base}/blog.git"
        code, out, err = run(capsys, "source", "add", url, "--path", "source/_posts")
        assert code == 0, err
        assert "added blog (git" in out and "1 post, 0 new papers" in out  # the same two papers
        clone = data_dir / "data/sources/blog"
        assert (clone / "source/_posts/Paper/2024-08-20/3DGS.md").is_file()
        assert not (clone / "themes").exists()  # only the posts folder is checked out

        listed = papers(capsys)
        first = next(p for p in listed if p["id"] == "2408.00001")
        assert {(o["source"], o["path"]) for o in first["posts"]} == {
            ("local", "Paper/2024-08-19/3DGS.md"),
            ("blog", "Paper/2024-08-20/3DGS.md"),
        }
        assert first["pdf"] is None

        assert run(capsys, "pull")[1] == "blog: up to date\n"
        blog.post("2024-08-21", "NeRF", ["2408.00003", "2408.00004", "2408.00001"])
        code, out, err = run(capsys, "pull")
        assert (code, out) == (0, "blog: 1 new post, 2 new papers\n"), err
        assert {p["id"] for p in papers(capsys)} >= {"2408.00003", "2408.00004"}
        code, out, _ = run(capsys, "source", "list")
        assert "blog" in out and url in out and "pulled 0 min ago" in out

    # The remote is gone (the daemon stopped): one line, a non-zero exit, nothing lost.
    before = papers(capsys)
    code, out, err = run(capsys, "pull")
    assert code == 1 and out == ""
    assert (
        err.startswith("readerapp: blog: failed: cannot reach git://127.0.0.1:")
        and err.count("\n") == 1
    )
    assert papers(capsys) == before

    run(capsys, "star", "2408.00003")
    code, out, err = run(capsys, "source", "remove", "blog")
    assert code == 0 and "starred, notes and tags are kept" in out
    assert not clone.exists()
    assert {p["id"] for p in papers(capsys)} == {"2408.00001", "2408.00002"}
    assert run(capsys, "show", "--json", "2408.00003")[0] == 2  # gone from the library...
    code, out, _ = run(capsys, "state", "export", "-")
    assert "2408.00003" in out  # ... but its star is kept


def test_a_file_url_source_alone_and_a_rewritten_history(capsys, blog: Blog) -> None:
    url = blog.bare.as_uri()  # file:///...
    code, _, err = run(capsys, "source", "add", url, "--path", "source/_posts", "--name", "digests")
    assert code == 0, err
    ids = {p["id"] for p in papers(capsys)}  # no library folder of one's own: the source alone
    assert ids == {"2408.00001", "2408.00002"}
    assert {o["source"] for p in papers(capsys) for o in p["posts"]} == {"digests"}

    blog.rewrite_history()
    code, _, err = run(capsys, "pull")
    assert code == 1 and "rewritten" in err and "--reset" in err
    code, _, err = run(capsys, "pull", "--reset")
    assert code == 0, err

    shutil.rmtree(blog.bare)
    code, _out, err = run(capsys, "pull")
    assert code == 1 and "digests: failed: no repository at file://" in err
    assert {p["id"] for p in papers(capsys)} == ids


def test_adding_fails_cleanly_when_auth_is_needed_or_nothing_is_there(capsys, tmp_path) -> None:
    with password_server() as base:
        code, _, err = run(capsys, "source", "add", f"{base}/private.git")
    assert code == 2 and "authentication needed" in err and "not added" in err
    code, _, err = run(capsys, "source", "add", (tmp_path / "nothing.git").as_uri())
    assert code == 2 and "no repository at" in err
    code, out, err = run(capsys, "source", "list")
    assert "private" not in out and "nothing" not in out
    code, _, err = run(capsys, "pull")
    assert code == 2 and "no git source" in err


def test_a_folder_source_and_bad_names(capsys, tmp_path: Path, blog: Blog) -> None:
    folder = blog.work / "source/_posts"
    code, _out, err = run(capsys, "source", "add", str(folder), "--name", "mine")
    assert code == 0, err
    assert {p["id"] for p in papers(capsys)} == {"2408.00001", "2408.00002"}
    assert run(capsys, "source", "add", str(folder))[0] == 2  # already a source
    code, _, err = run(capsys, "source", "add", str(tmp_path), "--name", "../x")
    assert code == 2 and "a source name is" in err
    code, _, err = run(capsys, "source", "remove", "nope")
    assert code == 2 and "no source named 'nope'" in err
    assert run(capsys, "source", "remove", "mine")[0] == 0
    assert folder.is_dir()  # a folder source is never deleted
