"""노트북 08(학습)과 10(흔한 함정)의 연습 문제: 학습률, 옵티마이저로 한 걸음, 재귀 없는 역전파,
넘치지 않는 시그모이드.
"""

from __future__ import annotations

import math
import time
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    brief,
    call,
    fmt,
    need_function,
    need_number,
    not_a_number,
    number,
    run,
    stage,
    want_got,
)
from micrograd_kr.exercises.from_scratch import grade_backward
from micrograd_kr.exercises.graphs import Node
from micrograd_kr.exercises.steps import (
    STEP_DATA,
    compare_parameters,
    learner_step,
    models_to_compare,
    reference_step,
    unchanged_after_first_step,
)


def _sigmoid(x: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * x))  # 넘치지 않는 독립된 식


@exercise(
    "08-learning-rate",
    "f(x₀, x₁) = x₀² + x₁²를 (−3, 4)에서 20걸음 만에 최솟값 0.05 안으로 데려가는 "
    "학습률을 고르세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    lr = need_number(answer, "학습률")
    if lr <= 0:
        return (
            False,
            f"학습률은 0보다 커야 합니다 (받은 값: {brief(answer)}). "
            "0이면 움직이지 않고, 음수면 기울기를 따라 올라갑니다.",
        )
    point = [-3.0, 4.0]
    flips = 0
    for step in range(1, 21):
        # 기울기는 (2·x₀, 2·x₁): 채점기가 직접 계산한다 (답이 Value를 바꿔도 영향이 없다)
        new = [p - lr * 2.0 * p for p in point]
        flips += new[0] * point[0] < 0
        point = new
        if not all(math.isfinite(p) for p in point):
            return False, (
                f"lr = {fmt(lr)}이면 {step}걸음 만에 값이 무한대로 넘쳤습니다 (발산). "
                "0.5 근처로 더 작게 고르세요."
            )
    distance = math.hypot(*point)
    factor = 1.0 - 2.0 * lr  # 한 걸음마다 x ← (1 − 2·lr)·x
    where = f"20걸음 뒤 ({fmt(point[0])}, {fmt(point[1])}), 최솟값까지 거리 {fmt(distance)}"
    how = f"lr = {fmt(lr)}이면 한 걸음마다 x가 {fmt(factor)}배가 됩니다"
    if distance <= 0.05:
        return True, f"{how}: {where}."
    if factor < -1.0:
        return False, (
            f"{how}: 부호가 걸음마다 바뀌며 점점 멀어집니다 (진동하며 발산): {where}. "
            "|1 − 2·lr| < 1이 되도록 lr을 1보다 작게 고르세요."
        )
    if factor == -1.0:
        return False, (
            f"{how}: 같은 거리에서 최솟값 양쪽을 오가기만 합니다 (진동, 20걸음 동안 부호가 "
            f"{flips}번 바뀜): {where}. lr을 더 작게 고르세요."
        )
    if factor < 0.0:
        return False, (
            f"{how}: 최솟값을 넘어 양쪽을 오가며(진동) 천천히 줄어듭니다: {where}. "
            "lr을 조금 더 작게(0.5 쪽으로) 고르세요."
        )
    return False, (
        f"{how}: 한쪽에서 너무 천천히 다가갑니다: {where}. lr을 더 크게(0.5 쪽으로) 고르세요."
    )


@exercise(
    "08-train-step",
    "train_step(model, optimizer, xs, ys): 순전파 → mse 손실 → 기울기 초기화 → 역전파 → "
    "갱신을 한 번 하는 함수를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    from micrograd_kr.optim import SGD

    need_function(answer, "def train_step(model, optimizer, xs, ys): ...")
    xs, ys = STEP_DATA
    mine, ref, start = models_to_compare()
    opt_mine, opt_ref = SGD(mine.parameters(), lr=0.1), SGD(ref.parameters(), lr=0.1)
    mine.touched = False  # 옵티마이저가 매개변수를 꺼낸 것은 학습자의 손길이 아니다
    for step in range(1, 4):
        learner_step(answer, mine, step, opt_mine, [list(x) for x in xs], list(ys))
        reference_step(ref, opt_ref)
        got, want, gap = compare_parameters(mine, ref)
        if gap <= 1e-12:
            continue
        if step == 1 and got == start:
            return False, unchanged_after_first_step(mine, "zero_grad()", "step()")
        if step == 1:
            return False, (
                f"첫 걸음부터 매개변수가 최대 {fmt(gap)}만큼 다릅니다. "
                "손실은 mse(점수 목록, ys)이고, "
                "backward()와 step()을 한 번씩만 부르는지 확인하세요."
            )
        return False, (
            f"첫 걸음은 맞지만 {step}번째 걸음에서 매개변수가 최대 {fmt(gap)}만큼 다릅니다: "
            "지난 걸음의 기울기가 남아 더해졌습니다. backward() 앞에서 zero_grad()를 부르세요."
        )
    return True, "세 걸음 모두 매개변수가 기준 학습 루프와 같습니다."


#: 10장의 사슬 길이: 작은 둘로 시간이 어떻게 느는지 재고, 마지막이 재귀 한도를 훨씬 넘는 길이
CHAIN_SIZES = (150, 600, 20_000)


def _chain(n: int) -> tuple[Node, Node]:
    x = Node(0.5, label="x")
    y = x
    for _ in range(n):
        y = y * 1.0001
    return x, y


@exercise(
    "10-iterative-backward",
    "재귀 없이(스택으로) 위상 정렬하고 기울기를 +=로 쌓는 backward(root) 함수를 쓰세요. "
    "root는 Value처럼 data, grad, _prev, _local이 있는 노드입니다.",
)
def _(answer: Any) -> tuple[bool, str]:
    ok, message = grade_backward(answer)
    if not ok:
        return ok, message
    took: list[float] = []
    for n in CHAIN_SIZES:
        slow = _too_slow(took, n)
        if slow:
            return False, slow
        stage(f"노드 {n:,}개짜리 사슬 y = x·1.0001ⁿ")
        x, y = _chain(n)
        start = time.perf_counter()
        try:
            run(answer, y)
        except RecursionError:
            return False, (
                f"노드 {n:,}개짜리 사슬에서 RecursionError가 났습니다. 재귀 대신 리스트를 "
                "스택(stack)으로 써서 위상 정렬하세요."
            )
        took.append(time.perf_counter() - start)
        want = 1.0001**n
        if not math.isclose(number(x.grad) or 0.0, want, rel_tol=1e-9):
            shown = brief(x.grad) if number(x.grad) is None else x.grad
            return False, (
                f"노드 {n:,}개짜리 사슬 y = x·1.0001ⁿ에서 x의 기울기가 {want_got(want, shown)}."
            )
    return True, (
        f"{message} 노드 {CHAIN_SIZES[-1]:,}개짜리 사슬도 재귀 한도에 걸리지 않고 "
        f"{took[-1]:.2f}초에 끝납니다."
    )


def _too_slow(took: list[float], n: int) -> str:
    """앞의 두 사슬에 걸린 시간으로 ``n``개짜리를 어림해, 너무 느리면 그 설명 (아니면 빈 글).

    끝나지 않는 답과 맞지만 느린 답(노드마다 목록 전체를 훑는 n² 위상 정렬)을 가리려고: 두 길이의
    시간 비로 차수를 재고, 3초를 넘을 것 같으면 돌리기 전에 멈춥니다.
    """
    if len(took) < 2 or took[-1] < 0.05:
        return ""
    small, big = CHAIN_SIZES[len(took) - 2], CHAIN_SIZES[len(took) - 1]
    power = math.log(max(took[-1], 1e-9) / max(took[-2], 1e-9)) / math.log(big / small)
    guess = took[-1] * (n / big) ** max(power, 1.0)  # 적어도 노드 수에 비례한다
    if guess < 3.0:
        return ""
    growth = f"노드 수의 {power:.1f}제곱에 비례해 늘어서" if power >= 1.5 else "이 빠르기로는"
    return (
        f"기울기는 맞지만 느립니다: 노드 {small:,}개에 {took[-2]:.2f}초, {big:,}개에 "
        f"{took[-1]:.2f}초 — {growth} {n:,}개면 약 {guess:.0f}초가 걸립니다. "
        "노드마다 목록 전체를 훑는 곳(목록에서 `in`으로 찾기, "
        "list.index, 남은 노드를 처음부터 다시 훑기)이 있는지 보고, 이미 본 노드는 집합(set)에 "
        "기억해 노드마다 한 번만 다루세요."
    )


@exercise(
    "10-stable-sigmoid",
    "x = ±1000에서도 넘치지(overflow) 않는 stable_sigmoid(x: float) -> float를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def stable_sigmoid(x): ...")
    for x in [0.0, 1.0, -1.0, 30.0, -30.0, 710.0, -710.0, 1000.0, -1000.0]:
        try:
            got = call(answer, x)
        except OverflowError:
            return False, (
                f"x = {x:g}에서 OverflowError가 났습니다: math.exp에 709보다 큰 수가 들어갔습니다. "
                "x < 0이면 e^x / (1 + e^x)처럼 exp에 음수만 넣으세요."
            )
        value = number(got)
        if value is None:
            return False, f"x = {x:g}에서 {not_a_number(got)}"
        want = _sigmoid(x)
        if not math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12):
            return False, f"x = {x:g}에서 σ(x)가 {want_got(want, value)}."
    return True, "x = 0, ±1, ±30, ±710, ±1000에서 모두 넘치지 않고 σ(x)와 맞습니다."
