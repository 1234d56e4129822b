"""그림의 범례(legend): 색과 모양의 약속 — 잎 노드와 계산된 노드, 값(파랑)과 기울기(빨강)."""

from __future__ import annotations

from micrograd_kr.viz.labels import dot_lines
from micrograd_kr.viz.rendering import GraphPicture
from micrograd_kr.viz.theme import BACKWARD_COLOR, COMPUTED_FILL, FORWARD_COLOR, LEAF_FILL
from micrograd_kr.viz.view import box_size


def draw_legend(g: GraphPicture, style: str) -> None:
    """색과 모양의 약속: 잎 노드와 계산된 노드, 값(파랑)과 기울기(빨강)."""
    with g.subgraph(name="cluster_legend") as box:
        box.attr(label="범례", color="#adb5bd", style="rounded", fontsize="12")
        if style == "card":
            items = [
                (
                    "legend_leaf",
                    ["잎 노드(입력)"],
                    {"style": "rounded,filled", "fillcolor": LEAF_FILL},
                ),
                (
                    "legend_computed",
                    ["계산된 노드"],
                    {"style": "rounded,filled", "fillcolor": COMPUTED_FILL},
                ),
            ]
        else:
            items = [("legend_leaf", ["잎 노드(입력) 이름"], {"peripheries": "0"})]
        items += [
            (
                "legend_value",
                ["파랑: 값 (순전파)"],
                {"fontcolor": FORWARD_COLOR, "peripheries": "0"},
            ),
            (
                "legend_grad",
                ["빨강: 기울기 (역전파)"],
                {"fontcolor": BACKWARD_COLOR, "peripheries": "0"},
            ),
        ]
        previous = None
        for name, lines, attrs in items:
            box.node(name, dot_lines(lines), shape="box", **box_size([lines]), **attrs)
            if previous is not None:
                box.edge(previous, name, style="invis")
            previous = name
