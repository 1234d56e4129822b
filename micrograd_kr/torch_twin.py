"""PyTorch 쌍둥이(twin): 이 패키지의 ``MLP``와 ``GPT``를 같은 숫자의 ``torch.nn.Module``로.

PyTorch는 선택 설치입니다: ``pip install "micrograd_kr[torch]"`` (저장소에서는
``pip install -e ".[torch]"``). ``import micrograd_kr``는 torch를 가져오지 않고, 이 모듈도
``to_torch`` 등을 처음 부를 때에야 가져옵니다. torch가 없으면 설치 방법을 알리는
``ImportError``가 납니다.

>>> from micrograd_kr import MLP
>>> from micrograd_kr.torch_twin import to_torch, from_torch
>>> model = MLP(2, [16, 1], activation="tanh", seed=0)
>>> twin = to_torch(model)                       # doctest: +SKIP
>>> out = twin(torch.tensor([[0.5, -1.0]], dtype=torch.float64))   # doctest: +SKIP
>>> from_torch(twin, model)                      # doctest: +SKIP

**구조와 이름**

- ``MLP`` → ``MLPTwin``: ``twin.layers[i]``는 ``nn.Linear``에 활성화 함수를 붙인 ``LayerTwin``.
  ``model.layers[i].neurons[j].w[k]`` ↔ ``twin.layers[i].weight[j, k]``,
  ``model.layers[i].neurons[j].b`` ↔ ``twin.layers[i].bias[j]``. ``twin(X)``의 ``X``는 점 N개를
  한 행씩 쌓은 ``[N, nin]``, 출력은 ``[N, nout]``입니다. ``Layer`` → ``LayerTwin``,
  ``Neuron`` → ``NeuronTwin``(``weight`` ``[nin]``, ``bias``는 0차원 텐서).
- ``GPT`` → ``GPTTwin``: ``state_dict()``의 열쇠가 ``GPT.state_dict()``와 같습니다
  (microgpt의 ``wte``, ``wpe``, ``lm_head``, ``layer0.attn_wq`` ...; 행 하나가 출력 뉴런 하나).
  ``twin(idx)``는 위치마다 로짓, ``twin.loss(tokens)``는 ``GPT.loss``와 같은 평균 교차 엔트로피,
  ``twin.generate``는 ``GPT.generate``와 같은 규칙의 뽑기입니다.

**옵티마이저와 학습률 일정**

- ``micrograd_kr.Adam(params, lr, betas, eps)`` ↔ ``torch.optim.Adam(twin.parameters(), lr=lr,
  betas=betas, eps=eps)``: 같은 식 (m, v의 이동 평균, 편향 보정, ``lr·m̂/(√v̂ + eps)``).
- ``micrograd_kr.SGD(params, lr, momentum)`` ↔ ``torch.optim.SGD(..., lr=lr, momentum=momentum)``.
- ``gpt.train``의 학습률 ``lr·(1 - step/steps)`` ↔
  ``torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1 - step / steps)``, 단계마다
  ``opt.step()`` 뒤에 ``scheduler.step()``. :func:`train`이 이 짝으로 ``gpt.train``을 따라 합니다.

**숫자는 얼마나 같은가**

float64 쌍둥이(기본)의 손실과 모든 기울기는 이 패키지와 상대 오차 1e-12 안에서 같습니다
(시험에서 잰 최댓값은 README에). 차이는 더하는 순서뿐입니다: 행렬 곱은 합을 다른 순서로 묶어
더하고, 부동소수점 덧셈은 결합 법칙이 성립하지 않으므로 마지막 몇 비트가 다를 수 있습니다.
``dtype=torch.float32``로 만든 쌍둥이는 약 1e-6까지만 같습니다: float32의 유효 숫자는 24비트
(약 7자리, 반올림 한 번에 상대 오차 최대 6e-8)이고, 수백 번의 곱셈과 덧셈을 거치며 그 오차가
쌓이기 때문입니다. 학습을 여러 단계 하면 작은 차이가 조금씩 커집니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from micrograd_kr.floats import short_repr
from micrograd_kr.gpt import GPT
from micrograd_kr.nn import MLP, Layer, Neuron

if TYPE_CHECKING:  # 형식 검사 때만: 실행할 때는 torch를 가져오지 않는다
    import torch

__all__ = ["INSTALL_HINT", "from_torch", "import_torch", "to_torch", "train"]

#: torch가 없을 때 알려 줄 설치 명령
INSTALL_HINT = 'pip install "micrograd_kr[torch]"'

_TWIN_CLASSES = ("NeuronTwin", "LayerTwin", "MLPTwin", "GPTTwin", "BlockTwin")


def import_torch() -> ModuleType:
    """``torch``를 가져옵니다. 없으면 설치 방법을 알리는 한국어 ``ImportError``."""
    try:
        import torch
    except ImportError:
        raise ImportError(
            "PyTorch(torch)가 설치되어 있지 않습니다. 이 기능(micrograd_kr.torch_twin)은 선택 "
            f"설치인 torch가 필요합니다: {INSTALL_HINT} (저장소에서는 "
            'pip install -e ".[torch]"). 리눅스에서 CPU만 쓴다면 PyTorch 누리집(pytorch.org)의 '
            "CPU용 설치 명령으로 torch를 먼저 설치하면 수 GB의 CUDA 라이브러리를 받지 않습니다."
        ) from None
    return torch


def _modules() -> ModuleType:
    import_torch()  # 없으면 한국어 안내
    import micrograd_kr._torch_modules as torch_modules  # torch를 맨 위에서 가져오는 파일

    return torch_modules


def __getattr__(name: str) -> Any:
    """``torch_twin.GPTTwin`` 같은 쌍둥이 클래스는 처음 찾을 때 torch와 함께 읽습니다."""
    if name in _TWIN_CLASSES:
        return getattr(_modules(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _dtype(dtype: Any) -> torch.dtype:
    torch = import_torch()
    if dtype is None:
        return torch.float64
    if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
        raise TypeError(
            f"dtype에는 torch의 실수 자료형이 와야 합니다 (받은 값: {short_repr(dtype)}). "
            "예: torch.float64 (기본, 이 패키지와 같은 숫자), torch.float32"
        )
    return dtype


# ------------------------------------------------------------------ 이 패키지 → torch
def to_torch(model: MLP | Layer | Neuron | GPT, dtype: Any = None) -> torch.nn.Module:
    """``model``과 구조·이름이 같고 가중치를 복사한 쌍둥이(``torch.nn.Module``)를 만듭니다.

    ``dtype``의 기본은 ``torch.float64``: 파이썬의 ``float``와 같은 배정밀도라 숫자가 같습니다.
    쌍둥이는 ``model``과 이어져 있지 않습니다. 학습한 뒤 :func:`from_torch`로 되돌려 넣으세요.
    """
    mods = _modules()
    dtype = _dtype(dtype)
    twin: torch.nn.Module
    if isinstance(model, GPT):
        twin = mods.GPTTwin(**model.config, dtype=dtype)
    elif isinstance(model, MLP):
        layers = [(len(layer.neurons), layer.neurons[0].activation) for layer in model.layers]
        twin = mods.MLPTwin(model.layers[0].nin, layers, dtype)
    elif isinstance(model, Layer):
        twin = mods.LayerTwin(model.nin, len(model.neurons), model.neurons[0].activation, dtype)
    elif isinstance(model, Neuron):
        twin = mods.NeuronTwin(len(model.w), model.activation, dtype)
    else:
        raise TypeError(
            f"to_torch는 MLP, Layer, Neuron, GPT를 받습니다 (받은 것: {type(model).__name__})."
        )
    state = _our_state(model)
    torch = import_torch()
    with torch.no_grad():
        for name, tensor in twin.state_dict(keep_vars=True).items():
            tensor.copy_(torch.tensor(state[name], dtype=dtype))
    return twin


def _our_state(model: MLP | Layer | Neuron | GPT) -> dict[str, Any]:
    """쌍둥이의 이름 → 같은 모양의 (중첩) float 목록."""
    if isinstance(model, GPT):
        return {
            name: [[v.data for v in row] for row in rows]
            for name, rows in model.state_dict().items()
        }
    if isinstance(model, MLP):
        state = {}
        for i, layer in enumerate(model.layers):
            for key, values in _our_state(layer).items():
                state[f"layers.{i}.{key}"] = values
        return state
    if isinstance(model, Layer):
        return {
            "weight": [[w.data for w in n.w] for n in model.neurons],
            "bias": [n.b.data for n in model.neurons],
        }
    return {"weight": [w.data for w in model.w], "bias": model.b.data}


def _our_values(model: MLP | Layer | Neuron | GPT) -> dict[str, Any]:
    """:func:`_our_state`와 같은 모양이되 숫자 대신 모델의 ``Value``."""
    if isinstance(model, GPT):
        return model.state_dict()
    if isinstance(model, MLP):
        state = {}
        for i, layer in enumerate(model.layers):
            for key, values in _our_values(layer).items():
                state[f"layers.{i}.{key}"] = values
        return state
    if isinstance(model, Layer):
        return {"weight": [n.w for n in model.neurons], "bias": [n.b for n in model.neurons]}
    return {"weight": list(model.w), "bias": model.b}


def _shape(nested: Any) -> tuple[int, ...]:
    if isinstance(nested, list):
        return (len(nested), *_shape(nested[0])) if nested else (0,)
    return ()


def _flatten(nested: Any) -> list[Any]:
    if isinstance(nested, list):
        return [x for item in nested for x in _flatten(item)]
    return [nested]


# ------------------------------------------------------------------ torch → 이 패키지
def from_torch(twin: Any, model: MLP | Layer | Neuron | GPT) -> MLP | Layer | Neuron | GPT:
    """쌍둥이(또는 그 ``state_dict()``)의 가중치를 ``model``에 넣고 ``model``을 돌려줍니다.

    torch로 학습한 모델을 이 패키지에서 그리고(``draw_graph``), 탐험하고(``explore``),
    저장(``save``)할 수 있게 합니다. 이름·모양·값(유한한 수)을 모두 검사한 뒤에만 넣으므로,
    맞지 않으면 한국어 ``ValueError``를 내고 ``model``은 그대로입니다.
    """
    torch = import_torch()
    if not isinstance(model, (MLP, Layer, Neuron, GPT)):
        raise TypeError(
            f"from_torch의 model에는 MLP, Layer, Neuron, GPT가 와야 합니다 "
            f"(받은 것: {type(model).__name__})."
        )
    if isinstance(twin, torch.nn.Module):
        state = twin.state_dict()
    elif isinstance(twin, Mapping):
        state = dict(twin)
    else:
        raise TypeError(
            "from_torch의 첫 인자에는 쌍둥이(torch.nn.Module)나 그 state_dict()가 와야 합니다 "
            f"(받은 것: {type(twin).__name__})."
        )
    targets = _our_values(model)
    missing = [k for k in targets if k not in state]
    extra = [k for k in state if k not in targets]
    if missing or extra:
        raise ValueError(
            f"이름이 맞지 않습니다. 없는 이름: {missing[:5]}, 남는 이름: {extra[:5]}. "
            f"{type(model).__name__}에 필요한 이름: {list(targets)[:8]}"
            + (" ..." if len(targets) > 8 else "")
        )
    new: list[tuple[Any, float]] = []
    for name, values in targets.items():
        tensor = state[name]
        if not isinstance(tensor, torch.Tensor):
            raise ValueError(f"'{name}'이(가) 텐서가 아닙니다 (받은 것: {type(tensor).__name__}).")
        want = _shape(values)
        if tuple(tensor.shape) != want:
            raise ValueError(
                f"'{name}'의 모양이 다릅니다: {list(want)}이어야 하는데 {list(tensor.shape)}입니다."
            )
        numbers_ = _flatten(tensor.detach().to("cpu", torch.float64).tolist())
        bad = next((x for x in numbers_ if not math.isfinite(x)), None)
        if bad is not None:
            raise ValueError(f"'{name}'에 유한하지 않은 값({bad})이 있습니다. 모델은 그대로입니다.")
        new.extend(zip(_flatten(values), numbers_))
    for value, number in new:
        value.data = number
    return model


# ------------------------------------------------------------------ 학습
def train(
    twin: torch.nn.Module,
    docs: Sequence[Sequence[int]],
    steps: int = 1000,
    lr: float = 0.01,
    betas: tuple[float, float] = (0.85, 0.99),
    eps: float = 1e-8,
    callback: Callable[[int, float], None] | None = None,
) -> list[float]:
    """``gpt.train``과 같은 학습을 torch로: 단계마다 ``docs[step % len(docs)]``로 손실 →
    ``zero_grad`` → ``backward`` → ``torch.optim.Adam``, 학습률은 ``LambdaLR``로 직선 감소.

    단계마다의 손실 목록을 돌려줍니다. 같은 가중치에서 ``gpt.train(model, docs, steps, lr,
    betas)``과 같은 매개변수에 이릅니다 (float64에서 반올림 차이 안).
    """
    torch = import_torch()
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or steps < 1:
        raise ValueError(f"steps는 1 이상의 정수여야 합니다 (받은 값: {short_repr(steps)}).")
    if len(docs) == 0:
        raise ValueError("학습할 토큰 목록이 없습니다. 낱말을 하나 이상 주세요.")
    optimizer = torch.optim.Adam(twin.parameters(), lr=lr, betas=betas, eps=eps)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0 - step / steps)
    losses = []
    for step in range(steps):
        loss = twin.loss(docs[step % len(docs)])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
        if callback is not None:
            callback(step, losses[-1])
    return losses
