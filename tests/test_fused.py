"""묶은 노드(fused node) 시험: 한 노드씩 이어 만든 프로그램과 값·기울기가 같은가, 수치 미분과
맞는가(gradcheck), 한 번 더 미분(create_graph=True)해도 같은가."""

from __future__ import annotations

import math
import random

import pytest

from micrograd_kr import Value, gradcheck, no_grad
from micrograd_kr.autodiff import grad
from micrograd_kr.engine import topological_order
from micrograd_kr.fused import (
    WeightMatrix,
    dot,
    linear,
    linear_cross_entropy,
    matvec,
    rms_scale,
    rmsnorm,
    softmax,
    softmax_cross_entropy,
    sum_values,
)

TOL = 1e-9


# ----------------------------------------- 한 노드씩 쓴 참고 구현 (연산자, exp, log 만)
def plain_dot(ws, xs):
    return sum(w * x for w, x in zip(ws, xs))


def plain_sum(vs):
    return sum(vs)


def plain_rms_scale(xs, eps=1e-5):
    return (sum(x * x for x in xs) / len(xs) + eps) ** -0.5


def plain_softmax(zs):
    biggest = max(z.data for z in zs)
    exps = [(z - biggest).exp() for z in zs]
    total = sum(exps)
    return [e / total for e in exps]


def plain_ce(zs, t):
    return -plain_softmax(zs)[t].log()


def _points(n: int, seed: int, scale: float = 1.5) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(-scale, scale) for _ in range(n)]


def _compare(fused_f, plain_f, xs: list[float]) -> None:
    """같은 점에서 값과 모든 입력의 기울기를 비교한다."""
    a = [Value(x) for x in xs]
    b = [Value(x) for x in xs]
    out_a, out_b = fused_f(a), plain_f(b)
    assert out_a.data == pytest.approx(out_b.data, abs=TOL, rel=TOL)
    out_a.backward()
    out_b.backward()
    for va, vb in zip(a, b):
        assert va.grad == pytest.approx(vb.grad, abs=TOL, rel=TOL)


# 출력 여럿인 연산은 임의의 가중치로 묶어 스칼라 하나로: Σ cᵢ·outᵢ (모든 출력의 기울기를 시험)
def _mix(outs, seed=7):
    rng = random.Random(seed)
    return sum(o * rng.uniform(-1, 1) for o in outs)


