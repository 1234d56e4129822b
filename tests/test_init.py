"""패키지 전체의 약속: 공개 이름, 아래로만 가는 import, 다른 모듈의 ``_이름`` 을 쓰지 않기."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import micrograd_kr

PACKAGE = Path(micrograd_kr.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(불러오는 모듈, 가져오는 이름들). ``if TYPE_CHECKING:`` 안의 것은 빼고."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            skip |= {id(n) for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return found


def test_public_names_keep_working():
    for name in ["Value", "no_grad", "linear", "grad", "detect_anomaly", "MLP", "Adam", "fit"]:
        assert hasattr(micrograd_kr, name), name
    assert importlib.import_module("micrograd_kr.engine").Value is micrograd_kr.Value


def test_no_module_imports_another_modules_underscore_names():
    modules = _modules()
    found = []
    for name, path in modules.items():
        for module, names in _imports(path):
            if not module.startswith("micrograd_kr"):
                continue
            private = [n for n in names if n.startswith("_") and module != name]
            private_module = any(p.startswith("_") for p in module.split(".")[1:])
            package = module.rsplit(".", 1)[0]  # 같은 꾸러미(package) 안의 _모듈은 괜찮다
            inside = package in (name, name.rsplit(".", 1)[0])
            if private or (private_module and not inside):
                found.append(f"{name} → {module}: {private or module}")
    assert not found, found


def test_imports_point_down_only():
    """모듈 사이의 import 에 고리(circle)가 없다 (함수 안의 늦은 import 도 센다)."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for module, names in _imports(path):
            submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            targets = submodules or [module]  # from 꾸러미 import 모듈: 그 모듈만 센다
            for target in targets:
                if target in modules and target != name and target != "micrograd_kr":
                    edges[name].add(target)
    edges["micrograd_kr"] = set()  # 패키지의 얼굴(__init__)은 이름을 건네기만 한다
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1 and not cycle:
                cycle.extend(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert not cycle, " → ".join(cycle)


def test_engine_imports_only_the_standard_library_and_its_neighbours():
    allowed = {"micrograd_kr", "micrograd_kr.modes", "micrograd_kr.floats"}
    for module, names in _imports(PACKAGE / "engine.py"):
        if module.startswith("micrograd_kr"):
            assert module in allowed and all(n in ("floats", "modes") or n[0] != "_" for n in names)
        else:
            assert module.split(".")[0] in sys.stdlib_module_names, module
    for neighbour in ("modes.py", "floats.py", "ops.py"):
        imported = {m for m, _ in _imports(PACKAGE / neighbour)}
        assert "micrograd_kr.engine" not in imported, neighbour


def test_engine_reads_as_a_lesson():
    """engine.py 는 300줄 안쪽이고, 연쇄법칙 반복문이 200째 줄 전에 나온다."""
    lines = (PACKAGE / "engine.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300
    loop = next(i for i, line in enumerate(lines, 1) if "child.grad += local * g" in line)
    assert loop < 200
