"""The command line, run in-process (and once as a real process to prove it never loads Qt)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readerapp.cli import main
from tests.helpers import entry, note_post, write, write_digest
from tests.helpers import run_cli as run


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1", comment="Accepted to CVPR 2024"),
            entry(title="Beta Fields", arxiv="2408.00002v2"),
        ],
    )
    write_digest(
        root,
        "NeRF",
        "2024-08-24 09:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1", comment="Accepted to CVPR 2024"),
            entry(title="No Id Paper", arxiv=None),
        ],
    )
    write(root, "notes/linux.md", note_post("Shell", "Linux"))
    return root


def papers(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    code, out, err = run(capsys, "papers", "--json", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_index_prints_counts_and_remembers_the_library(blog: Path, capsys) -> None:
    code, out, _ = run(capsys, "--library", str(blog), "index")
    assert code == 0
    assert "3 post(s) read (3 new, 0 changed)" in out
    assert "3 posts (2 digests), 4 entries, 3 distinct papers" in out
    code, out, _ = run(capsys, "index")  # remembered
    assert "0 post(s) read" in out and "3 unchanged" in out


def test_global_options_work_after_the_command(blog: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other-data"
    code, _out, _ = run(capsys, "index", "--library", str(blog), "--data-dir", str(other))
    assert code == 0
    assert (other / "cache" / "index").is_dir()
    assert (other / "config" / "settings.json").is_file()


def test_papers_json_has_the_contract_fields(blog: Path, capsys) -> None:
    rows = papers(capsys, "--library", str(blog))
    assert [r["id"] for r in rows][:2] == ["2408.00001", "2408.00002"]
    alpha = rows[0]
    assert alpha["title"] == "Alpha Splats"
    assert alpha["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert (alpha["arxiv_id"], alpha["arxiv_version"]) == ("2408.00001", 1)
    assert alpha["pdf_url"] == "http://arxiv.org/abs/2408.00001v1"
    assert alpha["takeaways"] == ["First point.", "Second point."]
    assert alpha["screenshots"] == ["https://img.example/a.jpg"]
    assert alpha["posts"] == [
        {
            "path": "Paper/2024-08-23/3DGS.md",
            "topic": "3DGS",
            "date": "2024-08-23T18:00:00",
            "index": 0,
            "source": "local",  # the library folder (issue 16: git sources have their names)
        },
        {
            "path": "Paper/2024-08-24/NeRF.md",
            "topic": "NeRF",
            "date": "2024-08-24T09:00:00",
            "index": 0,
            "source": "local",
        },
    ]
    assert alpha["pdf"] is None  # not saved
    assert (alpha["read"], alpha["starred"], alpha["note"]) == (False, False, "")
    no_id = rows[2]
    assert no_id["id"].startswith("t:") and no_id["arxiv_id"] is None


def test_user_mistakes_are_one_line_and_non_zero(blog: Path, tmp_path: Path, capsys) -> None:
    code, _out, err = run(capsys, "papers")
    assert code != 0 and err.strip().count("\n") == 0 and "no library configured" in err
    code, _, err = run(capsys, "--library", str(tmp_path / "missing"), "index")
    assert code != 0 and "not found" in err and "Traceback" not in err
    run(capsys, "--library", str(blog), "index")
    code, _, err = run(capsys, "show", "9999.99999")
    assert code != 0 and "unknown paper id: 9999.99999" in err
    code, _, err = run(capsys, "mark", "2408.00001", "nope", "--read")
    assert code != 0 and "nope" in err
    assert papers(capsys)[0]["read"] is False  # nothing changed
    with pytest.raises(SystemExit) as usage:
        main(["mark", "2408.00001"])  # neither --read nor --unread
    assert usage.value.code == 2


def test_remembered_library_that_disappeared(blog: Path, tmp_path: Path, capsys) -> None:
    run(capsys, "--library", str(blog), "index")
    shutil.move(blog, tmp_path / "elsewhere")
    code, _, err = run(capsys, "papers")
    assert code != 0 and "gone" in err


def test_show_prints_readable_text(blog: Path, capsys) -> None:
    run(capsys, "--library", str(blog), "index")
    code, out, _ = run(capsys, "show", "2408.00001v1")
    assert code == 0
    assert out.startswith("Alpha Splats\n")
    assert "Accepted to CVPR 2024" in out and "Key takeaways" in out and "- First point." in out


def test_mark_star_note_and_filters(blog: Path, capsys) -> None:
    run(capsys, "--library", str(blog), "index")
    assert run(capsys, "mark", "2408.00001", "2408.00002", "--read")[0] == 0
    assert run(capsys, "star", "2408.00002")[0] == 0
    assert run(capsys, "note", "2408.00001", "--set", "first")[0] == 0
    assert run(capsys, "note", "2408.00001", "--append", "zebra")[0] == 0
    assert run(capsys, "note", "2408.00001")[1] == "first\n\nzebra\n"
    assert [r["id"] for r in papers(capsys, "--starred")] == ["2408.00002"]
    assert [r["id"] for r in papers(capsys, "--read")] == ["2408.00001", "2408.00002"]
    assert len(papers(capsys, "--unread")) == 1
    assert [r["id"] for r in papers(capsys, "--query", "zebra")] == ["2408.00001"]  # notes search
    assert [r["id"] for r in papers(capsys, "--query", "beta", "--starred")] == ["2408.00002"]
    assert run(capsys, "unstar", "2408.00002")[0] == 0
    assert run(capsys, "mark", "2408.00001", "--unread")[0] == 0
    assert run(capsys, "note", "2408.00001", "--clear")[0] == 0
    row = papers(capsys)[0]
    assert (row["read"], row["starred"], row["note"]) == (False, False, "")


def test_state_survives_reindex_cache_loss_and_moving_the_library(
    blog: Path, tmp_path: Path, data_dir: Path, capsys
) -> None:
    run(capsys, "--library", str(blog), "index")
    run(capsys, "star", "2408.00001")
    run(capsys, "note", "2408.00002", "--set", "keep")
    run(capsys, "index", "--rebuild")
    shutil.rmtree(data_dir / "cache")
    moved = tmp_path / "moved-blog"
    shutil.move(blog, moved)
    rows = {r["id"]: r for r in papers(capsys, "--library", str(moved))}
    assert rows["2408.00001"]["starred"] and rows["2408.00002"]["note"] == "keep"
    # One state for a paper listed in two posts.
    assert len(rows["2408.00001"]["posts"]) == 2
    # A post deleted: its paper's state is kept and comes back with it.
    text = (moved / "Paper/2024-08-23/3DGS.md").read_text()
    (moved / "Paper/2024-08-23/3DGS.md").unlink()
    assert "2408.00002" not in {r["id"] for r in papers(capsys)}
    write(moved, "Paper/2024-08-23/3DGS.md", text)
    assert {r["id"]: r for r in papers(capsys)}["2408.00002"]["note"] == "keep"


def test_state_export_import_through_the_cli(blog: Path, tmp_path: Path, capsys) -> None:
    run(capsys, "--library", str(blog), "index")
    run(capsys, "star", "2408.00001")
    out_file = tmp_path / "state.json"
    assert run(capsys, "state", "export", str(out_file))[0] == 0
    fresh = tmp_path / "fresh"
    code, _out, err = run(capsys, "--data-dir", str(fresh), "state", "import", str(out_file))
    assert code == 0, err
    rows = papers(capsys, "--data-dir", str(fresh), "--library", str(blog), "--starred")
    assert [r["id"] for r in rows] == ["2408.00001"]
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = run(capsys, "state", "import", str(tmp_path / "bad.json"))
    assert code != 0 and "not valid JSON" in err


def test_problems_are_reported_on_stderr(blog: Path, capsys) -> None:
    write(blog, "broken.md", "---\ntitle: [x\n---\n")
    code, out, err = run(capsys, "--library", str(blog), "index")
    assert code == 0
    assert "broken.md:3: error: broken YAML front matter" in err
    code, out, err = run(capsys, "papers")
    assert code == 0 and len(out.splitlines()) == 3


def test_the_command_line_never_imports_qt(blog: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from readerapp.cli import main\n"
        f"code = main(['--library', {str(blog)!r}, 'papers', '--json'])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, READERAPP_DATA_DIR=str(tmp_path / "subprocess-data"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


# What the warm commands load: each of these costs milliseconds of every start (issue 13's
# budget is 60 ms over Python's own), and none of the four commands needs them.
_HEAVY = ("typing", "yaml", "numpy", "tantivy", "dataclasses", "PySide6", "frontmatter")


def test_warm_commands_load_no_heavy_module(blog: Path, tmp_path: Path) -> None:
    env = dict(os.environ, READERAPP_DATA_DIR=str(tmp_path / "subprocess-data"))
    index = [sys.executable, "-m", "readerapp", "--library", str(blog), "index"]
    subprocess.run(index, env=env, check=True, capture_output=True)
    for argv in (["--version"], ["index"], ["papers"], ["show", "2408.00001"]):
        script = (
            "import sys\n"
            "from readerapp.cli import main\n"
            "try:\n"
            f"    main({argv!r})\n"
            "finally:\n"  # --version ends by SystemExit
            f"    print(sorted(m for m in sys.modules if m.split('.')[0] in {_HEAVY!r}))\n"
        )
        argv_ = [sys.executable, "-c", script]
        done = subprocess.run(argv_, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "[]", (argv, done.stdout)


def test_corpus_papers_json(corpus: Path, capsys) -> None:
    rows = papers(capsys, "--library", str(corpus))
    assert len(rows) == 336
    repeated = [r for r in rows if len(r["posts"]) > 1]
    assert len(repeated) == 28
    for row in rows:
        for occurrence in row["posts"]:
            assert (corpus / occurrence["path"]).is_file()
            assert "\\" not in occurrence["path"]


def test_the_quick_parser_reads_every_command_as_the_whole_one() -> None:
    """Start-up builds only the sub-command named (cli.command_in); it must read the same."""
    from readerapp.cli import build_parser
    from readerapp.cli_bibtex import KEY_STYLES
    from readerapp.cli_words import COMMANDS, command_in
    from readerapp.export.keys import STYLES

    assert KEY_STYLES == STYLES
    full = build_parser()
    subparsers = next(a for a in full._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(COMMANDS) == set(subparsers.choices)
    samples = [
        ["index", "--rebuild"],
        ["--library", "papers", "index"],  # a folder named like a command
        ["--data-dir", "/tmp/x", "papers", "--json", "--query=-gauss"],
        ["show", "2401.00001", "--json"],
        ["bibtex", "--key-style", "short", "2401.00001"],
        ["mark", "a", "b", "--read"],
        ["star", "a"],
        ["note", "a", "--append", "text"],
        ["state", "export", "-"],
        ["fetch-images", "--jobs", "2"],
        [],
    ]
    for argv in samples:
        quick = build_parser(command_in(argv)).parse_args(argv)
        assert vars(quick) == vars(full.parse_args(argv)), argv


def test_show_prints_an_html_analysis_without_the_spaces_its_tags_left(
    tmp_path: Path, capsys
) -> None:
    html = "<ol>\n<li><p>Title: A study</p>\n</li>\n<li><p>Authors: Ada</p>\n</li>\n</ol>"
    markdown = "- A point\n  - a point under it"
    root = tmp_path / "blog"
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Html Paper", arxiv="2408.00001v1", analysis=html),
            entry(title="Markdown Paper", arxiv="2408.00002v1", analysis=markdown),
        ],
    )
    run(capsys, "--library", str(root), "index")
    _, out, _ = run(capsys, "show", "2408.00001")
    analysis = out.split("Analysis\n--------\n")[1].split("\n\n\n")[0]
    assert analysis.startswith("Title: A study\n\nAuthors: Ada\n")
    assert all(line == line.strip() for line in analysis.splitlines())
    _, out, _ = run(capsys, "show", "2408.00002")
    assert "- A point\n  - a point under it" in out  # a Markdown analysis keeps its indents
