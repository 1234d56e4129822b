"""함께 실린 모델(헌법 낱말로 3000 단계 학습)과 낱말 짓기."""

from __future__ import annotations

import random
from importlib import resources

from micrograd_kr.gpt.model import GPT
from micrograd_kr.gpt.tokenizer import JamoTokenizer
from micrograd_kr.gpt.training import GPTHistory


def sample_words(
    model: GPT,
    tokenizer: JamoTokenizer,
    count: int = 10,
    temperature: float = 0.5,
    seed: int = 0,
) -> list[str]:
    """모델이 지어낸 낱말 ``count`` 개 (NFC로 묶은 음절)."""
    rng = random.Random(seed)
    return [
        tokenizer.decode(model.generate(tokenizer.bos, temperature, rng=rng)) for _ in range(count)
    ]


PRETRAINED_FILE = "gpt_constitution.json"
#: 같은 학습에서 단계마다 적은 손실과 평가용 손실 (그림을 그리려고 모델 곁에 싣는다)
PRETRAINED_HISTORY_FILE = "gpt_constitution_history.json"
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


def pretrained_history() -> tuple[GPTHistory, dict[str, float]]:
    """함께 실린 모델을 만든 학습의 기록: 단계마다의 학습 손실(3000개)과 평가용 손실.

    두 번째 값은 ``{"gpt": …, "bigram": …}``: 평가용 낱말의 토큰당 손실(nat)입니다. 기록은
    ``PRETRAINED_COMMAND``와 같은 학습(같은 낱말, seed 0)에서 적은 것이라, 처음 몇 단계를 다시
    학습하면 같은 손실이 나옵니다.
    """
    import json

    raw = (
        resources.files("micrograd_kr")
        .joinpath("data_files")
        .joinpath(PRETRAINED_HISTORY_FILE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(raw)
    history = GPTHistory(loss=[float(x) for x in data["loss"]])
    held_out = {str(k): float(v) for k, v in data["held_out"].items()}
    return history, held_out
