"""연습 문제 등록부: 이름 → 과제, 이름 → 채점기(checker), 그리고 ``check``."""

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
        print(f"△ 아직 답이 없습니다. 과제: {EXERCISES[name]}")
        return False
    try:
        ok, message = _CHECKERS[name](answer)
    except Exception as exc:  # 채점 중의 어떤 오류도 학습자에게는 설명으로 돌려준다
        ok, message = False, f"답을 시험하다가 오류가 났습니다: {type(exc).__name__}: {exc}"
    print(("○ 정답입니다. " if ok else "× 아직 아닙니다. ") + message)  # 글꼴에 있는 채점 기호
    return bool(ok)
