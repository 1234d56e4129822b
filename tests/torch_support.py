"""PyTorch 쌍둥이 시험이 함께 쓰는 것: torch가 없을 때 건너뛰는 이유, 상대 오차."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

#: torch가 없을 때 쌍둥이 시험을 건너뛰는 이유 (무엇을 설치하면 되는지)
SKIP_REASON = (
    "PyTorch(torch)가 없어 PyTorch가 필요한 시험(쌍둥이, 텐서 연습 문제)을 건너뜁니다. 돌리려면 "
    'pip install -e ".[torch]" (CI 는 .ci/run 에서 CPU 용 torch==2.13.0 을 설치합니다)'
)

HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason=SKIP_REASON)

if HAS_TORCH:
    import torch

    # 작은 텐서뿐이라 스레드 하나가 빠르다. CI 는 두 Python 의 시험을 코어 둘에 나눠 돌리므로,
    # 스레드 둘이 서로를 기다리면 수십 배 느려질 수 있다.
    torch.set_num_threads(1)


def rel_error(got: Any, want: Any) -> float:
    """텐서 하나의 상대 오차: max|got - want| / max|want| (둘 다 float64로 바꿔서).

    칸마다 나누지 않는 까닭: 상쇄로 0에 가까워진 칸(예: 1e-20)은 칸마다의 상대 오차가 크게
    보이지만, 텐서 전체의 크기에 비하면 반올림 차이일 뿐이다. ``want``가 모두 0이면 절대 오차.
    """
    import torch

    a = torch.as_tensor(got, dtype=torch.float64).detach()
    b = torch.as_tensor(want, dtype=torch.float64).detach()
    assert a.shape == b.shape, (a.shape, b.shape)
    scale = float(b.abs().max()) if b.numel() else 0.0
    diff = float((a - b).abs().max()) if b.numel() else 0.0
    return diff / scale if scale > 0.0 else diff
