"""채점기들이 함께 쓰는 도우미: 답을 숫자로 읽기, 답 짧게 보이기, 학습자 코드 부르기, 진행 알리기.

규칙 하나씩:

- **숫자**: ``numbers.Real``인 것(int, float, ``fractions.Fraction``, numpy 정수·실수)과 ``Value``
  (그 ``data``)만 숫자로 읽습니다. ``True``/``False``와 글자(``"21"``, ``b"21"``)는 어느
  채점기에서도 숫자가 아닙니다 — 따옴표 없이 ``21``로 쓰세요.
- **아직 답하지 않음**: 답이 ``None``이나 ``...``이거나, 학습자의 함수가 ``None``/``...``을
  돌려주거나 ``NotImplementedError``를 내면 모두 같은 "아직 답하지 않았습니다"입니다.
- **시간 제한**: 채점 하나는 :data:`TIME_LIMIT`초 안에 끝나야 합니다. 넘으면 멈추고 알려 줍니다
  (어떻게 멈추는지는 :mod:`micrograd_kr.exercises.sandbox`). 오래 걸리는 시험 앞에서는
  :func:`stage`로 무엇을 시험하는지 알려 두면, 시간이 다 됐을 때 어디서 멈췄는지 말해 줍니다.
- **지키기**: 학습자 코드를 부를 때마다(:func:`call`, :func:`run`) 패키지, ``math``,
  ``builtins``가 바뀐 것을 되돌립니다 (:mod:`micrograd_kr.exercises.guard`).
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Callable
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.exercises.guard import guard
from micrograd_kr.korean import particle

__all__ = [
    "TIME_LIMIT",
    "NotAnswered",
    "Refusal",
    "TimeLimitExceeded",
    "brief",
    "call",
    "describe_error",
    "fmt",
    "kind",
    "guard",
    "need_class",
    "need_function",
    "need_list",
    "need_number",
    "not_a_function",
    "not_a_number",
    "number",
    "particle",
    "run",
    "stage",
    "stage_listeners",
    "to_float",
    "to_floats",
    "want_got",
]

#: 채점 하나에 주는 시간(초)
TIME_LIMIT = 5.0

_isclose = math.isclose
_isfinite = math.isfinite


class NotAnswered(Exception):
    """학습자의 답이 아직 비어 있다 (``None``, ``...``, ``NotImplementedError``)."""


class Refusal(Exception):  # noqa: N818
    """채점기가 학습자에게 그대로 보여 줄 설명과 함께 답을 거절한다."""


class TimeLimitExceeded(BaseException):
    """학습자 코드가 시간 제한을 넘었다 (``except Exception``에 잡히지 않도록 BaseException)."""


# ---------------------------------------------------------------- 숫자와 글자
def number(answer: Any, finite: bool = True) -> float | None:
    """답을 숫자(float)로 읽습니다. 숫자가 아니면 ``None``, ``finite``면 inf·nan도 ``None``.

    ``numbers.Real`` (int, float, Fraction, numpy 수)과 ``Value``만 숫자입니다. ``bool``과
    글자(str, bytes)는 숫자로 치지 않습니다.
    """
    if isinstance(answer, Value):
        answer = answer.data
    # 글자와 bool은 먼저 거른다: 답이 numbers.Real.register(str)을 불러도 글자는 숫자가 아니다
    if isinstance(answer, (bool, str, bytes, bytearray)) or not isinstance(answer, numbers.Real):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if (_isfinite(value) or not finite) else None


_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6


def brief(obj: Any, limit: int = 80) -> str:
    """메시지에 넣을 짧은 repr: 큰 목록도 몇 개만 보이고, repr이 오류를 내도 괜찮습니다."""
    try:
        text = _REPR.repr(obj)
    except BaseException as exc:  # noqa: BLE001  # 학습자의 __repr__ 이 무엇을 내든
        if isinstance(exc, KeyboardInterrupt):
            raise
        text = f"<{type(obj).__name__} 값>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind(obj: Any) -> str:
    return type(obj).__name__


def fmt(x: float) -> str:
    """메시지 안의 수: 유효 숫자 여섯 자리 (``0.416147``, ``2``)."""
    return f"{x:.6g}"


def want_got(want: float, got: float | str) -> str:
    """``A이어야 하는데 B가 나왔습니다`` (조사는 값에 맞춰). 글자로 준 ``got``은 그대로 보인다."""
    shown = got if isinstance(got, str) else fmt(got)
    return f"{particle(fmt(want), '이어야')} 하는데 {particle(shown, '이')} 나왔습니다"


def not_a_number(answer: Any, what: str = "숫자") -> str:
    """숫자가 아닌 답에 주는 한 가지 설명 (글자로 쓴 숫자도 여기서 알려 줍니다)."""
    if isinstance(answer, (str, bytes)):
        return (
            f"{particle(what, '을')} 넣어야 하는데 글자 {particle(brief(answer), '이')} "
            "들어왔습니다. 숫자는 따옴표 없이 쓰세요 (예: 21, 0.5)."
        )
    if isinstance(answer, bool):
        return (
            f"{particle(what, '을')} 넣어야 하는데 {particle(answer, '이')} 들어왔습니다. "
            "True/False는 숫자로 치지 않습니다."
        )
    if isinstance(answer, (numbers.Real, Value)):
        value = number(answer, finite=False)
        if value is not None and not _isfinite(value):
            return f"{particle(what, '은')} 유한해야 합니다 (받은 값: {brief(answer)})."
        return f"{particle(what, '을')} 넣어야 하는데 {particle(brief(answer), '이')} 들어왔습니다."
    return (
        f"{particle(what, '을')} 넣어야 하는데 {particle(kind(answer), '이')} 들어왔습니다: "
        f"{brief(answer)}"
    )


def not_a_function(answer: Any, example: str) -> str:
    return (
        f"함수를 넣어야 하는데 {particle(kind(answer), '이')} 들어왔습니다. "
        f"{example}처럼 함수를 정의한 뒤 그 이름을 넣으세요."
    )


def need_number(answer: Any, what: str = "숫자") -> float:
    """답을 :func:`number`로 읽습니다. 숫자가 아니면 :func:`not_a_number`의 설명으로 거절합니다."""
    value = number(answer)
    if value is None:
        raise Refusal(not_a_number(answer, what))
    return value


def need_function(answer: Any, example: str) -> None:
    """답이 함수가 아니면 :func:`not_a_function`의 설명으로 거절합니다."""
    if not callable(answer):
        raise Refusal(not_a_function(answer, example))


def need_class(answer: Any, name: str) -> None:
    """답이 클래스가 아니면 "``name`` 클래스를 넣어야 하는데 …" 설명으로 거절합니다."""
    if not isinstance(answer, type):
        raise Refusal(f"{name} 클래스를 넣어야 하는데 {particle(kind(answer), '이')} 들어왔습니다.")


def need_list(value: Any, what: str) -> list[Any]:
    """목록을 달라는 과제의 답을 읽습니다: 리스트와 튜플만 받고, 다른 것은 까닭과 함께 거절합니다.

    제너레이터(generator)는 한 번 훑으면 비어서 뒤의 셀(``reversed(...)``, 두 번째 ``for``)이
    쓸 수 없고, 집합(set)과 사전(dict)에는 순서가 없습니다.
    """
    if isinstance(value, (list, tuple)):
        return list(value)
    what_came = kind(value)
    if isinstance(value, (set, frozenset, dict)):
        why = "집합(set)이나 사전(dict)에는 순서가 없습니다"
    elif hasattr(value, "__next__"):
        why = (
            "제너레이터(generator)는 한 번 훑으면 비어서 뒤의 셀(reversed(...) 등)이 쓸 수 없습니다"
        )
    else:
        why = "과제는 목록입니다"
    raise Refusal(
        f"{particle(what, '을')} 목록(list)으로 돌려주세요. 지금은 {what_came}입니다: "
        f"{why}. [...]로 모으거나 list(...)로 감싸세요."
    )


def to_float(value: Any) -> float:
    """숫자(``numbers.Real``, numpy 수, Value)를 float로. 아니면 설명과 함께 거절한다."""
    got = number(value, finite=False)
    if got is None and not isinstance(value, (bool, str, bytes)):
        try:  # 크기 1인 numpy 배열
            import numpy as np

            if isinstance(value, np.ndarray) and value.size == 1:
                got = number(value.reshape(()).item(), finite=False)
        except ImportError:  # pragma: no cover
            pass
    if got is None:
        raise Refusal(not_a_number(value))
    return got


def to_floats(values: Any) -> list[float]:
    """숫자 목록(리스트, 튜플, numpy 배열, Value 목록)을 float 목록으로."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise Refusal(f"숫자 목록을 돌려줘야 하는데 {brief(values)}입니다.")
    return [to_float(v) for v in values]


