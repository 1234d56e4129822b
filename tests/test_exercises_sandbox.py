"""답과 싸우는 학습자 앞에서 ``check``가 지키는 것 (sandbox, guard): 시간 제한은 끌 수 없고,
답이 바꾼 것은 채점 뒤에 남지 않고, 답이 프로세스를 끝내도 커널은 살아 있고, 찍는 글은 줄인다.

답마다 (무엇을 하는가 → 나와야 할 말)이고, 채점이 끝난 뒤에는 이 프로세스(노트북이라면 커널)가
그대로인지 확인합니다. 스레드 방식(윈도우)에서 지키는 것은 맨 아래에 따로 있습니다.
"""

from __future__ import annotations

import math
import numbers
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from micrograd_kr import Value, floats, fused, modes
from micrograd_kr.exercises import _registry, check, grade, sandbox
from micrograd_kr.exercises.guard import Guard, guard

LIMIT = 1.0
forking = pytest.mark.skipif(sandbox.ISOLATION != "process", reason="fork가 없는 곳")


@pytest.fixture
def short_limit(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(_registry, "TIME_LIMIT", LIMIT)
    return LIMIT


def _sigmoid(x: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * x))


def _then_loop(prepare: Any) -> Any:
    def answer(x: float) -> float:
        prepare()
        while True:
            pass

    return answer


def _swallow(x: float) -> float:
    while True:
        try:
            time.sleep(60)
        except BaseException:  # noqa: BLE001  # 멈추라는 예외까지 삼키려는 답
            pass


def _c_loop(x: float) -> float:
    return float(sum(range(10**12)))  # C 안에서 도는 반복: 신호로는 멈추지 않는다


def _start_looping_thread() -> None:
    threading.Thread(target=lambda: time.sleep(60), daemon=False).start()


HANGING = {
    "while True": _then_loop(lambda: None),
    "time.sleep": lambda x: time.sleep(60),
    "예외를 삼키는 반복": _swallow,
    "signal.alarm(0)": _then_loop(lambda: signal.alarm(0)),
    "setitimer 0": _then_loop(lambda: signal.setitimer(signal.ITIMER_REAL, 0)),
    "SIGALRM 무시": _then_loop(lambda: signal.signal(signal.SIGALRM, signal.SIG_IGN)),
    "settrace 끄기": _then_loop(lambda: sys.settrace(None)),
    "스레드를 남김": _then_loop(_start_looping_thread),
    "C 안의 반복": _c_loop,
}


@forking
@pytest.mark.parametrize("answer", list(HANGING.values()), ids=list(HANGING))
def test_time_limit_holds_whatever_the_answer_does(answer: Any, short_limit: float, capsys) -> None:
    start = time.perf_counter()
    assert check("10-stable-sigmoid", answer) is False
    assert time.perf_counter() - start < short_limit + 4.0
    out = capsys.readouterr().out
    assert f"{short_limit:g}초가 넘게 걸려 멈췄습니다" in out and "while True" in out, out
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)  # 신호도 그대로
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    x = Value(2.0) * 3  # 끝난 뒤에도 평소처럼 돈다
    x.backward()


def _identity(pid: int) -> str:
    """프로세스를 가리키는 ``"번호 시작_시각"``: 번호를 다른 프로세스가 물려받아도 헷갈리지 않게."""
    try:
        start = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except OSError:
        start = "?"
    return f"{pid} {start}"


def _alive(identity: str) -> bool:
    """그 프로세스가 아직 살아 있는가 (좀비(zombie)와, 번호를 물려받은 다른 프로세스는 아님)."""
    pid, start = identity.split()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        try:
            os.kill(int(pid), 0)
        except OSError:
            return False
        return True
    return fields[0] != "Z" and (start == "?" or fields[19] == start)


def _gone(identity: str, wait: float = 3.0) -> bool:
    end = time.monotonic() + wait
    while time.monotonic() < end:
        if not _alive(identity):
            return True
        time.sleep(0.02)
    return False


