"""역전파 탐험기의 신경망 보기: 그래프에서 층과 뉴런 찾기, 이름(입력·정답·1/N), 주소 조각의 열쇠,
그리고 크로미움에서 409 노드 MLP 의 모든 걸음.

숫자는 모두 파이썬 엔진(``loss.backward()``)이나 모델의 가중치로 손으로 다시 계산한 값과 견줍니다.
``pytest -s`` 로 돌리면 409 노드 페이지의 걸음 수와 걸음 시간을 찍습니다.
"""

from __future__ import annotations

import math
import re
import statistics
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from viz_support import needs_renderer

from micrograd_kr import MLP, Value, topological_order
from micrograd_kr.losses import cross_entropy, hinge, l2, mse
from micrograd_kr.viz import explore
from micrograd_kr.viz.explore_network import find_network, leaf_roles
from micrograd_kr.viz.explore_records import RESERVED_KEYS, assign_keys, parameter_names

pytestmark = needs_renderer


def mlp_page(samples: int = 1, sizes: tuple[int, ...] = (16, 16, 1)):
    """``MLP(2, sizes, seed=0)``, 표본 samples 개와 mse. 표본이 하나면 그래프는 409 노드."""
    model = MLP(2, list(sizes), seed=0)
    xs = [[0.5 - 0.25 * s, -1.0 + 0.5 * s] for s in range(samples)]
    ys = [1.0 if s % 2 == 0 else -1.0 for s in range(samples)]
    return mse([model(x) for x in xs], ys), model, xs, ys


def by_hand(model: MLP, x: list[float]) -> list[list[tuple[float, float]]]:
    """뉴런마다 (z, a): 모델의 가중치를 float 로 곱해 더한 독립된 기준."""
    out, h = [], x
    for li, layer in enumerate(model.layers):
        row = []
        for n in layer.neurons:
            z = sum(w.data * xi for w, xi in zip(n.w, h)) + n.b.data
            a = z if li == len(model.layers) - 1 else max(z, 0.0)
            row.append((z, a))
        out.append(row)
        h = [a for _, a in row]
    return out


# ------------------------------------------------------------- 그래프에서 신경망 찾기
def test_network_is_found_with_the_models_layers_neurons_and_samples():
    loss, model, xs, ys = mlp_page(3, (3, 2, 1))
    order = topological_order(loss)
    index = {node: i for i, node in enumerate(order)}
    net = find_network(order, parameter_names(order))
    assert net is not None
    assert (net.inputs, net.sizes, net.activations) == (2, [3, 2, 1], ["relu", "relu", "linear"])
    for li, layer in enumerate(model.layers):
        for j, neuron in enumerate(layer.neurons):
            assert net.params[li][j] == ([index[w] for w in neuron.w], index[neuron.b])
    assert len(net.samples) == 3
    for s, sample in enumerate(net.samples):  # 표본 1 은 xs[0]: 데이터의 차례
        assert [order[i].data for i in sample["x"]] == xs[s]
        for li, row in enumerate(by_hand(model, xs[s])):
            for j, (z, a) in enumerate(row):
                assert math.isclose(order[sample["z"][li][j]].data, z, rel_tol=1e-12, abs_tol=1e-15)
                assert math.isclose(order[sample["a"][li][j]].data, a, rel_tol=1e-12, abs_tol=1e-15)
    assert order[-1] is loss and index[loss] in net.head
    roles = {leaf.data: name for leaf, name in leaf_roles(order, net).items()}
    assert roles[1 / 3] == "1/N (평균, N=3)"
    named = sorted(leaf_roles(order, net).values())
    assert named.count("입력 x[1] (표본 2)") == 1 and "정답 y (표본 3)" in named


