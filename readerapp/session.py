"""What the command line and the window both need at start: locations, settings, the library."""

from __future__ import annotations

import os
from pathlib import Path

from readerapp.errors import UserError
from readerapp.library.library import Library, LibraryError
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.paths import Locations
from readerapp.resources import sample_library
from readerapp.settings import Settings

if TYPE_CHECKING:
    from readerapp.images.cache import ImageCache, KeepPolicy
    from readerapp.sources.registry import Sources
    from readerapp.store import StateStore


class Session:
    def __init__(self, locations: Locations, settings: Settings) -> None:
        self.locations = locations
        self.settings = settings
        self.messages: list[str] = []  # things to tell the user once
        self.libraries: list[Library] = []  # opened by this session

    @classmethod
    def start(cls, data_dir: str | os.PathLike[str] | None = None) -> Session:
        locations = Locations.resolve(data_dir)
        settings = Settings(locations.settings_path)
        session = cls(locations, settings)
        if settings.warning:
            session.messages.append(settings.warning)
        return session

    def library_root(self, explicit: str | None, *, sample_fallback: bool = False) -> Path:
        """The library folder: given (and then remembered), else remembered, else the sample."""
        if explicit:
            root = Path(explicit).expanduser()
            if not root.is_dir():
                raise UserError(f"library folder not found: {explicit}")
            root = root.resolve()
            self.settings.set("library", str(root))
            return root
        remembered = self.settings.get("library")
        if not remembered and self.locations.sources_path.exists() and self.sources().items:
            # Sources only (`readerapp source add URL` and no folder of one's own): the
            # library's own folder is an empty one, its posts are all in the sources.
            root = self.locations.data_dir / "library"
            root.mkdir(parents=True, exist_ok=True)
            return root
        if remembered:
            root = Path(remembered)
            if root.is_dir():
                return root
            if not sample_fallback:
                raise UserError(
                    f"the remembered library folder is gone: {remembered}; pass --library DIR"
                )
            self.messages.append(f"the library folder {remembered} is gone; showing the sample")
        if sample_fallback:
            return sample_library()
        raise UserError("no library configured; pass --library DIR (it is remembered)")

    def sources(self) -> Sources:
        from readerapp.sources.registry import Sources

        sources = Sources(self.locations.sources_path, self.locations.clones_dir)
        if sources.warning:
            self.messages.append(sources.warning)
        return sources

    def open_library(self, root: Path) -> Library:
        """The library folder with the sources' folders (never with the sample library)."""
        extra: tuple[tuple[str, Path], ...] = ()
        # No sources file, no sources: the registry (3 ms to load) is not needed.
        if root != sample_library().resolve() and self.locations.sources_path.exists():
            extra = self.sources().library_sources()
        try:
            library = Library(root, self.locations.index_path(root), extra)
        except LibraryError as error:
            raise UserError(str(error)) from error
        if library.note:
            self.messages.append(library.note)
        self.libraries.append(library)
        return library

    def repair_damaged_index(self) -> bool:
        """After a "malformed" error: set aside each damaged index this session opened (they
        are rebuilt when opened again). True when one was."""
        repaired = False
        for library in self.libraries:
            if library.is_damaged():
                self.messages.append(library.replace_damaged("failed the integrity check"))
                repaired = True
        self.libraries.clear()
        return repaired

    def open_store(self) -> StateStore:
        from readerapp.store import StateStore, StoreError  # not for `index` or `--version`

        try:
            store = StateStore(self.locations.state_path, self.locations.backup_dir)
        except StoreError as error:
            raise UserError(str(error)) from error
        self.messages.extend(store.messages)
        return store

    def open_image_cache(self) -> ImageCache:
        from readerapp.images.cache import ImageCache  # only the commands that show images

        return ImageCache(self.locations.images_dir)

    def open_pdf_cache(self) -> ImageCache:
        from readerapp.images.pdfs import open_cache

        return open_cache(self.locations.pdfs_dir)

    def pdf_keep_policy(self, library: Library, store: StateStore) -> KeepPolicy:
        """The PDF cache's cap (its own setting), never evicting a starred paper's PDF."""
        from readerapp.images.pdfs import keep_policy, pdf_key

        starred = library.papers(sorted(store.ids_where("starred") & set(library.paper_ids())))
        keys = [key for paper in starred if (key := pdf_key(paper))]
        return keep_policy(keys, int(self.settings.get("pdf_cache_limit_mb") or 0))

    def image_keep_policy(self, library: Library, store: StateStore) -> KeepPolicy:
        """The one rule for the screenshot cache (command line and window alike): under the
        size setting, keeping every screenshot of a starred paper."""
        starred = library.papers(sorted(store.ids_where("starred") & set(library.paper_ids())))
        keep = frozenset(url for paper in starred for url in paper.screenshots)
        limit = int(self.settings.get("image_cache_limit_mb") or 0) * 2**20
        from readerapp.images.cache import KeepPolicy

        return KeepPolicy(keep, limit)
