"""노트북의 "직접 해 보기" 연습 문제와 채점기.

노트북 끝의 연습 문제는 이렇게 확인합니다::

    from micrograd_kr.exercises import check
    answer = ...            # 여기에 답을 씁니다
    check("02-apple-grad", answer)

``check`` 는 한국어로 무엇이 맞고 틀렸는지 알려 주고 ``True`` 나 ``False`` 를 돌려줍니다.
답이 비었거나(``None``, ``...``) 엉뚱한 모양이어도 예외를 내지 않으므로, 풀지 않은 문제가
있어도 노트북은 처음부터 끝까지 실행됩니다.

채점기(checker)는 답 하나를 받아 ``(맞았는가, 설명)`` 을 돌려주는 함수입니다. 가능하면 저장된
정답과 비교하는 데서 그치지 않고, 수치 미분(numerical gradient)이나 구체적인 입력으로 답을
직접 시험해 "x = 2 에서 기울기가 7.389 여야 하는데 1.0 이 나왔습니다" 처럼 틀린 곳을 짚습니다.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Checker = Callable[[Any], tuple[bool, str]]

#: 연습 문제 이름 → 한 줄 과제 설명
EXERCISES: dict[str, str] = {}
_CHECKERS: dict[str, Checker] = {}


def exercise(name: str, task: str) -> Callable[[Checker], Checker]:
    """채점기 함수를 연습 문제 ``name`` 으로 등록하는 데코레이터(decorator)."""

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"연습 문제 이름 {name!r}이 두 번 등록되었습니다.")
        EXERCISES[name] = task
        _CHECKERS[name] = checker
        return checker

    return register


def check(name: str, answer: Any) -> bool:
    """연습 문제 ``name`` 의 답 ``answer`` 를 채점하고, 한국어 설명을 출력합니다.

    맞으면 ``True``, 틀리거나 비었으면 ``False`` 를 돌려줍니다. 어떤 답에도 예외를 내지 않습니다.
    """
    if name not in _CHECKERS:
        names = ", ".join(sorted(EXERCISES)) or "(없음)"
        print(f"❓ {name!r}라는 연습 문제는 없습니다. 있는 문제: {names}")
        return False
    if answer is None or answer is Ellipsis:
        print(f"✏️ 아직 답이 없습니다. 과제: {EXERCISES[name]}")
        return False
    try:
        ok, message = _CHECKERS[name](answer)
    except Exception as exc:  # 채점 중의 어떤 오류도 학습자에게는 설명으로 돌려준다
        ok, message = False, f"답을 시험하다가 오류가 났습니다: {type(exc).__name__}: {exc}"
    print(("✅ 정답입니다. " if ok else "❌ 아직 아닙니다. ") + message)
    return bool(ok)


# ── 노트북 00–03 의 연습 문제 ─────────────────────────────────────────────


# ── 노트북 04, 08, 10 의 연습 문제 ───────────────────────────────────────


# ── 노트북 05, 06, 07, 09 의 연습 문제 ───────────────────────────────────
