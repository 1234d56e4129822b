"""학습 루프 테스트: 손으로 쓴 학습 한 단계와 같은지, 실제로 배우는지, 잘못된 입력을 막는지."""

from __future__ import annotations

import random
import re
import signal
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from support_robust import (
    BIG,
    INF,
    NAN,
    XOR_X,
    XOR_Y,
    gives,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    needs_sigint,
    params_of,
    raises,
    sweep_table_test,
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


# ------------------------------------------------------------------ 잘못된 입력
@pytest.mark.parametrize("loss", ["mse", "l1"])
def test_evaluate_refuses_losses_without_accuracy(loss: str) -> None:
    X, y = data.xor()
    with pytest.raises(ValueError, match=loss):
        evaluate(MLP(2, [4, 1], seed=0), X, y, loss)


def test_evaluate_refuses_mismatched_lengths() -> None:
    X, y = data.xor()
    with pytest.raises(ValueError, match="4.*2"):
        evaluate(MLP(2, [4, 1], seed=0), X, y[:2], "hinge")


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"loss": "l1"}, "l1"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": -3}, "epochs"),
        ({"epochs": 2.5}, "epochs"),
        ({"epochs": True}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"optimizer": "rmsprop"}, "rmsprop"),
    ],
)
def test_bad_settings_raise_value_error(kwargs, match) -> None:
    X, y = data.xor()
    with pytest.raises(ValueError, match=match):
        fit(MLP(2, [4, 1], seed=0), X, y, progress=False, **kwargs)


def test_mismatched_lengths_raise_value_error() -> None:
    X, y = data.xor()
    with pytest.raises(ValueError, match="4.*3"):
        fit(MLP(2, [4, 1], seed=0), X, y[:3], progress=False)


def test_empty_data_raises_value_error() -> None:
    with pytest.raises(ValueError):
        fit(MLP(2, [4, 1], seed=0), [], [], progress=False)


def test_hinge_rejects_other_labels() -> None:
    X, _ = data.xor()
    with pytest.raises(ValueError):
        fit(MLP(2, [4, 1], seed=0), X, [0, 1, 2, 1], loss="hinge", progress=False)


def test_failed_fit_does_not_touch_the_model() -> None:
    X, y = data.xor()
    model = MLP(2, [4, 1], seed=0)
    before = [p.data for p in model.parameters()]
    with pytest.raises(ValueError):
        fit(model, X, y, epochs=0, progress=False)
    assert [p.data for p in model.parameters()] == before


XOR_ROWS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]

# (X, y, loss) → (오류 종류, 메시지 조각). 생성기는 펼치지 않고 거절한다: 한 번 읽으면 비어서
# 학습 뒤 같은 것으로 evaluate 를 부르면 조용히 틀린 값이 나오므로.
BAD_DATA = [
    (lambda: XOR_ROWS, lambda: [None, 1, 0, 0], "hinge", TypeError, "정답 y[0](0번 행)의 값 None"),
    (lambda: XOR_ROWS, lambda: [0, 1, None, 0], "mse", TypeError, "y[2](2번 행)의 값 None"),
    (
        lambda: XOR_ROWS,
        lambda: [0, "1", 1, 0],
        "binary_cross_entropy",
        TypeError,
        "'1'(자료형 str)",
    ),
    (lambda: XOR_ROWS, lambda: [[0.0], [None], [1.0], [0.0]], "mse", TypeError, "y[1][0]"),
    (lambda: (r for r in XOR_ROWS), lambda: [0, 1, 1, 0], "hinge", TypeError, "X는 리스트처럼"),
    (lambda: XOR_ROWS, lambda: (t for t in [0, 1, 1, 0]), "hinge", TypeError, "y = list(y)"),
    (lambda: XOR_ROWS, lambda: map(int, "0110"), "hinge", TypeError, "자료형: map"),
]


@pytest.mark.parametrize(("make_x", "make_y", "loss", "kind", "message"), BAD_DATA)
def test_bad_targets_and_generators_are_refused_in_korean(make_x, make_y, loss, kind, message):
    model = MLP(2, [4, 1], seed=0)
    before = [p.data for p in model.parameters()]
    with pytest.raises(kind) as info:
        fit(model, make_x(), make_y(), loss=loss, epochs=1, progress=False)
    assert message in str(info.value)
    assert [p.data for p in model.parameters()] == before
    if loss != "mse":
        with pytest.raises(kind, match=re.escape(message)):
            evaluate(model, make_x(), make_y(), loss)


