"""역전파 탐험기를 크로미움에서: 큰 그래프를 따라가기, 매개변수 이름, 밀기 막대, 한 걸음 학습,
'왜' 설명, 두 화면(밝음·어두움)의 명암비, 단추를 누른 뒤의 키보드.

숫자는 모두 파이썬 엔진(그리고 ``optim.SGD``)으로 다시 계산한 값과 견줍니다.
``pytest -s`` 로 돌리면 큰 그래프의 걸음 시간을 찍습니다.
"""

from __future__ import annotations

import math
import re
import statistics
from pathlib import Path
from urllib.parse import unquote

import pytest
from viz_support import needs_renderer

from micrograd_kr import MLP, Value, topological_order
from micrograd_kr.expression import build_expression
from micrograd_kr.losses import mse
from micrograd_kr.optim import SGD
from micrograd_kr.viz import abb1, apple_price, backward_steps, explore
from micrograd_kr.viz.explore import OPS, RULES
from micrograd_kr.viz.explore_records import parameter_names

pytestmark = needs_renderer

READ = """
const out = {};
for (const g of document.querySelectorAll('.mgk-explorer g[data-node]:not([data-output])')) {
  out[g.getAttribute('data-node')] = [g.getAttribute('data-value'), g.getAttribute('data-grad'),
                                      g.getAttribute('data-name')];
}
return out;
"""


def mlp_loss(samples: int, sizes: tuple[int, ...] = (4, 4, 1), seed: int = 0):
    """MLP 와 그 손실 (samples 개 표본의 평균 제곱 오차). 같은 인자면 언제나 같은 그래프."""
    model = MLP(2, list(sizes), seed=seed)
    xs = [[0.5 * i - 1.0, 1.0 - 0.3 * i] for i in range(samples)]
    ys = [1.0 if i % 2 else -1.0 for i in range(samples)]
    return mse([model(x) for x in xs], ys), model, xs, ys


def _open(browser, html: Path, fragment: str = "") -> None:
    """페이지를 열고, 그 페이지의 탐험기가 첫 걸음을 그릴 때까지 기다린다 (시간이 아니라 조건)."""
    from selenium.webdriver.support.ui import WebDriverWait

    url = html.resolve().as_uri()
    browser.get(url + fragment)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "return location.href.split('#')[0] === arguments[0] &&"
            " !!document.querySelector('.mgk-explorer[data-step]')",
            url,
        )
    )


def _nodes(browser) -> dict[int, list[str]]:
    return {int(k): v for k, v in browser.execute_script(READ).items()}


def _close(js: str, py: float, rel: float = 1e-12) -> bool:
    return math.isclose(float(js), py, rel_tol=rel, abs_tol=1e-300)


def _step(browser) -> int:
    return browser.execute_script(
        "return Number(document.querySelector('.mgk-explorer').getAttribute('data-step'))"
    )


# ------------------------------------------------------------- 큰 그래프를 따라가기
FOLLOW = """
const r = document.querySelector('.mgk-explorer');
const box = r.querySelector('.mgk-graph');
const next = r.querySelector('.mgk-next');
r.querySelector('.mgk-first').click();
const place = () => { const b = box.getBoundingClientRect();
  return [Math.round(b.left + scrollX), Math.round(b.top + scrollY), Math.round(b.width),
          Math.round(b.height)]; };
const start = place();
const bad = [], moved = [], times = [];
let marked = 0;
while (!next.disabled) {
  const t0 = performance.now();
  next.click();
  const cur = r.querySelectorAll('[aria-current="step"]');
  const times_i = performance.now() - t0;
  times.push(times_i);
  const step = Number(r.getAttribute('data-step'));
  const p = place();
  if (p.join() !== start.join()) moved.push([step, p]);
  if (!cur.length) { bad.push([step, 'no aria-current']); continue; }
  marked += 1;
  const full = r.getAttribute('data-view') === 'full';
  if (full && cur[0].getAttribute('data-node') !== r.getAttribute('data-current'))
    bad.push([step, 'aria-current is not data-current']);
  const c = cur[0].getBoundingClientRect(), b = box.getBoundingClientRect();
  const inWindow = c.left >= 0 && c.top >= 0 && c.right <= innerWidth && c.bottom <= innerHeight;
  const inBox = c.left >= b.left && c.top >= b.top && c.right <= b.right && c.bottom <= b.bottom;
  if (!inWindow || !inBox) bad.push([step, [c.left, c.top, c.right, c.bottom],
    [b.left, b.top, b.right, b.bottom, innerWidth, innerHeight, cur[0].getAttribute('data-node')]]);
}
return {bad, moved, marked, times, total: Number(r.getAttribute('data-step'))};
"""


