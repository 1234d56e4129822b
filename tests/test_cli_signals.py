"""명령줄의 멈춤: Ctrl-C(SIGINT), SIGTERM, SIGHUP, 닫힌 파이프.

어느 경우에도 배운 것을 저장하고 정해진 종료 코드로 끝난다."""

from __future__ import annotations

import math
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support_cli import (
    ctrl_c_at_step,
    default_sigint,
    default_stop_signals,
    train_then_signal,
)
from support_robust import (
    assert_korean_only,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    needs_sigint,
    params_of,
)

from micrograd_kr import data
from micrograd_kr.cli import main
from micrograd_kr.nn import MLP
from micrograd_kr.optim import SGD, Adam
from micrograd_kr.train import fit

# ------------------------------------------------------------ SIGTERM·SIGHUP 은 Ctrl-C처럼
STOP_SIGNALS = [
    # (신호 이름, 종료 코드 128 + 신호 번호)
    ("SIGTERM", 143),
    ("SIGHUP", 129),
]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호가 필요합니다")
def test_under_nohup_sighup_is_ignored_and_training_goes_on(tmp_path: Path) -> None:
    """nohup처럼 SIGHUP을 무시하게 물려받았으면 그대로 무시한다 (터미널을 닫아도 학습은 계속)."""

    def ignore_hangup() -> None:
        default_stop_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    path = tmp_path / "m.json"
    returncode, out, err = train_then_signal(
        path, signal.SIGHUP, then=signal.SIGTERM, start_new_session=True, preexec_fn=ignore_hangup
    )
    assert returncode == 143, err  # 멈춘 것은 나중의 SIGTERM
    assert f"모델을 저장했습니다: {path}" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호가 필요합니다")
@pytest.mark.parametrize(("name", "code"), STOP_SIGNALS)
def test_stop_signal_during_train_finishes_the_step_saves_and_exits(
    tmp_path: Path, name: str, code: int
) -> None:
    from micrograd_kr.nn import MLP

    path = tmp_path / "m.json"
    # start_new_session: 터미널의 신호가 섞이지 않게
    returncode, out, err = train_then_signal(path, getattr(signal, name), start_new_session=True)
    assert returncode == code, err
    assert "Traceback" not in err
    match = re.search(r"중단했습니다: 에폭 (\d+)/100000, 손실 ([0-9.]+)", out)
    assert match and 1 <= int(match.group(1)) < 100000, out
    assert f"모델을 저장했습니다: {path}" in out
    model = MLP(2, [16, 16, 1], seed=5).load(path)
    trained = [p.data for p in model.parameters()]
    assert trained != [p.data for p in MLP(2, [16, 16, 1], seed=0).parameters()]


def test_broken_pipe_is_reported_in_korean() -> None:
    """출력을 받던 쪽이 먼저 닫혀도 트레이스백 없이 한국어 한 줄."""
    process = subprocess.Popen(
        [sys.executable, "-m", "micrograd_kr.cli", "train", "--dataset", "xor", "--epochs", "2"]
        + ["--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 1
    assert "파이프" in err
    assert_korean_only(err)


@needs_sigint
def test_cli_train_ctrl_c_prints_summary_saves_and_exits_130(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    original = ctrl_c_at_step(monkeypatch, Adam, 3)
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
    ctrl_c_at_step(monkeypatch, SGD, 2)
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
    returncode, out, err = train_then_signal(path, signal.SIGINT, preexec_fn=default_sigint)
    assert returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "학습 (중단됨)" in err
    match = re.search(r"중단했습니다: 에폭 (\d+)/100000, 손실 ([0-9.]+)", out)
    assert match, out
    assert 1 <= int(match.group(1)) < 100000
    assert f"모델을 저장했습니다: {path}" in out
    model = MLP(2, [16, 16, 1], seed=5).load(path)
    assert all(math.isfinite(p) for p in params_of(model))
    assert params_of(model) != params_of(MLP(2, [16, 16, 1], seed=0))  # 배운 것이 저장됐다


def test_train_saves_before_evaluating_so_a_stop_there_keeps_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """학습이 끝나면 곧바로 저장: 그 뒤의 평가에서 멈춰도(Ctrl-C) 학습한 모델은 파일에 있다."""
    import micrograd_kr.train as train_module

    def interrupted(*args: object, **kwargs: object) -> float:
        raise KeyboardInterrupt

    monkeypatch.setattr(train_module, "evaluate", interrupted)
    path = tmp_path / "m.json"
    code = main(["train", "--dataset", "xor", "--epochs", "3", "--quiet", "--save", str(path)])
    out, err = capsys.readouterr()
    assert code == 130
    assert f"모델을 저장했습니다: {path}" in out and "마지막 손실" not in out
    assert f"학습한 모델은 저장했습니다: {path}" in err
    reference = MLP(2, [16, 16, 1], seed=0)
    X, y = data.xor()
    fit(reference, X, y, optimizer="adam", lr=0.05, epochs=3, progress=False)
    assert params_of(MLP(2, [16, 16, 1], seed=4).load(path)) == params_of(reference)
