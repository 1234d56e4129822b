"""신경망(neural network) 부품: ``Module``, ``Neuron``, ``Layer``, ``MLP``.

PyTorch처럼 모든 부품은 ``parameters()``로 학습할 값들을 돌려주고,
``zero_grad()``로 그 기울기를 0으로 되돌립니다.
"""

from __future__ import annotations

import numbers
import os
import random
from collections.abc import Sequence
from typing import Any

from micrograd_kr import limits, serialize
from micrograd_kr.engine import Value, as_value
from micrograd_kr.floats import short_repr
from micrograd_kr.fused import linear

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "elu", "linear")


class Module:
    """모든 신경망 부품의 바탕 클래스."""

    def parameters(self) -> list[Value]:
        """학습할 매개변수(parameter) Value 들의 목록."""
        return []

    def zero_grad(self) -> None:
        """모든 매개변수의 기울기를 0으로 되돌립니다. 역전파 전에 부르세요."""
        for p in self.parameters():
            p.grad = 0.0

    # ------------------------------------------- 저장과 불러오기 (JSON, serialize.py)
    def state_dict(self) -> dict[str, Any]:
        """구조(architecture)와 매개변수 값을 담은 사전. 모양은 ``serialize`` 모듈 설명을 보세요."""
        return serialize.state_dict(self)

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """값을 모두 검사한 뒤 넣습니다. 실패(ValueError)하면 모델은 그대로입니다."""
        serialize.load_state_dict(self, state)

    def save(self, path: str | os.PathLike) -> None:
        """모델을 JSON 파일로 저장합니다 (pickle 아님: 불러올 때 코드가 실행되지 않음)."""
        serialize.save(self, path)

    def load(self, path: str | os.PathLike) -> Module:
        """JSON 파일의 매개변수를 **이 모델에** 넣고 자신을 돌려줍니다.

        구조가 같은 모델을 먼저 만든 뒤 부르세요: ``model = MLP(2, [16, 1]).load("m.json")``.
        파일이 손상되었거나 구조가 다르면 ValueError를 일으키고 모델은 바뀌지 않습니다.
        """
        serialize.load(self, path)
        return self


def _check_activation(activation: str) -> str:
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"알 수 없는 활성화 함수(activation) {short_repr(activation)}입니다. "
            f"다음 중 하나를 고르세요: {', '.join(ACTIVATIONS)}"
        )
    return activation


def _activate(z: Value, activation: str) -> Value:
    if activation == "relu":
        return z.relu()
    if activation == "tanh":
        return z.tanh()
    if activation == "sigmoid":
        return z.sigmoid()
    if activation == "leaky_relu":
        return z.leaky_relu()
    if activation == "elu":
        return z.elu()
    return z  # linear: 그대로


