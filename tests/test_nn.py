"""nn 모듈 테스트: 모양, 매개변수 수, 초기화, 활성화 값, 수치 미분과 비교한 기울기."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numerics import numerical_grads
from support_robust import (
    POSIX,
    assert_korean_only,
    case_table_test,
    gives,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    params_of,
    sweep_table_test,
)

from micrograd_kr.engine import Value
from micrograd_kr.fused import linear
from micrograd_kr.nn import ACTIVATIONS, MLP, Layer, Module, Neuron

TEXTBOOK = json.loads((Path(__file__).parent / "data" / "textbook.json").read_text("utf-8"))


# ------------------------------------------------------------------ 모양과 매개변수
def test_neuron_layer_mlp_parameter_counts() -> None:
    assert len(Neuron(5).parameters()) == 5 + 1
    assert len(Layer(3, 4).parameters()) == 4 * (3 + 1)
    # 2→16: 16·3, 16→16: 16·17, 16→1: 17  → 48 + 272 + 17
    assert len(MLP(2, [16, 16, 1]).parameters()) == 337
    assert len(MLP(3, [4, 2]).parameters()) == 4 * 4 + 2 * 5


def test_parameters_are_distinct_values() -> None:
    params = MLP(2, [3, 2], seed=0).parameters()
    assert all(isinstance(p, Value) for p in params)
    assert len({id(p) for p in params}) == len(params)


def test_layer_always_returns_list() -> None:
    one = Layer(2, 1, rng=random.Random(0))([0.5, -1.0])
    many = Layer(2, 3, rng=random.Random(0))([0.5, -1.0])
    assert isinstance(one, list) and len(one) == 1 and isinstance(one[0], Value)
    assert isinstance(many, list) and len(many) == 3


def test_mlp_returns_value_for_one_output_and_list_otherwise() -> None:
    single = MLP(2, [4, 1], seed=0)([1.0, 2.0])
    multi = MLP(2, [4, 3], seed=0)([1.0, 2.0])
    assert isinstance(single, Value)
    assert isinstance(multi, list) and len(multi) == 3
    assert all(isinstance(v, Value) for v in multi)


def test_mlp_with_one_neuron_hidden_layer() -> None:
    model = MLP(2, [16, 1, 1], seed=0)
    out = model([0.3, -0.7])
    assert isinstance(out, Value)
    assert len(model.parameters()) == 16 * 3 + 17 + 2
    # 가운데 층이 뉴런 하나여도 마지막 층은 그 출력 하나를 입력으로 받는다
    hidden = model.layers[1](model.layers[0]([0.3, -0.7]))
    w, b = model.layers[2].neurons[0].w[0].data, model.layers[2].neurons[0].b.data
    assert out.data == pytest.approx(w * hidden[0].data + b)


def test_mlp_last_layer_is_linear_hidden_layers_use_activation() -> None:
    model = MLP(2, [3, 3, 2], activation="tanh", seed=0)
    acts = [n.activation for layer in model.layers for n in layer.neurons]
    assert acts == ["tanh"] * 6 + ["linear"] * 2


# ------------------------------------------------------------------ 초기화
def _weights(model: Module) -> list[float]:
    return [p.data for p in model.parameters()]


def test_same_seed_gives_identical_weights() -> None:
    assert _weights(MLP(2, [8, 8, 1], seed=42)) == _weights(MLP(2, [8, 8, 1], seed=42))


def test_different_seeds_give_different_weights() -> None:
    assert _weights(MLP(2, [8, 8, 1], seed=1)) != _weights(MLP(2, [8, 8, 1], seed=2))


def test_weights_in_unit_interval_and_biases_zero() -> None:
    model = MLP(3, [5, 2], seed=0)
    for layer in model.layers:
        for n in layer.neurons:
            assert all(-1.0 <= w.data <= 1.0 for w in n.w)
            assert n.b.data == 0.0


# ------------------------------------------------------------------ 잘못된 입력
@pytest.mark.parametrize(
    "make",
    [lambda: Neuron(3), lambda: Layer(3, 2), lambda: MLP(3, [2, 1], seed=0)],
    ids=["neuron", "layer", "mlp"],
)
def test_wrong_input_length_names_both_lengths(make) -> None:
    module = make()
    with pytest.raises(ValueError) as info:
        module([1.0, 2.0])
    message = str(info.value)
    assert "3" in message and "2" in message


def test_unknown_activation_raises() -> None:
    with pytest.raises(ValueError, match="softsign"):
        Neuron(2, activation="softsign")
    with pytest.raises(ValueError, match="softsign"):
        Layer(2, 2, activation="softsign")
    with pytest.raises(ValueError, match="softsign"):
        MLP(2, [2, 1], activation="softsign")


@pytest.mark.parametrize("bad", [lambda: Neuron(0), lambda: Layer(2, 0), lambda: MLP(2, [])])
def test_empty_sizes_raise(bad) -> None:
    with pytest.raises(ValueError):
        bad()


# ------------------------------------------------------------------ 활성화 함수
def _np_activation(z: float, name: str) -> float:
    z = np.float64(z)
    table = {
        "relu": np.maximum(z, 0.0),
        "tanh": np.tanh(z),
        "sigmoid": 1.0 / (1.0 + np.exp(-z)),
        "leaky_relu": z if z > 0 else 0.01 * z,
        "elu": z if z > 0 else np.exp(z) - 1.0,
        "linear": z,
    }
    return float(table[name])


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("x", [[1.0, 2.0, -0.5], [-2.0, 1.0, 0.5]])
def test_neuron_activation_with_hand_set_weights(activation: str, x: list[float]) -> None:
    n = Neuron(3, activation=activation)
    w, b = [0.5, -0.25, 2.0], 0.1
    for wi, v in zip(n.w, w):
        wi.data = v
    n.b.data = b
    z = float(np.dot(w, x) + b)  # 첫 입력: 0.5-0.5-1+0.1 = -0.9, 둘째: -1-0.25+1+0.1 = -0.15
    assert z < 0  # 음수 쪽에서 relu·leaky_relu·elu 가 서로 다르다
    assert n(x).data == pytest.approx(_np_activation(z, activation), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_neuron_activation_positive_side(activation: str) -> None:
    n = Neuron(2, activation=activation)
    n.w[0].data, n.w[1].data, n.b.data = 1.5, -0.5, 0.2
    z = 1.5 * 0.8 - 0.5 * 0.4 + 0.2  # 1.2
    assert n([0.8, 0.4]).data == pytest.approx(_np_activation(z, activation), rel=1e-12)


# ------------------------------------------------------------------ 기울기
_numerical_grads = numerical_grads


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_mlp_gradients_match_central_differences(activation: str) -> None:
    model = MLP(3, [4, 3, 2], activation=activation, seed=7)
    for layer in model.layers:  # 편향도 0 이 아니게 — 모든 매개변수가 제 몫을 하도록
        for n in layer.neurons:
            n.b.data = 0.3
    x = [0.7, -1.2, 0.4]

    def f() -> Value:
        y0, y1 = model(x)
        return y0 * y1 + y0.tanh()

    params = model.parameters()
    model.zero_grad()
    f().backward()
    analytic = [p.grad for p in params]
    numeric = _numerical_grads(f, params)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)
    assert any(abs(g) > 1e-3 for g in analytic)


def test_gradient_accumulates_and_zero_grad_zeros() -> None:
    model = MLP(2, [4, 1], activation="tanh", seed=3)
    model([1.0, -1.0]).backward()
    first = [p.grad for p in model.parameters()]
    assert any(g != 0.0 for g in first)
    model([1.0, -1.0]).backward()  # 잎 노드의 기울기는 더해진다
    np.testing.assert_allclose([p.grad for p in model.parameters()], 2 * np.array(first))
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_module_base_has_no_parameters() -> None:
    m = Module()
    assert m.parameters() == []
    m.zero_grad()  # 매개변수가 없어도 문제없이 지나간다


# ------------------------------------------------------------------ linear 노드
small = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda n: st.tuples(
            st.lists(small, min_size=n, max_size=n),
            st.lists(small, min_size=n, max_size=n),
            small,
        )
    )
)
def test_linear_node_equals_explicit_mul_add_graph(case) -> None:
    w_data, x_data, b_data = case

    def build(use_linear: bool) -> tuple[list[Value], list[Value], Value, Value]:
        ws = [Value(v) for v in w_data]
        xs = [Value(v) for v in x_data]
        b = Value(b_data)
        if use_linear:
            z = linear(ws, xs, b)
        else:
            z = b
            for w, x in zip(ws, xs):
                z = z + w * x
        out = z.tanh() * 3.0 + z  # 상류 기울기가 1 이 아니도록
        out.backward()
        return ws, xs, b, z

    ws1, xs1, b1, z1 = build(True)
    ws2, xs2, b2, z2 = build(False)
    assert z1.data == pytest.approx(z2.data, rel=1e-9, abs=1e-9)
    grads1 = [v.grad for v in (*ws1, *xs1, b1)]
    grads2 = [v.grad for v in (*ws2, *xs2, b2)]
    np.testing.assert_allclose(grads1, grads2, rtol=1e-9, atol=1e-9)


def test_linear_node_has_one_node_and_hand_values() -> None:
    ws = [Value(2.0), Value(-1.0)]
    xs = [Value(3.0), Value(4.0)]
    b = Value(0.5)
    z = linear(ws, xs, b)
    assert z.data == 2.0 * 3.0 - 1.0 * 4.0 + 0.5
    z.backward()
    assert [w.grad for w in ws] == [3.0, 4.0]  # ∂z/∂wᵢ = xᵢ
    assert [x.grad for x in xs] == [2.0, -1.0]  # ∂z/∂xᵢ = wᵢ
    assert b.grad == 1.0


# ------------------------------------------------------------------ 교과서 3층 신경망
def _dense(xs: list[Value], W: list[list[float]], B: list[float]) -> list[Value]:
    """행렬 형태 A = X·W + B 를 열마다 linear 노드 하나로."""
    cols = range(len(B))
    return [linear([Value(row[j]) for row in W], xs, Value(B[j])) for j in cols]


def test_textbook_three_layer_network_forward() -> None:
    net = TEXTBOOK["three_layer_network"]
    x = [Value(v) for v in net["X"]]
    a1 = _dense(x, net["W1"], net["B1"])
    z1 = [a.sigmoid() for a in a1]
    a2 = _dense(z1, net["W2"], net["B2"])
    z2 = [a.sigmoid() for a in a2]
    y = _dense(z2, net["W3"], net["B3"])  # 출력층은 항등 함수(identity)
    for got, want in [(a1, "A1"), (z1, "Z1"), (a2, "A2"), (z2, "Z2"), (y, "Y")]:
        assert [v.data for v in got] == pytest.approx(net[want], rel=1e-12), want
    assert [v.data for v in y] == pytest.approx([0.3168, 0.6963], abs=1e-4)


def test_textbook_three_layer_network_with_mul_and_add_nodes() -> None:
    net = TEXTBOOK["three_layer_network"]

    def dense(xs: list[Value], W: list[list[float]], B: list[float]) -> list[Value]:
        out = []
        for j, b in enumerate(B):
            z = Value(b)
            for i, x in enumerate(xs):
                z = z + x * W[i][j]
            out.append(z)
        return out

    x = [Value(v) for v in net["X"]]
    z1 = [a.sigmoid() for a in dense(x, net["W1"], net["B1"])]
    z2 = [a.sigmoid() for a in dense(z1, net["W2"], net["B2"])]
    y = dense(z2, net["W3"], net["B3"])
    assert [v.data for v in y] == pytest.approx(net["Y"], rel=1e-12)


def test_textbook_network_as_mlp_with_loaded_weights() -> None:
    """같은 가중치를 MLP 에 넣으면 같은 출력 (마지막 층이 선형인 MLP 와 모양이 같다)."""
    net = TEXTBOOK["three_layer_network"]
    model = MLP(2, [3, 2, 2], activation="sigmoid", seed=0)
    for layer, W, B in zip(model.layers, (net["W1"], net["W2"], net["W3"]), ("B1", "B2", "B3")):
        for j, neuron in enumerate(layer.neurons):
            for i, w in enumerate(neuron.w):
                w.data = W[i][j]
            neuron.b.data = net[B][j]
    y = model(net["X"])
    assert [v.data for v in y] == pytest.approx(net["Y"], rel=1e-12)
    assert math.isclose(y[0].data, 0.3168270764110298, rel_tol=1e-12)


# ============================================================ 적대적인 입력
@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
def test_mlp_with_a_trillion_neurons_is_refused_at_once() -> None:
    result = in_child(lambda: MLP(2, [10**12]), address_space=1_000_000_000)
    assert result.get("type") == "SizeLimitError", result  # ValueError 의 한 갈래
    assert "약 3조 개" in result["error"] and "TB 필요" in result["error"]
    assert_korean_only(result["error"])


def test_seed_none_follows_random_seed_and_matches_random_uniform() -> None:
    random.seed(1337)
    a = MLP(2, [3, 1])
    random.seed(1337)
    b = MLP(2, [3, 1])
    random.seed(1337)
    # 독립 기준: micrograd처럼 뉴런마다 가중치를 random.uniform(-1, 1)로, 편향은 0
    expected = []
    for nin, nout in [(2, 3), (3, 1)]:
        for _ in range(nout):
            expected += [random.uniform(-1.0, 1.0) for _ in range(nin)] + [0.0]
    assert params_of(a) == params_of(b) == expected


def test_explicit_seed_is_independent_of_global_random_state() -> None:
    """seed= 는 전과 같이 (전에도 됨: 지켜야 할 약속)."""
    random.seed(1)
    a = MLP(2, [3, 1], seed=7)
    after_a = random.random()
    random.seed(2)
    b = MLP(2, [3, 1], seed=7)
    random.seed(1)
    assert params_of(a) == params_of(b)
    assert random.random() == after_a  # seed= 를 주면 전역 생성기를 건드리지 않는다


def _same(make: Callable[[], MLP]) -> bool:
    return params_of(make()) == params_of(make())


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    # --- 자료형
    ("MLP(2, [2.0])", lambda: MLP(2, [2.0]), "정수가 와야 합니다. 받은 값: 2.0"),
    ("MLP('2', [1])", lambda: MLP("2", [1]), "정수가 와야 합니다. 받은 값: '2'"),
    ("MLP(2, 5)", lambda: MLP(2, 5), "목록이 와야 합니다"),
    ("MLP(2, [True])", lambda: MLP(2, [True]), "정수가 와야 합니다"),
    ("MLP(2, [10**12])", lambda: MLP(2, [10**12]), "TB 필요"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- nn과 시드
    (
        "MLP(seed='문자열')도 재현된다 (전에도 됨)",
        lambda: _same(lambda: MLP(2, [2, 1], seed="가")),
        gives(bool),
    ),
    (
        "MLP(seed=None) + random.seed",
        lambda: _same(lambda: (random.seed(5), MLP(2, [2, 1]))[1]),
        gives(bool),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)