def test_hinge_targets_and_margin_are_named():
    model = MLP(2, [4, 1], seed=3)
    xs, ys = [[0.5, -1.0], [1.0, 2.0]], [1, -1]
    loss = hinge([model(x) for x in xs], ys)
    order = topological_order(loss)
    roles = leaf_roles(order, find_network(order, parameter_names(order)))
    by_name = {name: leaf.data for leaf, name in roles.items()}
    assert by_name["정답 y (표본 1)"] == 1.0 and by_name["정답 y (표본 2)"] == -1.0
    assert by_name["여유(margin)"] == 1.0 and by_name["1/N (평균, N=2)"] == 0.5
    assert by_name["입력 x[2] (표본 2)"] == 2.0


def test_shapes_that_are_not_layers_of_neurons_are_not_a_network():
    model = MLP(2, [3, 1], seed=1)
    plain = model([0.5, -1.0])
    order = topological_order(plain)
    found = find_network(order, parameter_names(order))
    assert found is not None and found.head == []  # 손실 없이 출력 뉴런이 끝이어도 된다
    # 매개변수를 정규화 항에서도 쓰면 뉴런 단위의 설명이 틀리므로 신경망으로 보지 않는다
    reg = mse([model([0.5, -1.0])], [1.0]) + l2(model.parameters())
    order = topological_order(reg)
    assert find_network(order, parameter_names(order)) is None
    # 손으로 만든 뉴런(곱셈과 덧셈)은 linear 노드가 없다
    w, x = Value(0.3), Value(2.0)
    order = topological_order((w * x + 1.0).tanh())
    assert find_network(order, parameter_names(order)) is None
    # 출력이 여럿이고 손실이 cross_entropy 여도 된다 (정답은 노드가 아닌 클래스 번호)
    wide = MLP(2, [4, 3], activation="tanh", seed=2)
    order = topological_order(cross_entropy(wide([0.1, 0.2]), 2))
    net = find_network(order, parameter_names(order))
    assert net is not None and net.sizes == [4, 3] and net.activations == ["tanh", "linear"]


# ------------------------------------------------------------- 주소 조각의 열쇠
LABELS = ["a", "b", "view", "step", "lr", "~a", "~~a", "v0", "v3", ""]


@given(st.lists(st.sampled_from(LABELS), max_size=8))
def test_leaf_keys_are_distinct_and_never_a_reserved_key(labels):
    nodes = [{"label": label, "op": ""} for label in labels]
    nodes += [{"label": "", "op": "", "param": "w[1][1,1]"}, {"label": "w[1][1,1]", "op": ""}]
    assign_keys(nodes)
    keys = [n["key"] for n in nodes]
    assert len(set(keys)) == len(keys)
    assert not set(keys) & set(RESERVED_KEYS)
    for n in nodes:  # 하나뿐인 이름표는 그대로거나 ~ 를 붙인 것
        if n["label"] and [m["label"] for m in nodes].count(n["label"]) == 1:
            if not re.fullmatch(r"v\d+", n["label"]) and n["label"] != "w[1][1,1]":
                assert n["key"] in (n["label"], "~" + n["label"])


def test_a_long_op_name_gives_a_short_korean_message():
    class Foreign:
        def __init__(self, data, prev=(), op=""):
            self.data, self.grad, self._prev, self._op = data, 0.0, prev, op

    root = Foreign(1.0, (Foreign(2.0),), "x" * 100_000)
    with pytest.raises(ValueError) as info:
        explore(root)
    message = str(info.value)
    assert len(message) < 400 and "다시 계산할 줄 모르는 연산" in message and "…" in message


# ------------------------------------------------------------- 브라우저
def _open(browser, html: Path, fragment: str = "") -> None:
    browser.get(html.resolve().as_uri() + fragment)


def viewport(browser, width: int, height: int) -> None:
    """창 안쪽(페이지가 보이는 곳)의 크기를 정확히 width×height 로."""
    browser.set_window_size(width, height)
    inner = browser.execute_script("return [innerWidth, innerHeight]")
    browser.set_window_size(2 * width - inner[0], 2 * height - inner[1])


