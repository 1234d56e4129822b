"""엔진(Value) 테스트: 손으로 구한 미분, 수치 미분, 교과서 숫자, 잘못된 입력, 메모리."""

from __future__ import annotations

import gc
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support_robust import (
    BIG,
    INF,
    NAN,
    case_table_test,
    gives,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr import (
    Value,
    linear,
    no_grad,
    topological_order,
)
from micrograd_kr.autodiff import grad
from micrograd_kr.modes import AnomalyError, detect_anomaly

VECTORS = json.loads((Path(__file__).parent / "data" / "textbook.json").read_text("utf-8"))
HANGUL = re.compile(r"[가-힣]")


def numerical_derivative(f, x: float, h: float = 1e-6) -> float:
    """중앙 차분(central difference) (f(x+h) - f(x-h)) / 2h."""
    return (f(x + h) - f(x - h)) / (2 * h)


def grad_of(f, x: float) -> tuple[float, float]:
    """Value 로 f 를 계산해 (값, 기울기) 를 돌려준다."""
    v = Value(x)
    out = f(v)
    out.backward()
    return out.data, v.grad


# --------------------------------------------------------------- 단항 연산
# (이름, Value 로 쓰는 식, 손으로 구한 값, 손으로 구한 도함수, 시험할 점들)
UNARY = [
    ("exp", lambda v: v.exp(), math.exp, math.exp, [-2.0, 0.0, 0.7, 3.0]),
    ("log", lambda v: v.log(), math.log, lambda x: 1 / x, [0.1, 1.0, 2.5, 10.0]),
    (
        "tanh",
        lambda v: v.tanh(),
        math.tanh,
        lambda x: 1 - math.tanh(x) ** 2,
        [-3.0, -0.5, 0.0, 0.5, 2.0],
    ),
    (
        "sigmoid",
        lambda v: v.sigmoid(),
        lambda x: 1 / (1 + math.exp(-x)),
        lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2,
        [-4.0, -1.0, 0.0, 1.0, 4.0],
    ),
    ("relu", lambda v: v.relu(), lambda x: max(0.0, x), lambda x: float(x > 0), [-2.0, 0.5, 3.0]),
    (
        "leaky_relu",
        lambda v: v.leaky_relu(0.1),
        lambda x: x if x > 0 else 0.1 * x,
        lambda x: 1.0 if x > 0 else 0.1,
        [-2.0, -0.3, 0.5, 3.0],
    ),
    (
        "elu",
        lambda v: v.elu(1.5),
        lambda x: x if x > 0 else 1.5 * (math.exp(x) - 1),
        lambda x: 1.0 if x > 0 else 1.5 * math.exp(x),
        [-2.0, -0.3, 0.5, 3.0],
    ),
    ("neg", lambda v: -v, lambda x: -x, lambda x: -1.0, [-1.0, 2.0]),
    ("square", lambda v: v**2, lambda x: x * x, lambda x: 2 * x, [-3.0, 0.0, 1.5]),
    ("cube", lambda v: v**3, lambda x: x**3, lambda x: 3 * x * x, [-2.0, 0.5, 2.0]),
    ("sqrt", lambda v: v**0.5, math.sqrt, lambda x: 0.5 / math.sqrt(x), [0.25, 1.0, 9.0]),
    ("inverse", lambda v: v**-1, lambda x: 1 / x, lambda x: -1 / x**2, [-2.0, 0.5, 4.0]),
    ("2**x", lambda v: 2**v, lambda x: 2**x, lambda x: 2**x * math.log(2), [-1.0, 0.0, 3.0]),
    ("add const", lambda v: v + 3, lambda x: x + 3, lambda x: 1.0, [-1.0, 2.0]),
    ("radd const", lambda v: 3 + v, lambda x: 3 + x, lambda x: 1.0, [-1.0, 2.0]),
    ("sub const", lambda v: v - 3, lambda x: x - 3, lambda x: 1.0, [-1.0, 2.0]),
    ("rsub const", lambda v: 3 - v, lambda x: 3 - x, lambda x: -1.0, [-1.0, 2.0]),
    ("mul const", lambda v: v * 3, lambda x: 3 * x, lambda x: 3.0, [-1.0, 2.0]),
    ("rmul const", lambda v: 3 * v, lambda x: 3 * x, lambda x: 3.0, [-1.0, 2.0]),
    ("div const", lambda v: v / 4, lambda x: x / 4, lambda x: 0.25, [-1.0, 2.0]),
    ("rdiv const", lambda v: 4 / v, lambda x: 4 / x, lambda x: -4 / x**2, [-1.0, 2.0]),
]


@pytest.mark.parametrize("name, f, value, derivative, points", UNARY, ids=[u[0] for u in UNARY])
def test_unary_op_against_hand_formula_and_numerical(name, f, value, derivative, points):
    for x in points:
        out, g = grad_of(f, x)
        assert out == pytest.approx(value(x), rel=1e-12, abs=1e-12)
        assert g == pytest.approx(derivative(x), rel=1e-9, abs=1e-12)
        if name not in ("relu", "leaky_relu", "elu") or abs(x) > 1e-3:  # 꺾인 점은 피한다
            numeric = numerical_derivative(lambda t: f(Value(t)).data, x)
            assert g == pytest.approx(numeric, rel=1e-5, abs=1e-6)


# --------------------------------------------------------------- 이항 연산
BINARY = [
    ("+", lambda a, b: a + b, lambda a, b: (1.0, 1.0)),
    ("-", lambda a, b: a - b, lambda a, b: (1.0, -1.0)),
    ("*", lambda a, b: a * b, lambda a, b: (b, a)),
    ("/", lambda a, b: a / b, lambda a, b: (1 / b, -a / b**2)),
    ("**", lambda a, b: a**b, lambda a, b: (b * a ** (b - 1), a**b * math.log(a))),
]


@pytest.mark.parametrize("name, f, partials", BINARY, ids=[b[0] for b in BINARY])
@pytest.mark.parametrize("a, b", [(2.0, 3.0), (0.5, -1.5), (3.7, 0.25)])
def test_binary_op_against_hand_formula_and_numerical(name, f, partials, a, b):
    va, vb = Value(a), Value(b)
    out = f(va, vb)
    out.backward()
    assert out.data == pytest.approx(f(a, b))
    da, db = partials(a, b)
    assert va.grad == pytest.approx(da, rel=1e-12)
    assert vb.grad == pytest.approx(db, rel=1e-12)
    assert va.grad == pytest.approx(numerical_derivative(lambda t: f(t, b), a), rel=1e-6)
    assert vb.grad == pytest.approx(numerical_derivative(lambda t: f(a, t), b), rel=1e-6)


def test_local_derivatives_are_recorded_as_the_lesson_says():
    a, b = Value(2.0), Value(-3.0)
    assert (a + b).local_grads == (1.0, 1.0)  # 덧셈: 그대로 흘려보낸다
    assert (a * b).local_grads == (-3.0, 2.0)  # 곱셈: 입력을 바꿔 곱한다
    e = a.exp()
    assert e.local_grads == (e.data,)  # exp: 출력 자신


def test_reused_node_accumulates_gradient():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad == pytest.approx(7.0)


def test_calling_backward_twice_accumulates_in_leaves_only():
    x = Value(2.0)
    m = x * x  # 중간 노드
    y = m * 3.0
    y.backward()
    y.backward()
    assert x.grad == pytest.approx(2 * 12.0)  # 잎 노드는 두 번 더해진다
    assert m.grad == pytest.approx(3.0)  # 중간 노드는 이번 역전파에서 받은 기울기만


def test_backward_on_a_leaf_seeds_one():
    x = Value(5.0)
    x.backward()
    assert x.grad == 1.0


def test_repr_float_and_comparisons():
    v = Value(2.5, label="사과 가격")
    assert float(v) == 2.5
    assert "2.5" in repr(v) and "사과 가격" in repr(v)
    assert Value(1.0) < Value(2.0) and Value(3.0) >= 3 and Value(1.0) <= 1.5 and Value(2) > 1


def test_numpy_scalars_and_bools_are_accepted():
    assert Value(np.float32(1.5)).data == 1.5
    assert Value(np.int64(3)).data == 3.0
    assert Value(True).data == 1.0
    assert Value(np.array(2.0)).data == 2.0
    assert (Value(1.0) + np.float64(2.0)).data == 3.0
    assert isinstance(Value(np.int64(3)).data, float)


# ---------------------------------------------------------- 교과서 숫자
def test_apple_price():
    vec = VECTORS["apple_price"]
    price = Value(vec["inputs"]["사과가격"], label="사과 가격")
    count = Value(vec["inputs"]["사과개수"], label="사과 개수")
    tax = Value(vec["inputs"]["소비세"], label="소비세")
    apples = price * count
    total = apples * tax
    total.backward()
    assert total.data == pytest.approx(vec["output"])
    assert price.grad == pytest.approx(vec["grads"]["사과가격"])
    assert count.grad == pytest.approx(vec["grads"]["사과개수"])
    assert tax.grad == pytest.approx(vec["grads"]["소비세"])
    assert apples.grad == pytest.approx(vec["grads"]["사과 총액(중간값)"])


def test_apple_orange_price():
    vec = VECTORS["apple_orange_price"]
    v = {k: Value(x, label=k) for k, x in vec["inputs"].items()}
    total = (v["사과가격"] * v["사과개수"] + v["귤가격"] * v["귤개수"]) * v["소비세"]
    total.backward()
    assert total.data == pytest.approx(vec["output"])
    for name, g in vec["grads"].items():
        assert v[name].grad == pytest.approx(g), name


def test_abb1():
    vec = VECTORS["abb1"]
    a, b = Value(vec["inputs"]["a"]), Value(vec["inputs"]["b"])
    c = a + b
    d = b + 1
    e = c * d
    e.backward()
    for name, node in {"c": c, "d": d, "e": e}.items():
        assert node.data == pytest.approx(vec["values"][name])
    for name, node in {"a": a, "b": b, "c": c, "d": d}.items():
        assert node.grad == pytest.approx(vec["grads"][name])


def test_square_of_sum():
    vec = VECTORS["square_of_sum"]
    x, y = Value(vec["inputs"]["x"]), Value(vec["inputs"]["y"])
    t = x + y
    z = t**2
    z.backward()
    assert (t.data, z.data) == (pytest.approx(vec["values"]["t"]), pytest.approx(9.0))
    assert (x.grad, y.grad, t.grad) == tuple(pytest.approx(vec["grads"][k]) for k in "xyt")


def test_diamond():
    vec = VECTORS["diamond"]
    x = Value(vec["inputs"]["x"])
    a = x**2
    y = a**2 + a**2
    y.backward()
    assert y.data == pytest.approx(vec["output"])
    assert x.grad == pytest.approx(vec["grads"]["x"])


def test_three_layer_network_forward():
    vec = VECTORS["three_layer_network"]
    x = [Value(v) for v in vec["X"]]

    def layer(inputs, W, B, act):
        outs = []
        for j in range(len(B)):
            ws = [Value(W[i][j]) for i in range(len(inputs))]
            a = linear(ws, inputs, Value(B[j]))
            outs.append(act(a))
        return outs

    z1 = layer(x, vec["W1"], vec["B1"], lambda a: a.sigmoid())
    z2 = layer(z1, vec["W2"], vec["B2"], lambda a: a.sigmoid())
    y = layer(z2, vec["W3"], vec["B3"], lambda a: a)
    assert [v.data for v in z1] == pytest.approx(vec["Z1"])
    assert [v.data for v in z2] == pytest.approx(vec["Z2"])
    assert [v.data for v in y] == pytest.approx(vec["Y"])


# ------------------------------------------------ 극단값: 넘치지 않는다
@pytest.mark.parametrize("x", [1000.0, -1000.0])
def test_extremes_stay_finite(x):
    t, gt = grad_of(lambda v: v.tanh(), x)
    assert t == math.copysign(1.0, x) and gt == 0.0
    s, gs = grad_of(lambda v: v.sigmoid(), x)
    assert s == (1.0 if x > 0 else pytest.approx(0.0, abs=1e-300)) and gs == pytest.approx(0.0)
    assert not math.isnan(s) and not math.isnan(gs)
    e, ge = grad_of(lambda v: v.exp(), x)
    if x < 0:
        assert e == 0.0 and ge == 0.0
    else:  # e^1000 은 float 로 나타낼 수 없다: 오류 대신 inf
        assert e == math.inf and ge == math.inf


# --------------------------------------------------------- 잘못된 입력
@pytest.mark.parametrize("bad", ["abc", None, [1.0, 2.0], np.array([1.0, 2.0]), 1 + 2j, {}])
def test_non_numbers_raise_korean_type_error(bad):
    with pytest.raises(TypeError) as info:
        Value(bad)
    assert HANGUL.search(str(info.value))
    assert repr(bad)[:10] in str(info.value)  # 잘못된 값을 보여준다
    for op in (
        lambda: Value(1.0) + bad,
        lambda: bad * Value(1.0),
        lambda: Value(2.0) ** bad,
    ):
        with pytest.raises(TypeError) as info:
            op()
        assert HANGUL.search(str(info.value))


@pytest.mark.parametrize("x", [0.0, -1.0])
def test_log_of_non_positive_raises(x):
    with pytest.raises(ValueError, match="log") as info:
        Value(x, label="확률").log()
    assert "확률" in str(info.value) and HANGUL.search(str(info.value))


def test_division_by_zero_names_the_operand():
    with pytest.raises(ZeroDivisionError) as info:
        Value(1.0) / Value(0.0, label="분모")
    assert "분모" in str(info.value) and HANGUL.search(str(info.value))
    with pytest.raises(ZeroDivisionError):
        1 / Value(0.0)


def test_zero_to_negative_power_raises():
    with pytest.raises(ZeroDivisionError) as info:
        Value(0.0, label="밑") ** -2
    assert "밑" in str(info.value)
    with pytest.raises(ZeroDivisionError):
        Value(0.0) ** Value(-1.0)


def test_negative_base_fractional_exponent_raises_value_error():
    with pytest.raises(ValueError) as info:
        Value(-8.0, label="x") ** (1 / 3)
    assert "x" in str(info.value) and HANGUL.search(str(info.value))
    with pytest.raises(ValueError):
        Value(-2.0) ** Value(2.0)  # 지수에 대한 미분 ln(-2) 가 실수가 아니다


def test_negative_base_integer_exponent_is_fine():
    out, g = grad_of(lambda v: v**3, -2.0)
    assert (out, g) == (-8.0, 12.0)


# ----------------------------------------------------------- 속성 기반
# 중심 차분과 비교하므로 어디서나 매끄러운 연산만 씁니다. 0 에서 꺾이는 relu, leaky_relu, elu 는
# 위의 점별 시험(꺾인 점을 피함)과 test_autodiff 의 한쪽 검사 속성 시험이 맡습니다.
SAFE_UNARY = [
    lambda v: v.tanh(),
    lambda v: v.sigmoid(),
    lambda v: (v * 0.3).exp(),
    lambda v: (v * v + 1.0).log(),
    lambda v: v * v,
    lambda v: -v,
    lambda v: (v * v + 0.5) ** 0.5,
]
SAFE_BINARY = [
    lambda a, b: a + b,
    lambda a, b: a - b,
    lambda a, b: a * b,
    lambda a, b: a / (b * b + 1.0),
]


@st.composite
def expression(draw, n_inputs: int = 3, depth: int = 4):
    """입력 n_inputs 개로 만든 무작위 식(expression tree)을 (함수, 입력값) 으로 그린다."""

    def build(d):
        if d == 0 or draw(st.booleans()) and d < depth:
            i = draw(st.integers(0, n_inputs - 1))
            return lambda xs: xs[i]
        if draw(st.booleans()):
            f = draw(st.sampled_from(SAFE_UNARY))
            inner = build(d - 1)
            return lambda xs: f(inner(xs))
        g = draw(st.sampled_from(SAFE_BINARY))
        left, right = build(d - 1), build(d - 1)
        return lambda xs: g(left(xs), right(xs))

    fn = build(depth)
    values = draw(
        st.lists(st.floats(-2.0, 2.0, allow_nan=False), min_size=n_inputs, max_size=n_inputs)
    )
    return fn, values


@settings(max_examples=150, deadline=None)
@given(expression())
def test_random_expressions_match_numerical_gradients(case):
    fn, values = case
    xs = [Value(v) for v in values]
    out = fn(xs)
    out.backward()
    for i, x in enumerate(xs):

        def f_i(t, i=i):
            vals = list(values)
            vals[i] = t
            return fn([Value(v) for v in vals]).data

        numeric = numerical_derivative(f_i, values[i], h=1e-6)
        assert x.grad == pytest.approx(numeric, rel=1e-4, abs=1e-5)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(-3, 3, allow_nan=False), min_size=1, max_size=6),
    st.data(),
)
def test_linear_equals_sum_of_products(ws, data):
    xs = data.draw(st.lists(st.floats(-3, 3, allow_nan=False), min_size=len(ws), max_size=len(ws)))
    b = data.draw(st.floats(-3, 3, allow_nan=False))
    w1, x1, b1 = [Value(v) for v in ws], [Value(v) for v in xs], Value(b)
    w2, x2, b2 = [Value(v) for v in ws], [Value(v) for v in xs], Value(b)
    fast = linear(w1, x1, b1).tanh()
    slow = b2
    for w, x in zip(w2, x2):
        slow = slow + w * x
    slow = slow.tanh()
    fast.backward()
    slow.backward()
    assert fast.data == pytest.approx(slow.data, abs=1e-12)
    for p, q in zip([*w1, *x1, b1], [*w2, *x2, b2]):
        assert p.grad == pytest.approx(q.grad, abs=1e-12)


