"""작은 GPT 벤치마크: microgpt 크기(n_embd 16, 블록 16, 층 1, 헤드 4)의 학습 한 단계.

한 번의 실행에서 세 가지를 번갈아(A, B, C, A, B, C, ...) 같은 낱말로 잽니다.

- A: ``micrograd_kr.gpt.GPT`` (묶은 노드) + 패키지의 ``Adam`` — 순전파, 역전파, Adam
- B: 한 노드씩 쓴 microgpt 프로그램(``microgpt_plain``)을 최소 엔진(``minimal_value``)에서,
  microgpt 의 Adam 까지
- C: 같은 프로그램을 고치지 않고 ``micrograd_kr.Value`` 에서

(a) = B / A (목표 ≥ 15배), (b) = B / C (목표 ≥ 1.5배). 시간은 CPU 시간이고, 강제
``gc.collect()`` 는 넣지 않습니다 (파이썬이 스스로 하는 쓰레기 수집은 그대로 각자의 몫).

셋은 각자 새 파이썬 프로세스(process, ``spawn``)에서 돕니다 — 사용자가 microgpt 를 돌릴
때처럼. 한 단계씩 차례로 시키고 하나가 도는 동안 나머지는 기다리므로 컴퓨터 부하는 셋이 똑같이
나눠 받습니다. 한 프로세스에서 돌리면 순환 쓰레기 수집기(cyclic garbage collector)의 셈(새
객체 수, 오래 산 객체 수)이 셋 사이에 섞여, 객체를 많이 만드는 쪽이 불러온 전체 수집이 다른
쪽의 시간에 떨어집니다. 벤치마크 프로세스를 ``fork`` 로 복제해도 그 셈과 힙(heap)을 물려받습니다:
오래 산 객체가 많으면 전체 수집이 드물어져, 수집에 시간을 많이 쓰는 쪽이 덕을 봅니다.
환경 변수 ``BENCH_GPT_START`` 로 바꿀 수 있습니다 (``spawn`` 기본, ``fork``, ``local`` 은 한
프로세스). 따로 실행: ``python benchmarks/bench_gpt.py``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
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


def _make_run(name: str, vocab_size: int, steps: int) -> Any:
    if name == "fused":
        return FusedRun(vocab_size, steps)
    return PlainRun(minimal_value.Value if name == "minimal" else Value, vocab_size, steps)


def _serve(conn: Any, name: str, vocab_size: int, steps: int) -> None:
    """일꾼 프로세스: (단계, 토큰) 을 받을 때마다 한 단계를 돌리고 (시간, 손실) 을 돌려준다."""
    run = _make_run(name, vocab_size, steps)
    conn.send("ready")
    while (job := conn.recv()) is not None:
        conn.send(_timed(run, *job))
    conn.close()


class Workers:
    """세 가지 학습을 각자의 새 프로세스에 두고 한 단계씩 차례로 시킨다 (``local``이면 여기서)."""

    def __init__(self, names: tuple[str, ...], vocab_size: int, steps: int) -> None:
        self.local: dict[str, Any] = {}
        self.pipes: dict[str, Any] = {}
        self.procs: list[Any] = []
        method = os.environ.get("BENCH_GPT_START", "spawn")
        if method == "local" or method not in multiprocessing.get_all_start_methods():
            self.local = {name: _make_run(name, vocab_size, steps) for name in names}
            return
        ctx = multiprocessing.get_context(method)
        for name in names:
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(child, name, vocab_size, steps), daemon=True)
            proc.start()
            self.pipes[name] = parent
            self.procs.append(proc)
        for pipe in self.pipes.values():
            pipe.recv()  # 모두 준비될 때까지

    @property
    def separate(self) -> bool:
        return not self.local

    def step(self, name: str, k: int, tokens: list[int]) -> tuple[float, float]:
        if self.local:
            return _timed(self.local[name], k, tokens)
        self.pipes[name].send((k, tokens))
        return self.pipes[name].recv()

    def close(self) -> None:
        for pipe in self.pipes.values():
            pipe.send(None)
        for proc in self.procs:
            proc.join(timeout=30)


def bench_steps(rounds: int) -> dict[str, Any]:
    tok, docs = _docs()
    names = ("fused", "minimal", "drop_in")
    workers = Workers(names, tok.vocab_size, rounds)
    times: dict[str, list[float]] = {name: [] for name in names}
    worst = 0.0
    tokens_seen = 0
    try:
        for k in range(rounds):
            tokens = docs[k % len(docs)]
            tokens_seen += min(BLOCK, len(tokens) - 1)
            losses = {}
            for name in names:
                dt, losses[name] = workers.step(name, k, tokens)
                times[name].append(dt)
            worst = max(worst, max(abs(v - losses["minimal"]) for v in losses.values()))
            print(
                f"  단계 {k:3d} ({min(BLOCK, len(tokens) - 1):2d} 토큰): "
                f"최소 엔진 {times['minimal'][-1] * 1e3:7.1f} ms  "
                f"micrograd_kr.Value {times['drop_in'][-1] * 1e3:7.1f} ms  "
                f"GPT(묶은 노드) {times['fused'][-1] * 1e3:6.1f} ms"
            )
    finally:
        workers.close()
    return {
        "times": times,
        "worst_loss_diff": worst,
        "tokens": tokens_seen / rounds,
        "separate": workers.separate,
    }


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
    result = bench_steps(rounds)
    where = "셋이 각자의 새 프로세스에서" if result["separate"] else "셋이 한 프로세스에서"
    print(f"    시간은 CPU 시간 (time.process_time), 같은 단계는 같은 낱말, {where}")
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
