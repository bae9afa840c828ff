"""The house's layers: which jejak packages may import which, and no import loops.

Every module under src/jejak is read with `ast` (nothing is imported), imports inside functions
included, and the graph of jejak.* modules is built from them. `from jejak.x import y` counts as
importing jejak.x, and jejak.x.y as well where that is a module; relative imports are resolved.

One kind of import is not followed when looking for loops: a module's import of its own package
(`from . import TEMPLATES` in jejak.web.pages). Python has run a package's __init__ before any
module in it, so that import can never start a half-initialised loop, and following it would make
every package whose __init__ imports one of its own modules a "loop".
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

#: Import loops known and tolerated, each as the set of modules in it. Keep this list short.
ALLOWED_CYCLES: list[frozenset[str]] = [
    # none: records and errors live in ingest/records.py, so readers and warc no longer import each other
]

#: Packages each layer must not import (the package itself or any module under it).
FORBIDDEN = {
    "jejak.store": ("jejak.provenance", "jejak.api", "jejak.web", "jejak.cli", "jejak.batch"),
    "jejak.fingerprint": ("jejak.store", "jejak.provenance", "jejak.api", "jejak.web"),
}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@lru_cache(maxsize=1)
def _modules() -> dict[str, Path]:
    """Module name -> file, for every module under src/jejak (packages by their __init__.py)."""
    out = {}
    for path in sorted((SRC / "jejak").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(name: str) -> bool:
    """A package with an __init__.py or a namespace package (a folder of modules, like jejak.eval)."""
    modules = _modules()
    return (name in modules and modules[name].name == "__init__.py") or any(
        m.startswith(name + ".") for m in modules)


def _imports_of(name: str, path: Path) -> set[str]:
    """Every jejak name that the module imports, anywhere in its body."""
    known = _modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known)
    return {n for n in found if _within(n, "jejak") and n != name}


@lru_cache(maxsize=1)
def _graph() -> dict[str, set[str]]:
    """Module -> the jejak names it imports."""
    return {name: _imports_of(name, path) for name, path in _modules().items()}


def _path(graph: dict[str, set[str]], start: str, goal: str, inside: set[str]) -> list[str]:
    """A shortest chain of imports from start to goal that stays among `inside` (breadth first)."""
    came_from: dict[str, str] = {}
    todo, seen = [start], {start}
    while todo:
        nxt = []
        for node in todo:
            for dep in sorted(graph[node] & inside):
                if dep == goal:
                    chain = [goal, node]
                    while chain[-1] != start:
                        chain.append(came_from[chain[-1]])
                    return chain[::-1]
                if dep not in seen:
                    seen.add(dep)
                    came_from[dep] = node
                    nxt.append(dep)
        todo = nxt
    return []


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components of the module graph (only edges between modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []

    def visit(root: str) -> None:
        # Iterative, so that a deep chain of imports cannot hit the recursion limit.
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, deps = work[-1]
            for dep in deps:
                if dep not in graph:
                    continue
                if dep not in index:
                    index[dep] = low[dep] = len(index)
                    stack.append(dep)
                    on_stack.add(dep)
                    work.append((dep, iter(sorted(graph[dep]))))
                    break
                if dep in on_stack:
                    low[node] = min(low[node], index[dep])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    out.append(component)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return out


def test_the_cycle_finder_on_a_made_up_graph():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d", "outside"}}
    components = sorted(sorted(c) for c in _strongly_connected(graph) if len(c) > 1)
    assert components == [["a", "b", "c"]]
    assert _path(graph, "a", "a", {"a", "b", "c"}) == ["a", "b", "c", "a"]


def test_the_graph_sees_the_modules_and_their_imports():
    graph = _graph()
    assert {"jejak.cli", "jejak.store.writer", "jejak.provenance.linker", "jejak.ingest.warc"} <= set(graph)
    assert "jejak.store" in graph["jejak.api.app"]                # from jejak.store import ... queries
    assert "jejak.store.queries" in graph["jejak.api.app"]
    assert "jejak.web" in graph["jejak.api.app"]                  # imported inside a function
    assert "jejak.web.charts" in graph["jejak.web.pages"]         # from .charts import ...
    assert "jejak.store.queries" in graph["jejak.store"]          # from . import queries
    assert "jejak.web" in graph["jejak.web.pages"]                # from . import TEMPLATES
    assert "jejak.web" not in _without_own_packages(graph)["jejak.web.pages"]
    assert "jejak.store" in _without_own_packages(graph)["jejak.api.app"]


def test_every_jejak_import_names_a_module():
    known = _modules()
    unknown = sorted(f"{name} imports {dep}" for name, deps in _graph().items() for dep in deps
                     if dep not in known and not _is_package(dep))
    assert not unknown, "imports of jejak modules that do not exist:\n" + "\n".join(unknown)


def test_layers_import_only_what_lies_below_them():
    graph = _graph()
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        for name in sorted(n for n in graph if _within(n, layer)):
            for dep in sorted(graph[name]):
                if any(_within(dep, f) for f in forbidden):
                    wrong.append(f"{name} imports {dep}")
    assert not wrong, "imports across the layers:\n" + "\n".join(wrong)


def _without_own_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph less each module's imports of the packages it sits in (see the module docstring)."""
    return {name: {dep for dep in deps if not name.startswith(dep + ".")} for name, deps in graph.items()}


def test_no_import_cycles():
    graph = _without_own_packages(_graph())
    loops = []
    for component in _strongly_connected(graph):
        if len(component) < 2 or frozenset(component) in ALLOWED_CYCLES:
            continue
        first = min(component)
        loops.append(" -> ".join(_path(graph, first, first, component)))
    assert not loops, "import cycles among jejak modules:\n" + "\n".join(sorted(loops))
