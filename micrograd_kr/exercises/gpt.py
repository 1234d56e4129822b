"""노트북 11(작은 GPT)의 연습 문제: 자모, 소프트맥스 + 교차 엔트로피 노드, RMSNorm 배율 노드."""

from __future__ import annotations

import math
import random
import unicodedata
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import call, need_function, to_float, to_floats

_JAMO_WORD = "대한민국"
_CE_LOGITS = (1.0, 2.0, 0.5)
_CE_TARGET = 0


@exercise(
    "11-jamo-count",
    f"'{_JAMO_WORD}'을 NFD로 나누면 자모(jamo)가 몇 개인지 정수로 답하세요.",
)
def _check_jamo_count(answer: Any) -> tuple[bool, str]:
    want = len(unicodedata.normalize("NFD", _JAMO_WORD))
    got = to_float(answer)
    if got == want:
        return True, (
            f"'{_JAMO_WORD}'는 음절 {len(_JAMO_WORD)}개, 자모 {want}개입니다 (받침 ㄴ·ㄱ도 하나씩)."
        )
    if got == len(_JAMO_WORD):
        return (
            False,
            "그것은 음절(글자)의 수입니다. NFD는 음절을 첫소리·가운뎃소리·끝소리로 나눕니다.",
        )
    if got == 2 * len(_JAMO_WORD):
        return False, "받침(끝소리)도 자모 하나입니다. 받침이 있는 음절은 자모가 3개입니다."
    return False, (
        f"{got:g}개가 아닙니다. len(unicodedata.normalize('NFD', '{_JAMO_WORD}'))로 세어 보세요."
    )


def _ce_reference() -> tuple[list[float], list[float]]:
    biggest = max(_CE_LOGITS)
    exps = [math.exp(z - biggest) for z in _CE_LOGITS]
    total = sum(exps)
    probs = [e / total for e in exps]
    return probs, [p - (1.0 if j == _CE_TARGET else 0.0) for j, p in enumerate(probs)]


@exercise(
    "11-softmax-ce-local",
    f"로짓 {list(_CE_LOGITS)}, 정답 {_CE_TARGET}번일 때 softmax_ce 노드의 국소 미분 "
    "(로짓마다 하나, 3개)을 목록으로 답하세요.",
)
def _check_softmax_ce_local(answer: Any) -> tuple[bool, str]:
    probs, want = _ce_reference()
    got = to_floats(answer)
    if len(got) != len(want):
        return False, f"로짓이 3개이니 국소 미분도 3개입니다. 받은 개수: {len(got)}"

    def close(xs: list[float], ys: list[float]) -> bool:
        return all(math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(xs, ys))

    if close(got, want):
        return True, "국소 미분은 확률에서 원-핫(one-hot)을 뺀 p - y입니다. 합은 언제나 0입니다."
    if close(got, probs):
        return False, "확률 p 그대로입니다. 정답 자리에서 1을 빼야 합니다 (p - 원-핫)."
    if close(got, [-w for w in want]):
        return False, "부호가 반대입니다. 손실은 -log p이니 ∂/∂z = p - y입니다 (y - p가 아님)."
    return False, (
        "p - 원-핫과 다릅니다. 먼저 소프트맥스 p = exp(z) / Σ exp(z)를 구하고, 정답 자리에서 "
        "1을 빼 보세요."
    )


@exercise(
    "11-rms-scale-local",
    "xs(숫자 목록)를 받아 RMSNorm 배율 s = (mean(x²) + 1e-5)^(-1/2)의 국소 미분 ∂s/∂xⱼ들의 "
    "목록을 돌려주는 함수 rms_local(xs)를 쓰세요.",
)
def _check_rms_scale_local(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def rms_local(xs): ...")
    rng = random.Random(11)
    cases = [[3.0, 4.0], [rng.uniform(-2, 2) for _ in range(5)], [0.5]]

    def s_of(xs: list[float]) -> float:
        return (sum(x * x for x in xs) / len(xs) + 1e-5) ** -0.5

    h = 1e-6
    for xs in cases:
        got = to_floats(call(answer, list(xs)))
        if len(got) != len(xs):
            return (
                False,
                f"xs가 {len(xs)}개이면 국소 미분도 {len(xs)}개입니다. 받은 개수: {len(got)}",
            )
        for j in range(len(xs)):
            up, down = list(xs), list(xs)
            up[j] += h
            down[j] -= h
            numeric = (s_of(up) - s_of(down)) / (2 * h)
            if not math.isclose(got[j], numeric, rel_tol=1e-4, abs_tol=1e-7):
                hint = ""
                if math.isclose(got[j], -numeric, rel_tol=1e-4, abs_tol=1e-7):
                    hint = " 부호가 반대입니다: 지수가 -1/2 이니 앞에 - 가 붙습니다."
                return False, (
                    f"xs = {[round(x, 4) for x in xs]}의 {j}번 국소 미분: 정답은 {numeric:.6g}, "
                    f"받은 값은 {got[j]:.6g}입니다. 연쇄법칙으로: "
                    f"∂s/∂xⱼ = -½ (ms+ε)^(-3/2) · 2xⱼ/n = -s³·xⱼ/n.{hint}"
                )
    return True, "∂s/∂xⱼ = -s³·xⱼ/n: 배율 노드 하나가 입력 n 개에 이 값을 기록합니다."