FOLLOW = """
const r = document.querySelector('.mgk-explorer');
const box = r.querySelector('.mgk-graph'), panel = r.querySelector('.mgk-panel');
const next = r.querySelector('.mgk-next');
r.querySelector('.mgk-first').click();
const place = () => { const b = box.getBoundingClientRect();
  return [Math.round(b.left + scrollX), Math.round(b.top + scrollY), Math.round(b.width),
          Math.round(b.height)]; };
const start = place();
const bad = [], moved = [], times = [], seen = [];
let scroll = [box.scrollLeft, box.scrollTop], jumps = 0;
while (!next.disabled) {
  const t0 = performance.now();
  next.click();
  r.offsetHeight;
  times.push(performance.now() - t0);
  const step = Number(r.getAttribute('data-step'));
  if (place().join() !== start.join()) moved.push(step);
  const d = Math.hypot(box.scrollLeft - scroll[0], box.scrollTop - scroll[1]);
  if (d > box.clientHeight) bad.push([step, 'scrolled ' + d]);
  jumps = Math.max(jumps, d);
  scroll = [box.scrollLeft, box.scrollTop];
  if (panel.scrollHeight > panel.clientHeight + 1) bad.push([step, 'panel scrolls']);
  const cur = r.querySelectorAll('[aria-current="step"]');
  if (!cur.length) { bad.push([step, 'no aria-current']); continue; }
  const c = cur[0].getBoundingClientRect(), b = box.getBoundingClientRect();
  const inWindow = c.left >= 0 && c.top >= 0 && c.right <= innerWidth && c.bottom <= innerHeight;
  const inBox = c.left >= b.left && c.top >= b.top && c.right <= b.right && c.bottom <= b.bottom;
  if (!inWindow || !inBox) bad.push([step, 'out of view']);
  seen.push([step, r.getAttribute('data-current'), cur[0].getAttribute('data-l'),
             cur[0].getAttribute('data-j'), cur[0].getAttribute('data-value'),
             cur[0].getAttribute('data-grad'), r.querySelector('.mgk-text').textContent]);
}
return {bad, moved, times, seen, jumps, total: Number(r.getAttribute('data-step')),
        view: r.getAttribute('data-view')};
"""


def test_409_node_mlp_page_follows_every_step_in_the_network_view(browser, tmp_path):
    """완료 조건: 409 노드 MLP 페이지의 기본 보기(신경망)에서 모든 걸음 — 지금 원은 창과 그림 칸 안,
    한 걸음의 스크롤은 그림 칸 높이 이하, 그림 칸은 그 자리, 설명 칸은 안에서 스크롤하지 않음
    (1280×800). 걸음마다 보이는 값·기울기는 엔진의 값과 같다."""
    loss, model, xs, _ = mlp_page()
    order = topological_order(loss)
    assert len(order) == 409
    html = explore(loss).save(tmp_path / "mlp409.html")
    loss.backward()
    index = {node: i for i, node in enumerate(order)}
    viewport(browser, 1280, 800)
    try:
        _open(browser, html)
        assert browser.execute_script("return [innerWidth, innerHeight]") == [1280, 800]
        browser.set_script_timeout(120)
        result = browser.execute_script(FOLLOW)
    finally:
        browser.set_script_timeout(30)
        browser.set_window_size(1280, 1000)
    assert result["view"] == "network"
    assert result["total"] == (1 + 33 + 1) + (1 + 33)  # 순전파 35 걸음(입력, 뉴런, 손실), 역전파 34
    assert result["bad"] == [] and result["moved"] == []
    hand = by_hand(model, xs[0])
    neurons = {}
    for li, layer in enumerate(model.layers):
        for j, neuron in enumerate(layer.neurons):
            z = next(n for n in order if n.op == "linear" and n.inputs[-1] is neuron.b)
            a = z if li == 2 else next(n for n in order if n.inputs == (z,))
            neurons[(li + 1, j + 1)] = (z, a)
    checked = 0
    for _, current, layer, j, value, grad, text in result["seen"]:
        if layer is None:
            continue
        li, j = int(layer), int(j)
        z, a = neurons[(li, j)]
        assert int(current) == index[a]
        assert math.isclose(float(value), hand[li - 1][j - 1][1], abs_tol=1e-12)
        if "역전파" in text:  # 세 줄: ① ∂L/∂a, ② ∂L/∂z, ③ 가중치의 기울기
            assert math.isclose(float(grad), a.grad, rel_tol=1e-9, abs_tol=1e-15)
            assert re.search(r"① 출력의 기울기 ∂L/∂a = .* = " + re.escape(_fmt(a.grad)), text)
            assert "② 가중합의 기울기 ∂L/∂z" in text and f"= {_fmt(z.grad)} (" in text
            w = model.layers[li - 1].neurons[j - 1].w[0]
            assert f"= {_fmt(w.grad)}" in text.split("③", 1)[1]
            checked += 1
        else:
            assert grad == ""  # 순전파 중에는 기울기가 없다
    assert checked == 33
    times = sorted(result["times"])
    print(
        f"\n409 노드 신경망 보기: {result['total']} 걸음, 걸음 시간 중앙값 "
        f"{statistics.median(times):.2f} ms, 최대 {times[-1]:.2f} ms, 가장 큰 스크롤 "
        f"{result['jumps']:.0f} px"
    )


