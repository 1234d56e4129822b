"""엔진의 빠른 길(fast path) 테스트.

- 위상 정렬(topological order)과 역전파 순회: 무작위 DAG, 아주 긴 사슬, 공유 노드.
- 숫자를 Value 로 감싸는 지름길: int·float·bool·numpy 스칼라, Value 의 하위 클래스.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_kr import Value, topological_order


def reference_order(root: Value) -> list[Value]:
    """재귀로 쓴 깊이 우선 탐색의 후위 순서 (작은 그래프에서만 쓰는 기준 답).

    엔진은 입력들을 스택에 차례로 쌓고 위에서부터 꺼내므로 마지막 입력부터 방문한다.
    기준 답도 같은 차례(reversed)로 방문한다.
    """
    order: list[Value] = []
    visited: set[int] = set()

    def visit(node: Value) -> None:
        if id(node) in visited:
            return
        visited.add(id(node))
        for child in reversed(node.inputs):
            visit(child)
        order.append(node)

    visit(root)
    return order


@st.composite
def random_dags(draw):
    """잎 1~4 개와 연산 1~30 개로 된 DAG. 각 연산은 앞서 만든 노드들 가운데서 입력을 고른다.

    (같은 노드를 두 번 입력으로 쓰는 x*x, 여러 번 쓰이는 노드, root 에 닿지 않는 노드도 나온다.)
    돌려주는 것: 잎의 값들, 연산 목록 [(이름, 입력 번호들)].
    """
    leaves = draw(st.lists(st.floats(-1.0, 1.0), min_size=1, max_size=4))
    ops = []
    for i in range(draw(st.integers(1, 30))):
        n_before = len(leaves) + i
        name = draw(st.sampled_from(["+", "*", "tanh", "neg"]))
        arity = 2 if name in "+*" else 1
        ops.append((name, [draw(st.integers(0, n_before - 1)) for _ in range(arity)]))
    return leaves, ops


def evaluate(leaves, ops, make):
    """DAG 를 계산한다. make=Value 면 그래프를, make=float 면 보통 수를 쓴다."""
    nodes = [make(x) for x in leaves]
    for name, idx in ops:
        args = [nodes[i] for i in idx]
        if name == "+":
            nodes.append(args[0] + args[1])
        elif name == "*":
            nodes.append(args[0] * args[1])
        elif name == "neg":
            nodes.append(-args[0])
        else:
            nodes.append(args[0].tanh() if isinstance(args[0], Value) else math.tanh(args[0]))
    return nodes


@settings(max_examples=200, deadline=None)
@given(random_dags())
def test_order_matches_recursive_post_order_on_random_dags(dag):
    leaves, ops = dag
    root = evaluate(leaves, ops, Value)[-1]
    order = topological_order(root)
    assert [id(n) for n in order] == [id(n) for n in reference_order(root)]
    # 성질로도 확인: 모든 노드는 한 번씩, 입력은 언제나 먼저, 마지막은 root
    position = {id(n): i for i, n in enumerate(order)}
    assert len(position) == len(order)
    assert order[-1] is root
    for node in order:
        for child in node.inputs:
            assert position[id(child)] < position[id(node)]


@settings(max_examples=100, deadline=None)
@given(random_dags())
def test_backward_on_random_dags_matches_central_differences(dag):
    leaves, ops = dag
    nodes = evaluate(leaves, ops, Value)
    nodes[-1].backward()
    h = 1e-6
    for i in range(len(leaves)):
        up = list(leaves)
        down = list(leaves)
        up[i] += h
        down[i] -= h
        slope = (evaluate(up, ops, float)[-1] - evaluate(down, ops, float)[-1]) / (2 * h)
        assert math.isclose(nodes[i].grad, slope, rel_tol=1e-4, abs_tol=1e-6)


def test_million_node_unary_chain_in_order_at_default_recursion_limit():
    assert sys.getrecursionlimit() <= 10_000
    leaf = y = Value(2.0)
    for _ in range(999_999):
        y = y.relu()
    order = topological_order(y)
    assert len(order) == 1_000_000
    assert order[0] is leaf and order[-1] is y
    y.backward()
    assert leaf.grad == 1.0
    y.backward()  # 잎의 기울기는 쌓이고, 중간 노드는 매번 새로 계산된다
    assert leaf.grad == 2.0
    assert y.inputs[0].grad == 1.0


def test_deep_graph_with_shared_nodes_matches_forward_derivative():
    """x_{i+1} = tanh(x_i·x_i + x_i) 를 10⁵ 번: 노드마다 두 번 쓰이는 깊은 그래프.

    기준 답은 보통 수로 한 순방향 미분 미분 d_{i+1} = (1 - x_{i+1}²)(2x_i + 1)·d_i.
    """
    steps = 100_000
    x0 = Value(0.3)
    v = x0
    x, d = 0.3, 1.0
    for _ in range(steps):
        v = (v * v + v).tanh()
        nxt = math.tanh(x * x + x)
        d *= (1.0 - nxt * nxt) * (2.0 * x + 1.0)
        x = nxt
    order = topological_order(v)
    assert len(order) == 1 + 3 * steps  # 잎 하나 + 단계마다 곱셈·덧셈·tanh
    v.backward()
    assert v.data == x
    assert math.isclose(x0.grad, d, rel_tol=1e-9)


# ------------------------------------------------------------ 숫자 감싸기
class TaggedValue(Value):
    """Value 의 하위 클래스도 Value 로 취급되어야 한다 (type(x) is Value 지름길을 벗어나는 경우)."""


@pytest.mark.parametrize(
    "number", [3, 3.0, True, np.float64(3.0), np.float32(3.0), np.int64(3), np.array(3.0)]
)
def test_numbers_mixed_with_values_become_plain_float_leaves(number):
    x = Value(2.0)
    expected = float(number)
    for out, local_x in [
        (x * number, expected),
        (number * x, expected),
        (x + number, 1.0),
        (number - x, -1.0),
        (x / number, 1.0 / expected),
    ]:
        constant = out.inputs[1] if out.inputs[0] is x else out.inputs[0]
        assert type(constant.data) is float and constant.data == expected
        assert constant.inputs == ()
        assert type(out.data) is float
        x.grad = 0.0
        out.backward()
        assert x.grad == local_x


def test_numpy_scalars_do_not_leak_into_the_graph():
    """numpy 스칼라로 만든 Value 도 data 는 float: 그 뒤의 모든 노드가 보통 float 로 계산된다."""
    row = np.array([0.5, -1.25])
    xs = [Value(v) for v in row]
    out = (xs[0] * xs[1] + 1).tanh()
    assert all(type(v.data) is float for v in (*xs, out))
    assert out.data == math.tanh(0.5 * -1.25 + 1)


def test_value_subclass_is_used_as_is_by_binary_ops():
    a, b = Value(3.0), TaggedValue(4.0)
    for out in (a + b, a - b, a * b, a / b):
        assert out.inputs == (a, b)
    (a * b).backward()
    assert (a.grad, b.grad) == (4.0, 3.0)


@pytest.mark.parametrize("bad", ["2", None, [1.0], np.array([1.0, 2.0])])
def test_non_numbers_still_raise_type_error_naming_the_value(bad):
    with pytest.raises(TypeError, match="받은 값"):
        Value(1.0) * bad