def test_linear_length_mismatch():
    with pytest.raises(ValueError, match="2.*3|3.*2"):
        linear([Value(1.0), Value(2.0)], [1.0, 2.0, 3.0], Value(0.0))


# ------------------------------------------------------ 그래프와 메모리
def test_topological_order_puts_inputs_first_and_each_node_once():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert len(order) == len(set(map(id, order))) == 5
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for child in node.inputs:
            assert position[id(child)] < position[id(node)]


def test_million_node_chain_backward_at_default_recursion_limit():
    assert sys.getrecursionlimit() <= 10_000
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = y + 1.0
    y.backward()
    assert y.data == 1_000_001.0
    assert x.grad == 1.0


def _live_values() -> int:
    return sum(isinstance(o, Value) for o in gc.get_objects())


def test_graph_holds_no_reference_cycles():
    gc.collect()
    gc.disable()
    try:
        before = _live_values()
        x = Value(0.5, label="x")
        y = (x * 2.0 + 1.0).tanh().exp() / (x + 3.0) ** 2
        y = linear([x, y], [Value(1.0), Value(2.0)], Value(0.1)).sigmoid()
        y.backward()
        assert _live_values() - before > 10
        del x, y
        # gc 가 꺼져 있어도 참조 카운팅만으로 모든 노드가 사라졌다
        assert _live_values() == before
        assert gc.collect() == 0  # 순환 쓰레기(cyclic garbage)가 없다
    finally:
        gc.enable()


