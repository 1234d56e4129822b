"""draw_graph 테스트: 모양, 연산 기호, 숫자 표기, 크기 제한, 표시(highlight), 깊은 그래프."""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET

import graphviz
import pytest
from viz_support import needs_renderer, renderer_path  # noqa: F401  (준비물: 두 그리기 경로)

from micrograd_kr import Value, linear, topological_order
from micrograd_kr.viz import abb1, apple_price, draw_graph, format_number, to_svg
from micrograd_kr.viz.graph import (
    BACKWARD_COLOR,
    FONT_SIZE,
    FORWARD_COLOR,
    HIGHLIGHT_COLOR,
    MAX_LABEL_EM,
    clean_text,
    label_lines,
    shorten,
)
from micrograd_kr.viz.metrics import text_width

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str, color: str | None = None) -> list[str]:
    """SVG 의 글 목록 (color 를 주면 그 색 글만)."""
    found = ET.fromstring(svg).iter(SVG + "text")
    return [(t.text or "").strip() for t in found if color is None or t.get("fill") == color]


def node_groups(svg: str) -> list[ET.Element]:
    return [
        g for g in ET.fromstring(svg).iter(SVG + "g") if "node" in (g.get("class") or "").split()
    ]


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (220.00000000000003, "220"),  # 100 * 2 * 1.1
        (2.2, "2.2"),
        (0.1 + 0.2, "0.3"),
        (110.00000000000001, "110"),
        (1 / 3, "0.3333"),
        (-6.0, "-6"),
        (12345.678, "12346"),
        (2_500_000.0, "2500000"),
        (1.5e7, "1.5e+07"),
        (1e-5, "1e-05"),
        (-0.0, "0"),
        (-1e-9, "-1e-09"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (math.nan, "nan"),
    ],
)
def test_format_number(x, text):
    assert format_number(x) == text


@needs_renderer
def test_returns_a_digraph_with_one_box_per_value_and_one_circle_per_op():
    root = abb1()
    picture = draw_graph(root)
    assert isinstance(picture, graphviz.Digraph)
    order = topological_order(root)
    svg = to_svg(picture)
    ops = [g for g in node_groups(svg) if g.find(SVG + "ellipse") is not None]
    boxes = [g for g in node_groups(svg) if g.find(SVG + "path") is not None]  # 둥근 상자
    assert len(ops) == sum(1 for v in order if v.inputs) == 3
    assert len(boxes) == len(order) == 6
    words = texts(svg)
    for name, data, grad in [("a", 2, 2), ("b", 1, 5), ("1", 1, 3), ("c", 3, 2), ("d", 2, 3)]:
        assert name in words and f"값 {data}" in words and f"기울기 {grad}" in words
    assert words.count("+") == 2 and words.count("×") == 1


@needs_renderer
def test_show_grad_false_hides_gradients():
    words = texts(to_svg(draw_graph(apple_price(), show_grad=False)))
    assert "값 220" in words and not any(w.startswith("기울기") for w in words)
    red = texts(
        to_svg(draw_graph(apple_price(), style="textbook", show_grad=False)), BACKWARD_COLOR
    )
    assert red == []


@needs_renderer
def test_textbook_has_no_red_gradients_before_backward():
    a = Value(100, label="사과 가격")
    price = a * 2 * 1.1
    svg = to_svg(draw_graph(price, style="textbook"))
    assert texts(svg, BACKWARD_COLOR) == []
    assert "220" in texts(svg, FORWARD_COLOR)
    assert "출력" in texts(svg)  # 이름 없는 출력 노드


@needs_renderer
def test_textbook_reused_leaf_shows_its_total_gradient():
    words = texts(to_svg(draw_graph(abb1(), style="textbook")))
    assert "b" in words and "(기울기 합 5)" in words  # b 는 c 와 d 두 곳에 쓰여 2 + 3 = 5
    assert "a" in words and not any("기울기 합 2" in w for w in words)  # 한 번 쓰인 a 는 화살표로


@needs_renderer
def test_op_symbols():
    x = Value(0.5, label="x")
    y = Value(2.0, label="y")
    parts = [x + y, x - y, x * y, x / y, x**2, x**y, -x, x.exp(), y.log(), x.tanh()]
    parts += [x.sigmoid(), x.relu(), x.leaky_relu(), x.elu(), linear([x], [y], y), x**0.5]
    total = parts[0]
    for p in parts[1:]:
        total = total + p
    words = texts(to_svg(draw_graph(total, style="textbook")))
    for symbol in ["×", "-", "÷", "**2", "**", "-x", "exp", "log", "tanh", "σ", "ReLU", "ELU"]:
        assert symbol in words, symbol
    assert "Σ" in words and "**0.5" in words and "Leaky" in words


