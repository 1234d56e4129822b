"""MLP 그림 테스트: 층마다의 색과 뉴런 수, 모든 연결, 가중치의 부호(색)와 크기(굵기)."""

from __future__ import annotations

import colorsys
import xml.etree.ElementTree as ET
from collections import Counter
from types import SimpleNamespace

import pytest
from viz_support import needs_renderer

from micrograd_kr import MLP, Value
from micrograd_kr.viz import draw_layers, draw_network, to_svg
from micrograd_kr.viz.network import (
    HIDDEN_COLORS,
    INPUT_COLOR,
    NEGATIVE_COLOR,
    OUTPUT_COLOR,
    POSITIVE_COLOR,
)
from micrograd_kr.viz.theme import BACKWARD_COLOR, FORWARD_COLOR

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    """(뉴런 색 Counter, {(앞 노드, 뒤 노드): 선의 path 요소})"""
    groups = list(ET.fromstring(svg).iter(SVG + "g"))
    fills = Counter(
        g.find(SVG + "ellipse").get("fill")
        for g in groups
        if "node" in (g.get("class") or "").split()
        and g.find(SVG + "ellipse") is not None
        and not g.find(SVG + "title").text.startswith("legend_")  # 범례의 점은 뉴런이 아니다
    )
    edges = {
        tuple(g.find(SVG + "title").text.split("->")): next(g.iter(SVG + "path"))
        for g in groups
        if g.get("class") == "edge" and not g.find(SVG + "title").text.startswith("legend_")
    }
    return fills, edges


@needs_renderer
def test_layer_colours_and_all_connections():
    model = MLP(2, [3, 4, 5, 1], seed=1)
    fills, edges = parse(to_svg(draw_network(model)))
    assert fills == {
        INPUT_COLOR: 2,  # 주황
        HIDDEN_COLORS[0]: 3,  # 파랑
        HIDDEN_COLORS[1]: 4,  # 보라
        HIDDEN_COLORS[2]: 5,
        OUTPUT_COLOR: 1,  # 초록
    }
    sizes = [2, 3, 4, 5, 1]
    expected = {
        (f"n{k - 1}_{i}", f"n{k}_{j}")
        for k in range(1, len(sizes))
        for i in range(sizes[k - 1])
        for j in range(sizes[k])
    }
    assert set(edges) == expected
    assert len({INPUT_COLOR, OUTPUT_COLOR, *HIDDEN_COLORS}) == 2 + len(HIDDEN_COLORS)


def test_weight_colours_differ_from_node_colours_and_the_value_gradient_rule():
    node_colours = {INPUT_COLOR, OUTPUT_COLOR, *HIDDEN_COLORS}
    weights = {POSITIVE_COLOR, NEGATIVE_COLOR}
    assert len(weights) == 2 and not weights & node_colours
    assert not weights & {FORWARD_COLOR, BACKWARD_COLOR}  # 파랑=값, 빨강=기울기 는 그래프의 약속

    def hue(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hls(r, g, b)

    for w in weights:  # 가중치 선은 진하고, 뉴런은 옅다
        assert hue(w)[1] < 0.5
    for n in node_colours:
        assert hue(n)[1] > 0.75


@needs_renderer
def test_weight_legend_explains_colour_and_width():
    svg = to_svg(draw_network(MLP(2, [2, 1], seed=0), show_weights=True))
    words = [(t.text or "").strip() for t in ET.fromstring(svg).iter(SVG + "text")]
    assert "범례: 선 = 가중치 w" in words
    assert "양수 w, 굵을수록 |w| 가 큼" in words and "음수 w" in words and "|w| 가 작음" in words
    legend = {
        g.find(SVG + "title").text: next(g.iter(SVG + "path"))
        for g in ET.fromstring(svg).iter(SVG + "g")
        if g.get("class") == "edge" and g.find(SVG + "title").text.startswith("legend_")
    }
    assert legend["legend_positive_a->legend_positive_b"].get("stroke") == POSITIVE_COLOR
    assert legend["legend_negative_a->legend_negative_b"].get("stroke") == NEGATIVE_COLOR
    assert "범례: 선 = 가중치 w" not in [
        (t.text or "").strip()
        for t in ET.fromstring(to_svg(draw_network(MLP(2, [2, 1])))).iter(SVG + "text")
    ]


@needs_renderer
def test_layer_titles_name_activation():
    words = [t.text for t in ET.fromstring(to_svg(draw_network(MLP(2, [3, 1])))).iter(SVG + "text")]
    # 층 이름과 활성화 함수는 한 줄에
    assert "입력층" in words and "은닉층 1 · 활성화: ReLU" in words
    assert "출력층 · 활성화: 없음(선형)" in words
    assert {"x1", "x2", "y1"} <= set(words)


@needs_renderer
def test_weights_colour_by_sign_and_width_by_size():
    model = MLP(3, [4, 2], seed=3)
    _, edges = parse(to_svg(draw_network(model, show_weights=True)))
    widths = []
    for k, layer in enumerate(model.layers, start=1):
        for j, n in enumerate(layer.neurons):
            for i, w in enumerate(n.w):
                path = edges[(f"n{k - 1}_{i}", f"n{k}_{j}")]
                assert path.get("stroke") == (POSITIVE_COLOR if w.data >= 0 else NEGATIVE_COLOR)
                widths.append((abs(w.data), float(path.get("stroke-width"))))
    widths.sort()
    assert [width for _, width in widths] == sorted(width for _, width in widths)
    assert widths[-1][1] > 3 * widths[0][1]  # 가장 큰 가중치가 가장 작은 것보다 확실히 굵다


@needs_renderer
def test_duck_typed_model_and_plain_layer_sizes():
    w = [[Value(1.0), Value(-2.0)], [Value(0.5), Value(0.0)]]
    fake = SimpleNamespace(layers=[SimpleNamespace(neurons=[SimpleNamespace(w=ws) for ws in w])])
    fills, edges = parse(to_svg(draw_network(fake, show_weights=True)))
    assert fills == {INPUT_COLOR: 2, OUTPUT_COLOR: 2} and len(edges) == 4
    assert edges[("n0_1", "n1_0")].get("stroke") == NEGATIVE_COLOR
    fills, edges = parse(to_svg(draw_layers([2, 3, 2])))
    assert fills == {INPUT_COLOR: 2, HIDDEN_COLORS[0]: 3, OUTPUT_COLOR: 2} and len(edges) == 12


def test_bad_inputs():
    with pytest.raises(TypeError, match="draw_layers"):
        draw_network([2, 3, 1])
    with pytest.raises(ValueError, match="층 크기"):
        draw_layers([2])
    with pytest.raises(ValueError, match="층 크기"):
        draw_layers([2, 0, 1])
    with pytest.raises(ValueError, match="max_edges"):
        draw_layers([784, 100, 10])
    assert draw_layers([30, 30, 30], max_edges=None).source.count("->") > 1800