def test_value_has_slots_and_no_dict():
    assert not hasattr(Value(1.0), "__dict__")


def test_no_grad_records_no_graph():
    x = Value(2.0)
    with no_grad():
        y = (x * 3.0).tanh() + x
    assert y.inputs == ()
    assert y.data == pytest.approx(math.tanh(6.0) + 2.0)
    z = x * 3.0  # 블록을 나오면 다시 기록한다
    assert z.inputs != ()


def test_no_grad_restores_state_after_error():
    from micrograd_kr.modes import is_grad_enabled

    with pytest.raises(RuntimeError), no_grad():
        raise RuntimeError("boom")
    assert is_grad_enabled()


# ============================================================ 적대적인 입력
def _value(x: Any) -> Callable[[], Any]:
    return lambda: Value(x)


NAN_OPS: list[tuple[str, Callable[[Value], Value]]] = [
    ("relu", lambda x: x.relu()),
    ("x ** 0", lambda x: x**0),
    ("Value(1) ** x", lambda x: Value(1.0) ** x),
    ("1 ** x", lambda x: 1**x),
    ("Value(-2) ** Value(nan) 지수", lambda x: Value(-2.0) ** x),
    ("Value(-2) ** nan 숫자 지수", lambda x: Value(-2.0) ** x.data),
]


