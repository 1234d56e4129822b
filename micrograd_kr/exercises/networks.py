"""노트북 05, 06, 07, 09의 연습 문제: 층과 매개변수, 활성화 함수, 손실 함수, 손글씨 숫자."""

from __future__ import annotations

import math
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    brief,
    call,
    need_function,
    not_a_number,
    number,
    particle,
    run,
    to_float,
    to_floats,
    want_got,
)


def _c_close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    return math.isfinite(a) and abs(a - b) <= abs_ + rel * abs(b)


def _c_int(answer: Any) -> int | None:
    """정수 값의 숫자(정수, 정수 값의 float, numpy 정수)이면 int, 아니면 None."""
    value = number(answer)
    return int(value) if value is not None and value.is_integer() else None


def _c_mlp_params(sizes: list[int]) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


@exercise(
    "05-param-count",
    "층 크기 목록(예: [784, 50, 100, 10])을 받아 MLP의 매개변수 수를 돌려주는 "
    "함수 count_params(sizes)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def count_params(sizes): ...")
    cases = [[2, 3, 2, 2], [64, 10], [64, 16, 10], [1, 1], [784, 50, 100, 10]]
    for sizes in cases:
        raw = call(answer, list(sizes))
        if number(raw) is None:
            return False, f"층 크기 {list(sizes)}에서 {not_a_number(raw, '정수')}"
        got = _c_int(raw)
        expected = _c_mlp_params(sizes)
        if got == expected:
            continue
        arrow = "→".join(map(str, sizes))
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        if got == weights:
            hint = f"가중치 {weights}개만 셌습니다. 뉴런마다 편향(bias)이 하나씩 있습니다."
        elif got == expected - sizes[-1] or got == weights + sum(sizes[:-1]):
            hint = "편향은 층의 입력 쪽이 아니라 뉴런(출력 쪽)마다 하나씩입니다."
        elif got == expected - weights + sum(a * a for a in sizes[:-1]):
            hint = "가중치는 (입력 수 × 뉴런 수)개입니다."
        else:
            hint = "층마다 (입력 수 × 뉴런 수) + 뉴런 수를 더하세요."
        shown = got if got is not None else brief(raw)
        return False, f"{arrow}에서 정답은 {expected}, 돌려준 값은 {shown}입니다. {hint}"
    return True, f"784→50→100→10 신경망의 매개변수는 {_c_mlp_params(cases[-1])}개입니다."


_C_W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]  # 밑바닥부터 시작하는 딥러닝 3장의 W1 (입력 2 × 뉴런 3)


@exercise(
    "05-weight-notation",
    "가중치 행렬 W(행 = 이전 층 뉴런, 열 = 다음 층 뉴런)에서 w_ji(다음 층 뉴런 j, 이전 층 뉴런 i, "
    "1부터 셈)를 꺼내는 함수 weight(W, j, i)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def weight(W, j, i): ...")
    import numpy as np

    rng = np.random.default_rng(5)
    matrices = [
        np.array(_C_W1),
        np.round(rng.normal(size=(4, 3)), 3),
        np.round(rng.normal(size=(2, 5)), 3),
    ]
    for W in matrices:
        n_prev, n_next = W.shape
        for j in range(1, n_next + 1):
            for i in range(1, n_prev + 1):
                expected = float(W[i - 1, j - 1])
                try:
                    got = to_float(call(answer, W.copy(), j, i))
                except IndexError:
                    return False, (
                        f"{n_prev}×{n_next} 행렬에서 "
                        f"{particle(f'weight(W, j={j}, i={i})', '이')} IndexError를 냈습니다. "
                        "첨자는 1부터 세고, 행은 이전 층 뉴런 i, 열은 다음 층 뉴런 j입니다."
                    )
                if got == expected:
                    continue
                hint = "첨자는 1부터 셉니다: 파이썬에서는 1을 빼야 합니다."
                if j <= n_prev and i <= n_next and got == float(W[j - 1, i - 1]):
                    hint = (
                        "앞 첨자 j는 다음 층 뉴런(열), 뒤 첨자 i는 이전 층 뉴런(행)입니다. "
                        "행과 열이 바뀌었습니다."
                    )
                return False, (
                    f"{n_prev}×{n_next} 행렬에서 {particle(f'w_{j}{i}', '은')} "
                    f"W[{i - 1}, {j - 1}] = {expected}인데 답은 {got:g}입니다. {hint}"
                )
    return True, "w⁽¹⁾₁₂ = W1[1, 0] = 0.2: x₂에서 1층의 첫 번째 뉴런으로 가는 가중치입니다."


def _c_softplus(x: float) -> float:
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)


