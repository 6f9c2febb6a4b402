"""Every command of the window, registered once: the key map, menus, help and palette come from
here (DESIGN.md's keys are the defaults)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from readerapp import __version__
from readerapp.export.bibtex import bibliography
from readerapp.export.bibtex import entries as bibtex_entries
from readerapp.library.tree import Position
from readerapp.links import is_web_url, parse_int
from readerapp.render.images import ImageLookup
from readerapp.settings import write_atomic
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
    if not is_web_url(url):
        window.flash(f"Not opened: only http(s) links open in the browser ({url[:80]})")
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


def copy_bibtex(window: MainWindow) -> None:
    paper_id = window.current_paper_id()
    paper = window.library.paper(paper_id) if paper_id else None
    if paper is None:
        window.flash("Select a paper first")
        return
    (entry,) = bibtex_entries([paper])
    QGuiApplication.clipboard().setText(entry.text)
    window.flash(f"Copied the BibTeX entry {entry.key}")


def export_bibtex(window: MainWindow, starred_only: bool) -> None:
    if starred_only:
        starred = window.store.ids_where("starred")
        ids = [i for i in window.library.paper_ids() if i in starred]
        what = "starred papers"
    else:
        ids = window.tree_query.paper_ids(window.model.view)
        what = "papers shown"
    if not ids:
        window.flash(f"No {what} to export")
        return
    start = str(Path.home() / ("starred.bib" if starred_only else "papers.bib"))
    path, _filter = QFileDialog.getSaveFileName(
        window, f"Export {len(ids)} {what} to BibTeX", start, "BibTeX (*.bib)"
    )
    if path:
        write_bibtex(window, ids, Path(path))


def write_bibtex(window: MainWindow, ids: list[str], path: Path) -> None:
    notes = {pid: state.note for pid, state in window.store.states(ids).items()}
    text = bibliography(window.library.papers(ids), notes)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        window.flash(f"Could not write {path}: {error.strerror or error}", 10000)
        return
    window.flash(f"Wrote {len(ids)} BibTeX entries to {path}", 8000)


def fetch_post_screenshots(window: MainWindow) -> None:
    item = window.current_item()
    post = item.parent if isinstance(item, EntryItem) else item
    if not isinstance(post, PostItem):
        window.flash("Select a post or one of its papers first")
        return
    urls = window.library.screenshot_urls(post.node.path)
    window.fetch_images(urls, automatic=False, retry_failed=True)
    window.flash(f"Fetching {len(urls)} screenshot(s) of this post…")


def toggle_auto_fetch(window: MainWindow) -> None:
    value = not window.settings.get("auto_fetch_images")
    window.settings.set("auto_fetch_images", value)
    window.sync_checkable_actions()
    window.flash(
        "Screenshots download after indexing"
        if value
        else "Screenshots download only when asked (Shift+F, File › Fetch All Screenshots)"
    )


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
        number = parse_int(target.split("/", 1)[1])
        if number is not None:
            open_screenshot(window, number)
    elif target.startswith("post/"):
        path = unquote(target.split("/", 1)[1])
        index = parse_int(QUrlQuery(url).queryItemValue("index") or "-1", -1)
        post = window.tree_query.locate(path)
        if post is not None:
            navigation.select(window.view, window.model.entry_index(post.topic, post.path, index))
    elif target == "fetch-images":
        command = window.registry.commands.get("paper.fetch-screenshots")
        if command:
            command.handler()


def register_commands(window: MainWindow) -> CommandRegistry:
    """Every command: (name, menu, title, default keys, description, function)."""
    w = window
    r = CommandRegistry()
    # fmt: off
    table: list[tuple[str, str, str, str | list[str], str, Callable[[], object]]] = [
        ("file.open-folder", "File", "Open Folder…", "Ctrl+O",
         "Open a folder of posts", lambda: open_folder(w)),
        ("file.reload", "File", "Reload Library", ["F5", "Ctrl+R"],
         "Re-read changed posts now", w.reindex),
        ("file.fetch-all", "File", "Fetch All Screenshots", [],
         "Download every screenshot not cached yet, newest posts first",
         lambda: w.fetch_images(w.library.screenshot_urls(), automatic=False)),
        ("file.export-starred", "File", "Export Starred to BibTeX…", "Ctrl+E",
         "Write the starred papers as a .bib file", lambda: export_bibtex(w, True)),
        ("file.export-shown", "File", "Export Shown Papers to BibTeX…", "Ctrl+Shift+E",
         "Write the papers of the current filter or search as a .bib file",
         lambda: export_bibtex(w, False)),
        ("file.quit", "File", "Quit", "Ctrl+Q", "Save and quit", w.close),

        ("edit.undo", "Edit", "Undo", ["Z", "Ctrl+Z"],
         "Undo the last change of read, star or note (again: the one before)", lambda: undo(w)),
        ("edit.search", "Edit", "Search", ["/", "Ctrl+F"],
         "Search titles, authors, text and notes", lambda: focus_search(w)),
        ("edit.note", "Edit", "Edit Note", "E",
         "Write a note on the current paper (Esc returns)", lambda: edit_note(w)),
        ("edit.palette", "Edit", "Command Palette…", ["Ctrl+K", "Ctrl+Shift+P"],
         "Find and run any command by name", lambda: command_palette(w)),

        ("view.unread-only", "View", "Unread Only", "U", "Show only unread papers (toggle)",
         lambda: w.set_view(unread_only=not w.model.view.unread_only)),
        ("view.starred-only", "View", "Starred Only", "Shift+S", "Show only starred papers",
         lambda: w.set_view(starred_only=not w.model.view.starred_only)),
        ("view.note-pane", "View", "Note Pane", "Ctrl+Shift+N", "Show or hide the note pane",
         lambda: toggle_note_pane(w)),
        ("view.zoom-in", "View", "Larger Text", ["Ctrl+=", "Ctrl++"], "Zoom the viewer in",
         lambda: zoom(w, 1)),
        ("view.zoom-out", "View", "Smaller Text", "Ctrl+-", "Zoom the viewer out",
         lambda: zoom(w, -1)),
        ("view.zoom-reset", "View", "Normal Text Size", "Ctrl+0", "Reset the viewer's zoom",
         lambda: zoom(w, 0)),
        ("view.collapse", "View", "Collapse All", "Shift+C", "Fold every topic",
         lambda: w.view.collapseAll()),
        ("view.auto-fetch", "View", "Download Screenshots Automatically", [],
         "After indexing, fetch missing screenshots in the background",
         lambda: toggle_auto_fetch(w)),

        ("go.next-paper", "Go", "Next Paper", "J", "Next paper, across posts and topics",
         lambda: step_paper(w, True)),
        ("go.prev-paper", "Go", "Previous Paper", "K", "Previous paper",
         lambda: step_paper(w, False)),
        ("go.next-post", "Go", "Next Post", "Shift+J", "Next post", lambda: step_post(w, True)),
        ("go.prev-post", "Go", "Previous Post", "Shift+K", "Previous post",
         lambda: step_post(w, False)),
        ("go.next-unread", "Go", "Next Unread", "N", "Next unread paper (wraps around)",
         lambda: step_paper(w, True, unread=True)),
        ("go.prev-unread", "Go", "Previous Unread", "P", "Previous unread paper",
         lambda: step_paper(w, False, unread=True)),
        ("go.page-down", "Go", "Page Down", "Space",
         "Scroll the viewer; at the bottom, go to the next unread paper", lambda: page(w, True)),
        ("go.page-up", "Go", "Page Up", "Shift+Space", "Scroll the viewer up",
         lambda: page(w, False)),
        ("go.list", "Go", "Back to the List", [], "Put the keyboard focus on the tree",
         w.focus_tree),

        ("paper.toggle-read", "Paper", "Toggle Read", "M", "Mark read / unread",
         lambda: toggle(w, "read")),
        ("paper.toggle-star", "Paper", "Toggle Star", "S", "Star / unstar",
         lambda: toggle(w, "starred")),
        ("paper.mark-post-read", "Paper", "Mark Post Read", "Shift+A",
         "Mark every paper of the current post read", lambda: mark_post_read(w)),
        ("paper.open-abstract", "Paper", "Open Abstract Page", "O",
         "Open the arXiv abstract page in the browser", lambda: open_paper_link(w, False)),
        ("paper.open-pdf", "Paper", "Open PDF", "Shift+O", "Open the PDF in the browser",
         lambda: open_paper_link(w, True)),
        ("paper.copy-bibtex", "Paper", "Copy BibTeX Entry", "Y",
         "Copy the current paper's BibTeX entry to the clipboard", lambda: copy_bibtex(w)),
        ("paper.fetch-screenshots", "Paper", "Fetch Screenshots of This Post", "Shift+F",
         "Download this post's screenshots now (failed ones too)",
         lambda: fetch_post_screenshots(w)),

        ("help.keys", "Help", "Keyboard Shortcuts", ["?", "F1"],
         "List every command and its keys", lambda: show_keys(w)),
        ("help.problems", "Help", "Library Problems…", [],
         "Posts that could not be read, and why", lambda: show_problems(w)),
        ("help.about", "Help", "About readerapp", [], "Version and folders",
         lambda: show_about(w)),
    ]
    # fmt: on
    checkable = {"view.unread-only", "view.starred-only", "view.note-pane", "view.auto-fetch"}
    for name, menu, title, keys, description, handler in table:
        r.add(name, title, keys, description, menu, handler, checkable=name in checkable)
    for name, title in (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark")):
        r.add(f"view.theme-{name}", title, [], f"Theme: {title.lower()}", "View",
              lambda n=name: w.set_theme(n), checkable=True, submenu="Theme")  # fmt: skip
    marks = (("immediately", "Immediately"), ("delay", "After a Few Seconds"), ("never", "Never"))
    for mode, title in marks:
        r.add(f"view.mark-read-{mode}", title, [], f"Mark papers read when opened: {title}",
              "View", lambda m=mode: set_mark_read(w, m), checkable=True,
              submenu="Mark Read When Opened")  # fmt: skip
    for number in range(1, 10):
        r.add(f"paper.screenshot-{number}", f"Screenshot {number}", str(number),
              f"Open screenshot {number} large", "Paper",
              lambda n=number: open_screenshot(w, n), submenu="Screenshots")  # fmt: skip
    return r
