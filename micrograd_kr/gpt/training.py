"""GPT 학습: 준비물(``prepare_run``), 학습 한 단계(``train_step``), 여러 단계(``train``)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from micrograd_kr.gpt.model import GPT, positive_int
from micrograd_kr.gpt.tokenizer import JamoTokenizer
from micrograd_kr.gpt.words import split_words
from micrograd_kr.optim import Adam
from micrograd_kr.train import cyclic_gc_paused, stop_after_step_on_ctrl_c


@dataclass
class Run:
    """학습 준비물: 토크나이저, 모델, 학습용·평가용 토큰 목록."""

    tokenizer: JamoTokenizer
    model: GPT
    train_docs: list[list[int]]
    test_docs: list[list[int]]


def prepare_run(words: Sequence[str], seed: int = 0, held_out: float = 0.1, **config: int) -> Run:
    """낱말을 나누고(평가용 10%, 나누는 순서는 언제나 같음), 학습용은 ``seed``로 섞고,
    자모 토크나이저와 ``GPT(vocab_size, seed=seed, **config)``를 만듭니다."""
    train_words, test_words = split_words(words, held_out)
    random.Random(seed).shuffle(train_words)
    tok = JamoTokenizer(words)
    model = GPT(tok.vocab_size, seed=seed, **config)
    return Run(
        tok, model, [tok.encode(w) for w in train_words], [tok.encode(w) for w in test_words]
    )


@dataclass
class GPTHistory:
    """단계마다의 학습 손실. ``interrupted``는 Ctrl-C로 멈췄으면 True."""

    loss: list[float] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.loss)


def train_step(model: GPT, optimizer: Adam, tokens: Sequence[int]) -> float:
    """학습 한 단계: 손실 → ``zero_grad`` → ``backward`` → ``optimizer.step()``. 손실을 돌려줌."""
    with cyclic_gc_paused():
        loss, tape = model._loss_and_tape(model._check_tokens(tokens))
        optimizer.zero_grad()
        loss.backward(order=tape)  # 만든 순서가 곧 위상 순서: 정렬을 건너뛴다
        optimizer.step()
    return loss.data


def train(
    model: GPT,
    docs: Sequence[Sequence[int]],
    steps: int = 1000,
    lr: float = 0.01,
    betas: tuple[float, float] = (0.85, 0.99),
    progress: bool = True,
    optimizer: Adam | None = None,
    callback: Callable[[int, float], None] | None = None,
) -> GPTHistory:
    """단계마다 토큰 목록 하나(``docs[step % len(docs)]``)로 손실 → 역전파 → Adam.

    학습률은 microgpt처럼 ``lr``에서 0 쪽으로 직선으로 줄어듭니다 (``lr·(1 - step/steps)``).
    진행 막대(progress bar)는 tqdm입니다. Ctrl-C를 누르면 지금 단계를 마치고 멈춰
    ``interrupted=True``인 기록을 돌려줍니다: 배운 것은 모델에 그대로 남습니다.
    """

    steps = positive_int(steps, "steps")
    if len(docs) == 0:
        raise ValueError("학습할 토큰 목록이 없습니다. 낱말을 하나 이상 주세요.")
    opt = optimizer or Adam(model.parameters(), lr=lr, betas=betas)
    history = GPTHistory()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=steps, desc="학습", unit="단계")
    started = time.perf_counter()
    try:
        with stop_after_step_on_ctrl_c() as stop:
            for step in range(steps):
                opt.lr = lr * (1.0 - step / steps)
                loss = train_step(model, opt, docs[step % len(docs)])
                history.loss.append(loss)
                if callback is not None:
                    callback(step, loss)
                if bar is not None:
                    bar.update(1)
                    if step % 10 == 0:
                        bar.set_postfix({"손실": f"{loss:.4f}"})
                if stop.requested:
                    break
    except KeyboardInterrupt:
        history.interrupted = True
    else:
        history.interrupted = stop.requested
    finally:
        history.seconds = time.perf_counter() - started
        if bar is not None:
            if history.interrupted:
                bar.set_description("학습 (중단됨)")
            bar.close()
    return history
