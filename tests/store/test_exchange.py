"""Export all state to JSON and merge it back: the newer change wins, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readerapp.store import StateFileError, StateStore, export_state, import_state
from tests.store.test_store import FakeClock


def make(tmp_path: Path, name: str, clock: FakeClock) -> StateStore:
    return StateStore(tmp_path / name / "state.sqlite3", tmp_path / name / "backups", clock=clock)


def test_export_then_import_into_a_fresh_store_reproduces_it_exactly(tmp_path: Path) -> None:
    clock = FakeClock()
    source = make(tmp_path, "a", clock)
    source.set_read(["p1", "p2"], True)
    source.set_starred(["p2", "t:0123456789ab"], True)
    source.set_note("p1", "Notes with ünïcode, 中文 and\nnew lines.")
    source.set_read(["p2"], False)
    exported = json.loads(json.dumps(export_state(source)))

    target = make(tmp_path, "b", clock)
    assert import_state(target, exported) == 5  # p1 read+note, p2 read+star, t: star
    assert target.all_states() == source.all_states()
    assert export_state(target)["papers"] == exported["papers"]


def test_older_import_never_overwrites_newer_changes(tmp_path: Path) -> None:
    clock = FakeClock()
    store = make(tmp_path, "a", clock)
    store.set_starred(["p1"], True)
    store.set_note("p1", "old note")
    old_export = export_state(store)
    store.set_starred(["p1"], False)  # newer changes
    store.set_note("p1", "new note")
    store.set_read(["p9"], True)
    assert import_state(store, old_export) == 0
    assert store.get("p1").starred is False
    assert store.get("p1").note == "new note"


def test_newer_fields_win_field_by_field(tmp_path: Path) -> None:
    clock = FakeClock()
    laptop = make(tmp_path, "laptop", clock)
    desktop = make(tmp_path, "desktop", clock)
    laptop.set_note("p1", "from the laptop")
    desktop.set_starred(["p1"], True)
    desktop.set_note("p1", "from the desktop, later")
    laptop.set_read(["p1"], True)  # latest of all
    assert import_state(laptop, export_state(desktop)) == 2
    state = laptop.get("p1")
    assert (state.read, state.starred, state.note) == (True, True, "from the desktop, later")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([], "expected a JSON object"),
        ({"format": "other"}, "format is 'other'"),
        ({"format": "readerapp-state", "version": 7, "papers": []}, "newer readerapp"),
        ({"format": "readerapp-state", "version": 1, "papers": {}}, "must be a list"),
        ({"format": "readerapp-state", "version": 1, "papers": [{"id": ""}]}, "'id'"),
        (
            {
                "format": "readerapp-state",
                "version": 1,
                "papers": [{"id": "p1", "read": "yes", "read_at": "2024-01-01T00:00:00Z"}],
            },
            "'read' must be a bool",
        ),
        (
            {
                "format": "readerapp-state",
                "version": 1,
                "papers": [{"id": "p1", "read": True, "read_at": "yesterday"}],
            },
            "not an ISO 8601 time",
        ),
    ],
)
def test_malformed_files_are_refused_with_the_reason(
    document: object, reason: str, tmp_path: Path
) -> None:
    store = make(tmp_path, "a", FakeClock())
    with pytest.raises(StateFileError, match=reason):
        import_state(store, document)


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    store = make(tmp_path, "a", FakeClock())
    document = {
        "format": "readerapp-state",
        "version": 1,
        "papers": [
            {"id": "good", "starred": True, "starred_at": "2024-01-01T00:00:00Z"},
            {"id": "bad", "starred": True, "starred_at": 12},
        ],
    }
    with pytest.raises(StateFileError):
        import_state(store, document)
    assert store.all_states() == {}
