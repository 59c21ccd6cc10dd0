"""The shape of the code: imports go down the layers of docs/architecture.md, no module imports itself
back through others, and no module outgrows the ~600-line guide of STYLE.md.

The layers are read from the table in ``docs/architecture.md`` so that the page and this test cannot
disagree. Every import statement counts, at module level or inside a function: a function-level import
hides a circle from Python's loader, not from the reader.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tuquan", "bench")
MAX_LINES = 600
LAYER_ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]+)\|")
APP_NAME = re.compile(r"`([a-z_]+)`")


@dataclass(frozen=True)
class Module:
    name: str
    path: Path

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    @property
    def is_test_code(self) -> bool:
        """Tests build whole worlds to test in, so they may import any layer (never in a circle)."""
        parts = self.name.split(".")
        return "tests" in parts or parts[-1] in {"conftest", "testing"} or parts[-1].endswith("_testing")

    @property
    def app(self) -> str:
        """``tuquan.schemes.services`` → ``schemes``; ``bench.cases`` → ``bench``."""
        parts = self.name.split(".")
        return parts[1] if parts[0] == "tuquan" and len(parts) > 1 else parts[0]


def source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def modules() -> dict[str, Module]:
    found = {}
    for path in source_files():
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = Module(".".join(parts), path)
    return found


def imported_names(module: Module):
    """Every dotted name an import statement of the module may refer to (``from a import b`` may mean
    the module ``a.b`` or the name ``b`` of ``a``: both are yielded, the caller keeps what exists)."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (a name resolves to the longest module it starts with)."""
    known = modules()

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, module in known.items():
        targets = {resolve(imported) for imported in imported_names(module)}
        # A package's __init__ is not a circle with its own submodules it re-exports.
        graph[name] = {t for t in targets if t and t != name and not (module.is_package and t.startswith(name + "."))}
    return graph


def layers() -> dict[str, int]:
    """App → layer number, from the table of docs/architecture.md (``| 2 | `schemes` | ... |``)."""
    table = {}
    for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        if match := LAYER_ROW.match(line):
            for app in APP_NAME.findall(match.group(2)):
                assert app not in table, f"{app} is in two layers of docs/architecture.md"
                table[app] = int(match.group(1))
    return table


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_every_app_has_one_layer():
    apps = {path.name for path in (ROOT / "tuquan").iterdir() if (path / "__init__.py").exists()} | {"bench"}
    table = layers()
    assert apps - table.keys() == set(), "apps missing from the layer table of docs/architecture.md"
    assert table.keys() - apps == set(), "docs/architecture.md names apps that do not exist"
    assert table["core"] == min(table.values()), "core is the ground"
    assert table["demo"] == table["bench"] == max(table.values()), "demo and bench sit above all"


def test_imports_go_down_the_layers():
    known, table, graph = modules(), layers(), import_graph()
    upward = sorted(
        f"{name} (layer {table[known[name].app]}) imports {target} (layer {table[known[target].app]})"
        for name, targets in graph.items()
        if not known[name].is_test_code
        for target in targets
        if table[known[target].app] > table[known[name].app]
    )
    assert upward == []


def test_core_imports_no_app():
    known, graph = modules(), import_graph()
    assert (
        sorted(
            f"{name} imports {target}"
            for name, targets in graph.items()
            if known[name].app == "core" and not known[name].is_test_code
            for target in targets
            if known[target].app != "core"
        )
        == []
    )


def test_no_import_circles():
    assert circles(import_graph()) == []


def test_no_module_over_the_size_guide():
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in source_files()}
    assert {path: lines for path, lines in sizes.items() if lines > MAX_LINES} == {}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_circle_finder_finds_circles(graph, expected):
    """The walker itself: a test that cannot fail proves nothing."""
    assert sorted(circles(graph)) == expected