def test_numpy_and_tuple_data_are_still_accepted() -> None:
    X, y = data.xor()
    history = fit(
        MLP(2, [4, 1], seed=0), tuple(map(tuple, X)), np.asarray(y), epochs=2, progress=False
    )
    assert len(history) == 2


# ============================================================ 적대적인 입력
class NthStepSGD(SGD):
    """step()을 부른 횟수(steps)를 세는 SGD: 아래 클래스들이 n 번째 단계에서 할 일을 정한다."""

    def __init__(self, params, lr: float, n: int) -> None:
        super().__init__(params, lr=lr)
        self.n, self.steps = n, 0


class FrozenAfter(NthStepSGD):
    """n 번째 단계까지만 움직이고 그 뒤의 step()은 아무것도 하지 않는 SGD (독립 기준)."""

    def step(self) -> None:
        self.steps += 1
        if self.steps <= self.n:
            super().step()


class CtrlCDuring(NthStepSGD):
    """n 번째 step() 안에서 진짜 SIGINT를 자신에게 보내고, 그 단계를 끝까지 마치는 SGD."""

    def __init__(self, params, lr: float, n: int, presses: int = 1) -> None:
        super().__init__(params, lr, n)
        self.presses = presses

    def step(self) -> None:
        self.steps += 1
        if self.steps == self.n:
            for _ in range(self.presses):
                signal.raise_signal(signal.SIGINT)
        super().step()


class RaiseInStep(NthStepSGD):
    """n 번째 step()에서 움직이기 전에 KeyboardInterrupt를 일으키는 SGD."""

    def step(self) -> None:
        self.steps += 1
        if self.steps == self.n:
            raise KeyboardInterrupt
        super().step()


def reference_after_steps(steps: int, epochs: int, batch_size: int | None) -> list[float]:
    """정확히 ``steps`` 단계만 움직인 모델의 매개변수 (멈춤 기능을 쓰지 않고 만든 기준)."""
    model = MLP(2, [4, 1], seed=3)
    opt = FrozenAfter(model.parameters(), lr=0.1, n=steps)
    fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=epochs, batch_size=batch_size, progress=False)
    return params_of(model)


def test_keyboard_interrupt_from_lr_schedule_returns_history_so_far() -> None:
    def schedule(epoch: int) -> float:
        if epoch == 3:
            raise KeyboardInterrupt
        return 0.1

    model = MLP(2, [4, 1], seed=3)
    history = fit(model, XOR_X, XOR_Y, epochs=50, lr_schedule=schedule, progress=False)
    reference = MLP(2, [4, 1], seed=3)
    expected = fit(reference, XOR_X, XOR_Y, epochs=3, lr=0.1, progress=False)
    assert history.interrupted is True
    assert history.loss == expected.loss and len(history) == 3
    assert params_of(model) == params_of(reference)
    assert expected.interrupted is False


def test_keyboard_interrupt_raised_inside_a_patched_step_keeps_finished_epochs() -> None:
    model = MLP(2, [4, 1], seed=3)
    opt = RaiseInStep(model.parameters(), lr=0.1, n=4)
    history = fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=50, progress=False)
    assert history.interrupted and len(history) == 3
    assert params_of(model) == reference_after_steps(3, epochs=3, batch_size=None)


@needs_sigint
def test_real_sigint_finishes_the_current_full_batch_step() -> None:
    model = MLP(2, [4, 1], seed=3)
    opt = CtrlCDuring(model.parameters(), lr=0.1, n=3)
    history = fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=50, progress=False)
    assert history.interrupted and len(history) == 3  # 3번째 단계(=에폭)를 끝까지 마쳤다
    assert params_of(model) == reference_after_steps(3, epochs=3, batch_size=None)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # 처리기를 되돌렸다


