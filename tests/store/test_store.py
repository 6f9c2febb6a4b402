"""The state store on a real SQLite file: flags with times, notes, undo, filters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from readerapp.store import Change, StateStore


class FakeClock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> StateStore:
    return StateStore(tmp_path / "state.sqlite3", tmp_path / "backups", clock=clock)


def test_fresh_paper_has_default_state(store: StateStore) -> None:
    state = store.get("2410.13726")
    assert (state.read, state.starred, state.note) == (False, False, "")
    assert state.read_at is None


def test_flags_record_the_time_of_the_change(store: StateStore, clock: FakeClock) -> None:
    before = clock.now
    store.set_read(["a", "b"], True)
    after = clock.now
    store.set_starred(["a"], True)
    a = store.get("a")
    assert a.read and a.starred
    assert before * 1_000_000 < a.read_at <= after * 1_000_000
    assert a.starred_at > a.read_at
    assert store.ids_where("read") == {"a", "b"}
    assert store.ids_where("starred") == {"a"}


def test_setting_the_same_value_changes_nothing(store: StateStore) -> None:
    assert len(store.set_read(["a"], True)) == 1
    before = store.get("a").read_at
    assert store.set_read(["a"], True) == []
    assert store.get("a").read_at == before


def test_toggle(store: StateStore) -> None:
    assert store.toggle("a", "starred") is True
    assert store.toggle("a", "starred") is False
    assert store.get("a").starred is False


def test_notes(store: StateStore) -> None:
    store.set_note("a", "First line.")
    assert store.append_note("a", "Second.") == "First line.\n\nSecond."
    assert store.ids_where("note") == {"a"}
    assert store.search_notes("second") == {"a"}
    assert store.search_notes("100%") == set()
    store.set_note("a", "")
    assert store.ids_where("note") == set()


def test_undo_reverts_the_last_action_then_the_one_before(store: StateStore) -> None:
    store.set_read(["a", "b", "c"], True)  # one action (e.g. mark the whole post read)
    store.set_starred(["a"], True)
    store.set_note("b", "hello")
    assert store.undo() == [Change("b", "note")]
    assert store.get("b").note == ""
    assert store.undo() == [Change("a", "starred")]
    assert store.get("a").starred is False
    assert {c.paper_id for c in store.undo()} == {"a", "b", "c"}
    assert store.ids_where("read") == set()
    assert store.undo() == []


def test_undo_of_a_note(store: StateStore) -> None:
    store.set_note("a", "v1")
    store.set_note("a", "v2")
    store.undo()
    assert store.get("a").note == "v1"


def test_state_of_unknown_papers_is_kept(
    store: StateStore, tmp_path: Path, clock: FakeClock
) -> None:
    store.set_starred(["gone-from-every-post"], True)
    store.close()
    again = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups", clock=clock)
    assert again.get("gone-from-every-post").starred


def test_backups_keep_a_day_of_hours_and_a_week_of_days(tmp_path: Path) -> None:
    clock = FakeClock(1_700_000_000.0)
    for n in range(80):  # every 3 hours for 10 days, a change each time
        clock.now = 1_700_000_000.0 + n * 3 * 3600
        store = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups", clock=clock)
        store.set_note("p", f"note {n}")
        store.close()
    names = sorted(p.name for p in (tmp_path / "backups").glob("state-*.sqlite3"))
    made = [
        datetime.fromtimestamp(1_700_000_000.0 + n * 3 * 3600).strftime("%Y-%m-%d-%H")
        for n in range(80)
    ]
    hourly = {f"state-{stamp}.sqlite3" for stamp in made[-24:]}
    assert hourly <= set(names)  # the newest 24 copies
    older = [n for n in names if n not in hourly]
    days = {n[6:16] for n in names}
    assert len(days) == 7  # and the newest copy of each day, for a week of days
    assert len(older) == len({n[6:16] for n in older})
    last = datetime.fromtimestamp(clock.now).strftime("%Y-%m-%d-%H")
    assert names[-1] == f"state-{last}.sqlite3"
