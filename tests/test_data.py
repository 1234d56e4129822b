"""데이터셋 테스트: 모양, 클래스 균형, 시드에 따른 재현성, 잡음 없는 점의 기하."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from support_robust import (
    INF,
    NAN,
    case_table_test,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr import data


# ------------------------------------------------------------------ xor
def test_xor_is_the_truth_table() -> None:
    X, y = data.xor()
    assert X.shape == (4, 2) and y.shape == (4,)
    for (a, b), label in zip(X, y):
        assert label == (int(a) ^ int(b))


# ------------------------------------------------------------------ 공통: 모양·균형·재현성
GENERATORS = {
    "moons": lambda n, seed: data.moons(n, noise=0.1, seed=seed),
    "circles": lambda n, seed: data.circles(n, noise=0.05, seed=seed),
    "spiral": lambda n, seed: data.spiral(n, classes=3, seed=seed),
}


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize("n", [3, 7, 100])
def test_shapes_and_dtypes(name: str, n: int) -> None:
    X, y = GENERATORS[name](n, 0)
    assert X.shape == (n, 2)
    assert y.shape == (n,)
    assert X.dtype == np.float64
    assert np.issubdtype(y.dtype, np.integer)
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", ["moons", "circles"])
@pytest.mark.parametrize("n", [10, 11, 100])
def test_two_class_balance(name: str, n: int) -> None:
    _, y = GENERATORS[name](n, 0)
    assert set(np.unique(y)) == {0, 1}
    assert np.sum(y == 0) == n // 2
    assert np.sum(y == 1) == n - n // 2


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_different_seed_different_data(name: str) -> None:
    X1, y1 = GENERATORS[name](50, 3)
    X2, y2 = GENERATORS[name](50, 3)
    X3, y3 = GENERATORS[name](50, 4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", GENERATORS)
def test_samples_are_shuffled(name: str) -> None:
    _, y = GENERATORS[name](60, 0)
    assert not np.all(np.diff(y) >= 0)  # 정답이 클래스 순서대로 줄 서 있지 않다


# ------------------------------------------------------------------ 잡음 없는 점의 기하
def test_moons_without_noise_lie_on_the_two_half_circles() -> None:
    X, y = data.moons(60, noise=0.0, seed=0)
    top, bottom = X[y == 0], X[y == 1]
    # 위쪽 반달: 원점 중심 단위원의 위쪽 절반
    np.testing.assert_allclose(np.hypot(top[:, 0], top[:, 1]), 1.0, rtol=1e-12)
    assert np.all(top[:, 1] >= -1e-12)
    # 아래쪽 반달: 중심 (1, 0.5), 반지름 1 인 원의 아래쪽 절반
    np.testing.assert_allclose(np.hypot(bottom[:, 0] - 1.0, bottom[:, 1] - 0.5), 1.0, rtol=1e-12)
    assert np.all(bottom[:, 1] <= 0.5 + 1e-12)
    # 양 끝점이 들어 있다: (1, 0), (-1, 0) 과 (0, 0.5), (2, 0.5)
    for end in ([1.0, 0.0], [-1.0, 0.0]):
        assert np.min(np.linalg.norm(top - end, axis=1)) < 1e-12
    for end in ([0.0, 0.5], [2.0, 0.5]):
        assert np.min(np.linalg.norm(bottom - end, axis=1)) < 1e-12


@pytest.mark.parametrize("factor", [0.3, 0.5, 0.8])
def test_circles_without_noise_have_radii_one_and_factor(factor: float) -> None:
    X, y = data.circles(40, noise=0.0, factor=factor, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(r[y == 1], factor, rtol=1e-12)
    # 점들이 원 위에 고르게 퍼져 있다: 각도가 서로 다르다
    angles = np.round(np.arctan2(X[y == 0, 1], X[y == 0, 0]), 9)
    assert len(np.unique(angles)) == 20


def test_noise_moves_points_off_the_curve() -> None:
    X, y = data.circles(200, noise=0.1, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    spread = np.std(r[y == 0] - 1.0)
    assert 0.05 < spread < 0.2  # 잡음의 표준편차 0.1 근처


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_spiral_class_count_and_sizes(classes: int) -> None:
    n = 100
    _, y = data.spiral(n, classes=classes, seed=0)
    counts = np.bincount(y)
    assert len(counts) == classes
    assert counts.sum() == n
    assert counts.max() - counts.min() <= 1


def test_spiral_without_noise_lies_on_the_arms() -> None:
    """팔 k 의 점은 반지름 r ∈ [0, 1], 각도 θ = 4k + 4r (x = r·sin θ, y = r·cos θ)."""
    X, y = data.spiral(90, classes=3, noise=0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all(r <= 1.0 + 1e-12)
    far = r > 1e-9  # 원점에서는 각도가 정해지지 않는다
    theta = np.arctan2(X[far, 0], X[far, 1])
    expected = 4.0 * y[far] + 4.0 * r[far]
    diff = np.angle(np.exp(1j * (theta - expected)))  # 2π 주기를 고려한 각도 차
    np.testing.assert_allclose(diff, 0.0, atol=1e-9)


def test_spiral_noise_only_changes_angles() -> None:
    X, _ = data.spiral(90, classes=3, noise=0.3, seed=1)
    r = np.sort(np.hypot(X[:, 0], X[:, 1]))
    expected = np.sort(np.tile(np.linspace(0.0, 1.0, 30), 3))
    np.testing.assert_allclose(r, expected, atol=1e-12)


# ------------------------------------------------------------------ 잘못된 인자
@pytest.mark.parametrize(
    "call",
    [
        lambda: data.moons(1),
        lambda: data.moons(0),
        lambda: data.moons(10.5),
        lambda: data.moons(10, noise=-0.1),
        lambda: data.circles(1),
        lambda: data.circles(10, noise=-1.0),
        lambda: data.circles(10, factor=0.0),
        lambda: data.circles(10, factor=1.0),
        lambda: data.circles(10, factor=1.5),
        lambda: data.spiral(1),
        lambda: data.spiral(10, classes=1),
        lambda: data.spiral(10, classes=2.5),
        lambda: data.spiral(10, noise=-0.2),
        lambda: data.spiral(2, classes=3),  # 클래스 하나가 비게 된다
    ],
)
def test_bad_arguments_raise_value_error(call) -> None:
    with pytest.raises(ValueError):
        call()


# ------------------------------------------------------------------ digits (선택)
def test_digits_when_scikit_learn_is_installed() -> None:
    pytest.importorskip("sklearn")
    X_train, X_test, y_train, y_test = data.digits(test_size=0.2, seed=0)
    assert X_train.shape[1] == X_test.shape[1] == 8 * 8
    assert len(X_train) == len(y_train) and len(X_test) == len(y_test)
    total = len(y_train) + len(y_test)
    assert total == 1797  # scikit-learn 에 들어 있는 숫자 이미지 수
    assert len(y_test) == round(total * 0.2)
    for X in (X_train, X_test):
        assert X.min() >= 0.0 and X.max() <= 1.0
    assert X_train.max() == 1.0  # 0~16 을 16 으로 나눈다
    assert set(np.unique(y_train)) == set(range(10))
    again = data.digits(test_size=0.2, seed=0)
    np.testing.assert_array_equal(again[0], X_train)
    with pytest.raises(ValueError):
        data.digits(test_size=1.5)


# ============================================================ 적대적인 입력
@pytest.mark.parametrize("loader", [data.moons, data.circles, data.spiral])
@pytest.mark.parametrize("noise", [NAN, INF])
def test_data_loaders_refuse_non_finite_noise(loader: Callable, noise: float) -> None:
    with pytest.raises(ValueError, match="noise는 0 이상의 유한한 수"):
        loader(20, noise=noise)


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    ("data.moons(10**13)", lambda: data.moons(10**13), "PB 필요"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 데이터
    ("moons(noise=nan)", lambda: data.moons(10, noise=NAN), raises(ValueError, "유한한")),
    ("circles(noise=inf)", lambda: data.circles(10, noise=INF), raises(ValueError, "유한한")),
    (
        "spiral(noise='a') (전에는 영어 TypeError)",
        lambda: data.spiral(10, noise="a"),
        raises(TypeError, "noise에는 숫자"),
    ),
    (
        "circles(factor=nan) (전에도 됨)",
        lambda: data.circles(10, factor=NAN),
        raises(ValueError, "factor"),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)
