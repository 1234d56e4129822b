"""엔진 옆의 작은 도우미: 숫자 바꾸기, 오류 글, float 계산의 가장자리.

엔진(``engine.py``)이 연쇄법칙(chain rule)에 집중하도록, 숫자를 다루는 잔일은 여기에 모았습니다.
이 파일은 ``Value``를 불러오지 않습니다: 노드는 ``data``와 ``label``만 읽습니다.
"""

from __future__ import annotations

import math
import numbers
import reprlib
from typing import Any

__all__ = [
    "check_divisor",
    "check_log_domain",
    "check_pow_domain",
    "finite",
    "float_pow",
    "name_of",
    "printable",
    "safe_exp",
    "short_list",
    "short_repr",
    "short_text",
    "to_float",
]


def to_float(x: Any, what: str) -> float:
    """숫자를 float로 바꿉니다. 숫자가 아니면 값을 밝혀 TypeError.

    numpy 실수(np.float64는 float의 하위 클래스)도 진짜 float로 바꿉니다. numpy 스칼라가
    ``data``에 남으면 그래프 전체의 산술이 numpy로 번져 느려집니다 (약 40%).
    """
    if type(x) is float:
        return x
    if type(x) is int or isinstance(x, numbers.Real):  # int, bool, numpy 정수·실수 스칼라
        try:
            return float(x)
        except OverflowError:  # 10**400처럼 float로 나타낼 수 없는 정수
            raise OverflowError(_too_large_int(x, what)) from None
    size = getattr(x, "size", None)
    if size == 1 and hasattr(x, "item") and not isinstance(x, (str, bytes)):
        item = x.item()
        if isinstance(item, numbers.Real):
            return float(item)
    if size is not None and not isinstance(x, (str, bytes)):
        detail = f" (원소 {size}개짜리 배열)"
    else:
        detail = ""
    raise TypeError(
        f"{what}에는 숫자(int, float)가 와야 합니다. 받은 값: {short_repr(x)}{detail} "
        f"(자료형(type) {type(x).__name__}). 숫자나 Value를 넘겨 주세요."
    )


SHORT = 80  # 오류 글에 되풀이해 보이는 값의 최대 글자 수 (넘으면 앞부분과 전체 길이만)


def short_repr(x: Any, limit: int = SHORT) -> str:
    """오류 글에 넣을 값의 repr: 아무리 큰 값이 와도 짧게, 보이지 않는 글자는 이스케이프해서.

    사용자가 준 값을 메시지에 되풀이할 때 이 함수를 **언제나** 씁니다 (패키지의 규칙).

    - 긴 글자열은 앞 ``limit`` 글자와 전체 길이: ``'xxxx…' (모두 10,000,000자)``.
      repr이라 제어 문자(ESC, BEL)와 방향을 뒤집는 글자(U+202E)는 ``\\x1b``처럼 보입니다.
    - 아주 큰 정수(파이썬이 4300자리가 넘으면 글로 바꾸지 않음)는 ``<약 5,000자리 정수>``.
    - 큰 목록·사전은 앞의 몇 개만 (``reprlib``: 원소 수가 백만이어도 금방 끝남).
    - repr이 실패하는 객체는 ``<자료형 객체>``.
    """
    if isinstance(x, str):
        if len(x) <= limit:
            return repr(x)
        head = repr(x[:limit])
        return f"{head[:-1]}…{head[-1]} (모두 {len(x):,}자)"
    if isinstance(x, int) and not isinstance(x, bool) and x.bit_length() > 3.33 * limit:
        return f"<약 {int(x.bit_length() * 0.30103) + 1:,}자리 {'음의 ' if x < 0 else ''}정수>"
    try:
        text = _REPR.repr(x)
    except Exception:  # repr이 실패하는 객체도 있다
        return f"<{type(x).__name__} 객체>"
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (모두 {len(text):,}자)"


def short_text(text: Any, limit: int = SHORT) -> str:
    """메시지에 따옴표 없이 넣을 글(경로, 이름표): 보이지 않는 글자는 이스케이프하고
    ``limit`` 글자까지만."""
    text = printable(str(text))
    return text if len(text) <= limit else f"{text[:limit]}… (모두 {len(text):,}자)"


def short_list(items: Any, shown: int = 5) -> str:
    """메시지에 넣을 목록: 앞의 ``shown`` 개(각각 ``short_repr``)와 전체 개수. 비면 ``"없음"``.

    키가 백만 개인 사전을 거절할 때도 메시지는 한 줄입니다."""
    items = list(items)
    if not items:
        return "없음"
    head = ", ".join(short_repr(x, 40) for x in items[:shown])
    return f"[{head}]" if len(items) <= shown else f"[{head}, …] (모두 {len(items):,}개)"


class _ShortRepr(reprlib.Repr):
    def repr_instance(self, x: Any, level: int) -> str:
        try:
            text = repr(x)
        except Exception:  # repr이 실패하는 객체도 있다
            return f"<{short_text(type(x).__name__, 40)} 객체>"
        return text if len(text) <= self.maxother else text[: self.maxother - 1] + "…"


