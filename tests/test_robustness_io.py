"""적대적인 사용자 시험: 저장은 사용자의 파일을 망가뜨리지 않고, 너무 큰 크기는 미리 거절하며,
사용자가 보는 메시지는 모두 한국어입니다.

권한과 심볼릭 링크를 시험하는 경우는 root 로 돌면(root 는 권한 검사를 건너뛰므로) 포크(fork)한
자식 프로세스에서 uid/gid 65534(nobody)로 내려가 시험합니다. 인터프리터가 /root 아래에 있어
nobody 가 새 파이썬을 띄울 수 없으므로 subprocess 대신 fork 를 씁니다 (필요한 모듈은 미리
가져옴). 예전 코드가 멈추거나 메모리를 끝없이 먹는 경우(FIFO, /dev/zero, 거대한 MLP)도 자식
프로세스에서 메모리 한도(RLIMIT_AS)와 시간 한도(alarm)를 걸고 돌립니다.

맨 아래 ``CASES`` 표는 시험한 입력과 지금 받는 메시지 조각을 모두 적은 것입니다.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import inspect
import io
import json
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from micrograd_kr import cli, cli_parser, data, limits
from micrograd_kr import train as train_module
from micrograd_kr.autodiff import grad, gradcheck, numerical_grad
from micrograd_kr.engine import Value, topological_order
from micrograd_kr.nn import MLP
from micrograd_kr.optim import Adam
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


# ============================================================ 1. 저장이 파일을 망가뜨리지 않기
def test_save_leaves_a_user_file_named_like_the_old_temp_alone(tmp_path: Path) -> None:
    """예전에는 m.json.tmp 라는 고정된 임시 이름을 써서 같은 이름의 사용자 파일을 덮고 옮겼다."""
    mine = tmp_path / "m.json.tmp"
    mine.write_text("내 메모", encoding="utf-8")
    small_model().save(tmp_path / "m.json")
    assert mine.read_text(encoding="utf-8") == "내 메모"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "m.json.tmp"]
    assert small_model().load(tmp_path / "m.json") is not None


@pytest.mark.skipif(not POSIX, reason="심볼릭 링크와 fork 는 POSIX 에서만 시험합니다")
def test_save_never_writes_through_a_symlinked_temp_name(shared_dir: Path) -> None:
    """m.json.tmp 가 다른 파일을 가리키는 링크여도 그 파일은 그대로, m.json 은 보통 파일."""

    def attempt() -> dict[str, Any]:
        victim = shared_dir / "소중한.txt"
        victim.write_text("지우면 안 됨", encoding="utf-8")
        os.symlink(victim.name, shared_dir / "m.json.tmp")
        small_model().save(shared_dir / "m.json")
        return {
            "victim": victim.read_text(encoding="utf-8"),
            "is_link": os.path.islink(shared_dir / "m.json"),
            "loaded": MLP(2, [3, 1]).load(shared_dir / "m.json").parameters()[0].data,
            "names": sorted(os.listdir(shared_dir)),
        }

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    got = result["ok"]
    assert got["victim"] == "지우면 안 됨"
    assert got["is_link"] is False
    assert got["loaded"] == small_model().parameters()[0].data
    assert got["names"] == ["m.json", "m.json.tmp", "소중한.txt"]


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """디스크가 가득 차면(ENOSPC) 원래 파일은 그대로, 임시 파일은 남지 않고, 한국어로 알린다."""
    path = tmp_path / "m.json"
    path.write_text("예전 모델", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        small_model().save(path)
    assert info.value.errno == errno.ENOSPC
    assert "디스크 공간" in str(info.value) and str(path) in str(info.value)
    assert_korean_only(str(info.value))
    assert path.read_text(encoding="utf-8") == "예전 모델"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


@pytest.mark.skipif(not POSIX, reason="파일 크기 한도(RLIMIT_FSIZE)는 POSIX 에서만")
def test_a_real_short_write_leaves_no_partial_file(shared_dir: Path) -> None:
    """파일 크기 한도(ulimit -f)에 걸려 정말로 쓰다 만 경우: 반쯤 쓴 임시 파일이 남지 않는다."""
    path = shared_dir / "m.json"
    path.write_text("예전 모델", encoding="utf-8")

    def attempt() -> str:
        MLP(2, [16, 16, 1], seed=0).save(path)  # JSON 으로 약 8 KB
        return "저장됨"

    result = in_child(attempt, file_size=2000)
    assert result.get("type") == "OutputPathError", result
    assert "크기 한도" in result["error"]
    assert path.read_text(encoding="utf-8") == "예전 모델"
    assert [p.name for p in shared_dir.iterdir()] == ["m.json"]


@pytest.mark.parametrize("given", ["d/", "d"])
def test_save_to_a_folder_is_refused_without_leaving_d_tmp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    with pytest.raises(OSError, match="폴더입니다") as info:
        small_model().save(given)
    assert "d/model.json" in str(info.value) or os.path.join("d", "model.json") in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]
    assert list((tmp_path / "d").iterdir()) == []


@pytest.mark.skipif(not POSIX, reason="파일 권한(mode)은 POSIX 에서만 시험합니다")
def test_write_protected_target_is_refused_and_kept(shared_dir: Path) -> None:
    """0444 파일에 저장하면 예전에는 바꿔치기되어 0644 가 되었다. 이제는 거절하고 그대로 둔다."""
    path = shared_dir / "m.json"

    def attempt() -> dict[str, Any]:
        path.write_text("읽기 전용", encoding="utf-8")
        os.chmod(path, 0o444)
        try:
            small_model().save(path)
            message = None
        except OSError as exc:
            message = str(exc)
        return {
            "message": message,
            "mode": stat.S_IMODE(os.stat(path).st_mode),
            "text": path.read_text(encoding="utf-8"),
        }

    result = in_child(attempt, unprivileged=True)
    assert "ok" in result, result
    got = result["ok"]
    assert got["message"] is not None and "쓰기 금지" in got["message"]
    assert "chmod u+w" in got["message"]
    assert_korean_only(got["message"])
    assert got["mode"] == 0o444 and got["text"] == "읽기 전용"


@pytest.mark.skipif(not POSIX, reason="파일 권한(mode)은 POSIX 에서만 시험합니다")
def test_overwriting_keeps_the_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{}", encoding="utf-8")
    os.chmod(path, 0o640)
    small_model().save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert MLP(2, [3, 1]).load(path).parameters()[0].data == small_model().parameters()[0].data


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


# ============================================================ 2. --save 를 학습 전에 검사 (#13)
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


# ============================================================ 3. 들어가지 않을 크기는 미리 거절
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


@pytest.mark.skipif(not POSIX, reason="메모리 한도(RLIMIT_AS)는 POSIX 에서만")
def test_mlp_with_a_trillion_neurons_is_refused_at_once() -> None:
    result = in_child(lambda: MLP(2, [10**12]), address_space=1_000_000_000)
    assert result.get("type") == "SizeLimitError", result  # ValueError 의 한 갈래
    assert "약 3조 개" in result["error"] and "TB 필요" in result["error"]
    assert_korean_only(result["error"])


def test_memory_estimates_match_tracemalloc() -> None:
    """어림값은 실제로 잰 메모리(tracemalloc)와 두 배 안쪽으로 맞아야 한다."""
    for hidden in ([16, 16], [64], [8]):
        sizes = [*hidden, 1]
        model = MLP(2, sizes, seed=0)
        X, y = data.moons(400, seed=0)
        rows = [[float(a), float(b)] for a, b in X]
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        outs = [model(r) for r in rows]
        loss = sum((o - t) ** 2 for o, t in zip(outs, y.tolist()))
        loss.backward()
        used = (tracemalloc.get_traced_memory()[0] - before) / len(rows)
        tracemalloc.stop()
        estimate = limits.graph_bytes_per_sample(2, sizes)
        assert 0.5 < estimate / used < 2.0, (hidden, estimate, used)
        del outs, loss

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    model = MLP(2, [100, 100, 1], seed=0)
    opt = Adam(model.parameters(), lr=0.01)
    for p in model.parameters():
        p.grad = p.data * 0.5  # 학습 중처럼 기울기마다 새 float
    opt.step()
    per_parameter = (tracemalloc.get_traced_memory()[0] - before) / len(model.parameters())
    tracemalloc.stop()
    assert 0.5 < limits.BYTES_PER_PARAMETER / per_parameter < 2.0, per_parameter


def test_available_memory_is_a_plausible_number() -> None:
    available = limits.available_memory()
    if available is None:
        pytest.skip("이 운영체제에서는 쓸 수 있는 메모리를 알 수 없습니다")
    assert 10_000_000 < available < 10**15


# ============================================================ 4. load 는 일반 파일만, 크기 한도
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero 가 없는 운영체제")
def test_load_refuses_dev_zero_at_once() -> None:
    """예전: /dev/zero 를 끝까지 읽으려다 MemoryError. 자식 프로세스에서 1 GB 로 묶고 시험."""
    result = in_child(lambda: small_model().load("/dev/zero"), address_space=1_000_000_000)
    assert result.get("type") == "ValueError", result
    assert "장치 파일" in result["error"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO 가 없는 운영체제")
def test_load_refuses_a_fifo_without_hanging(shared_dir: Path) -> None:
    fifo = shared_dir / "pipe.json"
    os.mkfifo(fifo)
    result = in_child(lambda: small_model().load(fifo), timeout=10)
    assert result.get("type") == "ValueError", result
    assert "FIFO" in result["error"]


def test_load_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(190 * 1024 * 1024)  # 디스크를 쓰지 않는 성긴 파일(sparse file)
    model = small_model()
    before = [p.data for p in model.parameters()]
    tracemalloc.start()
    with pytest.raises(ValueError, match=r"199\.2 MB.*한도 100\.0 MB") as info:
        model.load(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000  # 읽지 않았다 (예전에는 778 MB)
    assert [p.data for p in model.parameters()] == before
    assert_korean_only(str(info.value))


def test_load_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="폴더입니다") as info:
        small_model().load(tmp_path)
    assert_korean_only(str(info.value))


# ============================================================ 5. demo 와 그림, 파이프
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


# ============================================================ 6. argparse 는 한국어로
def _argparse_messages() -> set[str]:
    """이 파이썬의 argparse 가 번역 함수에 넘기는 원문(msgid)들."""
    source = inspect.getsource(argparse)
    found = set(re.findall(r"""\b_\(\s*'((?:[^'\\]|\\.)*)'\s*\)""", source))
    found |= set(re.findall(r"""\b_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""", source))
    for singular, plural in re.findall(r"ngettext\(\s*'([^']*)',\s*'([^']*)'", source):
        found |= {singular, plural}
    return {m.encode().decode("unicode_escape") for m in found}


