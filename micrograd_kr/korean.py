"""한국어 조사(particle)를 앞말에 맞게 고르는 도우미: 패키지 전체가 이 하나를 씁니다.

받침이 있는 말 뒤에는 은/이/을/과/으로, 없는 말 뒤에는 는/가/를/와/로가 붙습니다.
숫자, 영어 이름, 코드는 읽는 소리로 판단합니다::

    >>> particle("기울기", "은")
    '기울기는'
    >>> particle("1.5", "이")
    '1.5가'
    >>> particle("7", "으로")
    '7로'
    >>> particle("w_12", "은")
    'w_12는'
    >>> particle("True", "이")
    'True가'
"""

from __future__ import annotations

import re

from micrograd_kr.floats import short_repr

#: 받침 있는 말 뒤의 조사 → 받침 없는 말 뒤의 조사
PAIRS: dict[str, str] = {
    "은": "는",
    "이": "가",
    "을": "를",
    "과": "와",
    "으로": "로",
    "이어야": "여야",
    "이다": "다",
    "이라": "라",
    "이고": "고",
    "이나": "나",
    "아": "야",
}
_BY_EITHER = {**PAIRS, **{v: k for k, v in PAIRS.items()}}

# 숫자를 읽은 소리의 마지막 받침: 영(ㅇ) 일(ㄹ) 이 삼(ㅁ) 사 오 육(ㄱ) 칠(ㄹ) 팔(ㄹ) 구
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
# 알파벳 한 글자를 읽은 소리: 엘(ㄹ) 엠(ㅁ) 엔(ㄴ) 알(ㄹ)
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# 자주 나오는 영어 이름을 읽은 소리의 받침 (없으면 받침 없음으로 칩니다)
_WORD_FINAL = {
    "none": "ㄴ",  # 논
    "nonetype": "ㅂ",  # 논타입
    "type": "ㅂ",
    "bool": "ㄹ",
    "str": "ㄹ",  # 에스티알
    "function": "ㄴ",
    "nan": "ㄴ",
    "inf": "",  # 인프
    "ellipsis": "",
    "lambda": "",
    "list": "",
    "float": "",
    "int": "",
    "tuple": "",
    "dict": "",
    "value": "",
    "myvalue": "",
    "numpy": "",
    "xor": "",  # 엑스오어
    "nor": "",  # 노어
    "or": "",
    "and": "",
    "not": "",
    "nand": "",
    "relu": "",
    "tanh": "",  # 탠에이치
    "sigmoid": "",  # 시그모이드
    "adam": "ㅁ",
    "sgd": "",
    "mlp": "",
    "exp": "",  # 익스프
    "sin": "ㄴ",
    "cos": "",
    "set": "ㅅ",  # 셋
    "map": "ㅂ",  # 맵
    "zip": "ㅂ",  # 집
    "step": "ㅂ",  # 스텝
    "sum": "ㅁ",  # 섬
    "len": "ㄴ",  # 렌
    "max": "",  # 맥스
    "min": "ㄴ",  # 민
    "abs": "",  # 앱스
    "log": "",  # 로그
    "generator": "",
    "iterator": "",
    "fit": "ㅅ",  # 핏
    "dot": "ㅅ",  # 닷
    "out": "ㅅ",  # 아웃
    "dout": "ㅅ",  # 디아웃
    "limit": "ㅅ",  # 리밋
    "lab": "ㅂ",  # 랩
    "pip": "ㅂ",  # 핍
    "malloc": "ㄱ",  # 말록
    "sighup": "ㅂ",  # 시그헙
    "check": "",  # 체크
    "repr": "ㅂ",  # 렙
    "target": "ㅅ",  # 타깃
    "op": "ㅂ",  # 옵
}
# 끝이 `이름(...)`인 글: 괄호 앞의 이름 (백틱으로 감쌌어도)
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\([^()]*\)`?$")
_LONG_WORDS = sorted((w for w in _WORD_FINAL if len(w) >= 3), key=len, reverse=True)
_HANGUL_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def final_consonant(word: str) -> str:
    """``word``를 읽은 소리의 마지막 받침 (예: ``"ㄴ"``), 받침이 없으면 ``""``.

    한글은 글자 그대로, 숫자는 읽는 소리(1 → 일, 2 → 이)로, 영어 낱말은 흔한 이름의 읽는 소리로,
    대문자 한 글자나 약어(XOR, MLP)는 마지막 글자를 읽은 소리(L → 엘)로 봅니다.
    닫는 괄호, 따옴표, 백틱, 마침표 같은 기호는 건너뜁니다.
    """
    text = str(word).rstrip()
    call = _CALL.search(text)
    if call:  # 함수 부르기 f(x)는 함수 이름으로 읽는다: sin()이, rms_local(xs)을
        text = call.group(1)
    while text and not (text[-1].isalnum() or "가" <= text[-1] <= "힣"):
        text = text[:-1]
    if not text:
        return ""
    last = text[-1]
    if "가" <= last <= "힣":
        return _HANGUL_FINALS[(ord(last) - 0xAC00) % 28].strip()
    if last.isdigit():
        return _DIGIT_FINAL.get(last, "")
    tail = ""
    for ch in reversed(text):  # 끝의 영어 낱말 하나
        if not (ch.isascii() and ch.isalpha()):
            break
        tail = ch + tail
    if not tail:
        return ""
    acronym = re.search(r"[a-z]([A-Z]{2,})$", tail)  # LambdaLR → LR: 끝의 약어를 글자로 읽는다
    if acronym:
        tail = acronym.group(1)
    lower = tail.lower()
    if lower in _WORD_FINAL:
        return _WORD_FINAL[lower]
    for known in _LONG_WORDS:  # 붙여 쓴 이름의 끝 낱말: setrecursionlimit → limit, argmax → max
        if lower.endswith(known):
            return _WORD_FINAL[known]
    # 글자 하나, 약어(XOR, MLP), 모음 없는 이름(lr, xs)은 글자 이름으로 읽는다: 엘알, 엑스에스
    if len(tail) == 1 or tail.isupper() or not set(lower) & set("aeiouy"):
        return _LETTER_FINAL.get(tail[-1].lower(), "")
    if lower.endswith(("ng",)):
        return "ㅇ"
    if lower.endswith(("m",)):
        return "ㅁ"
    if lower.endswith(("n", "ne")):
        return "ㄴ"
    if lower.endswith(("l", "le")):  # 로컬, 샘플, 테이블
        return "ㄹ"
    return ""


def particle(word: object, josa: str) -> str:
    """``word`` 뒤에 알맞은 조사를 붙인 글자열. ``josa``는 짝의 어느 쪽이든 됩니다.

    '으로/로'는 ㄹ 받침 뒤에서도 '로'입니다 (1로, 길로).
    """
    text = str(word)
    if josa not in _BY_EITHER:
        raise ValueError(
            f"모르는 조사 {short_repr(josa)}입니다. 쓸 수 있는 조사: {', '.join(PAIRS)}"
        )
    with_final = josa if josa in PAIRS else _BY_EITHER[josa]
    without_final = PAIRS[with_final]
    final = final_consonant(text)
    if with_final == "으로" and final == "ㄹ":
        return text + without_final
    return text + (with_final if final else without_final)
