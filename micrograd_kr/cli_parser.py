"""한국어로 말하는 명령줄 해석기(argument parser).

``argparse`` 는 사용자에게 보이는 글(오류, 도움말의 제목, ``-h`` 설명)을 모듈 안의 번역 함수
``argparse._`` 와 ``argparse.ngettext`` 로 얻습니다(gettext). ``KoreanArgumentParser`` 는
자기 일을 하는 동안에만 이 두 함수가 아래 ``MESSAGES`` 표의 한국어를 돌려주게 합니다.
켜짐 여부는 문맥 변수(context variable)에 두므로, 같은 프로세스의 다른 ``argparse`` 사용자
(예: pytest)나 다른 스레드는 영향을 받지 않고 원래 글을 그대로 봅니다.

값의 종류 검사는 ``positive_int`` 같은 변환 함수(type)가 한국어로 합니다.
"""

from __future__ import annotations

import argparse
import contextvars
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

# argparse 의 원문(msgid) → 한국어. %(...)s 자리는 원문과 같아야 합니다.
# 파이썬 3.10~3.13 의 argparse 에서 사용자가 볼 수 있는 글을 모두 옮겼습니다.
MESSAGES: dict[str, str] = {
    "usage: ": "사용법: ",
    "options": "옵션",
    "positional arguments": "위치 인자",
    "subcommands": "명령",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "이 도움말을 보여 주고 끝냅니다",
    "show program's version number and exit": "프로그램 버전을 보여 주고 끝냅니다",
    " (default: %(default)s)": " (기본값: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: 경고: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "인자 %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r을(를) %(type)s 값으로 읽을 수 없습니다",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r은(는) 고를 수 있는 값이 아닙니다. 다음 중 하나를 고르세요: %(choices)s"
    ),
    "the following arguments are required: %s": "꼭 필요한 인자가 빠졌습니다: %s",
    "unrecognized arguments: %s": "알 수 없는 인자입니다: %s",
    "expected one argument": "값이 하나 필요합니다",
    "expected at least one argument": "값이 하나 이상 필요합니다",
    "expected at most one argument": "값은 많아야 하나입니다",
    "expected %s argument": "값이 %s개 필요합니다",
    "expected %s arguments": "값이 %s개 필요합니다",
    "ambiguous option: %(option)s could match %(matches)s": (
        "옵션 %(option)s이(가) 여러 옵션과 맞습니다: %(matches)s. 이름을 더 길게 쓰세요"
    ),
    "not allowed with argument %s": "%s 인자와 함께 쓸 수 없습니다",
    "one of the arguments %s is required": "다음 인자 중 하나가 필요합니다: %s",
    "ignored explicit argument %r": "값을 받지 않는 옵션인데 값 %r이(가) 붙었습니다",
    "unexpected option string: %s": "예상하지 못한 옵션: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "알 수 없는 명령 %(parser_name)r입니다. 다음 중 하나를 고르세요: %(choices)s"
    ),
    "can't open '%(filename)s': %(error)s": "'%(filename)s' 파일을 열 수 없습니다: %(error)s",
    "argument '%(argument_name)s' is deprecated": (
        "인자 '%(argument_name)s'은(는) 곧 없어집니다 (deprecated)"
    ),
    "option '%(option)s' is deprecated": "옵션 '%(option)s'은(는) 곧 없어집니다 (deprecated)",
    "command '%(parser_name)s' is deprecated": (
        "명령 '%(parser_name)s'은(는) 곧 없어집니다 (deprecated)"
    ),
}

_korean = contextvars.ContextVar("micrograd_kr_korean_argparse", default=False)
_original: dict[str, Callable[..., str]] = {}