# 프로그램을 잘못 짰을 때만 나오는 글 (사용자가 명령줄로는 만들 수 없음)
DEVELOPER_ONLY = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
}


def test_every_user_facing_argparse_message_has_a_korean_translation() -> None:
    missing = sorted(_argparse_messages() - DEVELOPER_ONLY - set(cli_parser.MESSAGES))
    assert missing == [], f"번역이 없는 argparse 글: {missing}"
    placeholder = re.compile(r"%\(\w+\)[sr]|%[sr]")
    for english, korean in cli_parser.MESSAGES.items():
        if english != "%(heading)s:":
            assert HANGUL.search(korean), english
        assert sorted(placeholder.findall(english)) == sorted(placeholder.findall(korean)), english


def test_korean_parser_leaves_other_parsers_in_english() -> None:
    run_cli(["train", "--n", "x"])
    plain = argparse.ArgumentParser(prog="other")
    assert plain.format_usage().startswith("usage: other")
    assert "show this help message and exit" in plain.format_help()


def test_help_is_korean_everywhere() -> None:
    for argv in (["-h"], ["demo", "-h"], ["draw", "-h"], ["train", "-h"]):
        code, out, err = run_cli(argv)
        assert code == 0 and err == ""
        assert out.startswith("사용법: micrograd-kr")
        assert "옵션:" in out and "이 도움말을 보여 주고 끝냅니다" in out
        assert_korean_only(out)
        assert not re.search(r"-[\w-]+ [A-Z_]+\b", out), out  # --n N, --lr LR 같은 영어 자리 이름


