"""값 상자 모양(card style)의 그림: 값(Value)마다 상자 하나 — 이름표, 값(파랑), 기울기(빨강).

연산은 입력 상자와 출력 상자 사이의 원입니다. 잎(leaf) 노드는 살구색, 계산된 노드는 하늘색.
값·기울기 줄의 색은 SVG를 만든 뒤 상자의 class를 보고 입힙니다 (``rendering.color_cards``).
"""

from __future__ import annotations

from graphviz import nohtml

from micrograd_kr.engine import Value
from micrograd_kr.viz.labels import dot_lines, format_number, label_lines, op_symbol
from micrograd_kr.viz.rendering import GraphPicture
from micrograd_kr.viz.theme import COMPUTED_FILL, LEAF_FILL
from micrograd_kr.viz.view import View, box_size, circle, marked


def _card_lines(view: View, node: Value, grad: float | None) -> list[str]:
    """값 상자의 줄들. ``grad``가 None이면 아직 기울기가 오지 않은 노드("기울기 ?")."""
    lines = label_lines(node.label) if node.label else []
    lines.append(f"값 {format_number(node.data)}")
    if view.show_grad:
        lines.append("기울기 ?" if grad is None else f"기울기 {format_number(grad)}")
    return lines


def _card_grad(view: View, node: Value, sent: set[Value], received: dict) -> float | None:
    """한 걸음씩 보는 그림에서 아직 기울기가 오지 않은 노드는 None (0 이라 쓰지 않음)."""
    if view.stepping and node is not view.root and not (view.parents.get(node, set()) & sent):
        return None
    return received.get(node, 0.0)


def draw_cards(g: GraphPicture, view: View) -> None:
    for node in view.shown:
        variants = [_card_lines(view, node, _card_grad(view, node, s, r)) for s, r in view.frames]
        lines = _card_lines(view, node, _card_grad(view, node, view.sent, view.received))
        g.node(
            view.ids[node],
            nohtml(dot_lines(lines)),
            shape="box",
            style="rounded,filled",
            fillcolor=COMPUTED_FILL if node.inputs else LEAF_FILL,
            # 값·기울기 줄의 색은 SVG 를 만든 뒤 이 class 를 보고 입힌다 (render.color_cards)
            **{"class": "cardvg" if view.show_grad else "cardv"},
            **box_size(variants),
            **marked(node is view.highlight),
        )
        if node.inputs:
            op_id = view.ids[node] + "_op"
            symbol = op_symbol(node)
            g.node(op_id, nohtml(dot_lines(symbol.split("\n"))), **circle(symbol))
            g.edge(op_id, view.ids[node])
            cut = False
            for child in node.inputs:
                if tail(view, child) == "more":  # 그리지 않은 입력들: 화살표 하나로 묶는다
                    cut = True
                else:
                    g.edge(view.ids[child], op_id)
            if cut:
                g.edge("more", op_id, style="dashed", color="#868e96")


def tail(view: View, child: Value) -> str:
    return view.ids[child] if view.kept is None or child in view.kept else "more"


def draw_more(g: GraphPicture, view: View) -> None:
    """그리지 않은 노드들의 자리: 몇 개인지와 전체를 그리는 방법."""
    hidden = len(view.order) - len(view.shown)
    lines = [
        f"… {hidden}개 노드 더",
        f"(전체 {len(view.order)}개 중 출력에 가까운 {len(view.shown)}개만 그림)",
        "전체 그리기: draw_graph(root, max_nodes=None)",
    ]
    g.node(
        "more",
        dot_lines(lines),
        shape="box",
        style="dashed,rounded",
        color="#868e96",
        **box_size([lines]),
    )
