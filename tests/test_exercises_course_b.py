"""노트북 04, 08, 10의 연습 문제: 풀이는 통과하고, 틀린 답은 종류마다 걸러지는지.

풀이는 노트북의 ``<details>`` 블록에서 그대로 꺼내 실행하므로, 노트북에 적힌 풀이가 곧 시험됩니다.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from micrograd_kr.exercises import EXERCISES, check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
OURS = ["04_value_engine.ipynb", "08_training.ipynb", "10_pitfalls.ipynb"]


def _cells(name: str) -> list[dict[str, Any]]:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]


def _solutions(name: str) -> list[str]:
    """노트북의 풀이 블록(<details> 안의 python 코드)들."""
    found = []
    for cell in _cells(name):
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "<details>" in text:
            found += re.findall(r"```python\n(.*?)```", text, flags=re.S)
    return found


def _code_defining(name: str, marker: str) -> str:
    """노트북에서 ``marker`` 로 시작하는 마지막 코드 셀의 소스."""
    sources = ["".join(c["source"]) for c in _cells(name) if c["cell_type"] == "code"]
    source = [s for s in sources if s.lstrip().startswith(marker)][-1]
    return "\n".join(line for line in source.splitlines() if not line.startswith("print("))


def _my_value_namespace() -> dict[str, Any]:
    """04의 topological_sort 와 (연산을 다 채운) MyValue 를 실행한 이름 공간."""
    ns: dict[str, Any] = {"math": math}
    exec(_code_defining("04_value_engine.ipynb", "def topological_sort"), ns)
    exec(_code_defining("04_value_engine.ipynb", "class MyValue"), ns)
    assert hasattr(ns["MyValue"], "backward")
    return ns


def _run_solution(notebook: str, index: int, ns: dict[str, Any]) -> bool:
    results: list[bool] = []
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    exec(_solutions(notebook)[index], ns)
    assert len(results) == 1
    return results[0]


def test_every_exercise_used_in_our_notebooks_is_registered() -> None:
    used = set()
    for name in OURS:
        for cell in _cells(name):
            used |= set(re.findall(r'check\("([^"]+)"', "".join(cell["source"])))
    assert used >= {
        "04-sin-backward",
        "04-sigmoid-backward",
        "08-learning-rate",
        "08-train-step",
        "10-iterative-backward",
        "10-stable-sigmoid",
    }
    assert used <= set(EXERCISES), used - set(EXERCISES)


@pytest.mark.parametrize(
    "name",
    [
        "04-sin-backward",
        "04-sigmoid-backward",
        "08-learning-rate",
        "08-train-step",
        "10-iterative-backward",
        "10-stable-sigmoid",
    ],
)
@pytest.mark.parametrize("blank", [None, ...])
def test_blank_answer_is_not_correct_and_does_not_raise(name: str, blank: Any, capsys) -> None:
    assert check(name, blank) is False
    assert "아직 답이 없습니다" in capsys.readouterr().out


# ---------------------------------------------------------------- 04
def test_04_solutions_from_the_notebook_pass(capsys) -> None:
    ns = _my_value_namespace()
    assert len(_solutions("04_value_engine.ipynb")) == 2
    assert _run_solution("04_value_engine.ipynb", 0, ns) is True
    assert _run_solution("04_value_engine.ipynb", 1, ns) is True
    assert capsys.readouterr().out.count("○ 정답") == 2


def _with_method(ns: dict[str, Any], name: str, method: Any) -> type:
    cls = type("MyValue", (ns["MyValue"],), {name: method})
    return cls


def test_04_sin_wrong_answers(capsys) -> None:
    ns = _my_value_namespace()
    MyValue = ns["MyValue"]

    def local_is_value(self):  # 국소 미분 자리에 sin 값을 적음
        return MyValue(math.sin(self.data), _prev=(self,), _local=(math.sin(self.data),))

    def no_prev(self):  # 입력을 기억하지 않음 → 기울기 0
        return MyValue(math.sin(self.data))

    def minus_cos(self):  # 부호가 틀림
        return MyValue(math.sin(self.data), _prev=(self,), _local=(-math.cos(self.data),))

    def cosine(self):  # 값이 틀림
        return MyValue(math.cos(self.data), _prev=(self,), _local=(-math.sin(self.data),))

    def returns_none(self):
        return None

    cases = [
        (local_is_value, "국소 미분 자리에 출력의 값"),
        (no_prev, "기울기가 0입니다"),
        (
            minus_cos,
            "x = -2.0에서 기울기가 수치 미분으로 -0.416147이어야 하는데 0.416147이 나왔습니다",
        ),
        (cosine, "x = -2.0에서 값이 -0.909297이어야 하는데 -0.416147이 나왔습니다"),
        (returns_none, "None을 돌려줬습니다"),
    ]
    for method, words in cases:
        assert check("04-sin-backward", _with_method(ns, "sin", method)) is False
        out = capsys.readouterr().out
        assert "× 아직" in out and words in out, out
    assert check("04-sin-backward", 3) is False
    assert "클래스를 넣어야 하는데 int가 들어왔습니다" in capsys.readouterr().out
    assert check("04-sin-backward", MyValue) is False  # sin 이 아직 없는 클래스
    assert "sin 메서드가 없습니다" in capsys.readouterr().out


def test_04_sin_overwriting_accumulation_is_caught(capsys) -> None:
    """한 점씩은 맞지만 backward 가 기울기를 덮어쓰는 클래스는 sin(x)·x 에서 걸린다."""
    ns = _my_value_namespace()
    MyValue = ns["MyValue"]
    topological_sort = ns["topological_sort"]

    class Overwriting(MyValue):
        def sin(self):
            return Overwriting(math.sin(self.data), _prev=(self,), _local=(math.cos(self.data),))

        def __mul__(self, other):
            return Overwriting(
                self.data * other.data, _prev=(self, other), _local=(other.data, self.data)
            )

        def backward(self):
            self.grad = 1.0
            for node in reversed(topological_sort(self)):
                for child, local in zip(node._prev, node._local):
                    child.grad = local * node.grad  # 버그: 덮어쓰기

    assert check("04-sin-backward", Overwriting) is False
    assert "더해지는지 확인하세요" in capsys.readouterr().out


def test_04_sigmoid_wrong_answers(capsys) -> None:
    ns = _my_value_namespace()
    MyValue = ns["MyValue"]

    def local_is_value(self):
        s = 1 / (1 + math.exp(-self.data))
        return MyValue(s, _prev=(self,), _local=(s,))

    def forgot_one_minus(self):
        s = 1 / (1 + math.exp(-self.data))
        return MyValue(s, _prev=(self,), _local=(s * s,))

    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", local_is_value)) is False
    assert "국소 미분 자리에 출력의 값" in capsys.readouterr().out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", forgot_one_minus)) is False
    out = capsys.readouterr().out
    assert (
        "x = -3.0에서 기울기가 수치 미분으로 0.0451767이어야 하는데 0.00224921이 나왔습니다" in out
    ), out


# ---------------------------------------------------------------- 08
def test_08_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {}
    solutions = _solutions("08_training.ipynb")
    assert len(solutions) >= 2
    for i in range(len(solutions)):
        assert _run_solution("08_training.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○ 정답") == len(solutions)


@pytest.mark.parametrize(
    ("lr", "words"),
    [
        (1.1, "-1.2배가 되어 점점 멀어집니다 (발산)"),
        (1e20, "걸음 만에 값이 무한대로 넘쳤습니다"),
        (0.01, "0.98배라서 너무 천천히"),
        (-0.1, "0보다 큰 유한한 수"),
        (math.nan, "0보다 큰 유한한 수"),
        ("0.1", "숫자(float)여야 하는데 str이 들어왔습니다"),
        (True, "숫자(float)여야 하는데 bool이 들어왔습니다"),
    ],
)
def test_08_learning_rate_wrong_answers(lr: Any, words: str, capsys) -> None:
    assert check("08-learning-rate", lr) is False
    out = capsys.readouterr().out
    assert words in out, out


def test_08_learning_rate_boundary_follows_the_hand_formula(capsys) -> None:
    # 거리 = 5·|1 − 2·lr|²⁰ ≤ 0.05  ⇔  |1 − 2·lr| ≤ 0.01^(1/20) ≈ 0.7943
    edge = (1 - 0.01 ** (1 / 20)) / 2
    assert check("08-learning-rate", edge * 1.01) is True
    assert check("08-learning-rate", edge * 0.99) is False
    assert check("08-learning-rate", 1 - edge * 1.01) is True
    assert check("08-learning-rate", 1 - edge * 0.99) is False
    capsys.readouterr()


def _step_without_zero_grad(model, optimizer, xs, ys):
    from micrograd_kr import mse

    loss = mse([model(x) for x in xs], ys)
    loss.backward()
    optimizer.step()


def _step_zero_grad_between(model, optimizer, xs, ys):
    from micrograd_kr import mse

    loss = mse([model(x) for x in xs], ys)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()


def _step_twice(model, optimizer, xs, ys):
    from micrograd_kr import mse

    loss = mse([model(x) for x in xs], ys)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    optimizer.step()


def _step_zero_grad_last(model, optimizer, xs, ys):
    from micrograd_kr import mse

    loss = mse([model(x) for x in xs], ys)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()  # 끝에서 지워도 다음 걸음은 0에서 시작하므로 맞다
    return loss.data


def test_08_train_step_wrong_answers(capsys) -> None:
    assert check("08-train-step", _step_without_zero_grad) is False
    assert "첫 걸음은 맞지만 2번째 걸음" in capsys.readouterr().out
    assert check("08-train-step", _step_zero_grad_between) is False
    assert "매개변수가 그대로입니다" in capsys.readouterr().out
    assert check("08-train-step", _step_twice) is False
    assert "첫 걸음부터" in capsys.readouterr().out
    assert check("08-train-step", 0.1) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out
    assert check("08-train-step", lambda m, o, xs, ys: None) is False
    assert "매개변수가 그대로입니다" in capsys.readouterr().out
    assert check("08-train-step", _step_zero_grad_last) is True


# ---------------------------------------------------------------- 10
def test_10_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {"math": math}
    solutions = _solutions("10_pitfalls.ipynb")
    assert len(solutions) == 2
    for i in range(2):
        assert _run_solution("10_pitfalls.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○ 정답") == 2


def _recursive_backward(root):
    order, seen = [], set()

    def visit(v):
        if v not in seen:
            seen.add(v)
            for c in v._prev:
                visit(c)
            order.append(v)

    visit(root)
    root.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def _overwriting_backward(root):
    from micrograd_kr import topological_order

    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for child, local in zip(node._prev, node._local):
            child.grad = local * node.grad


def _breadth_first_backward(root):
    """위상 정렬 대신 너비 우선 순서: 기울기가 다 모이기 전에 노드를 처리한다."""
    root.grad = 1.0
    queue = [root]
    while queue:
        node = queue.pop(0)
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad
            queue.append(child)


def test_10_iterative_backward_wrong_answers(capsys) -> None:
    assert check("10-iterative-backward", _recursive_backward) is False
    assert "RecursionError" in capsys.readouterr().out
    assert check("10-iterative-backward", _overwriting_backward) is False
    out = capsys.readouterr().out
    assert "a를 세 번 씀" in out and "a의 기울기가 수치 미분으로 1이어야" in out, out
    assert check("10-iterative-backward", _breadth_first_backward) is False
    out = capsys.readouterr().out
    assert "중간 노드 c를 세 번 씀" in out and "수치 미분으로" in out, out
    assert check("10-iterative-backward", lambda root: root.backward()) is False
    assert "직접 쓰세요" in capsys.readouterr().out
    assert check("10-iterative-backward", "backward") is False
    assert "함수를 넣어야 하는데 str이 들어왔습니다" in capsys.readouterr().out
    from micrograd_kr import Value

    y = Value(2.0) * 3  # 채점기가 잠시 바꾼 Value.backward 가 제자리로 돌아왔는지
    y.backward()
    assert y.grad == 1.0 and y._prev[0].grad == 3.0


def test_10_stable_sigmoid_wrong_answers(capsys) -> None:
    assert check("10-stable-sigmoid", lambda x: 1 / (1 + math.exp(-x))) is False
    assert "x = -710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.exp(x) / (1 + math.exp(x))) is False
    assert "x = 710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.tanh(x)) is False
    assert "x = 0에서 σ(x)가 0.5여야 하는데 0이 나왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: str(x)) is False
    assert "숫자가 아니라 str이 나왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: None) is False
    assert "x = 0에서 None이 나왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", 0.5) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.389", "7.389가"),
        ("1.0", "1.0이"),
        ("-3", "-3이"),
        ("0.5", "0.5가"),
        ("int", "int가"),
        ("str", "str이"),
        ("bool", "bool이"),
        ("MyValue", "MyValue가"),
        ("미분", "미분이"),
        ("NoneType", "NoneType이"),
    ],
)
def test_particle_follows_the_spoken_ending(text: str, expected: str) -> None:
    from micrograd_kr.exercises.from_scratch import _j

    assert _j(text, "이", "가") == expected
