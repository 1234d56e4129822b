"""여러 입력을 노드 **하나**로 묶는 연산(fused op).

신경망의 가중합 Σ wᵢ·xᵢ + b 를 곱셈·덧셈 노드 2n 개로 만들면 그래프가 넓고 느려집니다.
여기의 연산은 같은 값과 같은 기울기를 노드 하나로 냅니다. 국소 미분은 연산마다 한 줄이고,
연산 표(``ops.py``)에 그 규칙이 있어서 그림, 탐험기, 고계 미분이 그대로 읽습니다.
"""

from __future__ import annotations

from collections.abc import Sequence

from micrograd_kr.engine import Value, make_node
from micrograd_kr.floats import to_float

__all__ = ["linear"]


def _values(xs: Sequence[Value | float], op: str) -> list[Value]:
    """Value 인 입력은 그대로, 숫자는 잎 노드로 감쌉니다."""
    return [x if type(x) is Value else Value(to_float(x, f"'{op}' 연산의 입력")) for x in xs]


def linear(weights: Sequence[Value], inputs: Sequence[Value | float], bias: Value) -> Value:
    """가중합(weighted sum) Σ wᵢ·xᵢ + b 를 노드 **하나**로 만듭니다.

    곱셈 노드와 덧셈 노드를 2n 개 만드는 것과 값도 기울기도 같지만 훨씬 빠릅니다.
    국소 미분: ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1 — 곱셈 노드처럼 "서로 바꿔" 곱합니다.
    """
    if len(weights) != len(inputs):
        raise ValueError(f"가중치 개수({len(weights)})와 입력 개수({len(inputs)})가 다릅니다.")
    xs = _values(inputs, "linear")
    w_data = [w.data for w in weights]
    x_data = [x.data for x in xs]
    total = bias.data
    for w, x in zip(w_data, x_data):
        total += w * x
    return make_node(total, (*weights, *xs, bias), (*x_data, *w_data, 1.0), "linear")
