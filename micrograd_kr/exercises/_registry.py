"""연습 문제 등록부: 이름 → 과제, 이름 → 채점기(checker), 그리고 ``check``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from micrograd_kr.exercises.answers import (
    TIME_LIMIT,
    NotAnswered,
    Refusal,
    TimeLimitExceeded,
    brief,
    describe_error,
    guard,
    run_limited,
)

Checker = Callable[[Any], tuple[bool, str]]

#: 연습 문제 이름 → 한 줄 과제 설명
EXERCISES: dict[str, str] = {}
_CHECKERS: dict[str, Checker] = {}

NOT_ANSWERED = "△ 아직 답하지 않았습니다."


def exercise(name: str, task: str) -> Callable[[Checker], Checker]:
    """채점기 함수를 연습 문제 ``name``으로 등록하는 데코레이터(decorator)."""

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"연습 문제 이름 {name!r}을 두 번 등록했습니다.")
        EXERCISES[name] = task
        _CHECKERS[name] = checker
        return checker

    return register


def grade(name: Any, answer: Any) -> tuple[bool | None, str]:
    """채점만 하고 출력은 하지 않습니다: ``(True/False, 설명)``, 아직 답이 없으면 ``(None, 설명)``.

    ``KeyboardInterrupt`` 말고는 어떤 예외도 내지 않습니다.
    """
    try:
        known = isinstance(name, str) and name in _CHECKERS
    except Exception:  # noqa: BLE001  # 이상한 str 하위 클래스도
        known = False
    if not known:
        names = ", ".join(sorted(EXERCISES)) or "(없음)"
        return False, f"? {brief(name)}라는 연습 문제는 없습니다. 있는 문제: {names}"
    task = EXERCISES[name]
    if answer is None or answer is Ellipsis:
        return None, f"{NOT_ANSWERED} 과제: {task}"
    limit = TIME_LIMIT  # 지키기가 이 모듈의 값도 되돌리므로 먼저 읽어 둔다
    guard.restore()
    try:
        ok, message = run_limited(lambda: _CHECKERS[name](answer), limit)
        return (ok is True), str(message)
    except NotAnswered as exc:
        detail = describe_error(exc).removeprefix("NotAnswered").removeprefix(": ")
        detail = detail or "함수가 아직 아무것도 돌려주지 않습니다(None)."
        return None, f"{NOT_ANSWERED} {detail} 과제: {task}"
    except Refusal as exc:
        return False, describe_error(exc).removeprefix("Refusal: ")
    except TimeLimitExceeded:
        return False, (
            f"답을 시험하는 데 {limit:g}초가 넘게 걸려 멈췄습니다. 끝나지 않는 반복문"
            "(while True)이나 time.sleep이 있는지 확인하세요."
        )
    except SystemExit:
        return False, (
            "답의 코드가 sys.exit()나 exit()를 불렀습니다. "
            "함수 안에서는 return으로 값을 돌려주세요."
        )
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001  # 채점 중의 어떤 오류도 설명으로 돌려준다
        return False, f"답을 시험하다가 오류가 났습니다: {describe_error(exc)}"
    finally:
        guard.restore()


def check(name: str, answer: Any) -> bool:
    """연습 문제 ``name``의 답 ``answer``를 채점하고, 한국어 설명을 출력합니다.

    맞으면 ``True``, 틀리거나 아직 답하지 않았으면 ``False``를 돌려줍니다. ``KeyboardInterrupt``
    말고는 어떤 답에도 예외를 내지 않고, 채점은 :data:`~micrograd_kr.exercises.answers.TIME_LIMIT`
    초 안에 끝납니다. 노트북에서 ``False``가 한 번 더 찍히지 않도록 셀 끝에 ``;``를 붙여 씁니다.
    """
    try:
        ok, message = grade(name, answer)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001
        ok, message = False, f"채점기가 오류를 냈습니다: {describe_error(exc)}"
    if ok is None:
        line = message
    elif message.startswith("?"):
        line = message
    else:
        line = ("○ 정답입니다. " if ok else "× 아직 아닙니다. ") + message
    try:
        print(line)
    except Exception:  # noqa: BLE001  # 출력할 곳이 없어도 결과는 돌려준다
        pass
    return ok is True
