"""GPT 학습: 준비물(``prepare_run``), 학습 한 단계(``train_step``), 여러 단계(``train``)."""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from micrograd_kr import modes
from micrograd_kr.engine import Value, reverse_pass
from micrograd_kr.floats import short_list, short_repr
from micrograd_kr.gpt import budget, checks
from micrograd_kr.gpt.model import GPT
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
    자모 토크나이저와 ``GPT(vocab_size, seed=seed, **config)``를 만듭니다.

    모델을 만들기 전에, 매개변수와 학습 한 단계의 계산 그래프가 메모리에 드는지 어림합니다
    (글자 종류가 아주 많은 파일은 ``SizeLimitError``로 거절: ``budget.check_training``)."""
    seed = checks.whole_number(seed, "seed", minimum=0)
    train_words, test_words = split_words(words, held_out)
    random.Random(seed).shuffle(train_words)
    tok = JamoTokenizer(words)
    unknown = set(config) - set(_CONFIG_DEFAULTS)
    if unknown:
        raise TypeError(
            f"prepare_run이 모르는 설정입니다: {short_list(sorted(map(str, unknown)))}. "
            f"쓸 수 있는 설정: {', '.join(_CONFIG_DEFAULTS)}"
        )
    shape = {"vocab_size": tok.vocab_size, **_CONFIG_DEFAULTS, **config}
    for name in _CONFIG_DEFAULTS:
        shape[name] = checks.whole_number(shape[name], name)
    longest = max((len(unicodedata.normalize("NFD", w)) + 2 for w in words), default=2)
    budget.check_training(shape, longest)  # 모델을 만들기 전에 (매개변수가 많으면 몇 초 걸림)
    model = GPT(tok.vocab_size, seed=seed, **config)
    return Run(
        tok, model, [tok.encode(w) for w in train_words], [tok.encode(w) for w in test_words]
    )


_CONFIG_DEFAULTS = {"n_layer": 1, "n_embd": 16, "n_head": 4, "block_size": 16}


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
        _backward_along(loss, tape)
        optimizer.step()
    return loss.data


def _backward_along(loss: Value, tape: list[Value]) -> None:
    """모델의 순전파가 만든 순서대로 적은 테이프(tape)로 역전파합니다: ``loss.backward()``와
    같은 일에서 위상 정렬만 건너뜁니다. 입력은 언제나 그것을 쓰는 노드보다 먼저 만들어지므로
    만든 순서가 곧 위상 순서이고, 테이프는 모델 자신이 만들었으니 다시 확인하지 않습니다
    (``backward(order=...)``는 남이 준 목록이라 확인합니다)."""
    for node in tape:  # 중간 노드는 이번 역전파에서 받은 기울기만 담도록 0에서 시작
        node.grad = 0.0
    loss.grad = 1.0
    reverse_pass(tape)
    if modes.open_blocks and modes.is_anomaly_enabled():
        modes.check_backward(tape)


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

    if not isinstance(model, GPT):
        raise TypeError(
            f"train의 model에는 GPT가 와야 합니다. 받은 값: {short_repr(model)} "
            f"(자료형 {type(model).__name__})."
        )
    steps = checks.whole_number(steps, "steps")
    checks.documents(docs, model.vocab_size)
    if callback is not None and not callable(callback):
        raise TypeError(
            f"callback에는 callback(단계, 손실)처럼 부를 수 있는 함수가 와야 합니다. "
            f"받은 값: {short_repr(callback)}."
        )
    if optimizer is not None and not isinstance(optimizer, Adam):
        raise TypeError(
            f"optimizer에는 Adam 객체나 None이 와야 합니다. 받은 값: {short_repr(optimizer)}."
        )
    budget.check_training(model.config, max(map(len, docs)))
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


def evaluate(model: GPT, docs: Sequence[Sequence[int]], progress: bool = False) -> float:
    """평가용 토큰 목록들의 토큰당 평균 손실(nat): ``model.mean_loss(docs)``와 같은 값.

    ``progress=True``이면 진행 막대(tqdm)를 보입니다 (낱말이 수천 개면 평가도 몇 초 걸립니다).
    조금씩 나누어 ``mean_loss``를 부르고 토큰 수로 가중 평균합니다."""
    checks.documents(docs, model.vocab_size)
    chunk = 32
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(docs), desc="평가", unit="낱말", leave=False)
    total, count = 0.0, 0
    try:
        for start in range(0, len(docs), chunk):
            part = docs[start : start + chunk]
            n = sum(min(model.block_size, len(tokens) - 1) for tokens in part)
            total += model.mean_loss(part) * n
            count += n
            if bar is not None:
                bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()
    return total / count
