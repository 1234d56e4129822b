"""손실 함수(loss function): 예측이 정답에서 얼마나 먼지를 Value 하나로 잽니다.

모두 Value 연산으로만 만들어져 있으므로 ``loss.backward()``로 바로 미분됩니다.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

from micrograd_kr.engine import Value, as_value
from micrograd_kr.floats import short_repr
from micrograd_kr.fused import softmax_cross_entropy

Scalar = Value | float


def _pair_up(pred: Sequence[Scalar], target: Sequence[float], who: str) -> None:
    if len(pred) != len(target):
        raise ValueError(
            f"{who}: 예측(pred) {len(pred)}개와 정답(target) {len(target)}개의 개수가 다릅니다."
        )
    if len(pred) == 0:
        raise ValueError(f"{who}: 빈 목록의 손실은 정의되지 않습니다. 예측을 하나 이상 주세요.")


def _mean(terms: list[Value]) -> Value:
    return sum(terms[1:], terms[0]) * (1.0 / len(terms))


def mse(pred: Sequence[Scalar], target: Sequence[float]) -> Value:
    """평균 제곱 오차(mean squared error): (1/N) Σ (예측 - 정답)²."""
    _pair_up(pred, target, "mse")
    return _mean([(as_value(p, "mse") - t) ** 2 for p, t in zip(pred, target)])


def binary_cross_entropy(
    prob: Sequence[Scalar], target: Sequence[float], eps: float = 1e-7
) -> Value:
    """이진 교차 엔트로피(binary cross-entropy): -(1/N) Σ [t·log p + (1-t)·log(1-p)].

    ``prob``는 0~1의 확률(예: sigmoid 출력)입니다. log(0)를 피하려고 p를
    [eps, 1-eps]로 클램프(clamp)합니다 — 클램프된 곳의 기울기는 0입니다.
    """
    _pair_up(prob, target, "binary_cross_entropy")
    terms = []
    for p, t in zip(prob, target):
        if not 0.0 <= t <= 1.0:
            raise ValueError(
                f"binary_cross_entropy: 정답은 0~1 사이여야 합니다 (받은 값: {short_repr(t)})."
            )
        p = as_value(p, "binary_cross_entropy")
        if p.data < eps:  # 클램프: 상수로 바꾸므로 그 샘플은 기울기를 보내지 않는다
            p = Value(eps)
        elif p.data > 1.0 - eps:
            p = Value(1.0 - eps)
        terms.append(-(t * p.log() + (1.0 - t) * (1.0 - p).log()))
    return _mean(terms)


def softmax(logits: Sequence[Scalar]) -> list[Value]:
    """소프트맥스(softmax): exp(zᵢ) / Σ exp(zⱼ).

    가장 큰 값을 먼저 빼서 exp가 넘치지(overflow) 않게 합니다 — 결과는 수학적으로 같습니다.
    """
    if len(logits) == 0:
        raise ValueError("softmax: 빈 목록에는 소프트맥스를 할 수 없습니다.")
    zs = [as_value(z, "softmax") for z in logits]
    biggest = max(z.data for z in zs)  # 상수로 뺀다: 기울기에는 영향이 없다
    exps = [(z - biggest).exp() for z in zs]
    total = sum(exps[1:], exps[0])
    return [e / total for e in exps]


def log_softmax(logits: Sequence[Scalar]) -> list[Value]:
    """로그 소프트맥스: zᵢ - log Σ exp(zⱼ) (log-sum-exp를 안정하게 계산)."""
    if len(logits) == 0:
        raise ValueError("log_softmax: 빈 목록에는 할 수 없습니다.")
    zs = [as_value(z, "log_softmax") for z in logits]
    biggest = max(z.data for z in zs)
    shifted = [z - biggest for z in zs]
    exps = [s.exp() for s in shifted]
    log_total = sum(exps[1:], exps[0]).log()
    return [s - log_total for s in shifted]


def cross_entropy(logits: Sequence[Sequence[Scalar]] | Sequence[Scalar], target) -> Value:
    """교차 엔트로피(cross-entropy)를 로짓(logit)에서 바로 계산합니다.

    - 샘플 하나: ``cross_entropy([z0, z1, z2], 2)`` → -log softmax(z)[2]
    - 여러 샘플: ``cross_entropy([[...], [...]], [2, 0])`` → 평균

    정답은 클래스 번호(int)입니다. log-sum-exp 요령으로 아주 큰 로짓에서도 안정합니다.
    """
    if len(logits) > 0 and not isinstance(logits[0], (Value, int, float)):
        batch, targets = logits, list(target)
    else:
        batch, targets = [logits], [target]
    _pair_up(batch, targets, "cross_entropy")
    terms = []
    for zs, t in zip(batch, targets):
        if isinstance(t, bool) or not isinstance(t, numbers.Integral) or not 0 <= t < len(zs):
            raise ValueError(
                f"cross_entropy: 정답 {short_repr(t)} 은(는) 0 이상 {len(zs)} 미만의 "
                "클래스 번호(int)여야 합니다."
            )
        # 노드 하나(fused.softmax_cross_entropy)로: -log softmax(z)[t] 와 같은 값과 기울기
        # (∂/∂zⱼ = pⱼ - [j = t]), 노드는 클래스 수의 약 다섯 배만큼 적다
        terms.append(softmax_cross_entropy([as_value(z, "cross_entropy") for z in zs], int(t)))
    return _mean(terms)


def hinge(scores: Sequence[Scalar], target: Sequence[float], margin: float = 1.0) -> Value:
    """힌지 손실(hinge loss, max-margin): (1/N) Σ max(0, margin - yᵢ·scoreᵢ), yᵢ ∈ {-1, +1}."""
    _pair_up(scores, target, "hinge")
    for y in target:
        if y not in (-1, 1):
            raise ValueError(f"hinge: 정답은 -1 또는 +1이어야 합니다 (받은 값: {short_repr(y)}).")
    return _mean([(margin - y * as_value(s, "hinge")).relu() for s, y in zip(scores, target)])


def l2(params: Sequence[Value], alpha: float = 1e-4) -> Value:
    """L2 정규화(regularization) 항: alpha · Σ p²."""
    if len(params) == 0:
        return Value(0.0)
    squares = [p * p for p in params]
    return alpha * sum(squares[1:], squares[0])
