"""명령줄의 종료 코드: README의 표에 있는 부류마다 실제로 그 코드로 끝나는 경우 하나 이상.

부류: 0 성공, 1 일하는 도중의 실패(그리는 프로그램, 학습 뒤의 디스크 오류, 닫힌 파이프),
2 잘못된 입력(학습 전에 알림), 130 Ctrl-C, 143·129 SIGTERM·SIGHUP.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import viz_support
from support_robust import (
    POSIX,
    assert_korean_only,
    in_child,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    run_cli,
)

from micrograd_kr import cli, data
from micrograd_kr.optim import Adam

no_renderer = viz_support.no_renderer  # 준비물(fixture)
README = Path(__file__).resolve().parent.parent / "README.md"
_XOR = ["--dataset", "xor", "--epochs", "2", "--quiet"]


def _corpus(tmp: Path) -> Path:
    path = tmp / "낱말.txt"
    path.write_text("가나\n다라\n마바\n", encoding="utf-8")
    return path


# (부류, 종료 코드, 준비해서 명령줄 인자를 돌려주는 함수, 표준 오류에 있어야 할 글)
IN_PROCESS: list[tuple[str, int, Callable[[Path], list[str]], str]] = [
    ("성공", 0, lambda tmp: ["train", *_XOR], ""),
    ("잘못된 입력: 인자", 2, lambda tmp: ["train", "--epochs", "0"], "1 이상의 정수"),
    ("잘못된 입력: 식", 2, lambda tmp: ["draw", "a*b+", "-o", str(tmp / "a.svg")], "문법"),
    ("잘못된 입력: 저장 경로", 2, lambda tmp: ["train", *_XOR, "--save", str(tmp)], "폴더입니다"),
    (
        "잘못된 입력: 읽는 파일에 저장",
        2,
        lambda tmp: ["gpt", "--file", str(_corpus(tmp)), "--save", str(_corpus(tmp))],
        "같은 경로",
    ),
    (
        "잘못된 입력: 낱말 파일",
        2,
        lambda tmp: ["gpt", "--file", str(tmp / "없음.txt")],
        "찾을 수 없습니다",
    ),
    ("잘못된 입력: 메모리에 들지 않을 크기", 2, lambda tmp: ["train", "--n", "10" * 7], "필요"),
    (
        "잘못된 입력: 너무 큰 그림",
        2,
        lambda tmp: ["draw", "+".join(["a"] * 200), "--set", "a=1", "-o", str(tmp / "a.svg")],
        "배치(layout)",
    ),
]


@pytest.mark.parametrize(
    ("kind", "code", "make", "fragment"), IN_PROCESS, ids=[c[0] for c in IN_PROCESS]
)
def test_each_class_ends_with_its_code(
    tmp_path: Path, kind: str, code: int, make: Callable[[Path], list[str]], fragment: str
) -> None:
    got, out, err = run_cli(make(tmp_path))
    assert got == code, (out, err)
    if code:
        assert fragment in err
        assert_korean_only(err)


def test_a_renderer_failure_is_1(no_renderer: None, tmp_path: Path) -> None:
    code, _, err = run_cli(["draw", "apple", "-o", str(tmp_path / "a.svg")])
    assert code == 1 and "설치" in err


@pytest.mark.skipif(not POSIX, reason="파일 크기 한도(RLIMIT_FSIZE)는 POSIX 에서만")
def test_a_disk_error_after_training_is_1_not_2(tmp_path: Path) -> None:
    """저장 경로는 학습 전 검사를 통과했는데, 쓰는 도중에 디스크가 찼다 (파일 크기 한도로 흉내):
    명령은 옳았으니 잘못된 입력(2)이 아니라 실패(1)."""
    path = tmp_path / "m.json"
    result = in_child(lambda: run_cli(["train", *_XOR, "--save", str(path)]), file_size=2_000)
    assert "ok" in result, result
    code, out, err = result["ok"]
    assert code == 1, err
    assert "마지막 손실" not in out  # 저장이 먼저: 그 뒤의 평가까지 가지 않았다
    assert "학습한 모델을 저장하지 못했습니다" in err and "파일 크기 한도" in err
    assert_korean_only(err)
    assert not path.exists() and list(tmp_path.iterdir()) == []  # 반쯤 쓴 파일도 임시 파일도 없다


def test_a_closed_pipe_is_1(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "micrograd_kr.cli", "train", *_XOR],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 1
    assert "파이프" in err


def _signal_at_step(monkeypatch: pytest.MonkeyPatch, signum: int, n: int = 2) -> None:
    original = Adam.step
    calls = {"n": 0}

    def step(self: Adam) -> None:
        calls["n"] += 1
        if calls["n"] == n:
            signal.raise_signal(signum)
        original(self)

    monkeypatch.setattr(Adam, "step", step)


STOPS = [("Ctrl-C", "SIGINT", 130), ("kill", "SIGTERM", 143), ("터미널이 닫힘", "SIGHUP", 129)]


@pytest.mark.skipif(not POSIX, reason="POSIX 신호가 필요합니다")
@pytest.mark.parametrize(("kind", "name", "code"), STOPS, ids=[s[1] for s in STOPS])
def test_stop_signals_save_and_end_with_128_plus_the_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, name: str, code: int
) -> None:
    signum = getattr(signal, name)
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler or (
        signum != signal.SIGINT and signal.getsignal(signum) != signal.SIG_DFL
    ):
        pytest.skip("이 프로세스는 신호 처리기가 바뀌어 있습니다")
    _signal_at_step(monkeypatch, signum)
    path = tmp_path / "m.json"
    got, out, err = run_cli(
        ["train", "--dataset", "xor", "--epochs", "50", "--quiet", "--save", str(path)]
    )
    assert got == code, err
    assert "중단했습니다: 에폭 2/50" in out and path.exists()


def test_ctrl_c_before_training_is_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(data, "moons", interrupted)
    code, _, err = run_cli(["train", "--quiet"])
    assert code == 130 and "중단했습니다" in err


def test_the_readme_table_lists_exactly_these_codes() -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split("종료 코드(exit status)는", 1)[1].split("\n\n", 2)[1]
    codes = {
        int(c) for row in table.splitlines()[2:] for c in re.findall(r"\d+", row.split("|")[1])
    }
    tested = {0, 1, 2} | {code for _, _, code in STOPS}
    assert codes == tested
    assert cli.BAD_INPUT == 2
    assert "test_cli_exit_codes.py" in text
