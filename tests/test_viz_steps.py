"""한 걸음씩 보는 역전파 테스트: backward() 와 같은 기울기, 걸음 수와 순서, 걸음마다의 그림."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_kr import Value, topological_order
from micrograd_kr.viz import BackwardStep, apple_price, backward_steps, draw_graph, to_svg
from micrograd_kr.viz.graph import BACKWARD_COLOR

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
        assert step.local == step.node._local
        assert [c for c, _ in step.contributions] == list(step.node._prev)
        for (_, received), local in zip(step.contributions, step.local):
            assert received == local * step.upstream
    first = steps[0]
    assert first.node.label == "지불 금액" and first.upstream == 1.0
    assert [(c.label, r) for c, r in first.contributions] == [
        ("사과 총액", pytest.approx(1.1)),
        ("소비세", pytest.approx(200.0)),
    ]
    assert "사과 총액 ← 1.1 × 1 = 1.1" in str(first)
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