def _fmt(x: float) -> str:
    """페이지의 숫자 쓰기(format_number 와 같은 규칙)."""
    from micrograd_kr.viz.labels import format_number

    return format_number(x)


def test_clicking_a_neuron_opens_its_scalar_graph_and_back(browser, tmp_path):
    loss, model, xs, _ = mlp_page(2, (4, 3, 1))
    html = explore(loss).save(tmp_path / "m.html")
    loss.backward()
    _open(browser, html, "#step=20")
    before = browser.execute_script(
        "return document.querySelector('.mgk-explorer').getAttribute('data-step')"
    )
    browser.execute_script(
        'document.querySelector(\'g.mgk-neuron[data-l="2"][data-j="1"]\')'
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    state = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer');
        r.querySelector('.mgk-last').click();
        const boxes = {};
        for (const g of r.querySelectorAll('svg[data-view="neuron"] [data-cell-node]'))
          boxes[g.getAttribute('data-cell-node')] = [g.getAttribute('data-value'),
                                                    g.getAttribute('data-grad')];
        return [r.getAttribute('data-view'), boxes, location.hash,
                r.querySelector('.mgk-text').textContent];"""
    )
    view, boxes, fragment, text = state
    assert view.startswith("n2.1") and "view=n2.1" in fragment and "뉴런 [2][1] 안 5/5" in text
    order = topological_order(loss)
    index = {node: i for i, node in enumerate(order)}
    neuron = model.layers[1].neurons[0]
    net = find_network(order, parameter_names(order))
    sample = int(view.partition("s")[2] or 1) - 1  # 그림이 보이던 표본
    z = order[net.samples[sample]["z"][1][0]]
    assert math.isclose(float(boxes[str(index[z])][0]), z.data, rel_tol=1e-12)
    assert math.isclose(float(boxes[str(index[z])][1]), z.grad, rel_tol=1e-9, abs_tol=1e-15)
    for k, w in enumerate(neuron.w):  # 이 표본이 w 에 보낸 몫 = ∂L/∂z × x
        x = z.inputs[len(neuron.w) + k]
        share = float(boxes[str(index[w])][1])
        assert math.isclose(share, z.grad * x.data, rel_tol=1e-9, abs_tol=1e-15)
    back = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer');
        r.querySelector('.mgk-back').click();
        return [r.getAttribute('data-view'), r.getAttribute('data-step')];"""
    )
    assert back == ["network", before]


