"""노트북 00–03의 연습 문제: 인공 뉴런, 논리 게이트, 계산 그래프, 연쇄법칙."""

from __future__ import annotations

import math
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    brief,
    call,
    need_function,
    need_number,
    not_a_number,
    number,
    particle,
)


@exercise(
    "00-artificial-neuron",
    "입력 xs, 가중치 ws, 편향 b를 받아 가중합이 0보다 크면 1, 아니면 0을 돌려주는 "
    "함수 neuron(xs, ws, b)을 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def neuron(xs, ws, b): ...")
    cases = [
        ([1, 1], [0.5, 0.5], -0.7, 1),
        ([1, 0], [0.5, 0.5], -0.7, 0),
        ([0, 0], [0.5, 0.5], 0.0, 0),  # 합이 정확히 0이면 0
        ([2, -1, 3], [0.1, 0.4, -0.2], 0.5, 0),
        ([2, -1, 3], [0.1, 0.4, 0.2], 0.1, 1),
    ]
    for xs, ws, b, expected in cases:
        got = call(answer, list(xs), list(ws), b)
        total = sum(w * x for w, x in zip(ws, xs)) + b
        if isinstance(got, bool):
            return False, (
                f"xs = {xs}, ws = {ws}, b = {b}에서 {particle(got, '이')} 나왔습니다. 0과 1로 "
                "답하세요: `1 if 가중합 > 0 else 0` 또는 `int(가중합 > 0)`."
            )
        if number(got) != expected:
            return False, (
                f"xs = {xs}, ws = {ws}, b = {b}에서 가중합이 {total:.2g}이므로 "
                f"{particle(expected, '이')} 나와야 하는데 {particle(brief(got), '이')} 나왔습니다."
            )
    return True, "다섯 경우 모두 맞습니다. 가중합이 정확히 0일 때 0을 내는 것까지 맞았습니다."


