"""연습 문제 등록부: 이름 → 과제, 이름 → 채점기(checker), 그리고 ``check``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from micrograd_kr.exercises import sandbox
from micrograd_kr.exercises.answers import (
    TIME_LIMIT,
    NotAnswered,
    Refusal,
    brief,
    describe_error,
    guard,
    particle,
)

Checker = Callable[[Any], tuple[bool, str]]

#: 연습 문제 이름 → 한 줄 과제 설명
EXERCISES: dict[str, str] = {}
_CHECKERS: dict[str, Checker] = {}
_PREPARE: dict[str, Callable[[], None]] = {}

NOT_ANSWERED = "△ 아직 답하지 않았습니다."


def exercise(
    name: str, task: str, prepare: Callable[[], None] | None = None
) -> Callable[[Checker], Checker]:
    """채점기 함수를 연습 문제 ``name``으로 등록하는 데코레이터(decorator).

    ``prepare``는 시간 제한 밖에서, 채점하는 프로세스에서 먼저 한 번 부릅니다: 무거운
    모듈(torch)을 미리 가져와, 바쁜 컴퓨터에서 가져오는 시간이 답의 5초를 먹지 않게 합니다.
    """

    def register(checker: Checker) -> Checker:
        if name in EXERCISES:
            raise ValueError(f"연습 문제 이름 {particle(repr(name), '을')} 두 번 등록했습니다.")
        EXERCISES[name] = task
        _CHECKERS[name] = checker
        if prepare is not None:
            _PREPARE[name] = prepare
        return checker

    return register


def _judge(checker: Checker, answer: Any, task: str) -> tuple[bool | None, str]:
    """채점기를 부르고 어떤 예외든 설명으로 바꿉니다 (격리된 곳에서 돕니다)."""
    try:
        ok, message = checker(answer)
        return (ok is True), str(message)
    except NotAnswered as exc:
        detail = describe_error(exc).removeprefix("NotAnswered").removeprefix(": ")
        detail = detail or "함수가 아직 아무것도 돌려주지 않습니다(None)."
        return None, f"{NOT_ANSWERED} {detail} 과제: {task}"
    except Refusal as exc:
        return False, describe_error(exc).removeprefix("Refusal: ")
    except SystemExit:
        return False, (
            "답의 코드가 sys.exit()나 exit()를 불렀습니다. "
            "함수 안에서는 return으로 값을 돌려주세요."
        )
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001  # 채점 중의 어떤 오류도 설명으로 돌려준다
        return False, f"답을 시험하다가 오류가 났습니다: {describe_error(exc)}"


def outcome(name: Any, answer: Any) -> sandbox.Outcome:
    """채점 한 번의 결과 전부: 맞았는가, 설명, 그리고 답이 찍은 글 (:func:`check`가 보이는 것)."""
    try:
        known = isinstance(name, str) and name in _CHECKERS
    except Exception:  # noqa: BLE001  # 이상한 str 하위 클래스도
        known = False
    if not known:
        names = ", ".join(sorted(EXERCISES)) or "(없음)"
        unknown = f"? {brief(name)}라는 연습 문제는 없습니다. 있는 문제: {names}"
        return sandbox.Outcome(False, unknown)
    task = EXERCISES[name]
    if answer is None or answer is Ellipsis:
        return sandbox.Outcome(None, f"{NOT_ANSWERED} 과제: {task}")
    # 지키기가 패키지 모듈의 값도 되돌리므로, 바꿀 수 있는 설정은 먼저 읽어 둔다
    limit, mode, checker = TIME_LIMIT, sandbox.ISOLATION, _CHECKERS[name]
    if name in _PREPARE:
        try:
            _PREPARE[name]()
        except Exception:  # noqa: BLE001  # 못 가져오면 채점기가 그 까닭을 설명한다
            pass
    guard.watch_new_package_modules()
    return sandbox.run_isolated(lambda: _judge(checker, answer, task), limit, mode, answer)


def grade(name: Any, answer: Any) -> tuple[bool | None, str]:
    """채점만 하고 출력은 하지 않습니다: ``(True/False, 설명)``, 아직 답이 없으면 ``(None, 설명)``.

    ``KeyboardInterrupt`` 말고는 어떤 예외도 내지 않습니다.
    """
    result = outcome(name, answer)
    return result.ok, result.message


def _printed(result: sandbox.Outcome) -> str:
    """답이 찍은 글을 판정 앞에 보일 모양으로 (없으면 빈 글)."""
    if not result.output and not result.more_output:
        return ""
    lines = result.output.rstrip("\n").split("\n")
    body = "\n".join("  │ " + line for line in lines)
    more = "\n  │ …(더 찍은 것은 줄였습니다)" if result.more_output else ""
    return f"답이 찍은 글:\n{body}{more}\n"


def check(name: str, answer: Any) -> bool:
    """연습 문제 ``name``의 답 ``answer``를 채점하고, 한국어 설명을 출력합니다.

    맞으면 ``True``, 틀리거나 아직 답하지 않았으면 ``False``를 돌려줍니다. 무엇을 약속하는지는
    :mod:`micrograd_kr.exercises`의 설명에 있습니다. 노트북에서 ``False``가 한 번 더 찍히지
    않도록 셀 끝에 ``;``를 붙여 씁니다.
    """
    try:
        result = outcome(name, answer)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001
        result = sandbox.Outcome(False, f"채점기가 오류를 냈습니다: {describe_error(exc)}")
    ok, message = result.ok, result.message
    if ok is None or message.startswith("?"):
        line = message
    else:
        line = ("○ 정답입니다. " if ok else "× 아직 아닙니다. ") + message
    try:
        print(_printed(result) + line)
    except Exception:  # noqa: BLE001  # 출력할 곳이 없어도 결과는 돌려준다
        pass
    return ok is True
