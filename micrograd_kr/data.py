"""작은 연습용 데이터셋(dataset). 모두 numpy로 그 자리에서 만들며, 아무것도 내려받지 않습니다.

분류용 함수는 ``(X, y)``를 돌려줍니다: X는 (n, 2) 실수 배열, y는 (n,) 정수 배열(0, 1, ...).
힌지 손실처럼 -1/+1 정답이 필요하면 ``y * 2 - 1``로 바꾸세요.
"""

from __future__ import annotations

import numpy as np

from micrograd_kr import limits
from micrograd_kr.floats import short_repr


def _check(n: int, noise: float) -> None:
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"샘플 수 n은 2 이상의 정수여야 합니다 (받은 값: {short_repr(n)}).")
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)):
        raise TypeError(f"noise에는 숫자가 와야 합니다 (받은 값: {short_repr(noise)}).")
    if not (np.isfinite(noise) and noise >= 0):  # NaN·inf 잡음은 데이터 전체를 NaN·inf로 만든다
        raise ValueError(f"noise는 0 이상의 유한한 수여야 합니다 (받은 값: {short_repr(noise)}).")
    limits.check_memory(
        int(n) * limits.BYTES_PER_DATA_ROW,
        f"샘플 {limits.format_count(int(n))} 개의 데이터",
        "샘플 수 n을 줄이세요.",
    )


def _labelled(
    parts: list[np.ndarray], rng: np.random.Generator, noise: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """점 묶음 k 개에 클래스 0..k-1을 붙이고, 잡음(noise)을 더한 뒤 순서를 섞습니다."""
    X = np.vstack(parts)
    if noise is not None:
        X = X + rng.normal(scale=noise, size=X.shape)
    y = np.concatenate([np.full(len(p), k, dtype=int) for k, p in enumerate(parts)])
    order = rng.permutation(len(y))
    return X[order], y[order]


def xor() -> tuple[np.ndarray, np.ndarray]:
    """XOR 진리표(truth table) 네 점: 직선 하나로는 나눌 수 없는 가장 작은 문제."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    return X, y


def moons(n: int = 100, noise: float = 0.1, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """서로 맞물린 반달 두 개 (클래스 0: 위쪽 반달, 클래스 1: 아래쪽 반달)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n_top = n // 2
    n_bottom = n - n_top
    t_top = np.linspace(0.0, np.pi, n_top)
    t_bottom = np.linspace(0.0, np.pi, n_bottom)
    top = np.column_stack([np.cos(t_top), np.sin(t_top)])
    bottom = np.column_stack([1.0 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)])
    return _labelled([top, bottom], rng, noise)


def circles(
    n: int = 100, noise: float = 0.05, factor: float = 0.5, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """바깥 원(클래스 0)과 안쪽 원(클래스 1). factor는 안쪽 원의 반지름 비율(0~1)."""
    _check(n, noise)
    if not 0.0 < factor < 1.0:
        raise ValueError(f"factor는 0과 1 사이여야 합니다 (받은 값: {short_repr(factor)}).")
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0.0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0.0, 2 * np.pi, n_in, endpoint=False)
    outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
    inner = factor * np.column_stack([np.cos(t_in), np.sin(t_in)])
    return _labelled([outer, inner], rng, noise)


def spiral(
    n: int = 100, classes: int = 3, noise: float = 0.2, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """팔이 ``classes`` 개인 소용돌이(spiral). 클래스마다 약 n/classes 개의 점."""
    _check(n, noise)
    if not isinstance(classes, (int, np.integer)) or classes < 2:
        raise ValueError(f"classes는 2 이상의 정수여야 합니다 (받은 값: {short_repr(classes)}).")
    if n < classes:
        raise ValueError(
            f"샘플 수 n({n})이 클래스 수 classes({classes})보다 적습니다. n을 늘리세요."
        )
    rng = np.random.default_rng(seed)
    sizes = [n // classes + (1 if k < n % classes else 0) for k in range(classes)]
    arms = []
    for k, m in enumerate(sizes):  # 잡음은 각도(theta)에 넣는다
        r = np.linspace(0.0, 1.0, m)
        theta = np.linspace(k * 4.0, (k + 1) * 4.0, m) + rng.normal(scale=noise, size=m)
        arms.append(np.column_stack([r * np.sin(theta), r * np.cos(theta)]))
    return _labelled(arms, rng)


def digits(test_size: float = 0.2, seed: int = 0):
    """scikit-learn에 들어 있는 8×8 손글씨 숫자(내려받기 없음). 값은 0~1로 나눕니다.

    ``(X_train, X_test, y_train, y_test)``를 돌려줍니다. scikit-learn이 필요합니다
    (``pip install micrograd_kr[notebooks]``).
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - 선택 의존성
        raise ImportError(
            "digits()에는 scikit-learn이 필요합니다: pip install scikit-learn"
        ) from exc
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size는 0과 1 사이여야 합니다 (받은 값: {short_repr(test_size)}).")
    bunch = load_digits()
    X = bunch.data / 16.0
    y = bunch.target.astype(int)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(y))
    n_test = int(round(len(y) * test_size))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
