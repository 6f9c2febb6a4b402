"""The views a researcher triages with (issue 12): a flat sortable list, papers with a note,
skipping a paper's second listing, one paper's rows updated together."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readerapp.session import Session
from readerapp.ui.main_window import MainWindow
from readerapp.ui.paper_list import TITLE
from tests.helpers import build_blog, entry, write_digest
from tests.ui.helpers import Opened, shown_paper_ids

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window.view, key, modifier)


def test_the_flat_list_shows_each_paper_once_and_j_walks_it(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_L)
    paper_list = window.paper_list
    assert paper_list.active and QApplication.focusWidget() is paper_list.list
    assert window.registry["view.paper-list"].action.isChecked()
    ids = paper_list.model.ids
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 5  # Alpha once, not twice
    first = window.current_paper_id()
    assert ids.index(first) == paper_list.list.currentIndex().row()
    press(qtbot, window, Qt.Key.Key_J)
    row = paper_list.list.currentIndex().row()
    assert window.current_paper_id() == ids[row] != first  # the viewer follows the list
    shown_title = paper_list.model.data(paper_list.model.index(row, TITLE))
    assert shown_title in window.viewer.toPlainText()
    press(qtbot, window, Qt.Key.Key_K)
    assert window.current_paper_id() == first
    press(qtbot, window, Qt.Key.Key_S)  # keys act on the paper the list selects
    assert window.store.get(first).starred
    assert paper_list.model.data(paper_list.model.index(ids.index(first), 0)) == "★"
    press(qtbot, window, Qt.Key.Key_L)
    assert not paper_list.active and QApplication.focusWidget() is window.view


def test_the_flat_list_sorts_and_follows_the_search(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_L)
    model = window.paper_list.model
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, TITLE)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    window.set_view(query="epsilon")
    assert model.ids == ["2408.00005"]  # only what matches, not the paper kept in the tree


def test_papers_with_a_note_filter(qtbot, window: MainWindow) -> None:
    window.store.set_note("2408.00004", "read the appendix")
    press(qtbot, window, Qt.Key.Key_N, SHIFT)
    assert shown_paper_ids(window) - {window.current_paper_id()} == {"2408.00004"}
    assert "With a note" in window.filter_label.text()
    assert window.registry["view.noted-only"].action.isChecked()


def test_j_can_skip_a_papers_second_listing(qtbot, window: MainWindow) -> None:
    # Tree order: 3DGS 08-23 (Alpha, Beta, Gamma), 3DGS 08-22 (Delta), Linux, NeRF (Alpha
    # again, Epsilon). With the setting, j from Delta goes past NeRF's Alpha to Epsilon.
    window.settings.set("skip_seen_papers", True)
    window.view.setCurrentIndex(window.model.entry_index("3DGS", "Paper/2024-08-22/3DGS.md", 0))
    press(qtbot, window, Qt.Key.Key_J)
    assert window.current_paper_id() == "2408.00005"
    window.settings.set("skip_seen_papers", False)
    press(qtbot, window, Qt.Key.Key_K)
    assert window.current_paper_id() == "2408.00001"  # NeRF's listing of Alpha


def test_a_cross_listed_paper_updates_everywhere_at_once(qtbot, window: MainWindow) -> None:
    window.view.expandAll()
    other = window.model.entry_index("NeRF", "Paper/2024-08-23/NeRF.md", 0)
    assert other.isValid()
    bold = window.model.data(other, Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()  # Alpha unread, in NeRF too
    press(qtbot, window, Qt.Key.Key_M)  # read it under 3DGS
    assert window.model.data(other, Qt.ItemDataRole.FontRole) is None
    press(qtbot, window, Qt.Key.Key_S)
    assert window.model.data(other).startswith("★ ")


def _day_rows(window: MainWindow) -> list[str]:
    model = window.days.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_the_date_first_view_reads_one_day_in_one_place(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_D)
    days = window.days
    assert days.active and window.registry["view.by-date"].action.isChecked()
    assert _day_rows(window) == ["Fri 2024-08-23", "Thu 2024-08-22"]  # days with papers
    first_day = [e.paper_id for e in days.model.day_entries(0)]
    # 3DGS and NeRF both list Alpha on the 23rd: one row for the day.
    assert sorted(first_day) == ["2408.00001", "2408.00002", "2408.00003", "2408.00005"]
    assert window.current_paper_id() == "2408.00001"
    for expected in first_day[1:]:
        press(qtbot, window, Qt.Key.Key_J)
        assert window.current_paper_id() == expected
    press(qtbot, window, Qt.Key.Key_J)  # on to the next day
    assert window.current_paper_id() == "2408.00004"
    press(qtbot, window, Qt.Key.Key_K)
    assert window.current_paper_id() == first_day[-1]
    press(qtbot, window, Qt.Key.Key_D)
    assert not days.active and QApplication.focusWidget() is window.view


def test_the_date_first_view_takes_the_filters(qtbot, window: MainWindow) -> None:
    window.store.set_read(["2408.00002", "2408.00003", "2408.00005"], True)
    press(qtbot, window, Qt.Key.Key_D)
    press(qtbot, window, Qt.Key.Key_U)
    papers = {e.paper_id for row in range(window.days.model.rowCount())
              for e in window.days.model.day_entries(row)}  # fmt: skip
    assert papers == {"2408.00001", "2408.00004"}


def test_today_is_named(qtbot) -> None:
    from datetime import date, timedelta

    from readerapp.library.days import day_label

    today = date(2026, 12, 1)
    assert day_label("2026-12-01", today) == "Today"
    assert day_label(str(today - timedelta(days=1)), today) == "Yesterday"
    assert day_label("2026-11-27", today) == "Fri 2026-11-27"


def test_the_first_paper_the_date_view_selects_is_not_read(qtbot, window: MainWindow) -> None:
    window.view.setCurrentIndex(window.model.topic_index("Linux"))  # no paper selected
    press(qtbot, window, Qt.Key.Key_D)
    paper_id = window.current_paper_id()
    assert paper_id is not None and not window.store.get(paper_id).read


def test_the_flat_list_sorts_from_the_keyboard(qtbot, window: MainWindow) -> None:
    window.store.set_starred(["2408.00004"], True)
    press(qtbot, window, Qt.Key.Key_L)
    model = window.paper_list.model
    dates = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)  # newest first to begin with
    press(qtbot, window, Qt.Key.Key_L, SHIFT)
    titles = [model.data(model.index(r, TITLE)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert window.statusBar().currentMessage() == "Sorted by Title"
    for _ in range(2):  # topics, then star
        press(qtbot, window, Qt.Key.Key_L, SHIFT)
    assert model.ids[0] == "2408.00004"  # starred first


def test_a_first_index_starts_on_the_first_topics_newest_post(qtbot, tmp_path) -> None:
    root = build_blog(tmp_path / "fresh")  # never indexed: the window indexes it itself
    window = MainWindow(Session.start(), root, open_url=Opened())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_paper_id() is not None, timeout=10000)
    item = window.current_item()
    assert (item.parent.node.topic, item.parent.node.date[:10]) == ("3DGS", "2024-08-23")
    assert not window.store.get(window.current_paper_id()).read


def test_a_paper_is_selectable_while_a_first_index_runs(qtbot, tmp_path, monkeypatch) -> None:
    import time as clock

    from readerapp.library import reading

    root = tmp_path / "big"
    for day in range(1, 61):
        month, dom = 1 + (day - 1) // 28, 1 + (day - 1) % 28
        when = f"2024-{month:02d}-{dom:02d} 10:00:00"
        write_digest(root, "3DGS", when, [entry(title=f"P{day}", arxiv=f"2401.{day:05d}")])
    real = reading.parse_post

    def slow(data: bytes, path: str):
        clock.sleep(0.05)  # a big library: reading takes a while
        return real(data, path)

    monkeypatch.setattr(reading, "parse_post", slow)
    monkeypatch.setattr(reading, "POOL_MIN", 10**9)  # parse here, where `slow` is
    window = MainWindow(Session.start(), root, open_url=Opened())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_paper_id() is not None, timeout=5000)
    assert window.runner.running("index")  # still reading the rest
    assert window.current_paper_id() == "2401.00060"  # the newest post first
    press(qtbot, window, Qt.Key.Key_S)
    assert window.store.get("2401.00060").starred
    qtbot.waitUntil(lambda: not window.runner.running("index"), timeout=15000)
    assert window.library.counts().posts == 60
