"""채점기가 쓰는 작은 계산 그래프: 학습자의 위상 정렬과 역전파를 시험할 식들.

노드는 micrograd 모양(``data``, ``grad``, ``_prev``, ``_local``, ``_op``, ``label``)이라서
학습자가 ``Value``나 ``MyValue``에 쓴 코드가 그대로 돕니다. 패키지의 ``Value.backward``는
이 노드를 받지 않으므로, 역전파를 직접 썼는지도 저절로 가려집니다.

식마다 **길이가 다른 두 길**로 닿는 노드를 넣었습니다 (예: ``c + 2·c``). 너비 우선(breadth-first)
순서는 이런 노드를, 받은 기울기가 다 모이기 전에 처리해서 틀린 기울기를 냅니다.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Log:
    """한 그래프에서 답이 한 일: ``grad``에 쓴 (노드, 값)들, ``_local``을 읽었는가."""

    writes: list[tuple[Any, Any]] = field(default_factory=list)
    read_local: bool = False

    def seeded(self, root: Any) -> bool:
        """출력의 기울기를 0이 아닌 값(보통 1)으로 둔 적이 있는가."""
        return any(node is root and value != 0 for node, value in self.writes)

    def zeroed_after_use(self, prefer: Any = None) -> Any:
        """0이 아닌 기울기를 받았다가 나중에 0으로 지워진 노드 (없으면 None).

        ``prefer``가 그런 노드이면 그것을, 아니면 잎을, 아니면 처음 지워진 노드를 고른다.
        """
        got: set[int] = set()
        wiped = []
        for node, value in self.writes:
            if value != 0:
                got.add(id(node))
            elif id(node) in got:
                wiped.append(node)
        if any(n is prefer for n in wiped):
            return prefer
        leaves = [n for n in wiped if not n._prev]
        return (leaves or wiped or [None])[0]


class Node:
    """채점용 노드: 값, 기울기, 입력, 입력별 국소 미분 (같음은 ``is``, 집합에 넣을 수 있음).

    :meth:`watch`로 기록을 켜면 ``grad``에 쓴 값과 ``_local``을 읽었는지를 적어 둡니다:
    "root.grad = 1을 빠뜨렸다"와 "잎의 기울기를 중간에 0으로 지웠다"를 가려내려고.
    """

    __slots__ = ("data", "label", "_prev", "_locals", "_op", "_grad", "_log")

    def __init__(
        self,
        data: float,
        label: str = "",
        _prev: tuple[Node, ...] = (),
        _local: tuple[float, ...] = (),
        _op: str = "",
    ) -> None:
        self.data = float(data)
        self.label = label
        self._prev = _prev
        self._locals = _local
        self._op = _op
        self._grad = 0.0
        self._log: Log | None = None

    @property
    def grad(self) -> Any:
        return self._grad

    @grad.setter
    def grad(self, value: Any) -> None:
        if self._log is not None:
            self._log.writes.append((self, value))
        self._grad = value

    @property
    def _local(self) -> tuple[float, ...]:
        if self._log is not None:
            self._log.read_local = True
        return self._locals

    @staticmethod
    def _wrap(other: Any) -> Node:
        return other if isinstance(other, Node) else Node(other, label=f"{other:g}")

    def __add__(self, other: Any) -> Node:
        o = Node._wrap(other)
        return Node(self.data + o.data, "", (self, o), (1.0, 1.0), "+")

    __radd__ = __add__

    def __mul__(self, other: Any) -> Node:
        o = Node._wrap(other)
        return Node(self.data * o.data, "", (self, o), (o.data, self.data), "*")

    __rmul__ = __mul__

    def __pow__(self, k: float) -> Node:
        return Node(self.data**k, "", (self,), (k * self.data ** (k - 1),), f"**{k:g}")

    def __truediv__(self, other: Any) -> Node:
        return self * Node._wrap(other) ** -1

    def __sub__(self, other: Any) -> Node:
        return self + Node._wrap(other) * -1.0

    def tanh(self) -> Node:
        t = math.tanh(self.data)
        return Node(t, "", (self,), (1.0 - t * t,), "tanh")

    def exp(self) -> Node:
        e = math.exp(self.data)
        return Node(e, "", (self,), (e,), "exp")

    def named(self, label: str) -> Node:
        self.label = label
        return self

    def __repr__(self) -> str:
        return f"노드({self.label or self._op})"


@dataclass(frozen=True)
class Case:
    """시험할 식 하나: 이름, 잎 이름들, 잎 값들, 식을 만드는 함수, 틀렸을 때의 귀띔."""

    name: str
    leaves: tuple[str, ...]
    values: tuple[float, ...]
    build: Callable[[list[Node]], Node]
    hint: str

    def graph(self) -> tuple[list[Node], Node]:
        leaves = [Node(v, label=n) for n, v in zip(self.leaves, self.values)]
        return leaves, self.build(leaves)

    def watched(self) -> tuple[list[Node], Node, Log]:
        """:meth:`graph`와 같지만 모든 노드의 ``grad`` 쓰기와 ``_local`` 읽기를 적는다."""
        leaves, root = self.graph()
        log = Log()
        for node in all_nodes(root):
            node._log = log
        return leaves, root, log

    def numeric_grads(self, h: float = 1e-6) -> list[float]:
        """잎마다 중앙 차분 (f(x+h) − f(x−h)) / 2h."""
        grads = []
        for i in range(len(self.values)):
            up = [v + (h if j == i else 0.0) for j, v in enumerate(self.values)]
            down = [v - (h if j == i else 0.0) for j, v in enumerate(self.values)]
            f_up = self.build([Node(v) for v in up]).data
            f_down = self.build([Node(v) for v in down]).data
            grads.append((f_up - f_down) / (2 * h))
        return grads


def _price(v: list[Node]) -> Node:
    return (v[0] * v[1]).named("사과 총액") * v[2]


def _twice(v: list[Node]) -> Node:
    return (v[0] + v[0]).named("y")


def _c_plus_2c(v: list[Node]) -> Node:
    c = (v[0] * v[1]).named("c")
    return (c + (c * 2.0).named("2·c")).named("y")


def _2c_plus_c(v: list[Node]) -> Node:
    c = (v[0] * v[1]).named("c")
    return ((c * 2.0).named("2·c") + c).named("y")


def _neuron(v: list[Node]) -> Node:
    x1w1 = (v[0] * v[1]).named("x1·w1")
    x2w2 = (v[2] * v[3]).named("x2·w2")
    n = ((x1w1 + x2w2).named("s") + v[4]).named("n")
    return n.tanh().named("o")


def _e_graph(v: list[Node]) -> Node:
    c = (v[0] + v[1]).named("c")
    d = (v[1] + 1.0).named("d")
    return (c * d).named("e")


def _middle_thrice(v: list[Node]) -> Node:
    c = (v[0] * v[1]).named("c")
    return ((c * c).named("c·c") + c).named("y")


ORDER_HINT = (
    "위상 정렬의 역순으로 도세요: 한 노드의 기울기가 모든 길에서 다 모인 뒤에 그 노드를 처리해야 "
    "합니다. 너비 우선(breadth-first)으로 훑으면 짧은 길과 긴 길로 닿는 노드에서 틀립니다."
)
CASES = [
    Case(
        "사과 가격 = 사과 × 개수 × 소비세",
        ("사과", "개수", "소비세"),
        (100.0, 2.0, 1.1),
        _price,
        "root.grad = 1.0으로 시작해서, 출력에서 입력 쪽으로(위상 정렬의 역순) "
        "`child.grad += local * node.grad`를 하세요.",
    ),
    Case(
        "y = a + a (같은 노드를 두 번 씀)",
        ("a",),
        (3.0,),
        _twice,
        "기울기를 `=`로 덮어쓰면 두 번째 길로 받은 기울기가 첫 번째를 지웁니다. `+=`로 더하세요.",
    ),
    Case("c = a·b일 때 y = c + 2·c", ("a", "b"), (1.5, -2.0), _c_plus_2c, ORDER_HINT),
    Case("c = a·b일 때 y = 2·c + c", ("a", "b"), (0.5, 3.0), _2c_plus_c, ORDER_HINT),
    Case(
        "e = (a + b)·(b + 1) (3장의 예)",
        ("a", "b"),
        (2.0, 1.0),
        _e_graph,
        "b는 두 길로 쓰입니다: 두 길로 받은 기울기를 더하세요.",
    ),
    Case(
        "o = tanh(x1·w1 + x2·w2 + b) (karpathy의 뉴런)",
        ("x1", "w1", "x2", "w2", "b"),
        (2.0, -3.0, 0.0, 1.0, 6.8813735870195432),
        _neuron,
        ORDER_HINT,
    ),
    Case("c = a·b일 때 y = c·c + c", ("a", "b"), (0.8, -0.6), _middle_thrice, ORDER_HINT),
]


def all_nodes(root: Any) -> list[Any]:
    """root에서 ``_prev``로 닿는 모든 노드 (한 번씩, 찾은 순서)."""
    seen: set[int] = set()
    found: list[Any] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        stack.extend(getattr(node, "_prev", ()) or ())
    return found


def breadth_first(root: Any) -> list[Any]:
    """root에서 가까운 노드부터 (너비 우선, 한 번씩): 틀린 순서를 알아보려고 채점기가 만든다."""
    order, seen, queue = [], {id(root)}, [root]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for child in getattr(node, "_prev", ()) or ():
            if id(child) not in seen:
                seen.add(id(child))
                queue.append(child)
    return order


def name_of(node: Any) -> str:
    label = getattr(node, "label", "") or getattr(node, "_op", "") or "?"
    return f"'{label}'"