@forking
def test_processes_the_answer_starts_are_stopped_too(short_limit: float, tmp_path: Path) -> None:
    where = tmp_path / "pid"

    def answer(x: float) -> float:
        pid = os.fork()
        if pid == 0:  # 손주 프로세스: 오래 산다
            time.sleep(60)
            os._exit(0)
        where.write_text(_identity(pid))
        return _sigmoid(x)

    assert grade("10-stable-sigmoid", answer)[0] is True
    assert _gone(where.read_text())


@forking
def test_ctrl_c_while_waiting_stops_the_child(short_limit: float, tmp_path: Path) -> None:
    where = tmp_path / "pid"

    def answer(x: float) -> float:
        where.write_text(_identity(os.getpid()))
        while True:
            pass

    timer = threading.Timer(0.4, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        check("10-stable-sigmoid", answer)
    assert time.perf_counter() - start < short_limit
    assert _gone(where.read_text())


# ---------------------------------------------------------------- 답이 끝내거나 죽여도
@forking
@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda x: os._exit(3), "os._exit(3)"),
        (lambda x: os.kill(os.getpid(), signal.SIGSEGV), "SIGSEGV로 멈췄습니다. 재귀가 너무 깊어"),
        (lambda x: os.kill(os.getpid(), signal.SIGTERM), "SIGTERM으로 멈췄습니다"),
        (lambda x: os.closerange(3, 4096), "채점 통로(파일 기술자)를 닫거나"),
    ],
    ids=["os._exit", "SIGSEGV", "SIGTERM", "통로 닫기"],
)
def test_an_answer_that_ends_the_process_does_not_end_the_kernel(
    answer: Any, words: str, capsys
) -> None:
    assert check("10-stable-sigmoid", answer) is False
    out = capsys.readouterr().out
    assert "× 아직 아닙니다" in out and words in out, out


# ---------------------------------------------------------------- 바꾼 것은 남지 않는다
def _wrong_after(patch: Any) -> Any:
    """``patch()``를 하고 틀린 값(0.3)을 돌려주는 답."""

    def answer(x: float) -> float:
        patch()
        return 0.3

    return answer


def _patch_guard_and_isclose() -> None:
    from micrograd_kr.exercises import guard as guard_module

    guard_module.guard.restore = lambda: None  # type: ignore[method-assign]
    Guard.restore = lambda self: None  # type: ignore[method-assign]
    math.isclose = lambda *a, **k: True  # type: ignore[assignment]


def _fake_math_module() -> None:
    sys.modules["math"] = type(sys)("math")


PATCHES = {
    "floats.to_float": lambda: setattr(floats, "to_float", lambda x, what: 0.0),
    "modes.is_grad_enabled": lambda: setattr(modes, "is_grad_enabled", lambda: False),
    "fused.dot": lambda: setattr(fused, "dot", None),
    "numbers.Real.register(str)": lambda: numbers.Real.register(str),
    "guard.restore와 math.isclose": _patch_guard_and_isclose,
    "sys.modules['math']": _fake_math_module,
    "Value에 속성 더하기": lambda: setattr(Value, "sneaky", lambda self: 0.5),
}


@pytest.mark.parametrize("patch", list(PATCHES.values()), ids=list(PATCHES))
def test_patches_do_not_fool_the_grader_or_outlive_check(patch: Any) -> None:
    before = {
        "to_float": floats.to_float,
        "grad": modes.is_grad_enabled,
        "dot": fused.dot,
        "restore": guard.restore,
        "Restore": Guard.restore,
        "isclose": math.isclose,
        "math": sys.modules["math"],
    }
    ok, message = grade("10-stable-sigmoid", _wrong_after(patch))
    assert ok is False and "σ(x)가 0.5여야 하는데 0.3이 나왔습니다" in message, message
    if sandbox.ISOLATION == "process":  # 스레드 방식은 채점 뒤에 되돌린다 (아래 시험)
        assert not isinstance("21", numbers.Real)
        assert not hasattr(Value, "sneaky")
        assert before == {
            "to_float": floats.to_float,
            "grad": modes.is_grad_enabled,
            "dot": fused.dot,
            "restore": guard.restore,
            "Restore": Guard.restore,
            "isclose": math.isclose,
            "math": sys.modules["math"],
        }
        assert grade("10-stable-sigmoid", _sigmoid)[0] is True


