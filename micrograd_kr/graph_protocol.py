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
from micrograd_kr.floats import short_repr, short_text, to_float
from micrograd_kr.korean import particle
from micrograd_kr.ops import lookup, op_key

__all__ = ["as_graph", "is_node"]

# 다른 엔진이 쓰는 연산 이름 → 연산 표의 이름
_ALIASES = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "Exp": "exp", "Log": "log"}


def is_node(obj: Any) -> bool:
    """micrograd 모양의 노드인가: ``data``, ``grad``, 입력(``_prev`` 또는 ``inputs``).

    읽다가 오류가 나는 속성도 "있다"로 봅니다: 그 오류는 ``as_graph``가 노드와 속성을 밝혀
    알립니다."""
    return _has(obj, "data") and _has(obj, "grad") and (_has(obj, "_prev") or _has(obj, "inputs"))


def _has(obj: Any, name: str) -> bool:
    try:
        return hasattr(obj, name)
    except Exception:  # 속성(property)이 AttributeError가 아닌 오류를 낸다: 속성은 있다
        return True


def as_graph(root: Any, who: str = "draw_graph") -> Value:
    """``root`` 까지의 그래프를 ``Value`` 그래프로 (``Value``이면 그대로) 돌려줍니다.

    노드가 아닌 것, 순환(cycle: 입력을 따라가면 자기에게 돌아옴), 목록이 아닌 입력(``_prev = 5``,
    한 번 읽으면 비는 생성기(generator)), 읽다가 오류가 나는 속성은 그 노드를 밝힌 한국어
    ``TypeError``·``ValueError``로 알립니다.
    """
    if isinstance(root, Value):
        return root
    if not is_node(root):
        raise TypeError(
            f"{who}에는 계산 그래프의 노드를 넘겨 주세요: Value, 또는 data·grad·_prev(입력들)를 "
            f"가진 노드. 받은 값: {short_repr(root)} (자료형 {type(root).__name__})"
        )
    made: dict[int, Value] = {}
    for node, inputs in _order(root, who):
        made[id(node)] = _copy(node, tuple(made[id(c)] for c in inputs), who)
    return made[id(root)]


def _read(node: Any, name: str, who: str, default: Any = None) -> Any:
    """노드의 속성 하나. 읽다가 오류가 나면 어느 노드의 어느 속성인지 밝힌 한국어 오류."""
    try:
        return getattr(node, name, default)
    except Exception as exc:
        raise ValueError(
            f"{who}: 노드 {_describe(node)}의 속성 {particle(repr(name), '을')} "
            "읽다가 오류가 났습니다 "
            f"({type(exc).__name__}: {short_text(exc, 60)}). 노드의 속성이 값을 돌려주는지 "
            "확인하세요."
        ) from None


def _inputs(node: Any, who: str) -> tuple[Any, ...]:
    """노드의 입력들. 튜플·리스트·집합만 받는다 (생성기는 한 번 읽으면 비어 입력을 잃는다)."""
    name = "inputs" if _has(node, "inputs") else "_prev"
    prev = _read(node, name, who, ())
    if prev is None:
        return ()
    if isinstance(prev, (set, frozenset)):  # 집합은 순서가 없다: 만든 순서가 아니라 id 순서로
        return tuple(sorted(prev, key=id))
    if isinstance(prev, (tuple, list)):
        return tuple(prev)
    raise TypeError(
        f"{who}: 노드 {_describe(node)}의 입력({name})이 튜플, 리스트, 집합(set)이 아닙니다: "
        f"{short_repr(prev)} (자료형 {type(prev).__name__}). 생성기(generator)나 숫자 대신 "
        f"입력 노드들의 튜플을 주세요 (예: {name} = (a, b), 잎 노드는 ())."
    )


def _order(root: Any, who: str) -> list[tuple[Any, tuple[Any, ...]]]:
    """(노드, 입력들)을 입력이 먼저 오는 순서로. 명시적 스택이라 깊은 그래프도 재귀 한도에
    걸리지 않고, 노드마다 입력을 한 번만 읽습니다. 지금 따라가는 길(path)에 있는 노드를 다시
    만나면 순환입니다."""
    order: list[tuple[Any, tuple[Any, ...]]] = []
    done: set[int] = set()
    on_path: dict[int, tuple[Any, ...]] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if expanded:
            order.append((node, on_path.pop(key)))
            done.add(key)
            continue
        if key in done:
            continue
        if key in on_path:
            raise ValueError(_cycle_message(node, who))
        if not is_node(node):
            raise TypeError(
                f"{who}: 그래프 안에 노드가 아닌 입력이 있습니다: {short_repr(node)} "
                f"(자료형 {type(node).__name__}). 입력(_prev)에는 노드만 넣으세요."
            )
        inputs = _inputs(node, who)
        on_path[key] = inputs
        stack.append((node, True))
        for child in reversed(inputs):
            if id(child) in on_path:  # 입력이 지금 길 위에 있다: 자기 자신이나 조상
                raise ValueError(_cycle_message(child, who))
            if id(child) not in done:
                stack.append((child, False))
    return order


def _cycle_message(node: Any, who: str) -> str:
    return (
        f"{who}: 노드 {_describe(node)}의 입력(_prev)을 따라가면 다시 그 노드로 돌아옵니다 "
        "(순환(cycle)). 계산 그래프는 입력에서 출력으로 한 방향이어야 합니다: 노드의 입력에 "
        "자기 자신이나 자기로 계산한 노드를 넣지 마세요."
    )


def _describe(node: Any) -> str:
    """메시지에 쓸 노드 이름: 이름표가 있으면 그것, 없으면 자료형과 값 (읽다가 오류가 나도)."""
    try:
        label = getattr(node, "label", "")
        if label:
            return f"'{short_text(label, 40)}'"
        return f"{short_text(type(node).__name__, 40)}(data={short_repr(node.data, 30)})"
    except Exception:
        return f"<{short_text(type(node).__name__, 40)} 객체>"


def _copy(node: Any, inputs: tuple[Value, ...], who: str) -> Value:
    data = to_float(_read(node, "data", who), f"{who}: 노드 {_describe(node)}의 data")
    op = _read(node, "op", who, None)
    if op is None:
        op = _read(node, "_op", who, "")
    op = str(op or "")
    op = op if len(op) <= 40 else op[:39] + "…"  # 그림의 연산 이름표는 짧게
    op = _ALIASES.get(op, op)
    if inputs and not op:
        op = "?"
    arg = _number_arg(op)
    local = _read(node, "local_grads", who, None)
    if local is None:
        local = _read(node, "_local", who, None)
    if not isinstance(local, (tuple, list)) or len(local) != len(inputs):
        local = _table_local(op, [c.data for c in inputs], data, arg)
    where = f"{who}: 노드 {_describe(node)}의"
    out = make_node(data, inputs, tuple(to_float(x, f"{where} 국소 미분") for x in local), op, arg)
    out.grad = to_float(_read(node, "grad", who), f"{where} grad")
    label = _read(node, "label", who, "")
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