def _follow(browser) -> dict:
    """FOLLOW 를 돌린다. 바쁜 기계에서 800 걸음이 30초를 넘어도 끊기지 않게 한도를 늘려서."""
    browser.set_script_timeout(600)
    try:
        return browser.execute_script(FOLLOW)
    finally:
        browser.set_script_timeout(30)


@pytest.mark.parametrize("view", ["network", "full"])
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_mlp_page_keeps_the_current_node_in_view_and_the_graph_still(browser, tmp_path, size, view):
    """신경망 보기(뉴런마다 원, 표본 7개)와 모든 노드를 그린 스칼라 그림 모두."""
    loss, _, _, _ = mlp_loss(7)
    n = len(topological_order(loss))
    assert 195 <= n <= 205
    html = explore(loss).save(tmp_path / "mlp.html")
    try:
        browser.set_window_size(*size)
        _open(browser, html, "#view=full" if view == "full" else "")
        shown = browser.execute_script(
            "return [...document.querySelectorAll('.mgk-graph svg')]"
            ".filter(s => s.style.display !== 'none').map(s => s.getAttribute('data-view'))"
        )
        assert shown == [view]
        result = _follow(browser)
        # 보기를 바꿔도 그림 칸은 그 자리, 지금 노드는 여전히 표시
        toggled = browser.execute_script(
            """const r = document.querySelector('.mgk-explorer');
            const box = () => r.querySelector('.mgk-graph');
            const place = () => JSON.stringify(box().getBoundingClientRect());
            r.querySelector('.mgk-prev').click();
            const before = place();
            r.querySelector('.mgk-view').click();
            return [before === place(), r.querySelectorAll('[aria-current="step"]').length > 0];"""
        )
    finally:
        browser.set_window_size(1280, 1000)
    assert toggled == [True, True]
    # 신경망 보기: 표본 7개마다 입력 1 + 뉴런 9, 손실 2, 역전파는 표본마다 뉴런 9
    assert result["total"] == (2 * n if view == "full" else 7 * 10 + 2 + 7 * 9)
    assert result["marked"] == result["total"]  # 모든 걸음에 aria-current="step" 인 것이 하나
    assert result["bad"] == []  # 지금 노드는 언제나 창 안, 그림 칸 안에
    assert result["moved"] == []  # 그림 칸은 한 번도 움직이지 않는다
    median = statistics.median(result["times"])
    print(f"\n{size} {view}: {n}개 노드, 걸음 시간 중앙값 {median:.2f} ms")