@forking
def test_a_thread_left_behind_cannot_patch_after_check(short_limit: float) -> None:
    real_cos = math.cos

    def answer(x: float) -> float:
        def later() -> None:
            time.sleep(0.3)
            math.cos = lambda v: 0.0  # type: ignore[assignment]

        threading.Thread(target=later).start()
        return _sigmoid(x)

    assert grade("10-stable-sigmoid", answer)[0] is True
    time.sleep(0.6)
    assert math.cos is real_cos and math.cos(0.0) == 1.0


def test_strings_are_not_numbers_even_after_register() -> None:
    ok, message = grade("10-stable-sigmoid", lambda x: (numbers.Real.register(str), "0.5")[1])
    assert ok is False and "따옴표 없이" in message, message


@forking
def test_notebook_patches_do_not_fool_check_and_are_left_alone() -> None:
    """노트북에서 바꿔 둔 ``Value.backward``로 채점하지 않고, 커널의 것은 그대로 둔다."""
    real = Value.backward
    fake = lambda self: None  # noqa: E731
    Value.backward = fake  # type: ignore[method-assign]
    try:
        assert grade("02-tax-change", 70.0)[0] is False  # 채점기의 기울기는 진짜 역전파로
        assert grade("02-tax-change", 65.0)[0] is True
        assert Value.backward is fake  # 학습자가 해 둔 실험은 그대로
    finally:
        Value.backward = real  # type: ignore[method-assign]


# ---------------------------------------------------------------- 찍는 글
def _chatty(lines: int) -> Any:
    said = []

    def answer(x: float) -> float:
        if not said:
            said.append(True)
            for i in range(lines):
                print(f"줄 {i}")
        return _sigmoid(x)

    return answer


def test_a_correct_answer_that_prints_a_million_lines_gets_its_verdict(capsys) -> None:
    assert check("10-stable-sigmoid", _chatty(10**6)) is True
    out = capsys.readouterr().out
    assert "○ 정답입니다" in out and "줄 0" in out and "줄 19\n" in out and "줄 20" not in out
    assert "줄였습니다" in out and len(out) < 3000, len(out)


def test_a_few_printed_lines_come_before_the_verdict(capsys) -> None:
    assert check("10-stable-sigmoid", _chatty(2)) is True
    out = capsys.readouterr().out
    assert out.index("답이 찍은 글:") < out.index("줄 1") < out.index("○ 정답입니다"), out
    assert "줄였습니다" not in out


def test_huge_exception_names_are_shortened(capsys) -> None:
    error = type("E" * 100_000, (Exception,), {})

    def answer(x: float) -> float:
        raise error("x" * 100_000)

    assert check("10-stable-sigmoid", answer) is False
    assert len(capsys.readouterr().out) < 1000


# ---------------------------------------------------------------- 어디서 멈췄는가
def _fine_until_big(root: Any) -> None:
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in node._prev)
    if len(order) > 10_000:  # 큰 그래프에서만 끝나지 않는다
        while True:
            pass
    root.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def test_the_time_limit_message_says_where_it_stopped(short_limit: float, capsys) -> None:
    assert check("10-iterative-backward", _fine_until_big) is False
    out = capsys.readouterr().out
    assert "앞의 9개는 끝났고 '노드 20,000개짜리 사슬" in out and "느린 계산일 수" in out, out


# ---------------------------------------------------------------- 스레드 방식 (윈도우)
@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "ISOLATION", "thread")
    monkeypatch.setattr(_registry, "TIME_LIMIT", LIMIT)


def _checking_threads() -> int:
    return sum(t.name == "micrograd-kr-check" for t in threading.enumerate())


