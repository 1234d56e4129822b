"""그림이 읽는 노드의 약속(protocol): ``Value``가 아닌 노드도 그릴 수 있게.

``draw_graph``, ``backward_steps``, ``explore``는 이 패키지의 ``Value`` 말고도
**micrograd 모양의 노드**라면 무엇이든 받습니다. 노드가 가져야 할 것은 이것뿐입니다.

==============  ==============================================================
속성             뜻
==============  ==============================================================
``data``        순전파 값 (숫자)
``grad``        기울기 (숫자, 역전파 전에는 0)
``_prev``       입력 노드들: 튜플, 리스트, 집합(set) 무엇이든. ``inputs``라는 이름도 됩니다.
                잎(leaf) 노드는 비어 있습니다.
``_op``         그 노드를 만든 연산의 이름: ``"+"``, ``"*"``, ``"**2"``, ``"tanh"``, ``"ReLU"`` …
                (``op``라는 이름도 됩니다. 잎 노드는 ``""``. 없어도 됩니다)
``label``       이름표 (없어도 됩니다)
``_local``      입력마다 국소 미분(local derivative) (없어도 됩니다)
==============  ==============================================================

노트북 04에서 손으로 만든 ``MyValue``와 karpathy의 micrograd ``Value``가 이 약속을 지킵니다.
국소 미분을 기록하지 않은 노드(micrograd는 ``_backward`` 함수만 가짐)는 연산 표(``ops.py``)의
규칙으로 국소 미분을 구합니다. 연산 표에 없는 연산이면 국소 미분은 NaN으로 둡니다
(그림의 값과 노드에 저장된 ``grad``는 그대로 보입니다).

``as_graph(root)``는 그런 그래프를 같은 모양의 ``Value`` 그래프로 옮깁니다: 값, 기울기,
이름표, 연산, 입력의 순서가 그대로입니다. 원래 노드는 건드리지 않습니다.
"""

from __future__ import annotations

import math
from typing import Any

from micrograd_kr.engine import Value, make_node
from micrograd_kr.floats import to_float
from micrograd_kr.ops import lookup, op_key

__all__ = ["as_graph", "is_node"]

# 다른 엔진이 쓰는 연산 이름 → 연산 표의 이름
_ALIASES = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "Exp": "exp", "Log": "log"}


def is_node(obj: Any) -> bool:
    """micrograd 모양의 노드인가: ``data``, ``grad``, 입력(``_prev`` 또는 ``inputs``)."""
    return (
        hasattr(obj, "data")
        and hasattr(obj, "grad")
        and (hasattr(obj, "_prev") or hasattr(obj, "inputs"))
    )


def as_graph(root: Any, who: str = "draw_graph") -> Value:
    """``root`` 까지의 그래프를 ``Value`` 그래프로 (``Value``이면 그대로) 돌려줍니다."""
    if isinstance(root, Value):
        return root
    if not is_node(root):
        raise TypeError(
            f"{who}에는 계산 그래프의 노드를 넘겨 주세요: Value, 또는 data·grad·_prev(입력들)를 "
            f"가진 노드. 받은 값: {_short(root)} (자료형 {type(root).__name__})"
        )
    made: dict[int, Value] = {}
    for node in _order(root):
        made[id(node)] = _copy(node, tuple(made[id(c)] for c in _inputs(node)))
    return made[id(root)]


def _inputs(node: Any) -> tuple[Any, ...]:
    prev = node.inputs if hasattr(node, "inputs") else node._prev
    if isinstance(prev, (set, frozenset)):  # 집합은 순서가 없다: 만든 순서가 아니라 id 순서로
        return tuple(sorted(prev, key=id))
    return tuple(prev or ())


def _order(root: Any) -> list[Any]:
    """입력이 먼저 오는 순서 (명시적 스택: 깊은 그래프도 재귀 한도에 걸리지 않음)."""
    order: list[Any] = []
    seen: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        if not is_node(node):
            raise TypeError(
                f"그래프 안에 노드가 아닌 입력이 있습니다: {_short(node)} "
                f"(자료형 {type(node).__name__}). 입력(_prev)에는 노드만 넣으세요."
            )
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_inputs(node)) if id(c) not in seen)
    return order


def _copy(node: Any, inputs: tuple[Value, ...]) -> Value:
    data = to_float(node.data, "노드의 data")
    op = str(getattr(node, "op", getattr(node, "_op", "")) or "")
    op = _ALIASES.get(op, op)
    if inputs and not op:
        op = "?"
    arg = _number_arg(op)
    local = getattr(node, "local_grads", getattr(node, "_local", None))
    if local is None or len(local) != len(inputs):
        local = _table_local(op, [c.data for c in inputs], data, arg)
    out = make_node(data, inputs, tuple(to_float(x, "국소 미분") for x in local), op, arg)
    out.grad = to_float(node.grad, "노드의 grad")
    label = getattr(node, "label", "")
    out.label = "" if label is None else str(label)
    return out


def _number_arg(op: str) -> float | None:
    """숫자 지수 ``"**2"``의 2 (다른 연산은 None)."""
    if op_key(op) == "**k":
        try:
            return float(op[2:])
        except ValueError:
            return None
    return None


def _table_local(op: str, xs: list[float], out: float, arg: Any) -> tuple[float, ...]:
    rule = lookup(op)
    if rule is None or (rule.name == "**k" and arg is None):
        return (math.nan,) * len(xs)
    try:
        return tuple(rule.local(xs, out, arg))
    except (ArithmeticError, ValueError, IndexError, TypeError):
        return (math.nan,) * len(xs)


def _short(obj: Any) -> str:
    try:
        text = repr(obj)
    except Exception:
        return f"<{type(obj).__name__}>"
    return text if len(text) <= 80 else text[:80] + "…"