CASES = {
    "dot": (lambda v: dot(v[:5], v[5:]), lambda v: plain_dot(v[:5], v[5:]), 10),
    "dot, 같은 입력을 두 번": (lambda v: dot(v[:3], v[:3]), lambda v: plain_dot(v[:3], v[:3]), 3),
    "sum": (sum_values, plain_sum, 7),
    "rms_scale": (rms_scale, plain_rms_scale, 6),
    "rmsnorm": (lambda v: _mix(rmsnorm(v)), lambda v: _mix([x * plain_rms_scale(v) for x in v]), 6),
    "softmax": (lambda v: _mix(softmax(v)), lambda v: _mix(plain_softmax(v)), 5),
    "softmax_ce": (
        lambda v: softmax_cross_entropy(v, 2),
        lambda v: plain_ce(v, 2),
        6,
    ),
    "matvec": (
        lambda v: _mix(matvec([v[0:3], v[3:6]], v[6:9])),
        lambda v: _mix([plain_dot(v[0:3], v[6:9]), plain_dot(v[3:6], v[6:9])]),
        9,
    ),
    "linear_ce": (
        lambda v: linear_cross_entropy([v[0:3], v[3:6]], v[6:9], 1),
        lambda v: plain_ce([plain_dot(v[0:3], v[6:9]), plain_dot(v[3:6], v[6:9])], 1),
        9,
    ),
    "WeightMatrix.cross_entropy": (
        lambda v: WeightMatrix([v[0:3], v[3:6], v[9:12]]).cross_entropy(v[6:9], 2),
        lambda v: plain_ce([plain_dot(v[i : i + 3], v[6:9]) for i in (0, 3, 9)], 2),
        12,
    ),
    "WeightMatrix.scaled": (
        lambda v: _mix(WeightMatrix([v[0:3], v[3:6]]).scaled(v[6:9], v[9], 0.7)),
        lambda v: _mix([0.7 * plain_dot(v[i : i + 3], [x * v[9] for x in v[6:9]]) for i in (0, 3)]),
        10,
    ),
    "WeightMatrix.after_relu": (
        lambda v: _mix(WeightMatrix([v[0:4], v[4:8]]).after_relu(v[8:12])),
        lambda v: _mix([plain_dot(v[i : i + 4], [h.relu() for h in v[8:12]]) for i in (0, 4)]),
        12,
    ),
    "WeightMatrix": (
        lambda v: _mix(WeightMatrix([v[0:3], v[3:6]])(v[6:9])),
        lambda v: _mix([plain_dot(v[0:3], v[6:9]), plain_dot(v[3:6], v[6:9])]),
        9,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_value_and_gradients_as_one_node_per_op(name: str, seed: int) -> None:
    fused_f, plain_f, n = CASES[name]
    _compare(fused_f, plain_f, _points(n, seed))


@pytest.mark.parametrize("name", list(CASES))
def test_gradcheck_against_central_differences(name: str) -> None:
    fused_f, _, n = CASES[name]
    assert gradcheck(fused_f, _points(n, 11), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", list(CASES))
def test_second_derivatives_match_one_node_per_op(name: str) -> None:
    """grad(create_graph=True) 로 얻은 기울기를 다시 미분: Σ (∂f/∂xᵢ)² 의 기울기를 비교."""
    fused_f, plain_f, n = CASES[name]
    xs = _points(n, 5)

    def second(f):
        v = [Value(x) for x in xs]
        grads = grad(f(v), v, create_graph=True, allow_unused=True)
        g2 = sum(g * g for g in grads)
        return g2.data, grad(g2, v, allow_unused=True)

    (va, ga), (vb, gb) = second(fused_f), second(plain_f)
    assert va == pytest.approx(vb, abs=TOL, rel=1e-8)
    assert ga == pytest.approx(gb, abs=1e-8, rel=1e-8)


# ------------------------------------------------------------- 손으로 구한 값
def test_dot_local_derivatives_swap_the_inputs() -> None:
    w, x = [Value(2.0), Value(-1.0)], [Value(3.0), Value(5.0)]
    d = dot(w, x)
    assert d.data == 2 * 3 + -1 * 5
    assert d.op == "dot" and d.local_grads == (3.0, 5.0, 2.0, -1.0)


def test_softmax_ce_local_derivatives_are_p_minus_one_hot() -> None:
    z = [Value(0.0), Value(math.log(3.0))]  # p = (1/4, 3/4)
    loss = softmax_cross_entropy(z, 1)
    assert loss.data == pytest.approx(-math.log(0.75), abs=1e-15)
    assert loss.local_grads == pytest.approx((0.25, -0.25), abs=1e-15)


def test_rms_scale_by_hand() -> None:
    xs = [Value(3.0), Value(4.0)]  # 평균 x² = 12.5
    s = rms_scale(xs, eps=1e-5)
    assert s.data == pytest.approx(12.50001**-0.5, rel=1e-15)
    assert s.local_grads[0] == pytest.approx(-(s.data**3) * 3.0 / 2, rel=1e-14)


def test_softmax_ce_is_stable_for_huge_logits() -> None:
    z = [Value(1000.0), Value(0.0), Value(-1000.0)]
    loss = softmax_cross_entropy(z, 0)
    assert loss.data == pytest.approx(0.0, abs=1e-12)
    loss.backward()
    assert [v.grad for v in z] == pytest.approx([0.0, 0.0, 0.0], abs=1e-12)


def test_one_node_instead_of_many() -> None:
    v = [Value(x) for x in _points(16, 3)]
    w = [Value(x) for x in _points(16, 4)]
    fused_nodes = len(topological_order(dot(w, v))) - 32
    plain_nodes = len(topological_order(plain_dot(w, v))) - 32
    assert fused_nodes == 1
    assert plain_nodes == 33  # 곱셈 16, 덧셈 16, 그리고 sum() 이 시작하는 상수 0


def test_numbers_are_wrapped_as_constants() -> None:
    x = Value(2.0)
    d = dot([x, x], [3, 4.5])
    d.backward()
    assert d.data == 15.0 and x.grad == 7.5


def test_fused_nodes_under_no_grad_have_values_but_no_graph() -> None:
    xs = [Value(1.0), Value(2.0), Value(2.0)]
    with no_grad():
        out = rmsnorm(xs)
        ce = softmax_cross_entropy(xs, 0)
    assert [o.data for o in out] == pytest.approx([x / 3**0.5 * (1 - 1e-5 / 6) for x in (1, 2, 2)])
    assert ce.inputs == () and out[0].inputs == ()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: dot([Value(1.0)], [Value(1.0), Value(2.0)]), "길이가 다릅니다"),
        (lambda: dot([], []), "빈 목록"),
        (lambda: sum_values([]), "빈 목록"),
        (lambda: softmax([]), "빈 목록"),
        (lambda: softmax_cross_entropy([Value(1.0)], 1), "0 이상 1 미만"),
        (lambda: softmax_cross_entropy([Value(1.0)], True), "정수"),
        (lambda: rms_scale([Value(1.0)], eps=0.0), "eps"),
        (lambda: matvec([[Value(1.0)]], [Value(1.0), Value(2.0)]), "0번 행의 길이"),
        (lambda: WeightMatrix([[Value(1.0)], []]), "WeightMatrix 1번 행: 빈 목록"),
        (lambda: WeightMatrix([[Value(1.0)], [Value(1.0)] * 2]), "길이가 모두 같아야"),
        (lambda: linear_cross_entropy([[Value(1.0)]], [Value(1.0)], 1), "0 이상 1 미만"),
        (lambda: linear_cross_entropy([[Value(1.0)]], [Value(1.0), Value(2.0)], 0), "0번 행"),
        (lambda: WeightMatrix([[Value(1.0)]]).cross_entropy([Value(1.0)] * 2, 0), "입력의 길이"),
    ],
)
def test_bad_input_gets_a_korean_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_non_numbers_get_a_korean_type_error() -> None:
    with pytest.raises(TypeError, match="1번 원소가 Value나 숫자가 아닙니다: 'x'"):
        sum_values([Value(1.0), "x"])


