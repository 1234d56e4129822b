"""노트북 04 공방의 채점기 표: 맞는 답의 여러 모양은 통과하고, 그럴듯하게 틀린 답은 종류마다 그
실수를 짚는 설명과 함께 떨어진다 (너비 우선 순서, 집합의 순서, 제너레이터, root.grad = 1 빠뜨리기,
잎의 기울기를 중간에 지우기, tanh를 편향 앞에, 편향 두 번, 역전파보다 먼저 갱신, 입력으로 계산한
시그모이드의 국소 미분 …).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from notebook_support import my_value_namespace

from micrograd_kr.exercises import check, grade


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


def _from_a_set(root):
    """모든 노드를 집합에 모은 뒤 그 순서대로: 집합에는 순서가 없다."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node._prev)
    return list(seen)


TOPO_CASES = [
    (_recursive_order, True, "모든 노드가 한 번씩"),
    (_iterative_order, True, ""),  # 스택으로, 튜플로 돌려줘도
    (_preorder, False, "맨 앞이 출력(root)"),
    (_no_visited, False, "번 들어 있습니다"),
    (
        _bfs_reversed,
        False,
        "입력 'c'보다 앞에 있습니다. 너비 우선(큐)으로 모은 순서를 뒤집었습니다",
    ),
    (_from_a_set, False, "순서가 달라집니다: 집합(set)에서 꺼낸 순서처럼 보입니다"),
    (_leaves_skipped, False, "빠진 노드"),
    (lambda root: [], None, "아직 답하지 않았습니다"),
    (lambda root: "root", False, "목록(list)으로 돌려주세요. 지금은 str입니다"),
    (lambda root: iter(_recursive_order(root)), False, "제너레이터(generator)는 한 번 훑으면"),
    (lambda root: (n for n in _recursive_order(root)), False, "지금은 generator입니다"),
    (lambda root: set(_recursive_order(root)), False, "집합(set)이나 사전(dict)에는 순서가"),
]


def test_04_bfs_order_no_longer_gets_the_backward_hint() -> None:
    message = grade("04-topological-sort", _bfs_reversed)[1]
    assert "기울기" not in message, message


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


def _zeroing_inside_the_loop(root):
    """노드를 처리한 뒤 그 기울기를 0으로 '정리'한다: 잎의 기울기도 지워진다."""
    from micrograd_kr.exercises.workshop import topological_sort

    root.grad = 1.0
    for node in reversed(topological_sort(root)):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad
        node.grad = 0.0


def _stub_from_the_notebook(root):
    """노트북 04의 △ 칸 그대로: 정렬하고 0으로만 둔다."""
    from micrograd_kr.exercises.workshop import topological_sort

    for node in topological_sort(root):
        node.grad = 0.0


BACKWARD_CASES = [
    (lambda root: _workshop_backward(root), True, "식 7개의 기울기가"),
    (_numpy_grads, True, ""),
    (_overwriting, False, "`=`로 덮어쓰면"),
    (_not_reversed, False, "사과 가격"),
    (_no_seed, False, "root.grad = 1.0으로 시작하지 않았습니다"),
    (_zeroing_inside_the_loop, False, "노드 '사과'가 받은 기울기를 나중에 0으로 지웠습니다"),
    (_breadth_first, False, "y = c + 2·c"),
    (lambda root: root.backward(), False, "직접 쓰세요"),
    (lambda root: None, None, "아직 답하지 않았습니다"),
    (_stub_from_the_notebook, None, "국소 미분(_local)을 읽지 않았습니다"),
]


@pytest.mark.parametrize(("answer", "ok", "words"), BACKWARD_CASES)
def test_04_backward_table(answer: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-backward", answer)
    assert got is ok and words in message, message


def _neuron_with(call: Any) -> type:
    ns = my_value_namespace()
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
    (
        lambda self, x: (
            sum((w * xi for w, xi in zip(self.w, x)), self.b) + self.b
            if not self.nonlin
            else (sum((w * xi for w, xi in zip(self.w, x)), self.b) + self.b).tanh()
        ),
        False,
        "편향 b를 두 번 더했습니다",
    ),
    (
        lambda self, x: (
            sum(w * xi for w, xi in zip(self.w, x)).tanh() + self.b
            if self.nonlin
            else sum((w * xi for w, xi in zip(self.w, x)), self.b)
        ),
        False,
        "tanh를 편향보다 먼저 씌웠습니다",
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
    ns = my_value_namespace()
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
    (
        lambda self: (p for layer in self.layers for p in layer.parameters()),
        False,
        "제너레이터(generator)는 한 번 훑으면 비어서",
    ),
]


@pytest.mark.parametrize(("parameters", "ok", "words"), MLP_CASES)
def test_04_mlp_parameters_table(parameters: Any, ok: bool | None, words: str) -> None:
    got, message = grade("04-mlp-parameters", _mlp_with(parameters))
    assert got is ok and words in message, message


def _step(zero=True, sign=-1.0, mean=True, returns="data", update_first=False, zero_late=False):
    def train_step(model, xs, ys, lr):
        if zero:
            for p in model.parameters():
                p.grad = 0.0
        scores = [model(x) for x in xs]
        loss = sum((s - t) ** 2 for s, t in zip(scores, ys))
        loss = loss / len(ys) if mean else loss
        if update_first:  # 갱신을 역전파보다 먼저: 아직 0인 기울기로 움직인다
            for p in model.parameters():
                p.data += sign * lr * p.grad
        loss.backward()
        if zero_late:  # 역전파 뒤에 지우고 갱신
            for p in model.parameters():
                p.grad = 0.0
        if not update_first:
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
    (_step(update_first=True), False, "기울기는 채워져 있는데 매개변수가 그대로입니다"),
    (_step(zero_late=True), False, "기울기도 모두 0입니다"),
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
    ns = my_value_namespace()
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
    assert check("04-sin-backward", _with_method(ns, "sin", lambda self: 0.5)) is False
    assert "sin()이 float를 돌려줬습니다. data와 backward()가 있는 MyValue여야" in (
        capsys.readouterr().out
    )
    bare = type("MyValue", (ns["MyValue"],), {})
    del ns["MyValue"].sin
    assert check("04-sin-backward", bare) is False  # sin 이 아직 없는 클래스
    assert "sin 메서드가 없습니다" in capsys.readouterr().out


def test_04_sin_overwriting_accumulation_is_caught(capsys) -> None:
    """한 점씩은 맞지만 backward 가 기울기를 덮어쓰는 클래스는 sin(x)·x 에서 걸린다."""
    ns = my_value_namespace()
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
    ns = my_value_namespace()
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

    def local_from_input(self):
        s = 1 / (1 + math.exp(-self.data))
        return MyValue(s, _prev=(self,), _local=(self.data * (1 - self.data),))

    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", local_from_input)) is False
    assert "국소 미분을 입력 x로 x(1 − x)라고 계산했습니다" in capsys.readouterr().out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", many_nodes)) is False
    assert "새 노드 7개로 만들어졌습니다" in capsys.readouterr().out
    assert check("04-sigmoid-backward", _with_method(ns, "sigmoid", numpy_one_node)) is True
