"""autodiff 시험: 고계 미분, 순방향 미분, 수치 미분·기울기 검사, 이상 탐지.

기준값은 손으로 유도한 닫힌 식(closed form), 교과서 숫자(tests/data/textbook.json),
중앙 차분 수치 미분, 그리고 무작위 식(hypothesis)에서의 두 방법 비교입니다.
"""

from __future__ import annotations

import doctest
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from support_robust import (
    case_table_test,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
)

import micrograd_kr.autodiff as autodiff_module
from micrograd_kr import modes
from micrograd_kr.autodiff import (
    AnomalyError,
    ForwardResult,
    GradcheckError,
    compare_modes,
    detect_anomaly,
    forward_grad,
    grad,
    gradcheck,
    numerical_grad,
)
from micrograd_kr.engine import Value, make_node, topological_order
from micrograd_kr.fused import linear
from micrograd_kr.modes import no_grad
from micrograd_kr.nn import MLP

TEXTBOOK = json.loads((Path(__file__).parent / "data" / "textbook.json").read_text("utf-8"))
HANGUL = re.compile("[가-힣]")


def derivatives(fn, x0: float, order: int) -> list[float]:
    """fn 의 1..order 계 도함수 값을 grad(create_graph=True) 를 거듭해 구한다."""
    x = Value(x0)
    current = fn(x)
    values = []
    for _ in range(order):
        # 도함수가 상수가 되면(relu·v 의 2계 도함수 2) 다음 미분에는 x 가 쓰이지 않는다: 0
        (current,) = grad(current, x, create_graph=True, allow_unused=True)
        values.append(current.data)
    return values


# ===================================================================== 고계 미분
def test_textbook_quartic_first_and_second_derivative():
    ref = TEXTBOOK["higher_order"]["at_x2"]
    x = Value(2.0)
    f = x**4 - 2 * x**2
    (df,) = grad(f, x, create_graph=True)
    (d2f,) = grad(df, x)
    assert f.data == pytest.approx(ref["f"])
    assert df.data == pytest.approx(ref["df"])
    assert d2f == pytest.approx(ref["d2f"])


def test_newton_method_matches_textbook_sequence():
    expected = TEXTBOOK["higher_order"]["newton_from_2"]
    xs = [2.0]
    for _ in range(len(expected) - 1):
        x = Value(xs[-1])
        f = x**4 - 2 * x**2
        (df,) = grad(f, x, create_graph=True)
        (d2f,) = grad(df, x)
        xs.append(xs[-1] - df.data / d2f)  # 뉴턴 방법: x ← x − f'/f''
    assert xs == pytest.approx(expected, rel=1e-12, abs=1e-12)


def _tanh_derivs(x):
    t = math.tanh(x)
    return [1 - t * t, -2 * t * (1 - t * t), -2 * (1 - t * t) * (1 - 3 * t * t)]


def _sigmoid_derivs(x):
    s = 1 / (1 + math.exp(-x))
    d1 = s * (1 - s)
    return [d1, d1 * (1 - 2 * s), d1 * (1 - 6 * s + 6 * s * s)]


