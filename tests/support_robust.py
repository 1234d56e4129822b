"""적대적인 입력 시험들이 함께 쓰는 도우미: 자식 프로세스 실행, 한국어 메시지 검사, 표 실행기.

권한과 심볼릭 링크를 시험하는 경우는 root 로 돌면(root 는 권한 검사를 건너뛰므로) 포크(fork)한
자식 프로세스에서 uid/gid 65534(nobody)로 내려가 시험합니다. 인터프리터가 /root 아래에 있어
nobody 가 새 파이썬을 띄울 수 없으므로 subprocess 대신 fork 를 씁니다 (필요한 모듈은 미리
가져옴). 예전 코드가 멈추거나 메모리를 끝없이 먹는 경우(FIFO, /dev/zero, 거대한 MLP)도 자식
프로세스에서 메모리 한도(RLIMIT_AS)와 시간 한도(alarm)를 걸고 돌립니다.

표 두 가지: ``CASES`` 표(입력 → 지금 받는 메시지 조각)는 ``check_case`` 로, ``SWEEP`` 표(경우 →
돌려준 값의 검사나 오류)는 ``check_sweep_row`` 로 돌립니다. 표는 시험하는 모듈의 시험 파일에
있습니다.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import math
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from micrograd_kr import cli, limits, modes
from micrograd_kr import train as train_module
from micrograd_kr.modes import is_anomaly_enabled, is_grad_enabled
from micrograd_kr.nn import MLP
from micrograd_kr.viz import commands as _viz_commands  # noqa: F401  (fork 전에 미리 가져옴)

POSIX = os.name == "posix" and hasattr(os, "fork")
NOBODY = 65534
HANGUL = re.compile("[가-힣]")
# 사용자에게 보이면 안 되는 영어 조각들 (argparse 원문, 운영체제 원문, 파이썬 원문)
ENGLISH = re.compile(
    r"Traceback|usage:|error:|invalid (int|float|choice)|the following arguments|"
    r"unrecognized arguments|show this help|expected (one|at least)|\[Errno|"
    r"No such file|Permission denied|Is a directory|File exists|too long|No space|"
    r"Broken pipe|cannot convert|too large to convert|object is not|"
    r"division by zero|non-negative integer|positional arguments|^options:",
    re.MULTILINE,
)


def assert_korean_only(text: str) -> None:
    """메시지가 한국어이고, 알려진 영어 원문이나 트레이스백(traceback)이 섞이지 않았는지."""
    assert HANGUL.search(text), f"한국어가 없는 메시지: {text!r}"
    found = ENGLISH.search(text)
    assert found is None, f"영어 원문 {found.group(0)!r} 이(가) 보입니다: {text!r}"


# ------------------------------------------------------------ 자식 프로세스 도우미
def in_child(
    fn: Callable[[], Any],
    *,
    unprivileged: bool = False,
    address_space: int | None = None,
    file_size: int | None = None,
    timeout: int = 60,
) -> dict[str, Any]:
    """``fn`` 을 포크한 자식 프로세스에서 돌리고 {'ok': 돌려준 값} 또는 {'error': 설명}.

    ``unprivileged``: root 라면 uid/gid 65534 로 내려간다. ``address_space``: 지금보다 이만큼
    더 쓰면 MemoryError (RLIMIT_AS). ``file_size``: 파일 크기 한도 (RLIMIT_FSIZE).
    ``timeout``: 이 시간(초)이 지나면 TimeoutError.
    """
    import resource
    import signal

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # 자식
        result: dict[str, Any]
        try:
            os.close(read_end)
            if unprivileged and os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            if address_space is not None:
                used = limits._virtual_size() or 0
                resource.setrlimit(resource.RLIMIT_AS, (used + address_space,) * 2)
            if file_size is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # 신호 대신 EFBIG 오류로
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size,) * 2)

            def on_alarm(*_: object) -> None:
                raise TimeoutError(f"{timeout}초 안에 끝나지 않았습니다")

            signal.signal(signal.SIGALRM, on_alarm)
            signal.alarm(timeout)
            result = {"ok": fn()}
        except BaseException as exc:  # noqa: BLE001 - 무엇이든 부모에게 알린다
            result = {"error": f"{type(exc).__name__}: {exc}", "type": type(exc).__name__}
        try:
            os.write(write_end, json.dumps(result, default=repr).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write_end)
    import select
    import time

    chunks = []
    deadline = time.monotonic() + timeout + 30  # 자식이 alarm 으로도 못 멈추면 죽인다
    with os.fdopen(read_end, "rb", buffering=0) as stream:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([stream], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"error": "자식 프로세스가 시간 안에 끝나지 않아 멈췄습니다", "type": None}
            chunk = stream.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks).decode("utf-8"))


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """root 와 nobody 가 함께 쓰는 임시 폴더 (pytest 의 tmp_path 는 root 만 들어갈 수 있다)."""
    folder = Path(tempfile.mkdtemp(prefix="micrograd_kr_io_"))
    os.chmod(folder, 0o755)
    if POSIX and os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):  # 시험이 지운 권한을 되돌려 지울 수 있게
            if path.is_dir() and not path.is_symlink():
                os.chmod(path, 0o755)
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` 를 이 프로세스에서: (종료 코드, 표준 출력, 표준 오류)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_training(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """fit 이 불리면 기록한다: '학습 전에 거절' 을 확인하는 데 쓴다."""
    calls: list[str] = []

    def fake_fit(*args: Any, **kwargs: Any) -> Any:
        calls.append("fit")
        raise AssertionError("학습을 시작하면 안 됩니다")

    monkeypatch.setattr(train_module, "fit", fake_fit)
    return calls


def small_model() -> MLP:
    return MLP(2, [3, 1], seed=0)


# ------------------------------------------------------------ 입력 → 메시지 표 (CASES)
def attempt_case(given: Any, folder: Path) -> list[Any]:
    """표의 한 줄을 실행: ["cli", 종료 코드, 표준 오류] 또는 ["api", 오류 종류, 메시지]."""
    if callable(given):  # API 를 부르거나, 임시 폴더를 준비해 명령줄 인자를 만든다
        takes_folder = len(inspect.signature(given).parameters) == 1
        try:
            given = given(folder) if takes_folder else given()
        except Exception as exc:  # noqa: BLE001 - 종류가 아니라 메시지를 본다
            return ["api", type(exc).__name__, str(exc)]
        if not isinstance(given, list):
            return ["api", None, f"오류 없이 {given!r} 을(를) 돌려주었습니다"]
    if given[:1] == ["train"] and "--n" not in given:
        given = [*given, "--epochs", "1", "--dataset", "xor"]
    code, _, err = run_cli(given)
    return ["cli", code, err]


def check_case(given: Any, fragment: str, tmp_path: Path) -> None:
    """표의 한 줄이 한국어 메시지를 받는지. 각 줄은 메모리(2 GB)·시간(60초) 한도를 건 자식
    프로세스에서 돈다: 크기 검사가 고장 나도 시험이 기계의 메모리를 다 먹지 않도록."""
    if POSIX:
        result = in_child(lambda: attempt_case(given, tmp_path), address_space=2_000_000_000)
        assert "ok" in result, result
        kind, detail, message = result["ok"]
    else:
        kind, detail, message = attempt_case(given, tmp_path)
    if kind == "cli":
        assert detail in (1, 2), (detail, message)
    else:
        assert detail not in (None, "AssertionError", "KeyError", "AttributeError", "IndexError")
    assert fragment in message, message
    assert_korean_only(message)


def case_table_test(cases: list[tuple[str, Any, str]]) -> Callable[..., None]:
    """``CASES`` 표 하나를 도는 시험 함수: ``test_... = case_table_test(CASES)``."""

    @pytest.mark.parametrize(("name", "given", "fragment"), cases, ids=[c[0] for c in cases])
    def test(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, given: Any, fragment: str
    ) -> None:
        monkeypatch.chdir(tmp_path)
        check_case(given, fragment, tmp_path)

    return test


# ------------------------------------------------------------ 학습·모드 도우미
NAN, INF = math.nan, math.inf
BIG = sys.float_info.max
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [0, 1, 1, 0]


def params_of(model: MLP) -> list[float]:
    return [p.data for p in model.parameters()]


@pytest.fixture(autouse=True)
def modes_are_default_around_each_test():
    """가져온 파일의 모든 시험은 기본 모드에서 시작하고, 끝나면 열린 모드 블록이 남지 않는다."""
    assert is_grad_enabled() and not is_anomaly_enabled()
    yield
    assert modes.open_blocks == 0
    assert is_grad_enabled() and not is_anomaly_enabled()


needs_sigint = pytest.mark.skipif(
    sys.platform == "win32" or signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="SIGINT가 파이썬 기본 처리기(KeyboardInterrupt)인 POSIX 에서만 잴 수 있습니다",
)


# ------------------------------------------------------------ 두드려 본 표 (SWEEP)
def raises(exc: type, pattern: str) -> tuple[str, type, str]:
    return ("raises", exc, pattern)


def gives(check: Callable[[Any], bool]) -> tuple[str, Callable[[Any], bool]]:
    return ("gives", check)


def _error_text(thunk: Callable[[], Any]) -> str:
    try:
        thunk()
    except Exception as exc:  # 표의 '메시지' 칸만 꺼내 본다
        return str(exc)
    raise AssertionError("오류가 나야 합니다")


def check_sweep_row(case: str, thunk: Callable[[], Any], expected: tuple) -> None:
    """표의 한 줄: 기대한 값이 나오거나, 기대한 오류가 보이지 않는 글자 없는 한국어로."""
    if expected[0] == "gives":
        assert expected[1](thunk()), case
        return
    _, exc, pattern = expected
    with pytest.raises(exc, match=pattern):
        thunk()
    text = _error_text(thunk)
    assert HANGUL.search(text), f"메시지가 한국어가 아닙니다: {text}"
    assert not any(c in text for c in "\x1b\x07\x00\u202e"), "메시지에 보이지 않는 글자가 그대로"


def sweep_table_test(sweep: list[tuple[str, Callable[[], Any], tuple]]) -> Callable[..., None]:
    """``SWEEP`` 표 하나를 도는 시험 함수: ``test_sweep_table = sweep_table_test(SWEEP)``."""

    @pytest.mark.parametrize("case, thunk, expected", sweep, ids=[c for c, _, _ in sweep])
    def test(case: str, thunk: Callable[[], Any], expected: tuple) -> None:
        check_sweep_row(case, thunk, expected)

    return test