def describe_error(exc: BaseException) -> str:
    """예외를 한 줄로. ``__str__``이 오류를 내도 괜찮습니다."""
    try:
        text = str(exc)
    except BaseException as inner:  # noqa: BLE001
        if isinstance(inner, KeyboardInterrupt):
            raise
        text = "(설명을 꺼낼 수 없는 오류)"
    text = text if len(text) <= 200 else text[:199] + "…"
    name = type(exc).__name__
    name = name if len(name) <= 60 else name[:59] + "…"
    return f"{name}: {text}" if text else name


# ---------------------------------------------------------------- 학습자 코드 부르기
# 되돌리기를 미리 쥐어 둔다: 답이 guard.restore나 Guard.restore를 바꿔도 이것은 그대로다
_restore = guard.restore


def call(function: Any, *args: Any) -> Any:
    """학습자의 함수를 부릅니다. 빈 결과(None, ...)나 NotImplementedError는 NotAnswered.

    부른 뒤에는 함수가 바꾼 ``math``, ``Value`` 등을 되돌립니다.
    """
    try:
        result = function(*args)
    except NotImplementedError as exc:
        raise NotAnswered from exc
    finally:
        _restore()
    if result is None or result is Ellipsis:
        raise NotAnswered
    return result


def run(function: Any, *args: Any) -> Any:
    """:func:`call`과 같지만 ``None``을 돌려줘도 되는 함수(갱신만 하는 함수)를 부릅니다."""
    try:
        return function(*args)
    except NotImplementedError as exc:
        raise NotAnswered from exc
    finally:
        _restore()


def close(a: float, b: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    """채점기 자신의 ``math.isclose`` (답이 ``math.isclose``를 바꿔도 영향이 없다)."""
    return _isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ---------------------------------------------------------------- 진행 알리기
#: :func:`stage`의 소식을 받는 곳 (채점을 돌리는 :mod:`~micrograd_kr.exercises.sandbox`가 넣는다)
stage_listeners: list[Callable[[str], None]] = []


def stage(text: str) -> None:
    """채점기가 지금 시험하는 것을 알립니다 (예: ``"노드 20,000개짜리 사슬"``).

    시간 제한에 걸리면 마지막으로 알린 곳을 메시지에 넣어, 답이 끝나지 않는지 느린지를
    가릴 수 있게 합니다. 채점 밖에서 부르면 아무 일도 하지 않습니다.
    """
    if stage_listeners:
        stage_listeners[-1](str(text))