CLOSED_FORMS = [
    ("tanh", lambda v: v.tanh(), _tanh_derivs, [-1.5, -0.3, 0.0, 0.7, 2.0]),
    ("sigmoid", lambda v: v.sigmoid(), _sigmoid_derivs, [-3.0, -0.4, 0.0, 1.1, 2.5]),
    ("exp", lambda v: v.exp(), lambda x: [math.exp(x)] * 3, [-2.0, 0.0, 0.5, 1.7]),
    ("log", lambda v: v.log(), lambda x: [1 / x, -1 / x**2, 2 / x**3], [0.3, 1.0, 2.5, 7.0]),
    ("x**3", lambda v: v**3, lambda x: [3 * x * x, 6 * x, 6.0], [-2.0, -0.5, 0.0, 1.3]),
    (
        "x**2.5",
        lambda v: v**2.5,
        lambda x: [2.5 * x**1.5, 3.75 * x**0.5, 1.875 * x**-0.5],
        [0.2, 1.0, 3.3],
    ),
    (
        "2**x",
        lambda v: 2**v,
        lambda x: [math.log(2) ** k * 2**x for k in (1, 2, 3)],
        [-1.0, 0.0, 0.8, 2.2],
    ),
    (
        "x/(1+x*x)",
        lambda v: v / (1 + v * v),
        # (1-x²)/(1+x²)², 2x(x²-3)/(1+x²)³, -6(x⁴-6x²+1)/(1+x²)⁴
        lambda x: [
            (1 - x * x) / (1 + x * x) ** 2,
            2 * x * (x * x - 3) / (1 + x * x) ** 3,
            -6 * (x**4 - 6 * x * x + 1) / (1 + x * x) ** 4,
        ],
        [-1.2, 0.0, 0.5, 2.0],
    ),
    ("elu x<0", lambda v: v.elu(0.7), lambda x: [0.7 * math.exp(x)] * 3, [-2.0, -0.3]),
    ("elu x>0", lambda v: (v.elu(0.7)) ** 2, lambda x: [2 * x, 2.0, 0.0], [0.4, 1.5]),
    ("relu", lambda v: v.relu() * v, lambda x: [2 * x, 2.0, 0.0], [0.6, 3.0]),
    ("leaky_relu", lambda v: v.leaky_relu(0.1) * v, lambda x: [0.2 * x, 0.2, 0.0], [-0.6, -3.0]),
    ("neg-sub", lambda v: -(v - v**2), lambda x: [2 * x - 1, 2.0, 0.0], [-1.0, 0.5]),
]


@pytest.mark.parametrize(
    ("name", "fn", "closed", "points"), CLOSED_FORMS, ids=[c[0] for c in CLOSED_FORMS]
)
def test_first_second_third_derivatives_match_closed_forms(name, fn, closed, points):
    for x in points:
        assert derivatives(fn, x, 3) == pytest.approx(closed(x), rel=1e-9, abs=1e-12), (name, x)


@pytest.mark.parametrize(("x0", "y0"), [(0.5, -1.0), (1.3, 0.7), (-2.0, 2.5)])
def test_mixed_partials_of_two_input_function(x0, y0):
    x, y = Value(x0), Value(y0)
    f = x * y**2 + x.exp() * y
    fx, fy = grad(f, [x, y], create_graph=True)
    fxx, fxy = grad(fx, [x, y])
    fyx, fyy = grad(fy, [x, y])
    e = math.exp(x0)
    assert fx.data == pytest.approx(y0**2 + e * y0)
    assert fy.data == pytest.approx(2 * x0 * y0 + e)
    assert fxx == pytest.approx(e * y0)
    assert fyy == pytest.approx(2 * x0)
    assert fxy == pytest.approx(2 * y0 + e)
    assert fyx == pytest.approx(2 * y0 + e)


@pytest.mark.parametrize(("x0", "y0"), [(1.7, 0.6), (0.4, 2.3), (3.0, -1.5)])
def test_second_derivatives_of_value_exponent(x0, y0):
    x, y = Value(x0), Value(y0)
    fx, fy = grad(x**y, [x, y], create_graph=True)
    fxx, fxy = grad(fx, [x, y])
    _, fyy = grad(fy, [x, y])
    ln = math.log(x0)
    assert fxx == pytest.approx(y0 * (y0 - 1) * x0 ** (y0 - 2))
    assert fxy == pytest.approx(x0 ** (y0 - 1) * (1 + y0 * ln))
    assert fyy == pytest.approx(x0**y0 * ln * ln)


def test_second_derivatives_through_linear_node():
    w1, w2, x1, x2, b = Value(0.3), Value(-1.1), Value(2.0), Value(0.5), Value(0.25)
    z = linear([w1, w2], [x1, x2], b)
    f = z**2
    z0 = 0.3 * 2.0 - 1.1 * 0.5 + 0.25
    dw1, db = grad(f, [w1, b], create_graph=True)  # 2z·x1, 2z
    assert dw1.data == pytest.approx(2 * z0 * 2.0)
    # ∂²f/∂w1∂x1 = 2(w1·x1 + z), ∂²f/∂w1∂w2 = 2·x1·x2, ∂²f/∂b² = 2
    assert grad(dw1, [x1, w2]) == pytest.approx([2 * (0.3 * 2.0 + z0), 2 * 2.0 * 0.5])
    assert grad(db, b) == pytest.approx([2.0])