_REPR = _ShortRepr()
_REPR.maxstring = _REPR.maxother = SHORT
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = _REPR.maxdeque = 8
_REPR.maxdict = 6
_REPR.maxlevel = 3


def _too_large_int(x: Any, what: str) -> str:
    digits = int(int(x).bit_length() * 0.30103) + 1  # 자릿수 어림 (아주 큰 정수는 str()도 막힘)
    kind = "음의 정수" if x < 0 else "정수"
    return (
        f"{what}의 {kind}(약 {digits}자리)는 float로 나타내기에 너무 큽니다 "
        "(float의 절댓값 한도는 약 1.8e308). 더 작은 수를 주거나, 먼저 로그(log)로 크기를 줄여 "
        "계산하세요."
    )


def finite(x: Any, what: str) -> float:
    """유한한 숫자만 받습니다 (NaN·±inf는 ValueError)."""
    value = to_float(x, what)
    if not math.isfinite(value):
        raise ValueError(f"{what}은(는) 유한한 숫자여야 합니다 (받은 값: {value!r}).")
    return value


def require_type(x: Any, cls: type, message: str) -> None:
    """x가 cls의 것이 아니면 TypeError: ``message`` 뒤에 받은 값과 자료형을 덧붙입니다."""
    if not isinstance(x, cls):
        raise TypeError(f"{message} 받은 값: {short_repr(x)} (자료형(type) {type(x).__name__}).")


def name_of(node: Any) -> str:
    """메시지에 쓸 노드 이름: 이름표(label)가 있으면 그것, 없으면 ``Value(값)``."""
    return f"'{short_text(node.label, 40)}'" if node.label else f"Value({node.data:g})"


def printable(text: str) -> str:
    """메시지에 넣을 이름표: 보이지 않는 글자(제어 문자(control character), 양방향(bidi) 표시
    U+202E 같은 것)는 ``\\x1b``, ``\\u202e``처럼 적어서 터미널을 어지럽히거나 글의 방향을
    뒤집지 못하게 합니다. 한글 같은 보이는 글자는 그대로 둡니다."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def safe_exp(x: float) -> float:
    """e^x, 넘치면(overflow) 오류 대신 inf."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def float_pow(x: float, k: float) -> float:
    """x ** k, 넘치면 ±inf (부호는 밑과 홀수 지수를 따른다)."""
    try:
        return x**k
    except OverflowError:
        if x < 0.0 and k.is_integer() and k % 2.0 == 1.0:
            return -math.inf
        return math.inf


def pow_local(x: float, k: float) -> float:
    """거듭제곱의 국소 미분 d(x^k)/dx = k·x^(k-1). k = 0이면 0, 0에서 k < 1이면 무한대."""
    if k == 0.0:
        return 0.0
    return math.inf if x == 0.0 and k < 1.0 else k * float_pow(x, k - 1.0)


def check_divisor(a: float, b: float, divisor: Any) -> None:
    """a / b에서 b가 0이면 ZeroDivisionError."""
    if b == 0.0:
        raise ZeroDivisionError(
            f"0으로 나눌 수 없습니다: {a!r} / {b!r} (나누는 값 {name_of(divisor)}이 0입니다)"
        )


def check_log_domain(x: float, node: Any) -> None:
    """log x에서 x ≤ 0이면 ValueError."""
    if x <= 0.0:
        raise ValueError(
            f"log는 양수에서만 정의됩니다: {name_of(node)}의 값이 {x!r}입니다. "
            "입력을 양수로 만들거나(예: 작은 값 더하기, 확률은 클램프(clamp)) 확인하세요."
        )


def check_pow_domain(x: float, k: float, base: Any, exponent_is_value: bool = False) -> None:
    """x ** k가 실수로 정의되지 않으면 무엇이 잘못인지 밝혀 오류를 냅니다.

    ``exponent_is_value``면 지수도 ``Value`` 라서 지수에 대한 미분 x^k·ln x도 실수여야 합니다.
    """
    if x == 0.0 and k < 0.0:
        raise ZeroDivisionError(
            f"0의 음수 거듭제곱은 정의되지 않습니다: {name_of(base)} ** {k:g} (밑(base)이 0입니다)."
        )
    # 지수가 inf·nan이면 파이썬 float의 규칙대로 inf·nan이 나오게 둔다 (int()로 바꾸지 않음)
    if x < 0.0 and math.isfinite(k) and not k.is_integer():
        raise ValueError(
            f"음수의 정수가 아닌 거듭제곱은 실수가 아닙니다: {name_of(base)} ** {k:g} "
            f"(밑 {x:g}). 밑을 양수로 만들거나 정수 지수를 쓰세요."
        )
    if exponent_is_value and x < 0.0:
        raise ValueError(
            f"음수 밑 {name_of(base)}({x:g})에 Value 지수를 쓰면 지수에 대한 미분 a^b·ln(a)가 "
            "실수가 아닙니다. 지수를 숫자로 쓰세요 (예: x ** 2)."
        )
