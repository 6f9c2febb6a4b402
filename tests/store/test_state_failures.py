"""The state file is only ever replaced when it is really damaged; any other failure is a clear
error that moves nothing; damage loses minutes, not a day (issue 10)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from readerapp.store import StateStore, StoreError, safety
from tests.store.test_store import FakeClock


def _open(tmp_path: Path, clock: FakeClock | None = None) -> StateStore:
    return StateStore(tmp_path / "state.sqlite3", tmp_path / "backups", clock=clock or FakeClock())


def _untouched(tmp_path: Path) -> None:
    assert list(tmp_path.glob("state.sqlite3.damaged-*")) == []


def test_permission_denied_is_an_error_and_moves_nothing(tmp_path: Path, monkeypatch) -> None:
    _open(tmp_path).set_starred(["a"], True)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safety, "open", denied, raising=False)  # tests run as root
    with pytest.raises(StoreError, match="Permission denied"):
        _open(tmp_path)
    _untouched(tmp_path)
    monkeypatch.undo()
    assert _open(tmp_path).get("a").starred


def test_a_database_that_cannot_be_opened_is_not_damage(tmp_path: Path, monkeypatch) -> None:
    _open(tmp_path).set_starred(["a"], True)
    real = sqlite3.connect

    def cannot_open(*args, **kwargs):
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = sqlite3.SQLITE_IOERR  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(safety.sqlite3, "connect", cannot_open)
    with pytest.raises(StoreError, match="disk I/O error"):
        _open(tmp_path)
    monkeypatch.setattr(safety.sqlite3, "connect", real)
    _untouched(tmp_path)
    assert _open(tmp_path).get("a").starred


def test_a_dangling_link_is_an_error_and_stays(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").symlink_to(tmp_path / "unmounted" / "state.sqlite3")
    with pytest.raises(StoreError, match="does not exist"):
        _open(tmp_path)
    assert (tmp_path / "state.sqlite3").is_symlink()
    assert not (tmp_path / "unmounted").exists()


def test_a_zero_byte_file_is_damage_and_the_backup_comes_back(tmp_path: Path) -> None:
    store = _open(tmp_path)
    store.set_starred(["a"], True)
    store.close()  # the close takes a backup with the star
    for side in ("", "-wal", "-shm"):
        path = Path(f"{tmp_path / 'state.sqlite3'}{side}")
        if side:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(b"")
    store = _open(tmp_path)
    assert store.get("a").starred
    assert "empty (0 bytes)" in store.messages[0]


def test_changes_are_backed_up_every_ten_minutes_and_on_close(tmp_path: Path) -> None:
    clock = FakeClock()
    store = _open(tmp_path, clock)
    store.set_starred(["first"], True)
    clock.now += 601
    store.set_starred(["second"], True)  # ten minutes after the last backup: one now
    newest = safety.backups(tmp_path / "backups")[0]
    copy = sqlite3.connect(newest)
    assert {r[0] for r in copy.execute("SELECT paper_id FROM state WHERE starred")} == {
        "first",
        "second",
    }
    copy.close()
    store.set_starred(["third"], True)
    store.close()
    copy = sqlite3.connect(safety.backups(tmp_path / "backups")[0])
    assert copy.execute("SELECT starred FROM state WHERE paper_id = 'third'").fetchone() == (1,)
    copy.close()


def test_real_damage_is_salvaged_over_the_backup(tmp_path: Path) -> None:
    clock = FakeClock()
    store = _open(tmp_path, clock)
    store.set_note("old", "in the backup")
    store.backup()
    # After the backup: many more notes (many pages), then damage in the middle of them.
    for i in range(400):
        store.set_note(f"p{i:03d}", "x" * 300)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.close()
    path = tmp_path / "state.sqlite3"
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xab" * page
    path.write_bytes(bytes(data))
    assert safety.diagnose(path) is not None

    recovered = _open(tmp_path, clock)
    assert recovered.get("old").note == "in the backup"
    notes = {pid for pid, s in recovered.all_states().items() if s.note == "x" * 300}
    assert len(notes) > 200  # none of them was in the backup: they came from the damaged file
    assert any("could still be read" in m for m in recovered.messages)
    assert safety.is_healthy(path)


@contextlib.contextmanager
def _small_disk(where: Path) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(not shutil.which("mount") or os.geteuid() != 0, reason="needs root")
def test_a_full_disk_is_an_error_and_the_state_stays(tmp_path: Path) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        store = StateStore(disk / "state.sqlite3", disk / "backups")
        store.set_note("a", "kept")
        filler = disk / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        with pytest.raises(sqlite3.OperationalError, match="full"):
            for i in range(200):
                store.set_note(f"b{i}", "y" * 4000)
        store.conn.close()
        try:
            again = StateStore(disk / "state.sqlite3", disk / "backups")
            assert again.get("a").note == "kept"
            again.close()
        except StoreError as error:  # an honest error is fine; a replaced state is not
            assert "full" in str(error) or "I/O" in str(error)
        assert list(disk.glob("state.sqlite3.damaged-*")) == []
        filler.unlink()
        again = StateStore(disk / "state.sqlite3", disk / "backups")
        assert again.get("a").note == "kept"
        assert again.messages == []
        again.close()
