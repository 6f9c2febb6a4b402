"""Commands are registered once (name, default keys, description, function); the key bindings,
the menus, the `?` help and the Ctrl+K palette are all generated from this registry. A key map
file in the config folder overrides the default keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

MENUS = ("File", "Edit", "View", "Go", "Paper", "Help")
F = TypeVar("F", bound=Callable[..., object])


@dataclass
class Command:
    name: str  # stable id used by the key map file, e.g. "go.next-paper"
    title: str  # menu text
    keys: list[str]  # default key sequences (QKeySequence portable text)
    description: str
    menu: str
    handler: Callable[[], object]
    checkable: bool = False
    submenu: str = ""  # shown under Menu › Submenu (for families such as Screenshot 1-9)
    action: QAction | None = field(default=None, repr=False)

    def key_text(self) -> str:
        return ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in self.keys
        )


@dataclass(frozen=True)
class CommandSpec:
    """What `@command` records on a method; the registry binds it to its controller."""

    name: str
    title: str
    keys: tuple[str, ...]
    checkable: bool
    submenu: str


def command(
    name: str,
    title: str,
    keys: str | list[str] | tuple[str, ...] = (),
    *,
    checkable: bool = False,
    submenu: str = "",
) -> Callable[[F], F]:
    """Register a controller method as a command, next to its code (as qutebrowser's
    `cmdutils.register`): the menu is the name's prefix (`go.next-paper` → Go) and the
    description the first line of the docstring."""

    def mark(function: F) -> F:
        key_tuple = (keys,) if isinstance(keys, str) else tuple(keys)
        function.__command__ = CommandSpec(name, title, key_tuple, checkable, submenu)  # type: ignore[attr-defined]
        return function

    return mark


def _menu_of(name: str) -> str:
    return name.split(".", 1)[0].capitalize()


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0].rstrip(".") if doc and doc.strip() else ""


def _run(before: Callable[[], None], handler: Callable[[], object]) -> None:
    before()
    handler()


class CommandRegistry:
    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}

    def collect(self, owner: object) -> None:
        """Add every `@command` method of `owner`, in the order its class defines them."""
        for attribute in vars(type(owner)).values():
            spec: CommandSpec | None = getattr(attribute, "__command__", None)
            if spec is None:
                continue
            handler = attribute.__get__(owner)
            self.add(
                spec.name,
                spec.title,
                list(spec.keys),
                _first_line(attribute.__doc__),
                _menu_of(spec.name),
                handler,
                checkable=spec.checkable,
                submenu=spec.submenu,
            )

    def add(
        self,
        name: str,
        title: str,
        keys: list[str] | str,
        description: str,
        menu: str,
        handler: Callable[[], object],
        *,
        checkable: bool = False,
        submenu: str = "",
    ) -> Command:
        if name in self.commands:
            raise ValueError(f"command registered twice: {name}")
        if menu not in MENUS:
            raise ValueError(f"unknown menu {menu!r} for {name}")
        key_list = [keys] if isinstance(keys, str) else list(keys)
        keys_given = [k for k in key_list if k]
        command = Command(name, title, keys_given, description, menu, handler, checkable, submenu)
        self.commands[name] = command
        return command

    def __iter__(self):
        return iter(self.commands.values())

    def __getitem__(self, name: str) -> Command:
        return self.commands[name]

    def load_keymap(self, path: Path) -> list[str]:
        """Apply `{"command.name": "key" | ["key", ...] | null}`; return problems, never raise."""
        if not path.exists():
            return []
        try:
            overrides = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return [f"key map {path} ignored: {error}"]
        if not isinstance(overrides, dict):
            return [f"key map {path} ignored: expected a JSON object"]
        problems = []
        for name, keys in overrides.items():
            if name not in self.commands:
                problems.append(f"key map: unknown command {name!r}")
                continue
            if keys is None:
                keys = []
            if isinstance(keys, str):
                keys = [keys]
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                problems.append(f"key map: keys for {name!r} must be a string or a list")
                continue
            bad = [k for k in keys if QKeySequence(k).isEmpty()]
            if bad:
                problems.append(f"key map: cannot read {bad} for {name!r}")
                continue
            self.commands[name].keys = keys
        return problems

    def build(
        self, window: QWidget, menubar: QMenuBar, before: Callable[[], None] = lambda: None
    ) -> dict[str, QMenu]:
        """One QAction per command, added to the window (so its keys work everywhere in it,
        except where a text field takes the key) and to its menu, which shows the keys.
        `before` runs before each command (what the last key left pending is done first)."""
        menus = {title: menubar.addMenu("&" + title) for title in MENUS}
        submenus: dict[tuple[str, str], QMenu] = {}
        for command in self.commands.values():
            action = QAction(command.title, window)
            action.setObjectName(command.name)
            action.setShortcuts([QKeySequence(k) for k in command.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(command.description)
            action.setToolTip(command.description)
            action.setCheckable(command.checkable)
            action.triggered.connect(lambda _=False, c=command: _run(before, c.handler))
            window.addAction(action)
            target = menus[command.menu]
            if command.submenu:
                key = (command.menu, command.submenu)
                if key not in submenus:
                    submenus[key] = target.addMenu(command.submenu)
                target = submenus[key]
            target.addAction(action)
            command.action = action
        return menus

    def help_rows(self) -> list[tuple[str, str, str, str]]:
        """(menu, keys, title, description) for every command, in menu order."""
        order = {title: n for n, title in enumerate(MENUS)}
        rows = [(c.menu, c.key_text(), c.title, c.description) for c in self.commands.values()]
        return sorted(rows, key=lambda r: order[r[0]])


def fuzzy_score(query: str, text: str) -> int | None:
    """Subsequence match: None when the letters of `query` are not all in `text` in order;
    otherwise higher is better (consecutive letters and word starts count more)."""
    query = query.lower().strip()
    text_lower = text.lower()
    if not query:
        return 0
    score = 0
    position = 0
    previous = -2
    for char in query:
        if char == " ":
            continue
        found = text_lower.find(char, position)
        if found < 0:
            return None
        score += 1
        if found == previous + 1:
            score += 3
        if found == 0 or not text_lower[found - 1].isalnum():
            score += 2
        previous = found
        position = found + 1
    return score * 100 - len(text)
