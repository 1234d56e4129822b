"""명령줄 도구 테스트: demo·train 이 돌아가고, 출력한 숫자가 라이브러리로 직접 잰 값과 같은지."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from micrograd_kr import data
from micrograd_kr.cli import main
from micrograd_kr.nn import MLP
from micrograd_kr.train import evaluate, fit


def _percent(pattern: str, text: str) -> float:
    match = re.search(pattern + r"\s*:?\s*([0-9.]+)%", text)
    assert match, f"출력에서 {pattern!r} 를 찾지 못했습니다:\n{text}"
    return float(match.group(1)) / 100


def test_demo_trains_moons_to_97_percent(capsys) -> None:
    code = main(["demo", "--epochs", "100", "--quiet", "--no-pictures"])
    out = capsys.readouterr().out
    assert code == 0
    assert "== 요약 ==" in out
    assert _percent("학습 정확도", out) >= 0.97
    assert re.search(r"매개변수\(parameter\) 수\s*:\s*337\b", out)
    assert re.search(r"에폭\(epoch\)\s*:\s*100\b", out)
    first, last = re.search(r"마지막 손실\s*:\s*([0-9.]+) \(처음 ([0-9.]+)\)", out).group(2, 1)
    assert float(last) < float(first)


def test_demo_with_bad_epochs_reports_error(capsys) -> None:
    """잘못된 인자는 학습 전에 명령줄 해석기가 한국어로 거절한다 (argparse 관례대로 종료 코드 2)."""
    with pytest.raises(SystemExit) as info:
        main(["demo", "--epochs", "0", "--quiet", "--no-pictures"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--epochs" in err and "1 이상의 정수" in err


def test_train_xor_returns_zero(capsys) -> None:
    assert main(["train", "--dataset", "xor", "--epochs", "5", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "xor" in out
    assert 0.0 <= _percent("학습 정확도", out) <= 1.0


def test_train_prints_the_same_numbers_as_fit(capsys) -> None:
    """CLI 는 fit 을 감쌀 뿐: 같은 설정으로 직접 학습하면 같은 손실·정확도가 나온다."""
    args = ["train", "--dataset", "moons", "--n", "40", "--hidden", "8", "--epochs", "15"]
    assert main([*args, "--lr", "0.05", "--seed", "3", "--quiet"]) == 0
    out = capsys.readouterr().out
    printed_loss = float(re.search(r"마지막 손실 ([0-9.]+)", out).group(1))

    X, y = data.moons(40, seed=3)
    model = MLP(2, [8, 1], seed=3)
    history = fit(model, X, y, loss="hinge", optimizer="adam", lr=0.05, epochs=15, progress=False)
    assert printed_loss == pytest.approx(history.loss[-1], abs=5e-5)
    assert _percent("학습 정확도", out) == pytest.approx(evaluate(model, X, y, "hinge"), abs=5e-4)


def test_train_spiral_uses_cross_entropy(capsys) -> None:
    args = ["train", "--dataset", "spiral", "--n", "30", "--hidden", "8", "--epochs", "3"]
    assert main([*args, "--quiet"]) == 0
    assert "cross_entropy" in capsys.readouterr().out


def test_train_save_writes_a_loadable_model(tmp_path: Path, capsys) -> None:
    path = tmp_path / "xor.json"
    args = ["train", "--dataset", "xor", "--epochs", "30", "--quiet", "--save", str(path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert path.exists()
    X, y = data.xor()
    model = MLP(2, [16, 16, 1], seed=123).load(path)  # 다른 시드로 만든 뒤 값을 덮어쓴다
    assert evaluate(model, X, y, "hinge") == pytest.approx(_percent("학습 정확도", out), abs=5e-4)


def test_train_bad_activation_reports_error(capsys) -> None:
    args = ["train", "--dataset", "xor", "--epochs", "2", "--activation", "swish", "--quiet"]
    with pytest.raises(SystemExit) as info:  # 잘못된 입력: 학습 전에 명령줄 해석기가 2로
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "오류" in err and "swish" in err


def test_unknown_command_exits_with_usage() -> None:
    with pytest.raises(SystemExit) as info:
        main(["fly"])
    assert info.value.code == 2


def test_console_script_is_registered() -> None:
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("micrograd-kr") == "micrograd_kr.cli:main"


def test_module_help_runs_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "micrograd_kr.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    for command in ("demo", "draw", "train"):
        assert command in result.stdout


def test_installed_script_runs() -> None:
    script = Path(sys.executable).parent / "micrograd-kr"
    if not script.exists():
        pytest.skip(
            "micrograd-kr 스크립트가 이 파이썬 환경에 설치되어 있지 않습니다 (pip install -e .)"
        )
    result = subprocess.run([str(script), "train", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "--dataset" in result.stdout


@pytest.mark.needs_renderer
def test_demo_writes_three_pictures(tmp_path, capsys) -> None:
    import xml.etree.ElementTree as ET

    out = tmp_path / "그림"
    assert main(["demo", "--epochs", "2", "--quiet", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    files = sorted(out.glob("*.svg"))
    assert [f.name for f in files] == ["apple_price.svg", "network.svg", "neuron.svg"]
    for f in files:
        assert str(f) in printed or f.name in printed
        root = ET.fromstring(f.read_text("utf-8"))
        assert root.tag.endswith("svg")
    apple_texts = [t.text for t in ET.fromstring(files[0].read_text("utf-8")).iter() if t.text]
    assert "220" in apple_texts and "2.2" in apple_texts


# ------------------------------------------------------------ UTF-8 이 아닌 터미널
_TRAIN_SAVE = ["train", "--dataset", "xor", "--epochs", "2", "--save", "m.json"]
NARROW_TERMINALS = [
    # (PYTHONIOENCODING, 명령, 만들어져야 할 파일, 출력에 보일 이스케이프된 한글)
    ("ascii", ["train", "--dataset", "xor", "--epochs", "2", "--save", "m.json"], "m.json", "\\u"),
    (
        "latin-1",
        ["train", "--dataset", "xor", "--epochs", "2", "--save", "m.json"],
        "m.json",
        "\\u",
    ),
    ("ascii", ["draw", "apple", "-o", "apple.svg"], "apple.svg", "\\uadf8\\ub9bc"),  # 그림
]


@pytest.mark.parametrize(("encoding", "argv", "made", "escaped"), NARROW_TERMINALS)
def test_narrow_terminal_degrades_output_but_finishes_the_work(
    tmp_path: Path, encoding: str, argv: list[str], made: str, escaped: str
) -> None:
    if argv[0] == "draw":
        from micrograd_kr.viz.render import renderer_available

        if not renderer_available("svg"):
            pytest.skip("그릴 도구가 없음")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        [sys.executable, "-m", "micrograd_kr.cli", *argv],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    output = (result.stdout + result.stderr).decode(encoding)
    assert result.returncode == 0, output
    assert (tmp_path / made).stat().st_size > 0
    assert escaped in output and "codec" not in output


# ------------------------------------------------------------ SIGTERM·SIGHUP 은 Ctrl-C처럼
STOP_SIGNALS = [
    # (신호 이름, 종료 코드 128 + 신호 번호)
    ("SIGTERM", 143),
    ("SIGHUP", 129),
]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX 신호가 필요합니다")
@pytest.mark.parametrize(("name", "code"), STOP_SIGNALS)
def test_stop_signal_during_train_finishes_the_step_saves_and_exits(
    tmp_path: Path, name: str, code: int
) -> None:
    import signal
    import time

    from micrograd_kr.nn import MLP

    path = tmp_path / "m.json"
    command = [sys.executable, "-m", "micrograd_kr.cli", "train", "--epochs", "100000"]
    proc = subprocess.Popen(
        [*command, "--save", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # 터미널의 신호가 섞이지 않게
    )
    seen = b""
    try:
        deadline = time.monotonic() + 120  # 에폭을 하나 이상 마칠 때까지 기다렸다가 신호
        while not re.search(rb"\b[1-9]\d*/100000", seen) and time.monotonic() < deadline:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
        proc.send_signal(getattr(signal, name))
        out_bytes, err_bytes = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out, err = out_bytes.decode(), (seen + err_bytes).decode(errors="replace")
    assert proc.returncode == code, err
    assert "Traceback" not in err
    match = re.search(r"중단했습니다: 에폭 (\d+)/100000, 손실 ([0-9.]+)", out)
    assert match and 1 <= int(match.group(1)) < 100000, out
    assert f"모델을 저장했습니다: {path}" in out
    model = MLP(2, [16, 16, 1], seed=5).load(path)
    trained = [p.data for p in model.parameters()]
    assert trained != [p.data for p in MLP(2, [16, 16, 1], seed=0).parameters()]
