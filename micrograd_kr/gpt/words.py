"""낱말 자료: 함께 실린 헌법 낱말, 사용자의 낱말 파일, 학습용·평가용 나누기."""

from __future__ import annotations

import os
import random
import unicodedata
from collections.abc import Sequence
from importlib import resources

from micrograd_kr.floats import short_repr
from micrograd_kr.gpt import checks

WORDS_FILE = "constitution_words.txt"
MAX_WORD_FILE_BYTES = 20_000_000
_TOO_LARGE_HINT = (
    "낱말 파일은 한 줄에 낱말 하나씩 적은 글 파일입니다: 앞부분만 남기거나(예: head -n 100000) "
    "파일을 나누세요."
)


def korean_words(max_jamo: int | None = None) -> list[str]:
    """함께 실린 낱말 목록: 대한민국헌법에 나오는 한글 어절 1,797개 (처음 나온 순서).

    ``max_jamo``를 주면 자모로 나눴을 때 그보다 긴 낱말은 뺍니다 (블록에 들어가는 것만:
    ``max_jamo=15``이면 1,727개). 출처와 저작권은 ``micrograd_kr/data_files/README.md``에
    있습니다.
    """
    if max_jamo is not None:
        max_jamo = checks.whole_number(max_jamo, "max_jamo")
    text = (
        resources.files("micrograd_kr")
        .joinpath("data_files")
        .joinpath(WORDS_FILE)
        .read_text("utf-8")
    )
    words = [line for line in text.splitlines() if line]
    if max_jamo is not None:
        words = [w for w in words if len(unicodedata.normalize("NFD", w)) <= max_jamo]
    return words


def read_word_file(path: str | os.PathLike, block_size: int = 16) -> list[str]:
    """UTF-8 글 파일을 한 줄에 한 항목으로 읽습니다 (빈 줄과 앞뒤 공백은 무시).

    없는 파일, 빈 파일, 바이너리(binary) 파일, UTF-8이 아닌 파일, 자모로 나눴을 때
    ``block_size - 1`` 개보다 긴 줄은 무엇이 문제인지 밝힌 한국어 오류를 냅니다
    (없는 파일은 ``FileNotFoundError``, 나머지는 ``ValueError``).
    """
    from micrograd_kr.files import read_regular_file

    block_size = checks.whole_number(block_size, "block_size", minimum=2)
    raw = read_regular_file(path, MAX_WORD_FILE_BYTES, "낱말 파일", _TOO_LARGE_HINT)
    name = short_repr(os.fsdecode(os.fspath(path)))
    if b"\x00" in raw:
        raise ValueError(
            f"{name}은(는) 글 파일이 아니라 바이너리(binary) 파일로 보입니다 (널 바이트가 "
            "있음). 한 줄에 낱말 하나씩 적은 UTF-8 글 파일을 주세요."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{name}은(는) UTF-8 글 파일이 아닙니다 (바이트 위치 {exc.start}). 편집기에서 "
            "UTF-8로 다시 저장하세요 (예: EUC-KR/CP949로 저장된 파일)."
        ) from None
    words = []
    limit = block_size - 1
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word:
            continue
        length = len(unicodedata.normalize("NFD", word))
        if length > limit:
            raise ValueError(
                f"{name}의 {number}번째 줄 {short_repr(word, 20)}이(가) 너무 깁니다: "
                f"자모로 {length}개인데 블록(block) 크기 {block_size}에는 {limit}개까지 "
                "들어갑니다. 줄을 나누거나 짧은 항목만 남기세요."
            )
        words.append(word)
    if not words:
        raise ValueError(
            f"{name}에 낱말이 없습니다 (빈 파일이거나 빈 줄뿐). 한 줄에 하나씩 적어 주세요."
        )
    return words


def split_words(
    words: Sequence[str], held_out: float = 0.1, seed: int = 42
) -> tuple[list[str], list[str]]:
    """낱말을 섞어 (학습용, 평가용)으로 나눕니다. 평가용(held-out)은 학습에 쓰지 않습니다.

    ``held_out``은 평가용으로 떼어 둘 몫(0 이상 1 미만), ``seed``는 섞는 순서입니다."""
    checks.words(words)
    held_out = checks.fraction(held_out, "held_out")
    seed = checks.whole_number(seed, "seed", minimum=0)
    shuffled = list(words)
    random.Random(seed).shuffle(shuffled)
    n_test = max(1, int(len(shuffled) * held_out)) if len(shuffled) > 1 else 0
    return shuffled[n_test:], shuffled[:n_test]
