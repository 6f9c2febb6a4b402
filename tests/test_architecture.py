"""The shape of the code (issue 11): no import circle anywhere (imports for type checking and
inside functions count too), no part of the window imports the main window, no module is
over 500 lines, the core never imports the UI, and the core's records load without `typing`
(issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "readerapp"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every readerapp module `path` imports, wherever the import statement is."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                targets.add(full if full in modules else node.module)
    return {t for t in targets if t in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def test_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_window_part_imports_the_main_window() -> None:
    importers = {
        name for name, targets in _graph().items() if "readerapp.ui.main_window" in targets
    }
    assert importers <= {"readerapp.ui.app"}  # the entry point creates it; nothing else


def test_the_core_never_imports_the_ui() -> None:
    for name, targets in _graph().items():
        if not name.startswith("readerapp.ui") and name != "readerapp.cli":
            assert not any(t.startswith("readerapp.ui") for t in targets), name


def test_no_module_is_over_500_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_core_takes_its_records_from_lighttyping() -> None:
    """Records are made by readerapp.lighttyping, never by typing's NamedTuple: `typing` is 5-8 ms
    of a command's start. The window's and the text engine's modules load typing anyway."""
    exempt = ("readerapp.ui", "readerapp.library.textindex", "readerapp.render.images")
    typed = []
    for name, path in _modules().items():
        if name.startswith(exempt):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A top-level import of typing (one under `if TYPE_CHECKING:` is for mypy).
        imported = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
        for node in tree.body:
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
        if "typing" in imported:
            typed.append(name)
    assert typed == []
