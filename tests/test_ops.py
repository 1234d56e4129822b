"""연산 표(ops.py) 시험: 표가 엔진과, 표의 세 규칙(float, Value, 자바스크립트)이 서로 같은가.

- 엔진(engine.py, fused.py)이 ``make_node`` 로 기록하는 연산 이름은 모두 표에 있다.
- 연산마다 엔진이 기록한 국소 미분 = 표의 float 규칙 = 표의 Value 규칙(값) = 중앙 차분.
- 연산마다 표의 자바스크립트 규칙을 진짜 브라우저에서 돌린 값 = 파이썬의 값과 국소 미분.
"""

from __future__ import annotations

import ast
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from micrograd_kr import Value, topological_order
from micrograd_kr.fused import linear
from micrograd_kr.ops import OPS, js_table, lookup, op_key, symbol_of

PACKAGE = Path(__file__).resolve().parents[1] / "micrograd_kr"

# 연산마다 그 연산의 노드 하나를 만드는 법 (입력은 잎 노드들). 정의역 안의 값만 쓴다.
BUILDERS: dict[str, Callable[[list[Value]], Value]] = {
    "+": lambda v: v[0] + v[1],
    "-": lambda v: v[0] - v[1],
    "*": lambda v: v[0] * v[1],
    "/": lambda v: v[0] / (v[1] + 3.5),
    "**k": lambda v: (v[0] + 2.5) ** 1.5,
    "**": lambda v: (v[0] + 2.5) ** v[1],
    "neg": lambda v: -v[0],
    "exp": lambda v: v[0].exp(),
    "log": lambda v: (v[0] + 2.5).log(),
    "tanh": lambda v: v[0].tanh(),
    "sigmoid": lambda v: v[0].sigmoid(),
    "relu": lambda v: v[0].relu(),
    "leaky_relu": lambda v: v[0].leaky_relu(0.1),
    "elu": lambda v: v[0].elu(0.7),
    "linear": lambda v: linear(v[:2], v[2:4], v[4]),
}


def _the_node(name: str, xs: list[float]) -> tuple[Value, list[Value]]:
    """연산 ``name`` 의 노드 (그래프의 출력)와 잎들. 출력이 바로 그 연산이다."""
    leaves = [Value(x) for x in xs]
    out = BUILDERS[name](leaves)
    assert op_key(out.op) == name
    return out, leaves


def _points(seed: int = 0, n: int = 12) -> list[list[float]]:
    rng = random.Random(seed)
    points = [[rng.uniform(-2.0, 2.0) for _ in range(5)] for _ in range(n)]
    points.append([0.5, -0.5, 1.5, -1.5, 0.25])
    points.append([-0.7, 0.3, -1.1, 0.9, -0.2])  # relu 등의 음수 쪽
    return points


def _recorded_op_names(path: Path) -> set[str]:
    """파일의 make_node(...) 호출이 기록하는 연산 이름 (숫자 지수 f"**{k:g}" 는 "**k")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "make_node":
            op = node.args[3]
            if isinstance(op, ast.Constant) and op.value:
                names.add(op.value)
            elif isinstance(op, ast.JoinedStr):
                names.add("**k")
    return names


def test_every_op_the_engine_records_is_in_the_table():
    recorded = _recorded_op_names(PACKAGE / "engine.py") | _recorded_op_names(PACKAGE / "fused.py")
    assert recorded, "make_node 호출을 찾지 못했습니다"
    assert recorded <= set(OPS), recorded - set(OPS)
    assert set(BUILDERS) == set(OPS)  # 표의 모든 연산을 아래 시험들이 다룬다


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_float_rule_equals_what_the_engine_records(name):
    for xs in _points():
        out, _ = _the_node(name, xs)
        data = [c.data for c in out.inputs]
        rule = lookup(out.op).local(data, out.data, out.arg)
        assert len(rule) == len(out.local_grads)
        for got, want in zip(rule, out.local_grads):
            assert math.isclose(got, want, rel_tol=1e-15, abs_tol=1e-300), (xs, got, want)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_value_rule_has_the_same_numbers(name):
    for xs in _points(seed=1):
        out, _ = _the_node(name, xs)
        for got, want in zip(lookup(out.op).value_rule(out), out.local_grads):
            got = got.data if isinstance(got, Value) else got
            assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12), (xs, got, want)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_local_grads_match_central_differences(name):
    """국소 미분의 정의 그대로: 입력 하나를 ±h 움직였을 때 출력이 움직이는 비율."""
    h = 1e-6
    for xs in _points(seed=2, n=6):
        out, leaves = _the_node(name, xs)
        for i, leaf in enumerate(leaves):
            if leaf not in out.inputs:
                continue
            up, down = list(xs), list(xs)
            up[i] += h
            down[i] -= h
            slope = (_the_node(name, up)[0].data - _the_node(name, down)[0].data) / (2 * h)
            local = sum(g for c, g in zip(out.inputs, out.local_grads) if c is leaf)
            assert math.isclose(slope, local, rel_tol=1e-5, abs_tol=1e-6), (xs, i, slope, local)


def test_symbols_and_words_are_filled_for_every_op():
    for op in OPS.values():
        assert op.symbol and op.word and op.rule and op.formulas
        assert op.js.startswith("function (")
    assert symbol_of("*") == "×" and symbol_of("**2") == "**2" and symbol_of("my_op") == "my_op"
    assert lookup("**0.5") is OPS["**k"] and lookup("모르는 연산") is None


def test_js_rules_run_in_a_browser_and_agree_with_python(browser, tmp_path):
    """표의 자바스크립트 규칙을 페이지에 넣고 돌려서 파이썬의 값·국소 미분과 견준다."""
    cases = []
    for name in sorted(BUILDERS):
        for xs in _points(seed=3, n=4):
            out, _ = _the_node(name, xs)
            cases.append(
                {
                    "op": name,
                    "x": [c.data for c in out.inputs],
                    "arg": out.arg,
                    "out": out.data,
                    "local": list(out.local_grads),
                }
            )
    page = tmp_path / "ops.html"
    page.write_text(
        "<!DOCTYPE html><meta charset='utf-8'><script>\n"
        "function DomainError(m) { this.message = m; }\n"
        "function fmt(x) { return String(x); }\n"
        "function quoted() { return ''; }\n"
        "function checkPow() {}\n"
        f"{js_table()}\n"
        f"var CASES = {json.dumps(cases)};\n"
        "window.RESULTS = CASES.map(function (c) {"
        " var node = {prev: [0, 1]}; return OPS[c.op](c.x, c.arg, node, []); });\n"
        "</script>",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    results = browser.execute_script("return window.RESULTS;")
    assert len(results) == len(cases)
    for case, (out, local) in zip(cases, results):
        assert math.isclose(out, case["out"], rel_tol=1e-12, abs_tol=1e-15), case
        for got, want in zip(local, case["local"]):
            assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-15), case


def test_every_node_of_a_mixed_graph_has_its_table_entry():
    a, b = Value(0.3), Value(-0.4)
    root = sum((builder([a, b, a, b, a]) for builder in BUILDERS.values()), Value(0.0))
    ops_seen = {op_key(n.op) for n in topological_order(root) if n.inputs}
    assert set(BUILDERS) <= ops_seen
