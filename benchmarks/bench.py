"""micrograd_kr 와 micrograd(PyPI ``micrograd==0.1.0``)의 속도·메모리 비교 벤치마크(benchmark).

실행: ``python benchmarks/bench.py`` (저장소 맨 위에서). 기본은 3분 안에 끝납니다.
``--full`` 을 주면 micrograd 도 데모 학습 100 단계를 실제로 돌립니다 (이 컴퓨터에서 2분 이상).

재는 것:

1. 데모 한 단계(demo step): micrograd 의 demo.ipynb 와 같은 힌지 손실(hinge loss) 학습 한 단계.
   두 엔진을 번갈아(A, B, A, B, ...) 돌리고, 단계마다 ``gc.collect()`` 까지 재서
   각 엔진이 자기 쓰레기(garbage)의 값을 치르게 합니다.
2. 데모 학습 100 단계의 전체 시간.
3. 노드 하나당 메모리(tracemalloc): 두 엔진에서 **같은 그래프**(곱셈·덧셈 노드로 쓴 MLP)를 만들 때.
4. 긴 사슬(chain)의 역전파(backpropagation) 시간: 노드 10⁴, 10⁵, 10⁶ 개.
5. 노드 1,000 개짜리 그래프를 카드 모양(card style) SVG 로 그리는 시간 (viz 가 있을 때만).
6. 작은 GPT 학습 한 단계: micrograd_kr 의 GPT(묶은 노드) 대 최소 엔진에서 도는 microgpt 프로그램,
   같은 프로그램을 micrograd_kr.Value 에서, 노드당 메모리 (``bench_gpt.py``).

속도 목표는 단위 테스트가 아니라 여기서만 확인합니다 (목표마다 통과(PASS)/실패(FAIL)).
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

# 저장소의 micrograd_kr 를 먼저 쓰도록 (설치되지 않았거나 다른 판이 설치돼 있어도)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_gpt  # noqa: E402  (이 폴더의 작은 GPT 벤치마크)

import micrograd_kr  # noqa: E402
from micrograd_kr import engine as kr_engine  # noqa: E402
from micrograd_kr import nn as kr_nn  # noqa: E402
from micrograd_kr.data import moons  # noqa: E402

try:
    from micrograd import engine as mg_engine
    from micrograd import nn as mg_nn
except ImportError:  # pragma: no cover - 벤치마크 전용 의존성
    sys.exit(
        "micrograd 가 없습니다. 비교 대상을 설치하세요: pip install 'micrograd==0.1.0' "
        "(또는 pip install -e '.[bench]')"
    )

SEED = 0
N_POINTS = 100
SIZES = [16, 16, 1]
# 사슬 길이 → 한 바퀴에 잴 횟수
CHAIN_RUNS = {10**4: 10, 10**5: 2, 10**6: 1}
CHAIN_SIZES = tuple(CHAIN_RUNS)
CARD_NODES = 1000

# 목표 (비율은 한 번의 실행 안에서 잰 값들끼리 비교)
TARGET_SPEEDUP = 10.0  # 데모 한 단계가 micrograd 보다 이만큼 이상 빠르게
TARGET_BYTES_PER_NODE = 250.0  # 같은 그래프, 순전파+역전파 최고 메모리 / 노드 수
TARGET_LINEAR = 1.5  # 노드당 역전파 시간: 10⁶ 개일 때 ≤ 10⁴ 개일 때의 1.5배
TARGET_RENDER_S = 1.0  # 1,000 노드 카드 그림 SVG 렌더링


# ---------------------------------------------------------------- 도우미
def median_min_max(xs: list[float]) -> tuple[float, float, float]:
    return statistics.median(xs), min(xs), max(xs)


def verdict(ok: bool) -> str:
    return "통과(PASS)" if ok else "실패(FAIL)"


def count_nodes(root: Any) -> int:
    """두 엔진 모두에서 쓰는 노드 세기 (명시적 스택, 재귀 없음)."""
    seen = {id(root)}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.inputs if isinstance(node, kr_engine.Value) else node._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def make_data() -> tuple[list[list[float]], list[float]]:
    """두 엔진이 똑같이 쓰는 반달(moons) 100 점. 정답은 -1/+1.

    numpy 스칼라가 아니라 파이썬 float 로 바꿔 둡니다. (numpy 스칼라는 산술이 느려서
    원래 노트북처럼 넘기면 micrograd 쪽이 더 느려집니다 — 그 차이로 이기지 않으려는 것.)
    """
    X, y = moons(N_POINTS, noise=0.1, seed=SEED)
    return X.tolist(), [float(v) for v in (y * 2 - 1)]


def make_models() -> tuple[Any, Any]:
    """같은 가중치로 시작하는 두 모델. micrograd 쪽에 micrograd_kr 의 가중치를 복사합니다."""
    kr_model = kr_nn.MLP(2, SIZES, seed=SEED)
    mg_model = mg_nn.MLP(2, SIZES)
    kr_params, mg_params = kr_model.parameters(), mg_model.parameters()
    assert len(kr_params) == len(mg_params)
    for p, q in zip(mg_params, kr_params):
        p.data = q.data
    return mg_model, kr_model


# ------------------------------------------------------- 1·2. 데모 학습
def demo_step(value_cls: type, model: Any, X: list, y: list, k: int) -> tuple[float, float]:
    """micrograd demo.ipynb 의 학습 한 단계 그대로: 손실, 정확도, zero_grad, 역전파, SGD."""
    inputs = [list(map(value_cls, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum(p * p for p in model.parameters())
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    model.zero_grad()
    total_loss.backward()
    learning_rate = 1.0 - 0.9 * k / 100
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return total_loss.data, sum(accuracy) / len(accuracy)


def timed_step(value_cls: type, model: Any, X: list, y: list, k: int) -> tuple[float, float]:
    """한 단계 + 그 단계가 남긴 쓰레기 치우기(gc.collect)까지의 시간(초)과 손실."""
    t0 = time.perf_counter()
    loss, _ = demo_step(value_cls, model, X, y, k)
    gc.collect()
    return time.perf_counter() - t0, loss


class ExplicitMLP:
    """micrograd_kr 의 MLP 를 micrograd 와 같은 그래프 모양으로 계산하는 참고용 모델.

    뉴런의 가중합을 ``linear`` 노드 하나 대신 곱셈·덧셈 노드를 하나씩 이어 만듭니다.
    (엔진만의 속도를 보려는 것: 노드 수가 micrograd 와 같다.)
    """

    def __init__(self, model: Any) -> None:
        self.model = model

    def __call__(self, x: list) -> Any:
        for layer in self.model.layers:
            outs = []
            for n in layer.neurons:
                act = n.b
                for w, xi in zip(n.w, x):
                    act = act + w * xi
                outs.append(act.relu() if n.activation == "relu" else act)
            x = outs
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list:
        return self.model.parameters()

    def zero_grad(self) -> None:
        self.model.zero_grad()


def bench_demo(pairs: int) -> dict[str, Any]:
    X, y = make_data()
    mg_model, kr_model = make_models()
    ex_model = ExplicitMLP(make_models()[1])
    mg_times, kr_times, ex_times, worst_diff = [], [], [], 0.0
    for k in range(pairs):  # 번갈아: micrograd, micrograd_kr, 참고용, micrograd, ...
        t_mg, loss_mg = timed_step(mg_engine.Value, mg_model, X, y, k)
        t_kr, loss_kr = timed_step(kr_engine.Value, kr_model, X, y, k)
        t_ex, loss_ex = timed_step(kr_engine.Value, ex_model, X, y, k)
        mg_times.append(t_mg)
        kr_times.append(t_kr)
        ex_times.append(t_ex)
        worst_diff = max(worst_diff, abs(loss_mg - loss_kr), abs(loss_mg - loss_ex))
        print(
            f"  단계 {k:3d}: micrograd {t_mg * 1e3:8.1f} ms   micrograd_kr {t_kr * 1e3:6.1f} ms"
            f"   (곱셈·덧셈 노드로 {t_ex * 1e3:6.1f} ms)"
        )
    return {
        "mg": mg_times,
        "kr": kr_times,
        "ex": ex_times,
        "diff": worst_diff,
        "final_loss": loss_kr,
    }


def bench_full_kr() -> tuple[float, float]:
    """micrograd_kr 만 데모 학습 100 단계를 처음부터 (새 모델로) 돌린 전체 시간."""
    X, y = make_data()
    _, model = make_models()
    t0 = time.perf_counter()
    for k in range(100):
        loss, acc = demo_step(kr_engine.Value, model, X, y, k)
    gc.collect()
    return time.perf_counter() - t0, acc


# ------------------------------------------------------------ 3. 메모리
def explicit_graph(value_cls: type, params: list, X: list, y: list) -> Any:
    """곱셈·덧셈 노드로 쓴 MLP 와 데모 손실. 두 엔진에서 똑같은 그래프가 됩니다."""
    it = iter(params)
    sizes = [2, *SIZES]
    layers = [
        [([next(it) for _ in range(sizes[i])], next(it)) for _ in range(sizes[i + 1])]
        for i in range(len(SIZES))
    ]
    scores = []
    for xrow in X:
        x = list(map(value_cls, xrow))
        for i, layer in enumerate(layers):
            acts = [sum((wi * xi for wi, xi in zip(w, x)), b) for w, b in layer]
            x = [a.relu() for a in acts] if i < len(layers) - 1 else acts
        scores.append(x[0])
    losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    return sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)


def measure_memory(build: Callable[[], Any]) -> dict[str, float]:
    """그래프를 만들고 역전파할 때의 tracemalloc 최고치(peak)와 노드 수."""
    gc.collect()
    tracemalloc.start()
    root = build()
    graph_bytes, peak_fwd = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    root.backward()
    _, peak_bwd = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    nodes = count_nodes(root)
    del root
    gc.collect()
    return {"nodes": nodes, "graph": graph_bytes, "peak": max(peak_fwd, peak_bwd)}


def bench_memory() -> dict[str, dict[str, float]]:
    X, y = make_data()
    mg_model, kr_model = make_models()
    out = {}
    for name, cls, model in (
        ("micrograd", mg_engine.Value, mg_model),
        ("micrograd_kr", kr_engine.Value, kr_model),
    ):
        params = model.parameters()
        out[name] = measure_memory(lambda cls=cls, params=params: explicit_graph(cls, params, X, y))
    # 참고: 같은 계산을 micrograd_kr 본래 모양으로 (뉴런의 가중합이 linear 노드 하나).
    # 노드가 적고 노드 하나가 입력을 많이 가지므로 노드당 바이트는 크지만 전체는 훨씬 작다.
    out["micrograd_kr (linear 노드)"] = measure_memory(
        lambda: _natural_kr_graph(kr_model, X, y),
    )
    return out


def _natural_kr_graph(model: Any, X: list, y: list) -> Any:
    scores = [model(list(map(kr_engine.Value, xrow))) for xrow in X]
    losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    params = model.parameters()
    return sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)


# ---------------------------------------------------------- 4. 긴 사슬
def relu_chain(value_cls: type, n: int) -> tuple[Any, Any]:
    """노드가 정확히 n 개인 사슬: 잎 하나 + relu (n-1) 번. (잎, 맨 위 노드) 를 돌려줍니다."""
    leaf = v = value_cls(1.0)
    for _ in range(n - 1):
        v = v.relu()
    return leaf, v


def bench_chains(reps: int) -> dict[str, Any]:
    chains = {n: relu_chain(kr_engine.Value, n) for n in CHAIN_SIZES}
    for n, (_, root) in chains.items():
        assert len(kr_engine.topological_order(root)) == n
    times: dict[int, list[float]] = {n: [] for n in CHAIN_SIZES}
    # 한 바퀴에 10⁴ 은 10번, 10⁵ 는 2번, 10⁶ 은 1번 (CHAIN_RUNS): 짧은 측정일수록 여러 번 잰다.
    # 크기를 번갈아 돌려 컴퓨터 부하의 흔들림을 고르게 나눈다.
    runs = CHAIN_RUNS
    gc.collect()
    for _ in range(reps):
        for n, (_, root) in chains.items():
            for _ in range(runs[n]):
                t0 = time.perf_counter()
                root.backward()
                times[n].append((time.perf_counter() - t0) / n)
    # 잎의 기울기는 역전파마다 1 씩 쌓인다 (relu 의 국소 미분은 모두 1)
    grads_ok = all(leaf.grad == float(reps * runs[n]) for n, (leaf, _) in chains.items())
    del chains
    gc.collect()
    mg_result = {}
    for n in CHAIN_SIZES:  # micrograd 는 재귀(recursion)로 위상 정렬한다
        _, root = relu_chain(mg_engine.Value, n)
        try:
            t0 = time.perf_counter()
            root.backward()
            mg_result[n] = f"{(time.perf_counter() - t0) / n * 1e9:.0f} ns/노드"
        except RecursionError:
            mg_result[n] = f"RecursionError (재귀 한도 {sys.getrecursionlimit()})"
        del root
        gc.collect()
    return {"kr": times, "mg": mg_result, "grads_ok": grads_ok}


# ------------------------------------------------------------ 5. 그림
def card_graph(n: int) -> Any:
    """노드가 정확히 n 개(짝수 n)인 그래프: (…((x·w₁)·w₂)…)의 tanh."""
    v = kr_engine.Value(0.5, label="x")
    for i in range((n - 2) // 2):
        v = v * kr_engine.Value(1.0 + 0.001 * i, label=f"w{i + 1}")
    out = v.tanh()
    out.label = "출력"
    out.backward()
    return out


def bench_render(reps: int) -> dict[str, Any]:
    try:
        from micrograd_kr.viz import draw_graph, render
    except ImportError as err:
        return {"skipped": f"viz 없음 ({err})"}
    root = card_graph(CARD_NODES)
    nodes = len(kr_engine.topological_order(root))
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(reps):
            target = Path(tmp) / f"x{i}.svg"
            t0 = time.perf_counter()
            try:
                render(draw_graph(root, style="card", max_nodes=None), str(target))
            except Exception as err:  # 렌더러가 없는 환경 등: 건너뛰고 이유를 보인다
                return {"skipped": f"{type(err).__name__}: {err}"}
            times.append(time.perf_counter() - t0)
    return {"nodes": nodes, "times": times}


# --------------------------------------------------------------- 출력
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="micrograd_kr 대 micrograd 벤치마크")
    parser.add_argument(
        "--full",
        action="store_true",
        help="micrograd 도 데모 학습 100 단계를 실제로 번갈아 돌린다 (수 분 걸림)",
    )
    parser.add_argument(
        "--pairs", type=int, default=20, help="번갈아 잴 데모 단계 수 (기본 20, --full 이면 100)"
    )
    parser.add_argument("--chain-reps", type=int, default=5, help="사슬 역전파 반복 횟수")
    parser.add_argument(
        "--gpt-rounds", type=int, default=12, help="작은 GPT 를 번갈아 잴 단계 수 (기본 12)"
    )
    parser.add_argument("--only-gpt", action="store_true", help="[6] 작은 GPT 만 잰다")
    args = parser.parse_args(argv)
    pairs = 100 if args.full else args.pairs
    if args.only_gpt:
        return bench_gpt.main(["--rounds", str(args.gpt_rounds)])

    print("micrograd_kr 벤치마크")
    print(
        f"  파이썬 {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.machine()}, micrograd_kr {micrograd_kr.__version__}, micrograd 0.1.0, "
        f"재귀 한도 {sys.getrecursionlimit()}"
    )
    results: list[tuple[str, str, bool | None]] = []

    print(f"\n[1] 데모 한 단계: MLP(2, {SIZES}), 반달 {N_POINTS} 점, 힌지 손실 + L2, 역전파, SGD")
    print(f"    두 엔진을 번갈아 {pairs} 단계씩, 시간에는 단계마다 gc.collect() 포함")
    demo = bench_demo(pairs)
    mg_med, mg_min, mg_max = median_min_max(demo["mg"])
    kr_med, kr_min, kr_max = median_min_max(demo["kr"])
    ratio = mg_med / kr_med
    for name, (med, lo, hi) in (
        ("micrograd   ", (mg_med, mg_min, mg_max)),
        ("micrograd_kr", (kr_med, kr_min, kr_max)),
    ):
        print(f"  {name} : 중앙값 {med * 1e3:8.1f} ms  (최소 {lo * 1e3:.1f}, 최대 {hi * 1e3:.1f})")
    print(f"  비율(ratio)  : micrograd_kr 가 {ratio:.1f}배 빠름 (중앙값끼리)")
    ex_med, ex_min, ex_max = median_min_max(demo["ex"])
    print(
        f"  참고: 뉴런을 곱셈·덧셈 노드로 (micrograd 와 같은 그래프) 중앙값 {ex_med * 1e3:.1f} ms "
        f"(최소 {ex_min * 1e3:.1f}, 최대 {ex_max * 1e3:.1f}) → micrograd 의 {mg_med / ex_med:.1f}배"
    )
    print(f"  같은 계산인지 확인: 두 엔진의 손실 차이 최대 {demo['diff']:.1e}")
    results.append(("데모 한 단계 ≥ 10배 빠름", f"{ratio:.1f}배", ratio >= TARGET_SPEEDUP))

    print("\n[2] 데모 학습 100 단계 전체 시간")
    if args.full:
        print(f"  micrograd    : {sum(demo['mg']):7.1f} s (실측, 위의 100 단계 합)")
        print(f"  micrograd_kr : {sum(demo['kr']):7.1f} s (실측, 위의 100 단계 합)")
    else:
        kr_total, kr_acc = bench_full_kr()
        print(f"  micrograd    : {mg_med * 100:7.1f} s (추정(extrapolated): 한 단계 중앙값 × 100)")
        print(f"  micrograd_kr : {kr_total:7.1f} s (실측, 100 단계, 최종 정확도 {kr_acc:.0%})")
        print("  micrograd 도 실제로 돌리려면: python benchmarks/bench.py --full")

    print("\n[3] 노드 하나당 메모리 (tracemalloc, 곱셈·덧셈 노드로 쓴 같은 그래프)")
    memory = bench_memory()
    for name, m in memory.items():
        print(
            f"  {name:26s}: 노드 {m['nodes']:6d}개, 그래프 {m['graph'] / m['nodes']:5.0f} B/노드, "
            f"순전파+역전파 최고치 {m['peak'] / m['nodes']:5.0f} B/노드 "
            f"(전체 {m['peak'] / 2**20:.1f} MiB)"
        )
    print(
        "  (마지막 줄은 참고값: 같은 계산을 micrograd_kr 의 본래 모양인 linear 노드로 만든 그래프)"
    )
    kr_peak = memory["micrograd_kr"]["peak"] / memory["micrograd_kr"]["nodes"]
    results.append(
        ("같은 그래프 ≤ 250 B/노드", f"{kr_peak:.0f} B/노드", kr_peak <= TARGET_BYTES_PER_NODE)
    )

    print("\n[4] 긴 사슬(relu 사슬)의 역전파 시간 (노드당, 위상 정렬 포함)")
    chains = bench_chains(args.chain_reps)
    per_node = {}
    for n in CHAIN_SIZES:
        med, lo, hi = median_min_max(chains["kr"][n])
        per_node[n] = med
        print(
            f"  노드 {n:>9,d}개: micrograd_kr 중앙값 {med * 1e9:5.0f} ns/노드 "
            f"(최소 {lo * 1e9:.0f}, 최대 {hi * 1e9:.0f}) | micrograd: {chains['mg'][n]}"
        )
    if not chains["grads_ok"]:
        print("  경고: 사슬 맨 위 노드의 기울기가 반복 횟수와 다릅니다!")
    linear = per_node[CHAIN_SIZES[-1]] / per_node[CHAIN_SIZES[0]]
    print(f"  10⁶ 개 / 10⁴ 개 노드당 시간 비: {linear:.2f}")
    results.append(("역전파 선형 시간 (10⁶/10⁴ ≤ 1.5)", f"{linear:.2f}", linear <= TARGET_LINEAR))

    print(f"\n[5] 노드 {CARD_NODES:,}개 그래프를 카드 모양 SVG 로 그리기 (draw_graph + render)")
    render = bench_render(reps=5)
    if "skipped" in render:
        print(f"  건너뜀(skipped): {render['skipped']}")
        results.append(("1,000 노드 카드 SVG < 1 s", "건너뜀(skipped)", None))
    else:
        med, lo, hi = median_min_max(render["times"])
        print(
            f"  노드 {render['nodes']}개: 중앙값 {med:.3f} s (최소 {lo:.3f}, 최대 {hi:.3f}), "
            f"첫 호출(렌더러 준비 포함) {render['times'][0]:.3f} s"
        )
        results.append(
            ("1,000 노드 카드 SVG < 1 s (중앙값)", f"{med:.3f} s", med < TARGET_RENDER_S)
        )

    results.extend(bench_gpt.report(args.gpt_rounds))

    print("\n목표")
    for name, value, ok in results:
        mark = "건너뜀(skipped)" if ok is None else verdict(ok)
        print(f"  {mark:14s} {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
