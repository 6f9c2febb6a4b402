"""Tags in the state store (issue 15): as durable as stars and notes, undoable, merged on import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from readerapp.store import StateStore, export_state, import_state, schema
from readerapp.store.tags import TagError
from tests.store.test_store import FakeClock


@pytest.fixture
def store(tmp_path: Path) -> StateStore:
    return StateStore(tmp_path / "state.sqlite3", tmp_path / "backups", clock=FakeClock())


def test_tags_match_without_case_and_show_as_first_typed(store: StateStore) -> None:
    assert store.change_tags(["a", "b"], add=["To Cite", "高斯"]) == 4
    assert store.change_tags(["c"], add=["to cite"]) == 1
    assert store.change_tags(["a"], add=["TO CITE"]) == 0  # already there
    assert store.tags_of(["a", "b", "c", "x"]) == {
        "a": ["To Cite", "高斯"],
        "b": ["To Cite", "高斯"],
        "c": ["To Cite"],
    }
    assert store.all_tags() == [("To Cite", 3), ("高斯", 2)]
    assert store.ids_tagged("to  CITE") == {"a", "b", "c"}
    store.change_tags(["a", "b"], remove=["高斯"])
    assert store.all_tags() == [("To Cite", 3)]
    with pytest.raises(TagError):
        store.change_tags(["a"], add=["   "])


def test_a_tag_survives_a_reopen_and_is_undone_with_z(tmp_path: Path, store: StateStore) -> None:
    store.change_tags(["a"], add=["queue"])
    store.change_tags(["a", "b"], add=["related work"], remove=["queue"])
    store.close()
    again = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups")
    assert again.tags_of(["a", "b"]) == {"a": ["related work"], "b": ["related work"]}
    assert sorted(again.last_undo_ids()) == ["a", "b"]
    again.undo()  # the second change as a whole
    assert again.tags_of(["a", "b"]) == {"a": ["queue"]}
    again.undo()
    assert again.tags_of(["a"]) == {}


def test_export_and_import_merge_tags_newer_wins(tmp_path: Path) -> None:
    here = StateStore(tmp_path / "here.sqlite3", tmp_path / "b1", clock=FakeClock(1_700_000_000))
    there = StateStore(tmp_path / "there.sqlite3", tmp_path / "b2", clock=FakeClock(1_800_000_000))
    here.change_tags(["a"], add=["queue", "avatars"])
    there.change_tags(["a"], add=["queue"])
    there.change_tags(["a"], remove=["queue"])  # later than here's: the removal wins
    there.change_tags(["b"], add=["cite"])
    assert import_state(here, export_state(there)) == 2
    assert here.tags_of(["a", "b"]) == {"a": ["avatars"], "b": ["cite"]}
    assert import_state(there, export_state(here)) == 1  # avatars is new there; the rest older
    assert there.tags_of(["a", "b"]) == {"a": ["avatars"], "b": ["cite"]}


def test_an_import_with_a_bad_tag_changes_nothing(store: StateStore) -> None:
    from readerapp.store import StateFileError

    bad = {
        "format": "readerapp-state",
        "version": 2,
        "papers": [
            {"id": "a", "starred": True, "starred_at": "2024-01-01T00:00:00Z", "tags": []},
            {"id": "b", "tags": [{"name": "", "present": True, "at": "2024-01-01T00:00:00Z"}]},
        ],
    }
    with pytest.raises(StateFileError, match="tags"):
        import_state(store, bad)
    assert not store.get("a").starred


def test_a_version_2_file_is_migrated_with_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[0] + schema.MIGRATIONS[1] + "PRAGMA user_version = 2;")
    conn.execute("INSERT INTO state (paper_id, starred, note) VALUES ('p', 1, 'n')")
    conn.commit()
    conn.close()
    store = StateStore(path, tmp_path / "backups")
    assert schema.version(store.conn) == schema.LATEST >= 3
    assert list(tmp_path.glob("state.sqlite3.v2-*.bak"))
    assert store.get("p").starred and store.tags_of(["p"]) == {}
    store.change_tags(["p"], add=["kept"])
    assert store.tags_of(["p"]) == {"p": ["kept"]}


def test_renaming_a_tag_moves_every_paper_and_is_one_undo(store: StateStore) -> None:
    store.change_tags(["a", "b"], add=["avatars"])
    store.change_tags(["c"], add=["Related Work"])
    store.change_tags(["b"], add=["queue"])
    assert store.rename_tag("AVATARS", "related work") == 2  # into an existing tag: they merge
    assert store.all_tags() == [("queue", 1), ("Related Work", 3)]
    assert store.tags_of(["b"])["b"] == ["queue", "Related Work"]
    assert store.rename_tag("related work", "Related work") == 3  # a change of case only
    assert store.all_tags() == [("queue", 1), ("Related work", 3)]
    store.undo()
    store.undo()
    assert store.all_tags() == [("avatars", 2), ("queue", 1), ("Related Work", 1)]
    assert store.rename_tag("nothing", "else") == 0


def test_deleting_a_tag_takes_it_off_every_paper_and_undo_puts_it_back(
    store: StateStore,
) -> None:
    store.change_tags(["a", "b", "c"], add=["queue", "cite"])
    assert store.delete_tag("Queue") == 3
    assert store.all_tags() == [("cite", 3)]
    assert store.papers_by_tag() == [("cite", ["a", "b", "c"])]
    store.undo()
    assert store.papers_by_tag() == [("cite", ["a", "b", "c"]), ("queue", ["a", "b", "c"])]