def test_docstring_examples() -> None:
    import doctest

    from micrograd_kr import fused
    from micrograd_kr.gpt import model, tokenizer

    for module in (fused, model, tokenizer):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    "build",
    [
        lambda a, b: dot([a, b], [b, Value(0.5)]),
        lambda a, b: sum_values([a, b, a]),
        lambda a, b: rms_scale([a, b]),
        lambda a, b: softmax([a, b, Value(0.3)])[2],
        lambda a, b: softmax_cross_entropy([a, b, Value(0.3)], 1),
        lambda a, b: linear_cross_entropy([[a, b], [b, Value(0.5)], [a, a]], [b, a], 2),
        lambda a, b: WeightMatrix([[a, b], [b, Value(0.5)]]).cross_entropy([b, a], 0),
        lambda a, b: WeightMatrix([[a, b], [b, Value(0.5)]]).scaled([b, a], a, 0.5)[1],
    ],
)
def test_op_table_float_rule_matches_what_the_node_recorded(build) -> None:
    from micrograd_kr.ops import lookup

    node = build(Value(0.7), Value(-1.2))
    op = lookup(node.op)
    assert op is not None and op.name == node.op
    inputs = [v.data for v in node.inputs]
    assert op.local(inputs, node.data, node.arg) == pytest.approx(node.local_grads, abs=1e-15)


def test_scaled_with_relu_makes_no_node_for_rows_relu_would_zero() -> None:
    w = WeightMatrix(
        [[Value(1.0), Value(2.0)], [Value(-1.0), Value(0.5)], [Value(1.0), Value(-1.0)]]
    )
    x, s = [Value(1.0), Value(1.0)], Value(2.0)
    full = w.scaled(x, s, 0.5)
    cut = w.scaled(x, s, 0.5, relu=True)
    assert [v.data for v in full] == [3.0, -0.5, 0.0]
    assert cut[0].data == 3.0 and cut[0].local_grads == full[0].local_grads
    assert cut[1] is None and cut[2] is None  # 0 이하: ReLU 뒤에서 값도 기울기도 0
    (y,) = WeightMatrix([[Value(1.0), Value(1.0), Value(1.0)]]).after_relu(cut)
    assert y.data == 3.0 and y.inputs[-1] is cut[0]
    nan = WeightMatrix([[Value(float("nan")), Value(1.0)]]).scaled(x, s, relu=True)
    assert math.isnan(nan[0].data)  # NaN은 감추지 않는다


def test_after_relu_makes_no_edges_for_dead_units() -> None:
    w = WeightMatrix([[Value(1.0), Value(2.0), Value(3.0)]])
    h = [Value(-1.0), Value(0.0), Value(2.0)]
    (y,) = w.after_relu(h)
    assert y.data == 6.0 and y.inputs == (w.rows[0][2], h[2])
    (dead,) = w.after_relu([Value(-1.0)] * 3)
    assert dead.data == 0.0 and dead.inputs == ()
    (nan,) = w.after_relu([Value(float("nan")), Value(1.0), Value(1.0)])
    assert math.isnan(nan.data)


