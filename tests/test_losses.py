"""손실 함수 테스트: numpy 로 따로 계산한 값, 손으로 구한 값, 수치 미분과 비교합니다."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numerics import numerical_grads

from micrograd_kr.engine import Value
from micrograd_kr.losses import (
    binary_cross_entropy,
    cross_entropy,
    hinge,
    l2,
    log_softmax,
    mse,
    softmax,
)

finite = st.floats(min_value=-20, max_value=20, allow_nan=False, allow_infinity=False)
logit_lists = st.lists(finite, min_size=1, max_size=6)


def _np_softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()


def _np_log_softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    m = z.max()
    return z - m - np.log(np.exp(z - m).sum())


_numerical_grads = numerical_grads


# ------------------------------------------------------------------ mse
def test_mse_hand_value_and_gradient() -> None:
    pred = [Value(1.0), Value(2.0), Value(4.0)]
    loss = mse(pred, [0.0, 2.0, 1.0])
    assert loss.data == pytest.approx((1.0 + 0.0 + 9.0) / 3)
    loss.backward()
    # ∂/∂pᵢ = 2(pᵢ - tᵢ)/N
    assert [p.grad for p in pred] == pytest.approx([2 / 3, 0.0, 2.0])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=8))
def test_mse_matches_numpy(pairs) -> None:
    p, t = (np.array(col) for col in zip(*pairs))
    assert mse(list(p), list(t)).data == pytest.approx(np.mean((p - t) ** 2), rel=1e-9, abs=1e-9)


def test_mse_length_mismatch_and_empty_raise() -> None:
    with pytest.raises(ValueError, match="2.*1|1.*2"):
        mse([Value(1.0), Value(2.0)], [1.0])
    with pytest.raises(ValueError):
        mse([], [])


# ------------------------------------------------------------------ binary cross-entropy
def test_bce_matches_numpy_and_gradient() -> None:
    probs = [Value(0.9), Value(0.2), Value(0.6)]
    t = np.array([1.0, 0.0, 1.0])
    p = np.array([0.9, 0.2, 0.6])
    loss = binary_cross_entropy(probs, list(t))
    expected = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
    assert loss.data == pytest.approx(expected, rel=1e-12)
    loss.backward()
    # ∂/∂p = (p - t) / (p(1-p)) / N
    assert [v.grad for v in probs] == pytest.approx(list((p - t) / (p * (1 - p)) / 3), rel=1e-9)


def test_bce_on_sigmoid_gives_textbook_gradient() -> None:
    """σ 와 이진 교차 엔트로피를 이으면 로짓에 대한 기울기는 (σ(z) - t)/N."""
    z = [Value(1.5), Value(-0.3)]
    t = [0.0, 1.0]
    loss = binary_cross_entropy([v.sigmoid() for v in z], t)
    loss.backward()
    sig = 1 / (1 + np.exp(-np.array([1.5, -0.3])))
    assert [v.grad for v in z] == pytest.approx(list((sig - np.array(t)) / 2), rel=1e-9)


@pytest.mark.parametrize("p,t", [(0.0, 1.0), (1.0, 0.0), (0.0, 0.0), (1.0, 1.0)])
def test_bce_clamps_probabilities_at_zero_and_one(p: float, t: float) -> None:
    prob = Value(p)
    loss = binary_cross_entropy([prob], [t])
    assert math.isfinite(loss.data)
    eps = 1e-7
    wrong = -math.log(eps)  # 완전히 틀린 확신: 손실은 -log(eps) ≈ 16.1
    right = -math.log(1 - eps)
    assert loss.data == pytest.approx(wrong if p != t else right, rel=1e-6)
    loss.backward()
    assert math.isfinite(prob.grad)


# ------------------------------------------------------------------ softmax
@settings(max_examples=80, deadline=None)
@given(logit_lists)
def test_softmax_matches_numpy_and_sums_to_one(z) -> None:
    probs = [v.data for v in softmax([Value(x) for x in z])]
    assert sum(probs) == pytest.approx(1.0, rel=1e-12)
    np.testing.assert_allclose(probs, _np_softmax(z), rtol=1e-9, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(logit_lists, st.floats(min_value=-500, max_value=500))
def test_softmax_is_shift_invariant(z, c) -> None:
    a = [v.data for v in softmax(z)]
    b = [v.data for v in softmax([x + c for x in z])]
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-12)


def test_softmax_stable_at_huge_logits() -> None:
    probs = [v.data for v in softmax([Value(1000.0), Value(1001.0), Value(1002.0)])]
    e = np.exp([-2.0, -1.0, 0.0])
    np.testing.assert_allclose(probs, e / e.sum(), rtol=1e-12)
    assert all(math.isfinite(p) for p in probs)


def test_softmax_gradient_matches_numerical() -> None:
    z = [Value(0.2), Value(-1.0), Value(2.5)]
    weights = [1.0, -2.0, 0.5]  # 출력마다 다른 상류 기울기

    def f() -> Value:
        s = softmax(z)
        return sum((w * p for w, p in zip(weights, s)), Value(0.0))

    f().backward()
    np.testing.assert_allclose([v.grad for v in z], _numerical_grads(f, z), rtol=1e-6)


def test_softmax_empty_raises() -> None:
    with pytest.raises(ValueError):
        softmax([])


# ------------------------------------------------------------------ log_softmax
@settings(max_examples=80, deadline=None)
@given(logit_lists)
def test_log_softmax_matches_numpy(z) -> None:
    got = [v.data for v in log_softmax(z)]
    np.testing.assert_allclose(got, _np_log_softmax(z), rtol=1e-9, atol=1e-12)
    assert sum(math.exp(v) for v in got) == pytest.approx(1.0, rel=1e-12)


def test_log_softmax_stable_at_huge_logits() -> None:
    got = [v.data for v in log_softmax([1000.0, 1001.0, 1002.0])]
    np.testing.assert_allclose(got, _np_log_softmax([0.0, 1.0, 2.0]), rtol=1e-12)


# ------------------------------------------------------------------ cross-entropy
def test_cross_entropy_single_sample_hand_value() -> None:
    # 로짓이 모두 같으면 확률은 1/3 씩, 손실은 log 3
    assert cross_entropy([Value(0.0), Value(0.0), Value(0.0)], 1).data == pytest.approx(math.log(3))
    z = [2.0, 1.0, 0.1]
    assert cross_entropy(z, 0).data == pytest.approx(-_np_log_softmax(z)[0], rel=1e-12)


def test_cross_entropy_batch_is_mean_of_samples() -> None:
    batch = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]]
    targets = [0, 2, 2]
    expected = np.mean([-_np_log_softmax(z)[t] for z, t in zip(batch, targets)])
    assert cross_entropy(batch, targets).data == pytest.approx(expected, rel=1e-12)
    assert cross_entropy(batch, np.array(targets)).data == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_stable_at_huge_logits() -> None:
    loss = cross_entropy([Value(1000.0), Value(1001.0), Value(1002.0)], 0)
    assert loss.data == pytest.approx(-_np_log_softmax([0.0, 1.0, 2.0])[0], rel=1e-12)
    batch = cross_entropy([[1000.0, -1000.0], [-1000.0, 1000.0]], [0, 1])
    assert batch.data == pytest.approx(0.0, abs=1e-12)
    # 정답 쪽 확률이 e^-2000 으로 0 이 되어도 손실은 유한한 2000 (softmax 후 log 로는 안 된다)
    wrong = cross_entropy([Value(1000.0), Value(-1000.0)], 1)
    assert wrong.data == pytest.approx(2000.0, rel=1e-12)
    assert cross_entropy([[1000.0, -1000.0], [0.0, 0.0]], [1, 0]).data == pytest.approx(
        (2000.0 + math.log(2)) / 2, rel=1e-12
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(finite, min_size=2, max_size=6).flatmap(
        lambda z: st.tuples(st.just(z), st.integers(min_value=0, max_value=len(z) - 1))
    )
)
def test_cross_entropy_gradient_is_softmax_minus_onehot(case) -> None:
    z, t = case
    logits = [Value(x) for x in z]
    cross_entropy(logits, t).backward()
    onehot = np.eye(len(z))[t]
    np.testing.assert_allclose([v.grad for v in logits], _np_softmax(z) - onehot, atol=1e-12)


def test_cross_entropy_batch_gradient_is_averaged() -> None:
    batch = [[Value(1.0), Value(-1.0)], [Value(0.3), Value(0.9)]]
    targets = [1, 1]
    cross_entropy(batch, targets).backward()
    for zs, t in zip(batch, targets):
        expected = (_np_softmax([v.data for v in zs]) - np.eye(2)[t]) / 2
        np.testing.assert_allclose([v.grad for v in zs], expected, atol=1e-12)


@pytest.mark.parametrize("bad", [3, -1, 1.0, True, "0"])
def test_cross_entropy_bad_target_raises(bad) -> None:
    with pytest.raises(ValueError, match="cross_entropy"):
        cross_entropy([0.1, 0.2, 0.3], bad)


def test_cross_entropy_bad_target_in_batch_raises() -> None:
    with pytest.raises(ValueError):
        cross_entropy([[0.1, 0.2], [0.3, 0.4]], [0, 2])
    with pytest.raises(ValueError):
        cross_entropy([[0.1, 0.2], [0.3, 0.4]], [0])


# ------------------------------------------------------------------ hinge
def test_hinge_hand_values_and_gradient() -> None:
    s = [Value(2.0), Value(0.5), Value(-0.3), Value(-3.0)]
    y = [1, 1, 1, -1]
    # max(0, 1 - y·s): 0, 0.5, 1.3, 0  → 평균 0.45
    loss = hinge(s, y)
    assert loss.data == pytest.approx((0.0 + 0.5 + 1.3 + 0.0) / 4)
    loss.backward()
    # 여유(margin) 안쪽 샘플만 -y/N, 나머지는 0
    assert [v.grad for v in s] == pytest.approx([0.0, -0.25, -0.25, 0.0])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(finite, st.sampled_from([-1, 1])), min_size=1, max_size=8))
def test_hinge_matches_numpy(pairs) -> None:
    s, y = (np.array(col, dtype=float) for col in zip(*pairs))
    expected = np.mean(np.maximum(0.0, 1.0 - y * s))
    assert hinge(list(s), list(y)).data == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_hinge_custom_margin() -> None:
    assert hinge([Value(1.5)], [1], margin=2.0).data == pytest.approx(0.5)


def test_hinge_rejects_zero_one_labels() -> None:
    with pytest.raises(ValueError, match="hinge"):
        hinge([Value(0.5)], [0])


# ------------------------------------------------------------------ l2
def test_l2_hand_value_and_gradient() -> None:
    params = [Value(3.0), Value(-4.0)]
    reg = l2(params, alpha=0.1)
    assert reg.data == pytest.approx(0.1 * (9.0 + 16.0))
    reg.backward()
    assert [p.grad for p in params] == pytest.approx([0.6, -0.8])  # 2·alpha·p


def test_l2_of_no_params_is_zero() -> None:
    assert l2([]).data == 0.0


# ------------------------------------------------------------------ 수치 미분과 비교
@pytest.mark.parametrize("which", ["mse", "bce", "cross_entropy", "hinge"])
def test_loss_gradients_match_central_differences(which: str) -> None:
    leaves = [Value(v) for v in (0.3, -0.8, 0.45, 1.7)]

    def f() -> Value:
        a, b, c, d = leaves
        if which == "mse":
            return mse([a, b, c * d], [1.0, 0.0, -0.5])
        if which == "bce":
            return binary_cross_entropy([a.sigmoid(), (b * c).sigmoid(), d.sigmoid()], [1, 0, 1])
        if which == "cross_entropy":
            return cross_entropy([[a, b, c], [d, a * b, c]], [2, 0])
        return hinge([a, b * d, c], [1, -1, -1])

    f().backward()
    np.testing.assert_allclose(
        [v.grad for v in leaves], _numerical_grads(f, leaves), rtol=1e-6, atol=1e-9
    )


@pytest.mark.parametrize("target", [-1.0, 1.5, 2])
def test_binary_cross_entropy_rejects_targets_outside_zero_one(target) -> None:
    with pytest.raises(ValueError, match="0~1"):
        binary_cross_entropy([0.5], [target])


def test_binary_cross_entropy_soft_target_matches_formula() -> None:
    loss = binary_cross_entropy([0.8], [0.25])
    assert loss.data == pytest.approx(-(0.25 * math.log(0.8) + 0.75 * math.log(0.2)))
