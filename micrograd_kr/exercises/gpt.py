"""노트북 11(작은 GPT)의 연습 문제: 자모 세기, 인과적 어텐션 헤드 하나.

어텐션 채점기는 답을 여러 입력에서 부르고, 그럴듯하게 틀린 헤드들(1/√d 빠뜨림, d로 나눔, 미래를
봄, 곱을 뒤집음 Kqᵀ, 소프트맥스를 질의 쪽으로)을 같은 입력으로 직접 계산해 답과 맞춰 봅니다.
틀린 것이 둘 이상 겹쳐도 어느 것들인지 짚습니다.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import unicodedata
from typing import Any

from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    Refusal,
    brief,
    call,
    fmt,
    need_function,
    need_list,
    particle,
    stage,
    to_float,
    to_floats,
)

_JAMO_WORD = "대한민국"


@exercise(
    "11-jamo-count",
    f"{particle(repr(_JAMO_WORD), '을')} NFD로 나누면 자모(jamo)가 몇 개인지 정수로 답하세요.",
)
def _check_jamo_count(answer: Any) -> tuple[bool, str]:
    want = len(unicodedata.normalize("NFD", _JAMO_WORD))
    got = to_float(answer)
    word = particle(repr(_JAMO_WORD), "은")
    if got == want:
        return True, f"{word} 음절 {len(_JAMO_WORD)}개, 자모 {want}개입니다 (받침 ㄴ·ㄱ도 하나씩)."
    if got == len(_JAMO_WORD):
        return (
            False,
            "그것은 음절(글자)의 수입니다. NFD는 음절을 첫소리·가운뎃소리·끝소리로 나눕니다.",
        )
    if got == 2 * len(_JAMO_WORD):
        return False, "받침(끝소리)도 자모 하나입니다. 받침이 있는 음절은 자모가 3개입니다."
    how = "len(unicodedata.normalize('NFD', '" + _JAMO_WORD + "'))"
    return False, f"{fmt(got)}개가 아닙니다. {particle(how, '으로')} 세어 보세요."


# ---------------------------------------------------------------- 인과적 어텐션 헤드
Vectors = list[list[float]]

#: 틀린 헤드를 만드는 손잡이 → 그 설명 (여럿이 겹치면 모두 말한다)
_MISTAKES = {
    "no_scale": (
        "점수를 √d로 나누지 않았습니다: q·k / √d입니다 (나누지 않으면 d가 클수록 점수가 커져 "
        "소프트맥스가 한 위치로 쏠립니다)"
    ),
    "by_d": "점수를 √d가 아니라 d로 나눴습니다: q·k / √d입니다",
    "future": (
        "미래를 봤습니다: 위치 t는 자신과 앞 위치(s ≤ t)만 봐야 합니다 — 키와 값을 "
        "ks[: t + 1], vs[: t + 1]로 자르세요"
    ),
    "transposed": (
        "곱을 뒤집었습니다: 위치 t가 s를 보는 점수는 qs[t]·ks[s]인데 qs[s]·ks[t]를 썼습니다 "
        "(QKᵀ가 아니라 KQᵀ)"
    ),
    "wrong_axis": (
        "소프트맥스를 다른 쪽으로 했습니다: 한 질의(위치 t)가 보는 키들 s에 대해 더해서 1이 되게 "
        "나눠야 하는데, 한 키를 보는 질의들에 대해 나눴습니다"
    ),
}


def _dot(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b))


def _softmax(row: list[float]) -> list[float]:
    top = max(row)
    exps = [math.exp(z - top) for z in row]
    total = math.fsum(exps)
    return [e / total for e in exps]


def attention_head(qs: Vectors, ks: Vectors, vs: Vectors, **mistakes: bool) -> Vectors:
    """채점기의 기준 헤드. ``mistakes``를 켜면 그 틀린 헤드가 된다 (키는 :data:`_MISTAKES`).

    출력[t] = Σₛ softmax(점수[t])ₛ · vs[s], 점수[t][s] = qs[t]·ks[s] / √d, s ≤ t.
    """
    n, d = len(qs), len(qs[0])
    scale = 1.0 if mistakes.get("no_scale") else 1.0 / d if mistakes.get("by_d") else d**-0.5
    seen = (lambda t: range(n)) if mistakes.get("future") else (lambda t: range(t + 1))
    if mistakes.get("transposed"):
        score = [[_dot(qs[s], ks[t]) * scale for s in range(n)] for t in range(n)]
    else:
        score = [[_dot(qs[t], ks[s]) * scale for s in range(n)] for t in range(n)]
    weights = [[0.0] * n for _ in range(n)]
    if mistakes.get("wrong_axis"):  # 열마다: 키 s를 보는 질의들 t에 대해 1이 되게
        for s in range(n):
            rows = [t for t in range(n) if s in seen(t)]
            for t, p in zip(rows, _softmax([score[t][s] for t in rows])):
                weights[t][s] = p
    else:
        for t in range(n):
            cols = list(seen(t))
            for s, p in zip(cols, _softmax([score[t][s] for s in cols])):
                weights[t][s] = p
    return [
        [math.fsum(weights[t][s] * vs[s][j] for s in range(n)) for j in range(d)] for t in range(n)
    ]


# 점수 q·k/√d가 ±800에 이르는 입력: 가장 큰 점수를 빼지 않으면 e^점수가 넘친다
_BIG_Q = [[20.0, 20.0, 20.0, 20.0], [20.0, -20.0, 20.0, -20.0], [-20.0, 20.0, 20.0, 20.0]]
_BIG_K = [[20.0, 20.0, 20.0, 19.0], [-20.0, 20.0, 20.0, -20.0], [20.0, -20.0, 20.0, 20.0]]


def _cases() -> list[tuple[str, Vectors, Vectors, Vectors]]:
    rng = random.Random(11)

    def vectors(n: int, d: int, size: float = 1.5) -> Vectors:
        return [[round(rng.uniform(-size, size), 2) for _ in range(d)] for _ in range(n)]

    return [
        ("위치 4개, d = 3", vectors(4, 3), vectors(4, 3), vectors(4, 3)),
        ("위치 5개, d = 4", vectors(5, 4), vectors(5, 4), vectors(5, 4)),
        ("위치 1개, d = 2", vectors(1, 2), vectors(1, 2), vectors(1, 2)),
        ("점수가 큰 입력(q·k/√d ≈ 800)", _BIG_Q, _BIG_K, vectors(3, 4)),
    ]


def _close(a: Vectors, b: Vectors) -> bool:
    return all(
        math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
        for ra, rb in zip(a, b)
        for x, y in zip(ra, rb)
    )


def _read_output(got: Any, n: int, d: int) -> Vectors:
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(got, numpy.ndarray) and got.ndim == 2:
        got = got.tolist()  # numpy로 계산한 (위치 수 × d) 배열도 받는다
    rows = need_list(got, "위치마다의 출력 벡터들")
    if len(rows) != n:
        raise Refusal(
            f"위치가 {n}개이니 출력 벡터도 {n}개여야 하는데 {len(rows)}개가 나왔습니다: "
            "위치 t마다 벡터 하나씩입니다."
        )
    out = [to_floats(row) for row in rows]
    if any(len(row) != d for row in out):
        raise Refusal(
            f"출력 벡터는 값 벡터처럼 {particle(f'길이 {d}', '이어야')} 하는데 "
            f"{brief([len(r) for r in out])}입니다: "
            "가중치(위치 수만큼)가 아니라 가중치로 섞은 값 벡터를 돌려주세요."
        )
    return out


def _explain(qs: Vectors, ks: Vectors, vs: Vectors, got: Vectors) -> str:
    """답과 같은 틀린 헤드를 찾아 그 실수들을 말한다 (적게 틀린 조합부터)."""
    names = list(_MISTAKES)
    combos = [
        combo
        for size in range(1, 4)
        for combo in itertools.combinations(names, size)
        if not {"no_scale", "by_d"} <= set(combo)
    ]
    for combo in combos:
        if _close(got, attention_head(qs, ks, vs, **dict.fromkeys(combo, True))):
            if len(combo) == 1:
                return _MISTAKES[combo[0]] + "."
            marks = "①②③"
            listed = " ".join(f"{marks[i]} {_MISTAKES[m]}." for i, m in enumerate(combo))
            return f"틀린 곳이 {len(combo)}가지입니다: {listed}"
    return (
        "위치 t의 출력은 Σₛ softmax(qs[t]·ks[s] / √d)ₛ · vs[s]이고, s는 0부터 t까지입니다. "
        "소프트맥스는 한 위치의 점수들끼리(행마다) 합니다."
    )


@exercise(
    "11-causal-attention",
    "위치마다의 질의·키·값 벡터 목록 qs, ks, vs를 받아, 위치 t마다 자신과 앞 위치(s ≤ t)만 보는 "
    "어텐션 헤드 하나의 출력 벡터 목록을 돌려주는 causal_attention(qs, ks, vs)을 쓰세요.",
)
def _check_causal_attention(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def causal_attention(qs, ks, vs): ...")
    for name, qs, ks, vs in _cases():
        stage(name)
        n, d = len(qs), len(qs[0])
        copies = [[list(v) for v in m] for m in (qs, ks, vs)]
        try:
            raw = call(answer, *copies)
        except OverflowError:
            return False, (
                f"{name}에서 OverflowError가 났습니다: 점수가 크면 e^점수가 넘칩니다. "
                "소프트맥스 전에 그 행의 가장 큰 점수를 빼세요 (값은 그대로입니다)."
            )
        got = _read_output(raw, n, d)
        want = attention_head(qs, ks, vs)
        if not _close(got, want):
            where = next(t for t in range(n) if not _close([got[t]], [want[t]]))  # 처음 어긋난 위치
            right = brief([round(x, 4) for x in want[where]])
            wrong = brief([round(x, 4) for x in got[where]])
            return False, (
                f"{name}에서 위치 {where}의 출력이 {particle(right, '이어야')} 하는데 "
                f"{particle(wrong, '이')} 나왔습니다. {_explain(qs, ks, vs, got)}"
            )
    return True, (
        "네 입력 모두 맞습니다: 점수 q·k / √d, 자신과 앞 위치만(인과적), 한 질의의 점수끼리 "
        "소프트맥스, 그 가중치로 값 벡터를 섞었습니다. 큰 점수에서도 넘치지 않습니다."
    )