@pytest.mark.parametrize("name, op", NAN_OPS, ids=[n for n, _ in NAN_OPS])
def test_nan_in_gives_nan_out(name: str, op: Callable[[Value], Value]) -> None:
    assert math.isnan(op(Value(NAN)).data)


@pytest.mark.parametrize("name, op", NAN_OPS, ids=[n for n, _ in NAN_OPS])
def test_anomaly_mode_catches_nan_through_every_op(name: str, op) -> None:
    x = Value(NAN, label="x")
    with detect_anomaly(), pytest.raises(AnomalyError, match="nan"):
        op(x)


def test_relu_of_nan_sends_nan_gradient_back() -> None:
    x = Value(NAN)
    x.relu().backward()
    assert math.isnan(x.grad)


def test_backward_on_a_no_grad_result_says_there_is_no_graph() -> None:
    x = Value(2.0)
    with no_grad():
        y = x * x
    with pytest.raises(RuntimeError, match="no_grad.*그래프"):
        y.backward()
    assert x.grad == 0.0


def test_genuine_leaves_can_still_call_backward() -> None:
    a = Value(3.0)
    a.backward()
    with no_grad():
        b = Value(5.0)  # no_grad 안에서 만든 잎 노드도 잎 노드다
    b.backward()
    assert (a.grad, b.grad) == (1.0, 1.0)
    (g,) = grad(Value(4.0), [Value(1.0)], allow_unused=True)
    assert g == 0.0


