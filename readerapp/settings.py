"""User settings: a small JSON file in the config folder, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from readerapp import storage
from readerapp.lighttyping import TYPE_CHECKING, NamedTuple
from readerapp.storage import write_atomic

if TYPE_CHECKING:
    from typing import Any


class Setting(NamedTuple):
    """One setting, declared once: its default, the types it may have, the values allowed."""

    default: Any
    kinds: tuple[type, ...]
    choices: tuple[Any, ...] = ()
    description: str = ""

    def accepts(self, value: Any) -> bool:
        if value is None:
            return self.default is None
        if isinstance(value, bool) and bool not in self.kinds:
            return False  # True is an int to Python, not a zoom step to us
        if not isinstance(value, self.kinds):
            return False
        return not self.choices or value in self.choices


_NUMBER = (int, float)
SETTINGS: dict[str, Setting] = {
    "library": Setting(None, (str,), description="the library folder, remembered"),
    "mark_read": Setting(
        "immediately", (str,), ("immediately", "delay", "never"), "when an opened paper is read"
    ),
    "mark_read_delay": Setting(2.0, _NUMBER, description="seconds, for mark_read = delay"),
    "theme": Setting("system", (str,), ("system", "light", "dark")),
    "zoom": Setting(0, (int,), tuple(range(-6, 17)), "viewer font steps"),
    "auto_fetch_images": Setting(True, (bool,), description="download screenshots after indexing"),
    "image_cache_limit_mb": Setting(2048, (int,), description="screenshot cache size limit"),
    "window_geometry": Setting(None, (str,), description="the window, as Qt saves it"),
    "main_splitter": Setting(None, (list,), description="tree | viewer sizes"),
    "right_splitter": Setting(None, (list,), description="viewer / note sizes"),
    "last_position": Setting(None, (dict,), description="the last paper shown"),
    "skip_seen_papers": Setting(False, (bool,), description="j/k skip a paper's later listings"),
    "export_folder": Setting(None, (str,), description="where the last BibTeX export went"),
    "sort_by_interest": Setting(False, (bool,), description="a post's papers, best first"),
    "arxiv_mirror": Setting(
        None, (str,), description="a base URL replacing https://arxiv.org for PDF downloads"
    ),
    "pdf_on_star": Setting(True, (bool,), description="download a paper's PDF when starred"),
    "pdf_cache_limit_mb": Setting(
        4096, (int,), description="PDF cache size limit (starred papers' PDFs are kept)"
    ),
    "pull_interval_hours": Setting(
        6.0, _NUMBER, description="the window pulls git sources at start when older than this"
    ),
}
DEFAULTS: dict[str, Any] = {key: setting.default for key, setting in SETTINGS.items()}


class Settings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = dict(DEFAULTS)
        self.warning = ""  # set when a damaged file was set aside
        if not path.exists():
            return
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as error:
            aside = storage.set_aside(path)
            self.warning = f"settings file was damaged ({error}); moved to {aside}, using defaults"
            return
        self._values.update(loaded)

    def get(self, key: str) -> Any:
        """The value, or the default when the file holds one of the wrong type or not allowed
        (hand-edited, or from another version)."""
        setting = SETTINGS[key]
        value = self._values.get(key, setting.default)
        return value if setting.accepts(value) else setting.default

    def set(self, key: str, value: Any) -> None:
        if not SETTINGS[key].accepts(value):
            raise ValueError(f"{value!r} is not a valid value for the setting {key}")
        if self._values.get(key) == value and self.path.exists():
            return
        self._values[key] = value
        self.save()

    def update(self, values: dict[str, Any]) -> None:
        """Set several values with one write."""
        for key, value in values.items():
            if not SETTINGS[key].accepts(value):
                raise ValueError(f"{value!r} is not a valid value for the setting {key}")
        self._values.update(values)
        self.save()

    def save(self) -> None:
        text = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True)
        write_atomic(self.path, (text + "\n").encode("utf-8"))
