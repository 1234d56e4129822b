"""교과서 그래프 테스트: 값과 기울기를 tests/data/textbook.json 의 교과서 숫자와 비교한다."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from viz_support import needs_renderer

from micrograd_kr import topological_order
from micrograd_kr.viz import (
    abb1,
    apple_orange_price,
    apple_price,
    draw_graph,
    neuron,
    square_of_sum,
    to_svg,
)
from micrograd_kr.viz.theme import BACKWARD_COLOR, FORWARD_COLOR

BOOK = json.loads((Path(__file__).parent / "data" / "textbook.json").read_text(encoding="utf-8"))
SVG = "{http://www.w3.org/2000/svg}"


def by_name(root) -> dict:
    """이름표(띄어쓰기 뺀 것) → 노드. 교과서 json 의 키는 띄어쓰기가 없다."""
    return {v.label.replace(" ", ""): v for v in topological_order(root) if v.label}


def texts(svg: str, color: str | None = None) -> list[str]:
    found = ET.fromstring(svg).iter(SVG + "text")
    return [(t.text or "").strip() for t in found if color is None or t.get("fill") == color]


@pytest.mark.parametrize(
    ("build", "key", "output"),
    [
        (apple_price, "apple_price", "지불금액"),
        (apple_orange_price, "apple_orange_price", "지불금액"),
    ],
)
def test_shopping_graphs_match_the_book(build, key, output):
    root = build()
    nodes = by_name(root)
    assert root is nodes[output]
    assert root.data == pytest.approx(BOOK[key]["output"])
    for name, value in BOOK[key]["inputs"].items():
        assert nodes[name].data == pytest.approx(value)
    for name, grad in BOOK[key]["grads"].items():
        name = name.replace("(중간값)", "").replace(" ", "")
        assert nodes[name].grad == pytest.approx(grad), name


@pytest.mark.parametrize(("build", "key"), [(abb1, "abb1"), (square_of_sum, "square_of_sum")])
def test_chain_rule_graphs_match_the_book(build, key):
    nodes = by_name(build())
    for name, value in {**BOOK[key]["inputs"], **BOOK[key]["values"]}.items():
        assert nodes[name].data == pytest.approx(value), name
    for name, grad in BOOK[key]["grads"].items():
        assert nodes[name].grad == pytest.approx(grad), name


def test_abb1_constant_one_is_a_labelled_leaf():
    one = by_name(abb1())["1"]
    assert one.inputs == () and one.data == 1.0 and one.grad == pytest.approx(3.0)  # ∂e/∂1 = c


@needs_renderer
def test_apple_orange_picture():
    svg = to_svg(draw_graph(apple_orange_price(), style="textbook"))
    words = texts(svg)
    for name in ["사과 가격", "사과 개수", "귤 가격", "귤 개수", "소비세", "지불 금액"]:
        assert name in words
    red = texts(svg, BACKWARD_COLOR)
    assert sorted(red) == sorted(["2.2", "110", "3.3", "165", "1.1", "1.1", "650", "1.1", "1"])
    blue = texts(svg, FORWARD_COLOR)
    assert "715" in blue and "합계 = 650" in blue and "귤 총액 = 450" in blue


@needs_renderer
def test_abb1_picture():
    svg = to_svg(draw_graph(abb1(), style="textbook"))
    assert sorted(texts(svg, FORWARD_COLOR)) == sorted(["2", "1", "1", "1", "c = 3", "d = 2", "6"])
    # 각 화살표의 기울기는 그 입력이 받은 기울기: a←2, b←2 와 3, 1←3, c←2, d←3, e←1
    # b 가 받은 합도 기울기라 빨강
    red = sorted(["2", "2", "3", "3", "2", "3", "1", "(기울기 합 5)"])
    assert sorted(texts(svg, BACKWARD_COLOR)) == red


def test_neuron_by_hand():
    root = neuron()
    nodes = by_name(root)
    n = 2.0 * -3.0 + 0.0 * 1.0 + 6.881373587019543
    assert nodes["n"].data == pytest.approx(n)
    assert root.data == pytest.approx(math.tanh(n)) and root.data == pytest.approx(0.7071, abs=1e-4)
    dn = 1 - math.tanh(n) ** 2  # tanh 의 국소 미분
    assert nodes["x1"].grad == pytest.approx(-3.0 * dn)
    assert nodes["w1"].grad == pytest.approx(2.0 * dn)
    assert nodes["x2"].grad == pytest.approx(1.0 * dn)
    assert nodes["w2"].grad == pytest.approx(0.0)
    assert nodes["b"].grad == pytest.approx(dn)
    ops = sorted(v.op for v in topological_order(root) if v.inputs)
    assert ops == ["*", "*", "+", "+", "tanh"]  # Σ(linear) 노드 하나가 아니라 풀어 쓴 모양


def test_neuron_options():
    relu = neuron(x=[1.0, 2.0, 3.0], w=[0.5, -1.0, 1.0], b=0.25, activation="relu")
    assert relu.data == pytest.approx(0.5 - 2.0 + 3.0 + 0.25)
    assert by_name(relu)["x3"].grad == pytest.approx(1.0)
    assert neuron(activation="linear").data == pytest.approx(0.8813735870195432)
    with pytest.raises(ValueError, match="개수"):
        neuron(x=[1.0], w=[1.0, 2.0])
    with pytest.raises(ValueError, match="softplus"):
        neuron(activation="softplus")
