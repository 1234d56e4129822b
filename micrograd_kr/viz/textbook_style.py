"""교과서 모양(textbook style)의 그림: 《밑바닥부터 시작하는 딥러닝》 5장의 사과 쇼핑 그림처럼.

연산만 원(×, +, exp, ...)으로 그리고, 값은 화살표 위에 씁니다. 순전파(forward) 값은 파란 글씨로
위에, ``backward()``를 부른 뒤에는 역전파(backward) 기울기를 거꾸로 가는 빨간 화살표와 함께
아래에 씁니다. 빨간 기울기는 한 번의 역전파입니다: 잎 노드의 ``grad``가 그와 다르면(앞선 역전파가
쌓였으면) "grad 누적 ..." 줄로 알려 줍니다.

화살표 하나에 순전파(파랑)와 역전파(빨강) 두 줄이 있으면 DOT에 같은 방향의 간선 두 개가 나오고,
빨간 쪽에 ``dir=back``이 붙습니다.
"""

from __future__ import annotations

import math

from graphviz import nohtml

from micrograd_kr.engine import Value
from micrograd_kr.viz.card import tail
from micrograd_kr.viz.labels import dot_lines, format_number, is_number, label_lines, op_symbol
from micrograd_kr.viz.metrics import pad_edge_label
from micrograd_kr.viz.rendering import GraphPicture
from micrograd_kr.viz.theme import (
    BACKWARD_COLOR,
    EDGE_FONT_SIZE,
    EDGE_LABEL_MARGIN,
    FORWARD_COLOR,
)
from micrograd_kr.viz.view import View, box_size, circle, marked, plain


def _leaf_lines(view: View, node: Value, sent: set[Value], received: dict) -> list[str]:
    lines = label_lines(node.label) if node.label else []
    if lines and is_number(node.label) and not node.inputs:
        lines[0] = f"상수 {lines[0]}"
    if node in sent and view.show_grad:
        grad = received.get(node, 0.0)
        if view.uses.get(node, 0) > 1:  # 여러 번 쓰인 입력: 이번 역전파 기울기의 합
            lines.append(f"(기울기 합 {format_number(grad)})")
        if not view.stepping and not math.isclose(node.grad, grad, rel_tol=1e-9, abs_tol=1e-12):
            lines.append(f"(grad 누적 {format_number(node.grad)})")
    return lines


def draw_textbook(g: GraphPicture, view: View) -> None:
    root = view.root
    if not root.inputs:  # 잎 노드 하나뿐인 그래프
        text = format_number(root.data)
        lines = [text]
        if root.label:
            lines = label_lines(root.label)
            lines[-1] += f" = {text}"
        extra = {}
        if view.show_grad and root.grad != 0.0:
            lines.append(f"기울기 {format_number(root.grad)}")
            extra = {"class": "leafg1"}
        g.node(
            view.ids[root],
            nohtml(dot_lines(lines)),
            **plain(root is view.highlight, [lines]),
            **extra,
        )
        return

    for node in view.shown:
        if node.inputs:
            symbol = op_symbol(node)
            g.node(
                view.ids[node],
                nohtml(dot_lines(symbol.split("\n"))),
                **circle(symbol),
                **marked(node is view.highlight),
            )
        elif node.label:
            variants = [_leaf_lines(view, node, s, r) for s, r in view.frames]
            lines = _leaf_lines(view, node, view.sent, view.received)
            red = len(lines) - len(label_lines(node.label))  # 기울기 줄 수 (빨강)
            g.node(
                view.ids[node],
                nohtml(dot_lines(lines)),
                **plain(node is view.highlight, variants),
                **({"class": f"leafg{red}"} if red else {}),
            )
        else:  # 이름 없는 잎(상수): 값은 화살표 위에 한 번만 쓴다
            g.node(
                view.ids[node],
                "",
                shape="point",
                width="0.08",
                **marked(node is view.highlight),
            )

    for node in view.shown:
        for child, local in zip(node.inputs, node.local_grads):
            grad = local * view.received.get(node, 0.0)  # 받은 기울기: 상류 기울기 × 국소 미분
            final = local * view.frames[-1][1].get(node, 0.0) if view.stepping else grad
            _value_edges(
                g,
                tail(view, child),
                view.ids[node],
                _edge_value(child),
                final,
                node in view.sent,
                view.show_grad,
            )
    name = label_lines(root.label)[0] if root.label else "출력"
    g.node("output", nohtml(dot_lines([name])), shape="plaintext", **box_size([[name]]))
    _value_edges(
        g,
        view.ids[root],
        "output",
        format_number(root.data),
        view.received.get(root, 1.0),  # 출력의 기울기 1 (탐험기는 이 자리에 표시 숫자를 넣음)
        root in view.sent,
        view.show_grad,
    )


def _value_edges(
    g: GraphPicture, tail: str, head: str, value: str, grad: float, sent: bool, show_grad: bool
) -> None:
    """화살표 한 쌍: 위에는 순전파 값(파랑), 아래에는 거꾸로 가는 빨간 화살표와 기울기.

    아직 오지 않은 기울기의 화살표도 보이지 않게(invis) 그려 둡니다: 한 걸음씩 보는 그림이
    모두 같은 배치를 쓰도록.
    """
    g.edge(
        tail,
        head,
        nohtml(pad_edge_label(value, EDGE_FONT_SIZE, EDGE_LABEL_MARGIN)),
        fontcolor=FORWARD_COLOR,
        color=FORWARD_COLOR,
    )
    if show_grad:
        red = BACKWARD_COLOR
        text = pad_edge_label(format_number(grad), EDGE_FONT_SIZE, EDGE_LABEL_MARGIN)
        extra = {} if sent else {"style": "invis"}
        g.edge(tail, head, text, fontcolor=red, color=red, dir="back", **extra)


def _edge_value(node: Value) -> str:
    """화살표 위의 값. 이름이 있는 중간 노드는 "c = 3"처럼 이름도 씁니다."""
    value = format_number(node.data)
    if node.inputs and node.label:
        return f"{label_lines(node.label)[0]} = {value}"
    return value