@needs_sigint
def test_real_sigint_mid_epoch_keeps_the_step_but_records_only_whole_epochs() -> None:
    # 배치 2 → 에폭당 2단계. 3번째 단계(2번째 에폭의 첫 단계)에서 Ctrl-C.
    model = MLP(2, [4, 1], seed=3)
    opt = CtrlCDuring(model.parameters(), lr=0.1, n=3)
    history = fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=50, batch_size=2, progress=False)
    assert history.interrupted and len(history) == 1
    assert params_of(model) == reference_after_steps(3, epochs=2, batch_size=2)


@needs_sigint
def test_second_sigint_stops_at_once_and_still_returns_history() -> None:
    model = MLP(2, [4, 1], seed=3)
    opt = CtrlCDuring(model.parameters(), lr=0.1, n=2, presses=2)
    history = fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=50, progress=False)
    assert history.interrupted and len(history) == 1  # 2번째 단계는 움직이기 전에 끊겼다
    assert params_of(model) == reference_after_steps(1, epochs=1, batch_size=None)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_progress_bar_says_it_was_interrupted(capsys) -> None:
    model = MLP(2, [4, 1], seed=3)
    fit(model, XOR_X, XOR_Y, optimizer=RaiseInStep(model.parameters(), 0.1, 3), epochs=9)
    assert "중단됨" in capsys.readouterr().err


def test_fit_in_a_worker_thread_also_stops_on_keyboard_interrupt() -> None:
    """주 스레드가 아니면 신호 처리기를 바꿀 수 없다: 그래도 KeyboardInterrupt는 받아 준다."""
    result: dict[str, Any] = {}

    def work() -> None:
        model = MLP(2, [4, 1], seed=3)
        opt = RaiseInStep(model.parameters(), lr=0.1, n=3)
        result["history"] = fit(model, XOR_X, XOR_Y, optimizer=opt, epochs=9, progress=False)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert result["history"].interrupted and len(result["history"]) == 2


@pytest.mark.parametrize("bad", [NAN, INF, -INF])
def test_fit_refuses_non_finite_inputs_naming_row_and_column(bad: float) -> None:
    model = MLP(2, [3, 1], seed=0)
    before = params_of(model)
    X = [[0.1, 0.2], [0.3, 0.4], [0.1, bad]]
    with pytest.raises(ValueError, match=r"X\[2\]\[1\]\(2번 행, 1번 열\)의 값이 "):
        fit(model, X, [1, -1, 1], loss="hinge", progress=False)
    assert params_of(model) == before


def test_fit_refuses_nan_in_a_numpy_array_as_the_issue_reported() -> None:
    X = np.array([[0.1, NAN], [0.2, 0.3]])
    with pytest.raises(ValueError, match=r"X\[0\]\[1\].*nan"):
        fit(MLP(2, [3, 1], seed=0), X, [1, -1], loss="hinge", progress=False)


@pytest.mark.parametrize(
    "loss, y, where",
    [
        ("mse", [0.5, NAN, 0.1], r"y\[1\] \(1번 행\)"),
        ("mse", [[0.5], [0.2], [INF]], r"y\[2\]\[0\] \(2번 행, 0번 열\)"),
        ("hinge", [1, -1, NAN], r"y\[2\] \(2번 행\)"),
        ("binary_cross_entropy", np.array([0.0, -INF, 1.0]), r"y\[1\] \(1번 행\)"),
    ],
)
def test_fit_refuses_non_finite_targets_naming_the_row(loss: str, y: Any, where: str) -> None:
    X = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
    with pytest.raises(ValueError, match=where):
        fit(MLP(2, [3, 1], seed=0), X, y, loss=loss, progress=False)


def test_evaluate_refuses_non_finite_inputs() -> None:
    with pytest.raises(ValueError, match=r"X\[1\]\[0\]"):
        evaluate(MLP(2, [3, 1], seed=0), [[0.0, 0.0], [INF, 0.0]], [0, 1], "hinge")


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


def test_hinge_training_on_nan_model_is_not_a_perfect_zero_loss() -> None:
    """issue: NaN 매개변수로 힌지 손실이 '완벽한' 0.0이 되던 경우 — 이제는 멈춘다."""
    model = MLP(2, [3, 1], seed=0)
    for p in model.parameters():
        p.data = NAN
    with pytest.raises(FloatingPointError, match="nan"):
        fit(model, XOR_X, XOR_Y, loss="hinge", epochs=2, progress=False)