def test_too_many_nodes_is_a_korean_value_error():
    v = Value(1.0)
    for _ in range(300):
        v = v * 1.0  # 곱셈마다 노드 2개 (상수 1.0 과 결과)
    count = len(topological_order(v))
    with pytest.raises(ValueError, match=f"{count}개.*max_nodes=500.*max_nodes=None"):
        draw_graph(v)
    with pytest.raises(ValueError, match="max_nodes=10 "):
        draw_graph(apple_price() * Value(1.0) * 1.0 * 1.0, max_nodes=10)
    draw_graph(v, max_nodes=None)  # 제한을 풀면 그린다
    draw_graph(v, max_nodes=count)  # 딱 제한만큼은 괜찮다


def test_deep_graph_needs_no_recursion():
    v = Value(1.0, label="x")
    for _ in range(sys.getrecursionlimit() * 2):
        v = v + 1.0
    picture = draw_graph(v, style="textbook", max_nodes=None)
    assert picture.source.count("->") >= sys.getrecursionlimit() * 2


@needs_renderer
@pytest.mark.parametrize("style", ["card", "textbook"])
def test_highlight_marks_exactly_one_node(style):
    root = apple_price()
    tax = next(v for v in topological_order(root) if v.label == "소비세")
    svg = to_svg(draw_graph(root, style=style, highlight=tax))
    marked = [
        g for g in node_groups(svg) if any(shape.get("stroke") == HIGHLIGHT_COLOR for shape in g)
    ]
    assert len(marked) == 1
    assert [t.text for t in marked[0].iter(SVG + "text")][0] == "소비세"
    assert not any(
        shape.get("stroke") == HIGHLIGHT_COLOR
        for g in node_groups(to_svg(draw_graph(root, style=style)))
        for shape in g
    )


def test_bad_arguments():
    root = apple_price()
    with pytest.raises(TypeError, match="Value"):
        draw_graph(3.0)
    with pytest.raises(ValueError, match="style"):
        draw_graph(root, style="fancy")
    with pytest.raises(ValueError, match="rankdir"):
        draw_graph(root, rankdir="XY")
    with pytest.raises(ValueError, match="highlight"):
        draw_graph(root, highlight=Value(1.0))


@needs_renderer
def test_rankdir_top_to_bottom():
    svg_lr = to_svg(draw_graph(apple_price()))
    svg_tb = to_svg(draw_graph(apple_price(), rankdir="TB"))
    width = lambda svg: float(ET.fromstring(svg).get("width").removesuffix("pt"))  # noqa: E731
    height = lambda svg: float(ET.fromstring(svg).get("height").removesuffix("pt"))  # noqa: E731
    assert width(svg_lr) > height(svg_lr)
    assert height(svg_tb) > width(svg_tb)


# ---------------------------------------------------- XML 에 넣을 수 없는 글자
BAD_LABELS = [
    "a\x01b",
    "벨\x07",
    "esc\x1b[31m",
    "v\x0bt",
    "f\x0cf",
    "non\ufffechar",
    "lone\ud800",
    "x\udc80y",
]


@pytest.mark.usefixtures("renderer_path")
@pytest.mark.parametrize("style", ["card", "textbook"])
def test_control_characters_and_lone_surrogates_give_well_formed_svg(style):
    leaves = [Value(float(i), label=label) for i, label in enumerate(BAD_LABELS)]
    total = leaves[0]
    for leaf in leaves[1:]:
        total = total + leaf
    total.label = "합\x00계"
    total.backward()
    svg = to_svg(draw_graph(total, style=style))
    words = texts(svg)  # 잘 짜인(well-formed) XML 이 아니면 여기서 ParseError
    joined = " ".join(words)
    for escaped in ["a\\x01b", "벨\\x07", "esc\\x1b[31m", "v\\x0bt", "f\\x0cf", "non\\ufffechar"]:
        assert escaped in joined, escaped
    assert "lone\\ud800" in joined and "x\\udc80y" in joined and "합\\x00계" in joined


def test_clean_text_leaves_ordinary_text_alone():
    text = "사과 가격 ×÷σ … 漢字 😀 \\n"
    assert clean_text(text) == text
    assert clean_text("줄\n바꿈") == "줄\n바꿈"
    assert clean_text("\t\x7f\x85\ufdd0\U0010fffe") == "\\x09\\x7f\\x85\\ufdd0\\U0010fffe"


def test_long_labels_are_shortened_with_an_ellipsis():
    v = Value(1.0, label="가" * 300)
    line = label_lines(v.label)[0]
    assert line.endswith("…") and 10 < len(line) < 300
    assert label_lines("짧은 이름") == ["짧은 이름"]
    many = label_lines("\n".join(str(i) for i in range(10)))
    assert len(many) == 4 and many[-1] == "3 …"


