"""Where readerapp keeps its files (DESIGN.md, contract: `--data-dir` / READERAPP_DATA_DIR)."""

import os
from pathlib import Path

from readerapp import APP_NAME
from readerapp.lighttyping import NamedTuple

DATA_DIR_ENV = "READERAPP_DATA_DIR"


class Locations(NamedTuple):
    data_dir: Path  # precious user state (read, starred, notes) and its backups
    cache_dir: Path  # rebuildable: the library index, downloaded screenshots
    config_dir: Path  # settings and the key map

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> "Locations":
        """All three under one folder when one is given (option or environment)."""
        base = data_dir or os.environ.get(DATA_DIR_ENV)
        if base:
            root = Path(base).expanduser().absolute()
            return cls(root / "data", root / "cache", root / "config")
        import platformdirs  # ~6 ms: only when no folder is given

        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def state_path(self) -> Path:
        return self.data_dir / "state.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_path(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def keymap_path(self) -> Path:
        return self.config_dir / "keys.json"

    @property
    def sources_path(self) -> Path:
        return self.config_dir / "sources.json"

    @property
    def clones_dir(self) -> Path:
        """The git sources' clones (the posts are the user's data: not a cache to clear)."""
        return self.data_dir / "sources"

    @property
    def pdfs_dir(self) -> Path:
        return self.cache_dir / "pdfs"

    @property
    def images_dir(self) -> Path:
        return self.cache_dir / "images"

    def index_path(self, library_root: Path) -> Path:
        """One index cache per library folder."""
        try:  # CPython's own SHA-1: hashlib would load OpenSSL (~4 ms of every command)
            from _sha1 import sha1  # type: ignore[import-not-found]
        except ImportError:  # another Python
            from hashlib import sha1
        key = sha1(str(library_root.resolve()).encode("utf-8")).hexdigest()[:16]
        return self.cache_dir / "index" / f"{key}.sqlite3"
