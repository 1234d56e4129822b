"""그림 배치(layout)에 드는 일의 어림: 몇 분씩 걸릴 그림은 그리기 전에 까닭과 함께 거절합니다.

Graphviz의 ``dot``은 여러 층(rank)을 건너뛰는 화살표마다 층마다 보이지 않는 가상 노드(virtual
node)를 하나씩 만들고, 그 모두의 자리를 네트워크 심플렉스(network simplex)로 풉니다. 그래서 일의
양은 노드 수보다 "화살표가 건너뛰는 층 수의 합"을 따라갑니다. ``a+a+…+a`` (100번)처럼 한
노드가 멀리 떨어진 연산 여러 곳에 쓰이면, 노드는 200개뿐이어도 가상 노드가 2만 개가 넘어 몇
분이 걸렸습니다.

이 파일은 두 가지로 일을 묶어 둡니다.

1. ``LAYOUT_ATTRS``: 네트워크 심플렉스의 반복 횟수(``nslimit``, ``nslimit1``: 노드 수의 배수)와
   교차 줄이기(crossing minimisation)의 반복(``mclimit``)에 한도를 두는 그래프 속성. 작은
   그림은 한도 안에서 끝나므로 그대로이고, 큰 그림은 덜 다듬어진 배치로 빨리 끝납니다.
2. ``check_layout_cost``: 가상 노드 수를 그래프 구조로 어림해, ``LAYOUT_BUDGET``을 넘으면
   그리기 전에 ``LayoutTooCostly`` (``ValueError``)로 까닭(어느 노드가 몇 곳에 쓰였는지)과 할
   일을 알립니다.
"""

from __future__ import annotations

from collections.abc import Sequence

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr

# 반복 한도: 한도 = 값 × (그림의 노드 수). 400 노드의 MLP 손실 그림도 한도 안에서 거의 다 풀린다.
LAYOUT_ATTRS = {"nslimit": "8", "nslimit1": "8", "mclimit": "0.5"}
# 어림한 가상 노드 수의 한도. 이만큼이면 dot 으로 2초 안팎 (2 코어 컴퓨터에서 잰 값).
LAYOUT_BUDGET = 10_000


class LayoutTooCostly(ValueError):
    """그림의 배치에 너무 오래 걸릴 것이라 그리지 않을 때 일어나는 오류."""


def layout_work(nodes: Sequence[Value], style: str, show_grad: bool) -> tuple[int, Value | None]:
    """가상 노드 수의 어림과, 그 가운데 가장 많은 몫을 만든 입력 노드를 돌려줍니다.

    ``nodes``는 위상 순서(topological order)의 노드들입니다. 층은 계산된 노드가 입력에서 가장
    먼 거리, 잎 노드가 자신을 쓰는 첫 연산의 바로 앞입니다 (``dot``이 화살표를 짧게 두는 자리).
    값 상자 모양은 값과 연산이 층을 하나씩 차지하고, 교과서 모양은 화살표 위의 값 글이 층을 하나
    더 차지하며, 기울기를 그리면 화살표가 둘입니다.
    """
    shown = set(nodes)
    rank: dict[Value, int] = {}
    for node in nodes:
        inputs = [child for child in node.inputs if child in shown]
        rank[node] = 1 + max((rank[c] for c in inputs), default=-1) if node.inputs else 0
    first_use: dict[Value, int] = {}
    for node in nodes:
        for child in node.inputs:
            if child in shown and not child.inputs:
                first_use[child] = min(first_use.get(child, rank[node]), rank[node])
    for leaf, use in first_use.items():
        rank[leaf] = use - 1
    per_input: dict[Value, int] = {}
    for node in nodes:
        for child in node.inputs:
            if child not in shown:
                continue
            span = rank[node] - rank[child]
            if style == "card":
                work = 2 * span - 2
            else:
                work = (2 * span - 1) * (2 if show_grad else 1)
            per_input[child] = per_input.get(child, 0) + max(work, 0)
    total = sum(per_input.values())
    worst = max(per_input, key=per_input.__getitem__, default=None)
    return total, worst


def check_layout_cost(nodes: Sequence[Value], style: str, show_grad: bool) -> None:
    """배치 일의 어림이 ``LAYOUT_BUDGET``을 넘으면 ``LayoutTooCostly``로 까닭을 알립니다."""
    work, worst = layout_work(nodes, style, show_grad)
    if work <= LAYOUT_BUDGET or worst is None:
        return
    users = [node for node in nodes for child in node.inputs if child is worst]
    name = short_repr(worst.label, 40) if worst.label else f"값 {worst.data:g}"
    card = ""
    if style != "card" and layout_work(nodes, "card", show_grad)[0] <= LAYOUT_BUDGET:
        card = " 값 상자 모양(style='card', 명령줄에서는 --style card)으로는 그릴 수 있습니다."
    if len(users) > 1 and all(node.op == "+" for node in users):  # a+a+a+a: 같은 값을 거듭 더함
        where = f"서로 멀리 떨어진 연산 {len(users)}곳에"
        advice = "같은 값을 여러 번 더하는 대신 곱하거나(예: a+a+a+a → 4*a)"
    elif len(users) > 1:  # a*b+a*c+…: 여러 항에 같은 값이 쓰임
        where = f"서로 멀리 떨어진 연산 {len(users)}곳에"
        advice = "같은 값이 쓰인 항들을 묶어 쓰이는 곳을 줄이거나(예: a*b+a*c → a*(b+c))"
    else:  # 항이 아주 많은 긴 합: 앞의 항이 먼 뒤에서 더해진다
        where = "여러 층 떨어진 연산에"
        advice = (
            "항이 아주 많은 합이라면 괄호로 나누어 더하거나(예: (x1+x2)+(x3+x4)) 항의 수를 줄이거나"
        )
    raise LayoutTooCostly(
        f"이 그래프는 배치(layout)에 몇 분이 걸릴 수 있어 그리지 않습니다: {name} 노드가 "
        f"{where} 쓰여 여러 층을 건너뛰는 긴 화살표가 많습니다 (어림한 "
        f"배치 일 {work:,} > 한도 {LAYOUT_BUDGET:,}). {advice}, 그래프를 작은 부분으로 나누어 "
        "그리세요." + card
    )
