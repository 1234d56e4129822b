"""GPT의 공개 입구에서 입력을 검사합니다: 잘못된 값은 그 값을 밝힌 한국어 오류로.

모델, 토크나이저, 낱말 도구, 학습, 바이그램이 모두 이 함수들로 검사하므로 같은 잘못에는 같은
말을 합니다. 규칙:

- 자료형이 틀리면 ``TypeError``, 자료형은 맞는데 범위가 틀리면 ``ValueError``.
- ``True``/``False``는 숫자로 받지 않습니다 (``temperature=True``는 1이 아니라 실수).
- 토큰 목록·낱말 목록·문서 목록은 리스트·튜플처럼 길이가 있는 것만: 생성기(generator)는 한 번
  읽으면 비어 다음 단계에서 조용히 틀리므로 받지 않습니다 (``micrograd_kr.train``과 같은 규칙).
- 오류 글에 되풀이하는 값은 ``floats.short_repr``로 줄입니다.

검사는 공개 입구(생성자, ``load_state_dict``, ``generate``, ``forward``의 인자, ``loss``의 토큰)
에서 한 번만 합니다. 노드를 만드는 안쪽 반복문에는 넣지 않습니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

from micrograd_kr.floats import short_repr
from micrograd_kr.korean import particle


def whole_number(n: Any, what: str, minimum: int = 1) -> int:
    """``minimum`` 이상의 정수 (bool은 아님). numpy 정수도 받아 int로 돌려줍니다."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(
            f"{what}에는 정수가 와야 합니다. 받은 값: {short_repr(n)} "
            f"(자료형 {type(n).__name__}). 예: 16"
        )
    if n < minimum:
        raise ValueError(
            f"{particle(what, '은')} {minimum} 이상의 정수여야 합니다 (받은 값: {short_repr(n)})."
        )
    return int(n)


def positive_number(x: Any, what: str) -> float:
    """0보다 큰 유한한 실수 (bool은 아님)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            f"{what}에는 수가 와야 합니다. 받은 값: {short_repr(x)} (자료형 {type(x).__name__}). "
            "예: 0.5"
        )
    try:
        value = float(x)
    except OverflowError:  # 10**400 같은 아주 큰 정수
        value = math.inf
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(
            f"{particle(what, '은')} 0보다 큰 유한한 수여야 합니다 (받은 값: {short_repr(x)}). "
            "예: 0.5"
        )
    return value


def fraction(x: Any, what: str) -> float:
    """0 이상 1 미만의 실수 (예: 평가용으로 떼어 둘 몫)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            f"{what}에는 0 이상 1 미만의 수가 와야 합니다. 받은 값: {short_repr(x)} "
            f"(자료형 {type(x).__name__}). 예: 0.1"
        )
    value = float(x)
    if not 0.0 <= value < 1.0:  # NaN도 여기서 걸린다
        raise ValueError(
            f"{particle(what, '은')} 0 이상 1 미만의 수여야 합니다 (받은 값: {short_repr(x)}). "
            "예: 0.1"
        )
    return value


def sized(items: Any, what: str) -> Sequence[Any]:
    """길이가 있는 목록(리스트, 튜플, range, numpy 배열). 글자열과 생성기는 받지 않는다."""
    if isinstance(items, (str, bytes)) or not (
        hasattr(items, "__len__") and hasattr(items, "__getitem__")
    ):
        raise TypeError(
            f"{what}에는 리스트나 튜플처럼 길이가 있는 목록이 와야 합니다. 받은 값: "
            f"{short_repr(items)} (자료형 {type(items).__name__}). 생성기(generator)는 한 번 "
            "읽으면 비므로 list(...)로 감싸 주세요."
        )
    return items


def token(t: Any, vocab_size: int, what: str) -> int:
    """토큰 번호 하나: 0 이상 ``vocab_size`` 미만의 정수."""
    if isinstance(t, bool) or not isinstance(t, numbers.Integral):
        raise TypeError(
            f"{what}에는 토큰 번호(정수)가 와야 합니다. 받은 값: {short_repr(t)} "
            f"(자료형 {type(t).__name__})."
        )
    if not 0 <= t < vocab_size:
        raise ValueError(
            f"{what} {particle(short_repr(t), '이')} 0 이상 {vocab_size} 미만이 아닙니다 "
            f"(어휘 크기 {vocab_size}). 이 모델(토크나이저)이 만든 토큰 번호만 쓸 수 있습니다."
        )
    return int(t)


def tokens(ids: Any, vocab_size: int, what: str = "토큰 목록", minimum: int = 0) -> list[int]:
    """토큰 번호 목록: 길이가 있는 목록이고, 번호마다 ``token``의 검사를 통과해야 한다."""
    sized(ids, what)
    out = [token(t, vocab_size, f"{what}의 {i}번 토큰") for i, t in enumerate(ids)]
    if len(out) < minimum:
        raise ValueError(
            f"{what}에 토큰이 {minimum}개 이상 필요합니다 (받은 {len(out)}개). "
            "예: [BOS, 자모..., BOS]"
        )
    return out


def documents(docs: Any, vocab_size: int, what: str = "docs") -> Sequence[Sequence[int]]:
    """토큰 목록들의 목록 (학습·평가용). 하나라도 잘못되면 몇 번째인지 밝힌다."""
    sized(docs, what)
    if len(docs) == 0:
        raise ValueError(f"{what}에 토큰 목록이 없습니다. 낱말을 하나 이상 주세요.")
    for i, ids in enumerate(docs):
        tokens(ids, vocab_size, f"{what}[{i}]", minimum=2)
    return docs


def words(items: Any, what: str = "words") -> Sequence[str]:
    """낱말(글자열) 목록."""
    sized(items, what)
    for i, w in enumerate(items):
        if not isinstance(w, str):
            raise TypeError(
                f"{what}의 {i}번 항목이 글자열이 아닙니다: {short_repr(w)} "
                f"(자료형 {type(w).__name__}). 낱말(str) 목록을 주세요."
            )
    return items


def text(word: Any, what: str) -> str:
    """글자열 하나."""
    if not isinstance(word, str):
        raise TypeError(
            f"{what}에는 글자열(str)이 와야 합니다. 받은 값: {short_repr(word)} "
            f"(자료형 {type(word).__name__})."
        )
    return word


def number(x: Any, what: str) -> float:
    """유한한 실수 하나 (매개변수 값). bool, 글자열, 너무 큰 정수, NaN·inf는 받지 않는다."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            f"{what}에 숫자가 아닌 값이 있습니다: {short_repr(x)} (자료형 {type(x).__name__})."
        )
    try:
        value = float(x)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(
            f"{what}에 유한하지 않은 값이 있습니다: {short_repr(x)} (NaN, inf, 1e400이나 "
            "10**400처럼 float로 나타낼 수 없는 수는 받지 않습니다)."
        )
    return value
