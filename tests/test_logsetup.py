"""The log file: set up at start, written at the first message (logging loads only then)."""

from __future__ import annotations

import logging
from pathlib import Path

from readerapp.logsetup import get_logger, setup


def _flush() -> None:
    for handler in logging.getLogger("readerapp").handlers:
        handler.flush()


def test_a_lazy_setup_takes_effect_at_the_first_message(tmp_path: Path) -> None:
    log_file = setup(tmp_path / "logs", "info", lazily=True)
    assert log_file is not None and not log_file.exists()
    get_logger("readerapp.somewhere").warning("the index was damaged")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "WARNING readerapp.somewhere: the index was damaged" in text
    setup(tmp_path / "off", "info")  # let go of the file


def test_the_level_chosen_filters_the_messages(tmp_path: Path) -> None:
    log_file = setup(tmp_path / "logs", "warning", lazily=True)
    assert log_file is not None
    log = get_logger("readerapp.somewhere")
    log.info("routine")
    log.error("broken")
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "broken" in text and "routine" not in text
    setup(tmp_path / "off", "info")


def test_a_command_logs_a_damaged_search_index_in_the_data_folder(tmp_path: Path, capsys) -> None:
    from tests.helpers import CORPUS, run_cli

    data = tmp_path / "data"
    base = ["--data-dir", str(data), "--library", str(CORPUS)]
    assert run_cli(capsys, *base, "index")[0] == 0
    (meta,) = data.rglob("meta.json")
    meta.write_text("{ not json", encoding="utf-8")
    code, out, _ = run_cli(capsys, *base, "papers", "--query", "gaussian")
    assert code == 0 and out  # rebuilt, and found
    _flush()
    (log_file,) = data.rglob("readerapp.log")
    assert "unusable" in log_file.read_text(encoding="utf-8")
    setup(tmp_path / "off", "info")
