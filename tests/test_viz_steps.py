"""한 걸음씩 보는 역전파 테스트: backward() 와 같은 기울기, 걸음 수와 순서, 걸음마다의 그림."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from viz_support import needs_renderer, renderer_path  # noqa: F401  (준비물: 두 그리기 경로)

from micrograd_kr import Value, topological_order
from micrograd_kr.viz import BackwardStep, apple_price, backward_steps, draw_graph, to_svg
from micrograd_kr.viz.theme import BACKWARD_COLOR, HIGHLIGHT_COLOR

SVG = "{http://www.w3.org/2000/svg}"


def mixed_graph():
    """재사용 노드와 여러 연산이 섞인 그래프: 입력 노드들과 출력을 돌려준다."""
    x = Value(0.7, label="x")
    y = Value(-1.3, label="y")
    a = x * y + x.exp()
    b = (a / (y**2 + 1.0)).tanh() - x.sigmoid()
    out = b * a + (x * x).log() + y.relu() + (-y).relu()
    return [x, y], out


def test_steps_give_the_same_grads_as_backward():
    inputs_ref, root_ref = mixed_graph()
    root_ref.backward()
    inputs, root = mixed_graph()
    steps = list(backward_steps(root))
    assert len(steps) == len(topological_order(root))
    ref_order = topological_order(root_ref)
    order = topological_order(root)
    for ref, node in zip(ref_order, order):
        assert node.grad == pytest.approx(ref.grad, rel=1e-12)
    assert [v.grad for v in inputs] == pytest.approx([v.grad for v in inputs_ref], rel=1e-12)


def test_steps_follow_reverse_topological_order_and_hold_the_chain_rule():
    root = apple_price()  # backward() 를 이미 한 번 불렀으므로 잎의 기울기는 0 으로 되돌린다
    for node in topological_order(root):
        node.grad = 0.0
    steps = list(backward_steps(root))
    assert [s.node for s in steps] == topological_order(root)[::-1]
    assert [s.index for s in steps] == list(range(len(steps)))
    for step in steps:
        assert isinstance(step, BackwardStep)
        # 노드가 처리되는 순간 그 기울기는 이미 다 모였다: 끝난 뒤의 grad 와 같다
        assert step.upstream == step.node.grad
        assert step.local == step.node.local_grads
        assert [c for c, _ in step.contributions] == list(step.node.inputs)
        for (_, received), local in zip(step.contributions, step.local):
            assert received == local * step.upstream
    first = steps[0]
    assert first.node.label == "지불 금액" and first.upstream == 1.0
    assert [(c.label, r) for c, r in first.contributions] == [
        ("사과 총액", pytest.approx(1.1)),
        ("소비세", pytest.approx(200.0)),
    ]
    assert "사과 총액 ← 1 × 1.1 = 1.1" in str(first)
    leaf = next(s for s in steps if s.node.label == "사과 가격")
    assert leaf.contributions == () and "잎(leaf)" in str(leaf) and "2.2" in str(leaf)


def test_stopping_early_leaves_later_nodes_untouched():
    a = Value(3.0, label="a")
    b = a * 2.0
    c = b + 1.0
    steps = backward_steps(c)
    first = next(steps)
    assert first.node is c and b.grad == 1.0 and a.grad == 0.0
    second = next(steps)
    assert second.node is b and a.grad == 2.0


def test_leaf_root_is_one_step():
    x = Value(5.0, label="x")
    steps = list(backward_steps(x))
    assert len(steps) == 1 and steps[0].node is x and x.grad == 1.0


@needs_renderer
def test_textbook_picture_shows_gradients_only_where_backward_has_been():
    root = apple_price()
    for node in topological_order(root):
        node.grad = 0.0
    seen = []
    for step in backward_steps(root):
        svg = to_svg(draw_graph(root, style="textbook", highlight=step.node))
        red = sorted(
            t.text.strip()
            for t in ET.fromstring(svg).iter(SVG + "text")
            if t.get("fill") == BACKWARD_COLOR
        )
        seen.append((step.node.label, red))
    assert seen[0] == ("지불 금액", sorted(["1", "1.1", "200"]))  # 출력 노드만 기울기를 보냈다
    after_total = dict(seen)["사과 총액"]
    assert after_total == sorted(["1", "1.1", "200", "2.2", "110"])
    assert seen[-1][1] == after_total  # 잎 노드는 보낼 곳이 없으니 더 늘지 않는다


# 임의의 식 그래프: 노드를 하나씩 만들며 앞에서 만든 노드를 다시 쓴다 (재사용 = 기울기 누적)
OPS = ["add", "mul", "sub", "tanh", "sigmoid", "square"]


def build(seed_values, ops):
    nodes = [Value(v, label=f"x{i}") for i, v in enumerate(seed_values)]
    for k, (op, i, j) in enumerate(ops):
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if op == "add":
            nodes.append(a + b)
        elif op == "mul":
            nodes.append(a * b)
        elif op == "sub":
            nodes.append(a - b)
        elif op == "tanh":
            nodes.append(a.tanh())
        elif op == "sigmoid":
            nodes.append(b.sigmoid())
        else:
            nodes.append(a**2)
        nodes[-1].label = f"n{k}"
    return nodes


@settings(max_examples=60, deadline=None)
@given(
    seed_values=st.lists(st.floats(-2, 2), min_size=1, max_size=4),
    ops=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50)),
        min_size=1,
        max_size=25,
    ),
)
def test_property_steps_equal_backward(seed_values, ops):
    ref = build(seed_values, ops)
    ref[-1].backward()
    nodes = build(seed_values, ops)
    count = sum(1 for _ in backward_steps(nodes[-1]))
    assert count == len(topological_order(nodes[-1]))
    for r, n in zip(ref, nodes):
        assert math.isclose(n.grad, r.grad, rel_tol=1e-12, abs_tol=1e-12)


# ---------------------------------------------------- 이번 역전파만, 글과 그림이 같은 숫자
def abb1_fresh(times: int) -> Value:
    """e = (a + b)(b + 1) 을 새로 만들고 backward() 를 times 번 부른다."""
    a = Value(2.0, label="a")
    b = Value(1.0, label="b")
    c = a + b
    c.label = "c"
    d = b + 1
    d.label = "d"
    e = c * d
    e.label = "e"
    for _ in range(times):
        e.backward()
    return e


# 손으로 푼 한 번의 역전파: 출력 e 에서 1, e→c 는 d = 2, e→d 는 c = 3, 더하기는 그대로
ABB1_STEPS = [
    ("e", [("c", 2.0), ("d", 3.0)]),
    ("c", [("a", 2.0), ("b", 2.0)]),
    ("a", []),
    ("d", [("b", 3.0), ("상수 1", 3.0)]),
    ("b", []),
    ("상수 1", []),
]


def red_texts(svg: str) -> list[str]:
    found = ET.fromstring(svg).iter(SVG + "text")
    return sorted((t.text or "").strip() for t in found if t.get("fill") == BACKWARD_COLOR)


def all_texts(svg: str) -> list[str]:
    return [(t.text or "").strip() for t in ET.fromstring(svg).iter(SVG + "text")]


@needs_renderer
@pytest.mark.parametrize("times", [0, 1, 2])
def test_steps_show_this_pass_only_and_text_agrees_with_picture(times):
    e = abb1_fresh(times)
    b = next(v for v in topological_order(e) if v.label == "b")
    assert b.grad == 5.0 * times  # 잎의 grad 는 backward() 마다 쌓였다
    steps = list(backward_steps(e))
    assert b.grad == 5.0 * (times + 1)  # backward() 한 번과 같은 효과
    assert [(s.node.label or "상수 1") for s in steps] == [name for name, _ in ABB1_STEPS]
    sent_red: list[str] = ["1"]  # 출력 화살표의 기울기 1
    for step, (_, expected) in zip(steps, ABB1_STEPS):
        got = [(child.label or "상수 1", r) for child, r in step.contributions]
        assert got == expected
        # 글: "c ← 1 × 2 = 2" 처럼 이번 역전파의 기울기만
        for child_name, received in expected:
            assert f"{child_name} ← " in str(step) and f"= {received:g}" in str(step)
        sent_red += [f"{r:g}" for _, r in expected]
        svg = to_svg(step.draw(style="textbook"))
        sums = ["(기울기 합 5)"] if step.index >= 4 else []  # b 의 걸음부터 b 의 합이 보인다
        assert red_texts(svg) == sorted(sent_red + sums)  # 기울기 합도 빨강
        words = all_texts(svg)
        assert [w for w in words if w.startswith("(기울기 합")] == sums
        assert not any("10" in w or "15" in w for w in words)  # 앞선 역전파의 누적은 없다
    leaf_b = steps[4]
    assert str(leaf_b).endswith("이번 역전파의 기울기 5") and leaf_b.upstream == 5.0


@needs_renderer
@pytest.mark.parametrize("times", [0, 1, 2])
def test_card_step_pictures_show_running_sums_of_this_pass(times):
    e = abb1_fresh(times)
    steps = list(backward_steps(e))
    # 걸음마다 b 의 카드: 아직 기울기가 오지 않았으면 ?, c 가 2 를 보낸 뒤 2, d 가 3 을 보낸 뒤 5
    expected_b = ["?", "2", "2", "5", "5", "5"]
    for step, b_text in zip(steps, expected_b):
        words = all_texts(to_svg(step.draw(style="card")))
        b_card = words.index("b")
        assert words[b_card + 1 : b_card + 3] == ["값 1", f"기울기 {b_text}"]
        b = next(v for v in topological_order(e) if v.label == "b")
        assert step.received[b] == (0.0 if b_text == "?" else float(b_text))


def node_centres(svg: str) -> dict[str, tuple[float, float]]:
    """노드마다 원의 가운데, 또는 글 줄들의 가운데 (표시 테두리와 상관없이 비교할 자리)."""
    found = {}
    for g in ET.fromstring(svg).iter(SVG + "g"):
        if "node" not in (g.get("class") or "").split():
            continue
        lines = g.findall(SVG + "text")
        ellipse = g.find(SVG + "ellipse")
        if ellipse is not None:
            found[g.find(SVG + "title").text] = (float(ellipse.get("cx")), float(ellipse.get("cy")))
        elif lines:  # 여러 줄 글은 가운데 정렬: 첫 줄과 끝 줄의 가운데가 노드의 가운데
            y = (float(lines[0].get("y")) + float(lines[-1].get("y"))) / 2
            found[g.find(SVG + "title").text] = (float(lines[0].get("x")), round(y, 2))
    return found


def same_places(a: dict, b: dict, tol: float = 0.05) -> bool:
    """같은 노드들이 같은 자리(반올림 차이 tol 포인트 안)에 있는지."""
    return a.keys() == b.keys() and all(
        abs(p - q) <= tol for name in a for p, q in zip(a[name], b[name])
    )


@pytest.mark.parametrize("style", ["textbook", "card"])
@pytest.mark.parametrize("times", [0, 2])
@pytest.mark.usefixtures("renderer_path")
def test_all_frames_share_one_layout(style, times):
    e = abb1_fresh(times)
    frames = [to_svg(step.draw(style=style)) for step in backward_steps(e)]
    sizes = {(ET.fromstring(s).get("width"), ET.fromstring(s).get("height")) for s in frames}
    assert len(sizes) == 1  # 그림 크기가 같다
    centres = [node_centres(s) for s in frames]
    assert all(same_places(c, centres[0]) for c in centres[1:])
    assert len(centres[0]) >= 6
    # 걸음마다 표시된 노드는 다르다 (같은 그림을 여섯 번 그린 것이 아니다)
    marked = [
        g.find(SVG + "title").text
        for s in frames
        for g in ET.fromstring(s).iter(SVG + "g")
        if any(x.get("stroke") == HIGHLIGHT_COLOR for x in g)
    ]
    assert len(set(marked)) == len(frames)


@pytest.mark.parametrize("times", [0, 1])
@pytest.mark.usefixtures("renderer_path")
def test_bigger_sequence_keeps_its_layout(times):
    _, out = mixed_graph()
    for _ in range(times):
        out.backward()
    frames = [to_svg(step.draw()) for step in backward_steps(out)]
    centres = [node_centres(s) for s in frames]
    assert len(frames) == len(topological_order(out)) and all(
        same_places(c, centres[0]) for c in centres
    )


def test_draw_graph_with_a_step_is_the_same_as_step_draw():
    e = abb1_fresh(1)
    step = list(backward_steps(e))[2]
    assert draw_graph(e, style="textbook", highlight=step).source == step.draw().source
    with pytest.raises(ValueError, match="다른 출력"):
        draw_graph(abb1_fresh(0), highlight=step)
    with pytest.raises(TypeError, match="BackwardStep"):
        draw_graph(e, highlight="c")


@needs_renderer
def test_static_textbook_picture_after_two_backwards_says_what_grad_holds():
    e = abb1_fresh(2)
    words = all_texts(to_svg(draw_graph(e, style="textbook")))
    # 화살표는 한 번의 역전파 (a 에 2), 잎의 grad 는 두 번 쌓인 값 (a 4, b 10)
    assert "(grad 누적 4)" in words and "(grad 누적 10)" in words
    assert "(기울기 합 5)" in words
    card = all_texts(to_svg(draw_graph(e, style="card")))
    assert "기울기 4" in card and "기울기 10" in card
    fresh = all_texts(to_svg(draw_graph(abb1_fresh(1), style="textbook")))
    assert not any("누적" in w for w in fresh)


def test_step_text_uses_picture_symbols():
    x = Value(2.0, label="x")
    y = x * 3
    y.label = "y"
    first = next(backward_steps(y))
    assert "(연산 ×)" in str(first) and "상수 3 ← 1 × 2 = 2" in str(first)
