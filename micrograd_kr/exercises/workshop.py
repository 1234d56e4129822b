"""노트북 04 공방(workshop)의 준비된 풀이와, 아직 풀지 않았을 때 그 풀이로 이어 가는 도우미.

노트북 04에서 학습자가 채우는 칸 뒤의 셀들은 :func:`answer_or_solution`을 거칩니다. 학습자의
답이 채점을 통과하면 그 답을, 아니면 여기의 풀이를 돌려주므로, 아무것도 채우지 않아도
노트북은 끝까지 돕니다. 풀이는 노트북의 ``<details>``에 적힌 것과 같습니다.
"""

from __future__ import annotations

import math
from typing import Any

from micrograd_kr.exercises._registry import grade


class MyValue:
    """4.2의 ``MyValue`` 풀이: 값, 기울기, 입력(_prev), 입력별 국소 미분(_local)."""

    def __init__(
        self,
        data: float,
        label: str = "",
        _prev: tuple[Any, ...] = (),
        _local: tuple[float, ...] = (),
        _op: str = "",
    ) -> None:
        self.data = data
        self.grad = 0.0
        self.label = label
        self._prev = _prev
        self._local = _local
        self._op = _op

    def __add__(self, other: MyValue) -> MyValue:
        return MyValue(self.data + other.data, _prev=(self, other), _local=(1.0, 1.0), _op="+")

    def __mul__(self, other: MyValue) -> MyValue:
        local = (other.data, self.data)  # 서로 바꿔서
        return MyValue(self.data * other.data, _prev=(self, other), _local=local, _op="*")

    def tanh(self) -> MyValue:
        t = math.tanh(self.data)
        return MyValue(t, _prev=(self,), _local=(1 - t * t,), _op="tanh")

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"MyValue({name}data={self.data:.4g}, grad={self.grad:.4g})"


def topological_sort(root: Any) -> list[Any]:
    """4.4의 풀이: 입력을 모두 넣은 뒤에 자신을 넣는 깊이 우선 탐색."""
    order: list[Any] = []
    visited: set[int] = set()

    def visit(node: Any) -> None:
        if id(node) not in visited:
            visited.add(id(node))
            for child in node._prev:
                visit(child)
            order.append(node)

    visit(root)
    return order


def backward(root: Any) -> None:
    """4.4의 풀이: 기울기를 0으로 → root.grad = 1 → 위상 정렬의 역순으로 연쇄법칙."""
    order = topological_sort(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def neuron_call(self: Any, x: list[Any]) -> Any:
    """4.9의 ``MyNeuron.__call__`` 풀이: b + Σ wᵢxᵢ, nonlin이면 tanh."""
    act = self.b
    for wi, xi in zip(self.w, x):
        act = act + wi * xi
    return act.tanh() if self.nonlin else act


def mlp_parameters(self: Any) -> list[Any]:
    """4.9의 ``MyMLP.parameters`` 풀이: 모든 층의 매개변수를 한 목록으로."""
    return [p for layer in self.layers for p in layer.parameters()]


def train_step(model: Any, xs: list[Any], ys: list[float], lr: float) -> float:
    """4.10의 풀이: 기울기 0 → 순전파 → 손실 → 역전파 → 갱신, 손실을 돌려준다."""
    for p in model.parameters():
        p.grad = 0.0
    scores = [model(x) for x in xs]
    loss = sum((s - t) ** 2 for s, t in zip(scores, ys)) / len(ys)
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad
    return loss.data


#: 연습 문제 이름 → 풀이. (메서드 이름, 함수)는 학습자의 클래스에 그 메서드를 붙인다는 뜻
SOLUTIONS: dict[str, Any] = {
    "04-local-derivatives": MyValue,
    "04-topological-sort": topological_sort,
    "04-backward": backward,
    "04-neuron-call": ("__call__", neuron_call),
    "04-mlp-parameters": ("parameters", mlp_parameters),
    "04-train-step": train_step,
}


def answer_or_solution(name: str, answer: Any) -> Any:
    """``answer``가 연습 문제 ``name``을 통과하면 그대로, 아니면 준비된 풀이를 돌려줍니다.

    클래스의 메서드를 채우는 문제는 학습자의 클래스에 풀이 메서드를 붙여 그 클래스를 돌려줍니다.
    풀이로 바꿀 때는 한 줄로 알려 줍니다.
    """
    if name not in SOLUTIONS:
        raise ValueError(
            f"준비된 풀이가 없는 연습 문제입니다: {name!r}. 있는 것: {list(SOLUTIONS)}"
        )
    ok, _ = grade(name, answer)
    if ok is True:
        return answer
    solution = SOLUTIONS[name]
    state = "아직 답하지 않아서" if ok is None else "답이 아직 맞지 않아서"
    if isinstance(solution, tuple):
        method, function = solution
        if isinstance(answer, type):
            setattr(answer, method, function)
            print(f"ℹ️ {name}: {state} 이 아래는 {answer.__name__}.{method}에 풀이를 씁니다.")
            return answer
        raise ValueError(f"{name}에는 클래스를 넣어야 합니다.")
    print(f"ℹ️ {name}: {state} 이 아래는 준비된 풀이를 씁니다.")
    return solution
