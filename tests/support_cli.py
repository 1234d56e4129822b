"""명령줄 시험들이 함께 쓰는 도우미: 하위 프로세스로 명령을 돌리다 신호 보내기, Ctrl-C 흉내."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest


def percent(pattern: str, text: str) -> float:
    match = re.search(pattern + r"\s*:?\s*([0-9.]+)%", text)
    assert match, f"출력에서 {pattern!r} 를 찾지 못했습니다:\n{text}"
    return float(match.group(1)) / 100


def default_stop_signals() -> None:
    """하위 프로세스에서 SIGTERM·SIGHUP을 기본 처리로: 시험을 nohup 아래에서 돌려도 (SIGHUP을
    무시(SIG_IGN)하도록 물려받아도) 터미널에서 돌린 것과 같게."""
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def default_sigint() -> None:
    """백그라운드로 돈 셸이 SIGINT를 무시하게 해 두었더라도 되살린다."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    default_stop_signals()


def run_then_signal(
    argv: list[str],
    wait_for: bytes,
    signum: int,
    then: int | None = None,
    **popen: Any,
) -> tuple[int, str, str]:
    """``micrograd-kr argv``를 하위 프로세스로 돌리다가, 표준 오류(진행 막대)에 ``wait_for``
    (정규식)가 보이면 신호 ``signum``을 보낸다. ``then``을 주면 1초 뒤에 그 신호를 한 번 더
    보낸다 (앞의 신호가 무시되었는지 보려고). (종료 코드, stdout, stderr)를 돌려준다."""
    popen.setdefault("preexec_fn", default_stop_signals)
    proc = subprocess.Popen(
        [sys.executable, "-m", "micrograd_kr.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **popen,
    )
    seen = b""
    try:
        deadline = time.monotonic() + 120
        while not re.search(wait_for, seen) and time.monotonic() < deadline:
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


def train_then_signal(
    path: Path, signum: int, then: int | None = None, **popen: Any
) -> tuple[int, str, str]:
    """``train --epochs 100000 --save path``를 돌리다가 에폭을 하나 이상 마치면 신호를 보낸다."""
    argv = ["train", "--epochs", "100000", "--save", str(path)]
    return run_then_signal(argv, rb"\b[1-9]\d*/100000", signum, then, **popen)


def ctrl_c_at_step(monkeypatch: pytest.MonkeyPatch, optimizer: type, n: int) -> Any:
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
