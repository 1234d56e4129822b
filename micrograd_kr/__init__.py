"""micrograd_kr — 한국어로 배우는 작은 스칼라 자동 미분(autograd) 엔진.

>>> from micrograd_kr import Value
>>> x = Value(2.0, label="x")
>>> y = x * x + 3 * x
>>> y.backward()
>>> x.grad            # dy/dx = 2x + 3
7.0
"""

from micrograd_kr.autodiff import ForwardResult, ModeComparison, compare_modes, forward_grad, grad
from micrograd_kr.engine import Value, topological_order
from micrograd_kr.fused import linear
from micrograd_kr.jupyter import register_display
from micrograd_kr.losses import (
    binary_cross_entropy,
    cross_entropy,
    hinge,
    log_softmax,
    mse,
    softmax,
)
from micrograd_kr.modes import AnomalyError, detect_anomaly, no_grad
from micrograd_kr.nn import MLP, Layer, Module, Neuron
from micrograd_kr.numerical import GradcheckError, gradcheck, numerical_grad
from micrograd_kr.optim import SGD, Adam
from micrograd_kr.perceptron import AND, NAND, OR, XOR, Perceptron
from micrograd_kr.train import History, fit

__all__ = [
    "AND",
    "NAND",
    "OR",
    "XOR",
    "Perceptron",
    "AnomalyError",
    "GradcheckError",
    "gradcheck",
    "numerical_grad",
    "detect_anomaly",
    "ForwardResult",
    "ModeComparison",
    "compare_modes",
    "forward_grad",
    "grad",
    "MLP",
    "SGD",
    "Adam",
    "History",
    "Layer",
    "Module",
    "Neuron",
    "Value",
    "binary_cross_entropy",
    "cross_entropy",
    "fit",
    "hinge",
    "linear",
    "log_softmax",
    "mse",
    "no_grad",
    "softmax",
    "topological_order",
]
__version__ = "0.1.0"

register_display()  # 주피터에서 Value를 그림으로 (IPython이 돌고 있을 때만)
