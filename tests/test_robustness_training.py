"""잃는 것도, 조용히 틀리는 것도 없게: Ctrl-C, 나쁜 데이터, 시드, 스레드별 모드, NaN, 검증.

앞부분은 하나하나 고친 경우의 테스트이고, 맨 끝의 ``SWEEP`` 표는 공개 API(엔진, nn, 옵티마이저,
학습 루프, 데이터)를 적대적으로 두드려 본 경우를 **모두** 적은 것입니다. 표의 "전에도 됨" 표시가
있는 줄은 고치기 전에도 올바르던 경우로, 그대로 지켜지는지 확인합니다.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from micrograd_kr import data, modes
from micrograd_kr.autodiff import AnomalyError, detect_anomaly, forward_grad, grad, gradcheck
from micrograd_kr.cli import main
from micrograd_kr.engine import Value
from micrograd_kr.fused import linear
from micrograd_kr.modes import is_anomaly_enabled, is_grad_enabled, no_grad
from micrograd_kr.nn import MLP
from micrograd_kr.numerical import GradcheckError
from micrograd_kr.optim import SGD, Adam
from micrograd_kr.train import History, evaluate, fit

NAN, INF = math.nan, math.inf
HANGUL = re.compile("[가-힣]")
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [0, 1, 1, 0]


def params_of(model: MLP) -> list[float]:
    return [p.data for p in model.parameters()]


@pytest.fixture(autouse=True)
def modes_are_default_around_each_test():
    """모든 테스트는 기본 모드에서 시작하고, 끝나면 열린 모드 블록이 남지 않는다."""
    assert is_grad_enabled() and not is_anomaly_enabled()
    yield
    assert modes.open_blocks == 0
    assert is_grad_enabled() and not is_anomaly_enabled()


needs_sigint = pytest.mark.skipif(
    sys.platform == "win32" or signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="SIGINT가 파이썬 기본 처리기(KeyboardInterrupt)인 POSIX 에서만 잴 수 있습니다",
)


# =============================================================== 1. Ctrl-C로 멈추기
class FrozenAfter(SGD):
    """n 번째 단계까지만 움직이고 그 뒤의 step()은 아무것도 하지 않는 SGD (독립 기준)."""

    def __init__(self, params, lr: float, n: int) -> None:
        super().__init__(params, lr=lr)
        self.n, self.steps = n, 0

    def step(self) -> None:
        self.steps += 1
        if self.steps <= self.n:
            super().step()


class CtrlCDuring(SGD):
    """n 번째 step() 안에서 진짜 SIGINT를 자신에게 보내고, 그 단계를 끝까지 마치는 SGD."""

    def __init__(self, params, lr: float, n: int, presses: int = 1) -> None:
        super().__init__(params, lr=lr)
        self.n, self.presses, self.steps = n, presses, 0

    def step(self) -> None:
        self.steps += 1
        if self.steps == self.n:
            for _ in range(self.presses):
                signal.raise_signal(signal.SIGINT)
        super().step()


class RaiseInStep(SGD):
    """n 번째 step()에서 움직이기 전에 KeyboardInterrupt를 일으키는 SGD."""

    def __init__(self, params, lr: float, n: int) -> None:
        super().__init__(params, lr=lr)
        self.n, self.steps = n, 0

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


@needs_sigint
def test_cli_train_ctrl_c_prints_summary_saves_and_exits_130(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    original = Adam.step
    calls = {"n": 0}

    def step(self) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            signal.raise_signal(signal.SIGINT)
        original(self)

    monkeypatch.setattr(Adam, "step", step)
    path = tmp_path / "m.json"
    args = ["train", "--dataset", "xor", "--epochs", "1000", "--quiet", "--save", str(path)]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 130
    assert "Traceback" not in err
    match = re.search(r"중단했습니다: 에폭 3/1000, 손실 ([0-9.]+)", out)
    assert match, out
    monkeypatch.setattr(Adam, "step", original)
    reference = MLP(2, [16, 16, 1], seed=0)
    X, y = data.xor()
    expected = fit(reference, X, y, optimizer="adam", lr=0.05, epochs=3, progress=False)
    assert float(match.group(1)) == pytest.approx(expected.loss[-1], abs=5e-5)
    saved = MLP(2, [16, 16, 1], seed=99).load(path)
    assert params_of(saved) == params_of(reference)


@needs_sigint
def test_cli_demo_ctrl_c_prints_summary_and_exits_130(tmp_path: Path, capsys, monkeypatch) -> None:
    original = SGD.step
    calls = {"n": 0}

    def step(self) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            signal.raise_signal(signal.SIGINT)
        original(self)

    monkeypatch.setattr(SGD, "step", step)
    code = main(["demo", "--epochs", "100", "--quiet", "--out", str(tmp_path / "pics")])
    out, err = capsys.readouterr()
    assert code == 130 and "Traceback" not in err
    assert re.search(r"중단했습니다: 에폭 2/100, 손실 [0-9.]+, 학습 정확도 [0-9.]+%", out), out
    assert not (tmp_path / "pics").exists()  # 멈췄으니 그림은 그리지 않는다


def test_cli_ctrl_c_before_training_exits_130_without_traceback(capsys, monkeypatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(data, "moons", interrupted)
    assert main(["train", "--quiet"]) == 130
    assert "중단했습니다" in capsys.readouterr().err


def _default_sigint() -> None:  # 백그라운드로 돈 셸이 SIGINT를 무시하게 해 두었더라도 되살린다
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호(SIGINT)가 필요합니다")
def test_cli_train_sigint_in_a_real_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    command = [sys.executable, "-m", "micrograd_kr.cli", "train", "--epochs", "100000"]
    proc = subprocess.Popen(
        [*command, "--save", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=_default_sigint,
    )
    seen = b""
    try:
        # 진행 막대(stderr)가 에폭을 하나 이상 마쳤다고 보여 줄 때까지 기다렸다가 Ctrl-C
        deadline = time.monotonic() + 120
        while not re.search(rb"\b[1-9]\d*/100000", seen) and time.monotonic() < deadline:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
        proc.send_signal(signal.SIGINT)
        out_bytes, err_bytes = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out, err = out_bytes.decode(), (seen + err_bytes).decode(errors="replace")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "학습 (중단됨)" in err
    match = re.search(r"중단했습니다: 에폭 (\d+)/100000, 손실 ([0-9.]+)", out)
    assert match, out
    assert 1 <= int(match.group(1)) < 100000
    assert f"모델을 저장했습니다: {path}" in out
    model = MLP(2, [16, 16, 1], seed=5).load(path)
    assert all(math.isfinite(p) for p in params_of(model))
    assert params_of(model) != params_of(MLP(2, [16, 16, 1], seed=0))  # 배운 것이 저장됐다


# ================================================== 3. NaN·inf 학습 데이터는 처음부터 거절
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


@pytest.mark.parametrize("loader", [data.moons, data.circles, data.spiral])
@pytest.mark.parametrize("noise", [NAN, INF])
def test_data_loaders_refuse_non_finite_noise(loader: Callable, noise: float) -> None:
    with pytest.raises(ValueError, match="noise는 0 이상의 유한한 수"):
        loader(20, noise=noise)


@pytest.mark.parametrize("lr", ["nan", "inf", "-inf"])
def test_cli_train_refuses_non_finite_learning_rate_in_korean(lr: str, capsys) -> None:
    # 명령줄 해석기(parser)가 학습 전에 거절한다 (argparse 규칙대로 종료 코드 2)
    with pytest.raises(SystemExit) as stopped:
        main(["train", "--dataset", "xor", "--epochs", "2", "--quiet", f"--lr={lr}"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "0보다 큰 유한한 수" in err and "Traceback" not in err


# ================================================= 4. random.seed로 모델이 재현된다
def test_seed_none_follows_random_seed_and_matches_random_uniform() -> None:
    random.seed(1337)
    a = MLP(2, [3, 1])
    random.seed(1337)
    b = MLP(2, [3, 1])
    random.seed(1337)
    # 독립 기준: micrograd처럼 뉴런마다 가중치를 random.uniform(-1, 1)로, 편향은 0
    expected = []
    for nin, nout in [(2, 3), (3, 1)]:
        for _ in range(nout):
            expected += [random.uniform(-1.0, 1.0) for _ in range(nin)] + [0.0]
    assert params_of(a) == params_of(b) == expected


def test_explicit_seed_is_independent_of_global_random_state() -> None:
    """seed= 는 전과 같이 (전에도 됨: 지켜야 할 약속)."""
    random.seed(1)
    a = MLP(2, [3, 1], seed=7)
    after_a = random.random()
    random.seed(2)
    b = MLP(2, [3, 1], seed=7)
    random.seed(1)
    assert params_of(a) == params_of(b)
    assert random.random() == after_a  # seed= 를 주면 전역 생성기를 건드리지 않는다


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


# ================================================ 5. 스레드·태스크마다 따로인 모드
def _in_other_thread(inside: Callable[[], Any], work: Callable[[], Any]) -> Any:
    """한 스레드가 ``inside()`` 블록 안에 머무는 동안 이 스레드에서 ``work()`` 를 돌린다."""
    entered, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with inside():
            entered.set()
            leave.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert entered.wait(30)
        return work()
    finally:
        leave.set()
        thread.join(30)


def test_no_grad_in_another_thread_does_not_stop_this_threads_graph() -> None:
    def work() -> tuple[Value, Value, bool]:
        x = Value(3.0)
        y = x * x + x
        y.backward()
        return x, y, is_grad_enabled()

    x, y, enabled = _in_other_thread(no_grad, work)
    assert enabled is True
    assert len(y.inputs) == 2
    assert x.grad == 7.0  # dy/dx = 2x + 1


def test_detect_anomaly_in_another_thread_does_not_fire_here() -> None:
    def work() -> tuple[float, bool]:
        return Value(1000.0).exp().data, is_anomaly_enabled()

    assert _in_other_thread(detect_anomaly, work) == (INF, False)


def test_modes_still_work_inside_their_own_thread() -> None:
    seen: dict[str, Any] = {}

    def work() -> None:
        with no_grad():
            seen["prev"] = (Value(2.0) * 3).inputs
        with detect_anomaly(), pytest.raises(AnomalyError):
            Value(1000.0).exp()
        seen["ok"] = True

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert seen == {"prev": (), "ok": True}


def test_new_thread_started_inside_no_grad_records_its_graph() -> None:
    seen = {}

    def work() -> None:
        seen["prev"] = len((Value(2.0) * 3).inputs)

    with no_grad():
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
        assert (Value(2.0) * 3).inputs == ()
    assert seen["prev"] == 2


def test_no_grad_is_per_asyncio_task() -> None:
    async def quiet(entered: asyncio.Event, leave: asyncio.Event) -> int:
        with no_grad():
            entered.set()
            await leave.wait()
            return len((Value(1.0) + 1).inputs)

    async def recording(entered: asyncio.Event, leave: asyncio.Event) -> int:
        await entered.wait()
        y = Value(1.0) + 1  # 다른 태스크가 no_grad 안에서 기다리는 중
        leave.set()
        return len(y.inputs)

    async def both() -> list[int]:
        entered, leave = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(quiet(entered, leave), recording(entered, leave))

    assert asyncio.run(both()) == [0, 2]


def test_many_threads_toggling_modes_never_leak() -> None:
    """다른 스레드들이 no_grad·detect_anomaly 블록 안에서 잠든 사이에도 이 스레드는 기록한다."""
    errors: list[str] = []
    done = threading.Event()

    def toggler() -> None:
        for _ in range(100):
            with no_grad(), detect_anomaly():
                if (Value(1.0) * 2).inputs != ():
                    errors.append("no_grad 안에서 그래프가 기록됨")
                time.sleep(0.001)  # 블록 안에서 GIL을 내준다
        done.set()

    def recorder() -> None:
        while not done.is_set():
            x = Value(2.0)
            y = x * x
            if len(y.inputs) != 2:
                errors.append("다른 스레드의 no_grad가 새어 들어옴")
            y.backward()
            if x.grad != 4.0:
                errors.append(f"기울기 {x.grad}")
            try:
                Value(1000.0).exp()  # inf: 이 스레드에서는 이상 탐지가 꺼져 있다
            except AnomalyError:
                errors.append("다른 스레드의 detect_anomaly가 새어 들어옴")
            time.sleep(0)

    threads = [threading.Thread(target=f) for f in (toggler, toggler, recorder, recorder)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


# ============================================================ 16.3 NaN이 들어가면 NaN이 나온다
NAN_OPS: list[tuple[str, Callable[[Value], Value]]] = [
    ("relu", lambda x: x.relu()),
    ("x ** 0", lambda x: x**0),
    ("Value(1) ** x", lambda x: Value(1.0) ** x),
    ("1 ** x", lambda x: 1**x),
    ("Value(-2) ** Value(nan) 지수", lambda x: Value(-2.0) ** x),
    ("Value(-2) ** nan 숫자 지수", lambda x: Value(-2.0) ** x.data),
]


@pytest.mark.parametrize("name, op", NAN_OPS, ids=[n for n, _ in NAN_OPS])
def test_nan_in_gives_nan_out(name: str, op: Callable[[Value], Value]) -> None:
    assert math.isnan(op(Value(NAN)).data)


@pytest.mark.parametrize("name, op", NAN_OPS, ids=[n for n, _ in NAN_OPS])
def test_anomaly_mode_catches_nan_through_every_op(name: str, op) -> None:
    x = Value(NAN, label="x")
    with detect_anomaly(), pytest.raises(AnomalyError, match="nan"):
        op(x)


def test_relu_of_nan_sends_nan_gradient_back() -> None:
    x = Value(NAN)
    x.relu().backward()
    assert math.isnan(x.grad)


def test_hinge_training_on_nan_model_is_not_a_perfect_zero_loss() -> None:
    """issue: NaN 매개변수로 힌지 손실이 '완벽한' 0.0이 되던 경우 — 이제는 멈춘다."""
    model = MLP(2, [3, 1], seed=0)
    for p in model.parameters():
        p.data = NAN
    with pytest.raises(FloatingPointError, match="nan"):
        fit(model, XOR_X, XOR_Y, loss="hinge", epochs=2, progress=False)


# ============================================================ 16.4 잘못된 설정은 거절
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


@pytest.mark.parametrize("cls", [SGD, Adam])
def test_optimizers_refuse_duplicate_parameters(cls: type) -> None:
    p, q = Value(1.0), Value(2.0)
    with pytest.raises(ValueError, match="매개변수 0번과 2번이 같은 Value"):
        cls([p, q, p], lr=0.1)


def test_sgd_with_distinct_equal_valued_parameters_is_fine() -> None:
    a, b = Value(1.0), Value(1.0)  # 값이 같아도 다른 Value 면 괜찮다
    a.grad = b.grad = 1.0
    SGD([a, b], lr=0.5).step()
    assert (a.data, b.data) == (0.5, 0.5)


@pytest.mark.parametrize("cls", [SGD, Adam])
@pytest.mark.parametrize("bad", [NAN, INF, -0.1, 0.0, "0.1", True])
def test_setting_lr_later_is_checked_and_keeps_the_old_value(cls: type, bad: Any) -> None:
    opt = cls([Value(1.0)], lr=0.1)
    with pytest.raises(ValueError, match="학습률"):
        opt.lr = bad
    assert opt.lr == 0.1
    opt.lr = 0.25
    assert opt.lr == 0.25


@pytest.mark.parametrize("flag", ["no", 1, 0, None, "False"])
def test_detect_anomaly_needs_a_real_bool(flag: Any) -> None:
    with pytest.raises(TypeError, match="True나 False"):
        detect_anomaly(flag)


# (허용 오차) → (오류 종류, 메시지). 1 이상은 기울기 0 (미분을 빠뜨린 코드)도 통과시킨다.
BAD_TOLERANCES = [
    ({"rtol": -1, "atol": -1}, ValueError, "rtol은(는) 0 이상 1 미만의 수"),
    ({"rtol": NAN}, ValueError, "rtol은(는) 0 이상 1 미만의 수"),
    ({"atol": NAN}, ValueError, "atol은(는) 0 이상 1 미만의 수"),
    ({"rtol": 1e300}, ValueError, "rtol은(는) 0 이상 1 미만의 수여야 합니다 (받은 값: 1e+300)"),
    ({"atol": 1e300}, ValueError, "atol은(는) 0 이상 1 미만의 수여야 합니다 (받은 값: 1e+300)"),
    ({"rtol": 1.0}, ValueError, "틀린 기울기(예: 0)도 통과"),
    ({"rtol": True}, TypeError, "rtol에 True/False 가 왔습니다"),
    ({"atol": False}, TypeError, "atol에 True/False 가 왔습니다"),
]


@pytest.mark.parametrize(("kwargs", "kind", "message"), BAD_TOLERANCES)
def test_gradcheck_refuses_tolerances_that_let_wrong_gradients_pass(
    kwargs: dict, kind: type, message: str
) -> None:
    def wrong(v: list[Value]) -> Value:  # x² 인데 기울기는 0 (미분을 빠뜨린 코드와 같음)
        return Value(v[0].data ** 2)

    with pytest.raises(kind) as info:
        gradcheck(lambda v: v[0] * Value(0.0) + wrong(v), [1.5], **kwargs)
    assert message in str(info.value)
    with pytest.raises(GradcheckError):  # 같은 함수를 기본 허용 오차로: 틀렸다고 알린다
        gradcheck(lambda v: v[0] * Value(0.0) + wrong(v), [1.5])


# ====================================================== 16.5 no_grad 결과는 미분할 수 없다
def test_backward_on_a_no_grad_result_says_there_is_no_graph() -> None:
    x = Value(2.0)
    with no_grad():
        y = x * x
    with pytest.raises(RuntimeError, match="no_grad.*그래프"):
        y.backward()
    assert x.grad == 0.0


@pytest.mark.parametrize("call", [lambda y, x: grad(y, x), lambda y, x: forward_grad(y, x)])
def test_grad_and_forward_grad_on_a_no_grad_result_also_refuse(call: Callable) -> None:
    x = Value(2.0)
    with no_grad():
        y = (x * 3).tanh()
    with pytest.raises(RuntimeError, match="미분할 그래프가 없습니다"):
        call(y, x)


def test_genuine_leaves_can_still_call_backward() -> None:
    a = Value(3.0)
    a.backward()
    with no_grad():
        b = Value(5.0)  # no_grad 안에서 만든 잎 노드도 잎 노드다
    b.backward()
    assert (a.grad, b.grad) == (1.0, 1.0)
    (g,) = grad(Value(4.0), [Value(1.0)], allow_unused=True)
    assert g == 0.0


def test_graph_built_on_a_no_grad_constant_still_differentiates() -> None:
    a, b = Value(2.0), Value(-3.0)
    with no_grad():
        c = a * 4  # 상수처럼 쓰인다
    d = c * b
    d.backward()
    assert (b.grad, a.grad) == (8.0, 0.0)


# ============================================================ 6. 적대적으로 두드려 본 표
def _raises(exc: type, pattern: str) -> tuple[str, type, str]:
    return ("raises", exc, pattern)


def _gives(check: Callable[[Any], bool]) -> tuple[str, Callable[[Any], bool]]:
    return ("gives", check)


def _set_lr(opt: Any, value: Any) -> Any:
    opt.lr = value
    return opt


def _error_text(thunk: Callable[[], Any]) -> str:
    try:
        thunk()
    except Exception as exc:  # 표의 '메시지' 칸만 꺼내 본다
        return str(exc)
    raise AssertionError("오류가 나야 합니다")


BIG = sys.float_info.max
TINY = 5e-324  # 가장 작은 양의 비정규(subnormal) float
BIDI = "가\u202eb"  # 오른쪽→왼쪽 덮어쓰기(RLO) 표시가 든 이름표
ESC = "\x1b[2J\x07"  # 화면 지우기 터미널 명령 + 벨

# (경우, 실행할 것, 기대). "전에도 됨"이 붙은 줄은 고치기 전에도 올바르던 경우입니다.
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 엔진: float의 끝
    ("최대 float × 2 = inf (전에도 됨)", lambda: Value(BIG) * 2, _gives(lambda v: v.data == INF)),
    (
        "최대 float의 exp = inf (전에도 됨)",
        lambda: Value(BIG).exp(),
        _gives(lambda v: v.data == INF),
    ),
    (
        "-최대 float의 sigmoid = 0 (전에도 됨)",
        lambda: Value(-BIG).sigmoid(),
        _gives(lambda v: v.data == 0.0),
    ),
    (
        "최대 float의 tanh = 1 (전에도 됨)",
        lambda: Value(BIG).tanh(),
        _gives(lambda v: v.data == 1.0),
    ),
    ("최대 float ** 2 = inf (전에도 됨)", lambda: Value(BIG) ** 2, _gives(lambda v: v.data == INF)),
    (
        "비정규 수의 log는 유한 (전에도 됨)",
        lambda: Value(TINY).log(),
        _gives(lambda v: v.data == math.log(TINY)),
    ),
    ("비정규 수 ÷ 2 (전에도 됨)", lambda: Value(TINY) / 2, _gives(lambda v: v.data == TINY / 2)),
    ("1 / 비정규 수 = inf (전에도 됨)", lambda: 1 / Value(TINY), _gives(lambda v: v.data == INF)),
    ("inf - inf = nan (전에도 됨)", lambda: Value(INF) - INF, _gives(lambda v: math.isnan(v.data))),
    (
        "이상 탐지: 최대 float × 2 (전에도 됨)",
        lambda: _anomaly(lambda: Value(BIG) * 2),
        _raises(AnomalyError, "inf"),
    ),
    (
        "이상 탐지: inf - inf (전에도 됨)",
        lambda: _anomaly(lambda: Value(INF) - INF),
        _raises(AnomalyError, "nan"),
    ),
    # ---- 엔진: NaN이 지나가는 모든 연산
    ("nan + 1 (전에도 됨)", lambda: Value(NAN) + 1, _gives(lambda v: math.isnan(v.data))),
    ("nan × 0 (전에도 됨)", lambda: Value(NAN) * 0, _gives(lambda v: math.isnan(v.data))),
    ("1 ÷ nan (전에도 됨)", lambda: 1 / Value(NAN), _gives(lambda v: math.isnan(v.data))),
    ("-nan (전에도 됨)", lambda: -Value(NAN), _gives(lambda v: math.isnan(v.data))),
    ("exp(nan) (전에도 됨)", lambda: Value(NAN).exp(), _gives(lambda v: math.isnan(v.data))),
    ("log(nan) (전에도 됨)", lambda: Value(NAN).log(), _gives(lambda v: math.isnan(v.data))),
    ("tanh(nan) (전에도 됨)", lambda: Value(NAN).tanh(), _gives(lambda v: math.isnan(v.data))),
    (
        "sigmoid(nan) (전에도 됨)",
        lambda: Value(NAN).sigmoid(),
        _gives(lambda v: math.isnan(v.data)),
    ),
    ("relu(nan) (고침)", lambda: Value(NAN).relu(), _gives(lambda v: math.isnan(v.data))),
    ("relu(-0.0) = 0 (전에도 됨)", lambda: Value(-0.0).relu(), _gives(lambda v: v.data == 0.0)),
    (
        "leaky_relu(nan) (전에도 됨)",
        lambda: Value(NAN).leaky_relu(),
        _gives(lambda v: math.isnan(v.data)),
    ),
    ("elu(nan) (전에도 됨)", lambda: Value(NAN).elu(), _gives(lambda v: math.isnan(v.data))),
    ("nan ** 2 (전에도 됨)", lambda: Value(NAN) ** 2, _gives(lambda v: math.isnan(v.data))),
    ("nan ** 0 (고침)", lambda: Value(NAN) ** 0, _gives(lambda v: math.isnan(v.data))),
    ("2 ** nan (전에도 됨)", lambda: 2 ** Value(NAN), _gives(lambda v: math.isnan(v.data))),
    (
        "1 ** Value(nan) (고침)",
        lambda: Value(1.0) ** Value(NAN),
        _gives(lambda v: math.isnan(v.data)),
    ),
    (
        "Value(-2) ** nan (고침, 전에는 영어 오류)",
        lambda: Value(-2.0) ** NAN,
        _gives(lambda v: math.isnan(v.data)),
    ),
    (
        "linear에 nan 입력 (전에도 됨)",
        lambda: linear([Value(0.0)], [NAN], Value(0.0)),
        _gives(lambda v: math.isnan(v.data)),
    ),
    ("nan < 1은 False (전에도 됨)", lambda: Value(NAN) < 1, _gives(lambda r: r is False)),
    # ---- 엔진: 활성화 함수의 매개변수
    (
        "leaky_relu(alpha=nan)",
        lambda: Value(-1.0).leaky_relu(NAN),
        _raises(ValueError, "alpha은\\(는\\) 유한한"),
    ),
    (
        "leaky_relu(alpha=inf)",
        lambda: Value(-1.0).leaky_relu(INF),
        _raises(ValueError, "유한한 숫자"),
    ),
    ("elu(alpha=-inf)", lambda: Value(-1.0).elu(-INF), _raises(ValueError, "elu의 alpha")),
    ("elu(alpha='a') (전에도 됨)", lambda: Value(-1.0).elu("a"), _raises(TypeError, "숫자")),
    # ---- 엔진: 이름표의 제어 문자·양방향 표시는 메시지에서 글자로 적힌다
    (
        "ESC 이름표로 log(0)",
        lambda: Value(0.0, label=ESC).log(),
        _raises(ValueError, r"\\x1b\[2J\\x07"),
    ),
    (
        "RLO 이름표로 ÷ 0",
        lambda: 1 / Value(0.0, label=BIDI),
        _raises(ZeroDivisionError, r"가\\u202eb"),
    ),
    (
        "NUL·개행 이름표로 ÷ 0",
        lambda: 1 / Value(0.0, label="a\x00\nb"),
        _raises(ZeroDivisionError, r"a\\x00\\nb"),
    ),
    (
        "RLO 이름표의 이상 탐지",
        lambda: _anomaly(lambda: Value(BIG, label=BIDI) * 2),
        _raises(AnomalyError, r"\\u202e"),
    ),
    (
        "한글 이름표는 그대로 (전에도 됨)",
        lambda: Value(0.0, label="가격").log(),
        _raises(ValueError, "'가격'"),
    ),
    (
        "repr은 제어 문자를 적는다 (전에도 됨)",
        lambda: repr(Value(1.0, label=ESC)),
        _gives(lambda r: "\x1b" not in r),
    ),
    # ---- 옵티마이저
    (
        "SGD lr=nan (전에도 거절, 이제 '유한한')",
        lambda: SGD([Value(1.0)], lr=NAN),
        _raises(ValueError, "유한한 양수"),
    ),
    ("SGD lr=inf", lambda: SGD([Value(1.0)], lr=INF), _raises(ValueError, "유한한 양수")),
    ("SGD lr=True", lambda: SGD([Value(1.0)], lr=True), _raises(ValueError, "숫자가 와야")),
    (
        "opt.lr = nan",
        lambda: _set_lr(SGD([Value(1.0)], lr=0.1), NAN),
        _raises(ValueError, "유한한 양수"),
    ),
    ("opt.lr = -1", lambda: _set_lr(Adam([Value(1.0)]), -1), _raises(ValueError, "유한한 양수")),
    (
        "opt.lr = np.float32(0.5) (전에도 됨)",
        lambda: _set_lr(SGD([Value(1.0)], lr=0.1), np.float32(0.5)),
        _gives(lambda o: o.lr == 0.5),
    ),
    (
        "SGD momentum=nan (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=NAN),
        _raises(ValueError, "momentum"),
    ),
    (
        "SGD momentum=inf (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=INF),
        _raises(ValueError, "momentum"),
    ),
    (
        "SGD momentum='0.9' (전에는 영어 TypeError)",
        lambda: SGD([Value(1.0)], momentum="0.9"),
        _raises(ValueError, "momentum은\\(는\\) 0 이상 1 미만"),
    ),
    (
        "SGD momentum=True (전에도 됨)",
        lambda: SGD([Value(1.0)], momentum=True),
        _raises(ValueError, "momentum"),
    ),
    ("SGD([p, p])", lambda: _dup(SGD), _raises(ValueError, "같은 Value")),
    ("Adam([p, p])", lambda: _dup(Adam), _raises(ValueError, "같은 Value")),
    (
        "Adam betas=(nan, 0.999) (전에도 됨)",
        lambda: Adam([Value(1.0)], betas=(NAN, 0.999)),
        _raises(ValueError, "betas"),
    ),
    (
        "Adam betas=(0.9, inf) (전에도 됨)",
        lambda: Adam([Value(1.0)], betas=(0.9, INF)),
        _raises(ValueError, "betas"),
    ),
    (
        "Adam betas=(0.9,) (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas=(0.9,)),
        _raises(ValueError, "수 두 개"),
    ),
    (
        "Adam betas='ab' (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas="ab"),
        _raises(ValueError, "수 두 개"),
    ),
    (
        "Adam betas=(0.9, '0.99') (전에는 영어 오류)",
        lambda: Adam([Value(1.0)], betas=(0.9, "0.99")),
        _raises(ValueError, r"betas\[1\]"),
    ),
    ("Adam eps=nan (전에도 됨)", lambda: Adam([Value(1.0)], eps=NAN), _raises(ValueError, "eps")),
    ("Adam eps=True (전에도 됨)", lambda: Adam([Value(1.0)], eps=True), _raises(ValueError, "eps")),
    # ---- 학습 루프
    (
        "fit X에 nan",
        lambda: _fit(X=[[0.0, NAN], [1.0, 1.0]], y=[0, 1]),
        _raises(ValueError, r"X\[0\]\[1\]"),
    ),
    (
        "fit X에 최대 float (손실이 넘침, 전에도 됨)",
        lambda: _fit(X=[[BIG, BIG], [1.0, 1.0]], y=[0, 1], loss="mse"),
        _raises(FloatingPointError, "손실이 inf"),
    ),
    (
        "fit X에 문자열 (전에는 영어 오류)",
        lambda: _fit(X=[["0.5", 1.0], [1.0, 1.0]], y=[0, 1]),
        _raises(TypeError, r"X\[0\]\[0\]"),
    ),
    (
        "fit X의 행이 숫자 (전에는 영어 오류)",
        lambda: _fit(X=[1.0, 2.0], y=[0, 1]),
        _raises(TypeError, r"X\[0\]\(0번 행\)"),
    ),
    (
        "fit y에 inf (mse)",
        lambda: _fit(X=[[0.0, 0.0], [1.0, 1.0]], y=[0.5, INF], loss="mse"),
        _raises(ValueError, r"y\[1\]"),
    ),
    ("fit lr=nan (전에도 거절)", lambda: _fit(lr=NAN), _raises(ValueError, "유한한 양수")),
    (
        "fit lr_schedule → nan",
        lambda: _fit(lr_schedule=lambda k: NAN),
        _raises(ValueError, r"lr_schedule\(0\)"),
    ),
    (
        "fit lr_schedule → -1",
        lambda: _fit(lr_schedule=lambda k: -1),
        _raises(ValueError, "유한한 양수"),
    ),
    (
        "fit lr_schedule → None",
        lambda: _fit(lr_schedule=lambda k: None),
        _raises(ValueError, "숫자가 와야"),
    ),
    ("fit l2=-1", lambda: _fit(l2=-1.0), _raises(ValueError, "l2")),
    ("fit l2=nan", lambda: _fit(l2=NAN), _raises(ValueError, "l2")),
    ("fit l2=inf", lambda: _fit(l2=INF), _raises(ValueError, "l2")),
    ("fit batch_size=True", lambda: _fit(batch_size=True), _raises(ValueError, "batch_size")),
    (
        "fit epochs=10**9은 Ctrl-C로 멈출 수 있다 (lr_schedule에서)",
        lambda: _fit(epochs=10**9, lr_schedule=_stop_at(2)),
        _gives(lambda h: h.interrupted and len(h) == 2),
    ),
    (
        "fit이 잘 끝나면 interrupted=False",
        lambda: _fit(epochs=2),
        _gives(lambda h: h.interrupted is False and len(h) == 2),
    ),
    # ---- nn과 시드
    (
        "MLP(seed='문자열')도 재현된다 (전에도 됨)",
        lambda: _same(lambda: MLP(2, [2, 1], seed="가")),
        _gives(bool),
    ),
    (
        "MLP(seed=None) + random.seed",
        lambda: _same(lambda: (random.seed(5), MLP(2, [2, 1]))[1]),
        _gives(bool),
    ),
    # ---- 데이터
    ("moons(noise=nan)", lambda: data.moons(10, noise=NAN), _raises(ValueError, "유한한")),
    ("circles(noise=inf)", lambda: data.circles(10, noise=INF), _raises(ValueError, "유한한")),
    (
        "spiral(noise='a') (전에는 영어 TypeError)",
        lambda: data.spiral(10, noise="a"),
        _raises(TypeError, "noise에는 숫자"),
    ),
    (
        "circles(factor=nan) (전에도 됨)",
        lambda: data.circles(10, factor=NAN),
        _raises(ValueError, "factor"),
    ),
    # ---- 모드
    ("detect_anomaly('no')", lambda: detect_anomaly("no"), _raises(TypeError, "True나 False")),
    (
        "gradcheck(rtol=-1, atol=-1)",
        lambda: gradcheck(lambda v: v[0] * 2, [1.0], rtol=-1, atol=-1),
        _raises(ValueError, "rtol"),
    ),
    (
        "gradcheck(atol=inf)",
        lambda: gradcheck(lambda v: v[0] * 2, [1.0], atol=INF),
        _raises(ValueError, "atol"),
    ),
    (
        "no_grad 결과의 backward()",
        lambda: _no_grad_result().backward(),
        _raises(RuntimeError, "미분할 그래프가 없습니다"),
    ),
]


def _anomaly(thunk: Callable[[], Any]) -> Any:
    with detect_anomaly():
        return thunk()


def _dup(cls: type) -> Any:
    p = Value(1.0)
    return cls([p, Value(2.0), p], lr=0.1)


def _fit(X: Any = XOR_X, y: Any = XOR_Y, loss: str = "hinge", **kwargs: Any) -> History:
    kwargs.setdefault("epochs", 3)
    return fit(MLP(2, [3, 1], seed=0), X, y, loss=loss, progress=False, **kwargs)


def _stop_at(epoch: int) -> Callable[[int], float]:
    def schedule(k: int) -> float:
        if k == epoch:
            raise KeyboardInterrupt
        return 0.1

    return schedule


def _same(make: Callable[[], MLP]) -> bool:
    return params_of(make()) == params_of(make())


def _no_grad_result() -> Value:
    with no_grad():
        return Value(2.0) * 3


@pytest.mark.parametrize("case, thunk, expected", SWEEP, ids=[c for c, _, _ in SWEEP])
def test_sweep_table(case: str, thunk: Callable[[], Any], expected: tuple) -> None:
    if expected[0] == "gives":
        assert expected[1](thunk()), case
        return
    _, exc, pattern = expected
    with pytest.raises(exc, match=pattern):
        thunk()
    text = _error_text(thunk)
    assert HANGUL.search(text), f"메시지가 한국어가 아닙니다: {text}"
    assert not any(c in text for c in "\x1b\x07\x00\u202e"), "메시지에 보이지 않는 글자가 그대로"