def _check_count(n: Any, what: str) -> int:
    """뉴런 수·입력 수는 1 이상의 정수 (2.0, '2', True는 받지 않는다)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(
            f"{what}에는 정수가 와야 합니다. 받은 값: {short_repr(n)} "
            f"(자료형(type) {type(n).__name__}). "
            "예: 16"
        )
    if n < 1:
        raise ValueError(f"{what}은(는) 1 이상이어야 합니다 (받은 값: {short_repr(n)}).")
    return int(n)


def _check_fits(nin: int, nouts: Sequence[int], who: str) -> None:
    """매개변수가 메모리에 들어가지 않을 크기면 만들기 전에 거절한다 (어림값을 밝힘)."""
    count = limits.mlp_parameter_count(nin, nouts)
    limits.check_memory(
        count * limits.BYTES_PER_PARAMETER,
        f"{who}의 매개변수 {limits.format_count(count)} 개",
        "층의 크기(뉴런 수, 입력 수)를 줄이세요.",
    )


def _check_length(xs: Sequence[Any], expected: int, who: str) -> None:
    if len(xs) != expected:
        raise ValueError(
            f"{who}의 입력 길이가 맞지 않습니다: {expected}개가 필요한데 {len(xs)}개를 받았습니다."
        )


class Neuron(Module):
    """뉴런(neuron) 하나: 활성화(Σ wᵢ·xᵢ + b).

    가중합은 노드 하나(``engine.linear``)로 계산합니다. 곱셈·덧셈 노드를 하나씩 이어 붙인
    교과서 모양의 그래프가 보고 싶다면 ``sum((wi * xi for wi, xi in zip(w, x)), b)``처럼
    직접 써 보세요 — 값과 기울기는 같습니다.
    """

    def __init__(
        self, nin: int, activation: str = "relu", rng: random.Random | None = None
    ) -> None:
        nin = _check_count(nin, "뉴런의 입력 개수 nin")
        _check_fits(nin, [1], "이 뉴런")
        # rng가 None이면 random 모듈의 생성기에서 뽑는다: random.seed(...)로 재현된다
        uniform = rng.uniform if rng is not None else random.uniform
        self.activation = _check_activation(activation)
        self.w = [Value(uniform(-1.0, 1.0)) for _ in range(nin)]
        self.b = Value(0.0)

    def __call__(self, x: Sequence[Any]) -> Value:
        _check_length(x, len(self.w), "뉴런")
        return _activate(linear(self.w, x, self.b), self.activation)

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]

    def __repr__(self) -> str:
        return f"Neuron(nin={len(self.w)}, activation={short_repr(self.activation)})"


class Layer(Module):
    """같은 입력을 받는 뉴런들의 층(layer). 언제나 출력 목록(list)을 돌려줍니다."""

    def __init__(
        self, nin: int, nout: int, activation: str = "relu", rng: random.Random | None = None
    ) -> None:
        nin = _check_count(nin, "층의 입력 개수 nin")
        nout = _check_count(nout, "층의 뉴런 수 nout")
        _check_fits(nin, [nout], "이 층")
        self.neurons = [Neuron(nin, activation, rng) for _ in range(nout)]

    @property
    def nin(self) -> int:
        return len(self.neurons[0].w)

    def __call__(self, x: Sequence[Any]) -> list[Value]:
        _check_length(x, self.nin, "층")
        xs = [as_value(xi, "Layer 입력") for xi in x]  # 숫자 입력은 한 번만 Value로 감싼다
        return [n(xs) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        act = self.neurons[0].activation
        return f"Layer(nin={self.nin}, nout={len(self.neurons)}, activation={short_repr(act)})"


def _check_sizes(nin: Any, nouts: Any) -> tuple[int, list[int]]:
    nin = _check_count(nin, "MLP의 입력 개수 nin")
    if isinstance(nouts, (str, bytes)) or not isinstance(nouts, Sequence):
        raise TypeError(
            f"nouts에는 층마다 뉴런 수를 담은 목록이 와야 합니다 (예: [16, 16, 1]). "
            f"받은 값: {short_repr(nouts)} (자료형 {type(nouts).__name__})."
        )
    if not nouts:
        raise ValueError("nouts에는 층마다 뉴런 수를 하나 이상 주세요 (예: [16, 16, 1]).")
    sizes = [_check_count(n, f"nouts[{i}] (층 {i + 1}의 뉴런 수)") for i, n in enumerate(nouts)]
    _check_fits(nin, sizes, "이 MLP")
    return nin, sizes


class MLP(Module):
    """다층 퍼셉트론(multi-layer perceptron). 마지막 층은 활성화 없는 선형(linear) 층입니다.

    >>> model = MLP(2, [16, 16, 1], seed=0)   # 입력 2개 → 16 → 16 → 출력 1개
    >>> y = model([0.5, -1.0])                 # 출력이 하나면 Value, 여럿이면 list

    가중치는 -1과 1 사이에서 고르게(uniform) 뽑고 편향(bias)은 0에서 시작합니다.

    - ``seed=정수``: 이 모델만의 난수 생성기(``random.Random(seed)``)를 씁니다. 같은 seed면
      언제나 같은 모델이고, 파이썬의 전역 난수 상태는 건드리지 않습니다.
    - ``seed=None`` (기본): ``random`` 모듈의 전역 생성기에서 뽑습니다(``random.uniform``).
      그래서 karpathy의 micrograd 노트북처럼 ``random.seed(1337)``을 먼저 부르면 실행할
      때마다 같은 모델이 나옵니다.
    """

    def __init__(
        self,
        nin: int,
        nouts: Sequence[int],
        activation: str = "relu",
        seed: int | None = None,
    ) -> None:
        nin, nouts = _check_sizes(nin, nouts)
        _check_activation(activation)
        rng = random.Random(seed) if seed is not None else None  # None: 전역 random을 따른다
        sizes = [nin, *nouts]
        self.layers = [
            Layer(sizes[i], sizes[i + 1], activation if i < len(nouts) - 1 else "linear", rng)
            for i in range(len(nouts))
        ]

    def __call__(self, x: Sequence[Any]) -> Value | list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        inner = ", ".join(str(layer) for layer in self.layers)
        return f"MLP([{inner}])"
