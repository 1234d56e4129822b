"""자동 미분(automatic differentiation) 더 보기: 고계 미분, 순방향 미분, 이상 탐지.

- ``grad(outputs, inputs)``: ``.grad``를 건드리지 않고 기울기를 돌려받습니다.
  ``create_graph=True``이면 기울기 자체가 Value 그래프라서 한 번 더 미분할 수 있습니다
  (이계 미분(second derivative), 삼계 미분, 뉴턴 방법(Newton's method)).
- ``forward_grad(root, wrt)``: 순방향 미분(forward mode). 입력 하나마다 그래프를 한 번 훑습니다.
  ``compare_modes``는 순방향 미분과 역전파(reverse mode)가 한 곱셈 횟수를 나란히 보여 줍니다.
- ``detect_anomaly()``: NaN·inf를 만든 연산에서 곧바로 멈추게 합니다.
- ``numerical_grad`` / ``gradcheck``: 수치 미분과 기울기 검사 (``micrograd_kr.numerical``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

from micrograd_kr import modes
from micrograd_kr.engine import Value, reverse_pass, topological_order
from micrograd_kr.floats import short_repr
from micrograd_kr.modes import AnomalyError as AnomalyError
from micrograd_kr.modes import detect_anomaly as detect_anomaly
from micrograd_kr.numerical import GradcheckError as GradcheckError
from micrograd_kr.numerical import gradcheck as gradcheck
from micrograd_kr.numerical import numerical_grad as numerical_grad
from micrograd_kr.ops import OPS, lookup

__all__ = ["ForwardResult", "ModeComparison", "compare_modes", "forward_grad", "grad"]

Local = Union[Value, float]  # noqa: UP007  (국소 미분: 상수면 float, 아니면 Value)


# ===================================================================== grad()
def grad(
    outputs: Value,
    inputs: Value | Sequence[Value],
    create_graph: bool = False,
    allow_unused: bool = False,
) -> list[float] | list[Value]:
    """``outputs``를 ``inputs``의 각 Value로 미분한 값들의 목록(list)을 돌려줍니다.

    ``torch.autograd.grad``와 닮았지만 스칼라 하나(``outputs``)만 받습니다.
    어떤 노드의 ``.grad``도 바꾸지 않습니다 — 기울기는 노드를 열쇠로 하는 사전(dict)에 모읍니다.

    - ``create_graph=False`` (기본): 결과는 ``float`` 목록. 역전파와 같은 계산입니다.
    - ``create_graph=True``: 결과는 ``Value`` 목록. 역전파 자체를 Value 연산으로 만들었으므로
      결과를 다시 ``grad``나 ``backward()``로 미분할 수 있습니다 (고계 미분(higher-order)).

    ``outputs``를 계산하는 데 쓰이지 않은 입력이 있으면 ``ValueError``입니다 (오타이기 쉬우므로,
    PyTorch와 같음). ``allow_unused=True``면 그 입력의 기울기는 0 (``0.0`` 또는 ``Value(0.0)``).
    ``inputs``에 Value 하나를 주어도 목록을 돌려줍니다: ``(dfdx,) = grad(f, x)``.

    >>> x = Value(2.0)
    >>> f = x**4 - 2 * x**2
    >>> (df,) = grad(f, x, create_graph=True)   # f'(x) = 4x³ - 4x
    >>> df.data, grad(df, x)[0]                   # f''(x) = 12x² - 4
    (24.0, 44.0)
    """
    root = _require_value(outputs, "outputs")
    xs = _input_list(inputs)
    for i, x in enumerate(xs):
        _require_value(x, f"inputs[{i}]")
    modes.require_graph(root, "grad()")
    order = topological_order(root)
    if not allow_unused:
        _require_used(xs, order)
    if create_graph:
        if not modes.is_grad_enabled():
            raise RuntimeError(
                "no_grad() 블록 안에서는 create_graph=True를 쓸 수 없습니다: 그래프가 기록되지 "
                "않아 다시 미분할 수 없습니다. no_grad() 밖에서 부르세요."
            )
        value_grads = _reverse_values(root, order)
        return [value_grads[x] if x in value_grads else Value(0.0) for x in xs]
    float_grads, _ = _reverse_floats(root, order)
    if modes.is_anomaly_enabled():
        modes.check_backward(order, float_grads)
    return [float_grads.get(x, 0.0) for x in xs]


def _require_used(xs: list[object], order: list[Value]) -> None:
    """입력이 모두 ``order`` (출력을 계산한 그래프)에 있는지. 없으면 몇 번째 입력인지 밝힌다."""
    used = set(order)
    for i, x in enumerate(xs):
        if x not in used:
            raise ValueError(
                f"grad()의 inputs[{i}] ({short_repr(x)})는 "
                "outputs를 계산하는 데 쓰이지 않았습니다. "
                "다른 Value를 넘기지 않았는지 보세요. 쓰이지 않은 입력의 기울기를 0으로 "
                "받으려면 grad(..., allow_unused=True)를 쓰세요."
            )


def _input_list(inputs: object) -> list[object]:
    if isinstance(inputs, Value):
        return [inputs]
    if isinstance(inputs, (str, bytes)) or not hasattr(inputs, "__iter__"):
        raise TypeError(
            f"grad()의 inputs에는 Value 하나나 Value 들의 목록이 와야 합니다. 받은 값: "
            f"{short_repr(inputs)} (자료형 {type(inputs).__name__}). 숫자라면 Value(...)로 감싸 "
            "계산에 쓴 뒤 그 Value를 넘기세요."
        )
    return list(inputs)  # type: ignore[call-overload]


def _require_value(x: object, what: str) -> Value:
    if not isinstance(x, Value):
        raise TypeError(
            f"grad()의 {what} 에는 Value가 와야 합니다. 받은 값: {short_repr(x)} "
            f"(자료형 {type(x).__name__}). 숫자라면 Value(...)로 감싸 계산한 뒤 넘기세요."
        )
    return x


def _reverse_floats(root: Value, order: list[Value]) -> tuple[dict[Value, float], int]:
    """역전파를 float로 한 번: (노드 → 기울기 사전, 국소 미분 곱셈 횟수)."""
    grads = dict.fromkeys(order, 0.0)
    grads[root] = 1.0
    reverse_pass(order, grads)  # 엔진의 역전파와 같은 한 번의 패스, 기울기만 사전에
    return grads, sum(len(node.inputs) for node in order)


def _reverse_values(root: Value, order: list[Value]) -> dict[Value, Value]:
    """역전파를 Value 연산으로 한 번: 기울기마다 다시 미분할 수 있는 그래프가 붙는다."""
    grads: dict[Value, Value] = {root: Value(1.0)}
    for node in reversed(order):
        if not node.inputs:
            continue  # 잎 노드: 더 내려갈 곳이 없다
        g = grads[node]
        for child, local in zip(node.inputs, _local_values(node)):
            contribution = _scale(local, g)
            grads[child] = grads[child] + contribution if child in grads else contribution
    return grads


def _scale(local: Local, g: Value) -> Value:
    """국소 미분 × 상류 기울기. 상수 ±1은 곱셈 노드를 만들지 않는다."""
    if isinstance(local, float):
        if local == 1.0:
            return g
        if local == -1.0:
            return -g
    return local * g


def _local_values(node: Value) -> tuple[Local, ...]:
    """노드의 국소 미분을 입력 Value 들의 식으로: 연산 표(``ops.py``)의 Value 규칙."""
    op = lookup(node.op)
    if op is None:
        raise NotImplementedError(
            f"연산 '{node.op}'은(는) 고계 미분 규칙이 없어 create_graph=True로 미분할 수 "
            f"없습니다. 알려진 연산: {', '.join(OPS)}. create_graph=False를 쓰세요."
        )
    return op.value_rule(node)


# ============================================================ 순방향 미분(forward mode)
@dataclass(frozen=True)
class ForwardResult:
    """순방향 미분 한 번의 결과: 출력값, 기울기, 국소 미분 곱셈 횟수."""

    value: float
    grad: float
    multiplications: int


def forward_grad(root: Value, wrt: Value) -> ForwardResult:
    """순방향 미분으로 ∂root/∂wrt를 구합니다.

    위상 정렬 순서(입력 → 출력)로 노드마다 '접선(tangent)', 곧 wrt를 조금 움직일 때 그 노드가
    움직이는 비율을 밀어 올립니다: ``접선(노드) = Σ 국소 미분 × 접선(입력)``.
    엔진이 기록한 float 국소 미분을 그대로 쓰고, 간선(edge)마다 곱셈을 한 번 합니다.
    그래서 한 번의 패스(pass)로 입력 하나에 대한 기울기만 얻습니다.
    """
    modes.require_graph(_require_value(root, "root"), "forward_grad()")
    return _forward_pass(topological_order(root), _require_value(wrt, "wrt"))


def _forward_pass(order: list[Value], wrt: Value) -> ForwardResult:
    tangent: dict[Value, float] = {}
    multiplications = 0
    for node in order:
        if node is wrt:
            tangent[node] = 1.0  # 시작점: d(wrt)/d(wrt) = 1
            continue
        t = 0.0  # 잎 노드(wrt가 아닌 입력·상수)는 0
        for child, local in zip(node.inputs, node.local_grads):
            t += local * tangent[child]
            multiplications += 1
        tangent[node] = t
    root = order[-1]
    return ForwardResult(root.data, tangent[root], multiplications)


@dataclass(frozen=True)
class ModeComparison:
    """순방향 미분과 역전파로 같은 기울기를 구할 때 든 국소 미분 곱셈 횟수."""

    num_inputs: int
    forward_multiplications: int  # 입력마다 한 번씩, 모두 num_inputs 번의 패스
    reverse_multiplications: int  # 역전파는 패스 한 번으로 모든 입력의 기울기
    forward_grads: list[float]
    reverse_grads: list[float]

    def __str__(self) -> str:
        return (
            f"입력 {self.num_inputs}개의 기울기 — "
            f"순방향 미분: 패스 {self.num_inputs}번, 곱셈 {self.forward_multiplications}번 / "
            f"역전파: 패스 1번, 곱셈 {self.reverse_multiplications}번"
        )


def compare_modes(root: Value, inputs: Sequence[Value]) -> ModeComparison:
    """``inputs`` 모두에 대한 기울기를 순방향 미분과 역전파로 각각 구해 비용을 비교합니다.

    간선이 E 개인 그래프에서 순방향 미분은 입력 n 개에 n × E 번, 역전파는 E 번 곱합니다.
    출력 하나·입력 여럿(손실 함수와 매개변수 백만 개!)이면 역전파가 압도적으로 쌉니다.
    """
    xs = [_require_value(x, f"inputs[{i}]") for i, x in enumerate(inputs)]
    modes.require_graph(_require_value(root, "root"), "compare_modes()")
    order = topological_order(root)
    passes = [_forward_pass(order, x) for x in xs]
    grads, reverse_multiplications = _reverse_floats(root, order)
    return ModeComparison(
        num_inputs=len(xs),
        forward_multiplications=sum(p.multiplications for p in passes),
        reverse_multiplications=reverse_multiplications,
        forward_grads=[p.grad for p in passes],
        reverse_grads=[grads.get(x, 0.0) for x in xs],
    )
