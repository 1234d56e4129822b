"""테스트가 함께 쓰는 독립 기준: 중앙 차분(central difference) 수치 미분."""

from __future__ import annotations

from collections.abc import Callable

from micrograd_kr import Value, no_grad


def numerical_grads(f: Callable[[], Value], leaves: list[Value], h: float = 1e-6) -> list[float]:
    """잎 노드마다 (f(p+h) - f(p-h)) / 2h. 역전파와는 독립으로 값만 바꿔 다시 계산한다."""
    grads = []
    with no_grad():
        for p in leaves:
            original = p.data
            p.data = original + h
            up = f().data
            p.data = original - h
            down = f().data
            p.data = original
            grads.append((up - down) / (2 * h))
    return grads