def test_grad_does_not_touch_any_grad_field():
    x, y = Value(0.8, label="x"), Value(-0.4, label="y")
    f = (x * y + x.tanh()) * y.exp() / (1 + x**2)
    nodes = topological_order(f)
    for i, node in enumerate(nodes):
        node.grad = i + 0.5  # 알아볼 수 있는 값을 미리 넣어 둔다
    grad(f, [x, y])
    fx, fy = grad(f, [x, y], create_graph=True)
    grad(fx, [x, y], create_graph=True)
    assert [node.grad for node in nodes] == [i + 0.5 for i in range(len(nodes))]


def test_grad_agrees_with_backward_and_has_documented_types():
    x, y, unused = Value(1.5), Value(-0.5), Value(3.0)
    f = x * y + (x / y).sigmoid()
    floats = grad(f, [x, y, unused], allow_unused=True)
    values = grad(f, [x, y, unused], create_graph=True, allow_unused=True)
    f.backward()
    assert all(type(g) is float for g in floats)
    assert all(isinstance(g, Value) for g in values)
    assert floats == pytest.approx([x.grad, y.grad, 0.0])
    assert [v.data for v in values] == pytest.approx([x.grad, y.grad, 0.0])
    assert grad(x, x) == [1.0]  # 자기 자신에 대한 미분
    assert grad(f, x) == pytest.approx([x.grad])  # Value 하나를 주어도 목록


def _unused_inputs():
    x, y, z = Value(1.5, label="x"), Value(-0.5, label="y"), Value(3.0, label="z")
    return x * y, [x, y, z]


# (outputs 와 inputs, grad 의 인자) → 메시지 조각. 쓰이지 않은 입력은 allow_unused=True 일 때만 0.
UNUSED_INPUTS = [
    (_unused_inputs, {}, "inputs[2] (Value(data=3"),
    (_unused_inputs, {"create_graph": True}, "쓰이지 않았습니다"),
    (lambda: (Value(2.0) * 3, [Value(2.0)]), {}, "inputs[0]"),  # 같은 값의 다른 Value
    (_unused_inputs, {}, "grad(..., allow_unused=True)"),
]


@pytest.mark.parametrize(("make", "kwargs", "message"), UNUSED_INPUTS)
def test_grad_of_an_unused_input_says_it_is_unused(make, kwargs, message):
    out, inputs = make()
    with pytest.raises(ValueError) as info:
        grad(out, inputs, **kwargs)
    assert message in str(info.value)


def test_allow_unused_gives_zero_for_unused_inputs():
    out, (x, y, z) = _unused_inputs()
    assert grad(out, [x, y, z], allow_unused=True) == [-0.5, 1.5, 0.0]  # d(xy)/dx = y, /dy = x
    values = grad(out, [z, x], create_graph=True, allow_unused=True)
    assert [v.data for v in values] == [0.0, -0.5] and isinstance(values[0], Value)


def test_grad_rejects_bad_arguments_in_korean():
    x = Value(1.0)
    with pytest.raises(TypeError, match="outputs"):
        grad(2.0, x)
    with pytest.raises(TypeError, match=r"inputs\[1\]"):
        grad(x * 2, [x, 3.0])
    with no_grad():
        y = x * 2
    with pytest.raises(RuntimeError, match="no_grad"):
        with no_grad():
            grad(y, x, create_graph=True)


def test_create_graph_refuses_ops_without_a_rule():
    x = Value(0.5)
    custom = make_node(x.data**2, (x,), (2 * x.data,), "my_square")
    assert grad(custom, x) == pytest.approx([1.0])  # float 경로는 기록된 국소 미분을 쓴다
    with pytest.raises(NotImplementedError, match="my_square"):
        grad(custom, x, create_graph=True)


