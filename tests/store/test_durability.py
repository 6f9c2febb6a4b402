"""What makes the state never lost: kill -9, concurrent writers, corruption, migrations."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from readerapp.store import StateStore, StoreError, safety, schema

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from readerapp.store import StateStore

    folder, prefix, count, kind = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    store = StateStore(folder / "state.sqlite3", folder / "backups")
    for i in range(count):
        if kind == "read":
            store.set_read([f"{prefix}{i}"], True)
        else:
            store.append_note("shared", f"{prefix}{i}")
        print(i, flush=True)  # acknowledged: the change is committed
    """
)


def start_writer(
    folder: Path, prefix: str, count: int, kind: str = "read"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), prefix, str(count), kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    acknowledged: list[int] = []
    for round_number in range(4):
        writer = start_writer(tmp_path, f"r{round_number}-", 100_000)
        deadline = time.monotonic() + rng.uniform(1.0, 2.5)  # includes interpreter start-up
        acked_this_round: list[int] = []
        while time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            acked_this_round.append(int(line))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        # A line the writer printed before dying was acknowledged too.
        acked_this_round += [int(x) for x in writer.stdout.read().split()]
        errors = writer.stderr.read()
        writer.stdout.close()
        writer.stderr.close()
        assert acked_this_round, errors
        acknowledged.append(len(acked_this_round))
        store = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups")
        assert store.messages == []  # nothing needed recovery
        read = store.ids_where("read")
        missing = [i for i in acked_this_round if f"r{round_number}-{i}" not in read]
        assert missing == []
        store.close()
    assert safety.is_healthy(tmp_path / "state.sqlite3")
    assert sum(acknowledged) > 40


@pytest.mark.slow
def test_concurrent_writers_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    StateStore(tmp_path / "state.sqlite3", tmp_path / "backups").close()
    writers = [start_writer(tmp_path, prefix, 150, "note") for prefix in ("x", "y")]
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
        assert "locked" not in errors
    note = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups").get("shared").note
    paragraphs = note.split("\n\n")
    assert sorted(paragraphs) == sorted(
        [f"x{i}" for i in range(150)] + [f"y{i}" for i in range(150)]
    )


def _corrupt(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "header":
        data[:16] = b"garbage garbage!"
    else:  # scribble over the b-tree pages after the first one
        for offset in range(4096 + 100, len(data), 97):
            data[offset] = 0xAB
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header", "pages"])
def test_damaged_state_is_set_aside_and_restored_from_backup(tmp_path: Path, how: str) -> None:
    path = tmp_path / "state.sqlite3"
    store = StateStore(path, tmp_path / "backups")  # today's backup is taken now
    store.set_starred([f"p{i}" for i in range(300)], True)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    # Make the backup hold the 300 stars (as if it was taken after them, yesterday).
    backup = next((tmp_path / "backups").glob("state-*.sqlite3"))
    safety.copy_database(sqlite3.connect(path), backup)
    _corrupt(path, how)
    assert not safety.is_healthy(path)

    recovered = StateStore(path, tmp_path / "backups")
    assert len(recovered.ids_where("starred")) == 300
    message = recovered.messages[0]
    assert "damaged" in message and backup.name in message
    aside = [
        p for p in tmp_path.glob("state.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and str(aside[0]) in message
    assert safety.is_healthy(path)


def test_damaged_state_without_backup_starts_empty_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"not a database at all" * 50)
    store = StateStore(path, tmp_path / "no-backups")
    assert "no good backup" in store.messages[0]
    assert list(tmp_path.glob("state.sqlite3.damaged-*"))
    store.set_read(["a"], True)
    assert store.ids_where("read") == {"a"}


def test_newer_state_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    StateStore(path, tmp_path / "backups").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer readerapp"):
        StateStore(path, tmp_path / "backups")
    assert path.read_bytes() == before


def test_migration_copies_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.sqlite3"
    store = StateStore(path, tmp_path / "backups")
    store.set_note("a", "keep me")
    store.close()
    step = "ALTER TABLE state ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;"
    current = schema.LATEST
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    upgraded = StateStore(path, tmp_path / "backups")
    assert schema.version(upgraded.conn) == current + 1
    assert upgraded.get("a").note == "keep me"
    (copy,) = tmp_path.glob(f"state.sqlite3.v{current}-*.bak")
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    assert old.execute("SELECT note FROM state").fetchone()[0] == "keep me"
    assert any("upgraded" in m for m in upgraded.messages)


def test_a_version_1_file_is_migrated_and_the_tree_reads_it(tmp_path: Path) -> None:
    """The first released schema, as users have it: migrated with a copy, and the view the
    tree's filters read (paper_state) is there with its columns."""
    path = tmp_path / "state.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO state (paper_id, starred, note) VALUES ('p', 1, 'n')")
    conn.commit()
    conn.close()
    store = StateStore(path, tmp_path / "backups")
    assert schema.version(store.conn) == schema.LATEST
    assert list(tmp_path.glob("state.sqlite3.v1-*.bak"))
    columns = ", ".join(schema.PAPER_STATE_COLUMNS)
    rows = store.conn.execute(f"SELECT {columns} FROM {schema.PAPER_STATE}").fetchall()
    assert rows == [("p", 0, 1, "n")]
    assert store.search_notes("n") == {"p"}