def test_switching_views_keeps_the_place(browser, tmp_path):
    loss, _, _, _ = mlp_page(1, (4, 4, 1))
    html = explore(loss).save(tmp_path / "m.html")
    _open(browser, html, "#step=7")
    got = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer');
        const here = r.getAttribute('data-current');
        r.querySelector('.mgk-view').click();
        const there = [r.getAttribute('data-view'), r.getAttribute('data-current'),
                       r.querySelectorAll('svg[data-view="full"] [aria-current="step"]').length];
        const titles = [...r.querySelectorAll('title')].map(t => t.textContent);
        r.querySelector('.mgk-view').click();
        return [here, there, titles, r.getAttribute('data-view'),
                r.getAttribute('data-current')];"""
    )
    here, there, titles, view_again, back = got
    assert there == ["full", here, 1]  # 같은 뉴런의 출력 노드가 지금 노드
    internal = re.compile(r"v\d+(->v\d+)?|computational_graph")
    assert titles and not [t for t in titles if internal.fullmatch(t)]
    assert [view_again, back] == ["network", here]


def test_fragment_keys_with_reserved_and_prototype_names(browser, tmp_path):
    view = Value(2.0, label="view")
    others = [Value(1.0, label=name) for name in ("constructor", "__proto__", "toString")]
    root = view * 3 + others[0] + others[1] + others[2]
    html = explore(root).save(tmp_path / "k.html")
    _open(browser, html, "#step=100&~view=5&constructor=2")
    out = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer');
        return [[...r.querySelectorAll('input[type=text][data-key]')].map(
                  i => [i.getAttribute('data-key'), i.value]),
                r.querySelector('.mgk-error').textContent];"""
    )
    keys, note = dict(out[0]), out[1]
    named = {k: v for k, v in keys.items() if not re.fullmatch(r"v\d+", k)}  # 상수 3 은 v번호
    assert named == {"~view": "5", "constructor": "2", "__proto__": "1", "toString": "1"}
    assert note == ""
    _open(browser, html, "#view=full&toString=7&hasOwnProperty=1&__proto__=x")
    note = browser.find_element("css selector", ".mgk-error").text
    assert "'hasOwnProperty'는 이 그래프의 잎 노드 이름이 아니라서" in note
    assert "'__proto__=x'는 숫자가 아니라서" in note
    # 열쇠 2만 개: 알리는 글은 짧게, 나머지는 그 수만
    fragment = "#" + "&".join(f"k{i}=1" for i in range(20_000))
    browser.get("about:blank")
    _open(browser, html, fragment)
    note = browser.find_element("css selector", ".mgk-error").text
    assert len(note) < 400 and "19997개를 무시했습니다" in note
    _open(browser, html, "#" + "z" * 100_000 + "=1")
    note = browser.find_element("css selector", ".mgk-error").text
    assert len(note) < 200 and "100000자" in note


PAGE_LOOK = """
const r = document.querySelector('.mgk-explorer'), box = r.querySelector('.mgk-graph');
const svg = [...box.querySelectorAll('svg')].find(s => s.style.display !== 'none');
return [svg.getBoundingClientRect().width, box.clientWidth,
        getComputedStyle(document.body).backgroundColor, r.querySelector('.mgk-zoom').textContent];
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_fits_the_width_and_dark_pages_are_dark(browser, tmp_path, scheme):
    loss, _, _, _ = mlp_page()
    pages = [explore(loss).save(tmp_path / "m.html")]
    x, y = Value(2.0, label="a"), Value(1.0, label="b")
    pages.append(explore((x + y) * (y + 1)).save(tmp_path / "abb1.html"))
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    viewport(browser, 390, 844)
    try:
        looks = []
        for page in pages:
            _open(browser, page)
            looks.append(browser.execute_script(PAGE_LOOK))
            browser.execute_script("document.querySelector('.mgk-zoom').click()")
            looks.append(browser.execute_script(PAGE_LOOK))
    finally:
        browser.set_window_size(1280, 1000)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    for fit, actual in (looks[0:2], looks[2:4]):
        assert fit[0] <= fit[1] + 1  # 처음에는 그림 칸의 폭에 맞춤
        assert fit[3] == "100 %로 보기" and actual[3] == "화면에 맞춤"
        body = [int(c) for c in re.findall(r"\d+", fit[2])[:3]]
        assert (sum(body) < 150) == (scheme == "dark")
    assert looks[1][0] > looks[1][1]  # 100 % 의 409 노드 신경망은 칸보다 넓다
