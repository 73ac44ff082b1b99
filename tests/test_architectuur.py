"""Keep the house tidy: module and function sizes, and no import circles.

These read the package's source (``ast``), they do not import it. See
``docs/architecture.md`` for the layout they protect.
"""

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "werkruimte"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 100


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str, current: str, is_package: bool, level: int) -> str:
    if level:
        base = current.split(".") if is_package else current.split(".")[:-1]
        base = base[: len(base) - (level - 1)]
        name = ".".join([*base, name] if name else base)
    return name


def _imported(module: str, path: Path) -> set[str]:
    """Every werkruimte module this module imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", module, is_package, node.level)
            # ``from werkruimte.x import y`` imports werkruimte.x.y when that is a module
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for name in names:
            # importing werkruimte.a.b means the module werkruimte.a.b (or its package)
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return targets


def test_no_module_over_800_lines():
    long = {
        m: n
        for m, p in MODULES.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_over_100_lines():
    long = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{module}.{node.name}"] = n
    assert long == {}


def test_no_import_circle():
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        for target in _imported(module, path):
            # a package importing its own submodules is how packages are built
            if target.startswith(module + ".") and path.name == "__init__.py":
                continue
            graph.add_edge(module, target)
    circles = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    assert circles == []


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("werkruimte.driedeling", {"werkruimte.regels"}),
        ("werkruimte.cli", {"werkruimte.keten"}),
    ],
)
def test_the_import_graph_sees_lazy_imports(module, expected):
    """The check above would be toothless if it missed imports inside functions."""
    if module not in MODULES:
        pytest.skip(f"{module} bestaat niet (meer)")
    assert expected <= _imported(module, MODULES[module])