# ------------------------------------------------------------ 묶은 연산의 규칙 하나
# 숫자는 상수 잎 노드로 감싸고(엔진의 v + 1처럼), 생성기도 받고, 빈 목록은 어디서나 거절한다.
# (예전: linear·matvec은 숫자에 AttributeError, dot·softmax는 받음; linear([], [], b)만 통과)
def _pairs(*columns):
    """같은 값의 (숫자 목록, Value 목록) 두 벌."""
    return [list(c) for c in columns], [[Value(x) for x in c] for c in columns]


RULE = [
    ("linear", lambda ws, xs, b: linear(ws, xs, b)),
    ("dot", lambda ws, xs, b: dot(ws, xs)),
    ("matvec", lambda ws, xs, b: matvec([ws], xs)[0]),
    ("WeightMatrix", lambda ws, xs, b: WeightMatrix([ws])(xs)[0]),
    ("sum_values", lambda ws, xs, b: sum_values(ws)),
    ("rms_scale", lambda ws, xs, b: rms_scale(xs)),
    ("softmax", lambda ws, xs, b: softmax(ws)[0]),
    ("softmax_cross_entropy", lambda ws, xs, b: softmax_cross_entropy(ws, 1)),
    ("linear_cross_entropy", lambda ws, xs, b: linear_cross_entropy([ws], xs, 0)),
]


@pytest.mark.parametrize(("name", "op"), RULE, ids=[r[0] for r in RULE])
def test_every_fused_op_takes_numbers_generators_and_values_alike(name, op) -> None:
    (w_num, x_num), (w_val, x_val) = _pairs([0.5, -1.5, 2.0], [3.0, 0.25, -1.0])
    with_values = op(w_val, x_val, Value(0.7))
    assert op(w_num, x_num, 0.7).data == pytest.approx(with_values.data, rel=1e-12)
    made = op((w for w in w_val), (x for x in x_val), Value(0.7))  # 생성기: 한 번만 읽는다
    assert made.data == pytest.approx(with_values.data, rel=1e-12)
    assert len(made.inputs) == len(with_values.inputs)


@pytest.mark.parametrize(("name", "op"), RULE, ids=[r[0] for r in RULE])
def test_every_fused_op_refuses_empty_lists(name, op) -> None:
    with pytest.raises(ValueError, match="빈 목록"):
        op([], [], Value(1.0))


@pytest.mark.parametrize(("name", "op"), RULE, ids=[r[0] for r in RULE])
@pytest.mark.parametrize("bad", ["x", None, True, [1.0]], ids=["str", "None", "True", "list"])
def test_every_fused_op_names_the_element_that_is_not_a_number(name, op, bad) -> None:
    ws, xs = [Value(1.0), bad], [Value(2.0), bad]
    with pytest.raises(TypeError, match="1번 원소가 Value나 숫자가 아닙니다"):
        op(ws, xs, Value(0.0))


def test_numbers_become_constants_that_get_no_gradient_anyone_reads() -> None:
    """숫자 가중치로 만든 linear도 Value 입력의 기울기는 한 노드씩 쓴 것과 같다."""
    xs = [Value(3.0), Value(-2.0)]
    out = linear([0.5, 4.0], xs, 1.0)
    out.backward()
    assert [x.grad for x in xs] == [0.5, 4.0] and out.data == 1.5 - 8.0 + 1.0


@pytest.mark.parametrize(
    ("eps", "kind", "message"),
    [
        ("x", TypeError, "작은 양수"),
        (None, TypeError, "작은 양수"),
        (True, TypeError, "True"),
        (0.0, ValueError, "0보다 큰"),
        (-1e-5, ValueError, "0보다 큰"),
        (math.nan, ValueError, "유한한"),
        (math.inf, ValueError, "유한한"),
        (10**400, OverflowError, "너무 큽니다"),
    ],
)
def test_rms_scale_eps_is_a_small_positive_number(eps, kind, message: str) -> None:
    for call in (lambda: rms_scale([Value(1.0)], eps=eps), lambda: rmsnorm([Value(1.0)], eps)):
        with pytest.raises(kind, match=message):
            call()
