"""옵티마이저 테스트: 손으로 계산한 갱신, numpy 로 다시 쓴 SGD·모멘텀·Adam 과 비교합니다."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from support_robust import (
    INF,
    NAN,
    gives,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr.engine import Value
from micrograd_kr.optim import SGD, Adam, Optimizer

# 볼록(convex) 2차 함수 f(x, y) = (x - 1)² + 2·(y + 2)² — 최솟값은 (1, -2)
TARGET = np.array([1.0, -2.0])
SCALE = np.array([1.0, 2.0])


def _f(params: list[Value]) -> Value:
    x, y = params
    return (x - 1.0) ** 2 + 2.0 * (y + 2.0) ** 2


def _np_grad(p: np.ndarray) -> np.ndarray:
    return 2.0 * SCALE * (p - TARGET)


def _run(opt: Optimizer, params: list[Value], steps: int) -> list[np.ndarray]:
    path = []
    for _ in range(steps):
        opt.zero_grad()
        _f(params).backward()
        opt.step()
        path.append(np.array([p.data for p in params]))
    return path


# ------------------------------------------------------------------ SGD
def test_sgd_single_step_hand_computed() -> None:
    x = Value(0.0)
    opt = SGD([x], lr=0.1)
    ((x - 3.0) ** 2).backward()  # 기울기 2·(0 - 3) = -6
    assert x.grad == -6.0
    opt.step()
    assert x.data == pytest.approx(0.6)  # 0 - 0.1·(-6)
    opt.zero_grad()
    ((x - 3.0) ** 2).backward()  # 기울기 2·(0.6 - 3) = -4.8
    opt.step()
    assert x.data == pytest.approx(0.6 + 0.48)


def test_sgd_matches_numpy_gradient_descent() -> None:
    params = [Value(4.0), Value(3.0)]
    path = _run(SGD(params, lr=0.05), params, 10)
    p = np.array([4.0, 3.0])
    for got in path:
        p = p - 0.05 * _np_grad(p)
        np.testing.assert_allclose(got, p, rtol=1e-12)


def test_sgd_momentum_hand_computed_three_steps() -> None:
    x = Value(0.0)
    opt = SGD([x], lr=0.1, momentum=0.9)
    # f = (x-3)², g = 2(x-3)
    # 1: g=-6,      v=-6,               x=0.6
    # 2: g=-4.8,    v=0.9·-6-4.8=-10.2, x=0.6+1.02=1.62
    # 3: g=-2.76,   v=-9.18-2.76=-11.94, x=1.62+1.194=2.814
    expected = [0.6, 1.62, 2.814]
    for want in expected:
        opt.zero_grad()
        ((x - 3.0) ** 2).backward()
        opt.step()
        assert x.data == pytest.approx(want, rel=1e-12)
    assert opt.velocity[0] == pytest.approx(-11.94, rel=1e-12)


def test_sgd_momentum_matches_numpy_formula() -> None:
    params = [Value(4.0), Value(3.0)]
    lr, mu = 0.02, 0.8
    path = _run(SGD(params, lr=lr, momentum=mu), params, 8)
    p, v = np.array([4.0, 3.0]), np.zeros(2)
    for got in path:
        v = mu * v + _np_grad(p)
        p = p - lr * v
        np.testing.assert_allclose(got, p, rtol=1e-12)


# ------------------------------------------------------------------ Adam
def _np_adam(p0, steps, lr, b1, b2, eps):
    """Kingma & Ba (2015) 알고리즘 1 을 numpy 로 그대로."""
    p, m, v = np.array(p0, dtype=float), np.zeros(len(p0)), np.zeros(len(p0))
    out = []
    for t in range(1, steps + 1):
        g = _np_grad(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append(p.copy())
    return out


@pytest.mark.parametrize(
    "lr,betas,eps", [(0.1, (0.9, 0.999), 1e-8), (0.05, (0.5, 0.9), 1e-3), (0.3, (0.0, 0.0), 1e-8)]
)
def test_adam_matches_numpy_reference(lr, betas, eps) -> None:
    params = [Value(4.0), Value(3.0)]
    path = _run(Adam(params, lr=lr, betas=betas, eps=eps), params, 6)
    expected = _np_adam([4.0, 3.0], 6, lr, *betas, eps)
    for got, want in zip(path, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_adam_first_step_moves_by_lr_in_sign_direction() -> None:
    """보정 덕분에 첫 걸음은 (eps 를 빼면) 기울기 크기와 상관없이 정확히 lr 만큼."""
    a, b = Value(0.0), Value(0.0)
    opt = Adam([a, b], lr=0.01)
    (100.0 * a - 0.001 * b).backward()
    opt.step()
    assert a.data == pytest.approx(-0.01, rel=1e-6)
    assert b.data == pytest.approx(0.01, rel=1e-4)


# ------------------------------------------------------------------ 최소화
@pytest.mark.parametrize(
    "make",
    [
        lambda ps: SGD(ps, lr=0.1),
        lambda ps: SGD(ps, lr=0.05, momentum=0.9),
        lambda ps: Adam(ps, lr=0.1),
    ],
    ids=["sgd", "momentum", "adam"],
)
def test_optimizers_minimise_convex_function(make) -> None:
    params = [Value(4.0), Value(3.0)]
    start = _f(params).data
    _run(make(params), params, 300)
    assert _f(params).data < 1e-6 * start
    np.testing.assert_allclose([p.data for p in params], TARGET, atol=1e-3)


# ------------------------------------------------------------------ 잘못된 인자
@pytest.mark.parametrize("lr", [0.0, -0.1, math.nan, math.inf, "0.1"])
def test_bad_learning_rate_raises(lr) -> None:
    with pytest.raises(ValueError, match="lr"):
        SGD([Value(1.0)], lr=lr)
    with pytest.raises(ValueError, match="lr"):
        Adam([Value(1.0)], lr=lr)


def test_numpy_scalar_learning_rate_is_accepted() -> None:
    x = Value(1.0)
    x.grad = 2.0
    SGD([x], lr=np.float32(0.25)).step()
    assert x.data == pytest.approx(0.5)


@pytest.mark.parametrize("momentum", [-0.1, 1.0, 1.5])
def test_bad_momentum_raises(momentum) -> None:
    with pytest.raises(ValueError, match="momentum"):
        SGD([Value(1.0)], lr=0.1, momentum=momentum)


@pytest.mark.parametrize("betas", [(1.0, 0.999), (0.9, 1.0), (-0.1, 0.999), (0.9, -0.5)])
def test_bad_betas_raise(betas) -> None:
    with pytest.raises(ValueError, match="betas"):
        Adam([Value(1.0)], betas=betas)


def test_empty_or_non_value_params_raise() -> None:
    with pytest.raises(ValueError):
        SGD([], lr=0.1)
    with pytest.raises(TypeError):
        SGD([Value(1.0), 2.0], lr=0.1)


def test_params_may_be_a_generator() -> None:
    values = [Value(1.0), Value(2.0)]
    opt = SGD((v for v in values), lr=0.5)
    for v in values:
        v.grad = 1.0
    opt.step()
    assert [v.data for v in values] == [0.5, 1.5]


# ------------------------------------------------------------------ zero_grad
@pytest.mark.parametrize("cls", [SGD, Adam])
def test_zero_grad_zeros_every_parameter(cls) -> None:
    params = [Value(1.0), Value(-2.0), Value(0.5)]
    (params[0] * params[1] + params[2] ** 2).backward()
    assert all(p.grad != 0.0 for p in params)
    opt = cls(params, lr=0.1)
    opt.zero_grad()
    assert [p.grad for p in params] == [0.0, 0.0, 0.0]


def test_step_with_zero_gradient_does_not_move() -> None:
    params = [Value(1.0), Value(-2.0)]
    for opt in (SGD(params, lr=0.1, momentum=0.9), Adam(params, lr=0.1)):
        opt.step()
        assert [p.data for p in params] == [1.0, -2.0]


@pytest.mark.parametrize("eps", [0.0, -1e-8, 2.0])
def test_adam_rejects_bad_eps(eps) -> None:
    with pytest.raises(ValueError, match="eps"):
        Adam([Value(1.0)], lr=0.1, eps=eps)


# ============================================================ 적대적인 입력
@pytest.mark.parametrize("cls", [SGD, Adam])
def test_optimizers_refuse_duplicate_parameters(cls: type) -> None:
    p, q = Value(1.0), Value(2.0)
    with pytest.raises(ValueError, match="매개변수 0번과 2번이 같은 Value"):
        cls([p, q, p], lr=0.1)


def test_sgd_with_distinct_equal_valued_parameters_is_fine() -> None:
    a, b = Value(1.0), Value(1.0)  # 값이 같아도 다른 Value 면 괜찮다
    a.grad = b.grad = 1.0
    SGD([a, b], lr=0.5).step()
    assert (a.data, b.data) == (0.5, 0.5)


@pytest.mark.parametrize("cls", [SGD, Adam])
@pytest.mark.parametrize("bad", [NAN, INF, -0.1, 0.0, "0.1", True])
def test_setting_lr_later_is_checked_and_keeps_the_old_value(cls: type, bad: Any) -> None:
    opt = cls([Value(1.0)], lr=0.1)
    with pytest.raises(ValueError, match="학습률"):
        opt.lr = bad
    assert opt.lr == 0.1
    opt.lr = 0.25
    assert opt.lr == 0.25


def _set_lr(opt: Any, value: Any) -> Any:
    opt.lr = value
    return opt


def _dup(cls: type) -> Any:
    p = Value(1.0)
    return cls([p, Value(2.0), p], lr=0.1)


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 옵티마이저
    (
        "SGD lr=nan (전에도 거절, 이제 '유한한')",
        lambda: SGD([Value(1.0)], lr=NAN),
        raises(ValueError, "유한한 양수"),
    ),
    ("SGD lr=inf", lambda: SGD([Value(1.0)], lr=INF), raises(ValueError, "유한한 양수")),
    ("SGD lr=True", lambda: SGD([Value(1.0)], lr=True), raises(ValueError, "숫자가 와야")),
    (
        "opt.lr = nan",
        lambda: _set_lr(SGD([Value(1.0)], lr=0.1), NAN),
        raises(ValueError, "유한한 양수"),
    ),
    ("opt.lr = -1", lambda: _set_lr(Adam([Value(1.0)]), -1), raises(ValueError, "유한한 양수")),
    (
        "opt.lr = np.float32(0.5) (전에도 됨)",
        lambda: _set_lr(SGD([Value(1.0)], lr=0.1), np.float32(0.5)),
        gives(lambda o: o.lr == 0.5),
    ),
    (
        "SGD momentum=nan (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=NAN),
        raises(ValueError, "momentum"),
    ),
    (
        "SGD momentum=inf (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=INF),
        raises(ValueError, "momentum"),
    ),
    (
        "SGD momentum='0.9' (전에는 영어 TypeError)",
        lambda: SGD([Value(1.0)], momentum="0.9"),
        raises(ValueError, "momentum은\\(는\\) 0 이상 1 미만"),
    ),
    (
        "SGD momentum=True (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=True),
        raises(ValueError, "momentum"),
    ),
    ("SGD([p, p])", lambda: _dup(SGD), raises(ValueError, "같은 Value")),
    ("Adam([p, p])", lambda: _dup(Adam), raises(ValueError, "같은 Value")),
    (
        "Adam betas=(nan, 0.999) (전에도 됨)",
        lambda: Adam([Value(1.0)], betas=(NAN, 0.999)),
        raises(ValueError, "betas"),
    ),
    (
        "Adam betas=(0.9, inf) (전에도 됨)",
        lambda: Adam([Value(1.0)], betas=(0.9, INF)),
        raises(ValueError, "betas"),
    ),
    (
        "Adam betas=(0.9,) (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas=(0.9,)),
        raises(ValueError, "수 두 개"),
    ),
    (
        "Adam betas='ab' (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas="ab"),
        raises(ValueError, "수 두 개"),
    ),
    (
        "Adam betas=(0.9, '0.99') (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas=(0.9, "0.99")),
        raises(ValueError, r"betas\[1\]"),
    ),
    ("Adam eps=nan (전에도 됨)", lambda: Adam([Value(1.0)], eps=NAN), raises(ValueError, "eps")),
    ("Adam eps=True (전에도 됨)", lambda: Adam([Value(1.0)], eps=True), raises(ValueError, "eps")),
]

test_sweep_table = sweep_table_test(SWEEP)
