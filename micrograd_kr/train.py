"""학습 루프(training loop): ``fit(model, X, y, ...)``.

한 에폭(epoch)마다 데이터를 미니배치(mini-batch)로 나누어
순전파 → 손실 → ``zero_grad`` → 역전파 → ``optimizer.step()`` 을 되풀이하고,
진행 막대(progress bar)와 함께 손실·정확도 기록(history)을 남깁니다.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from micrograd_kr import losses
from micrograd_kr.engine import Value, no_grad
from micrograd_kr.nn import Module
from micrograd_kr.optim import SGD, Adam, Optimizer

LOSSES = ("hinge", "mse", "binary_cross_entropy", "cross_entropy")


@dataclass
class History:
    """에폭마다의 평균 손실과 정확도(accuracy, 분류가 아니면 None)."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.loss)


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


def _prepare_targets(kind: str, y: Sequence[Any]) -> list[Any]:
    ys = [v.tolist() if hasattr(v, "tolist") else v for v in y]
    if kind == "hinge":
        labels = set(ys)
        if labels <= {0, 1}:  # 0/1 정답은 힌지 손실용 -1/+1 로 바꾼다
            ys = [1 if v == 1 else -1 for v in ys]
        elif not labels <= {-1, 1}:
            raise ValueError(f"hinge 손실의 정답은 0/1 이나 -1/+1 이어야 합니다: {sorted(labels)}")
    return ys


def _make_optimizer(optimizer: Optimizer | str, model: Module, lr: float) -> Optimizer:
    if isinstance(optimizer, Optimizer):
        return optimizer
    if optimizer == "sgd":
        return SGD(model.parameters(), lr=lr)
    if optimizer == "adam":
        return Adam(model.parameters(), lr=lr)
    raise ValueError(f"optimizer 는 'sgd', 'adam' 이나 Optimizer 객체여야 합니다: {optimizer!r}")


def evaluate(model: Module, X: Sequence[Sequence[float]], y: Sequence[Any], loss: str) -> float:
    """그래프를 만들지 않고(no_grad) 정확도를 잽니다."""
    if loss not in LOSSES or loss == "mse":
        raise ValueError(
            f"정확도는 분류 손실에서만 잴 수 있습니다: {loss!r}. "
            "'hinge', 'binary_cross_entropy', 'cross_entropy' 중 하나를 주세요."
        )
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(f"X 는 {len(X)}개, y 는 {len(y)}개입니다. 같은 수(1 이상)여야 합니다.")
    ys = _prepare_targets(loss, y)
    with no_grad():
        hits = [_correct(loss, _outputs(model, x), t) for x, t in zip(X, ys)]
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
      (출력 하나를 sigmoid 로 확률로 바꿈), ``"cross_entropy"`` (출력 여러 개 = 로짓, 정답은 번호).
    - ``optimizer``: ``"sgd"``, ``"adam"`` 또는 직접 만든 ``Optimizer`` (이때 ``lr`` 은 무시).
    - ``batch_size``: None 이면 전체 배치(full batch). 배치 순서는 ``seed`` 로 섞습니다.
    - ``l2``: L2 정규화 계수 — 손실에 ``l2 · Σ p²`` 를 더합니다.
    - ``lr_schedule``: 에폭 번호 → 학습률. 예: ``lambda k: 1.0 - 0.9 * k / 100``.
    """
    if loss not in LOSSES:
        raise ValueError(f"알 수 없는 손실 {loss!r}. 다음 중 하나: {', '.join(LOSSES)}")
    if len(X) != len(y):
        raise ValueError(f"X 는 {len(X)}개, y 는 {len(y)}개입니다. 샘플 수가 같아야 합니다.")
    if len(X) == 0:
        raise ValueError("학습 데이터가 비어 있습니다.")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs 는 1 이상의 정수여야 합니다 (받은 값: {epochs!r}).")
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise ValueError(f"batch_size 는 1 이상의 정수나 None 이어야 합니다: {batch_size!r}")

    xs = [[float(v) for v in row] for row in X]
    ys = _prepare_targets(loss, y)
    opt = _make_optimizer(optimizer, model, lr)
    params = model.parameters()
    size = batch_size or len(xs)
    rng = random.Random(seed)
    history = History()

    bar = _progress(epochs, progress)
    for epoch in range(epochs):
        if lr_schedule is not None:
            opt.lr = lr_schedule(epoch)
        order = list(range(len(xs)))
        if size < len(xs):
            rng.shuffle(order)
        total_loss, hits, counted = 0.0, 0, 0
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            outs = [_outputs(model, xs[i]) for i in batch]
            batch_loss = _loss_on(loss, outs, [ys[i] for i in batch])
            if l2:
                batch_loss = batch_loss + losses.l2(params, l2)
            if not math.isfinite(batch_loss.data):
                raise FloatingPointError(
                    f"에폭 {epoch + 1}에서 손실이 {batch_loss.data} 가 되었습니다. "
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
        history.loss.append(total_loss / len(xs))
        history.accuracy.append(hits / counted if counted else None)
        if bar is not None:
            acc = history.accuracy[-1]
            postfix = {"손실": f"{history.loss[-1]:.4f}"}
            if acc is not None:
                postfix["정확도"] = f"{acc:.1%}"
            bar.set_postfix(postfix)
            bar.update(1)
    if bar is not None:
        bar.close()
    return history


def _progress(epochs: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=epochs, desc="학습", unit="에폭")