# ================================================= 무작위 식: 전진 = 역전파 = 수치 미분
# 중앙 차분은 함수가 h 안에서 매끄러워야 맞습니다. 그래서 매끄러운 집합(SMOOTH_UNARY)에는 정의역
# 어디에서도 꺾이거나 도함수가 끊기는 점이 없는 연산만 둡니다. 0 에서 꺾이는 relu, leaky_relu 와
# 0 에서 2계 도함수가 끊기는 elu 는 KINKED_UNARY 에 두고, 수치 미분이 건드리는 모든 점(x ± h)이
# 꺾인 점의 같은 쪽에 있을 때만 비교합니다 (한쪽 검사).
N_INPUTS = 3
GRADCHECK_H = 1e-4  # gradcheck 의 기본 간격
KINK_MARGIN = 1e-3  # 꺾이는 연산의 입력이 0 에서 이만큼은 떨어져 있어야 비교한다
SMOOTH_UNARY = {
    "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(),
    "neg": lambda a: -a,
    "square": lambda a: a**2,
    "cube": lambda a: a**3,
    "exp": lambda a: a.tanh().exp(),
    "log": lambda a: (1 + a * a).log(),
    "sqrt": lambda a: (1 + a * a) ** 0.5,
    "rpow": lambda a: 2 ** a.tanh(),
}
KINKED_UNARY = {
    "relu": lambda a: a.relu(),
    "leaky_relu": lambda a: a.leaky_relu(0.2),
    "elu": lambda a: a.elu(),  # 1계 도함수는 이어지지만 2계 도함수가 0 에서 끊긴다
}
BINARY = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / (1 + b * b),
    "pow": lambda a, b: (1 + a * a) ** b.tanh(),
    "linear": lambda a, b: linear([a, b], [b, a], a),
}


def expression_trees(unary_names):
    leaves = st.one_of(
        st.integers(0, N_INPUTS - 1).map(lambda i: ("x", i)),
        st.floats(-2.0, 2.0).map(lambda c: ("c", c)),
    )
    return st.recursive(
        leaves,
        lambda kids: st.one_of(
            st.tuples(st.sampled_from(sorted(unary_names)), kids),
            st.tuples(st.sampled_from(sorted(BINARY)), kids, kids),
        ),
        max_leaves=10,
    )


def build(tree, xs, kink_inputs=None):
    """식 나무를 Value 로 계산한다. kink_inputs 목록을 주면 꺾이는 연산의 입력값을 차례로 담는다."""
    kind = tree[0]
    if kind == "x":
        return xs[tree[1]]
    if kind == "c":
        return Value(tree[1])
    if kind in BINARY:
        return BINARY[kind](build(tree[1], xs, kink_inputs), build(tree[2], xs, kink_inputs))
    inner = build(tree[1], xs, kink_inputs)
    if kind in KINKED_UNARY:
        if kink_inputs is not None:
            kink_inputs.append(inner.data)
        return KINKED_UNARY[kind](inner)
    return SMOOTH_UNARY[kind](inner)


def kink_sides(tree, point):
    """점 point 에서 꺾이는 연산들의 입력 부호 목록 (0 에서 KINK_MARGIN 안이면 0)."""
    seen = []
    with no_grad():
        build(tree, [Value(p) for p in point], seen)
    return [0 if abs(u) < KINK_MARGIN else (1 if u > 0 else -1) for u in seen]


def away_from_kinks(tree, point, h):
    """중앙 차분이 쓰는 모든 점(point ± h·eᵢ)에서 꺾이는 연산의 입력이 point 와 같은 쪽인가."""
    sides = kink_sides(tree, point)
    if 0 in sides:
        return False
    for i in range(len(point)):
        for step in (h, -h):
            moved = list(point)
            moved[i] += step
            if kink_sides(tree, moved) != sides:
                return False
    return True


points = st.lists(st.floats(-2.0, 2.0), min_size=N_INPUTS, max_size=N_INPUTS)


