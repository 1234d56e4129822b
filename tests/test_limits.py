"""크기 한도(limits.py) 시험: 메모리 어림값은 실제로 잰 메모리(tracemalloc)와 맞고, 쓸 수 있는
메모리는 그럴듯한 수입니다.
"""

from __future__ import annotations

import tracemalloc

import pytest

from micrograd_kr import data, limits
from micrograd_kr.nn import MLP
from micrograd_kr.optim import Adam


def test_memory_estimates_match_tracemalloc() -> None:
    """어림값은 실제로 잰 메모리(tracemalloc)와 두 배 안쪽으로 맞아야 한다."""
    for hidden in ([16, 16], [64], [8]):
        sizes = [*hidden, 1]
        model = MLP(2, sizes, seed=0)
        X, y = data.moons(400, seed=0)
        rows = [[float(a), float(b)] for a, b in X]
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        outs = [model(r) for r in rows]
        loss = sum((o - t) ** 2 for o, t in zip(outs, y.tolist()))
        loss.backward()
        used = (tracemalloc.get_traced_memory()[0] - before) / len(rows)
        tracemalloc.stop()
        estimate = limits.graph_bytes_per_sample(2, sizes)
        assert 0.5 < estimate / used < 2.0, (hidden, estimate, used)
        del outs, loss

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    model = MLP(2, [100, 100, 1], seed=0)
    opt = Adam(model.parameters(), lr=0.01)
    for p in model.parameters():
        p.grad = p.data * 0.5  # 학습 중처럼 기울기마다 새 float
    opt.step()
    per_parameter = (tracemalloc.get_traced_memory()[0] - before) / len(model.parameters())
    tracemalloc.stop()
    assert 0.5 < limits.BYTES_PER_PARAMETER / per_parameter < 2.0, per_parameter


def test_available_memory_is_a_plausible_number() -> None:
    available = limits.available_memory()
    if available is None:
        pytest.skip("이 운영체제에서는 쓸 수 있는 메모리를 알 수 없습니다")
    assert 10_000_000 < available < 10**15