def _longest_fitting_prefix(line: str, fontsize: float) -> str:
    """줄이기의 정의 그대로(느린 기준): 폭 한도에 드는 줄은 그대로, 아니면 "…" 까지 한도에 드는
    가장 긴 앞부분 + "…"."""
    limit = MAX_LABEL_EM * fontsize
    if text_width(line, fontsize) <= limit:
        return line
    best = ""
    for end in range(len(line) + 1):
        if text_width(line[:end] + "…", fontsize) <= limit:
            best = line[:end]
    return best + "…"


LONG_LABELS = [
    # (이름표 한 줄, 줄인 결과가 가져야 할 앞부분)
    ("가" * 100_000, "가" * 23),  # 한글 한 글자 1 em: 24 em 에서 "…"(1 em) 자리를 남긴다
    ("W" * 1_000_000, "W" * 22),  # W 는 1.029 em: 22 × 1029 ≤ 23000 < 23 × 1029
    ("a" * 1_000_000, "a" * 40),  # a 는 0.563 em: 40 × 563 ≤ 23000 < 41 × 563
    ("x" + "가" * 999_999, "x" + "가" * 22),
]


@pytest.mark.parametrize(("line", "prefix"), LONG_LABELS)
def test_very_long_labels_are_shortened_correctly(line, prefix):
    short = shorten(line)
    assert short == prefix + "…"
    assert text_width(short, FONT_SIZE) <= MAX_LABEL_EM * FONT_SIZE
    nxt = line[: len(prefix) + 1] + "…"  # 한 글자만 더 두면 한도를 넘는다
    assert text_width(nxt, FONT_SIZE) > MAX_LABEL_EM * FONT_SIZE
    assert label_lines(line + "\n둘째 줄") == [prefix + "…", "둘째 줄"]


@pytest.mark.parametrize("fontsize", [11.0, 12.0, 22.0])
def test_shorten_matches_the_definition_on_mixed_text(fontsize):
    import random

    rng = random.Random(7)
    for _ in range(300):
        line = "".join(rng.choice("aW가…×.1 ~Σ") for _ in range(rng.randint(0, 70)))
        assert shorten(line, fontsize) == _longest_fitting_prefix(line, fontsize), line


def test_op_glyphs_are_sized_to_their_circles():
    x = Value(0.5, label="x")
    y = (x * 2.0).tanh() + x.leaky_relu()
    source = draw_graph(y, style="textbook").source
    circles = re.findall(
        r'\[label="?([^" ]+)"? fontsize=(\d+) margin=0 shape=circle width=([\d.]+)', source
    )
    found = {symbol: (float(size), float(width) * 72) for symbol, size, width in circles}
    size, diameter = found["×"]
    assert size >= 20 and diameter / size < 2.5  # 기호가 원 지름의 40 % 이상
    size, diameter = found["tanh"]
    assert size >= 14 and diameter > 2.2 * size  # 낱말은 원에 닿지 않게


@needs_renderer
def test_unlabelled_constant_shows_its_value_once_and_one_minus_sign():
    x = Value(-2.5, label="x")
    y = (x - 3.0) * -x
    y.label = "y"
    y.backward()
    svg = to_svg(draw_graph(y, style="textbook"))
    words = texts(svg)
    assert words.count("3") == 1  # 이름 없는 상수 3 은 화살표 위에 한 번만
    assert "-" in words and "-x" in words  # 빼기와 부호 바꾸기 기호
    card = texts(to_svg(draw_graph(y, style="card")))
    assert "값 -2.5" in card and "상수 3" not in card
    for picture in (svg, to_svg(draw_graph(y, style="card"))):
        assert "\u2212" not in picture  # 빼기 기호는 '-' 하나로


@needs_renderer
def test_textbook_gradient_lines_of_leaves_are_red():
    e = abb1()
    e.backward()  # 두 번째 역전파: 잎의 grad 는 쌓였다
    svg = to_svg(draw_graph(e, style="textbook"))
    red = texts(svg, BACKWARD_COLOR)
    assert {"(기울기 합 5)", "(grad 누적 4)", "(grad 누적 10)", "(grad 누적 6)"} <= set(red)
    black = [w for w in texts(svg) if w not in red and w not in texts(svg, FORWARD_COLOR)]
    assert {"a", "b", "상수 1", "e"} <= set(black)  # 이름은 검정
    single = Value(2.0, label="x")
    single.backward()
    assert texts(to_svg(draw_graph(single, style="textbook")), BACKWARD_COLOR) == ["기울기 1"]
