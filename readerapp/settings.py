"""User settings: a small JSON file in the config folder, written atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "library": None,  # the library folder, remembered after first use
    "mark_read": "immediately",  # "immediately", "delay" or "never"
    "mark_read_delay": 2.0,  # seconds, for "delay"
    "theme": "system",  # "system", "light" or "dark"
    "zoom": 0,  # viewer font steps
    "auto_fetch_images": True,
    "image_cache_limit_mb": 2048,
}


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
            aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            with contextlib.suppress(OSError):
                path.replace(aside)
            self.warning = f"settings file was damaged ({error}); moved to {aside}, using defaults"
            return
        self._values.update(loaded)

    def get(self, key: str) -> Any:
        return self._values.get(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        if self._values.get(key) == value and self.path.exists():
            return
        self._values[key] = value
        self.save()

    def update(self, values: dict[str, Any]) -> None:
        """Set several values with one write."""
        self._values.update(values)
        self.save()

    def save(self) -> None:
        text = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True)
        write_atomic(self.path, (text + "\n").encode("utf-8"))
