"""micrograd_kr — 한국어로 배우는 작은 스칼라 자동 미분(autograd) 엔진."""

from micrograd_kr.engine import Value, linear, no_grad, topological_order

__all__ = ["Value", "linear", "no_grad", "topological_order"]
__version__ = "0.1.0"
