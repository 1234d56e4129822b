"""수치 미분(numerical differentiation)과 기울기 검사(gradient check).

역전파(backpropagation)가 맞는지 확인하는 가장 믿을 만한 방법은, 미분의 정의대로
입력을 아주 조금 움직여 보는 것입니다. 《밑바닥부터 시작하는 딥러닝》 4장처럼
중앙 차분(central difference)을 씁니다::

    f'(x) ≈ (f(x + h) - f(x - h)) / 2h          (h = 1e-4)

``f``는 **Value 목록** 하나를 받아 Value (또는 숫자) 하나를 돌려주는 함수입니다.
같은 함수를 ``gradcheck``가 역전파에도 씁니다::

    def f(v):
        x, y = v
        return x * y + x.exp()
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr, to_float
from micrograd_kr.modes import no_grad

Function = Callable[[list[Value]], object]


class GradcheckError(AssertionError):
    """역전파 기울기와 수치 미분이 허용 오차보다 크게 다를 때 일어나는 오류."""


def numerical_grad(f: Function, xs: Sequence[float], h: float = 1e-4) -> list[float]:
    """입력마다 중앙 차분으로 ∂f/∂xᵢ를 구해 float 목록으로 돌려줍니다.

    ``f``는 Value 목록을 받습니다 (여기서는 그래프를 기록하지 않는 ``no_grad()`` 안에서 부름).
    ``xs``는 미분할 점의 좌표(float 목록)입니다.
    """
    point = [to_float(x, "numerical_grad의 xs 원소") for x in xs]
    step = to_float(h, "수치 미분의 간격 h")
    if not (math.isfinite(step) and step > 0.0):
        raise ValueError(
            f"수치 미분의 간격 h는 0보다 큰 유한한 수여야 합니다 (받은 값: {short_repr(h)}). "
            "보통 1e-4 정도를 씁니다."
        )
    grads = []
    with no_grad():
        for i in range(len(point)):
            plus, minus = list(point), list(point)
            plus[i] += step
            minus[i] -= step
            grads.append((_evaluate(f, plus) - _evaluate(f, minus)) / (2 * step))
    return grads


def _evaluate(f: Function, point: list[float]) -> float:
    out = f([Value(x) for x in point])
    if isinstance(out, Value):
        return out.data
    return to_float(out, "f의 반환값")


def gradcheck(
    f: Function,
    xs: Sequence[float],
    rtol: float = 1e-3,
    atol: float = 1e-5,
    h: float = 1e-4,
    labels: Sequence[str] | None = None,
) -> bool:
    """역전파(``backward()``)로 구한 기울기를 수치 미분과 비교합니다. 맞으면 True.

    입력 i는 ``|역전파 - 수치| ≤ atol + rtol × |수치|``이면 통과입니다. ``rtol``, ``atol``은
    0 이상이고 **합이 1보다 작은** 수여야 합니다: 그래야 크기가 1 이상인 기울기를 0으로 잘못
    구한 코드(미분을 빠뜨림)가 언제나 실패합니다. 더 큰 허용 오차는 거절합니다.
    역전파나 수치 미분이 NaN·inf이면 (정의되지 않는 점) 언제나 실패하고 그렇다고 알립니다.
    하나라도 넘으면 가장 크게 벗어난 입력의 번호와 이름표(label), 두 값, 상대 오차를 담은
    ``GradcheckError``를 일으킵니다. 이름표를 주지 않으면 입력은 x0, x1, ... 로 불립니다.
    """
    point = [to_float(x, "gradcheck의 xs 원소") for x in xs]
    _check_tolerance(rtol, "rtol")
    _check_tolerance(atol, "atol")
    if rtol + atol >= 1.0:
        raise ValueError(
            f"gradcheck의 rtol + atol은 1보다 작아야 합니다 (받은 값: rtol={rtol:g}, "
            f"atol={atol:g}, 합 {rtol + atol:g}). 합이 1 이상이면 기울기를 0으로 잘못 구해도 "
            "(예: 3 대신 0) 통과합니다. 예: rtol=1e-3, atol=1e-5"
        )
    names = list(labels) if labels is not None else [f"x{i}" for i in range(len(point))]
    if len(names) != len(point):
        raise ValueError(f"labels는 {len(point)}개여야 하는데 {len(names)}개입니다.")
    inputs = [Value(x, label=name) for x, name in zip(point, names)]
    out = f(inputs)
    if not isinstance(out, Value):
        raise TypeError(
            "gradcheck의 f는 Value를 돌려줘야 역전파를 할 수 있습니다. "
            f"받은 값: {short_repr(out)}. "
            "f 안에서 입력 Value 들로 계산하세요."
        )
    out.backward()
    analytic = [v.grad for v in inputs]
    numeric = numerical_grad(f, point, h)

    # 입력마다 '오차 ÷ 허용 오차' — 1을 넘으면 실패, 가장 큰 것이 가장 나쁜 입력
    ratios = [_excess(a, n, rtol, atol) for a, n in zip(analytic, numeric)]
    failed = [i for i, r in enumerate(ratios) if r > 1.0]
    if not failed:
        return True
    worst = max(failed, key=lambda i: ratios[i])
    a, n = analytic[worst], numeric[worst]
    if not (math.isfinite(a) and math.isfinite(n)):
        raise GradcheckError(
            f"기울기 검사(gradcheck) 실패: 입력 #{worst} {short_repr(names[worst])} "
            f"(값 {short_repr(point[worst])})에서 역전파 기울기가 {short_repr(a)}, 수치 미분이 "
            f"{short_repr(n)}입니다. NaN·inf는 비교할 수 없습니다: 함수가 이 점이나 h만큼 "
            "떨어진 점에서 정의되지 않는지(예: 0에서 log, 음수에서 x**0.5) 보고, 다른 점에서 "
            "검사하세요."
        )
    raise GradcheckError(
        f"기울기 검사(gradcheck) 실패: 입력 {len(point)}개 중 {len(failed)}개가 허용 오차를 "
        f"넘었습니다. 가장 크게 틀린 입력: #{worst} {short_repr(names[worst])} "
        f"(값 {short_repr(point[worst])}) — "
        f"역전파 기울기 {short_repr(a)}, 수치 미분 {short_repr(n)}, "
        f"상대 오차 {_relative_error(a, n):.3g} "
        f"(허용: rtol={rtol:g}, atol={atol:g}). "
        "이 입력이 지나는 연산의 국소 미분(local derivative)을 확인하세요."
    )


def _check_tolerance(tol: object, name: str) -> None:
    """허용 오차는 0 이상, 1보다 작은 수. 그 밖의 값이면 틀린 기울기도 '통과'하게 된다.

    - 음수·NaN: 비교가 뒤집히거나 늘 거짓이 된다. inf: 모든 오차가 통과한다.
    - rtol ≥ 1: 상대 오차 100%를 허용하면 기울기 0 (미분을 빠뜨린 코드)도 통과한다.
    - atol ≥ 1: 크기 1 안팎의 기울기는 무엇이든 통과한다. atol은 0에 가까운 기울기를 위한 것.
    - bool: ``rtol=True``는 1로 읽히지만 허용 오차가 아니라 실수(mistake)이므로 거절한다.
    """
    if isinstance(tol, bool):
        raise TypeError(
            f"gradcheck의 {name}에 True/False가 왔습니다. 허용 오차는 수로 주세요 "
            "(예: rtol=1e-3, atol=1e-5)."
        )
    value = to_float(tol, f"gradcheck의 {name}")
    if not (math.isfinite(value) and 0.0 <= value < 1.0):
        raise ValueError(
            f"gradcheck의 {name}은(는) 0 이상 1 미만의 수여야 합니다 (받은 값: {short_repr(tol)}). "
            "음수·NaN이나 1 이상의 허용 오차로는 틀린 기울기(예: 0)도 통과하게 됩니다. "
            "예: rtol=1e-3, atol=1e-5"
        )


def _excess(analytic: float, numeric: float, rtol: float, atol: float) -> float:
    """오차가 허용 오차의 몇 배인가. NaN·inf가 끼면 무한대(언제나 실패)."""
    error = abs(analytic - numeric)
    if not math.isfinite(error):
        return math.inf
    tolerance = atol + rtol * abs(numeric)
    if tolerance == 0.0:
        return 0.0 if error == 0.0 else math.inf
    return error / tolerance


def _relative_error(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale > 0.0 else 0.0
