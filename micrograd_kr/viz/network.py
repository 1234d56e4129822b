"""다층 퍼셉트론(MLP)의 층과 뉴런 그림.

입력층은 노랑, 첫 은닉층은 연보라, 둘째 은닉층은 분홍, 출력층은 연두입니다.
``show_weights=True``이면 연결선의 색이 가중치의 부호(양수 청록, 음수 주황)를, 굵기가 크기를
나타내고, 그 뜻을 적은 범례(legend)가 붙습니다. 파랑(값)과 빨강(기울기)은 계산 그래프의 약속이라
가중치에는 쓰지 않고, 뉴런의 옅은 색과도 겹치지 않는 진한 색을 씁니다.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from micrograd_kr.floats import short_repr
from micrograd_kr.viz.labels import format_number
from micrograd_kr.viz.metrics import inches, label_size
from micrograd_kr.viz.render import GraphPicture
from micrograd_kr.viz.theme import FONTS

INPUT_COLOR = "#ffec99"  # 노랑
OUTPUT_COLOR = "#b2f2bb"  # 연두
# 은닉층: 연보라, 분홍, 그다음부터 회색, 자주, 풀색, 진회색
HIDDEN_COLORS = ("#d0bfff", "#fcc2d7", "#e9ecef", "#eebefa", "#d8f5a2", "#ced4da")
POSITIVE_COLOR = "#0b7285"  # 양수 가중치: 진한 청록
NEGATIVE_COLOR = "#e8590c"  # 음수 가중치: 진한 주황
ACTIVATION_NAMES = {
    "relu": "ReLU",
    "tanh": "tanh",
    "sigmoid": "시그모이드",
    "leaky_relu": "Leaky ReLU",
    "elu": "ELU",
    "linear": "없음(선형)",
}
DEFAULT_MAX_EDGES = 2000


def network_palette() -> dict[str, object]:
    """탐험기의 신경망 보기가 쓰는 색과 이름: 이 그림(``draw_network``)과 같은 약속."""
    return {
        "input": INPUT_COLOR,
        "output": OUTPUT_COLOR,
        "hidden": list(HIDDEN_COLORS),
        "positive": POSITIVE_COLOR,
        "negative": NEGATIVE_COLOR,
        "activations": dict(ACTIVATION_NAMES),
    }


def draw_network(
    mlp: Any, show_weights: bool = False, max_edges: int | None = DEFAULT_MAX_EDGES
) -> GraphPicture:
    """MLP의 구조 그림. ``mlp.layers``의 층마다 ``neurons``를, 뉴런마다 ``w``를 읽습니다.

    ``show_weights=True``: 선 색 = 가중치 부호(양수 파랑, 음수 빨강), 굵기 = 크기.
    """
    layers = getattr(mlp, "layers", None)
    if not layers:
        raise TypeError(
            "draw_network 에는 layers 가 있는 모델(예: MLP)을 넘겨 주세요. "
            f"받은 값: {short_repr(mlp)}. "
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
            "층 크기는 1 이상의 정수가 두 개 이상 필요합니다 (입력, ..., 출력). 받은 값: "
            f"{short_repr(sizes)}"
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
    g.attr("edge", arrowhead="none", color="#868e96", penwidth="0.8", fontname=FONTS)
    last = len(sizes) - 1
    for k, size in enumerate(sizes):
        # 한 층 = 한 세로줄(rank=same). 맨 위에 층 이름, 그 아래로 뉴런 1, 2, 3, ...
        # 순서는 보이지 않는 선(style=invis)으로 고정한다.
        with g.subgraph(name=f"layer_{k}") as layer:
            layer.attr(rank="same")
            column = [f"title_{k}"] + [f"n{k}_{i}" for i in range(size)]
            title = _layer_title(k, last, activations)
            _text_node(layer, column[0], title, 12.0, (12.0, 6.0))
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
    if weights is not None:
        _weight_legend(g)
    return g


def _weight_legend(g: GraphPicture) -> None:
    """가중치 선의 색(부호)과 굵기(크기)의 뜻: 짧은 선 세 개와 그 설명."""
    with g.subgraph(name="cluster_legend") as box:
        box.attr(label="범례: 선 = 가중치 w", color="#adb5bd", style="rounded", fontsize="11")
        items = [
            ("small", POSITIVE_COLOR, "|w| 가 작음", "0.5"),
            ("negative", NEGATIVE_COLOR, "음수 w", "3"),
            ("positive", POSITIVE_COLOR, "양수 w, 굵을수록 |w| 가 큼", "3"),
        ]
        for name, color, text, width in items:
            box.node(f"legend_{name}_a", "", shape="point", width="0.05", color=color)
            _text_node(box, f"legend_{name}_b", text, 11.0, (10.0, 4.0))
            box.edge(f"legend_{name}_a", f"legend_{name}_b", color=color, penwidth=width)


def _text_node(g: Any, name: str, text: str, fontsize: float, padding: tuple[float, float]) -> None:
    width, height = label_size([text], fontsize)
    g.node(
        name,
        text,
        shape="plaintext",
        style="",
        fontsize=f"{fontsize:g}",
        width=inches(width + padding[0]),
        height=inches(height + padding[1]),
    )


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
    if not activation:
        return title
    return f"{title} · 활성화: {ACTIVATION_NAMES.get(activation, activation)}"
