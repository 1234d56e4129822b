"""노트북 00–03의 연습 문제: 노트북의 풀이는 맞다고, 틀린 답은 종류마다 틀렸다고 채점하는지."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from micrograd_kr.exercises import EXERCISES, check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
OURS = [
    "00_introduction.ipynb",
    "01_perceptron.ipynb",
    "02_computational_graph.ipynb",
    "03_chain_rule.ipynb",
]
CHECK_CALL = re.compile(r'check\("([0-9]{2}-[a-z0-9-]+)",\s*([A-Za-z_][A-Za-z_0-9]*)\)')
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```", re.S)


def _exercises_in(notebook: str) -> list[tuple[str, str, str]]:
    """(문제 이름, check 에 넘기는 변수 이름, <details> 안의 풀이 코드) 목록."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    found = []
    for cell, after in zip(cells, cells[1:]):
        source = "".join(cell["source"])
        match = CHECK_CALL.search(source) if cell["cell_type"] == "code" else None
        solution = SOLUTION.search("".join(after["source"]))
        if match and solution:
            found.append((match.group(1), match.group(2), solution.group(1)))
    return found


ALL = [item for notebook in OURS for item in _exercises_in(notebook)]


def test_every_notebook_ends_with_at_least_two_exercises() -> None:
    for notebook in OURS:
        names = [name for name, _, _ in _exercises_in(notebook)]
        assert len(names) >= 2, notebook
        assert all(name in EXERCISES for name in names), names


@pytest.mark.parametrize("name, variable, solution", ALL, ids=[item[0] for item in ALL])
def test_notebook_solution_passes(name: str, variable: str, solution: str, capsys) -> None:
    namespace: dict = {"math": math, "check": check}
    exec(solution, namespace)
    assert check(name, namespace[variable]) is True
    assert "정답" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted({item[0] for item in ALL}))
@pytest.mark.parametrize("blank", [None, ...])
def test_blank_answer_is_not_an_error(name: str, blank, capsys) -> None:
    assert check(name, blank) is False
    assert "아직 답하지 않았습니다" in capsys.readouterr().out


def _neuron_ge(xs, ws, b):
    return 1 if sum(w * x for w, x in zip(ws, xs)) + b >= 0 else 0


def _neuron_first_two_only(xs, ws, b):
    return 1 if ws[0] * xs[0] + ws[1] * xs[1] + b > 0 else 0


WRONG = [
    # (문제, 틀린 답, 설명에 나와야 할 말)
    ("00-artificial-neuron", _neuron_ge, "가중합이 0이므로 0이"),
    ("00-artificial-neuron", _neuron_first_two_only, "xs = [2, -1, 3]"),
    ("00-artificial-neuron", 3, "함수를 넣어야"),
    ("00-mlp-params", 16, "가중치만 센 수"),
    ("00-mlp-params", 20, "20개가 아닙니다"),
    ("00-mlp-params", "스물하나", "숫자를 넣어야"),
    ("01-not-gate", (1.0, 0.5), "입력 (1,)에서 NOT는 0이어야"),
    ("01-not-gate", (-1.0, -0.5), "입력 (0,)에서 NOT는 1이어야"),
    ("01-not-gate", (1.0,), "(w, b) 모양"),
    ("01-nor-gate", (0.5, 0.5, -0.4), "입력 (0, 0)에서 NOR는 1이어야"),
    ("01-nor-gate", (-0.5, 0.5, 0.3), "입력 (0, 1)에서 NOR는 0이어야"),
    ("01-nor-gate", "NOR", "숫자 3개의 튜플"),
    ("02-mul-backward", lambda dout, x, y: (dout * x, dout * y), "입력을 바꿔 곱합니다"),
    ("02-mul-backward", lambda dout, x, y: (y, x), "dout = 1.1"),
    ("02-mul-backward", lambda dout, x, y: dout * x * y, "두 값을 튜플로"),
    ("02-tax-change", 650, "변화량 0.1을 곱해야"),
    ("02-tax-change", 71.5, "71.5원이 아닙니다"),
    ("03-chain-rule", 2.25, "z의 값"),
    ("03-chain-rule", 1, "1이 아닙니다"),
    ("03-sin-local", lambda x: -math.cos(x), "x = 0에서 국소 미분이 중앙 차분으로 1.0000이어야"),
    ("03-sin-local", math.sin, "x = 0에서"),
    ("03-sin-local", lambda x: math.cos(x) if x < 1.5 else 0.0, "x = 2에서"),
    ("03-sin-local", 0.5, "함수를 넣어야"),
]


@pytest.mark.parametrize("name, answer, feedback", WRONG, ids=[w[0] for w in WRONG])
def test_wrong_answer_is_named(name: str, answer, feedback: str, capsys) -> None:
    assert check(name, answer) is False
    out = capsys.readouterr().out
    assert "아직 아닙니다" in out and feedback in out, out


def test_every_exercise_of_ours_has_a_wrong_answer_test() -> None:
    ours = {name for name in EXERCISES if name[:2] in {"00", "01", "02", "03"}}
    assert ours == {name for name, _, _ in WRONG}
    assert ours == {name for name, _, _ in ALL}
