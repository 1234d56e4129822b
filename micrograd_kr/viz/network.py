"""다층 퍼셉트론(MLP)의 층과 뉴런 그림.

입력층은 주황, 첫 은닉층은 파랑, 둘째 은닉층은 보라, 출력층은 초록입니다.
``show_weights=True`` 이면 연결선의 색이 가중치의 부호(양수 파랑, 음수 빨강)를,
굵기가 크기를 나타냅니다.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from micrograd_kr.viz.graph import FONTS, format_number
from micrograd_kr.viz.render import GraphPicture

INPUT_COLOR = "#ffa94d"  # 주황
OUTPUT_COLOR = "#69db7c"  # 초록
# 은닉층: 파랑, 보라, 그다음부터 분홍, 노랑, 청록, 회색
HIDDEN_COLORS = ("#4dabf7", "#b197fc", "#f783ac", "#ffd43b", "#3bc9db", "#adb5bd")
POSITIVE_COLOR = "#1f4fd1"
NEGATIVE_COLOR = "#d62828"
DEFAULT_MAX_EDGES = 2000


def draw_network(
    mlp: Any, show_weights: bool = False, max_edges: int | None = DEFAULT_MAX_EDGES
) -> GraphPicture:
    """MLP 의 구조 그림. ``mlp.layers`` 의 층마다 ``neurons`` 를, 뉴런마다 ``w`` 를 읽습니다.

    ``show_weights=True``: 선 색 = 가중치 부호(양수 파랑, 음수 빨강), 굵기 = 크기.
    """
    layers = getattr(mlp, "layers", None)
    if not layers:
        raise TypeError(
            f"draw_network 에는 layers 가 있는 모델(예: MLP)을 넘겨 주세요. 받은 값: {mlp!r}. "
            "층 크기만 그리려면 draw_layers([2, 3, 1]) 을 쓰세요."
        )
    weights = [[[w.data for w in neuron.w] for neuron in layer.neurons] for layer in layers]
    sizes = [len(weights[0][0])] + [len(layer) for layer in weights]
    activations = [getattr(layer.neurons[0], "activation", "") for layer in layers]
    return _network(sizes, activations, weights if show_weights else None, max_edges)


def draw_layers(sizes: Sequence[int], max_edges: int | None = DEFAULT_MAX_EDGES) -> GraphPicture:
    """층 크기만으로 그린 신경망 그림. 예: ``draw_layers([2, 3, 1])``."""
    sizes = list(sizes)
    if len(sizes) < 2 or any(not isinstance(n, int) or n < 1 for n in sizes):
        raise ValueError(
            f"층 크기는 1 이상의 정수가 두 개 이상 필요합니다 (입력, ..., 출력). 받은 값: {sizes!r}"
        )
    return _network(sizes, [""] * (len(sizes) - 1), None, max_edges)


def _network(
    sizes: list[int],
    activations: list[str],
    weights: list[list[list[float]]] | None,
    max_edges: int | None,
) -> GraphPicture:
    edges = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if max_edges is not None and edges > max_edges:
        raise ValueError(
            f"연결선이 {edges}개로 max_edges={max_edges} 보다 많아 그림을 알아볼 수 없습니다. "
            "작은 모델을 그리거나 max_edges=None 으로 제한을 푸세요."
        )
    g = GraphPicture(name="network")
    g.attr(
        rankdir="LR",
        ordering="out",
        fontname=FONTS,
        pad="0.25",
        nodesep="0.15",
        ranksep="1.2",
        splines="line",
    )
    g.attr("node", fontname=FONTS, fontsize="11", shape="circle", style="filled", width="0.45")
    g.attr("edge", arrowhead="none", color="#868e96", penwidth="0.8")
    last = len(sizes) - 1
    for k, size in enumerate(sizes):
        # 한 층 = 한 세로줄(rank=same). 맨 위에 층 이름, 그 아래로 뉴런 1, 2, 3, ...
        # 순서는 보이지 않는 선(style=invis)으로 고정한다.
        with g.subgraph(name=f"layer_{k}") as layer:
            layer.attr(rank="same")
            column = [f"title_{k}"] + [f"n{k}_{i}" for i in range(size)]
            layer.node(
                column[0],
                _layer_title(k, last, activations),
                shape="plaintext",
                style="",
                fontsize="12",
            )
            for i in range(size):
                name = f"x{i + 1}" if k == 0 else (f"y{i + 1}" if k == last else "")
                layer.node(column[i + 1], name, fillcolor=_layer_color(k, last))
            for upper, lower in zip(column, column[1:]):
                layer.edge(upper, lower, style="invis")
    biggest = max((abs(w) for layer in weights or [] for n in layer for w in n), default=0.0)
    for k in range(1, len(sizes)):
        for j in range(sizes[k]):
            for i in range(sizes[k - 1]):
                if weights is None:
                    g.edge(f"n{k - 1}_{i}", f"n{k}_{j}")
                    continue
                w = weights[k - 1][j][i]
                width = 0.3 + 3.0 * abs(w) / biggest if biggest > 0 else 1.0
                g.edge(
                    f"n{k - 1}_{i}",
                    f"n{k}_{j}",
                    color=POSITIVE_COLOR if w >= 0 else NEGATIVE_COLOR,
                    penwidth=f"{width:.2f}",
                    tooltip=f"w = {format_number(w)}",
                )
    return g


def _layer_color(k: int, last: int) -> str:
    if k == 0:
        return INPUT_COLOR
    if k == last:
        return OUTPUT_COLOR
    return HIDDEN_COLORS[(k - 1) % len(HIDDEN_COLORS)]


def _layer_title(k: int, last: int, activations: list[str]) -> str:
    if k == 0:
        return "입력층"
    title = "출력층" if k == last else f"은닉층 {k}"
    activation = activations[k - 1]
    return f"{title}\\n({activation})" if activation else title
