"""학습 루프가 잘못된 입력을 막는지: 정답·입력의 NaN, 생성기, 설정값, 두드려 본 표(SWEEP)."""

from __future__ import annotations

import re
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
    params_of,
    raises,
    sweep_table_test,
)

from micrograd_kr import data
from micrograd_kr.nn import MLP
from micrograd_kr.train import History, evaluate, fit


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
