"""BibTeX from the window: copy the current paper's entry, export starred or shown papers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from readerapp.export.formats import bibliography
from readerapp.export.formats import entries as bibtex_entries
from readerapp.storage import write_atomic
from readerapp.ui.commands import command
from readerapp.ui.controllers import Controller


class ExportController(Controller):
    @command("paper.copy-bibtex", "Copy BibTeX Entry", "Y")
    def copy_bibtex(self) -> None:
        """Copy the current paper's BibTeX entry to the clipboard"""
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        paper = ctx.library.paper(paper_id) if paper_id else None
        if paper is None:
            ctx.flash("Select a paper first")
            return
        (entry,) = bibtex_entries([paper], pinned=ctx.store.pinned_keys())
        QGuiApplication.clipboard().setText(entry.text)
        ctx.store.pin_keys({entry.paper_id: entry.key})  # cited now: the key never changes
        ctx.flash(f"Copied the BibTeX entry {entry.key}")

    @command("file.export-starred", "Export Starred to BibTeX…", "Ctrl+E")
    def export_starred(self) -> None:
        """Write the starred papers as a .bib file"""
        self.export(starred_only=True)

    @command("file.export-shown", "Export Shown Papers to BibTeX…", "Ctrl+Shift+E")
    def export_shown(self) -> None:
        """Write the papers of the current filter or search as a .bib file"""
        self.export(starred_only=False)

    def export(self, starred_only: bool) -> None:
        ctx = self.ctx
        if starred_only:
            starred = ctx.store.ids_where("starred")
            ids = [i for i in ctx.library.paper_ids() if i in starred]
            what = "starred papers"
        else:
            # What the filter matches: not the current paper, which the tree keeps visible.
            view = replace(ctx.model.view, keep=frozenset())
            ids = ctx.tree_query.paper_ids(view)
            what = "papers shown"
        if not ids:
            ctx.flash(f"No {what} to export")
            return
        folder = Path(ctx.settings.get("export_folder") or Path.home())
        start = str(folder / ("starred.bib" if starred_only else "papers.bib"))
        path, _filter = QFileDialog.getSaveFileName(
            ctx.widget(), f"Export {len(ids)} {what} to BibTeX", start, "BibTeX (*.bib)"
        )
        if path:
            self.write(ids, Path(path))
            ctx.settings.set("export_folder", str(Path(path).parent))

    def write(self, ids: list[str], path: Path) -> None:
        ctx = self.ctx
        notes = {pid: state.note for pid, state in ctx.store.states(ids).items()}
        pinned = ctx.store.pinned_keys()
        text, keys = bibliography(ctx.library.papers(ids), notes, pinned=pinned)
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as error:
            ctx.flash(f"Could not write {path}: {error.strerror or error}", 10000)
            return
        ctx.store.pin_keys(keys)
        ctx.flash(f"Wrote {len(ids)} BibTeX entries to {path}", 8000)
