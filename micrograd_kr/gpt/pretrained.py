"""함께 실린 모델(헌법 낱말로 3000 단계 학습)과 낱말 짓기."""

from __future__ import annotations

import random
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from micrograd_kr.gpt import checks
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


def remake_pretrained(folder: str | Path, steps: int = 3000) -> tuple[GPT, GPTHistory]:
    """실린 모델과 그 학습 기록을 ``folder``에 다시 만듭니다 (``PRETRAINED_COMMAND``와 같은 학습).

    헌법 낱말(자모 15개 이하), seed 0으로 ``steps``단계 학습해 :data:`PRETRAINED_FILE`(매개변수)과
    :data:`PRETRAINED_HISTORY_FILE`(단계마다의 손실, 평가용 손실)을 씁니다. 모델을 다시 학습할
    때 기록이 모델과 어긋나지 않도록, 둘을 언제나 함께 만듭니다 (저장소에서 약 2분)::

        python -m micrograd_kr.gpt.pretrained micrograd_kr/data_files
    """
    import json

    from micrograd_kr import serialize
    from micrograd_kr.files import write_atomic
    from micrograd_kr.gpt.bigram import bigram_loss
    from micrograd_kr.gpt.model import DEFAULT_BLOCK_SIZE
    from micrograd_kr.gpt.training import prepare_run, train
    from micrograd_kr.gpt.words import korean_words

    folder = Path(folder)
    run = prepare_run(korean_words(max_jamo=DEFAULT_BLOCK_SIZE - 1), seed=0)
    history = train(run.model, run.train_docs, steps=steps, progress=False)
    serialize.save(run.model, folder / PRETRAINED_FILE)
    record = {
        "command": PRETRAINED_COMMAND.replace("--steps 3000", f"--steps {steps}"),
        "steps": len(history),
        "held_out": {
            "gpt": round(run.model.mean_loss(run.test_docs), 6),
            "bigram": round(
                bigram_loss(run.train_docs, run.test_docs, run.tokenizer.vocab_size), 6
            ),
        },
        "loss": [round(x, 6) for x in history.loss],
    }
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    write_atomic(folder / PRETRAINED_HISTORY_FILE, (text + "\n").encode("utf-8"), "학습 기록 파일")
    return run.model, history


if __name__ == "__main__":  # python -m micrograd_kr.gpt.pretrained 폴더
    import sys

    remake_pretrained(sys.argv[1] if len(sys.argv) > 1 else ".")