@pytest.mark.parametrize("answer", [HANGING["while True"], _swallow], ids=["loop", "swallow"])
def test_thread_mode_returns_in_time(threads: None, answer: Any) -> None:
    start = time.perf_counter()
    ok, message = grade("10-stable-sigmoid", answer)
    assert ok is False and "멈췄습니다" in message, message
    assert time.perf_counter() - start < LIMIT + 4.0


def test_thread_mode_stops_a_plain_python_loop_afterwards(threads: None) -> None:
    before = _checking_threads()
    assert grade("10-stable-sigmoid", HANGING["while True"])[0] is False
    end = time.monotonic() + 3.0  # 남은 스레드에 0.05초마다 넣는 예외로 반복이 끝난다
    while time.monotonic() < end and _checking_threads() > before:
        time.sleep(0.05)
    assert _checking_threads() <= before


@pytest.mark.parametrize("patch", list(PATCHES.values()), ids=list(PATCHES))
def test_thread_mode_undoes_patches_after_check(threads: None, patch: Any) -> None:
    real = floats.to_float, modes.is_grad_enabled, fused.dot, math.isclose, sys.modules["math"]
    assert grade("10-stable-sigmoid", _wrong_after(patch))[0] is False
    assert not isinstance("21", numbers.Real) and not hasattr(Value, "sneaky")
    assert real == (
        floats.to_float,
        modes.is_grad_enabled,
        fused.dot,
        math.isclose,
        sys.modules["math"],
    )


def test_thread_mode_caps_printed_lines(threads: None, capsys) -> None:
    assert check("10-stable-sigmoid", _chatty(1000)) is True
    out = capsys.readouterr().out
    assert "줄 19\n" in out and "줄 20" not in out and "줄였습니다" in out


def test_time_limit_also_works_off_the_main_thread(short_limit: float) -> None:
    box: dict[str, Any] = {}
    worker = threading.Thread(
        target=lambda: box.update(r=grade("10-stable-sigmoid", HANGING["while True"]))
    )
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert box["r"][0] is False and "멈췄습니다" in box["r"][1]


def test_keyboard_interrupt_from_the_answer_is_not_swallowed() -> None:
    def answer(x: float) -> float:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check("10-stable-sigmoid", answer)


# ---------------------------------------------------------------- 약속은 한곳에서, 같게
def test_the_promise_is_stated_alike_in_the_package_notebook_00_and_readme() -> None:
    """약속의 한곳은 ``micrograd_kr.exercises``의 설명이고, 노트북 00과 README는 그것을 옮긴다."""
    import json

    import micrograd_kr.exercises as exercises
    from micrograd_kr.exercises.answers import TIME_LIMIT

    root = Path(__file__).resolve().parent.parent
    cells = json.loads((root / "notebooks" / "00_introduction.ipynb").read_text("utf-8"))["cells"]
    places = {
        "exercises": exercises.__doc__ or "",
        "00": "".join("".join(c["source"]) for c in cells),
        "README": (root / "README.md").read_text("utf-8"),
    }
    facts = [
        f"{TIME_LIMIT:g}초",
        f"{sandbox.OUTPUT_LINES}줄",
        "os._exit",
        "sys.settrace",
        "C 안에서 도는 반복",
        "numbers.Real.register",
        "윈도우",
        "메모리",
    ]
    missing = {where: [f for f in facts if f not in text] for where, text in places.items()}
    assert missing == {"exercises": [], "00": [], "README": []}


@forking
def test_children_reaped_by_someone_else_do_not_break_check() -> None:
    """SIGCHLD를 무시하게 둔 프로그램에서는 자식이 저절로 거둬진다: 그래도 판정은 나온다."""
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert grade("10-stable-sigmoid", _sigmoid)[0] is True
        ok, message = grade("10-stable-sigmoid", lambda x: os._exit(3))
        assert ok is False and "결과를 보내지 못하고 끝났습니다" in message, message
    finally:
        signal.signal(signal.SIGCHLD, previous)