# ------------------------------------------------------------- 이름
def test_parameters_are_named_by_place_never_constant(browser, tmp_path):
    loss, model, _, _ = mlp_loss(3)
    order = topological_order(loss)
    # 모델의 구조로 붙인 이름 (독립된 기준): 1층 2번째 뉴런의 1번째 가중치 = w[1][2,1]
    expected = {}
    for li, layer in enumerate(model.layers, start=1):
        for j, neuron in enumerate(layer.neurons, start=1):
            for i, w in enumerate(neuron.w, start=1):
                expected[w] = f"w[{li}][{j},{i}]"
            expected[neuron.b] = f"b[{li}][{j}]"
    assert parameter_names(order) == expected  # 그래프만 보고 붙인 이름이 모델의 자리와 같다
    assert parameter_names(order, model) == expected
    index = {node: k for k, node in enumerate(order)}
    html = explore(loss).save(tmp_path / "mlp.html")
    _open(browser, html, "#view=full")
    names = {k: v[2] for k, v in _nodes(browser).items()}
    for p, name in expected.items():
        assert names[index[p]] == name
    leaf_names = browser.execute_script(  # 접어 둔 묶음(층마다 매개변수)을 모두 열고
        "document.querySelectorAll('.mgk-leaf-group:not([open]) summary').forEach(s => s.click());"
        "return [...document.querySelectorAll('.mgk-leaves label')].map(l => l.textContent)"
    )
    assert sum("(매개변수)" in t for t in leaf_names) == len(expected)
    assert not any(t.startswith("상수") and "(매개변수)" in t for t in leaf_names)
    # 입력·정답·1/N 은 구조로 알아낸 뜻으로 부르므로, 이 그래프의 글에는 "상수"가 없다
    texts = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer'), out = [];
        r.querySelector('.mgk-first').click();
        while (!r.querySelector('.mgk-next').disabled) {
          r.querySelector('.mgk-next').click(); out.push(r.querySelector('.mgk-text').textContent);
        } return out;"""
    )
    joined = "\n".join(texts)
    assert "상수" not in joined
    for name in ("입력 x[1] (표본 1)", "입력 x[2] (표본 3)", "정답 y (표본 2)", "1/N (평균, N=3)"):
        assert name in joined, name
    assert any("w[1][1,1]" in t for t in texts) and any("b[2][3]" in t for t in texts)


def test_expression_parts_are_named_and_constants_show_their_value():
    root = build_expression("(a+b)*(b+1)", {"a": 2, "b": 1})
    labels = sorted(n.label for n in topological_order(root))
    assert labels == ["(a+b)*(b+1)", "1", "a", "a+b", "b", "b+1"]
    text = "\n".join(str(step) for step in backward_steps(root))
    assert "a+b ← 1 × 2 = 2" in text and "b+1 ← 1 × 3 = 3" in text  # c 와 d 를 가려 부름
    assert "상수 1 ← 3 × 1 = 3" in text  # 상수는 그 값으로


# ------------------------------------------------------------- 아직 계산하지 않은 것
RED_DIGITS = """
const r = document.querySelector('.mgk-explorer');
const cfg = JSON.parse(r.querySelector('script.mgk-data').textContent);
const wrong = [];
for (const t of r.querySelectorAll('svg text')) {
  const fill = (t.getAttribute('fill') || '').toLowerCase();
  const slot = t.getAttribute('data-t');
  const parts = slot === null ? [] : cfg.texts[Number(slot)];
  const isGrad = parts.some(p => Array.isArray(p) && p[0] !== 'd') || /기울기/.test(t.textContent);
  if ((fill === '#d62828' || isGrad) && /[0-9]/.test(t.textContent.replace(/^\\(?기울기 합 /, '')))
    wrong.push(t.textContent);
}
return wrong;
"""


@pytest.mark.parametrize("style", ["textbook", "card"])
def test_nothing_is_shown_before_it_is_computed(browser, tmp_path, style):
    x = Value(2.0, label="x")
    y = Value(3.0, label="y")
    out = (x * y).log() + y
    html = explore(out, style=style).save(tmp_path / f"p_{style}.html")
    _open(browser, html)
    assert browser.execute_script(RED_DIGITS) == []  # 시작: 기울기 숫자가 하나도 없다
    values = [v[0] for v in _nodes(browser).values()]
    assert values and all(v == "" for v in values)
    # 정의역 오류(log 의 입력이 음수) 중에는 끝 걸음에서도 기울기가 없고, 오류 노드가 표시된다
    _open(browser, html, "#step=100&x=-1")
    assert browser.execute_script(RED_DIGITS) == []
    assert all(v[1] == "" for v in _nodes(browser).values())
    error = browser.find_element("css selector", ".mgk-error").text
    assert "양수에서만 정의됩니다" in error and "log(x*y)" in error
    assert browser.execute_script("return document.querySelectorAll('.mgk-box-error').length") >= 1


# ------------------------------------------------------------- 밀기 막대와 끌기
def _slide(browser, key: str, value: str) -> None:
    browser.execute_script(
        "const s = document.querySelector("
        "`.mgk-explorer input[type=range][data-key='${arguments[0]}']`);"
        "s.value = arguments[1]; s.dispatchEvent(new Event('input'));",
        key,
        value,
    )


def test_slider_recomputes_like_python(browser, tmp_path):
    html = explore(apple_price()).save(tmp_path / "apple.html")
    _open(browser, html, "#step=100")
    _slide(browser, "사과 가격", "101")
    shown = {v[2]: v for v in _nodes(browser).values()}
    assert _close(shown["지불 금액"][0], 101 * 2 * 1.1)  # 220 → 222.2
    assert _close(shown["사과 가격"][1], 2.2)  # 빨간 2.2 는 그대로
    assert "사과 가격=101" in unquote(browser.current_url)  # 주소 조각이 바뀐 값을 담는다
    assert (
        browser.find_element(
            "css selector", "input[type=text][data-key='사과 가격']"
        ).get_attribute("value")
        == "101"
    )
    # 무작위로 여러 잎을 밀어 모든 노드의 값과 기울기를 파이썬과 견준다
    x, y = Value(0.7, label="x"), Value(-1.3, label="y")
    graph = lambda a, b: ((a * b + a.exp()) / (b**2 + 1.0)).tanh() * a + (a * a).log()  # noqa: E731
    html = explore(graph(x, y)).save(tmp_path / "mixed.html")
    _open(browser, html, "#step=1000")
    for a, b in [("0.9", "-1.1"), ("1.25", "0.5"), ("-0.3", "2")]:
        _slide(browser, "x", a)
        _slide(browser, "y", b)
        got = browser.execute_script(
            "return ['x','y'].map(k => Number(document.querySelector("
            "`.mgk-explorer input[type=range][data-key='${k}']`).value))"
        )
        ref = graph(Value(got[0]), Value(got[1]))
        ref.backward()
        shown = _nodes(browser)
        for k, node in enumerate(topological_order(ref)):
            assert _close(shown[k][0], node.data), (k, shown[k], node)
            assert _close(shown[k][1], node.grad), (k, shown[k], node)


def test_dragging_a_leaf_on_the_graph_changes_it(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    html = explore(apple_price()).save(tmp_path / "apple.html")
    _open(browser, html, "#step=100")
    leaf = browser.execute_script(
        "return [...document.querySelectorAll('g[data-node]')]"
        ".find(g => g.getAttribute('data-label') === '사과 가격')"
    )
    ActionChains(browser).click_and_hold(leaf).move_by_offset(20, 0).release().perform()
    shown = {v[2]: v for v in _nodes(browser).values()}
    price = float(shown["사과 가격"][0])
    assert price > 100  # 오른쪽으로 끌면 커진다 (2 픽셀에 한 눈금 = 1원)
    assert _close(shown["지불 금액"][0], price * 2 * 1.1)
    assert _close(shown["사과 가격"][1], 2.2)


# ------------------------------------------------------------- 한 걸음 학습
def test_one_learning_step_equals_the_package_sgd_step(browser, tmp_path):
    loss, model, xs, ys = mlp_loss(4)
    html = explore(loss).save(tmp_path / "mlp.html")
    _open(browser, html)
    lr_box = browser.find_element("css selector", ".mgk-lr")
    lr_box.clear()
    lr_box.send_keys("0.1")
    losses = []
    for _ in range(3):
        browser.execute_script("document.querySelector('.mgk-learn-step').click()")
        out = browser.find_element("css selector", ".mgk-learn-out")
        losses.append(
            (float(out.get_attribute("data-before")), float(out.get_attribute("data-after")))
        )
    # 같은 세 걸음을 패키지로: zero_grad → backward → SGD.step
    opt = SGD(model.parameters(), lr=0.1)
    expected = []
    for _ in range(3):
        current = mse([model(x) for x in xs], ys)
        opt.zero_grad()
        current.backward()
        opt.step()
        expected.append((current.data, mse([model(x) for x in xs], ys).data))
    for (b, a), (eb, ea) in zip(losses, expected):
        assert _close(str(b), eb) and _close(str(a), ea)
    assert losses[-1][1] < losses[0][0]  # 손실이 줄었다
    assert "lr=0.1" in browser.current_url and "w[1][1,1]=" in unquote(browser.current_url)
    # 주소를 다시 열면 배운 값 그대로 (다른 페이지를 거쳐 새로 읽는다)
    fragment = "#" + browser.current_url.split("#", 1)[1] + "&view=full"
    browser.get("about:blank")
    _open(browser, html, fragment)
    browser.execute_script("document.querySelector('.mgk-last').click()")
    root = len(topological_order(loss)) - 1
    assert _close(_nodes(browser)[root][0], losses[-1][1])
    browser.execute_script("document.querySelector('.mgk-learn-reset').click()")
    assert _close(_nodes(browser)[root][0], losses[0][0])  # 학습 전으로


# ------------------------------------------------------------- 왜
def test_backward_step_explains_the_rule_and_checks_by_nudging(browser, tmp_path):
    assert set(RULES) == set(OPS)  # 모든 연산에 규칙 글이 있다
    html = explore(abb1()).save(tmp_path / "abb1.html")
    _open(browser, html, "#step=7")
    text = browser.find_element("css selector", ".mgk-text").text
    assert "∂e/∂c = d = 2 (곱셈: 상대 입력의 값" in text
    assert "받은 기울기 1 × 2 = 2" in text
    _open(browser, html, "#step=8")
    text = browser.find_element("css selector", ".mgk-text").text
    assert "c를 +0.001 바꾸면 출력 e는 +0.002 바뀝니다" in text  # (c+0.001)·d − c·d = 0.002


# ------------------------------------------------------------- 명암비와 키보드
CONTRAST = """
const lum = c => { const m = c.match(/[0-9.]+/g).map(Number);
  const f = v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return [0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]), m.length > 3 ? m[3] : 1]; };
