"""엔진의 모드(mode) 두 가지: ``no_grad()``와 ``detect_anomaly()``.

- ``no_grad()``: 이 블록 안의 연산은 계산 그래프(computational graph)를 기록하지 않습니다.
- ``detect_anomaly()``: NaN·inf가 생긴 연산(순전파)이나 노드(역전파)에서 곧바로 멈춥니다.

모드는 스레드(thread)마다, asyncio 태스크(task)마다 따로입니다 (PyTorch의 grad mode처럼):
한 스레드의 ``no_grad()``가 다른 스레드의 그래프를 지우면 안 되니까요. 그 구분은 contextvars가
합니다.

속도: 모드를 읽는 데도 노드마다 약 30 ns가 듭니다. 그래서 지금 열려 있는 블록의 수를 (모든
스레드를 합쳐) ``open_blocks``에 세어 두고, 엔진은 이 정수가 0이면 — 거의 언제나 — 모드를
읽지 않습니다. 이 파일은 ``Value``를 불러오지 않습니다: 노드는 공개 그래프 API(``op``,
``inputs``, ``local_grads``, ``label``, ``data``)로만 읽습니다.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from itertools import repeat
from typing import Any

from micrograd_kr.floats import name_of, require_type, short_repr
from micrograd_kr.korean import particle

__all__ = [
    "AnomalyError",
    "check_backward",
    "check_forward",
    "check_tape",
    "detect_anomaly",
    "is_anomaly_enabled",
    "is_grad_enabled",
    "no_grad",
    "open_blocks",
    "require_graph",
]

_grad_mode: ContextVar[bool] = ContextVar("micrograd_kr_grad_mode", default=True)
_anomaly_mode: ContextVar[bool] = ContextVar("micrograd_kr_anomaly_mode", default=False)
open_blocks = 0  # 모든 스레드에서 지금 열려 있는 no_grad()·detect_anomaly() 블록 수
_lock = threading.Lock()


def no_grad() -> AbstractContextManager[None]:
    """이 블록 안에서는 연산이 그래프를 기록하지 않습니다 (평가·추론용, 더 빠르고 가볍다).

    이 스레드(와 이 asyncio 태스크)에서만 그렇습니다. 다른 스레드는 그대로 기록합니다.

    >>> from micrograd_kr import Value
    >>> with no_grad():
    ...     y = Value(2.0) * 3
    >>> y.inputs
    ()
    """
    return _set_mode(_grad_mode, False)


def detect_anomaly(enabled: bool = True) -> AbstractContextManager[None]:
    """이 블록 안에서는 NaN이나 ±inf가 생기는 순간 ``AnomalyError``로 멈춥니다.

    - 순전파: 어떤 연산의 결과가 NaN·inf이면 그 연산, 피연산자 값, 이름표를 알려 줍니다.
    - 역전파(``backward()``, ``grad()``): 기울기가 처음 NaN·inf가 된 노드와, 그 값을 보낸
      노드(국소 미분 × 상류 기울기)를 알려 줍니다.

    꺼져 있을 때(기본)는 엔진이 정수 하나만 확인하므로 비용이 없습니다. 블록을 나가면 (오류가
    나도) 이전 상태로 돌아가고, 겹쳐 쓸 수 있습니다 (``detect_anomaly(False)``로 안쪽에서 잠시
    끌 수도 있습니다). ``no_grad()``처럼 이 스레드(와 이 asyncio 태스크)에서만 켜집니다.
    """
    if not isinstance(enabled, bool):
        raise TypeError(
            "detect_anomaly()의 enabled에는 True나 False가 와야 합니다. "
            f"받은 값: {short_repr(enabled)} "
            f"(자료형 {type(enabled).__name__}). 켜려면 detect_anomaly(), 끄려면 "
            "detect_anomaly(False)로 쓰세요."
        )
    return _set_mode(_anomaly_mode, enabled)


def is_grad_enabled() -> bool:
    """이 스레드(태스크)에서 지금 그래프를 기록하는 중인지 알려줍니다."""
    return _grad_mode.get()


def is_anomaly_enabled() -> bool:
    """이 스레드(태스크)에서 지금 이상 탐지(``detect_anomaly``)가 켜져 있는지 알려줍니다."""
    return open_blocks > 0 and _anomaly_mode.get()


@contextmanager
def _set_mode(mode: ContextVar[bool], value: bool) -> Iterator[None]:
    """모드 하나를 블록 동안 바꿨다가 (오류가 나도) 되돌립니다. 열린 블록 수도 셉니다."""
    global open_blocks
    with _lock:
        open_blocks += 1
    previous = mode.get()
    mode.set(value)
    try:
        yield
    finally:
        mode.set(previous)
        with _lock:
            open_blocks -= 1


# ------------------------------------------------------------ 이상 탐지
class AnomalyError(ArithmeticError):
    """이상 탐지(anomaly detection) 중 NaN이나 ±inf가 나왔을 때 일어나는 오류."""


def describe(node: Any, inputs: Sequence[Any] | None = None) -> str:
    """오류 메시지용 설명: 노드를 만든 연산, 노드의 이름표(label), 피연산자 값."""
    inputs = node.inputs if inputs is None else inputs
    if not inputs:
        return f"잎(leaf) 노드 {name_of(node)} (값 {node.data!r})"
    label = f" {name_of(node)}" if node.label else ""
    values = ", ".join(f"{c.data!r}" + (f"({name_of(c)})" if c.label else "") for c in inputs)
    return f"연산 '{node.op}'의 결과 노드{label} (피연산자 값: {values})"


def check_forward(out: Any, inputs: Sequence[Any]) -> None:
    """순전파 검사: 연산의 결과값이 NaN이나 ±inf이면 곧바로 멈춘다.

    ``inputs``는 연산의 입력들 (no_grad 안에서 기록되지 않았어도 메시지에 보여 주려고)."""
    if not math.isfinite(out.data):
        raise AnomalyError(
            f"순전파(forward)에서 {out.data!r}이(가) 나왔습니다: {describe(out, inputs)}. "
            "입력이 너무 크지 않은지(예: exp(1000)), 아주 작은 수로 나누지 않는지 확인하세요."
        )


def check_backward(order: Sequence[Any], grads: dict[Any, float] | None = None) -> None:
    """역전파 검사: 기울기가 처음으로 NaN·±inf가 된 노드와, 그 값을 보낸 노드를 알린다.

    ``grads``가 주어지면 ``node.grad`` 대신 그 사전(dict)에서 기울기를 읽는다. 노드는
    출력 → 입력 순서(위상 정렬의 역순)로 처리되므로, 그 순서에서 처음 만나는 나쁜 노드의 윗
    노드들은 모두 기울기가 유한하다. 원인은 그 노드로 흘러 들어온 '국소 미분 × 상류 기울기'
    가운데 하나다.
    """
    backwards = order[::-1]
    for i, node in enumerate(backwards):
        g = node.grad if grads is None else grads[node]
        if math.isfinite(g):
            continue
        message = f"역전파(backward)에서 {describe(node)}의 기울기가 {g!r}이(가) 되었습니다."
        for parent in backwards[:i]:
            pg = parent.grad if grads is None else grads[parent]
            for child, local in zip(parent.inputs, parent.local_grads):
                if child is node and not math.isfinite(local * pg):
                    raise AnomalyError(
                        f"{message} 원인: {describe(parent)}의 국소 미분(local derivative) "
                        f"{local!r} × 상류 기울기 {pg!r} = {local * pg!r}. "
                        "미분이 무한대인 점(예: 0에서의 x**0.5)이나 너무 큰 값을 피하세요."
                    )
        raise AnomalyError(
            f"{message} 원인: 유한한 기울기들을 더하다가 넘쳤거나(overflow), "
            "이전 역전파에서 쌓인 값입니다. zero_grad()를 불렀는지, 값이 너무 크지 않은지 보세요."
        )


def require_graph(root: Any, who: str) -> None:
    """no_grad() 안에서 만든 결과는 미분할 그래프가 없다. 조용히 0을 주지 않고 알린다.

    진짜 잎 노드(``Value(3)``)는 연산 이름이 비어 있고, no_grad()에서 만든 결과는 연산
    이름은 있는데 입력이 없다.
    """
    if root.op and not root.inputs:
        raise RuntimeError(
            f"{who}: {name_of(root)}은(는) no_grad() 블록 안에서 연산 '{root.op}'(으)로 "
            "만들어져 계산 그래프(computational graph)가 기록되지 않았습니다. 미분할 그래프가 "
            "없습니다. 기울기가 필요하면 no_grad() 밖에서 다시 계산하세요."
        )


def check_tape(order: list[Any], root: Any, node_type: type) -> list[Any]:
    """``backward(order=...)``의 목록을 봅니다: 노드(``node_type``)만, 한 번씩, 마지막이 ``root``,
    그리고 목록의 노드마다 입력이 **목록에서 먼저 나오거나 잎(leaf) 노드**여야 합니다.

    빠진 중간 노드가 있으면 그 노드를 거쳐 가는 기울기가 사라지고(예: 64가 16으로), 입력이 뒤에
    있으면 모이기 전의 기울기를 보냅니다: 둘 다 조용히 틀린 답이므로 오류로 알립니다. 확인은
    간선(edge)마다 한 번, 위상 정렬과 비슷한 일입니다. GPT의 학습 단계는 모델이 스스로 만든
    테이프를 쓰므로 이 확인을 거치지 않습니다 (``micrograd_kr.gpt.training``)."""
    require_type(order, list, "backward(order=...)에는 만든 순서대로 적은 노드 목록을 주세요.")
    if not order or order[-1] is not root:
        raise ValueError(
            f"backward(order=...)의 목록(길이 {len(order)})은 backward()를 부른 노드 "
            f"{name_of(root)}로 끝나야 합니다. 그 노드를 만든 뒤에 목록 끝에 덧붙이세요."
        )
    if not all(map(isinstance, order, repeat(node_type))):
        i = next(i for i, x in enumerate(order) if not isinstance(x, node_type))
        raise TypeError(
            f"backward(order=...)의 목록에서 {i}번 항목이 노드가 아닙니다 (자료형 "
            f"{type(order[i]).__name__}). 연산으로 만든 노드만 적으세요."
        )
    position = {node: i for i, node in enumerate(order)}
    if len(position) != len(order):
        raise ValueError(
            "backward(order=...)의 목록에 같은 노드가 두 번 있습니다. 두 번 적으면 기울기를 두 번 "
            "보내게 되니, 노드마다 만들 때 한 번만 적으세요."
        )
    get, leaves = position.get, set()  # 목록 밖의 입력(대개 매개변수)은 잎인지 한 번만 본다
    for i, node in enumerate(order):
        for child in node.inputs:
            j = get(child)
            if j is None:
                if child not in leaves:
                    if child.inputs:
                        raise ValueError(
                            f"backward(order=...)의 목록에 {i}번 노드 {describe(node)}의 입력인 "
                            f"중간 노드 {particle(name_of(child), '이')} 없습니다 (연산 "
                            f"{child.op!r}의 결과). 그 노드를 거쳐 가는 기울기를 잃게 됩니다: "
                            "노드를 만들 때마다 목록에 적거나, order 없이 backward()를 부르세요."
                        )
                    leaves.add(child)
            elif j > i:
                raise ValueError(
                    f"backward(order=...)의 목록에서 {j}번 노드 {particle(name_of(child), '이')} "
                    f"그것을 입력으로 쓰는 {i}번 노드보다 뒤에 있습니다. 목록은 만든 순서(입력이 "
                    "먼저)여야 합니다."
                )
    return order
