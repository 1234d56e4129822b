"""자모 토크나이저(tokenizer): 한글 낱말을 첫소리·가운뎃소리·끝소리 번호로."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from micrograd_kr.floats import short_repr
from micrograd_kr.gpt import checks


class JamoTokenizer:
    """자모 토크나이저(tokenizer): 낱말 → 자모 번호 목록, 번호 목록 → 낱말.

    어휘(vocabulary)는 낱말들에 나오는 자모를 정렬한 것이고, 마지막 번호 하나가 낱말의 처음과
    끝을 알리는 특수 토큰 ``BOS``입니다 (microgpt와 같음).

    >>> tok = JamoTokenizer(["한국", "국가"])
    >>> tok.decode(tok.encode("한국")[1:-1])
    '한국'
    """

    def __init__(self, words: Sequence[str]) -> None:
        checks.words(words)
        jamo = sorted({ch for w in words for ch in unicodedata.normalize("NFD", w)})
        if not jamo:
            raise ValueError("토크나이저를 만들 낱말이 없습니다. 낱말을 하나 이상 주세요.")
        self.chars: list[str] = jamo
        self.index = {ch: i for i, ch in enumerate(jamo)}
        self.bos = len(jamo)

    @property
    def vocab_size(self) -> int:
        """자모 수 + 1 (BOS)."""
        return len(self.chars) + 1

    def encode(self, word: str) -> list[int]:
        """``[BOS, 자모 번호들..., BOS]``. 어휘에 없는 자모는 한국어 ValueError."""
        checks.text(word, "encode")
        ids = [self.bos]
        for ch in unicodedata.normalize("NFD", word):
            if ch not in self.index:
                raise ValueError(
                    f"{short_repr(word)}의 글자 {short_repr(ch)}(U+{ord(ch):04X})가 "
                    "어휘(vocabulary)에 없습니다. 토크나이저를 만들 때 쓴 낱말에 나오는 글자만 "
                    "쓸 수 있습니다."
                )
            ids.append(self.index[ch])
        ids.append(self.bos)
        return ids

    def readable(self, ids: Sequence[int]) -> list[str]:
        """번호마다 눈으로 읽을 글자: 자모는 홀로 쓰는 호환 자모(ㅎ, ㅏ, ㄴ), BOS는 ``"·"``.

        첫소리와 끝소리는 같은 글자로 보입니다 (그림의 눈금(tick)처럼 자모 하나를 보일 때).
        """
        ids = checks.tokens(ids, self.vocab_size, "readable의 번호 목록")
        return ["·" if i == self.bos else _compatibility_jamo(self.chars[i]) for i in ids]

    def decode(self, ids: Sequence[int]) -> str:
        """번호 목록 → 자모 → NFC로 묶은 음절. BOS는 건너뜁니다."""
        ids = checks.tokens(ids, self.vocab_size, "decode의 번호 목록")
        jamo = "".join(self.chars[i] for i in ids if i != self.bos)
        return unicodedata.normalize("NFC", jamo)


def _compatibility_jamo(ch: str) -> str:
    """조합형 자모(U+1100…)를 홀로 쓰는 호환 자모(U+3131…)로. 이름으로 찾는다."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ch
    for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
        if part in name:
            try:
                return unicodedata.lookup(name.replace(part, "LETTER "))
            except KeyError:
                return ch
    return ch