def build_checked(tree, point):
    xs = [Value(p, label=f"x{i}") for i, p in enumerate(point)]
    root = build(tree, xs)
    assume(all(abs(n.data) < 1e6 for n in topological_order(root)))
    return xs, root


@settings(max_examples=150, deadline=None)
@given(expression_trees({**SMOOTH_UNARY, **KINKED_UNARY}), points)
def test_forward_mode_equals_reverse_mode_on_random_expressions(tree, point):
    xs, root = build_checked(tree, point)
    reverse = grad(root, xs, allow_unused=True)  # 식에 없는 입력은 0
    comparison = compare_modes(root, xs)
    root.backward()
    for x, r, fwd in zip(xs, reverse, comparison.forward_grads):
        single = forward_grad(root, x)
        assert single.value == root.data
        assert single.grad == pytest.approx(r, rel=1e-9, abs=1e-12)
        assert fwd == pytest.approx(r, rel=1e-9, abs=1e-12)
        assert x.grad == pytest.approx(r, rel=1e-9, abs=1e-12)
    assert comparison.reverse_grads == pytest.approx(reverse, rel=1e-9, abs=1e-12)


def truncation_allowance(tree, point):
    """중앙 차분 자체의 오차 어림값: 간격 h 와 h/2 의 결과 차이 × 4/3 (오차가 h² 에 비례하므로).

    기울기가 0 인 점에서도 3계 도함수가 크면 중앙 차분은 h² × (3계 도함수) / 6 만큼 틀립니다
    (예: 0 이 되는 u 의 세제곱). 허용 오차에 이 어림값의 두 배를 더합니다 — 역전파가 틀렸다면
    그 차이는 h² 정도가 아니라 기울기 크기 정도입니다.
    """
    f = lambda v: build(tree, v)  # noqa: E731
    coarse = numerical_grad(f, point, h=GRADCHECK_H)
    fine = numerical_grad(f, point, h=GRADCHECK_H / 2)
    return max(abs(c - q) for c, q in zip(coarse, fine)) * 4 / 3


def check_gradients(tree, point):
    atol = 1e-6 + 2 * truncation_allowance(tree, point)
    assert gradcheck(lambda v: build(tree, v), point, rtol=1e-4, atol=atol, h=GRADCHECK_H)


@settings(max_examples=100, deadline=None)
@given(expression_trees(SMOOTH_UNARY), points)
@example(  # 기울기 0, 3계 도함수 750: 중앙 차분이 1.25e-6 만큼 틀린다
    tree=("cube", ("-", ("linear", ("x", 0), ("x", 0)), ("linear", ("x", 1), ("x", 1)))),
    point=[1.0, 1.0, 0.0],
)
def test_gradcheck_passes_on_random_smooth_expressions(tree, point):
    build_checked(tree, point)
    check_gradients(tree, point)


@settings(max_examples=100, deadline=None)
@given(expression_trees({**SMOOTH_UNARY, **KINKED_UNARY}), points)
def test_gradcheck_passes_on_random_kinked_expressions_away_from_kinks(tree, point):
    build_checked(tree, point)
    assume(away_from_kinks(tree, point, GRADCHECK_H))
    assume(away_from_kinks(tree, point, GRADCHECK_H / 2))
    check_gradients(tree, point)


def test_kink_guard_sees_elu_at_zero():
    # 예전에 가끔 실패하던 예: 0 에서의 x1 - elu(x1). 중앙 차분이 h/4 만큼 틀리므로 비교하지 않는다.
    tree = ("-", ("x", 1), ("elu", ("x", 1)))
    point = [0.0, 0.0, 0.0]
    assert not away_from_kinks(tree, point, GRADCHECK_H)
    numeric = numerical_grad(lambda v: build(tree, v), point, h=GRADCHECK_H)[1]
    assert numeric == pytest.approx(GRADCHECK_H / 4, rel=1e-3)  # 역전파 값 0 과 어긋나는 이유
    assert away_from_kinks(tree, [0.0, 0.5, 0.0], GRADCHECK_H)
    assert away_from_kinks(tree, [0.0, -0.5, 0.0], GRADCHECK_H)


