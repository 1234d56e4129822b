"""작은 GPT 벤치마크: microgpt 크기(n_embd 16, 블록 16, 층 1, 헤드 4)의 학습 한 단계.

한 번의 실행에서 세 가지를 번갈아(A, B, C, A, B, C, ...) 같은 낱말로 잽니다.

- A: ``micrograd_kr.gpt.GPT`` (묶은 노드) + 패키지의 ``Adam`` — 순전파, 역전파, Adam
- B: 한 노드씩 쓴 microgpt 프로그램(``microgpt_plain``)을 최소 엔진(``minimal_value``)에서,
  microgpt 의 Adam 까지
- C: 같은 프로그램을 고치지 않고 ``micrograd_kr.Value`` 에서

(a) = B / A (목표 ≥ 15배), (b) = B / C (목표 ≥ 1.5배). 시간은 프로세스 CPU 시간이고, 강제
``gc.collect()`` 는 넣지 않습니다 (파이썬이 스스로 하는 쓰레기 수집은 그대로 각자의 몫).
따로 실행: ``python benchmarks/bench_gpt.py``.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import microgpt_plain as plain  # noqa: E402
import minimal_value  # noqa: E402

from micrograd_kr import Value  # noqa: E402
from micrograd_kr.engine import topological_order  # noqa: E402
from micrograd_kr.gpt import (  # noqa: E402
    GPT,
    JamoTokenizer,
    korean_words,
    split_words,
    train_step,
)
from micrograd_kr.optim import Adam  # noqa: E402

TARGET_FUSED = 15.0
TARGET_DROP_IN = 1.5
N_LAYER, N_EMBD, N_HEAD, BLOCK = 1, 16, 4, 16


def _gpt(vocab_size: int) -> GPT:
    """잴 크기의 GPT (seed 0). 한 노드씩 쓴 프로그램도 이 가중치를 옮겨 씁니다."""
    return GPT(vocab_size, N_LAYER, N_EMBD, N_HEAD, BLOCK, seed=0)


def _docs() -> tuple[JamoTokenizer, list[list[int]]]:
    words = korean_words(max_jamo=BLOCK - 1)
    train_words, _ = split_words(words)
    tok = JamoTokenizer(words)
    return tok, [tok.encode(w) for w in train_words]


class PlainRun:
    """microgpt 의 학습 루프 그대로: 손실 → backward → Adam (grad 를 0 으로)."""

    def __init__(self, value_cls: type, vocab_size: int, steps: int) -> None:
        self.state = plain.init_state(value_cls, _gpt(vocab_size))
        self.adam = plain.Adam(plain.parameters(self.state))
        self.steps = steps

    def step(self, k: int, tokens: list[int]) -> float:
        loss = plain.loss(self.state, N_LAYER, N_HEAD, BLOCK, tokens)
        loss.backward()
        self.adam.step(k, self.steps)
        return loss.data


class FusedRun:
    def __init__(self, vocab_size: int, steps: int) -> None:
        self.model = _gpt(vocab_size)
        self.opt = Adam(self.model.parameters(), lr=0.01, betas=(0.85, 0.99))
        self.steps = steps

    def step(self, k: int, tokens: list[int]) -> float:
        self.opt.lr = 0.01 * (1 - k / self.steps)
        return train_step(self.model, self.opt, tokens)  # micrograd_kr.gpt.train 의 한 단계


def _timed(run: Any, k: int, tokens: list[int]) -> tuple[float, float]:
    # 프로세스 CPU 시간: 다른 프로그램과 CPU 를 나눠 쓰는 컴퓨터에서도 덜 흔들린다
    t0 = time.process_time()
    loss = run.step(k, tokens)
    return time.process_time() - t0, loss


def bench_steps(rounds: int) -> dict[str, Any]:
    tok, docs = _docs()
    runs = {
        "fused": FusedRun(tok.vocab_size, rounds),
        "minimal": PlainRun(minimal_value.Value, tok.vocab_size, rounds),
        "drop_in": PlainRun(Value, tok.vocab_size, rounds),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    worst = 0.0
    tokens_seen = 0
    for k in range(rounds):
        tokens = docs[k % len(docs)]
        tokens_seen += min(BLOCK, len(tokens) - 1)
        losses = {}
        for name, run in runs.items():
            dt, losses[name] = _timed(run, k, tokens)
            times[name].append(dt)
        worst = max(worst, max(abs(v - losses["minimal"]) for v in losses.values()))
        print(
            f"  단계 {k:3d} ({min(BLOCK, len(tokens) - 1):2d} 토큰): "
            f"최소 엔진 {times['minimal'][-1] * 1e3:7.1f} ms  "
            f"micrograd_kr.Value {times['drop_in'][-1] * 1e3:7.1f} ms  "
            f"GPT(묶은 노드) {times['fused'][-1] * 1e3:6.1f} ms"
        )
    return {"times": times, "worst_loss_diff": worst, "tokens": tokens_seen / rounds}


# ------------------------------------------------------------------ 메모리
def _count(root: Any) -> int:
    seen = {id(root)}
    stack = [root]
    while stack:
        node = stack.pop()
        children = node.inputs if isinstance(node, Value) else node._children
        for child in children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def _memory(build: Any) -> dict[str, float]:
    """그래프(매개변수 제외)를 만드는 동안 늘어난 메모리와 새 노드 수."""
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    root, n_params = build()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    nodes = _count(root) - n_params
    del root
    gc.collect()
    return {"nodes": nodes, "bytes": after - before}


def bench_memory() -> dict[str, dict[str, float]]:
    tok, docs = _docs()
    tokens = max(docs[:50], key=len)
    out = {}
    for name, cls in (("최소 엔진", minimal_value.Value), ("micrograd_kr.Value", Value)):
        state = plain.init_state(cls, _gpt(tok.vocab_size))
        n = len(plain.parameters(state))
        out[f"한 노드씩 ({name})"] = _memory(
            lambda state=state, n=n: (plain.loss(state, N_LAYER, N_HEAD, BLOCK, tokens), n)
        )
    model = _gpt(tok.vocab_size)
    out["GPT (묶은 노드)"] = _memory(lambda: (model.loss(tokens), len(model.parameters())))
    out["_tokens"] = {"nodes": min(BLOCK, len(tokens) - 1), "bytes": 0}
    return out


def edges_per_token() -> tuple[float, float]:
    """참고: 토큰당 간선(국소 미분) 수, 한 노드씩 / 묶은 노드."""
    tok, docs = _docs()
    tokens = docs[0]
    n = min(BLOCK, len(tokens) - 1)
    model = _gpt(tok.vocab_size)
    state = plain.init_state(Value, model)
    counts = []
    for root in (plain.loss(state, N_LAYER, N_HEAD, BLOCK, tokens), model.loss(tokens)):
        counts.append(sum(len(v.inputs) for v in topological_order(root)) / n)
    return counts[0], counts[1]


def report(rounds: int) -> list[tuple[str, str, bool | None]]:
    """출력하고, bench.py 의 목표 표에 넣을 (이름, 값, 통과) 목록을 돌려준다."""
    print(
        f"\n[6] 작은 GPT 학습 한 단계 (n_embd {N_EMBD}, 블록 {BLOCK}, 층 {N_LAYER}, "
        f"헤드 {N_HEAD}; 순전파 + 역전파 + Adam), 세 가지를 번갈아 {rounds} 단계씩"
    )
    print("    시간은 프로세스 CPU 시간 (time.process_time), 같은 단계는 같은 낱말")
    result = bench_steps(rounds)
    med = {name: statistics.median(ts) for name, ts in result["times"].items()}
    low = {name: min(ts) for name, ts in result["times"].items()}
    names = (
        ("minimal", "최소 엔진 + 한 노드씩 (microgpt)"),
        ("drop_in", "micrograd_kr.Value + 한 노드씩"),
        ("fused", "micrograd_kr GPT (묶은 노드)"),
    )
    for key, label in names:
        print(f"  {label:34s}: 중앙값 {med[key] * 1e3:7.1f} ms (최소 {low[key] * 1e3:.1f})")
    # 비율은 단계마다(같은 낱말, 바로 이어서 잰 세 값) 구해 그 중앙값을 쓴다: 낱말 길이와
    # 컴퓨터 부하의 흔들림이 비율에 덜 끼어든다
    times = result["times"]
    fused = statistics.median(a / b for a, b in zip(times["minimal"], times["fused"]))
    drop_in = statistics.median(a / b for a, b in zip(times["minimal"], times["drop_in"]))
    print(
        f"  (a) GPT 가 최소 엔진의 {fused:.1f}배 빠름 (단계마다의 비율의 중앙값; "
        f"중앙값끼리 {med['minimal'] / med['fused']:.1f}배)"
    )
    print(
        f"  (b) 같은 프로그램이 micrograd_kr.Value 에서 최소 엔진의 {drop_in:.2f}배 "
        f"(중앙값끼리 {med['minimal'] / med['drop_in']:.2f}배)"
    )
    print(
        f"  평균 {result['tokens']:.1f} 토큰/단계, "
        f"세 손실의 차이 최대 {result['worst_loss_diff']:.1e}"
    )
    plain_edges, fused_edges = edges_per_token()
    print(
        f"  토큰당 간선(국소 미분) 수: 한 노드씩 {plain_edges:,.0f}, 묶은 노드 {fused_edges:,.0f}"
    )

    print("\n  (c) 노드 하나당 메모리 (tracemalloc, 손실 그래프를 만드는 동안 늘어난 양)")
    memory = bench_memory()
    n_tokens = memory.pop("_tokens")["nodes"]
    for name, m in memory.items():
        print(
            f"  {name:28s}: 노드 {m['nodes']:6,d}개 ({m['nodes'] / n_tokens:5.0f}개/토큰), "
            f"{m['bytes'] / m['nodes']:5.0f} B/노드, {m['bytes'] / n_tokens / 1024:6.1f} KiB/토큰"
        )
    kr = memory["한 노드씩 (micrograd_kr.Value)"]
    mn = memory["한 노드씩 (최소 엔진)"]
    print(
        f"  같은 그래프(한 노드씩)의 노드당 메모리: micrograd_kr.Value "
        f"{kr['bytes'] / kr['nodes']:.0f} B, 최소 엔진 {mn['bytes'] / mn['nodes']:.0f} B"
    )
    return [
        (
            f"작은 GPT 한 단계 ≥ {TARGET_FUSED:g}배 (최소 엔진 대비)",
            f"{fused:.1f}배",
            fused >= TARGET_FUSED,
        ),
        (
            f"같은 프로그램, micrograd_kr.Value ≥ {TARGET_DROP_IN:g}배",
            f"{drop_in:.2f}배",
            drop_in >= TARGET_DROP_IN,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="작은 GPT 벤치마크")
    parser.add_argument("--rounds", type=int, default=12, help="번갈아 잴 단계 수 (기본 12)")
    args = parser.parse_args(argv)
    for name, value, ok in report(args.rounds):
        mark = "통과(PASS)" if ok else "실패(FAIL)"
        print(f"  {mark:10s} {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