@pytest.mark.parametrize("rate", [NAN, -1.0, 0.0, INF, "0.1", None])
def test_fit_refuses_bad_lr_schedule_values_naming_the_epoch(rate: Any) -> None:
    model = MLP(2, [3, 1], seed=0)
    schedule = lambda k: 0.1 if k < 2 else rate  # noqa: E731
    with pytest.raises(ValueError, match=r"lr_schedule\(2\)이 돌려준 학습률"):
        fit(model, XOR_X, XOR_Y, epochs=5, lr_schedule=schedule, progress=False)


@pytest.mark.parametrize("l2", [-1.0, -1e-9, NAN, INF, "0.1"])
def test_fit_refuses_bad_l2(l2: Any) -> None:
    with pytest.raises(ValueError, match="l2는 0 이상의 유한한 수"):
        fit(MLP(2, [3, 1], seed=0), XOR_X, XOR_Y, l2=l2, progress=False)


def _fit(X: Any = XOR_X, y: Any = XOR_Y, loss: str = "hinge", **kwargs: Any) -> History:
    kwargs.setdefault("epochs", 3)
    return fit(MLP(2, [3, 1], seed=0), X, y, loss=loss, progress=False, **kwargs)


def _stop_at(epoch: int) -> Callable[[int], float]:
    def schedule(k: int) -> float:
        if k == epoch:
            raise KeyboardInterrupt
        return 0.1

    return schedule


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 학습 루프
    (
        "fit X에 nan",
        lambda: _fit(X=[[0.0, NAN], [1.0, 1.0]], y=[0, 1]),
        raises(ValueError, r"X\[0\]\[1\]"),
    ),
    (
        "fit X에 최대 float (손실이 넘침, 전에도 됨)",
        lambda: _fit(X=[[BIG, BIG], [1.0, 1.0]], y=[0, 1], loss="mse"),
        raises(FloatingPointError, "손실이 inf"),
    ),
    (
        "fit X에 문자열 (전에는 영어 오류)",
        lambda: _fit(X=[["0.5", 1.0], [1.0, 1.0]], y=[0, 1]),
        raises(TypeError, r"X\[0\]\[0\]"),
    ),
    (
        "fit X의 행이 숫자 (전에는 영어 오류)",
        lambda: _fit(X=[1.0, 2.0], y=[0, 1]),
        raises(TypeError, r"X\[0\]\(0번 행\)"),
    ),
    (
        "fit y에 inf (mse)",
        lambda: _fit(X=[[0.0, 0.0], [1.0, 1.0]], y=[0.5, INF], loss="mse"),
        raises(ValueError, r"y\[1\]"),
    ),
    ("fit lr=nan (전에도 거절)", lambda: _fit(lr=NAN), raises(ValueError, "유한한 양수")),
    (
        "fit lr_schedule → nan",
        lambda: _fit(lr_schedule=lambda k: NAN),
        raises(ValueError, r"lr_schedule\(0\)"),
    ),
    (
        "fit lr_schedule → -1",
        lambda: _fit(lr_schedule=lambda k: -1),
        raises(ValueError, "유한한 양수"),
    ),
    (
        "fit lr_schedule → None",
        lambda: _fit(lr_schedule=lambda k: None),
        raises(ValueError, "숫자가 와야"),
    ),
    ("fit l2=-1", lambda: _fit(l2=-1.0), raises(ValueError, "l2")),
    ("fit l2=nan", lambda: _fit(l2=NAN), raises(ValueError, "l2")),
    ("fit l2=inf", lambda: _fit(l2=INF), raises(ValueError, "l2")),
    ("fit batch_size=True", lambda: _fit(batch_size=True), raises(ValueError, "batch_size")),
    (
        "fit epochs=10**9은 Ctrl-C로 멈출 수 있다 (lr_schedule에서)",
        lambda: _fit(epochs=10**9, lr_schedule=_stop_at(2)),
        gives(lambda h: h.interrupted and len(h) == 2),
    ),
    (
        "fit이 잘 끝나면 interrupted=False",
        lambda: _fit(epochs=2),
        gives(lambda h: h.interrupted is False and len(h) == 2),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)


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
