"""함께 실린 모델의 학습 기록(gpt/pretrained.py): 그 모델을 만든 학습에서 적은 것인지.

기록의 처음 단계들은 ``PRETRAINED_COMMAND``와 같은 학습을 다시 해서 나온 손실과 같아야 하고,
평가용 손실은 실린 모델과 바이그램을 지금 재어 나온 값과 같아야 합니다 (노트북 11과 README가
이 값을 인용합니다).
"""

from __future__ import annotations

import math

from micrograd_kr.gpt import (
    DEFAULT_BLOCK_SIZE,
    PRETRAINED_COMMAND,
    bigram_loss,
    korean_words,
    prepare_run,
    pretrained,
    pretrained_history,
    train_step,
)
from micrograd_kr.optim import Adam


def _run():
    return prepare_run(korean_words(max_jamo=DEFAULT_BLOCK_SIZE - 1), seed=0)


def test_history_has_one_loss_per_step_of_the_command() -> None:
    history, _ = pretrained_history()
    assert "--steps 3000" in PRETRAINED_COMMAND and "--seed 0" in PRETRAINED_COMMAND
    assert len(history) == 3000
    assert all(math.isfinite(x) and x > 0 for x in history.loss)
    first, last = history.loss[:50], history.loss[-500:]
    assert sum(last) / len(last) < sum(first) / len(first) - 1.0  # 학습은 손실을 줄였다


def test_first_steps_of_the_history_come_back_when_retrained() -> None:
    """같은 낱말, 같은 씨앗, ``train``과 같은 걸음(Adam(0.85, 0.99), 학습률 0.01에서 3000단계에
    걸쳐 직선으로 감소)으로 처음 15단계를 다시 학습한다."""
    run = _run()
    history, _ = pretrained_history()
    optimizer = Adam(run.model.parameters(), lr=0.01, betas=(0.85, 0.99))
    for step in range(15):
        optimizer.lr = 0.01 * (1.0 - step / 3000)
        loss = train_step(run.model, optimizer, run.train_docs[step])
        assert math.isclose(loss, history.loss[step], abs_tol=2e-6), (step, loss)


def test_held_out_losses_are_those_of_the_shipped_model() -> None:
    run = _run()
    _, held_out = pretrained_history()
    assert math.isclose(held_out["gpt"], pretrained().mean_loss(run.test_docs), abs_tol=1e-6)
    bigram = bigram_loss(run.train_docs, run.test_docs, run.tokenizer.vocab_size)
    assert math.isclose(held_out["bigram"], bigram, abs_tol=1e-6)
    assert held_out["gpt"] < held_out["bigram"]


def test_remake_writes_the_model_and_its_history_together(tmp_path) -> None:
    """다시 만들기는 매개변수와 기록을 함께 쓰고, 그 기록은 같은 학습의 처음과 맞는다."""
    from micrograd_kr import serialize
    from micrograd_kr.gpt import GPT, PRETRAINED_FILE, PRETRAINED_HISTORY_FILE
    from micrograd_kr.gpt.pretrained import remake_pretrained

    model, history = remake_pretrained(tmp_path, steps=4)
    stored, _ = pretrained_history()
    assert all(math.isclose(a, b, abs_tol=2e-6) for a, b in zip(history.loss, stored.loss[:1]))
    record = (tmp_path / PRETRAINED_HISTORY_FILE).read_text(encoding="utf-8")
    assert '"steps":4' in record and "--steps 4 " in record
    again = GPT(vocab_size=51, seed=1)
    serialize.load(again, tmp_path / PRETRAINED_FILE)
    assert [p.data for p in again.parameters()] == [p.data for p in model.parameters()]
