"""한 걸음씩 보는 역전파(backpropagation).

``backward_steps(root)`` 는 ``root.backward()`` 와 똑같은 계산을 하되, 노드 하나를 처리할
때마다 멈추고 그 걸음(step)을 돌려주는 생성기(generator)입니다. 노트북에서 이렇게 씁니다::

    for step in backward_steps(root):
        print(step)
        display(draw_graph(root, style="textbook", highlight=step.node))

끝까지 돌리면 모든 ``grad`` 가 ``root.backward()`` 를 부른 것과 같아집니다.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.viz.graph import format_number


@dataclass(frozen=True)
class BackwardStep:
    """역전파의 한 걸음: 노드 하나가 자기 기울기를 입력들에게 나눠 준 순간.

    - ``node``: 이번에 처리한 노드
    - ``upstream``: 상류 기울기(upstream gradient) — 이 순간의 ``node.grad``
    - ``local``: 각 입력에 대한 국소 미분(local derivative)
    - ``contributions``: (입력, 받은 몫) 목록. 받은 몫 = 국소 미분 × 상류 기울기
    """

    index: int
    node: Value
    upstream: float
    local: tuple[float, ...]
    contributions: tuple[tuple[Value, float], ...]

    def __str__(self) -> str:
        head = f"{self.index + 1}. {_name(self.node)}"
        up = format_number(self.upstream)
        if not self.contributions:
            return f"{head}: 입력이 없는 잎(leaf) 노드, 기울기 {up}"
        parts = ", ".join(
            f"{_name(child)} ← {format_number(local)} × {up} = {format_number(received)}"
            for (child, received), local in zip(self.contributions, self.local)
        )
        return f"{head} (연산 {self.node._op}): {parts}"


def backward_steps(root: Value) -> Iterator[BackwardStep]:
    """``root.backward()`` 를 한 노드씩 실행하며 걸음마다 ``BackwardStep`` 을 내어 줍니다.

    노드는 역전파가 처리하는 순서(위상 정렬의 역순)로 나오고, 잎 노드도 하나씩 나옵니다
    (그때 잎의 기울기가 다 모인 것입니다). 걸음 수는 그래프의 노드 수와 같습니다.
    """
    order = topological_order(root)
    for node in order:  # backward() 와 같이: 중간 노드는 0 에서 시작
        if node._prev:
            node.grad = 0.0
    root.grad += 1.0
    for index, node in enumerate(reversed(order)):
        upstream = node.grad
        contributions = []
        for child, local in zip(node._prev, node._local):
            received = local * upstream  # 연쇄법칙: 국소 미분 × 상류 기울기
            child.grad += received
            contributions.append((child, received))
        yield BackwardStep(index, node, upstream, node._local, tuple(contributions))


def _name(node: Value) -> str:
    return node.label or f"Value({format_number(node.data)})"