@exercise(
    "00-mlp-params",
    "MLP(3, [4, 1])의 매개변수(가중치와 편향) 수를 손으로 세어 숫자로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = need_number(answer)
    from micrograd_kr.nn import MLP

    expected = len(MLP(3, [4, 1], seed=0).parameters())  # 실제 모델에서 센 수
    if value == expected:
        return True, "첫 층 3×4 + 4 = 16, 둘째 층 4×1 + 1 = 5, 합해서 21개입니다."
    if value == 3 * 4 + 4 * 1:
        return False, (
            f"{particle(f'{value:g}', '은')} 가중치만 센 수입니다. "
            "뉴런마다 편향이 하나씩 더 있습니다."
        )
    return False, (
        f"{value:g}개가 아닙니다. 층마다 (입력 수 × 뉴런 수)개의 가중치와 "
        "뉴런 수만큼의 편향이 있습니다."
    )


def _a_gate(answer: Any, n_inputs: int, truth: list[int], name: str) -> tuple[bool, str]:
    from micrograd_kr.perceptron import Perceptron

    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        return False, f"숫자 {n_inputs + 1}개의 튜플을 넣으세요. 지금 답: {brief(answer)}"
    numbers = [number(v) for v in answer]
    if len(numbers) != n_inputs + 1 or None in numbers:
        shape = "(w, b)" if n_inputs == 1 else "(w1, w2, b)"
        return False, f"{shape} 모양으로 숫자 {n_inputs + 1}개를 넣으세요. 지금 답: {brief(answer)}"
    *w, b = numbers
    gate = Perceptron(w, b)
    inputs = [(0,), (1,)] if n_inputs == 1 else [(0, 0), (0, 1), (1, 0), (1, 1)]
    for x, expected in zip(inputs, truth):
        got = gate(list(x))
        if got != expected:
            total = sum(wi * xi for wi, xi in zip(w, x)) + b
            return False, (
                f"입력 {x}에서 {particle(name, '은')} {particle(expected, '이어야')} 하는데 "
                f"가중합이 {particle(f'{total:g}', '이라')} {particle(got, '이')} 나왔습니다."
            )
    return True, f"진리표 {particle(str(truth), '을')} 모두 맞힙니다."


@exercise(
    "01-not-gate",
    "입력 하나의 NOT 게이트(0 → 1, 1 → 0)가 되는 (w, b)를 찾아 튜플로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return _a_gate(answer, 1, [1, 0], "NOT")


@exercise(
    "01-nor-gate",
    "NOR 게이트(OR의 반대: (0, 0)에서만 1)가 되는 (w1, w2, b)를 찾아 튜플로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    return _a_gate(answer, 2, [1, 0, 0, 0], "NOR")


@exercise(
    "02-mul-backward",
    "곱셈 노드 z = x × y의 역전파 mul_backward(dout, x, y)를 써서 (dx, dy)를 돌려주세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def mul_backward(dout, x, y): ...")
    from micrograd_kr.engine import Value

    for dout, x, y in [(1.0, 100.0, 2.0), (1.1, 200.0, 1.1), (2.0, -3.0, 0.5), (0.5, 4.0, 4.0)]:
        got = call(answer, dout, x, y)
        if isinstance(got, (str, bytes)) or not hasattr(got, "__len__") or len(got) != 2:
            return False, f"(dx, dy) 두 값을 튜플로 돌려주세요. 지금은 {brief(got)}입니다."
        a, b = Value(x), Value(y)
        (a * b).backward()  # 엔진으로 잰 기울기에 dout을 곱한 것이 정답
        want = (dout * a.grad, dout * b.grad)
        dx, dy = number(got[0]), number(got[1])
        if dx is None or dy is None or abs(dx - want[0]) > 1e-9 or abs(dy - want[1]) > 1e-9:
            return False, (
                f"dout = {dout}, x = {x}, y = {y}에서 (dx, dy) = "
                f"{particle(f'({want[0]:g}, {want[1]:g})', '이어야')} "
                f"하는데 {particle(brief(tuple(got)), '이')} 나왔습니다. "
                "곱셈 노드는 입력을 바꿔 곱합니다."
            )
    return True, "네 경우 모두 맞습니다. dx = dout × y, dy = dout × x입니다."


@exercise(
    "02-tax-change",
    "사과·귤 쇼핑(715원)에서 소비세가 1.1에서 1.2로 오르면 지불 금액은 몇 원 오를까요? "
    "소비세의 기울기로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = need_number(answer)
    from micrograd_kr.engine import Value

    tax = Value(1.1)
    total = (Value(100) * 2 + Value(150) * 3) * tax
    total.backward()
    expected = tax.grad * 0.1  # 지불 금액은 소비세에 정비례하므로 정확한 답이기도 하다
    if abs(value - expected) < 1e-6:
        return True, f"소비세의 기울기 {tax.grad:g}에 변화량 0.1을 곱한 {expected:g}원입니다."
    if abs(value - tax.grad) < 1e-6:
        return False, (
            f"{particle(f'{value:g}', '은')} 소비세가 1만큼 오를 때의 변화입니다. "
            "변화량 0.1을 곱해야 합니다."
        )
    return False, f"{value:g}원이 아닙니다. ∂지불금액/∂소비세 = {tax.grad:g}에서 출발해 보세요."


@exercise(
    "03-chain-rule",
    "z = (x + y)²에서 x = 2, y = -0.5일 때 ∂z/∂x를 연쇄법칙으로 손으로 구해 숫자로 답하세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    value = need_number(answer)
    from micrograd_kr.engine import Value

    x, y = Value(2.0), Value(-0.5)
    ((x + y) ** 2).backward()
    if abs(value - x.grad) < 1e-9:
        return True, f"t = x + y = 1.5, ∂z/∂t = 2t = 3, ∂t/∂x = 1이므로 {x.grad:g}입니다."
    if abs(value - 2.25) < 1e-9:
        return False, "2.25는 z의 값입니다. 기울기 ∂z/∂x를 구하세요."
    return False, (
        f"{particle(f'{value:g}', '이')} 아닙니다. t = x + y로 두고 ∂z/∂t × ∂t/∂x를 곱해 보세요."
    )


@exercise(
    "03-sin-local",
    "sin 노드의 국소 미분 sin_local(x) = d sin(x)/dx를 함수로 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def sin_local(x): ...")
    h = 1e-5
    for x in [0.0, 0.5, 1.0, 2.0, -1.3, 3.0]:
        got = call(answer, x)
        numeric = (math.sin(x + h) - math.sin(x - h)) / (2 * h)  # 중앙 차분
        value = number(got)
        if value is None:
            return False, f"x = {x:g}에서 {not_a_number(got)}"
        if abs(value - numeric) > 1e-6:
            return False, (
                f"x = {x:g}에서 국소 미분이 중앙 차분으로 "
                f"{particle(f'{numeric:.4f}', '이어야')} 하는데 "
                f"{particle(brief(got), '이')} 나왔습니다."
            )
    return True, "여섯 점 모두 중앙 차분과 맞습니다. sin의 국소 미분은 cos입니다."