def _gettext(message: str) -> str:
    if _korean.get():
        return MESSAGES.get(message, message)
    return _original["gettext"](message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if _korean.get():
        return MESSAGES.get(singular if n == 1 else plural, singular if n == 1 else plural)
    return _original["ngettext"](singular, plural, n)


def _install() -> None:
    """``argparse`` 의 번역 함수를 한 번만 감쌉니다. 꺼져 있을 때는 원래 함수를 부릅니다."""
    if _original:
        return
    _original["gettext"] = argparse._  # type: ignore[attr-defined]
    _original["ngettext"] = argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


@contextmanager
def korean() -> Iterator[None]:
    """이 블록 안에서 argparse 가 만드는 글은 한국어입니다."""
    _install()
    token = _korean.set(True)
    try:
        yield
    finally:
        _korean.reset(token)


# 옵션 값 자리의 이름(metavar). 정해 두지 않은 옵션은 '값' 으로 보입니다 (영어 대문자 대신).
METAVARS: dict[str, str] = {
    "n": "개수",
    "hidden": "크기",
    "epochs": "횟수",
    "batch_size": "크기",
    "lr": "학습률",
    "seed": "시드",
    "save": "경로",
    "output": "파일",
    "out": "폴더",
    "activation": "이름",
}


class KoreanHelpFormatter(argparse.HelpFormatter):
    """값 자리 이름을 한국어로 보여 주는 도움말 모양 (``--n N`` 대신 ``--n 개수``)."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "값")


class KoreanArgumentParser(argparse.ArgumentParser):
    """오류, 사용법, 도움말을 한국어로 보여 주는 ``ArgumentParser``.

    오류가 나면 사용법, 한국어 오류, 그리고 도움말 보는 법을 표준 오류에 쓰고 2로 끝납니다.
    하위 명령(subcommand)의 해석기도 같은 클래스로 만들어집니다.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", KoreanHelpFormatter)
        with korean():  # '-h' 의 설명과 '옵션' 같은 묶음 제목을 여기서 정한다
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with korean():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with korean():
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with korean():
            return super().format_usage()

    def format_help(self) -> str:
        with korean():
            return super().format_help()

    def add_subparsers(self, **kwargs: Any) -> Any:
        with korean():
            return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        with korean():
            prefix = "argument "  # 파이썬 3.10 은 이 앞머리를 번역 함수에 넘기지 않는다
            if message.startswith(prefix) and ": " in message:
                name, _, rest = message[len(prefix) :].partition(": ")
                message = MESSAGES["argument %(argument_name)s: %(message)s"] % {
                    "argument_name": name,
                    "message": rest,
                }
            self.print_usage(sys.stderr)
            hint = f"도움말을 보려면: {self.prog} -h\n"
            self.exit(2, f"{self.prog}: 오류: {message}\n{hint}")


# ------------------------------------------------------------ 값 변환 함수(type)
def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}은(는) 정수가 아닙니다 (예: 100).") from None


def positive_int(text: str) -> int:
    """1 이상의 정수."""
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"1 이상의 정수여야 합니다 (받은 값: {text}).")
    return value


def non_negative_int(text: str) -> int:
    """0 이상의 정수 (난수 시드(seed) 같은 것)."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"0 이상의 정수여야 합니다 (받은 값: {text}). 예: --seed 0"
        )
    return value


def at_least(minimum: int) -> Callable[[str], int]:
    """``minimum`` 이상의 정수를 받는 변환 함수를 만듭니다."""

    def convert(text: str) -> int:
        value = _integer(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{minimum} 이상의 정수여야 합니다 (받은 값: {text}).")
        return value

    convert.__name__ = f"at_least_{minimum}"
    return convert


def positive_finite_float(text: str) -> float:
    """0보다 큰 유한한 실수 (학습률 같은 것). inf, nan, 0, 음수는 거절합니다."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}은(는) 실수가 아닙니다 (예: 0.05).") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            f"유한한 수여야 합니다 (받은 값: {text}). 0보다 큰 유한한 수를 주세요 (예: 0.05)."
        )
    if value <= 0.0:
        raise argparse.ArgumentTypeError(
            f"0보다 커야 합니다 (받은 값: {text}). 0보다 큰 유한한 수를 주세요 (예: 0.05)."
        )
    return value
