"""Incremental indexing on a real SQLite file: touch, edit, add, delete, rename, damage."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from readerapp.library import changes, reading
from readerapp.library.library import Library
from tests.helpers import digest, entry, note_post, write, write_digest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "blog"
    write_digest(
        folder,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1"),
            entry(title="Beta Fields", arxiv="2408.00002v2"),
        ],
    )
    write_digest(
        folder,
        "NeRF",
        "2024-08-23 19:00:00",
        [
            entry(title="Gamma Radiance", arxiv="2408.00003v1"),
        ],
    )
    write(folder, "notes/linux.md", note_post("Shell tips", "Linux"))
    return folder


def open_library(root: Path, tmp_path: Path) -> Library:
    return Library(root, tmp_path / "cache" / "index.sqlite3")


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    original = reading.parse_post

    def counting(data: bytes, path: str):
        reads.append(path)
        return original(data, path)

    monkeypatch.setattr(reading, "parse_post", counting)
    return reads


def test_cold_index_counts(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    report = library.update()
    assert (report.added, report.changed, report.removed) == (3, 0, 0)
    counts = library.counts()
    assert (counts.posts, counts.digests, counts.entries, counts.papers) == (3, 2, 3, 3)


def test_warm_update_reads_nothing(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_library(root, tmp_path).update()
    reads = count_reads(monkeypatch)
    report = open_library(root, tmp_path).update()
    assert reads == []
    assert not report.touched and report.unchanged == 3


def test_touch_rereads_only_that_post(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = open_library(root, tmp_path)
    library.update()
    reads = count_reads(monkeypatch)
    path = root / "Paper/2024-08-23/NeRF.md"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    report = library.update()
    assert reads == ["Paper/2024-08-23/NeRF.md"]
    assert report.changed == 1
    assert library.counts().papers == 3


def test_edit_add_delete(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    library.update()
    # Edit: a paper is replaced by another.
    write_digest(
        root,
        "NeRF",
        "2024-08-23 19:00:00",
        [
            entry(title="Delta Volumes", arxiv="2408.00004v1"),
        ],
    )
    # Add: a new post.
    write_digest(
        root,
        "GAN",
        "2024-08-24 10:00:00",
        [
            entry(title="Epsilon Adversaries", arxiv="2408.00005v1"),
        ],
    )
    # Delete: the note.
    (root / "notes/linux.md").unlink()
    report = library.update()
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert library.paper("2408.00003") is None
    assert library.paper("2408.00004").title == "Delta Volumes"
    assert library.paper("2408.00005").posts[0].topic == "GAN"
    assert library.topics() == ["3DGS", "GAN", "NeRF"]
    assert library.search("Gamma") == []
    assert library.search("Delta") == ["2408.00004"]


def test_rename_rereads_the_file_and_keeps_the_paper(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    library.update()
    (root / "Paper/2024-08-23/NeRF.md").rename(root / "Paper/2024-08-23/Radiance.md")
    report = library.update()
    assert (report.added, report.removed) == (1, 1)
    paper = library.paper("2408.00003")
    assert [o.path for o in paper.posts] == ["Paper/2024-08-23/Radiance.md"]
    assert library.search("Gamma") == ["2408.00003"]


def test_same_paper_in_two_posts_takes_fields_from_the_newest(root: Path, tmp_path: Path) -> None:
    write_digest(
        root,
        "3DGS",
        "2024-09-01 08:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v3", summary="Newer summary."),
        ],
    )
    library = open_library(root, tmp_path)
    library.update()
    paper = library.paper("2408.00001")
    assert paper.summary == "Newer summary." and paper.arxiv_version == 3
    assert [o.date[:10] for o in paper.posts] == ["2024-09-01", "2024-08-23"]
    assert library.counts().papers == 3 and library.counts().entries == 4
    (root / "Paper/2024-09-01/3DGS.md").unlink()
    library.update()
    assert library.paper("2408.00001").summary == "One line about the paper."


def test_tree_order(root: Path, tmp_path: Path) -> None:
    write_digest(
        root,
        "3DGS",
        "2024-09-01 08:00:00",
        [
            entry(title="Zeta", arxiv="2409.00001v1"),
        ],
    )
    write(
        root,
        "Paper/2024-07-01/adversarial.md",
        digest(
            "gan",
            "2024-07-01 08:00:00",
            [
                entry(title="Eta", arxiv="2407.00001v1"),
            ],
        ),
    )
    library = open_library(root, tmp_path)
    library.update()
    assert library.topics() == ["3DGS", "gan", "Linux", "NeRF"]  # casefold order
    assert [p.date[:10] for p in library.posts_of("3DGS")] == ["2024-09-01", "2024-08-23"]
    assert library.paper_ids() == [
        "2409.00001",
        "2408.00001",
        "2408.00002",
        "2407.00001",
        "2408.00003",
    ]
    linux = library.posts_of("Linux")[0]
    assert not linux.is_digest and "Some text." in linux.body


def test_bad_posts_are_reported_and_the_rest_loads(root: Path, tmp_path: Path) -> None:
    write(root, "broken.md", "---\ntitle: [oops\n---\nbody\n")
    write(root, "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    library = open_library(root, tmp_path)
    report = library.update()
    assert sorted(p.path for p in report.problems) == ["binary.md", "broken.md"]
    assert library.counts().papers == 3 and library.counts().skipped == 2
    # Skipped files are remembered by their stat: a warm update does not re-read them...
    assert not library.update().touched
    # ...and their problems can still be listed.
    assert len(library.stored_problems()) == 2
    # Fixing the file brings it in.
    write(root, "broken.md", note_post("Fixed", "Misc"))
    assert library.update().changed == 1
    assert "Misc" in library.topics()


def test_damaged_index_is_set_aside_and_rebuilt(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    library.update()
    library.close()
    index = tmp_path / "cache" / "index.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(index) + suffix).unlink(missing_ok=True)
    index.write_bytes(b"this is not a database" * 100)
    rebuilt = open_library(root, tmp_path)
    assert "damaged" in rebuilt.note
    assert list(index.parent.glob("index.sqlite3.damaged-*"))
    assert rebuilt.update().added == 3
    assert rebuilt.counts().papers == 3


def _damage_search_index(tmp_path: Path) -> None:
    (meta,) = (tmp_path / "cache").rglob("meta.json")
    meta.write_text("{ not json", encoding="utf-8")


def test_damaged_search_index_is_refilled_before_a_search(root: Path, tmp_path: Path) -> None:
    open_library(root, tmp_path).update()
    _damage_search_index(tmp_path)
    library = open_library(root, tmp_path)
    assert library.search("Gamma") == ["2408.00003"]
    assert "rebuilt" in library.text.note


def test_damaged_search_index_found_by_an_update_keeps_every_post(
    root: Path, tmp_path: Path
) -> None:
    open_library(root, tmp_path).update()
    _damage_search_index(tmp_path)
    write_digest(root, "GAN", "2024-08-24 10:00:00", [entry(title="Epsilon", arxiv="2408.00005")])
    library = open_library(root, tmp_path)
    assert library.update().added == 1
    assert library.search("Gamma") == ["2408.00003"]  # from a post the update did not read
    assert library.search("Epsilon") == ["2408.00005"]


def test_deleted_index_is_rebuilt(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    library.update()
    library.close()
    shutil.rmtree(tmp_path / "cache")
    again = open_library(root, tmp_path)
    assert again.update().added == 3


def test_file_vanishing_between_scan_and_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = open_library(root, tmp_path)
    original = changes.scan

    def scan_then_delete(folders):
        found = original(folders)
        (root / "notes/linux.md").unlink()
        return found

    monkeypatch.setattr(changes, "scan", scan_then_delete)
    library.update()
    assert library.counts().posts == 2


def test_unreadable_file_is_reported(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read_bytes = Path.read_bytes

    def failing(self: Path) -> bytes:
        if self.name == "linux.md":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", failing)
    report = open_library(root, tmp_path).update()
    assert [(p.path, p.severity) for p in report.problems] == [("notes/linux.md", "error")]
    assert "Permission denied" in report.problems[0].message


def test_cancel_keeps_what_was_read(root: Path, tmp_path: Path) -> None:
    library = open_library(root, tmp_path)
    calls = iter([False, True, True, True])
    report = library.update(should_cancel=lambda: next(calls))
    assert report.cancelled
    assert library.counts().posts == 1
    assert library.update().added == 2


def test_hidden_folders_are_not_scanned(root: Path, tmp_path: Path) -> None:
    write(root, ".git/x.md", digest())
    write(root, "node_modules/pkg/readme.md", digest())
    library = open_library(root, tmp_path)
    library.update()
    assert library.counts().posts == 3


def test_a_paper_shows_its_analysis_from_its_post_even_once_the_post_changed(
    tmp_path: Path,
) -> None:
    """The index keeps where each entry is, not its analysis: the page reads it from the post,
    from the whole post when an edit has moved the entry and no update has run since."""
    root = tmp_path / "blog"
    two = [
        entry(title="Alpha", arxiv="2408.00001", analysis="Alpha, analysed."),
        entry(title="Beta", arxiv="2408.00002", analysis="Beta, analysed."),
    ]
    path = write_digest(root, "3DGS", "2024-08-23 10:00:00", two)
    library = open_library(root, tmp_path)
    library.update()
    assert library.paper("2408.00002").analysis == "Beta, analysed."  # type: ignore[union-attr]
    assert library.papers(["2408.00002"])[0].analysis == ""  # lists do not read the posts
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Alpha", "## Alpha\n\nA new line.\n"), encoding="utf-8")
    assert library.paper("2408.00002").analysis == "Beta, analysed."  # type: ignore[union-attr]
    path.unlink()
    assert library.paper("2408.00002").analysis == ""  # type: ignore[union-attr]