# ============================================================ 7. 시험한 모든 입력과 지금의 메시지
def _value(x: Any) -> Callable[[], Any]:
    return lambda: Value(x)


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


def _load_missing(tmp: Path) -> Any:
    return small_model().load(tmp / "없는.json")


f_square = Value(3.0) * Value(3.0)

# (입력, 지금 받는 메시지 조각). 입력은 명령줄 인자 목록, 임시 폴더를 받아 인자 목록을 만드는
# 함수, 또는 API 를 부르는 함수(인자 없음 또는 임시 폴더 하나).
CASES: list[tuple[str, Any, str]] = [
    # --- argparse
    ("인자 없음", [], "꼭 필요한 인자가 빠졌습니다: 명령"),
    ("모르는 명령", ["fly"], "'fly'은(는) 고를 수 있는 값이 아닙니다"),
    ("정수가 아닌 --n", ["train", "--n", "x"], "'x'은(는) 정수가 아닙니다"),
    ("실수 --epochs", ["train", "--epochs", "2.5"], "'2.5'은(는) 정수가 아닙니다"),
    ("--epochs 0", ["train", "--epochs", "0"], "1 이상의 정수여야 합니다"),
    ("--n 1", ["train", "--n", "1"], "2 이상의 정수여야 합니다"),
    ("--hidden 0", ["train", "--hidden", "0"], "1 이상의 정수여야 합니다"),
    ("--hidden 값 없음", ["train", "--hidden"], "값이 하나 이상 필요합니다"),
    ("--n 값 없음", ["train", "--n"], "값이 하나 필요합니다"),
    ("--batch-size -3", ["train", "--batch-size", "-3"], "1 이상의 정수여야 합니다"),
    ("모르는 데이터셋", ["train", "--dataset", "mnist"], "다음 중 하나를 고르세요"),
    ("모르는 옵션", ["train", "--bogus"], "알 수 없는 인자입니다: --bogus"),
    ("남는 인자", ["demo", "extra"], "알 수 없는 인자입니다: extra"),
    ("모호한 줄임", ["train", "--s", "1"], "여러 옵션과 맞습니다"),
    ("draw 에 -o 없음", ["draw", "apple"], "꼭 필요한 인자가 빠졌습니다: -o/--output"),
    ("모르는 그림", ["draw", "pear", "-o", "x.svg"], "기본 그림 이름이라면 다음 중 하나입니다"),
    (
        "모르는 style",
        ["draw", "apple", "-o", "x.svg", "--style", "x"],
        "고를 수 있는 값이 아닙니다",
    ),
    ("--seed -1", ["train", "--seed", "-1"], "0 이상의 정수여야 합니다"),
    ("demo --seed -1", ["demo", "--seed", "-1"], "0 이상의 정수여야 합니다"),
    ("--lr inf", ["train", "--lr", "inf"], "유한한 수여야 합니다"),
    ("--lr -inf (옵션처럼 보임)", ["train", "--lr", "-inf"], "인자 --lr: 값이 하나 필요합니다"),
    ("--lr=-inf", ["train", "--lr=-inf"], "유한한 수여야 합니다"),
    ("--lr nan", ["train", "--lr", "nan"], "유한한 수여야 합니다"),
    ("--lr 0", ["train", "--lr", "0"], "0보다 커야 합니다"),
    ("--lr abc", ["train", "--lr", "abc"], "'abc'은(는) 실수가 아닙니다"),
    ("--activation 틀림", ["train", "--activation", "softsign", "--quiet"], "softsign"),
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
    # --- 엔진
    ("Value(10**400)", _value(10**400), "float로 나타내기에 너무 큽니다"),
    ("Value(-10**400)", _value(-(10**400)), "음의 정수(약 401자리)"),
    ("Value(2) * 10**400", lambda: Value(2.0) * 10**400, "너무 큽니다"),
    ("Value(2) ** 10**400", lambda: Value(2.0) ** 10**400, "너무 큽니다"),
    ("Value(-2) ** V(inf)", lambda: Value(-2.0) ** Value(math.inf), "음수 밑"),
    ("Value(-2) ** 0.5", lambda: Value(-2.0) ** 0.5, "실수가 아닙니다"),
    ("Value('x')", _value("x"), "숫자(int, float)가 와야 합니다"),
    # --- 자료형
    ("MLP(2, [2.0])", lambda: MLP(2, [2.0]), "정수가 와야 합니다. 받은 값: 2.0"),
    ("MLP('2', [1])", lambda: MLP("2", [1]), "정수가 와야 합니다. 받은 값: '2'"),
    ("MLP(2, 5)", lambda: MLP(2, 5), "목록이 와야 합니다"),
    ("MLP(2, [True])", lambda: MLP(2, [True]), "정수가 와야 합니다"),
    ("MLP(2, [10**12])", lambda: MLP(2, [10**12]), "TB 필요"),
    ("grad(f, 2.0)", lambda: grad(f_square, 2.0), "Value 하나나 Value 들의 목록"),
    ("grad(f, 'x')", lambda: grad(f_square, "x"), "Value 하나나 Value 들의 목록"),
    ("topological_order(2.0)", lambda: topological_order(2.0), "Value가 와야 합니다"),
    ("gradcheck(h=0)", lambda: gradcheck(lambda v: v[0] * v[0], [1.0], h=0), "간격 h"),
    ("gradcheck(h=-1)", lambda: gradcheck(lambda v: v[0] * v[0], [1.0], h=-1), "간격 h"),
    ("numerical_grad(h=nan)", lambda: numerical_grad(lambda v: v[0], [1.0], h=math.nan), "간격 h"),
    ("data.moons(10**13)", lambda: data.moons(10**13), "PB 필요"),
    # --- 불러오기
    ("load(없는 파일)", _load_missing, "찾을 수 없습니다"),
    ("load(폴더)", lambda tmp: small_model().load(tmp), "일반 파일이 아니라 폴더"),
    ("load('/dev/null')", lambda: small_model().load("/dev/null"), "장치 파일"),
    ("save('')", lambda: small_model().save(""), "경로가 비어 있습니다"),
    ("save(폴더)", lambda tmp: small_model().save(tmp), "폴더입니다"),
    ("save(None)", lambda: small_model().save(None), "문자열이나 Path 가 와야 합니다"),
]


def _attempt(given: Any, folder: Path) -> list[Any]:
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


@pytest.mark.parametrize(("name", "given", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_every_tried_input_gets_a_korean_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, given: Any, fragment: str
) -> None:
    """각 줄은 메모리(2 GB)·시간(60초) 한도를 건 자식 프로세스에서 돈다: 크기 검사가 고장 나도
    시험이 기계의 메모리를 다 먹지 않도록."""
    monkeypatch.chdir(tmp_path)
    if POSIX:
        result = in_child(lambda: _attempt(given, tmp_path), address_space=2_000_000_000)
        assert "ok" in result, result
        kind, detail, message = result["ok"]
    else:
        kind, detail, message = _attempt(given, tmp_path)
    if kind == "cli":
        assert detail in (1, 2), (detail, message)
    else:
        assert detail not in (None, "AssertionError", "KeyError", "AttributeError", "IndexError")
    assert fragment in message, message
    assert_korean_only(message)
