"""한 걸음씩 보는 역전파(backpropagation).

``backward_steps(root)``는 ``root.backward()``와 똑같은 계산을 하되, 노드 하나를 처리할
때마다 멈추고 그 걸음(step)을 돌려주는 생성기(generator)입니다. 노트북에서 이렇게 씁니다::

    for step in backward_steps(root):
        print(step)
        display(step.draw(style="textbook"))

끝까지 돌리면 모든 ``grad``가 ``root.backward()``를 부른 것과 같아집니다.

**한 번의 역전파만 보여 줍니다.** 잎(leaf) 노드의 ``grad``는 ``backward()``를 부를 때마다
쌓입니다(누적). 그래서 이미 ``backward()``를 부른 그래프에서 ``grad``를 그대로 읽으면, 이번에
흘러 들어온 기울기(예: 2와 3)와 ``grad`` (예: 앞선 5 + 이번 5 = 10)가 맞지 않습니다. 걸음의 글과
그림은 노드의 ``grad``를 읽지 않고, 출력에서 기울기 1로 시작하는 **새 기울기 표(gradient
table)**를 씁니다. 걸음의 ``upstream``, ``contributions``, ``received``와 그림의 모든 빨간 숫자는
이 표에서 나오므로, 그래프가 전에 몇 번 역전파되었든 글과 그림이 언제나 같은 숫자를 보입니다.
노드의 ``grad``는 ``backward()``처럼 걸음마다 바뀝니다(잎은 쌓이고, 중간 노드는 새로).

한 역전파의 걸음 그림들은 모두 같은 배치(layout)를 씁니다: 아직 오지 않은 기울기의 화살표와
글자리도 미리 (보이지 않게) 두고, 노드 크기를 모든 걸음의 글 중 가장 큰 것에 맞춥니다.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from micrograd_kr.engine import Value, reverse_pass, topological_order
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.viz.graph import draw_graph
from micrograd_kr.viz.labels import format_number, node_name, op_name
from micrograd_kr.viz.render import GraphPicture
from micrograd_kr.viz.view import one_pass


class _Pass:
    """한 번의 역전파 기록: 처리 순서, 이번 역전파의 기울기 표, 걸음마다의 그림 내용."""

    def __init__(self, root: Value) -> None:
        self.root = root
        self.order = topological_order(root)
        self.grads = one_pass(self.order)  # 노드의 grad 와 상관없는 새 기울기 표
        self._frames: list[tuple[set[Value], dict[Value, float]]] | None = None

    @property
    def frames(self) -> list[tuple[set[Value], dict[Value, float]]]:
        """걸음마다 (이미 보낸 노드들, 받은 기울기 합). 그릴 때 처음 한 번만 계산."""
        if self._frames is None:
            frames = []
            grads = dict.fromkeys(self.order, 0.0)
            grads[self.root] = 1.0
            sent: set[Value] = set()
            for node in reversed(self.order):
                reverse_pass([node], grads)  # 역전파의 한 걸음
                sent = sent | {node}
                frames.append((sent, dict(grads)))
            self._frames = frames
        return self._frames


@dataclass(frozen=True)
class BackwardStep:
    """역전파의 한 걸음: 노드 하나가 자기 기울기를 입력들에게 나눠 준 순간.

    - ``node``: 이번에 처리한 노드
    - ``upstream``: 상류 기울기(upstream gradient) — 이번 역전파에서 이 노드가 받은 기울기
    - ``local``: 각 입력에 대한 국소 미분(local derivative)
    - ``contributions``: (입력, 받은 기울기) 목록. 받은 기울기 = 상류 기울기 × 국소 미분
      (연쇄법칙(chain rule); 탐험기와 같은 순서로 씁니다)
    - ``received``: 이 걸음까지 이번 역전파에서 노드마다 받은 기울기의 합
    """

    index: int
    node: Value
    upstream: float
    local: tuple[float, ...]
    contributions: tuple[tuple[Value, float], ...]
    _pass: _Pass = field(repr=False, compare=False)

    @property
    def root(self) -> Value:
        """이 역전파를 시작한 출력 노드."""
        return self._pass.root

    @property
    def total(self) -> int:
        """이 역전파의 걸음 수 (그래프의 노드 수)."""
        return len(self._pass.order)

    @property
    def received(self) -> dict[Value, float]:
        return self._pass.frames[self.index][1]

    def frames(self) -> list[tuple[set[Value], dict[Value, float]]]:
        """이 역전파의 모든 걸음의 (보낸 노드들, 받은 기울기) — 그림의 배치를 맞추는 데 씀."""
        return self._pass.frames

    def draw(self, style: str = "textbook", rankdir: str = "LR") -> GraphPicture:
        """이 걸음의 그림. ``draw_graph(step.root, style, highlight=step)``과 같습니다."""
        return draw_graph(self.root, style=style, rankdir=rankdir, max_nodes=None, highlight=self)

    def __str__(self) -> str:
        head = f"{self.index + 1}/{self.total}. {node_name(self.node)}"
        up = format_number(self.upstream)
        if not self.contributions:
            return f"{head}: 입력이 없는 잎(leaf) 노드, 이번 역전파의 기울기 {up}"
        parts = ", ".join(
            f"{node_name(child)} ← {_factor(up)} × {_factor(format_number(local))} = "
            f"{format_number(received)}"
            for (child, received), local in zip(self.contributions, self.local)
        )
        return f"{head} (연산 {op_name(self.node)}): {parts}"


def _factor(text: str) -> str:
    """곱셈의 인수로 쓸 숫자 글: 음수는 괄호로 감쌉니다 ("1 × (-1)", "1 × -1"이 아니라)."""
    return f"({text})" if text.startswith(("-", "\u2212")) else text


def backward_steps(root: Value) -> Iterator[BackwardStep]:
    """``root.backward()``를 한 노드씩 실행하며 걸음마다 ``BackwardStep``을 내어 줍니다.

    노드는 역전파가 처리하는 순서(위상 정렬의 역순)로 나오고, 잎 노드도 하나씩 나옵니다
    (그때 잎의 기울기가 다 모인 것입니다). 걸음 수는 그래프의 노드 수와 같습니다.
    걸음의 숫자는 이번 역전파의 것뿐입니다 (모듈 설명 참고). ``Value``가 아닌 micrograd 모양의
    노드(``micrograd_kr.graph_protocol``)는 같은 모양의 ``Value`` 그래프로 옮겨 걷습니다.
    잘못된 노드(순환, 목록이 아닌 입력)는 첫 걸음을 꺼낼 때가 아니라 부를 때 바로 알립니다.
    """
    return _walk(_Pass(as_graph(root, "backward_steps")))


def _walk(record: _Pass) -> Iterator[BackwardStep]:
    root = record.root
    order = record.order
    for node in order:  # backward() 와 같이: 중간 노드는 0 에서 시작, 잎은 쌓인다
        if node.inputs:
            node.grad = 0.0
    root.grad += 1.0
    for index, node in enumerate(reversed(order)):
        upstream = record.grads[node]  # 입력으로 오는 기울기가 모두 모였다
        reverse_pass([node])  # 역전파의 한 걸음: 이 노드의 기울기를 입력들에게
        contributions = [(c, upstream * local) for c, local in zip(node.inputs, node.local_grads)]
        yield BackwardStep(index, node, upstream, node.local_grads, tuple(contributions), record)
