"""GPT의 크기 어림(``micrograd_kr.gpt.budget``): 공식이 실제 모델·그래프와 맞는지, 메모리에
들지 않을 모양을 만들기 **전에** 숫자와 할 일을 밝혀 거절하는지."""

from __future__ import annotations

import gc
import time
import tracemalloc

import pytest
from support_robust import (
    POSIX,
    assert_korean_only,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
)

from micrograd_kr import limits
from micrograd_kr.gpt import GPT, budget, prepare_run, train
from micrograd_kr.optim import Adam

CONFIGS = [
    dict(vocab_size=51, n_layer=1, n_embd=16, n_head=4, block_size=16),
    dict(vocab_size=7, n_layer=2, n_embd=8, n_head=2, block_size=5),
    dict(vocab_size=300, n_layer=1, n_embd=12, n_head=3, block_size=9),
]


@pytest.mark.parametrize("config", CONFIGS)
def test_parameter_count_is_the_models(config: dict[str, int]) -> None:
    model = GPT(seed=0, **config)
    args = (config["vocab_size"], config["n_layer"], config["n_embd"], config["block_size"])
    assert budget.parameter_count(*args) == len(model.parameters())


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("length", [2, 5, 20])
def test_edge_estimate_is_within_a_few_percent_of_the_real_tape(
    config: dict[str, int], length: int
) -> None:
    """어림한 간선 수와 한 단계의 테이프에 있는 실제 간선 수 (죽은 ReLU의 몫은 어림이라 ±10%)."""
    model = GPT(seed=1, **config)
    v = config["vocab_size"]
    tokens = [v - 1] + [(3 * i) % (v - 1) for i in range(length)] + [v - 1]
    loss, tape = model._loss_and_tape(model._check_tokens(tokens))
    real = sum(len(node.inputs) for node in tape)
    positions = min(config["block_size"], len(tokens) - 1)
    guess = budget.edges_per_step(
        v, config["n_layer"], config["n_embd"], config["n_head"], positions
    )
    assert guess == pytest.approx(real, rel=0.1)


def test_bytes_per_parameter_and_edge_hold_for_a_real_model() -> None:
    """어림값(매개변수 250바이트, 간선 40바이트)이 tracemalloc으로 잰 값보다 작지 않다."""
    config = CONFIGS[0]
    gc.collect()
    tracemalloc.start()
    try:
        model = GPT(seed=0, **config)
        Adam(model.parameters(), lr=0.01)
        per_parameter = tracemalloc.get_traced_memory()[0] / len(model.parameters())
        before = tracemalloc.get_traced_memory()[0]
        loss, tape = model._loss_and_tape(model._check_tokens([50] + list(range(15)) + [50]))
        edges = sum(len(node.inputs) for node in tape)
        per_edge = (tracemalloc.get_traced_memory()[0] - before) / edges
    finally:
        tracemalloc.stop()
    assert 100 < per_parameter <= limits.BYTES_PER_PARAMETER
    assert 15 < per_edge <= budget.BYTES_PER_EDGE


def test_step_time_estimate_has_the_right_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """한 단계의 어림 시간이 잰 시간의 1/10배와 10배 사이 (기계마다 다르니 크기만 본다)."""
    run = prepare_run(["가나다", "라마바사", "아자차"] * 5, seed=0)
    opt = Adam(run.model.parameters(), lr=0.01)
    train(run.model, run.train_docs, steps=1, progress=False, optimizer=opt)
    start = time.process_time()
    train(run.model, run.train_docs, steps=20, progress=False, optimizer=opt)
    measured = (time.process_time() - start) / 20
    positions = sum(len(d) - 1 for d in run.train_docs) / len(run.train_docs)
    guess = budget.step_seconds(run.model.config, round(positions))
    assert measured / 10 < guess < measured * 10


REFUSED = [
    ("GPT(10**9)", lambda: GPT(10**9), "GPT(vocab_size=약 10억"),
    ("GPT(3, block_size=10**8)", lambda: GPT(3, block_size=10**8), "block_size=약 1억"),
    ("GPT(5, n_embd=10**5, n_head=1)", lambda: GPT(5, n_embd=10**5, n_head=1), "n_embd=약 10만"),
    ("GPT(5, n_layer=10**6)", lambda: GPT(5, n_layer=10**6), "n_layer=약 100만"),
]


@pytest.mark.parametrize(("case", "make", "fragment"), REFUSED, ids=[r[0] for r in REFUSED])
def test_shapes_that_cannot_fit_are_refused_at_once(case: str, make, fragment: str) -> None:
    """예전: 몇 분씩 멈추다 MemoryError. 이제 만들기 전에, 1초 안에, 숫자와 고칠 것을 밝혀."""
    start = time.perf_counter()
    with pytest.raises(limits.SizeLimitError) as info:
        make()
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert fragment in message and "필요해 시작하지 않습니다" in message
    assert "n_embd" in message and "줄이세요" in message
    assert_korean_only(message)


@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
def test_training_graph_that_cannot_fit_is_refused_before_the_model_is_built() -> None:
    """매개변수(약 480 MB)는 들어가도 한 단계의 그래프(열 글자 낱말, 약 420 MB)까지는 안 들어가면
    (어휘 6만, 메모리 1 GB) prepare_run이 모델을 만들기 전에 거절한다."""
    chars = [chr(0x4E00 + i) for i in range(60_000)]
    words = ["".join(chars[i : i + 10]) for i in range(0, 60_000, 10)]

    def attempt() -> str:
        try:
            prepare_run(words, seed=0)
        except limits.SizeLimitError as exc:
            return str(exc)
        return "거절하지 않았습니다"

    result = in_child(attempt, address_space=1_000_000_000, timeout=120)
    assert "ok" in result, result
    assert "학습 한 단계의 계산 그래프" in result["ok"], result["ok"]


def test_format_seconds() -> None:
    assert [budget.format_seconds(s) for s in (5, 90, 5400, 3 * 86400)] == [
        "5초",
        "2분",
        "1.5시간",
        "3.0일",
    ]
