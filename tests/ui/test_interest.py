"""For you, similar papers and the reason shown in the viewer (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from readerapp.ui.main_window import MainWindow
from tests.helpers import entry, write_digest, write_two_subjects
from tests.ui.helpers import Opened, open_window
from tests.ui.test_keys import press

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _blog(root: Path) -> Path:
    return write_two_subjects(root, avatars=7, proteins=7)


def _fitted(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.interest.interest is not None and not window.interest.fitting)


def test_for_you_ranks_the_unread_papers_like_the_starred_ones(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path / "blog"), Opened())
    press(qtbot, window, Qt.Key.Key_R, SHIFT)
    _fitted(qtbot, window)
    assert window.interest.active
    assert window.interest.model.scores == {}  # no stars yet: newest first, and it says so
    assert window.interest.model.ids[0].startswith("2408.001")

    window.change_state(
        ["2408.00001", "2408.00002", "2408.00003"],
        lambda: window.store.set_starred(["2408.00001", "2408.00002", "2408.00003"], True),
    )
    qtbot.waitUntil(lambda: bool(window.interest.model.scores), timeout=5000)
    ids = window.interest.model.ids
    assert not {"2408.00001", "2408.00002", "2408.00003"} & set(ids)  # starred: already chosen
    assert set(ids[:4]) == {f"2408.0000{n}" for n in range(4, 8)}
    assert "For you because of: " in window.viewer.toPlainText()

    press(qtbot, window, Qt.Key.Key_J)  # j walks the list
    assert window.current_paper_id() == ids[1]


def test_r_lists_similar_papers_and_enter_opens_one(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path / "blog"), Opened())
    window.interest.open_in_tree("2408.00001")
    assert window.current_paper_id() == "2408.00001"
    press(qtbot, window, Qt.Key.Key_R)
    _fitted(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.interest.model.ids))
    ids = window.interest.model.ids
    assert len(ids) == 6 and "2408.00001" not in ids
    assert all(i.startswith("2408.0000") for i in ids)
    press(qtbot, window, Qt.Key.Key_J)
    chosen = window.current_paper_id()
    press(qtbot, window, Qt.Key.Key_Return)
    assert not window.interest.active  # back in the tree, at the paper chosen
    assert window.current_paper_id() == chosen


def test_a_posts_papers_sorted_by_interest_and_j_follows_that_order(qtbot, tmp_path) -> None:
    root = tmp_path / "blog"
    titles = [
        "Gaussian splatting head avatar" if n % 2 else "Protein folding kinetics" for n in range(12)
    ]
    write_digest(
        root,
        "Mixed",
        "2024-08-20 10:00:00",
        [entry(title=f"{t} {n}", arxiv=f"2408.{n:05d}v1") for n, t in enumerate(titles)],
    )
    write_digest(root, "Later", "2024-08-21 10:00:00", [entry(title="Other", arxiv="2408.09999v1")])
    window = open_window(qtbot, root, Opened())
    stars = ["2408.00001", "2408.00003", "2408.00005"]
    window.change_state(stars, lambda: window.store.set_starred(stars, True))
    press(qtbot, window, Qt.Key.Key_I, SHIFT)
    _fitted(qtbot, window)
    qtbot.waitUntil(lambda: window.model.entry_order is not None)

    model = window.model
    post = model.post_index("Mixed", window.tree_query.posts("Mixed")[0].path)
    shown = [model.item(model.index(r, 0, post)).node.paper_id for r in range(model.rowCount(post))]
    avatars = {f"2408.{n:05d}" for n in range(1, 12, 2)}
    assert set(shown[:6]) == avatars  # the papers like the starred ones first
    window.interest.open_in_tree(shown[0])
    press(qtbot, window, Qt.Key.Key_J)
    assert window.current_paper_id() == shown[1]  # j walks the rows as shown
    for _ in range(10):
        press(qtbot, window, Qt.Key.Key_J)
    assert window.current_paper_id() == shown[11]
    press(qtbot, window, Qt.Key.Key_J)  # the last paper of the tree: it stays
    assert window.current_paper_id() == shown[11]
    window.interest.open_in_tree(shown[0])
    press(qtbot, window, Qt.Key.Key_K)  # back into the post above ("Later" sorts first)
    assert window.current_paper_id() == "2408.09999"

    press(qtbot, window, Qt.Key.Key_I, SHIFT)  # off: the post's own order again
    assert window.model.entry_order is None


def test_the_for_you_node_tops_the_tree_and_j_walks_into_the_library(qtbot, tmp_path) -> None:
    window = open_window(qtbot, _blog(tmp_path / "blog"), Opened())
    model = window.model
    assert model.topic_items()[0].node.name != "For you"  # no stars: nothing learnt, no node
    stars = ["2408.00001", "2408.00002", "2408.00003"]
    window.change_state(stars, lambda: window.store.set_starred(stars, True))
    qtbot.waitUntil(lambda: model.topic_items()[0].node.name == "For you", timeout=5000)

    top = model.index(0, 0)
    post = model.index(0, 0, top)
    rows = [model.item(model.index(r, 0, post)) for r in range(model.rowCount(post))]
    picked = [row.node.paper_id for row in rows]
    assert set(picked[:4]) == {f"2408.0000{n}" for n in range(4, 8)}  # like the stars first
    assert not set(stars) & set(picked)
    assert rows[0].node.title.split("%")[0].isdigit()  # each with its score

    window.view.setCurrentIndex(model.index(0, 0, post))
    assert window.current_paper_id() == picked[0]
    assert "For you: 1 of" in window.viewer.toPlainText()
    for expected in picked[1:]:
        press(qtbot, window, Qt.Key.Key_J)
        assert window.current_paper_id() == expected
    press(qtbot, window, Qt.Key.Key_J)  # past the last pick: the library's first paper
    assert window.current_item().parent.node.topic == "Avatars"
    window.view.setCurrentIndex(model.index(1, 0, post))
    press(qtbot, window, Qt.Key.Key_S)  # keys act on the pick shown
    assert window.store.get(picked[1]).starred
