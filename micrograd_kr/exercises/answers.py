"""채점기들이 함께 쓰는 도우미: 답을 숫자로 읽기, 답 짧게 보이기, 학습자 코드 부르기, 시간 제한,
그리고 채점기가 쓰는 것(``math``, ``Value`` 등)을 답이 바꾸지 못하게 지키기.

규칙 하나씩:

- **숫자**: ``numbers.Real``인 것(int, float, ``fractions.Fraction``, numpy 정수·실수)과 ``Value``
  (그 ``data``)만 숫자로 읽습니다. ``True``/``False``와 글자(``"21"``, ``b"21"``)는 어느
  채점기에서도 숫자가 아닙니다 — 따옴표 없이 ``21``로 쓰세요.
- **아직 답하지 않음**: 답이 ``None`` 이나 ``...`` 이거나, 학습자의 함수가 ``None``/``...``을
  돌려주거나 ``NotImplementedError``를 내면 모두 같은 "아직 답하지 않았습니다"입니다.
- **시간 제한**: 채점 하나는 :data:`TIME_LIMIT` 초 안에 끝나야 합니다. 넘으면 멈추고 알려 줍니다.
- **지키기**: 패키지를 처음 읽을 때의 ``math``, ``builtins``, ``Value``, 신경망 부품을 적어 두고,
  채점 앞뒤와 학습자 코드를 부를 때마다 바뀐 것을 되돌립니다.
"""

from __future__ import annotations

import builtins
import math
import numbers
import reprlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.korean import particle

__all__ = [
    "TIME_LIMIT",
    "NotAnswered",
    "Refusal",
    "TimeLimitExceeded",
    "brief",
    "call",
    "describe_error",
    "guard",
    "need_class",
    "need_function",
    "need_number",
    "not_a_function",
    "not_a_number",
    "number",
    "particle",
    "run",
    "time_limit",
    "to_float",
    "to_floats",
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
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
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


def _kind(obj: Any) -> str:
    return type(obj).__name__


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
        f"{particle(what, '을')} 넣어야 하는데 {particle(_kind(answer), '이')} 들어왔습니다: "
        f"{brief(answer)}"
    )


def not_a_function(answer: Any, example: str) -> str:
    return (
        f"함수를 넣어야 하는데 {particle(_kind(answer), '이')} 들어왔습니다. "
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
        raise Refusal(
            f"{name} 클래스를 넣어야 하는데 {particle(_kind(answer), '이')} 들어왔습니다."
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
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---------------------------------------------------------------- 지키기
class _Guard:
    """처음 읽을 때의 모듈·클래스 사전을 적어 두고, 바뀐 것을 되돌린다."""

    def __init__(self) -> None:
        self._modules: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self._classes: list[tuple[type, dict[str, Any]]] = []

    def add_module(self, module: Any, skip_private: bool = False) -> None:
        # builtins의 밑줄 이름(대화형 셸의 `_`, `__IPYTHON__` 등)은 셸의 것이라 지키지 않는다
        saved = {
            k: v
            for k, v in vars(module).items()
            if not (skip_private and k.startswith("_")) and k not in ("__builtins__", "__dict__")
        }
        self._modules.append((vars(module), saved))

    def add_class(self, cls: type) -> None:
        self._classes.append((cls, dict(vars(cls))))

    def restore(self) -> None:
        for current, saved in self._modules:  # 바뀌거나 지워진 이름만 (새로 생긴 이름은 둔다)
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    current[key] = value
        for cls, saved in self._classes:
            current = vars(cls)
            for key in [k for k in current if k not in saved]:
                delattr(cls, key)
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    setattr(cls, key, value)


_MISSING = object()
guard = _Guard()
guard.add_module(math)
guard.add_module(builtins, skip_private=True)
guard.add_module(numbers)
guard.add_class(Value)


def guard_package() -> None:
    """신경망 부품과 옵티마이저도 지킨다 (가져오기 순서 때문에 따로 부른다)."""
    from micrograd_kr import engine, losses, nn, optim

    guard.add_module(engine)
    guard.add_module(losses)
    for name in [m for m in sys.modules if m.startswith("micrograd_kr.exercises.")]:
        guard.add_module(sys.modules[name])  # 채점기 자신의 함수들도
    for cls in (nn.Module, nn.Neuron, nn.Layer, nn.MLP, optim.SGD, optim.Adam):
        guard.add_class(cls)
    for cls in optim.SGD.__mro__[1:]:
        if cls is not object:
            guard.add_class(cls)


# ---------------------------------------------------------------- 학습자 코드 부르기
def call(function: Any, *args: Any) -> Any:
    """학습자의 함수를 부릅니다. 빈 결과(None, ...)나 NotImplementedError는 NotAnswered.

    부른 뒤에는 함수가 바꾼 ``math``, ``Value`` 등을 되돌립니다.
    """
    try:
        result = function(*args)
    except NotImplementedError as exc:
        raise NotAnswered from exc
    finally:
        guard.restore()
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
        guard.restore()


def close(a: float, b: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    """채점기 자신의 ``math.isclose`` (답이 ``math.isclose``를 바꿔도 영향이 없다)."""
    return _isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ---------------------------------------------------------------- 시간 제한
@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """``seconds`` 초가 지나면 :class:`TimeLimitExceeded`를 일으킵니다 (주 스레드, 유닉스).

    학습자 코드가 예외를 잡아 삼켜도 0.05초마다 다시 일으켜 결국 빠져나옵니다. 주 스레드가
    아니거나 ``signal.setitimer``가 없으면 아무것도 하지 않습니다 (:func:`run_limited`가 스레드로
    대신합니다).
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    state = {"active": True}
    previous_trace = sys.gettrace()

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        # 시간이 지난 뒤에는 줄마다 다시 일으킨다: except 절 안의 줄에서 일어난 예외는 그 try를
        # 빠져나가므로, 예외를 삼키는 반복문도 결국 멈춘다
        if not state["active"]:
            return None
        if event == "line":
            raise TimeLimitExceeded
        return tracer

    def alarm(signum: int, frame: Any) -> None:
        if not state["active"]:
            return
        sys.settrace(tracer)
        while frame is not None:
            frame.f_trace = tracer
            frame = frame.f_back
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, alarm)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)  # 바깥의 타이머는 끝나면 되돌린다
    try:
        yield
    finally:
        while True:  # 끄는 도중에 신호가 와도 반드시 끈다
            try:
                state["active"] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                if outer[0] > 0:
                    signal.setitimer(signal.ITIMER_REAL, *outer)
                sys.settrace(previous_trace)
                break
            except TimeLimitExceeded:
                continue


def run_limited(work: Callable[[], Any], seconds: float) -> Any:
    """``work()``를 시간 제한 안에서 부릅니다. 넘으면 TimeLimitExceeded.

    주 스레드(주피터 커널도 여기서 셀을 실행합니다)에서는 신호(signal)로 멈추고, 그 밖에서는
    데몬 스레드에서 돌리고 기다리다가 시간이 지나면 그 스레드를 버려 둡니다.
    """
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with time_limit(seconds):
            return work()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001  # 주 스레드로 넘겨 그곳에서 다룬다
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True, name="micrograd-kr-check")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded
    if "error" in box:
        raise box["error"]
    return box.get("result")