def test_graph_built_on_a_no_grad_constant_still_differentiates() -> None:
    a, b = Value(2.0), Value(-3.0)
    with no_grad():
        c = a * 4  # 상수처럼 쓰인다
    d = c * b
    d.backward()
    assert (b.grad, a.grad) == (8.0, 0.0)


TINY = 5e-324  # 가장 작은 양의 비정규(subnormal) float


BIDI = "가\u202eb"  # 오른쪽→왼쪽 덮어쓰기(RLO) 표시가 든 이름표


ESC = "\x1b[2J\x07"  # 화면 지우기 터미널 명령 + 벨


def _anomaly(thunk: Callable[[], Any]) -> Any:
    with detect_anomaly():
        return thunk()


def _no_grad_result() -> Value:
    with no_grad():
        return Value(2.0) * 3


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    # --- 엔진
    ("Value(10**400)", _value(10**400), "float로 나타내기에 너무 큽니다"),
    ("Value(-10**400)", _value(-(10**400)), "음의 정수(약 401자리)"),
    ("Value(2) * 10**400", lambda: Value(2.0) * 10**400, "너무 큽니다"),
    ("Value(2) ** 10**400", lambda: Value(2.0) ** 10**400, "너무 큽니다"),
    ("Value(-2) ** V(inf)", lambda: Value(-2.0) ** Value(math.inf), "음수 밑"),
    ("Value(-2) ** 0.5", lambda: Value(-2.0) ** 0.5, "실수가 아닙니다"),
    ("Value('x')", _value("x"), "숫자(int, float)가 와야 합니다"),
    ("topological_order(2.0)", lambda: topological_order(2.0), "Value를 넘기세요"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 엔진: float의 끝
    ("최대 float × 2 = inf (전에도 됨)", lambda: Value(BIG) * 2, gives(lambda v: v.data == INF)),
    (
        "최대 float의 exp = inf (전에도 됨)",
        lambda: Value(BIG).exp(),
        gives(lambda v: v.data == INF),
    ),
    (
        "-최대 float의 sigmoid = 0 (전에도 됨)",
        lambda: Value(-BIG).sigmoid(),
        gives(lambda v: v.data == 0.0),
    ),
    (
        "최대 float의 tanh = 1 (전에도 됨)",
        lambda: Value(BIG).tanh(),
        gives(lambda v: v.data == 1.0),
    ),
    ("최대 float ** 2 = inf (전에도 됨)", lambda: Value(BIG) ** 2, gives(lambda v: v.data == INF)),
    (
        "비정규 수의 log는 유한 (전에도 됨)",
        lambda: Value(TINY).log(),
        gives(lambda v: v.data == math.log(TINY)),
    ),
    ("비정규 수 ÷ 2 (전에도 됨)", lambda: Value(TINY) / 2, gives(lambda v: v.data == TINY / 2)),
    ("1 / 비정규 수 = inf (전에도 됨)", lambda: 1 / Value(TINY), gives(lambda v: v.data == INF)),
    ("inf - inf = nan (전에도 됨)", lambda: Value(INF) - INF, gives(lambda v: math.isnan(v.data))),
    (
        "이상 탐지: 최대 float × 2 (전에도 됨)",
        lambda: _anomaly(lambda: Value(BIG) * 2),
        raises(AnomalyError, "inf"),
    ),
    (
        "이상 탐지: inf - inf (전에도 됨)",
        lambda: _anomaly(lambda: Value(INF) - INF),
        raises(AnomalyError, "nan"),
    ),
    # ---- 엔진: NaN이 지나가는 모든 연산
    ("nan + 1 (전에도 됨)", lambda: Value(NAN) + 1, gives(lambda v: math.isnan(v.data))),
    ("nan × 0 (전에도 됨)", lambda: Value(NAN) * 0, gives(lambda v: math.isnan(v.data))),
    ("1 ÷ nan (전에도 됨)", lambda: 1 / Value(NAN), gives(lambda v: math.isnan(v.data))),
    ("-nan (전에도 됨)", lambda: -Value(NAN), gives(lambda v: math.isnan(v.data))),
    ("exp(nan) (전에도 됨)", lambda: Value(NAN).exp(), gives(lambda v: math.isnan(v.data))),
    ("log(nan) (전에도 됨)", lambda: Value(NAN).log(), gives(lambda v: math.isnan(v.data))),
    ("tanh(nan) (전에도 됨)", lambda: Value(NAN).tanh(), gives(lambda v: math.isnan(v.data))),
    (
        "sigmoid(nan) (전에도 됨)",
        lambda: Value(NAN).sigmoid(),
        gives(lambda v: math.isnan(v.data)),
    ),
    ("relu(nan) (고침)", lambda: Value(NAN).relu(), gives(lambda v: math.isnan(v.data))),
    ("relu(-0.0) = 0 (전에도 됨)", lambda: Value(-0.0).relu(), gives(lambda v: v.data == 0.0)),
    (
        "leaky_relu(nan) (전에도 됨)",
        lambda: Value(NAN).leaky_relu(),
        gives(lambda v: math.isnan(v.data)),
    ),
    ("elu(nan) (전에도 됨)", lambda: Value(NAN).elu(), gives(lambda v: math.isnan(v.data))),
    ("nan ** 2 (전에도 됨)", lambda: Value(NAN) ** 2, gives(lambda v: math.isnan(v.data))),
    ("nan ** 0 (고침)", lambda: Value(NAN) ** 0, gives(lambda v: math.isnan(v.data))),
    ("2 ** nan (전에도 됨)", lambda: 2 ** Value(NAN), gives(lambda v: math.isnan(v.data))),
    (
        "1 ** Value(nan) (고침)",
        lambda: Value(1.0) ** Value(NAN),
        gives(lambda v: math.isnan(v.data)),
    ),
    (
        "Value(-2) ** nan (고침, 전에는 영어 오류)",
        lambda: Value(-2.0) ** NAN,
        gives(lambda v: math.isnan(v.data)),
    ),
    (
        "linear에 nan 입력 (전에도 됨)",
        lambda: linear([Value(0.0)], [NAN], Value(0.0)),
        gives(lambda v: math.isnan(v.data)),
    ),
    ("nan < 1은 False (전에도 됨)", lambda: Value(NAN) < 1, gives(lambda r: r is False)),
    # ---- 엔진: 활성화 함수의 매개변수
    (
        "leaky_relu(alpha=nan)",
        lambda: Value(-1.0).leaky_relu(NAN),
        raises(ValueError, "alpha은\\(는\\) 유한한"),
    ),
    (
        "leaky_relu(alpha=inf)",
        lambda: Value(-1.0).leaky_relu(INF),
        raises(ValueError, "유한한 숫자"),
    ),
    ("elu(alpha=-inf)", lambda: Value(-1.0).elu(-INF), raises(ValueError, "elu의 alpha")),
    ("elu(alpha='a') (전에도 됨)", lambda: Value(-1.0).elu("a"), raises(TypeError, "숫자")),
    # ---- 엔진: 이름표의 제어 문자·양방향 표시는 메시지에서 글자로 적힌다
    (
        "ESC 이름표로 log(0)",
        lambda: Value(0.0, label=ESC).log(),
        raises(ValueError, r"\\x1b\[2J\\x07"),
    ),
    (
        "RLO 이름표로 ÷ 0",
        lambda: 1 / Value(0.0, label=BIDI),
        raises(ZeroDivisionError, r"가\\u202eb"),
    ),
    (
        "NUL·개행 이름표로 ÷ 0",
        lambda: 1 / Value(0.0, label="a\x00\nb"),
        raises(ZeroDivisionError, r"a\\x00\\nb"),
    ),
    (
        "RLO 이름표의 이상 탐지",
        lambda: _anomaly(lambda: Value(BIG, label=BIDI) * 2),
        raises(AnomalyError, r"\\u202e"),
    ),
    (
        "한글 이름표는 그대로 (전에도 됨)",
        lambda: Value(0.0, label="가격").log(),
        raises(ValueError, "'가격'"),
    ),
    (
        "repr은 제어 문자를 적는다 (전에도 됨)",
        lambda: repr(Value(1.0, label=ESC)),
        gives(lambda r: "\x1b" not in r),
    ),
    (
        "no_grad 결과의 backward()",
        lambda: _no_grad_result().backward(),
        raises(RuntimeError, "미분할 그래프가 없습니다"),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)


# ============================================================ 빠른 길(fast path)
# 엔진의 빠른 길(fast path) 테스트.
#
# - 위상 정렬(topological order)과 역전파 순회: 무작위 DAG, 아주 긴 사슬, 공유 노드.
# - 숫자를 Value 로 감싸는 지름길: int·float·bool·numpy 스칼라, Value 의 하위 클래스.
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


# 위상 정렬의 순서는 그림의 노드 번호이므로, 빠르게 고쳐 쓴 뒤에도 정확히 같아야 한다
# (기준: 위의 reference_order, 정의 그대로의 재귀 깊이 우선 탐색).
@st.composite
def _random_dags(draw: Any) -> list[Value]:
    """무작위 DAG: 잎 몇 개, 그 위에 앞 노드들을 입력으로 쓰는 노드들 (같은 입력을 여러 번,
    공유한 부분식, 입력이 많은 묶은 노드까지). 모든 노드를 돌려준다."""
    from micrograd_kr.engine import make_node

    nodes = [Value(float(i)) for i in range(draw(st.integers(1, 5)))]
    for _ in range(draw(st.integers(0, 25))):
        picks = draw(st.lists(st.integers(0, len(nodes) - 1), min_size=1, max_size=12))
        inputs = tuple(nodes[i] for i in picks)
        nodes.append(make_node(0.0, inputs, (1.0,) * len(inputs), "sum"))
    return nodes


@settings(max_examples=300, deadline=None)
@given(_random_dags())
def test_topological_order_is_exactly_the_recursive_depth_first_order(nodes: list[Value]):
    for root in nodes[-4:]:
        got = [id(n) for n in topological_order(root)]
        assert got == [id(n) for n in reference_order(root)]


@settings(max_examples=200, deadline=None)
@given(_random_dags())
def test_backward_along_the_order_nodes_were_made_equals_backward(nodes: list[Value]):
    """만든 순서도 위상 순서: 그 목록(테이프)을 주면 정렬 없이 같은 기울기. 루트에 닿지 않는
    노드가 섞여 있어도 (기울기 0을 흘려보낼 뿐) 같다."""
    root = nodes[-1]
    leaves = [n for n in nodes if not n.inputs]
    root.backward()
    sorted_grads = [n.grad for n in leaves]
    for n in leaves:
        n.grad = 0.0
    root.backward(order=list(nodes))
    assert [n.grad for n in leaves] == sorted_grads


def test_backward_order_must_be_a_list_ending_at_the_node():
    a = Value(2.0, label="a")
    b = a * a
    with pytest.raises(ValueError, match="Value\\(4\\)로 끝나야"):
        b.backward(order=[a])
    with pytest.raises(ValueError, match="길이 0"):
        b.backward(order=[])
    with pytest.raises(TypeError, match="tuple"):
        b.backward(order=(a, b))
    with pytest.raises(TypeError, match="0번 항목이 노드가 아닙니다 \\(자료형 NoneType\\)"):
        b.backward(order=[None, b])
    with pytest.raises(ValueError, match="같은 노드가 두 번"):
        b.backward(order=[b, b])
    assert a.grad == 0.0  # 거절했으니 아무것도 더하지 않았다
    b.backward(order=[b])
    assert a.grad == 4.0
