"""한국어로 말하는 명령줄 해석기(argument parser).

``argparse``의 공개된 고리(hook)만 씁니다: 도움말의 묶음 제목과 ``-h`` 설명은 이 해석기가 직접
한국어로 만들고(``add_argument_group``, ``action="help"``), 사용법의 앞머리는
``HelpFormatter.add_usage``의 ``prefix``로, 값 자리 이름은 ``metavar``로 줍니다. argparse가
영어로 만드는 오류 글은 ``error()``가 받아 아래 ``MESSAGES`` 표로 옮깁니다. argparse 모듈은
건드리지 않으므로 같은 프로세스의 다른 ``argparse`` 사용자(예: pytest)는 원래 글을 그대로 봅니다.

값의 종류 검사는 ``positive_int`` 같은 변환 함수(type)가 한국어로 합니다.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from micrograd_kr.floats import short_repr, short_text

# argparse의 원문(msgid) → 한국어. %(...)s 자리는 원문과 같아야 합니다.
# 파이썬 3.10~3.13의 argparse에서 사용자가 볼 수 있는 글을 모두 옮겼습니다.
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


def _template_pattern(english: str) -> re.Pattern[str]:
    """``"invalid choice: %(value)r (choose from %(choices)s)"`` → 그 글을 알아보는 정규식."""
    parts = re.split(r"(%\(\w+\)[sr]|%[sr])", english)
    regex = ""
    for part in parts:
        named = re.fullmatch(r"%\((\w+)\)[sr]", part)
        if named:
            regex += f"(?P<{named.group(1)}>.+?)"
        elif part in ("%s", "%r"):
            regex += "(.+?)"
        else:
            regex += re.escape(part)
    return re.compile(regex + r"\Z", re.S)


# 글자가 많이 정해진 원문부터 (예: "expected %s argument"보다 "expected at least one argument")
_PATTERNS = [
    (_template_pattern(e), k)
    for e, k in sorted(MESSAGES.items(), key=lambda item: -len(re.sub(r"%\S+", "", item[0])))
    if "%" in e and e != k
]


def translate(message: str) -> str:
    """argparse가 만든 영어 오류 글을 한국어로. 모르는 글은 그대로 돌려줍니다."""
    if message in MESSAGES:
        return MESSAGES[message]
    for pattern, korean in _PATTERNS:
        found = pattern.match(message)
        if not found:
            continue
        named = found.groupdict()
        if "message" in named:  # "argument -x: <안쪽 글>": 안쪽 글도 옮긴다
            named["message"] = translate(named["message"])
        template = re.sub(r"%\((\w+)\)r", r"%(\1)s", korean)
        if named:
            return template % named
        return template.replace("%r", "%s") % found.groups()
    return message


# 옵션 값 자리의 이름(metavar). 정해 두지 않은 옵션은 '값'으로 보입니다 (영어 대문자 대신).
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
    """사용법의 앞머리를 한국어로 (``add_usage``의 ``prefix``)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "사용법: " if prefix is None else prefix)


class KoreanArgumentParser(argparse.ArgumentParser):
    """오류, 사용법, 도움말을 한국어로 보여 주는 ``ArgumentParser``.

    인자는 한국어 제목의 묶음 "위치 인자"·"옵션"에 들어갑니다. 오류가 나면 사용법, 한국어 오류,
    도움말 보는 법을 표준 오류에 쓰고 2로 끝납니다. 하위 명령(subcommand)의 해석기도 같은
    클래스로 만들어집니다.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", KoreanHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self.positional_group = self.add_argument_group("위치 인자")
        self.option_group = self.add_argument_group("옵션")
        if add_help:
            self.option_group.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="이 도움말을 보여 주고 끝냅니다",
            )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """인자를 한국어 제목의 묶음에 넣고, 값 자리 이름(metavar)도 한국어로 정합니다."""
        if args and args[0][:1] in self.prefix_chars:
            _korean_metavar(args, kwargs)
            return self.option_group.add_argument(*args, **kwargs)
        return self.positional_group.add_argument(*args, **kwargs)

    def add_mutually_exclusive_group(self, **kwargs: Any) -> Any:
        return self.option_group.add_mutually_exclusive_group(**kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "명령")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = f"도움말을 보려면: {self.prog} -h\n"
        self.exit(2, f"{self.prog}: 오류: {translate(message)}\n{hint}")


def _korean_metavar(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """값을 받는 옵션의 자리 이름: ``--n N`` 대신 ``--n 개수`` (고를 값이 정해진 옵션은 그대로)."""
    takes_value = kwargs.get("action") in (None, "store", "append") and kwargs.get("nargs") != 0
    if not takes_value or "metavar" in kwargs or "choices" in kwargs:
        return
    longest = max(args, key=len).lstrip("-").replace("-", "_")
    kwargs["metavar"] = METAVARS.get(kwargs.get("dest", longest), "값")


# ------------------------------------------------------------ 값 변환 함수(type)
def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{short_repr(text)}은(는) 정수가 아닙니다 (예: 100)."
        ) from None


def positive_int(text: str) -> int:
    """1 이상의 정수."""
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"1 이상의 정수여야 합니다 (받은 값: {short_text(text)}).")
    return value


def non_negative_int(text: str) -> int:
    """0 이상의 정수 (난수 시드(seed) 같은 것)."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"0 이상의 정수여야 합니다 (받은 값: {short_text(text)}). 예: --seed 0"
        )
    return value


def at_least(minimum: int) -> Callable[[str], int]:
    """``minimum`` 이상의 정수를 받는 변환 함수를 만듭니다."""

    def convert(text: str) -> int:
        value = _integer(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"{minimum} 이상의 정수여야 합니다 (받은 값: {short_text(text)})."
            )
        return value

    convert.__name__ = f"at_least_{minimum}"
    return convert


def int_between(minimum: int, maximum: int) -> Callable[[str], int]:
    """``minimum`` 이상 ``maximum`` 이하의 정수를 받는 변환 함수를 만듭니다."""

    def convert(text: str) -> int:
        value = _integer(text)
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(
                f"{minimum:,} 이상 {maximum:,} 이하의 정수여야 합니다 (받은 값: "
                f"{short_text(text)})."
            )
        return value

    convert.__name__ = f"int_between_{minimum}_{maximum}"
    return convert


def positive_finite_float(text: str) -> float:
    """0보다 큰 유한한 실수 (학습률 같은 것). inf, nan, 0, 음수는 거절합니다."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{short_repr(text)}은(는) 실수가 아닙니다 (예: 0.05)."
        ) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            f"유한한 수여야 합니다 (받은 값: {short_text(text)}). 0보다 큰 유한한 수를 주세요 (예: "
            "0.05)."
        )
    if value <= 0.0:
        raise argparse.ArgumentTypeError(
            f"0보다 커야 합니다 (받은 값: {short_text(text)}). 0보다 큰 유한한 수를 주세요 (예: "
            "0.05)."
        )
    return value
