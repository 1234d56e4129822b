"""퍼셉트론(perceptron): 계단 함수(step function)로 0 또는 1을 내는 가장 단순한 뉴런.

- ``Perceptron(w, b)``: 입력 x에 대해 Σ wᵢ·xᵢ + b > 0이면 1, 아니면 0.
- 논리 게이트(logic gate) ``AND``, ``NAND``, ``OR``는 교과서의 가중치 그대로입니다.
  ``XOR``는 직선 하나로 만들 수 없어서 게이트를 두 층으로 쌓습니다: AND(NAND, OR).
- ``learn(X, y)``: 퍼셉트론 학습 규칙(perceptron learning rule).
  틀린 점마다 w ← w + α·y·x, b ← b + α·y (정답 y는 내부에서 -1/+1).

계단 함수는 거의 모든 곳에서 기울기가 0이라 역전파(backpropagation)로는 학습할 수 없습니다.
그래서 여기서는 ``Value``를 쓰지 않고 평범한 float만 씁니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from micrograd_kr.floats import short_repr
from micrograd_kr.korean import particle


def _number(x: Any, what: str) -> float:
    """유한한 실수만 float로 바꿔 줍니다. 아니면 값을 밝혀 오류를 냅니다."""
    if not isinstance(x, numbers.Real):  # int, float, bool, numpy의 수
        raise TypeError(
            f"{what}에는 숫자(int, float)가 와야 합니다. 받은 값: {short_repr(x)} "
            f"(자료형(type) {type(x).__name__}). 숫자를 넘겨 주세요."
        )
    value = float(x)
    if not math.isfinite(value):
        raise ValueError(f"{what}에 유한한 수가 와야 합니다. 받은 값: {short_repr(x)}")
    return value


def _numbers(xs: Any, what: str) -> tuple[float, ...]:
    """숫자 목록(sequence)을 float 튜플로 바꿉니다."""
    if isinstance(xs, (str, bytes)) or not hasattr(xs, "__len__") or not hasattr(xs, "__iter__"):
        raise TypeError(
            f"{what}에는 숫자 목록(예: [0, 1])이 와야 합니다. 받은 값: {short_repr(xs)} "
            f"(자료형 {type(xs).__name__})."
        )
    return tuple(_number(x, f"{what}의 원소") for x in xs)


class Perceptron:
    """계단 함수 퍼셉트론: y = 1 (Σ wᵢ·xᵢ + b > 0일 때), 아니면 0.

    >>> gate = Perceptron([0.5, 0.5], -0.7)   # AND
    >>> gate(1, 1), gate(0, 1)
    (1, 0)
    >>> gate([1, 1])                          # 목록 하나로 넘겨도 됩니다
    1
    """

    def __init__(self, w: Sequence[float], b: float) -> None:
        self.w = _numbers(w, "가중치(weight) w")
        if not self.w:
            raise ValueError("가중치 w가 비어 있습니다. 입력마다 가중치를 하나씩 주세요.")
        self.b = _number(b, "편향(bias) b")

    def weighted_sum(self, *x: Any) -> float:
        """Σ wᵢ·xᵢ + b — 계단 함수에 들어가기 전의 값."""
        xs = _numbers(x[0] if len(x) == 1 and not isinstance(x[0], numbers.Real) else x, "입력 x")
        if len(xs) != len(self.w):
            raise ValueError(
                f"입력 개수가 맞지 않습니다: 가중치는 {len(self.w)}개인데 "
                f"입력 {particle(xs, '은')} {len(xs)}개입니다. 입력을 {len(self.w)}개 주세요."
            )
        return sum(w * xi for w, xi in zip(self.w, xs)) + self.b

    def __call__(self, *x: Any) -> int:
        """입력을 받아 0 또는 1을 돌려줍니다. ``p(x1, x2)``와 ``p([x1, x2])`` 모두 됩니다."""
        return 1 if self.weighted_sum(*x) > 0 else 0

    def __repr__(self) -> str:
        return f"Perceptron(w={list(self.w)}, b={self.b:g})"


# 교과서의 가중치 (w1, w2, b). 같은 일을 하는 가중치는 무수히 많습니다.
AND = Perceptron([0.5, 0.5], -0.7)
NAND = Perceptron([-0.5, -0.5], 0.7)
OR = Perceptron([0.5, 0.5], -0.4)


def XOR(x1: float, x2: float) -> int:  # noqa: N802 - 교과서의 게이트 이름을 그대로 씁니다
    """배타적 논리합(exclusive OR). 퍼셉트론 하나로는 안 되고 두 층이 필요합니다.

    1층: s1 = NAND(x1, x2), s2 = OR(x1, x2) → 2층: y = AND(s1, s2)
    """
    return AND(NAND(x1, x2), OR(x1, x2))


# ------------------------------------------------------------ 학습 규칙
@dataclass
class LearnResult:
    """퍼셉트론 학습의 결과.

    - ``weights``, ``bias``: 마지막 가중치와 편향
    - ``converged``: 모든 점을 맞힌 에폭(epoch)이 있었으면 True
    - ``epochs``: 실제로 돈 에폭 수
    - ``errors``: 에폭마다 틀린 점의 개수 (수렴하면 마지막 값이 0)
    """

    weights: tuple[float, ...]
    bias: float
    converged: bool
    epochs: int
    errors: list[int]

    def perceptron(self) -> Perceptron:
        """배운 가중치로 만든 ``Perceptron``."""
        return Perceptron(self.weights, self.bias)


def _signed_labels(y: Any, n: int) -> list[int]:
    """정답을 -1/+1로 바꿉니다. 0/1과 -1/+1을 받습니다."""
    labels = _numbers(y, "정답 y")
    if len(labels) != n:
        raise ValueError(f"X는 {n}개인데 정답 y는 {len(labels)}개입니다. 개수를 맞춰 주세요.")
    bad = [v for v in labels if v not in (-1.0, 0.0, 1.0)]
    if bad:
        raise ValueError(f"정답 y는 0/1이나 -1/+1이어야 합니다. 받은 값: {short_repr(bad[0])}")
    if 0.0 in labels and -1.0 in labels:
        raise ValueError("정답 y에 0과 -1이 섞여 있습니다. 0/1이나 -1/+1 중 하나로 맞춰 주세요.")
    return [1 if v == 1.0 else -1 for v in labels]


def _rows(X: Any) -> list[Any]:
    """X가 점들의 목록인지 확인합니다 (numpy 배열도 됩니다)."""
    if isinstance(X, (str, bytes)) or not hasattr(X, "__iter__"):
        raise TypeError(
            f"입력 X에는 점들의 목록(예: [[0, 0], [0, 1]])이 와야 합니다: {short_repr(X)}"
        )
    return list(X)


def learn(
    X: Sequence[Sequence[float]],
    y: Sequence[float],
    lr: float = 0.1,
    max_epochs: int = 100,
) -> LearnResult:
    """퍼셉트론 학습 규칙으로 가중치를 찾습니다 (가중치와 편향은 0에서 시작).

    한 에폭마다 점을 차례로 보며, 틀린 점(예측 ≠ 정답)에서만 고칩니다::

        w ← w + lr·y·x,   b ← b + lr·y        (y는 -1 또는 +1)

    모든 점을 맞힌 에폭이 오면 멈추고 ``converged=True``입니다. 직선 하나로 나눌 수 있는
    (선형 분리 가능한(linearly separable)) 데이터라면 언젠가 반드시 멈춥니다.
    XOR처럼 나눌 수 없으면 ``max_epochs`` 에폭 뒤에 ``converged=False``로 포기합니다.
    """
    points = [_numbers(x, "입력 X의 한 점") for x in _rows(X)]
    if not points:
        raise ValueError("입력 X가 비어 있습니다. 점을 하나 이상 주세요.")
    dim = len(points[0])
    if dim == 0:
        raise ValueError("입력 X의 점에 좌표가 없습니다. 점마다 숫자를 하나 이상 주세요.")
    for p in points:
        if len(p) != dim:
            raise ValueError(
                f"입력 X의 점들은 길이가 같아야 합니다: 첫 점은 {dim}개, "
                f"{particle(p, '은')} {len(p)}개입니다."
            )
    labels = _signed_labels(y, len(points))
    lr = _number(lr, "학습률(learning rate) lr")
    if lr <= 0:
        raise ValueError(f"학습률 lr은 양수여야 합니다. 받은 값: {short_repr(lr)}")
    if (
        isinstance(max_epochs, bool)
        or not isinstance(max_epochs, numbers.Integral)
        or max_epochs < 1
    ):
        raise ValueError(
            f"max_epochs는 1 이상의 정수여야 합니다. 받은 값: {short_repr(max_epochs)}"
        )

    w = [0.0] * dim
    b = 0.0
    errors: list[int] = []
    for _ in range(max_epochs):
        mistakes = 0
        for x, target in zip(points, labels):
            predicted = 1 if sum(wi * xi for wi, xi in zip(w, x)) + b > 0 else -1
            if predicted != target:  # 틀린 점만 정답 쪽으로 경계를 민다
                w = [wi + lr * target * xi for wi, xi in zip(w, x)]
                b += lr * target
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            return LearnResult(tuple(w), b, True, len(errors), errors)
    return LearnResult(tuple(w), b, False, len(errors), errors)
