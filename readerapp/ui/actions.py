"""Every command of the window, registered once: the key map, menus, help and palette come from
here (DESIGN.md's keys are the defaults)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtWidgets import QFileDialog, QMessageBox

from readerapp import __version__
from readerapp.library.tree import Position
from readerapp.render.images import ImageLookup
from readerapp.ui import navigation
from readerapp.ui.commands import CommandRegistry
from readerapp.ui.dialogs import CommandPalette, KeysDialog
from readerapp.ui.image_viewer import ImageViewer, Shot
from readerapp.ui.tree_model import EntryItem, PostItem, TopicItem

if TYPE_CHECKING:
    from readerapp.ui.main_window import MainWindow


# -- navigation ----------------------------------------------------------------------------------


def step_paper(window: MainWindow, forward: bool, unread: bool = False) -> bool:
    item = window.current_item()
    here = navigation.position_of(item, window.tree_query, forward)
    node = window.tree_query.step(here, forward, window.model.view, unread=unread)
    if node is None and unread:
        start = Position(-1, -1) if forward else Position(10**12, 0)
        node = window.tree_query.step(start, forward, window.model.view, unread=True)
        if node is not None and node.paper_id != window.current_paper_id():
            window.flash("Wrapped around to the other end of the list")
    if node is None:
        window.flash(
            "No more unread papers" if unread else ("Last paper" if forward else "First paper")
        )
        return False
    return navigation.select_entry(window.view, window.model, window.tree_query, node)


def step_post(window: MainWindow, forward: bool) -> None:
    item = window.current_item()
    if isinstance(item, EntryItem | PostItem):
        rank = item.node.rank
    elif isinstance(item, TopicItem):
        rank = window.tree_query.first_rank_of(item.node.name) - (1 if forward else 0)
    else:
        rank = -1
    node = window.tree_query.step_post(rank, forward, window.model.view)
    if node is None:
        window.flash("Last post" if forward else "First post")
        return
    navigation.select_post(window.view, window.model, node)


def page(window: MainWindow, forward: bool) -> None:
    """Space pages down the viewer; at the bottom it goes to the next unread paper."""
    if forward and window.viewer.at_bottom():
        step_paper(window, True, unread=True)
    else:
        window.viewer.page(forward)


# -- state ---------------------------------------------------------------------------------------


def toggle(window: MainWindow, field: str) -> None:
    paper_id = window.current_paper_id()
    if paper_id is None:
        window.flash("Select a paper first")
        return
    if field == "read":
        window.read_timer.stop()
    value = window.change_state([paper_id], lambda: window.store.toggle(paper_id, field))
    word = {
        ("read", True): "read",
        ("read", False): "unread",
        ("starred", True): "starred",
        ("starred", False): "star removed",
    }[(field, value)]
    window.flash(f"Marked {word}" if field == "read" else word.capitalize())
    window.state_changed([paper_id])


def mark_post_read(window: MainWindow) -> None:
    item = window.current_item()
    post = item.parent if isinstance(item, EntryItem) else item
    if not isinstance(post, PostItem):
        window.flash("Select a post or one of its papers first")
        return
    ids = [row.paper_id for row in window.library.entries_of(post.node.id)]
    changes = window.change_state(ids, lambda: window.store.set_read(ids, True))
    window.flash(f"Marked {len(changes)} paper(s) of this post read (z undoes)")
    window.state_changed(ids)


def undo(window: MainWindow) -> None:
    window.note.flush()
    pending = window.store.last_undo_ids()
    changes = window.change_state(pending, window.store.undo)
    if not changes:
        window.flash("Nothing to undo")
        return
    window.flash(f"Undid {len(changes)} change(s)")
    window.state_changed([c.paper_id for c in changes])


# -- papers --------------------------------------------------------------------------------------


def open_paper_link(window: MainWindow, pdf: bool) -> None:
    paper_id = window.current_paper_id()
    paper = window.library.paper(paper_id) if paper_id else None
    url = (paper.pdf_link if pdf else paper.abs_url) if paper else None
    if not url:
        window.flash("This paper has no link")
        return
    window.open_url(QUrl(url))
    window.flash(f"Opened {url}")


def screenshots(window: MainWindow, images: ImageLookup) -> tuple[list[Shot], str] | None:
    paper_id = window.current_paper_id()
    paper = window.library.paper(paper_id) if paper_id else None
    if paper is None:
        return None
    item = window.current_item()
    path = item.parent.node.path if isinstance(item, EntryItem) else paper.posts[0].path
    base = (window.library.root / path).parent
    shots = []
    for number, url in enumerate(paper.screenshots, 1):
        info = images(url, base)
        shots.append(Shot(number, info.path, info.reason))
    return shots, paper.title


def open_screenshot(window: MainWindow, number: int) -> None:
    found = screenshots(window, window.images)
    if found is None:
        window.flash("Select a paper first")
        return
    shots, title = found
    if number > len(shots):
        window.flash(f"This paper has {len(shots)} screenshot(s)")
        return
    dialog = ImageViewer(shots, number - 1, title, window)
    window.image_viewer = dialog
    dialog.open()


# -- window --------------------------------------------------------------------------------------


def focus_search(window: MainWindow) -> None:
    window.search.setFocus()
    window.search.selectAll()


def edit_note(window: MainWindow) -> None:
    if window.current_paper_id() is None:
        window.flash("Select a paper to write a note on it")
        return
    window.note.show()
    window.note.editor.setFocus()


def toggle_note_pane(window: MainWindow) -> None:
    window.note.flush()
    window.note.setVisible(window.note.isHidden())
    window.sync_checkable_actions()
    if window.note.isHidden():
        window.focus_tree()


def zoom(window: MainWindow, step: int) -> None:
    value = 0 if step == 0 else int(window.settings.get("zoom") or 0) + step
    value = max(-6, min(16, value))
    window.settings.set("zoom", value)
    window.show_current(keep_scroll=True)
    window.flash(f"Text size {15 + value}px")


def set_mark_read(window: MainWindow, mode: str) -> None:
    window.settings.set("mark_read", mode)
    window.read_timer.stop()
    window.sync_checkable_actions()
    delay = window.settings.get("mark_read_delay")
    words = {"immediately": "as soon as it opens", "delay": f"after {delay:g} seconds",
             "never": "never (press m)"}  # fmt: skip
    window.flash(f"Papers are marked read {words[mode]}")


def open_folder(window: MainWindow) -> None:
    start = "" if window.is_sample else str(window.library.root)
    folder = QFileDialog.getExistingDirectory(window, "Open a folder of posts", start)
    if folder:
        window.switch_library(Path(folder))


def command_palette(window: MainWindow) -> None:
    dialog = CommandPalette(window.registry, window)
    window.palette = dialog

    def finished(result: int) -> None:
        if result and dialog.chosen is not None:
            dialog.chosen.action.trigger() if dialog.chosen.action else dialog.chosen.handler()

    dialog.finished.connect(finished)
    dialog.open()


def show_keys(window: MainWindow) -> None:
    dialog = KeysDialog(window.registry, window)
    window.keys_dialog = dialog
    dialog.open()


def show_problems(window: MainWindow) -> None:
    problems = window.library.stored_problems()
    text = "\n".join(str(p) for p in problems[:200]) or "Every post was read without problems."
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Library problems",
        f"{len(problems)} problem(s) in {window.library.root}",
        parent=window,
    )
    box.setDetailedText(text)
    box.open()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About readerapp",
        f"<h3>readerapp {__version__}</h3><p>A keyboard-first reading list for daily arXiv paper"
        f" digests.</p><p>Library: {window.library.root}<br>Data: "
        f"{window.session.locations.data_dir}</p><p>Press <b>?</b> for every key.</p>",
    )


def internal_link(window: MainWindow, url: QUrl) -> None:
    """`readerapp:` links inside the viewer: screenshots, papers of a post, fetching."""
    target = url.path()
    if target.startswith("image/"):
        open_screenshot(window, int(target.split("/", 1)[1]))
    elif target.startswith("post/"):
        path = unquote(target.split("/", 1)[1])
        index = int(QUrlQuery(url).queryItemValue("index") or -1)
        post = window.tree_query.locate(path)
        if post is not None:
            navigation.select(window.view, window.model.entry_index(post.topic, post.path, index))
    elif target == "fetch-images":
        command = window.registry.commands.get("paper.fetch-screenshots")
        if command:
            command.handler()


def register_commands(window: MainWindow) -> CommandRegistry:
    r = CommandRegistry()
    w = window
    r.add(
        "file.open-folder",
        "Open Folder…",
        "Ctrl+O",
        "Open a folder of posts",
        "File",
        lambda: open_folder(w),
    )
    r.add(
        "file.reload",
        "Reload Library",
        ["F5", "Ctrl+R"],
        "Re-read changed posts now",
        "File",
        w.reindex,
    )
    r.add("file.quit", "Quit", "Ctrl+Q", "Save and quit", "File", w.close)

    r.add(
        "edit.undo",
        "Undo",
        ["Z", "Ctrl+Z"],
        "Undo the last change of read, star or note",
        "Edit",
        lambda: undo(w),
    )
    r.add(
        "edit.search",
        "Search",
        ["/", "Ctrl+F"],
        "Search titles, authors, text and notes",
        "Edit",
        lambda: focus_search(w),
    )
    r.add(
        "edit.note",
        "Edit Note",
        "E",
        "Write a note on the current paper (Esc returns)",
        "Edit",
        lambda: edit_note(w),
    )
    r.add(
        "edit.palette",
        "Command Palette…",
        ["Ctrl+K", "Ctrl+Shift+P"],
        "Find and run any command by name",
        "Edit",
        lambda: command_palette(w),
    )

    r.add(
        "view.unread-only",
        "Unread Only",
        "U",
        "Show only unread papers (toggle)",
        "View",
        lambda: w.set_view(unread_only=not w.model.view.unread_only),
        checkable=True,
    )
    r.add(
        "view.starred-only",
        "Starred Only",
        "Shift+S",
        "Show only starred papers (toggle)",
        "View",
        lambda: w.set_view(starred_only=not w.model.view.starred_only),
        checkable=True,
    )
    r.add(
        "view.note-pane",
        "Note Pane",
        "Ctrl+Shift+N",
        "Show or hide the note pane",
        "View",
        lambda: toggle_note_pane(w),
        checkable=True,
    )
    r.add(
        "view.zoom-in",
        "Larger Text",
        ["Ctrl+=", "Ctrl++"],
        "Zoom the viewer in",
        "View",
        lambda: zoom(w, 1),
    )
    r.add(
        "view.zoom-out",
        "Smaller Text",
        "Ctrl+-",
        "Zoom the viewer out",
        "View",
        lambda: zoom(w, -1),
    )
    r.add(
        "view.zoom-reset",
        "Normal Text Size",
        "Ctrl+0",
        "Reset the viewer's zoom",
        "View",
        lambda: zoom(w, 0),
    )
    for name, title in (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark")):
        r.add(
            f"view.theme-{name}",
            title,
            [],
            f"Theme: {title.lower()}",
            "View",
            lambda n=name: w.set_theme(n),
            checkable=True,
            submenu="Theme",
        )
    r.add(
        "view.collapse",
        "Collapse All",
        "Shift+C",
        "Fold every topic",
        "View",
        lambda: w.view.collapseAll(),
    )

    r.add(
        "go.next-paper",
        "Next Paper",
        "J",
        "Next paper, across posts and topics",
        "Go",
        lambda: step_paper(w, True),
    )
    r.add(
        "go.prev-paper", "Previous Paper", "K", "Previous paper", "Go", lambda: step_paper(w, False)
    )
    r.add("go.next-post", "Next Post", "Shift+J", "Next post", "Go", lambda: step_post(w, True))
    r.add(
        "go.prev-post",
        "Previous Post",
        "Shift+K",
        "Previous post",
        "Go",
        lambda: step_post(w, False),
    )
    r.add(
        "go.next-unread",
        "Next Unread",
        "N",
        "Next unread paper (wraps around)",
        "Go",
        lambda: step_paper(w, True, unread=True),
    )
    r.add(
        "go.prev-unread",
        "Previous Unread",
        "P",
        "Previous unread paper",
        "Go",
        lambda: step_paper(w, False, unread=True),
    )
    r.add(
        "go.page-down",
        "Page Down",
        "Space",
        "Scroll the viewer; at the bottom, next unread",
        "Go",
        lambda: page(w, True),
    )
    r.add(
        "go.page-up", "Page Up", "Shift+Space", "Scroll the viewer up", "Go", lambda: page(w, False)
    )
    r.add(
        "go.list", "Back to the List", [], "Put the keyboard focus on the tree", "Go", w.focus_tree
    )

    r.add(
        "paper.toggle-read",
        "Toggle Read",
        "M",
        "Mark read / unread",
        "Paper",
        lambda: toggle(w, "read"),
    )
    r.add(
        "paper.toggle-star",
        "Toggle Star",
        "S",
        "Star / unstar",
        "Paper",
        lambda: toggle(w, "starred"),
    )
    r.add(
        "paper.mark-post-read",
        "Mark Post Read",
        "Shift+A",
        "Mark every paper of the current post read",
        "Paper",
        lambda: mark_post_read(w),
    )
    r.add(
        "paper.open-abstract",
        "Open Abstract Page",
        "O",
        "Open the arXiv abstract page in the browser",
        "Paper",
        lambda: open_paper_link(w, False),
    )
    r.add(
        "paper.open-pdf",
        "Open PDF",
        "Shift+O",
        "Open the PDF in the browser",
        "Paper",
        lambda: open_paper_link(w, True),
    )
    for number in range(1, 10):
        r.add(
            f"paper.screenshot-{number}",
            f"Screenshot {number}",
            str(number),
            f"Open screenshot {number} large",
            "Paper",
            lambda n=number: open_screenshot(w, n),
            submenu="Screenshots",
        )

    r.add(
        "help.keys",
        "Keyboard Shortcuts",
        ["?", "F1"],
        "List every command and its keys",
        "Help",
        lambda: show_keys(w),
    )
    r.add(
        "help.problems",
        "Library Problems…",
        [],
        "Posts that could not be read, and why",
        "Help",
        lambda: show_problems(w),
    )
    r.add("help.about", "About readerapp", [], "Version and folders", "Help", lambda: show_about(w))
    return r
