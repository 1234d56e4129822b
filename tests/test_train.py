"""학습 루프 테스트: 손으로 쓴 학습 한 단계와 같은지, 실제로 배우는지, 설정과 기록."""

from __future__ import annotations

import random

import numpy as np
import pytest
from support_robust import (
    XOR_X,
    XOR_Y,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    params_of,
)

from micrograd_kr import data, losses
from micrograd_kr.nn import MLP, Module
from micrograd_kr.optim import SGD, Adam
from micrograd_kr.train import History, evaluate, fit


class CountingSGD(SGD):
    """step() 이 몇 번 불렸는지 세는 SGD — 미니배치 수를 확인하는 데 씁니다."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        super().step()


# ------------------------------------------------------------------ 손으로 쓴 루프와 같다
@pytest.mark.parametrize("loss", ["mse", "hinge", "binary_cross_entropy"])
def test_one_full_batch_epoch_equals_hand_written_step(loss: str) -> None:
    X, y = data.moons(12, noise=0.1, seed=5)
    model = MLP(2, [4, 1], activation="tanh", seed=1)
    reference = MLP(2, [4, 1], activation="tanh", seed=1)

    history = fit(model, X, y, loss=loss, epochs=1, lr=0.1, l2=0.01, progress=False)

    outs = [reference(list(x)) for x in X]
    if loss == "mse":
        value = losses.mse(outs, list(y))
    elif loss == "hinge":
        value = losses.hinge(outs, [2 * t - 1 for t in y])  # 0/1 → -1/+1
    else:
        value = losses.binary_cross_entropy([o.sigmoid() for o in outs], list(y))
    value = value + losses.l2(reference.parameters(), 0.01)
    reference.zero_grad()
    value.backward()
    SGD(reference.parameters(), lr=0.1).step()

    assert history.loss[0] == pytest.approx(value.data, rel=1e-12)
    np.testing.assert_allclose(
        [p.data for p in model.parameters()],
        [p.data for p in reference.parameters()],
        rtol=1e-12,
        atol=1e-15,
    )


def test_cross_entropy_epoch_equals_hand_written_step() -> None:
    X, y = data.spiral(9, classes=3, seed=0)
    model = MLP(2, [5, 3], seed=2)
    reference = MLP(2, [5, 3], seed=2)
    history = fit(
        model, X, y, loss="cross_entropy", optimizer="adam", lr=0.01, epochs=1, progress=False
    )
    value = losses.cross_entropy([reference(list(x)) for x in X], list(y))
    value.backward()
    Adam(reference.parameters(), lr=0.01).step()
    assert history.loss[0] == pytest.approx(value.data, rel=1e-12)
    np.testing.assert_allclose(
        [p.data for p in model.parameters()], [p.data for p in reference.parameters()], rtol=1e-12
    )


# ------------------------------------------------------------------ 실제로 배운다
@pytest.mark.parametrize("loss,lr", [("mse", 0.1), ("binary_cross_entropy", 0.5)])
def test_fit_learns_xor(loss: str, lr: float) -> None:
    X, y = data.xor()
    model = MLP(2, [8, 1], activation="tanh", seed=0)
    history = fit(model, X, y, loss=loss, epochs=200, lr=lr, progress=False)
    assert history.loss[-1] < 0.1 * history.loss[0]
    outs = [model(list(x)).data for x in X]
    threshold = 0.5 if loss == "mse" else 0.0  # mse 는 0/1 을 직접, BCE 는 로짓 z>0 ⇔ σ(z)>0.5
    assert [int(o > threshold) for o in outs] == list(y)


def test_fit_moons_demo_reaches_97_percent() -> None:
    X, y = data.moons(100, noise=0.1)
    model = MLP(2, [16, 16, 1], seed=0)
    history = fit(
        model,
        X,
        y,
        loss="hinge",
        l2=1e-4,
        lr_schedule=lambda k: 1.0 - 0.9 * k / 100,
        epochs=100,
        progress=False,
    )
    assert evaluate(model, X, y, "hinge") >= 0.97
    assert history.accuracy[-1] >= 0.97
    assert history.loss[-1] < 0.2 * history.loss[0]


def test_fit_cross_entropy_on_three_class_spiral() -> None:
    X, y = data.spiral(60, classes=3, seed=0)
    model = MLP(2, [16, 16, 3], seed=0)
    history = fit(
        model, X, y, loss="cross_entropy", optimizer="adam", lr=0.05, epochs=40, progress=False
    )
    accuracy = evaluate(model, X, y, "cross_entropy")
    assert accuracy >= 0.8  # 우연(chance)은 1/3
    assert history.loss[-1] < 0.5 * history.loss[0]


# ------------------------------------------------------------------ 미니배치·기록·설정
@pytest.mark.parametrize("batch_size,per_epoch", [(None, 1), (4, 3), (1, 10), (10, 1), (50, 1)])
def test_batch_size_sets_number_of_steps(batch_size, per_epoch) -> None:
    X, y = data.moons(10, seed=0)
    model = MLP(2, [3, 1], seed=0)
    opt = CountingSGD(model.parameters(), lr=0.05)
    fit(model, X, y, optimizer=opt, epochs=3, batch_size=batch_size, progress=False)
    assert opt.steps == 3 * per_epoch


def test_minibatch_training_learns_xor() -> None:
    X, y = data.xor()
    model = MLP(2, [8, 1], activation="tanh", seed=0)
    history = fit(
        model, X, y, loss="binary_cross_entropy", batch_size=1, epochs=100, lr=0.3, progress=False
    )
    assert history.loss[-1] < 0.2 * history.loss[0]
    assert history.accuracy[-1] == 1.0


def test_minibatch_order_depends_on_seed() -> None:
    X, y = data.moons(20, seed=0)
    runs = []
    for seed in (0, 0, 1):
        model = MLP(2, [4, 1], seed=0)
        fit(model, X, y, epochs=2, batch_size=5, seed=seed, progress=False)
        runs.append([p.data for p in model.parameters()])
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


@pytest.mark.parametrize("loss", ["hinge", "mse", "binary_cross_entropy"])
def test_history_lengths(loss: str) -> None:
    X, y = data.xor()
    history = fit(MLP(2, [4, 1], seed=0), X, y, loss=loss, epochs=7, progress=False)
    assert isinstance(history, History)
    assert len(history) == len(history.loss) == len(history.accuracy) == 7
    if loss == "mse":  # 회귀 손실에는 정확도가 없다
        assert history.accuracy == [None] * 7
    else:
        assert all(0.0 <= a <= 1.0 for a in history.accuracy)


def test_lr_schedule_sets_learning_rate_each_epoch() -> None:
    X, y = data.xor()
    model = MLP(2, [4, 1], seed=0)
    opt = SGD(model.parameters(), lr=123.0)
    seen = []

    def schedule(k: int) -> float:
        seen.append(k)
        return 0.5 / (k + 1)

    fit(model, X, y, optimizer=opt, epochs=4, lr_schedule=schedule, progress=False)
    assert seen == [0, 1, 2, 3]
    assert opt.lr == pytest.approx(0.5 / 4)


def test_progress_false_prints_nothing(capsys) -> None:
    X, y = data.xor()
    fit(MLP(2, [4, 1], seed=0), X, y, epochs=3, progress=False)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_progress_true_shows_a_bar(capsys) -> None:
    X, y = data.xor()
    fit(MLP(2, [4, 1], seed=0), X, y, epochs=3, progress=True)
    captured = capsys.readouterr()
    assert "3/3" in captured.out + captured.err


def test_evaluate_hinge_accuracy_by_hand() -> None:
    model = MLP(1, [1], seed=0)  # 출력 = w·x (편향 0)
    model.layers[0].neurons[0].w[0].data = 1.0
    X = [[-2.0], [-1.0], [0.5], [3.0]]
    assert evaluate(model, X, [0, 0, 1, 1], "hinge") == 1.0
    assert evaluate(model, X, [0, 1, 1, 0], "hinge") == 0.5
    assert evaluate(model, X, [-1, -1, -1, 1], "hinge") == 0.75


def test_evaluate_binary_cross_entropy_thresholds_sigmoid_at_half() -> None:
    model = MLP(1, [1], seed=0)  # 출력(로짓) = x, 확률 = σ(x)
    model.layers[0].neurons[0].w[0].data = 1.0
    X = [[-2.0], [-0.2], [0.3], [3.0]]  # σ: 0.12, 0.45, 0.57, 0.95
    assert evaluate(model, X, [0, 0, 1, 1], "binary_cross_entropy") == 1.0
    assert evaluate(model, X, [0, 1, 0, 1], "binary_cross_entropy") == 0.5


def test_evaluate_cross_entropy_picks_largest_logit() -> None:
    model = MLP(1, [3], seed=0)  # 로짓 = (x, -x, 0.5)
    for neuron, w in zip(model.layers[0].neurons, (1.0, -1.0, 0.0)):
        neuron.w[0].data = w
    model.layers[0].neurons[2].b.data = 0.5
    X = [[2.0], [-2.0], [0.1], [-0.1]]  # 가장 큰 로짓: 0, 1, 2, 2
    assert evaluate(model, X, [0, 1, 2, 2], "cross_entropy") == 1.0
    assert evaluate(model, X, [0, 0, 0, 2], "cross_entropy") == 0.5


def test_fit_seed_none_shuffles_with_the_global_generator() -> None:
    runs = []
    for _ in range(2):
        random.seed(42)
        model = MLP(2, [4, 1], seed=0)
        fit(model, XOR_X, XOR_Y, epochs=3, batch_size=1, seed=None, progress=False)
        runs.append(params_of(model))
    random.seed(43)
    other = MLP(2, [4, 1], seed=0)
    fit(other, XOR_X, XOR_Y, epochs=3, batch_size=1, seed=None, progress=False)
    assert runs[0] == runs[1]
    assert params_of(other) != runs[0]


def test_fit_pauses_the_cyclic_gc_only_during_a_step_and_restores_it() -> None:
    """학습 한 단계 동안만 순환 쓰레기 수집기를 쉬게 하고, 끝나면 원래대로 되돌린다."""
    import gc

    from micrograd_kr.train import cyclic_gc_paused

    seen: list[bool] = []
    model = MLP(2, [2, 1], seed=0)
    real_call = model.__call__

    class Watch(Module):
        def __call__(self, x):
            seen.append(gc.isenabled())
            return real_call(x)

        def parameters(self):
            return model.parameters()

    assert gc.isenabled()
    fit(Watch(), [[0.0, 1.0], [1.0, 0.0]], [1, 0], loss="hinge", epochs=1, progress=False)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # 사용자가 꺼 둔 것은 켜지 않는다
    finally:
        gc.enable()
