"""Git sources and saved PDFs in the window (issue 16): pulled in the background on F5, what
arrived said in the status bar; starring saves the PDF, the viewer says so, Shift+O opens it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from readerapp.cli import main
from tests.helpers import entry, write_digest
from tests.images.arxiv_server import GOOD, MISSING, ArxivServer
from tests.sources.servers import Blog
from tests.ui.helpers import Opened, open_window
from tests.ui.test_keys import press

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def shown_ids(window) -> set[str]:
    return set(window.library.paper_ids())


@needs_git
def test_f5_pulls_in_the_background_and_says_what_arrived(qtbot, tmp_path: Path, capsys) -> None:
    blog = Blog(tmp_path)
    blog.post("2024-08-20", "3DGS", ["2408.00001"])
    own = tmp_path / "own"
    write_digest(own, "NeRF", "2024-08-19 10:00:00", [entry(title="Mine", arxiv="2408.00009v1")])
    assert (
        main(
            ["--library", str(own), "source", "add", blog.bare.as_uri(), "--path", "source/_posts"]
        )
        == 0
    )
    capsys.readouterr()
    window = open_window(qtbot, own, Opened())
    assert shown_ids(window) == {"2408.00001", "2408.00009"}  # the folder and the source, merged

    blog.post("2024-08-21", "3DGS", ["2408.00002", "2408.00003"])
    press(qtbot, window, Qt.Key.Key_F5)
    assert window.runner.running("pull")  # in the background: the window is not waiting
    qtbot.waitUntil(
        lambda: "blog: 1 new post, 2 new papers" in window.sources.last_message, timeout=20000
    )
    assert {"2408.00002", "2408.00003"} <= shown_ids(window)
    topics = [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())]
    assert topics == ["3DGS", "NeRF"]  # topics merged across sources

    shutil.rmtree(blog.bare)  # the remote is gone: one line, the library stays
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.runner.running("pull"), timeout=20000)
    assert window.sources.last_message.startswith("Pull of blog failed: no repository at file://")
    assert "\n" not in window.sources.last_message
    assert {"2408.00001", "2408.00002", "2408.00003", "2408.00009"} <= shown_ids(window)


def test_starring_saves_the_pdf_and_shift_o_opens_it(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "blog"
    papers = [
        entry(title="Saved one", arxiv=f"{GOOD}v1"),
        entry(title="Gone", arxiv=f"{MISSING}v1"),
    ]
    write_digest(root, "3DGS", "2024-08-20 10:00:00", papers)
    opened = Opened()
    with ArxivServer() as arxiv:
        window = open_window(qtbot, root, opened, pdf_on_star=True)
        window.settings.set("arxiv_mirror", arxiv.base)
        assert window.current_paper_id() == GOOD
        assert "PDF not saved yet" in window.viewer.toPlainText()
        press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
        assert opened[-1] == f"https://arxiv.org/pdf/{GOOD}v1"  # not saved: the PDF online

        press(qtbot, window, Qt.Key.Key_S)  # a star saves the PDF in the background
        qtbot.waitUntil(lambda: "PDF saved" in window.viewer.toPlainText(), timeout=20000)
        press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
        assert opened[-1].startswith("file://") and opened[-1].endswith(".pdf")
        assert Path(opened[-1].removeprefix("file://")).read_bytes().startswith(b"%PDF-")

        press(qtbot, window, Qt.Key.Key_J)
        assert window.current_paper_id() == MISSING
        press(qtbot, window, Qt.Key.Key_S)
        qtbot.waitUntil(
            lambda: "PDF not saved: 404 Not Found" in window.viewer.toPlainText(), timeout=20000
        )
