"""함께 실린 모델(헌법 낱말로 3000 단계 학습)과 낱말 짓기."""

from __future__ import annotations

import random
from collections.abc import Iterator
from importlib import resources

from micrograd_kr.gpt import checks
from micrograd_kr.gpt.model import GPT
from micrograd_kr.gpt.tokenizer import JamoTokenizer


def sample_words(
    model: GPT,
    tokenizer: JamoTokenizer,
    count: int = 10,
    temperature: float = 0.5,
    seed: int = 0,
) -> list[str]:
    """모델이 지어낸 낱말 ``count`` 개 (NFC로 묶은 음절)."""
    return list(iter_sample_words(model, tokenizer, count, temperature, seed))


def iter_sample_words(
    model: GPT,
    tokenizer: JamoTokenizer,
    count: int = 10,
    temperature: float = 0.5,
    seed: int = 0,
) -> Iterator[str]:
    """``sample_words``와 같은 낱말을 하나씩 (지은 만큼 곧바로 쓸 수 있게)."""
    count = checks.whole_number(count, "count", minimum=0)
    temperature = checks.positive_number(temperature, "temperature")
    rng = random.Random(checks.whole_number(seed, "seed", minimum=0))
    for _ in range(count):
        yield tokenizer.decode(model.generate(tokenizer.bos, temperature, rng=rng))


PRETRAINED_FILE = "gpt_constitution.json"
#: 함께 실린 모델을 만든 명령 (학습 단계 3000, seed 0, 헌법 낱말)
PRETRAINED_COMMAND = "micrograd-kr gpt --steps 3000 --seed 0 --save gpt_constitution.json"


def pretrained() -> GPT:
    """함께 실린, 헌법 낱말로 3000 단계 학습한 GPT (``PRETRAINED_COMMAND``로 다시 만들 수 있음).

    토크나이저는 ``JamoTokenizer(korean_words(max_jamo=15))``, 평가용 낱말은
    ``prepare_run(korean_words(max_jamo=15)).test_docs``와 같습니다 (학습에 쓰지 않은 것).
    """
    from micrograd_kr import serialize

    raw = (
        resources.files("micrograd_kr")
        .joinpath("data_files")
        .joinpath(PRETRAINED_FILE)
        .read_bytes()
    )
    model = GPT(vocab_size=51, seed=0)
    serialize.load_state_dict(model, serialize.parse(raw, PRETRAINED_FILE))
    return model
