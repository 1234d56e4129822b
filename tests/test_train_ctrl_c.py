"""학습 루프의 Ctrl-C: 지금 단계를 마치고 멈춰, 끝까지 마친 에폭의 기록을 돌려준다."""

from __future__ import annotations

import signal
import threading
from typing import Any

from support_robust import (
    XOR_X,
    XOR_Y,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    needs_sigint,
    params_of,
)

from micrograd_kr.nn import MLP
from micrograd_kr.optim import SGD
from micrograd_kr.train import fit


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