@exercise(
    "06-softplus-grad",
    "소프트플러스(softplus) f(x) = log(1 + eˣ)의 도함수 f'(x)를 계산하는 "
    "함수 dsoftplus(x)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def dsoftplus(x): ...")
    h = 1e-5
    for x in [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]:
        numeric = (_c_softplus(x + h) - _c_softplus(x - h)) / (2 * h)
        got = to_float(call(answer, x))
        if not _c_close(got, numeric, rel=1e-5, abs_=1e-7):
            hint = ""
            if _c_close(got, _c_softplus(x), rel=1e-6):
                hint = " f'(x)가 아니라 f(x)를 돌려준 것 같습니다."
            elif _c_close(got, math.exp(x), rel=1e-6):
                hint = " 로그의 미분 1/u를 빠뜨렸습니다: (log u)' = u'/u."
            return False, f"x = {x}에서 수치 미분은 {numeric:.6f}, 답은 {got:.6g}입니다.{hint}"
    return True, "소프트플러스의 도함수는 시그모이드 σ(x) = 1/(1 + e⁻ˣ)입니다."


@exercise(
    "06-swish",
    "스위시(swish) f(x) = x·σ(x)를 Value 연산으로 계산하는 함수 swish(v)를 쓰세요 "
    "(backward()가 되도록).",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def swish(v): return ...")
    from micrograd_kr.engine import Value

    for x in [-3.0, -0.5, 0.0, 1.0, 4.0]:
        v = Value(x)
        out = call(answer, v)
        if not isinstance(out, Value):
            return False, (
                f"x = {x}에서 돌려받은 답의 종류는 {type(out).__name__}입니다. "
                "Value를 돌려줘야 backward()로 "
                "미분할 수 있습니다: math.exp 대신 v.sigmoid()나 v.exp()처럼 Value의 연산을 쓰세요."
            )
        s = 1.0 / (1.0 + math.exp(-x))
        if not _c_close(out.data, x * s):
            return False, f"x = {x}에서 값이 {want_got(x * s, out.data)}."
        out.backward()
        expected = s + x * s * (1.0 - s)
        if not _c_close(v.grad, expected, rel=1e-6):
            return False, (
                f"x = {x}에서 값은 맞지만 backward()의 기울기가 {want_got(expected, v.grad)}. "
                "계산 중에 .data로 꺼낸 숫자를 쓰면 그래프가 끊깁니다."
            )
    return (
        True,
        "스위시의 도함수 σ(x) + x·σ(x)(1 − σ(x))를 엔진이 곱셈 노드의 연쇄법칙으로 구했습니다.",
    )


def _c_softmax(a: list[float]) -> list[float]:
    m = max(a)
    exps = [math.exp(v - m) for v in a]
    total = sum(exps)
    return [e / total for e in exps]


@exercise(
    "07-stable-softmax",
    "[1000, 1001, 1002]처럼 큰 입력에서도 넘치지 않는 소프트맥스 softmax(a)를 쓰세요 "
    "(실수 목록 → 확률 목록).",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def softmax(a): ...")
    import warnings

    cases = [
        [0.3, 2.9, 4.0],
        [1.0, 2.0, 3.0],
        [5.0],
        [1000.0, 1001.0, 1002.0],
        [-1000.0, -1000.0],
        [-1e4, 0.0, 1e4],
    ]
    for a in cases:
        expected = _c_softmax(a)
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore", RuntimeWarning
            )  # numpy의 넘침 경고는 아래 설명으로 대신한다
            try:
                got = to_floats(call(answer, list(a)))
            except OverflowError:
                return (
                    False,
                    f"a = {a}에서 OverflowError가 났습니다: e의 큰 거듭제곱은 넘칩니다. "
                    "최댓값을 먼저 빼세요.",
                )
        if len(got) != len(a):
            return False, f"a = {a}에서 확률이 {len(a)}개여야 하는데 {len(got)}개가 나왔습니다."
        if any(not math.isfinite(g) for g in got):
            return (
                False,
                f"a = {a}에서 답은 {got}입니다: eᵃ가 넘치거나(inf) 0으로 나눴습니다(nan). "
                "최댓값을 먼저 빼세요.",
            )
        for k, (g, e) in enumerate(zip(got, expected)):
            if not _c_close(g, e, rel=1e-6, abs_=1e-12):
                return False, f"a = {a}에서 {k}번째 확률은 {e:.6g}, 답은 {g:.6g}입니다."
    return (
        True,
        "최댓값을 빼도 분자와 분모에 같은 수를 곱한 것이라 값은 그대로이고, "
        "지수는 0 이하라 넘치지 않습니다.",
    )


@exercise(
    "07-entropy-bits",
    "확률 목록 p를 받아 엔트로피(entropy)를 비트(bit) 단위로 돌려주는 "
    "함수 entropy_bits(p)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def entropy_bits(p): ...")
    cases = [[0.5, 0.5], [1 / 8] * 8, [0.9, 0.1], [0.25, 0.25, 0.5], [1.0, 0.0], [0.7, 0.3, 0.0]]
    for p in cases:
        expected = -sum(q * math.log2(q) for q in p if q > 0)
        try:
            got = to_float(call(answer, list(p)))
        except (ValueError, ZeroDivisionError) as exc:
            return False, (
                f"p = {p}에서 {type(exc).__name__}: {exc}. 확률 0인 칸은 0·log 0 = 0으로 치고 "
                "건너뛰세요 (p가 0으로 갈 때 p·log p → 0)."
            )
        if math.isnan(got):
            return (
                False,
                f"p = {p}에서 nan이 나왔습니다. 확률 0인 칸은 0·log 0 = 0으로 치고 건너뛰세요.",
            )
        if not _c_close(got, expected, rel=1e-6, abs_=1e-9):
            hint = ""
            if _c_close(got, expected * math.log(2), rel=1e-6):
                hint = " 자연로그(nat)로 계산했습니다. 비트는 밑이 2인 로그(math.log2)입니다."
            elif _c_close(got, -expected, rel=1e-6):
                hint = " 부호가 반대입니다: H = −Σ p log₂ p."
            return False, f"p = {p}에서 엔트로피는 {expected:.6g}비트, 답은 {got:.6g}입니다.{hint}"
    return True, "동전은 1비트, 공평한 8면 주사위는 3비트: 가능한 결과가 2ⁿ개로 고르면 n비트입니다."


def _huber_terms(rs: list[float], delta: float, variant: str = "") -> float:
    """후버 손실의 평균, 또는 흔히 틀리는 모양(``variant``)으로 계산한 값 (채점기가 비교한다)."""
    terms = []
    for r in rs:
        a = abs(r)
        if variant == "branch_swapped":
            small = a > delta
        else:
            small = a <= delta
        if small:
            terms.append(r * r if variant == "no_half" else 0.5 * r * r)
        elif variant == "no_offset":
            terms.append(delta * a)
        elif variant == "signed":
            terms.append(delta * (r - 0.5 * delta))
        else:
            terms.append(delta * (a - 0.5 * delta))
    return math.fsum(terms) * (1.0 if variant == "sum" else 1.0 / len(terms))


def _huber_slope(r: float, delta: float, n: int) -> float:
    return (r if abs(r) <= delta else math.copysign(delta, r)) / n


_HUBER_CASES = [
    # (예측, 정답, delta): 작은 오차와 큰 오차, 음수 오차, delta가 1이 아닌 경우
    ([0.5, 2.0, -1.0], [0.0, 0.0, 0.0], 1.0),
    ([3.0, -0.2, 1.5, -4.0], [1.0, 0.3, 1.0, 0.0], 1.0),
    ([0.5, 5.0, -3.0], [0.0, 1.0, 0.5], 2.0),
]

_HUBER_MISTAKES = {
    "no_half": "제곱 부분에 ½이 빠졌습니다: |r| ≤ δ에서는 ½·r²입니다",
    "no_offset": (
        "큰 오차 부분에서 δ/2를 빼지 않았습니다: δ·(|r| − δ/2)여야 두 조각이 |r| = δ에서 이어집니다"
    ),
    "signed": "큰 오차 부분에 절댓값을 빠뜨렸습니다: 음수 오차도 δ·(|r| − δ/2)로, |r|을 씁니다",
    "branch_swapped": "두 조각이 바뀌었습니다: 오차가 작을 때(|r| ≤ δ) 제곱, 클 때 직선입니다",
    "sum": "합만 하고 평균을 내지 않았습니다: 항의 수로 나누세요",
}


@exercise(
    "07-huber-loss",
    "Value 예측 목록 pred와 숫자 정답 목록 target으로 후버 손실(Huber loss)의 평균을 Value로 "
    "돌려주는 huber(pred, target, delta=1.0)를 쓰세요: 오차 r = 예측 − 정답이 |r| ≤ delta이면 "
    "½r², 아니면 delta·(|r| − ½delta).",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def huber(pred, target, delta=1.0): ...")
    from micrograd_kr.engine import Value

    for preds, targets, delta in _HUBER_CASES:
        where = f"예측 {preds}, 정답 {targets}, delta = {delta:g}에서"
        xs = [Value(p) for p in preds]
        out = call(answer, xs, list(targets), delta)
        if not isinstance(out, Value):
            return False, (
                f"{where} Value가 아니라 {particle(type(out).__name__, '을')} 돌려받았습니다. "
                "backward()로 미분하려면 예측(Value)끼리의 연산으로 손실을 만들어 Value를 "
                "돌려주세요 (숫자로 꺼내 계산하면 그래프가 끊깁니다)."
            )
        rs = [p - t for p, t in zip(preds, targets)]
        want, got = _huber_terms(rs, delta), out.data
        if not _c_close(got, want, rel=1e-9, abs_=1e-12):
            hint = "|r| ≤ delta이면 ½r², 아니면 delta·(|r| − ½delta)를 평균하세요."
            if delta != 1.0 and _c_close(got, _huber_terms(rs, 1.0), rel=1e-9):
                hint = "delta를 쓰지 않고 1로 계산했습니다: 인자 delta를 쓰세요."
            for variant, why in _HUBER_MISTAKES.items():
                if _c_close(got, _huber_terms(rs, delta, variant), rel=1e-9):
                    hint = why + "."
                    break
            return False, f"{where} 손실이 {want_got(want, got)}. {hint}"
        run(out.backward)
        for i, (x, r) in enumerate(zip(xs, rs)):
            slope = _huber_slope(r, delta, len(rs))
            if not _c_close(number(x.grad) or 0.0, slope, rel=1e-9, abs_=1e-12):
                return False, (
                    f"{where} 값은 맞지만 예측 {i}번의 기울기가 {want_got(slope, x.grad)}. "
                    "오차를 .data로 꺼내 숫자로 계산하면 그래프가 끊깁니다: 가지(if)는 r.data로 "
                    "고르되, 손실은 Value인 r로 만드세요."
                )
    return True, (
        "세 경우 모두 값과 기울기가 맞습니다: 작은 오차에서는 MSE처럼 r을, 큰 오차에서는 L1처럼 "
        "±delta를 돌려보냅니다. 튀는 값이 있어도 기울기가 delta를 넘지 않습니다."
    )


@exercise(
    "09-dot-logits",
    "가중치 W(10행 × 64열: 행 k가 출력 뉴런 k의 가중치), 편향 b, 입력 x로 로짓 "
    "[W[k]·x + b[k] for k] 목록을 돌려주는 함수 logits(W, b, x)를 쓰세요.",
)
def _(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def logits(W, b, x): ...")
    import numpy as np

    rng = np.random.default_rng(9)
    for n_out, n_in in [(2, 3), (10, 64), (3, 2)]:
        W = np.round(rng.normal(size=(n_out, n_in)), 2)
        b = np.round(rng.normal(size=n_out), 2)
        x = np.round(rng.uniform(0, 1, size=n_in), 2)
        expected = [
            sum(float(W[k, i]) * float(x[i]) for i in range(n_in)) + float(b[k])
            for k in range(n_out)
        ]
        try:
            got = to_floats(call(answer, W.tolist(), b.tolist(), x.tolist()))
        except (ValueError, IndexError) as exc:
            return False, (
                f"{n_out}×{n_in} 가중치에서 {type(exc).__name__}: {exc}. 행 W[k]가 입력 {n_in}개와 "
                "점곱(dot product)을 하는 출력 뉴런 k의 가중치입니다."
            )
        if len(got) != n_out:
            return (
                False,
                f"출력 뉴런이 {n_out}개인데 로짓 {len(got)}개가 나왔습니다. "
                "행 W[k]마다 로짓이 하나입니다.",
            )
        no_bias = [e - float(b[k]) for k, e in enumerate(expected)]
        if all(_c_close(g, e) for g, e in zip(got, no_bias)):
            return False, f"{n_out}×{n_in} 가중치에서 편향 b를 더하지 않았습니다."
        for k, (g, e) in enumerate(zip(got, expected)):
            if not _c_close(g, e):
                return (
                    False,
                    f"{n_out}×{n_in} 가중치에서 로짓 {k}의 값은 {e:.6g}, 답은 {g:.6g}입니다.",
                )
    return True, "출력 뉴런 하나의 가중합은 가중치와 입력의 점곱에 편향을 더한 것입니다."


@exercise(
    "09-mnist-params",
    "28×28 MNIST 그림을 바로 10개 숫자로 나누는 소프트맥스 회귀 MLP(784, [10])의 "
    "매개변수는 몇 개일까요?",
)
def _(answer: Any) -> tuple[bool, str]:
    value = _c_int(answer)
    if value is None:
        return False, not_a_number(answer, "정수")
    expected = 28 * 28 * 10 + 10
    if value == expected:
        return True, "입력 784개 × 출력 10개의 가중치 7840개와 편향 10개입니다."
    if value == 28 * 28 * 10:
        return False, "가중치 7840개만 셌습니다. 출력 뉴런마다 편향이 하나씩 있습니다."
    if value == 8 * 8 * 10 + 10:
        return False, "650은 8×8 = 64픽셀 그림의 모델입니다. MNIST는 28×28 = 784픽셀입니다."
    return False, f"{value}개가 아닙니다. 입력은 28×28 = 784개, 출력 뉴런은 10개입니다."