@settings(max_examples=60, deadline=None)
@given(expression_trees(SMOOTH_UNARY), points)
def test_hessian_matches_central_difference_of_gradient(tree, point):
    xs, root = build_checked(tree, point)
    first = grad(root, xs, create_graph=True, allow_unused=True)
    hessian = [grad(g, xs, allow_unused=True) for g in first]
    h = 1e-5
    for j in range(N_INPUTS):
        plus, minus = list(point), list(point)
        plus[j] += h
        minus[j] -= h
        g_plus = grad(*_rebuild(tree, plus), allow_unused=True)
        g_minus = grad(*_rebuild(tree, minus), allow_unused=True)
        for i in range(N_INPUTS):
            numeric = (g_plus[i] - g_minus[i]) / (2 * h)
            assert hessian[i][j] == pytest.approx(numeric, rel=1e-4, abs=1e-4)


def _rebuild(tree, point):
    xs = [Value(p) for p in point]
    return build(tree, xs), xs


# ============================================================ 곱셈 횟수
def test_forward_result_reports_value_grad_and_edge_count():
    a, b = Value(2.0), Value(3.0)
    e = (a + b) * (b + 1)  # 교과서의 e = (a+b)(b+1)
    result = forward_grad(e, b)
    # 간선: a+b 두 개, b+1 두 개, 곱셈 두 개 → 6
    assert result == ForwardResult(value=20.0, grad=(3 + 1) + (2 + 3), multiplications=6)


@pytest.mark.parametrize("n", [1, 5, 10, 40])
def test_operation_counts_sum_of_squares(n):
    xs = [Value(0.1 * i) for i in range(n)]
    f = sum(x**2 for x in xs)  # 0 + x0² + x1² + ...: 거듭제곱 n 개(간선 1) + 덧셈 n 개(간선 2)
    modes = compare_modes(f, xs)
    assert modes.num_inputs == n
    assert modes.reverse_multiplications == 3 * n
    assert modes.forward_multiplications == n * 3 * n  # 입력마다 패스 한 번
    assert modes.forward_grads == pytest.approx([0.2 * i for i in range(n)])
    assert str(modes).startswith(f"입력 {n}개의 기울기")


@settings(max_examples=50, deadline=None)
@given(expression_trees(SMOOTH_UNARY), points)
def test_forward_costs_one_pass_per_input(tree, point):
    xs, root = build_checked(tree, point)
    edges = sum(len(node.inputs) for node in topological_order(root))
    modes = compare_modes(root, xs)
    assert modes.reverse_multiplications == edges
    assert modes.forward_multiplications == N_INPUTS * edges


def test_mlp_gradients_forward_vs_reverse_cost():
    model = MLP(4, [6, 1], activation="tanh", seed=0)
    loss = model([0.5, -1.0, 0.25, 2.0]) ** 2
    params = model.parameters()
    modes = compare_modes(loss, params)
    loss.backward()
    assert modes.forward_grads == pytest.approx([p.grad for p in params])
    assert modes.forward_multiplications == len(params) * modes.reverse_multiplications


# ============================================================== 수치 미분과 gradcheck
def test_numerical_grad_textbook_function_2():
    # 교과서의 function_2(x) = x0² + x1², (3, 4) 에서 기울기 (6, 8)
    assert numerical_grad(lambda v: v[0] ** 2 + v[1] ** 2, [3.0, 4.0]) == pytest.approx(
        [6.0, 8.0], rel=1e-8
    )


def test_numerical_grad_hand_derived_and_plain_float_function():
    # f = x²y → (2xy, x²) = (12, 9) at (3, 2)
    assert numerical_grad(lambda v: v[0] ** 2 * v[1], [3.0, 2.0]) == pytest.approx([12.0, 9.0])
    assert numerical_grad(lambda v: math.sin(v[0].data), [0.5]) == pytest.approx([math.cos(0.5)])


