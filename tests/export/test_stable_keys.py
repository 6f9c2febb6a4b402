"""Citation keys that never change once exported, and the other formats (issue 17)."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import entry, write_digest
from tests.helpers import run_cli as run


def keys_of(text: str) -> dict[str, str]:
    """arXiv id -> key, from BibTeX or BibLaTeX text."""
    found = re.findall(r"@\w+\{([^,]+),.*?eprint = \{([^}]+)\}", text, re.S)
    return {arxiv: key for key, arxiv in found}


@pytest.fixture
def clashing(tmp_path: Path) -> Path:
    """20 papers by Li, 2024, all titled "Adaptive ...": one base key for all of them; the
    ids of the second ten fall between those of the first (the old key order would shift)."""
    root = tmp_path / "blog"
    papers = [
        entry(title=f"Adaptive Gaussian Fields {n}", arxiv=f"2408.{n:05d}v1", authors="Wei Li")
        for n in range(1, 21)
    ]
    write_digest(root, "3DGS", "2024-08-23 10:00:00", papers)
    return root


def test_a_key_once_exported_never_changes(capsys, clashing: Path, tmp_path: Path) -> None:
    first = [f"2408.{n:05d}" for n in range(2, 21, 2)]  # the even ones
    second = [f"2408.{n:05d}" for n in range(1, 21, 2)]  # then the odd ones, interleaved
    run(capsys, "--library", str(clashing), "star", *first)
    code, out, _ = run(capsys, "bibtex", "--key-style", "short")
    assert code == 0
    before = keys_of(out)
    assert len(before) == 10 and len(set(before.values())) == 10
    assert all(key.startswith("li2024adaptive") for key in before.values())

    run(capsys, "star", *second)
    code, out, _ = run(capsys, "bibtex", "--key-style", "short", "-o", str(tmp_path / "refs.bib"))
    after = keys_of((tmp_path / "refs.bib").read_text(encoding="utf-8"))
    assert len(after) == 20 and len(set(after.values())) == 20  # still unique
    assert {paper: after[paper] for paper in first} == before  # not one key renamed

    code, out, _ = run(capsys, "bibtex", "--key-style", "arxiv")  # the style: new keys only
    assert keys_of(out) == after

    # A lone paper keeps its bare key when a clashing one arrives later.
    code, out, _ = run(capsys, "bibtex", "--rekey", "2408.00002", "--", "2408.00002")
    assert keys_of(out)["2408.00002"] == "li2024adaptivegaussianfields2"  # derived again
    code, out, _ = run(capsys, "bibtex")
    assert keys_of(out)["2408.00002"] == "li2024adaptivegaussianfields2"


def test_pinned_keys_travel_with_the_state(capsys, clashing: Path, tmp_path: Path) -> None:
    run(capsys, "--library", str(clashing), "star", "2408.00001")
    code, out, _ = run(capsys, "bibtex", "2408.00001", "2408.00003")
    pinned = keys_of(out)
    run(capsys, "state", "export", str(tmp_path / "state.json"))
    exported = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert exported["version"] == 3
    other = ["--data-dir", str(tmp_path / "other")]
    library = ["--library", str(clashing)]
    run(capsys, *other, *library, "bibtex", "--key-style", "short", "2408.00003", "2408.00005")
    code, out, err = run(capsys, *other, "state", "import", str(tmp_path / "state.json"))
    assert code == 0
    assert "2408.00003: kept the key" in err  # pinned differently here: this one stays
    code, out, _ = run(capsys, *other, "bibtex", "2408.00001")
    assert keys_of(out)["2408.00001"] == pinned["2408.00001"]


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed")
def test_biblatex_passes_biber_s_data_model_check(capsys, clashing: Path, tmp_path: Path) -> None:
    run(capsys, "--library", str(clashing), "tag", "2408.00001", "2408.00002", "--add", "queue")
    run(capsys, "note", "2408.00001", "--set", "Compare with §3 & 50% of the baseline")
    bib = tmp_path / "refs.bib"
    _code, _, _ = run(
        capsys, "bibtex", "--tag", "queue", "--format", "biblatex", "--with-notes", "-o", str(bib)
    )
    text = bib.read_text(encoding="utf-8")
    assert "@online{" in text and "eprinttype = {arxiv}" in text and "date = {2024-08}" in text
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-directory", str(tmp_path), bib.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if re.search(r"WARN|ERROR", line)]
    assert problems == []


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_csl_json_is_read_by_pandoc_field_for_field(capsys, clashing: Path, tmp_path: Path) -> None:
    run(capsys, "--library", str(clashing), "star", "2408.00001", "2408.00002")
    path = tmp_path / "refs.json"
    assert run(capsys, "bibtex", "--format", "csl-json", "-o", str(path))[0] == 0
    ours = json.loads(path.read_text(encoding="utf-8"))
    assert [item["type"] for item in ours] == ["article", "article"]
    assert ours[0]["author"] == [{"family": "Li", "given": "Wei"}]
    assert ours[0]["issued"] == {"date-parts": [[2024, 8]]}
    # pandoc reads CSL-JSON as Zotero writes it; what it cannot read, it drops.
    done = subprocess.run(
        ["pandoc", "-f", "csljson", "-t", "csljson", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    theirs = {item["id"]: item for item in json.loads(done.stdout)}
    for item in ours:
        read = theirs[item["id"]]
        for name in ("type", "title", "author", "issued", "DOI", "URL", "number", "publisher"):
            assert read[name] == item[name], name
    # And it cites them: the references are rendered with the default style.
    doc = tmp_path / "paper.md"
    keys = [item["id"] for item in ours]
    doc.write_text(f"See [@{keys[0]}; @{keys[1]}].\n", encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(path), "-t", "plain", str(doc)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Adaptive Gaussian Fields 1" in done.stdout, done.stderr
    assert "[WARNING]" not in done.stderr


def test_watch_rewrites_the_file_when_the_export_changes(clashing: Path, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    base = [sys.executable, "-m", "readerapp", *data, "--library", str(clashing)]
    subprocess.run([*base, "star", "2408.00001"], check=True, capture_output=True)
    bib = tmp_path / "refs.bib"
    watcher = subprocess.Popen(
        [*base, "bibtex", "--watch", str(bib), "--watch-interval", "0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not (bib.is_file() and "2408.00001" in bib.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline and watcher.poll() is None
            time.sleep(0.05)
        subprocess.run([*base, "star", "2408.00007"], check=True, capture_output=True)
        while "2408.00007" not in bib.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline and watcher.poll() is None
            time.sleep(0.05)
        assert len(keys_of(bib.read_text(encoding="utf-8"))) == 2
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=10)
    assert watcher.returncode == 0, err
    assert "wrote 2 entries" in out


def test_watch_sees_a_star_committed_while_it_exports(
    capsys, clashing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process stars a paper while the export runs: the next look writes it."""
    from readerapp import cli_bibtex
    from readerapp.paths import Locations
    from readerapp.store import StateStore

    data = tmp_path / "data"
    base = ["--data-dir", str(data), "--library", str(clashing)]
    assert run(capsys, *base, "star", "2408.00001")[0] == 0
    locations = Locations.resolve(data)
    original = cli_bibtex.export_text
    exports: list[int] = []

    def export_while_another_stars(library, store, args):
        exported = original(library, store, args)
        exports.append(1)
        if len(exports) == 1:  # the other process commits after this export read the state
            other = StateStore(locations.state_path, locations.backup_dir)
            other.set_starred(["2408.00007"], True)
            other.close()
        return exported

    looks: list[int] = []

    def one_more_look(_seconds: float) -> None:
        looks.append(1)
        if len(looks) >= 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_bibtex, "export_text", export_while_another_stars)
    monkeypatch.setattr(cli_bibtex.time, "sleep", one_more_look)
    bib = tmp_path / "refs.bib"
    code, _, _ = run(capsys, *base, "bibtex", "--watch", str(bib))
    assert code == 0
    assert set(keys_of(bib.read_text(encoding="utf-8"))) >= {"2408.00001", "2408.00007"}
