"""학습 루프(training loop): ``fit(model, X, y, ...)``.

한 에폭(epoch)마다 데이터를 미니배치(mini-batch)로 나누어
순전파 → 손실 → ``zero_grad`` → 역전파 → ``optimizer.step()``을 되풀이하고,
진행 막대(progress bar)와 함께 손실·정확도 기록(history)을 남깁니다.

학습 중에 Ctrl-C(KeyboardInterrupt)를 누르면 지금 단계를 마친 뒤 멈추고, 그때까지의 기록을
``interrupted=True``로 표시해 돌려줍니다. 배운 것은 모델에 그대로 남습니다.
"""

from __future__ import annotations

import gc
import math
import numbers
import random
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from micrograd_kr import losses
from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr, to_float
from micrograd_kr.modes import no_grad
from micrograd_kr.nn import Module
from micrograd_kr.optim import SGD, Adam, Optimizer, check_lr

LOSSES = ("hinge", "mse", "binary_cross_entropy", "cross_entropy")


@dataclass
class History:
    """에폭마다의 평균 손실과 정확도(accuracy, 분류가 아니면 None).

    ``interrupted``는 Ctrl-C로 멈췄으면 True입니다. 그때 ``loss``·``accuracy``에는 끝까지
    마친 에폭만 들어 있습니다 (마치지 못한 에폭의 단계들도 모델에는 이미 반영되어 있습니다).
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float | None] = field(default_factory=list)
    interrupted: bool = False

    def __len__(self) -> int:
        return len(self.loss)


def interrupted_summary(history: History, epochs: int) -> str:
    """멈춘 학습의 한 줄 요약: ``중단했습니다: 에폭 37/100000, 손실 0.1234``."""
    if not history.loss:
        return f"중단했습니다: 에폭 0/{epochs} (끝까지 마친 에폭이 없어 손실 기록이 없습니다)"
    return f"중단했습니다: 에폭 {len(history)}/{epochs}, 손실 {history.loss[-1]:.4f}"


def _outputs(model: Callable[[Sequence[float]], Any], x: Sequence[float]) -> list[Value]:
    out = model(x)
    return list(out) if isinstance(out, list) else [out]


def _loss_on(kind: str, outs: list[list[Value]], ys: list[Any]) -> Value:
    if kind == "hinge":
        return losses.hinge([o[0] for o in outs], ys)
    if kind == "mse":
        preds = [v for o in outs for v in o]
        targets = [t for y in ys for t in (y if isinstance(y, Sequence) else [y])]
        return losses.mse(preds, targets)
    if kind == "binary_cross_entropy":
        return losses.binary_cross_entropy([o[0].sigmoid() for o in outs], ys)
    return losses.cross_entropy(outs, ys)


def _correct(kind: str, out: list[Value], y: Any) -> bool | None:
    if kind == "hinge":
        return (out[0].data > 0) == (y > 0)
    if kind == "binary_cross_entropy":
        return (out[0].data > 0) == (y > 0.5)  # sigmoid(z) > 0.5 ⇔ z > 0
    if kind == "cross_entropy":
        best = max(range(len(out)), key=lambda k: out[k].data)
        return best == y
    return None


def _check_sized(data: object, name: str) -> None:
    """X, y는 길이와 번호가 있는 자료(리스트, 튜플, numpy 배열)만: 생성기는 받지 않는다.

    생성기(generator)나 반복자(iterator)는 한 번 읽으면 비어서, 학습 뒤 같은 것으로
    ``evaluate``를 부르면 조용히 틀린 값이 나온다. 그래서 받아서 펼치지 않고 거절한다.
    """
    if not (hasattr(data, "__len__") and hasattr(data, "__getitem__")):
        raise TypeError(
            f"{name}는 리스트처럼 길이가 있는 자료여야 합니다 (받은 값의 자료형: "
            f"{type(data).__name__}). 생성기(generator)나 반복자(iterator)는 한 번 읽으면 비므로 "
            f"받지 않습니다: list(...)로 감싸 주세요 (예: {name} = list({name}))."
        )


def _check_number_targets(kind: str, ys: list[Any]) -> None:
    """cross_entropy가 아닌 손실의 정답은 숫자(또는 숫자 목록)여야 한다: 몇 번째인지 밝힌다."""
    for i, t in enumerate(ys):
        items = t if isinstance(t, (list, tuple)) else [t]
        for j, v in enumerate(items):
            if not isinstance(v, numbers.Real):
                where = f"y[{i}][{j}]" if items is t else f"y[{i}]"
                raise TypeError(
                    f"정답 {where}({i}번 행)의 값 {short_repr(v)}"
                    f"(자료형 {type(v).__name__})은(는) 숫자가 "
                    f"아닙니다. {kind} 손실의 정답은 숫자여야 합니다. 빠진 값(None)은 채우거나 "
                    "그 행을 빼세요."
                )


def _prepare_targets(kind: str, y: Sequence[Any]) -> list[Any]:
    ys = [v.tolist() if hasattr(v, "tolist") else v for v in y]
    if kind != "cross_entropy":  # cross_entropy는 클래스 번호를 손실 함수가 검사한다
        _check_number_targets(kind, ys)
    _check_finite_targets(ys)
    if kind == "hinge":
        labels = set(ys)
        if labels <= {0, 1}:  # 0/1 정답은 힌지 손실용 -1/+1로 바꾼다
            ys = [1 if v == 1 else -1 for v in ys]
        elif not labels <= {-1, 1}:
            raise ValueError(f"hinge 손실의 정답은 0/1이나 -1/+1이어야 합니다: {sorted(labels)}")
    return ys


_NOT_FINITE_HINT = (
    "NaN·±inf가 섞인 데이터로는 손실이 조용히 틀어집니다. 빠진 값을 채우거나 그 행을 빼세요."
)


def _check_finite_targets(ys: list[Any]) -> None:
    """정답 y에 NaN·±inf가 있으면 몇 번째(행, 열)인지 밝혀 멈춘다."""
    for i, t in enumerate(ys):
        items = t if isinstance(t, (list, tuple)) else [t]
        for j, v in enumerate(items):
            if isinstance(v, numbers.Real) and not math.isfinite(v):
                where = f"y[{i}][{j}] ({i}번 행, {j}번 열)" if items is t else f"y[{i}] ({i}번 행)"
                raise ValueError(f"정답 {where}의 값이 {short_repr(v)}입니다. {_NOT_FINITE_HINT}")


def _check_inputs(X: Sequence[Sequence[float]]) -> list[list[float]]:
    """입력 X를 float 목록들로 바꾸며 숫자인지, 유한한지 검사한다 (행·열 번호는 0부터)."""
    rows = []
    for i, row in enumerate(X):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__iter__"):
            raise TypeError(
                f"입력 X[{i}]({i}번 행)은(는) 숫자 목록이어야 합니다 (받은 값: {short_repr(row)}). "
                "X는 [[x0, x1], [x0, x1], ...]처럼 행마다 숫자 목록을 주세요."
            )
        values = [to_float(v, f"입력 X[{i}][{j}]({i}번 행, {j}번 열)") for j, v in enumerate(row)]
        for j, v in enumerate(values):
            if not math.isfinite(v):
                raise ValueError(
                    f"입력 X[{i}][{j}]({i}번 행, {j}번 열)의 값이 {short_repr(v)}입니다. "
                    f"{_NOT_FINITE_HINT}"
                )
        rows.append(values)
    return rows


def _check_l2(l2: object) -> float:
    if isinstance(l2, bool) or not isinstance(l2, numbers.Real) or not 0.0 <= l2 < math.inf:
        raise ValueError(
            f"L2 정규화 계수 l2는 0 이상의 유한한 수여야 합니다 (받은 값: {short_repr(l2)}). "
            "끄려면 0, 보통은 1e-4 같은 작은 값을 씁니다."
        )
    return float(l2)


def _make_optimizer(optimizer: Optimizer | str, model: Module, lr: float) -> Optimizer:
    if isinstance(optimizer, Optimizer):
        return optimizer
    if optimizer == "sgd":
        return SGD(model.parameters(), lr=lr)
    if optimizer == "adam":
        return Adam(model.parameters(), lr=lr)
    raise ValueError(
        f"optimizer는 'sgd', 'adam' 이나 Optimizer 객체여야 합니다: {short_repr(optimizer)}"
    )


def evaluate(model: Module, X: Sequence[Sequence[float]], y: Sequence[Any], loss: str) -> float:
    """그래프를 만들지 않고(no_grad) 정확도를 잽니다."""
    if loss not in LOSSES or loss == "mse":
        raise ValueError(
            f"정확도는 분류 손실에서만 잴 수 있습니다: {short_repr(loss)}. "
            "'hinge', 'binary_cross_entropy', 'cross_entropy' 중 하나를 주세요."
        )
    _check_sized(X, "X")
    _check_sized(y, "y")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(f"X는 {len(X)}개, y는 {len(y)}개입니다. 같은 수(1 이상)여야 합니다.")
    xs = _check_inputs(X)
    ys = _prepare_targets(loss, y)
    with no_grad():
        hits = [_correct(loss, _outputs(model, x), t) for x, t in zip(xs, ys)]
    return sum(bool(h) for h in hits) / len(hits)


def fit(
    model: Module,
    X: Sequence[Sequence[float]],
    y: Sequence[Any],
    loss: str = "hinge",
    optimizer: Optimizer | str = "sgd",
    epochs: int = 100,
    batch_size: int | None = None,
    lr: float = 0.1,
    l2: float = 0.0,
    lr_schedule: Callable[[int], float] | None = None,
    seed: int | None = 0,
    progress: bool = True,
) -> History:
    """모델을 학습시키고 에폭마다의 손실·정확도 기록을 돌려줍니다.

    - ``loss``: ``"hinge"`` (정답 0/1 또는 -1/+1), ``"mse"``, ``"binary_cross_entropy"``
      (출력 하나를 sigmoid로 확률로 바꿈), ``"cross_entropy"`` (출력 여러 개 = 로짓, 정답은 번호).
    - ``optimizer``: ``"sgd"``, ``"adam"`` 또는 직접 만든 ``Optimizer`` (이때 ``lr``은 무시).
    - ``batch_size``: None이면 전체 배치(full batch). 배치 순서는 ``seed``로 섞습니다.
    - ``l2``: L2 정규화 계수 — 손실에 ``l2 · Σ p²``를 더합니다.
    - ``lr_schedule``: 에폭 번호 → 학습률. 예: ``lambda k: 1.0 - 0.9 * k / 100``.
      돌려준 값이 유한한 양수가 아니면(NaN, 0, 음수) 그 에폭에서 ValueError로 멈춥니다.
    - ``seed``: 미니배치를 섞는 순서. ``None``이면 ``random`` 모듈의 전역 생성기를 씁니다
      (``random.seed(...)``로 재현됨).

    X와 y에 NaN·±inf가 있으면 학습 전에 몇 번째 행·열인지 밝혀 ValueError를 냅니다.
    Ctrl-C를 누르면 지금 단계를 마치고 멈춰 ``interrupted=True``인 기록을 돌려줍니다
    (한 번 더 누르면 단계를 마치기를 기다리지 않습니다).
    """
    if loss not in LOSSES:
        raise ValueError(f"알 수 없는 손실 {short_repr(loss)}. 다음 중 하나: {', '.join(LOSSES)}")
    _check_sized(X, "X")
    _check_sized(y, "y")
    if len(X) != len(y):
        raise ValueError(f"X는 {len(X)}개, y는 {len(y)}개입니다. 샘플 수가 같아야 합니다.")
    if len(X) == 0:
        raise ValueError("학습 데이터가 비어 있습니다.")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs는 1 이상의 정수여야 합니다 (받은 값: {short_repr(epochs)}).")
    if batch_size is not None and (
        isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1
    ):
        raise ValueError(
            f"batch_size는 1 이상의 정수나 None이어야 합니다: {short_repr(batch_size)}"
        )
    l2 = _check_l2(l2)

    xs = _check_inputs(X)
    ys = _prepare_targets(loss, y)
    opt = _make_optimizer(optimizer, model, lr)
    params = model.parameters()
    size = batch_size or len(xs)
    rng = random.Random(seed) if seed is not None else random
    history = History()

    bar = _progress(epochs, progress)
    try:
        with stop_after_step_on_ctrl_c() as stop:
            for epoch in range(epochs):
                if lr_schedule is not None:
                    opt.lr = check_lr(lr_schedule(epoch), f"lr_schedule({epoch})이 돌려준 학습률")
                order = list(range(len(xs)))
                if size < len(xs):
                    rng.shuffle(order)
                total_loss, hits, counted = 0.0, 0, 0
                for start in range(0, len(order), size):
                    batch = order[start : start + size]
                    with cyclic_gc_paused():  # 그래프에는 순환이 없다: 한 단계 동안 수집기는 쉰다
                        outs = [_outputs(model, xs[i]) for i in batch]
                        batch_loss = _loss_on(loss, outs, [ys[i] for i in batch])
                        if l2:
                            batch_loss = batch_loss + losses.l2(params, l2)
                        if not math.isfinite(batch_loss.data):
                            raise FloatingPointError(
                                f"에폭 {epoch + 1}에서 손실이 {batch_loss.data}가 되었습니다. "
                                "학습률(lr)을 줄여 보세요."
                            )
                        opt.zero_grad()
                        batch_loss.backward()
                        opt.step()
                    total_loss += batch_loss.data * len(batch)
                    for i, out in zip(batch, outs):
                        c = _correct(loss, out, ys[i])
                        if c is not None:
                            hits += c
                            counted += 1
                    if stop.requested and start + size < len(order):
                        break  # Ctrl-C: 이 단계는 마쳤다. 에폭의 나머지는 하지 않는다
                else:  # 에폭을 끝까지 마쳤을 때만 기록한다
                    history.loss.append(total_loss / len(xs))
                    history.accuracy.append(hits / counted if counted else None)
                    _show(bar, history)
                if stop.requested:
                    break
    except KeyboardInterrupt:  # 단계 도중에 멈췄다 (두 번째 Ctrl-C, 또는 다른 신호 처리기)
        history.interrupted = True
    else:
        history.interrupted = stop.requested
    finally:
        if bar is not None:
            if history.interrupted:
                bar.set_description("학습 (중단됨)")
            bar.close()
    return history


class _StopRequest:
    """Ctrl-C를 받았다는 표시. 학습 루프가 단계를 마칠 때마다 들여다본다."""

    requested = False


@contextmanager
def stop_after_step_on_ctrl_c() -> Iterator[_StopRequest]:
    """블록 동안 Ctrl-C(SIGINT)가 학습을 단계 한가운데서 끊지 않고 '멈춰 달라'는 표시만 하게 한다.

    신호 처리기(signal handler)는 주 스레드(main thread)에서만, 그리고 파이썬 기본 처리기
    (KeyboardInterrupt를 일으키는 것)가 걸려 있을 때만 바꿉니다. 블록을 나가면 되돌립니다.
    두 번째 Ctrl-C는 기다리지 않고 곧바로 KeyboardInterrupt를 일으킵니다.
    """
    stop = _StopRequest()
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield stop
        return

    def on_ctrl_c(signum: int, frame: object) -> None:
        if stop.requested:
            raise KeyboardInterrupt
        stop.requested = True

    signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _show(bar: Any, history: History) -> None:
    if bar is None:
        return
    acc = history.accuracy[-1]
    postfix = {"손실": f"{history.loss[-1]:.4f}"}
    if acc is not None:
        postfix["정확도"] = f"{acc:.1%}"
    bar.set_postfix(postfix)
    bar.update(1)


def _progress(epochs: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=epochs, desc="학습", unit="에폭")


# 다른 학습 루프(예: micrograd_kr.gpt.train)도 같은 Ctrl-C 처리를 쓴다


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """블록 동안 파이썬의 순환 쓰레기 수집기(cyclic garbage collector)를 쉬게 합니다.

    계산 그래프에는 참조 순환이 없어(노드는 입력만 가리킨다) 다 쓴 노드는 참조 카운팅으로
    곧바로 사라집니다. 그런데 노드를 수만 개 만드는 동안 수집기는 "순환이 있나" 하고 살아 있는
    객체를 거듭 훑습니다 — 찾을 것이 없는데도. 한 단계 동안 쉬게 하면 학습 한 단계가 약 10–15%
    빨라집니다. 끝나면 (오류가 나도) 원래대로 돌립니다.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