OPS = [
    ("+", lambda v: v[0] + v[1], [0.3, -1.2]),
    ("-", lambda v: v[0] - v[1], [0.3, -1.2]),
    ("*", lambda v: v[0] * v[1], [0.3, -1.2]),
    ("/", lambda v: v[0] / v[1], [1.5, -0.7]),
    ("**3", lambda v: v[0] ** 3, [-1.3]),
    ("**0.5", lambda v: v[0] ** 0.5, [2.0]),
    ("**-2", lambda v: v[0] ** -2, [0.9]),
    ("** Value", lambda v: v[0] ** v[1], [1.7, 0.6]),
    ("2 ** x", lambda v: 2 ** v[0], [0.4]),
    ("neg", lambda v: -v[0], [0.4]),
    ("exp", lambda v: v[0].exp(), [0.4]),
    ("log", lambda v: v[0].log(), [0.4]),
    ("tanh", lambda v: v[0].tanh(), [0.4]),
    ("sigmoid", lambda v: v[0].sigmoid(), [-0.4]),
    ("relu +", lambda v: v[0].relu(), [0.8]),
    ("relu -", lambda v: v[0].relu(), [-0.8]),
    ("leaky_relu -", lambda v: v[0].leaky_relu(0.1), [-0.5]),
    ("leaky_relu +", lambda v: v[0].leaky_relu(0.1), [0.5]),
    ("elu -", lambda v: v[0].elu(), [-0.5]),
    ("elu +", lambda v: v[0].elu(), [0.7]),
    ("linear", lambda v: linear(v[:2], v[2:4], v[4]), [0.3, -0.6, 1.2, 2.0, 0.1]),
    ("numbers", lambda v: 3 - 2 / v[0] + v[0] * 4, [0.7]),
    ("reused", lambda v: (v[0] * v[0] + v[0]).tanh() * v[0], [0.3]),
]


@pytest.mark.parametrize(("name", "f", "xs"), OPS, ids=[o[0] for o in OPS])
def test_gradcheck_passes_on_every_op(name, f, xs):
    assert gradcheck(f, xs) is True


def bad_square(x: Value) -> Value:
    """x² 를 만들되 국소 미분을 일부러 x 로 기록한다 (맞는 값은 2x)."""
    return make_node(x.data**2, (x,), (x.data,), "bad_square")


def test_gradcheck_catches_wrong_local_derivative_and_names_worst_input():
    # f = x·y + y²: ∂f/∂x = y = 2 (맞음), ∂f/∂y = x + 2y = 4.5 인데 잘못된 노드는 x + y = 2.5
    def f(v):
        return v[0] * v[1] + bad_square(v[1])

    with pytest.raises(GradcheckError) as info:
        gradcheck(f, [0.5, 2.0], labels=["x", "y"])
    message = str(info.value)
    assert isinstance(info.value, AssertionError)
    assert "#1 'y'" in message
    assert "2.5" in message and "4.5" in message
    assert "0.444" in message  # |2.5 - 4.5| / 4.5
    assert "1개" in message and HANGUL.search(message)


def test_gradcheck_catches_nan_gradient_and_rejects_non_value_output():
    def f(v):
        return make_node(v[0].data * 3, (v[0],), (math.nan,), "nan_local")

    with pytest.raises(GradcheckError, match="#0 'x0'"):
        gradcheck(f, [1.0])
    with pytest.raises(TypeError, match="Value"):
        gradcheck(lambda v: 1.0, [1.0])


# ============================================================== 이상 탐지
@pytest.fixture(autouse=True)
def anomaly_off_around_each_test():
    assert modes.is_anomaly_enabled() is False
    yield
    assert modes.is_anomaly_enabled() is False


def test_forward_anomaly_exp_overflow_names_op_operand_and_label():
    x = Value(1000.0, label="큰값")
    assert x.exp().data == math.inf  # 꺼져 있으면 조용히 inf
    with detect_anomaly(), pytest.raises(AnomalyError) as info:
        x.exp()
    message = str(info.value)
    assert "'exp'" in message and "1000.0" in message and "큰값" in message
    assert "순전파" in message


