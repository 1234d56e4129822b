"""노트북 04, 08, 10의 연습 문제: 풀이는 통과하고, 틀린 답은 종류마다 걸러지는지.

풀이는 노트북의 ``<details>`` 블록에서 그대로 꺼내 실행하므로, 노트북에 적힌 풀이가 곧 시험됩니다.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from micrograd_kr.exercises import check, grade

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


def _strip_checks(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.startswith("check("))


def _workshop_namespace(results: list[bool]) -> dict[str, Any]:
    """노트북 04의 풀이 블록과 주어진 셀을 차례로 실행한 이름 공간 (check 결과를 모은다)."""
    import random

    ns: dict[str, Any] = {"math": math, "random": random}
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    blocks = _solutions("04_value_engine.ipynb")
    assert len(blocks) == 8
    exec(blocks[0], ns)  # 국소 미분
    exec(blocks[1], ns)  # 위상 정렬
    exec(blocks[2], ns)  # 역전파
    exec(_strip_checks(_code_defining("04_value_engine.ipynb", "class MyValue")), ns)  # 4.8
    exec(_strip_checks(_code_defining("04_value_engine.ipynb", "class MyNeuron")), ns)
    exec(blocks[3], ns)
    exec(_strip_checks(_code_defining("04_value_engine.ipynb", "class MyLayer")), ns)
    exec(blocks[4], ns)
    exec(blocks[5], ns)  # train_step
    exec(blocks[6], ns)  # sin
    exec(blocks[7], ns)  # sigmoid
    return ns


def _my_value_namespace() -> dict[str, Any]:
    return _workshop_namespace([])


def _run_solution(notebook: str, index: int, ns: dict[str, Any]) -> bool:
    results: list[bool] = []
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    exec(_solutions(notebook)[index], ns)
    assert len(results) == 1
    return results[0]


def test_04_solutions_from_the_notebook_pass(capsys) -> None:
    results: list[bool] = []
    _workshop_namespace(results)
    assert results == [True] * 8
    assert capsys.readouterr().out.count("○") == 8


def test_04_untouched_stubs_say_not_answered(capsys) -> None:
    """노트북의 △ 칸을 그대로 두면 여덟 문제 모두 같은 '아직 답하지 않았습니다'."""
    import random

    ns: dict[str, Any] = {"math": math, "random": random, "MyValue": None}
    results: list[bool] = []
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    code = [
        "".join(c["source"]) for c in _cells("04_value_engine.ipynb") if c["cell_type"] == "code"
    ]
    stubs = [c for c in code if "△" in c]
    assert len(stubs) == 8
    from micrograd_kr.exercises import workshop

    ns["topological_sort"] = workshop.topological_sort
    for source in stubs:
        if source.startswith("class MyNeuron"):
            exec(_code_defining("04_value_engine.ipynb", "class MyValue"), ns)
        exec(source, ns)
        ns["topological_sort"] = workshop.topological_sort  # 노트북의 answer_or_solution 처럼
    assert results == [False] * 8
    out = capsys.readouterr().out
    assert out.count("△ 아직 답하지 않았습니다") == 8, out


def test_04_fallback_lets_the_notebook_go_on(capsys) -> None:
    from micrograd_kr.exercises import answer_or_solution, workshop

    assert answer_or_solution("04-topological-sort", lambda root: None) is workshop.topological_sort
    assert "아직 답하지 않아서" in capsys.readouterr().out
    assert answer_or_solution("04-backward", workshop.backward) is workshop.backward
    ns = _my_value_namespace()

    class Stub(ns["MyNeuron"]):
        def __call__(self, x):
            return None

    assert answer_or_solution("04-neuron-call", Stub) is Stub
    assert Stub.__call__ is workshop.neuron_call


# ---------------------------------------------------------------- 04 표 시험
def _local_class(add=(1.0, 1.0), mul=None, tanh=None) -> type:
    """국소 미분만 바꿔 끼운 MyValue. mul/tanh 는 (self, other) → 튜플, t, x → 튜플."""
    from micrograd_kr.exercises.workshop import MyValue as Ref

    class V(Ref):
        def __add__(self, other):
            return V(self.data + other.data, _prev=(self, other), _local=add, _op="+")

        def __mul__(self, other):
            local = mul(self, other) if mul else (other.data, self.data)
            return V(self.data * other.data, _prev=(self, other), _local=local, _op="*")

        def tanh(self):
            t = math.tanh(self.data)
            local = tanh(t, self.data) if tanh else (1 - t * t,)
            return V(t, _prev=(self,), _local=local, _op="tanh")

    return V


LOCAL_CASES = [
    (_local_class(), True, "세 점에서 모두 맞습니다"),
    (_local_class(add=(1, 1)), True, ""),  # int 도 숫자
    (_local_class(add=[1.0, 1.0]), True, ""),  # 목록도 튜플처럼
    (_local_class(mul=lambda a, b: (np.float64(b.data), np.float64(a.data))), True, ""),
    (_local_class(tanh=lambda t, x: (1 / math.cosh(x) ** 2,)), True, ""),  # 다른 맞는 식
    (_local_class(mul=lambda a, b: (a.data, b.data)), False, "자기 값을 적었습니다"),
    (_local_class(mul=lambda a, b: (1.0, 1.0)), False, "덧셈처럼"),
    (_local_class(add=(0.0, 0.0)), False, "국소 미분은 (1, 1)"),
    (_local_class(tanh=lambda t, x: (t,)), False, "출력 t를 적었습니다"),
    (_local_class(tanh=lambda t, x: (1 - x * x,)), False, "입력 x로 1 − x²"),
    (_local_class(tanh=lambda t, x: (1 - t,)), False, "제곱을 빠뜨렸습니다"),
    (_local_class(tanh=lambda t, x: 1 - t * t), False, "튜플이어야"),
    (_local_class(add=(1.0,)), False, "국소 미분 2개가 있어야"),
    (_local_class(add=("1", "1")), False, "숫자가 아닌 것"),
    (_local_class(add=None), None, "아직 답하지 않았습니다"),
]


@pytest.mark.parametrize(("answer", "ok", "words"), LOCAL_CASES)
def test_04_local_derivatives_table(answer: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-local-derivatives", answer)
    assert got is ok and words in message, message


def _preorder(root):
    order, seen = [], set()

    def visit(v):
        if id(v) not in seen:
            seen.add(id(v))
            order.append(v)
            for c in v._prev:
                visit(c)

    visit(root)
    return order


def _no_visited(root):
    order = []

    def visit(v):
        for c in v._prev:
            visit(c)
        order.append(v)

    visit(root)
    return order


def _bfs_reversed(root):
    order, queue, seen = [], [root], {id(root)}
    while queue:
        v = queue.pop(0)
        order.append(v)
        for c in v._prev:
            if id(c) not in seen:
                seen.add(id(c))
                queue.append(c)
    return order[::-1]


def _leaves_skipped(root):
    return [n for n in _recursive_order(root) if n._prev]


def _recursive_order(root):
    from micrograd_kr.exercises.workshop import topological_sort

    return topological_sort(root)


def _iterative_order(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in node._prev)
    return tuple(order)


TOPO_CASES = [
    (_recursive_order, True, "모든 노드가 한 번씩"),
    (_iterative_order, True, ""),  # 스택으로, 튜플로 돌려줘도
    (_preorder, False, "맨 앞이 출력(root)"),
    (_no_visited, False, "번 들어 있습니다"),
    (_bfs_reversed, False, "입력 'c'보다 앞에"),
    (_leaves_skipped, False, "빠진 노드"),
    (lambda root: [], None, "아직 답하지 않았습니다"),
    (lambda root: "root", False, "목록(list)을 돌려주세요"),
]


@pytest.mark.parametrize(("answer", "ok", "words"), TOPO_CASES)
def test_04_topological_sort_table(answer: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-topological-sort", answer)
    assert got is ok and words in message, message


def _workshop_backward(root):
    from micrograd_kr.exercises.workshop import backward

    backward(root)


def _overwriting(root):
    from micrograd_kr.exercises.workshop import topological_sort

    root.grad = 1.0
    for node in reversed(topological_sort(root)):
        for child, local in zip(node._prev, node._local):
            child.grad = local * node.grad


def _not_reversed(root):
    from micrograd_kr.exercises.workshop import topological_sort

    root.grad = 1.0
    for node in topological_sort(root):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def _no_seed(root):
    from micrograd_kr.exercises.workshop import topological_sort

    for node in reversed(topological_sort(root)):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def _breadth_first(root):
    root.grad = 1.0
    queue, seen = [root], {id(root)}
    while queue:
        node = queue.pop(0)
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad
            if id(child) not in seen:
                seen.add(id(child))
                queue.append(child)


def _numpy_grads(root):
    from micrograd_kr.exercises.workshop import topological_sort

    root.grad = np.float64(1.0)
    for node in reversed(topological_sort(root)):
        for child, local in zip(node._prev, node._local):
            child.grad = child.grad + np.float64(local) * node.grad


BACKWARD_CASES = [
    (lambda root: _workshop_backward(root), True, "식 7개의 기울기가"),
    (_numpy_grads, True, ""),
    (_overwriting, False, "`=`로 덮어쓰면"),
    (_not_reversed, False, "사과 가격"),
    (_no_seed, None, "root.grad = 1.0으로 시작하세요"),
    (_breadth_first, False, "y = c + 2·c"),
    (lambda root: root.backward(), False, "직접 쓰세요"),
    (lambda root: None, None, "아직 답하지 않았습니다"),
]


@pytest.mark.parametrize(("answer", "ok", "words"), BACKWARD_CASES)
def test_04_backward_table(answer: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-backward", answer)
    assert got is ok and words in message, message


def _neuron_with(call: Any) -> type:
    ns = _my_value_namespace()
    return type("MyNeuron", (ns["MyNeuron"],), {"__call__": call})


def _neuron_sum(self, x):
    return (
        sum((wi * xi for wi, xi in zip(self.w, x)), self.b).tanh()
        if self.nonlin
        else sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
    )


def _neuron_zero_start(self, x):  # 다른 맞는 식: 0 + ... + b (__radd__)
    act = sum(wi * xi for wi, xi in zip(self.w, x)) + self.b
    return act.tanh() if self.nonlin else act


NEURON_CASES = [
    (_neuron_sum, True, "모두 맞습니다"),
    (_neuron_zero_start, True, ""),
    (
        lambda self, x: (
            sum((w * xi for w, xi in zip(self.w, x)), self.b * 0).tanh()
            if self.nonlin
            else sum((w * xi for w, xi in zip(self.w, x)), self.b * 0)
        ),
        False,
        "편향 b를 더하지",
    ),
    (lambda self, x: sum((w * xi for w, xi in zip(self.w, x)), self.b), False, "tanh를 씌우지"),
    (
        lambda self, x: sum((w * xi for w, xi in zip(self.w, x)), self.b).tanh(),
        False,
        "nonlin=False(마지막 층)",
    ),
    (
        lambda self, x: (
            math.tanh(sum(w.data * xi for w, xi in zip(self.w, x)) + self.b.data)
            if self.nonlin
            else sum(w.data * xi for w, xi in zip(self.w, x)) + self.b.data
        ),
        False,
        "MyValue를 돌려줘야",
    ),
    (lambda self, x: None, None, "아직 답하지 않았습니다"),
]


@pytest.mark.parametrize(("call", "ok", "words"), NEURON_CASES)
def test_04_neuron_call_table(call: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-neuron-call", _neuron_with(call))
    assert got is ok and words in message, message


def _mlp_with(parameters: Any) -> type:
    ns = _my_value_namespace()
    return type("MyMLP", (ns["MyMLP"],), {"parameters": parameters})


MLP_CASES = [
    (lambda self: [p for layer in self.layers for p in layer.parameters()], True, "13개"),
    (lambda self: tuple(p for layer in self.layers for p in layer.parameters()), True, ""),
    (lambda self: [layer.parameters() for layer in self.layers], False, "목록 안에 목록"),
    (lambda self: self.layers[0].parameters(), False, "2번째 층의 매개변수 4개 중 4개가 빠졌"),
    (
        lambda self: [p.data for layer in self.layers for p in layer.parameters()],
        False,
        "노드 자체를",
    ),
    (lambda self: [p for layer in self.layers for p in layer.parameters()] * 2, False, "두 번"),
    (lambda self: None, None, "아직 답하지 않았습니다"),
]


@pytest.mark.parametrize(("parameters", "ok", "words"), MLP_CASES)
def test_04_mlp_parameters_table(parameters: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-mlp-parameters", _mlp_with(parameters))
    assert got is ok and words in message, message


def _step(zero=True, sign=-1.0, mean=True, returns="data"):
    def train_step(model, xs, ys, lr):
        if zero:
            for p in model.parameters():
                p.grad = 0.0
        scores = [model(x) for x in xs]
        loss = sum((s - t) ** 2 for s, t in zip(scores, ys))
        loss = loss / len(ys) if mean else loss
        loss.backward()
        for p in model.parameters():
            p.data += sign * lr * p.grad
        return {"data": loss.data, "node": loss, "none": None}[returns]

    return train_step


STEP_CASES = [
    (_step(), True, "세 걸음 모두"),
    (_step(returns="node"), True, ""),  # 손실 노드를 돌려줘도
    (_step(zero=False), False, "p.grad = 0.0으로 지우세요"),
    (_step(sign=1.0), False, "기울기 방향으로 올라갔습니다"),
    (_step(mean=False), False, "평균 내지 않았습니다"),
    (_step(returns="none"), False, "return 하세요"),
    (lambda model, xs, ys, lr: None, None, "아직 답하지 않았습니다"),
]


@pytest.mark.parametrize(("answer", "ok", "words"), STEP_CASES)
def test_04_train_step_table(answer: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-train-step", answer)
    assert got is ok and words in message, message


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

    cases = [
        (local_is_value, "국소 미분 자리에 출력의 값"),
        (no_prev, "기울기가 0입니다"),
        (
            minus_cos,
            "x = -2.0에서 기울기가 수치 미분으로 -0.416147이어야 하는데 0.416147이 나왔습니다",
        ),
        (cosine, "x = -2.0에서 값이 -0.909297이어야 하는데 -0.416147이 나왔습니다"),
    ]
    for method, words in cases:
        assert check("04-sin-backward", _with_method(ns, "sin", method)) is False
        out = capsys.readouterr().out
        assert "×" in out and words in out, out
    assert check("04-sin-backward", _with_method(ns, "sin", lambda self: None)) is False
    assert "△ 아직 답하지 않았습니다" in capsys.readouterr().out
    assert check("04-sin-backward", 3) is False
    assert "클래스를 넣어야 하는데 int가 들어왔습니다" in capsys.readouterr().out
    bare = type("MyValue", (ns["MyValue"],), {})
    del ns["MyValue"].sin
    assert check("04-sin-backward", bare) is False  # sin 이 아직 없는 클래스
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

    def many_nodes(self):  # 값도 기울기도 맞지만 노드 네 개
        return 1 / (1 + (-self).exp())

    def numpy_one_node(self):  # 다른 맞는 식, numpy 수
        s = np.float64(0.5) * (1 + np.tanh(0.5 * self.data))
        return MyValue(s, _prev=(self,), _local=(s * (1 - s),))

    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", local_is_value)) is False
    assert "국소 미분 자리에 출력의 값" in capsys.readouterr().out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", forgot_one_minus)) is False
    out = capsys.readouterr().out
    assert (
        "x = -3.0에서 기울기가 수치 미분으로 0.0451767이어야 하는데 0.00224921이 나왔습니다" in out
    ), out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", many_nodes)) is False
    assert "새 노드 7개로 만들어졌습니다" in capsys.readouterr().out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", numpy_one_node)) is True


# ---------------------------------------------------------------- 08
def test_08_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {}
    solutions = _solutions("08_training.ipynb")
    assert len(solutions) >= 2
    for i in range(len(solutions)):
        assert _run_solution("08_training.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○") == len(solutions)


@pytest.mark.parametrize(
    ("lr", "words"),
    [
        (1.1, "-1.2배가 됩니다: 부호가 걸음마다 바뀌며 점점 멀어집니다 (진동하며 발산)"),
        (1e20, "걸음 만에 값이 무한대로 넘쳤습니다 (발산)"),
        (1.0, "같은 거리에서 최솟값 양쪽을 오가기만 합니다 (진동, 20걸음 동안 부호가 20번 바뀜)"),
        (1, "양쪽을 오가기만"),
        (0.95, "최솟값을 넘어 양쪽을 오가며(진동) 천천히 줄어듭니다"),
        (0.01, "0.98배가 됩니다: 한쪽에서 너무 천천히 다가갑니다"),
        (-0.1, "0보다 커야 합니다"),
        (0, "0보다 커야 합니다"),
        (math.nan, "학습률은 유한해야 합니다"),
        (math.inf, "학습률은 유한해야 합니다"),
        ("0.1", "글자 '0.1'이 들어왔습니다. 숫자는 따옴표 없이"),
        (b"0.1", "글자 b'0.1'이 들어왔습니다"),
        (True, "True가 들어왔습니다. True/False는 숫자로 치지 않습니다"),
        ([0.4], "학습률을 넣어야 하는데 list가 들어왔습니다"),
    ],
)
def test_08_learning_rate_wrong_answers(lr: Any, words: str, capsys) -> None:
    assert check("08-learning-rate", lr) is False
    out = capsys.readouterr().out
    assert words in out, out


@pytest.mark.parametrize("lr", [0.5, 0.3, np.float64(0.4), np.float32(0.5), 1 / 2])
def test_08_learning_rate_equivalent_answers_pass(lr: Any) -> None:
    assert grade("08-learning-rate", lr)[0] is True


def test_08_learning_rate_boundary_follows_the_hand_formula(capsys) -> None:
    # 거리 = 5·|1 − 2·lr|²⁰ ≤ 0.05  ⇔  |1 − 2·lr| ≤ 0.01^(1/20) ≈ 0.7943
    edge = (1 - 0.01 ** (1 / 20)) / 2
    assert check("08-learning-rate", edge * 1.01) is True
    assert check("08-learning-rate", edge * 0.99) is False
    assert check("08-learning-rate", 1 - edge * 1.01) is True
    assert check("08-learning-rate", 1 - edge * 0.99) is False
    capsys.readouterr()


def _optimizer_step(*actions: str, returns: bool = False) -> Any:
    """08 train_step 의 변형: 손실을 구한 뒤 actions(backward, zero_grad, step)를 차례로."""

    def train_step(model, optimizer, xs, ys):
        from micrograd_kr import mse

        loss = mse([model(x) for x in xs], ys)
        for action in actions:
            loss.backward() if action == "backward" else getattr(optimizer, action)()
        return loss.data if returns else None

    return train_step


def test_08_train_step_wrong_answers(capsys) -> None:
    assert check("08-train-step", _optimizer_step("backward", "step")) is False
    assert "첫 걸음은 맞지만 2번째 걸음" in capsys.readouterr().out
    assert check("08-train-step", _optimizer_step("backward", "zero_grad", "step")) is False
    assert "매개변수가 그대로입니다" in capsys.readouterr().out
    assert check("08-train-step", _optimizer_step("zero_grad", "backward", "step", "step")) is False
    assert "첫 걸음부터" in capsys.readouterr().out
    assert check("08-train-step", 0.1) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out
    assert check("08-train-step", lambda m, o, xs, ys: None) is False
    assert "△ 아직 답하지 않았습니다" in capsys.readouterr().out
    # 끝에서 지워도 다음 걸음은 0에서 시작하므로 맞다
    zero_grad_last = _optimizer_step("backward", "step", "zero_grad", returns=True)
    assert check("08-train-step", zero_grad_last) is True


# ---------------------------------------------------------------- 10
def test_10_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {"math": math}
    solutions = _solutions("10_pitfalls.ipynb")
    assert len(solutions) == 2
    for i in range(2):
        assert _run_solution("10_pitfalls.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○") == 2


def _breadth_first_backward(root):
    """위상 정렬 대신 너비 우선 순서: 기울기가 다 모이기 전에 노드를 처리한다."""
    root.grad = 1.0
    queue = [root]
    while queue:
        node = queue.pop(0)
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad
            queue.append(child)


def _stack_backward(root):
    root.grad = 1.0
    for node in reversed(_iterative_order(root)):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def _keeps_the_real_backward():
    from micrograd_kr import Value

    real = Value.backward  # 채점기가 무엇을 바꾸기 전에 진짜 역전파를 쥐어 둔다
    return lambda root: real(root)


def test_10_iterative_backward_wrong_answers(capsys) -> None:
    assert check("10-iterative-backward", _stack_backward) is True
    assert check("10-iterative-backward", _workshop_backward) is False  # 재귀(recursion)
    assert "RecursionError" in capsys.readouterr().out
    assert check("10-iterative-backward", _overwriting) is False
    out = capsys.readouterr().out
    assert "y = a + a" in out and "a의 기울기가 수치 미분으로 2여야" in out, out
    assert check("10-iterative-backward", _breadth_first_backward) is False
    out = capsys.readouterr().out
    assert "y = c + 2·c" in out and "너비 우선" in out, out
    assert check("10-iterative-backward", lambda root: root.backward()) is False
    assert "직접 쓰세요" in capsys.readouterr().out
    assert check("10-iterative-backward", _keeps_the_real_backward()) is False
    assert "오류" in capsys.readouterr().out
    assert check("10-iterative-backward", "backward") is False
    assert "함수를 넣어야 하는데 str이 들어왔습니다" in capsys.readouterr().out


def _sigmoid_np(x):
    return np.float64(0.5) * (1 + np.tanh(np.float64(x) / 2))


def test_10_stable_sigmoid_wrong_answers(capsys) -> None:
    assert check("10-stable-sigmoid", lambda x: 1 / (1 + math.exp(-x))) is False
    assert "x = -710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.exp(x) / (1 + math.exp(x))) is False
    assert "x = 710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.tanh(x)) is False
    assert "x = 0에서 σ(x)가 0.5여야 하는데 0이 나왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: str(_sigmoid_np(x))) is False
    assert "글자 '0.5'가 들어왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: None) is False
    assert "△ 아직 답하지 않았습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", 0.5) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out


def test_10_stable_sigmoid_numpy_answers_pass() -> None:
    """numpy.float64 를 돌려주는 맞는 답은 통과한다 (예전에는 numpy 의 .data 버퍼를 읽었다)."""
    assert grade("10-stable-sigmoid", _sigmoid_np)[0] is True
    assert grade("10-stable-sigmoid", lambda x: float(_sigmoid_np(x)))[0] is True