const bgOf = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
  if (lum(c)[1] > 0) return c; } return 'rgb(255, 255, 255)'; };
const out = [];
const r = document.querySelector('.mgk-explorer');
const sel = 'h2, button, .mgk-counter, .mgk-hint, .mgk-text p, .mgk-text span, legend, ' +
  '.mgk-leaves label span, .mgk-learn span, .mgk-error, input';
for (const e of r.querySelectorAll(sel)) {
  if (!e.textContent.trim() && e.tagName !== 'INPUT') continue;
  if (!e.getClientRects().length) continue;
  const fg = lum(getComputedStyle(e).color)[0], bg = lum(bgOf(e))[0];
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  out.push([e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 20), ratio]);
}
return out;
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contrast_in_both_themes(browser, tmp_path, scheme):
    loss, _, _, _ = mlp_loss(1)
    html = explore(loss).save(tmp_path / "m.html")
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    try:
        _open(browser, html, "#step=3&v0=abc")  # 오류 글도 보이게
        browser.execute_script("document.querySelector('.mgk-next').click()")
        measured = browser.execute_script(CONTRAST)
        background = browser.execute_script(
            "return getComputedStyle(document.querySelector('.mgk-explorer')).backgroundColor"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert len(measured) > 10
    low = [m for m in measured if m[1] < 4.5]
    assert low == [], low
    dark = sum(map(int, re.findall(r"\d+", background)[:3])) < 200
    assert dark == (scheme == "dark")


@pytest.mark.parametrize("embedded", [False, True], ids=["page", "notebook"])
def test_arrow_keys_work_after_clicking_each_button(browser, tmp_path, embedded):
    from selenium.webdriver.common.keys import Keys

    page = explore(abb1())
    if embedded:
        html = tmp_path / "nb.html"
        html.write_text(
            f"<!DOCTYPE html><meta charset='utf-8'><body>{page._repr_html_()}</body>",
            encoding="utf-8",
        )
    else:
        html = page.save(tmp_path / "abb1.html")
    _open(browser, html)
    for name, after in [("next", 1), ("last", 12), ("prev", 11), ("first", 0)]:
        browser.find_element("css selector", f".mgk-{name}").click()
        assert _step(browser) == after
        key = Keys.ARROW_LEFT if after == 12 else Keys.ARROW_RIGHT
        browser.switch_to.active_element.send_keys(key)
        assert _step(browser) == after + (-1 if after == 12 else 1), name
        browser.switch_to.active_element.send_keys(
            Keys.ARROW_LEFT if after != 12 else Keys.ARROW_RIGHT
        )
        assert _step(browser) == after
    # 초점이 문서 본문으로 빠져도 (막힌 단추의 초점을 브라우저가 한 박자 뒤에 거둘 때처럼)
    # 마지막으로 누른 탐험기가 키를 받는다
    browser.find_element("css selector", ".mgk-next").click()
    browser.execute_script("document.activeElement.blur()")
    assert browser.execute_script("return document.activeElement === document.body")
    browser.find_element("tag name", "body").send_keys(Keys.ARROW_RIGHT)
    assert _step(browser) == 2


def test_touch_device_gets_swipe_not_arrow_key_hint(browser, tmp_path):
    html = explore(abb1()).save(tmp_path / "abb1.html")
    browser.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1}
    )
    try:
        _open(browser, html)
        hint = browser.find_element("css selector", ".mgk-hint").text
        steps = browser.execute_script(
            """const panel = document.querySelector('.mgk-panel');
            const swipe = (dx) => {
              const o = {pointerType: 'touch', bubbles: true, clientY: 100, isPrimary: true};
              panel.dispatchEvent(new PointerEvent('pointerdown', {...o, clientX: 200}));
              panel.dispatchEvent(new PointerEvent('pointerup', {...o, clientX: 200 + dx}));
              return Number(document.querySelector('.mgk-explorer').getAttribute('data-step'));
            };
            return [swipe(-80), swipe(-80), swipe(80), swipe(10)];"""
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
    assert "←" not in hint and "밀어" in hint
    assert steps == [1, 2, 1, 1]  # 왼쪽으로 밀면 다음, 오른쪽으로 밀면 이전, 짧게 밀면 그대로