def test_forward_anomaly_multiplication_overflow_and_nan():
    a, b = Value(1e200, label="a"), Value(1e200, label="b")
    with detect_anomaly():
        with pytest.raises(AnomalyError, match=r"'\*'.*1e\+200\('a'\), 1e\+200\('b'\)"):
            a * b
        with pytest.raises(AnomalyError, match="nan.*무한"):
            Value(math.inf, label="무한") * 0
        with no_grad(), pytest.raises(AnomalyError, match="'a'"):
            a * b  # 그래프를 기록하지 않아도 피연산자를 알려 준다


def zero_times_sqrt_at_zero():
    x = Value(0.0, label="x")
    root = x**0.5  # 0 에서 국소 미분이 무한대
    root.label = "루트"
    out = root * 0
    return x, out


def test_backward_anomaly_zero_times_inf_points_at_node_and_producer():
    x, out = zero_times_sqrt_at_zero()
    out.backward()  # 꺼져 있으면 조용히 NaN
    assert math.isnan(x.grad)

    x, out = zero_times_sqrt_at_zero()
    with detect_anomaly(), pytest.raises(AnomalyError) as info:
        out.backward()
    message = str(info.value)
    assert "역전파" in message
    assert "'x'" in message and "nan" in message  # 기울기가 처음 망가진 노드
    assert "'**0.5'" in message and "'루트'" in message and "inf" in message  # 그 값을 보낸 노드


def test_backward_anomaly_overflow_of_product_of_large_locals():
    x = Value(1e-300, label="x")
    y = x * 1e200
    y.label = "y"
    z = y * 1e200  # 순전파 값은 모두 유한 (1e-100, 1e100)
    with detect_anomaly(), pytest.raises(AnomalyError) as info:
        z.backward()
    message = str(info.value)
    assert "'x'" in message and "inf" in message
    assert "'y'" in message and "1e+200" in message


def test_grad_function_also_detects_backward_anomaly():
    x, out = zero_times_sqrt_at_zero()
    assert math.isnan(grad(out, x)[0])
    with detect_anomaly(), pytest.raises(AnomalyError, match="'루트'"):
        grad(out, x)


def test_detect_anomaly_is_nestable_and_restores_state_even_on_error():
    with detect_anomaly():
        assert modes.is_anomaly_enabled() is True
        with detect_anomaly(False):
            assert modes.is_anomaly_enabled() is False
            assert Value(1000.0).exp().data == math.inf
        assert modes.is_anomaly_enabled() is True
        with pytest.raises(AnomalyError):
            with detect_anomaly():
                Value(1000.0).exp()
        assert modes.is_anomaly_enabled() is True
    with pytest.raises(ZeroDivisionError):
        with detect_anomaly():
            Value(1.0) / 0
    assert modes.is_anomaly_enabled() is False


def test_anomaly_mode_does_not_change_healthy_results():
    def run():
        model = MLP(3, [5, 1], activation="tanh", seed=3)
        loss = (model([0.2, -0.7, 1.5]) - 1.0) ** 2
        loss.backward()
        return loss.data, [p.grad for p in model.parameters()]

    plain = run()
    with detect_anomaly():
        checked = run()
    assert checked == plain


def test_docstring_examples():
    result = doctest.testmod(autodiff_module)
    assert result.attempted > 0 and result.failed == 0


# ============================================================ 적대적인 입력
f_square = Value(3.0) * Value(3.0)


@pytest.mark.parametrize("call", [lambda y, x: grad(y, x), lambda y, x: forward_grad(y, x)])
def test_grad_and_forward_grad_on_a_no_grad_result_also_refuse(call: Callable) -> None:
    x = Value(2.0)
    with no_grad():
        y = (x * 3).tanh()
    with pytest.raises(RuntimeError, match="미분할 그래프가 없습니다"):
        call(y, x)


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    ("grad(f, 2.0)", lambda: grad(f_square, 2.0), "Value 하나나 Value 들의 목록"),
    ("grad(f, 'x')", lambda: grad(f_square, "x"), "Value 하나나 Value 들의 목록"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)
