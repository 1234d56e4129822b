"""학습자의 답을 시험하는 자리: 멈출 수 있는 곳에서, 시간 제한과 함께, 찍는 글은 줄여서.

``check``가 무엇을 약속하고 무엇을 막지 못하는지는 :mod:`micrograd_kr.exercises`의 설명 한곳에
있습니다. 여기는 그 방법입니다.

- **프로세스**(``os.fork``가 있는 곳): 채점 하나를 자식 프로세스에서 합니다. 자식은 새 프로세스
  그룹을 만들고, ``sys.stdout``을 :class:`_Capture`로 바꾸고, 지키는 것을 되돌린 뒤 채점해서
  결과를 JSON 한 줄로 통로(pipe)에 씁니다. 부모는 통로만 기다리다가 시간이 지나면 그룹째
  ``SIGKILL``로 끝냅니다: 답이 자식 안에서 신호나 스레드에 무엇을 하든 부모에는 닿지 않습니다.
  자식이 결과 없이 끝나면 그 종료 상태(``os._exit``의 값, 신호)로 까닭을 말합니다.
- **스레드**(``os.fork``가 없는 곳): 답을 데몬 스레드에서 돌리고 ``limit``초만 기다립니다. 남은
  스레드에는 0.05초마다 :class:`~micrograd_kr.exercises.answers.TimeLimitExceeded`를 넣습니다.
"""

from __future__ import annotations

import io
import json
import os
import selectors
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from micrograd_kr.exercises.answers import TimeLimitExceeded, stage_listeners
from micrograd_kr.exercises.guard import guard, number_registries, restore_number_registries
from micrograd_kr.korean import particle

__all__ = ["ISOLATION", "OUTPUT_CHARS", "OUTPUT_LINES", "Outcome", "run_isolated"]

#: 답을 시험하는 자리: "process"(자식 프로세스) 또는 "thread"(같은 프로세스의 스레드)
ISOLATION = "process" if hasattr(os, "fork") and sys.platform != "emscripten" else "thread"
#: 답이 찍은 글에서 보여 주는 만큼
OUTPUT_LINES = 20
OUTPUT_CHARS = 2000
#: 자식이 보내는 소식의 크기 한도 (답이 통로에 마구 써도 커널의 메모리가 늘지 않게)
_MAX_REPORT = 1 << 20

Work = Callable[[], tuple[Any, str]]


@dataclass
class Outcome:
    """채점 한 번의 결과: 맞았는가(``None``은 아직 답하지 않음), 설명, 답이 찍은 글."""

    ok: bool | None
    message: str
    output: str = ""
    more_output: bool = False


def run_isolated(work: Work, limit: float, mode: str | None = None, answer: Any = None) -> Outcome:
    """``work()``(채점 하나, 예외를 내지 않고 ``(맞았는가, 설명)``을 돌려줌)를 격리해 돌립니다.

    ``limit``초가 지나면 멈추고 그렇다고 알리는 결과를 돌려줍니다. ``KeyboardInterrupt``만은
    (채점 중에 눌러도, 답이 일으켜도) 그대로 올라갑니다. ``answer``가 코드가 없는 자료(수,
    글자, 그런 것의 튜플·목록, numpy 수 배열)이고 지키는 것이 그대로이면 격리할 까닭이 없으므로
    그 자리에서 채점합니다 (자식 프로세스를 만드는 몇 ms를 아낀다).
    """
    if is_plain_data(answer) and not guard.changed():
        ok, message = work()
        return Outcome(ok, message)
    if (mode or ISOLATION) == "process":
        return _in_process(work, limit)
    return _in_thread(work, limit)


_PLAIN = (int, float, complex, bool, str, bytes, type(None))


def is_plain_data(answer: Any, depth: int = 0) -> bool:
    """채점하는 동안 학습자의 코드가 돌 수 없는 답인가: 내장 수·글자, 그것의 작은 튜플·목록,
    numpy의 수와 수 배열 (하위 클래스는 메서드를 바꿀 수 있으므로 정확히 그 타입만)."""
    kind = type(answer)
    if kind in _PLAIN:
        return True
    if kind in (list, tuple):
        return (
            depth < 3
            and len(answer) <= 10_000
            and all(is_plain_data(item, depth + 1) for item in answer)
        )
    numpy = sys.modules.get("numpy")
    if numpy is not None and kind.__module__ == "numpy":
        if kind is numpy.ndarray:
            return answer.dtype.kind in "biufc"
        return isinstance(answer, numpy.number) or kind is numpy.bool_
    return False


# ---------------------------------------------------------------- 답이 찍는 글
class _Capture(io.TextIOBase):
    """처음 :data:`OUTPUT_LINES`줄(:data:`OUTPUT_CHARS`자)만 모으는 ``sys.stdout``.

    다 차면 ``sys.stdout``을 ``os.devnull``로 바꿔, 답이 백만 줄을 찍어도 빨리 지나가게 합니다.
    """

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[str] = []
        self._chars = 0
        self._lines = 0
        self.more = False
        self._sink: Any = None

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def write(self, text: Any) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        n = len(text)
        if self.more:
            return n
        kept = text
        left = OUTPUT_LINES - self._lines
        if kept.count("\n") >= left:
            end = -1
            for _ in range(left):
                end = kept.index("\n", end + 1)
            kept = kept[: end + 1]
        kept = kept[: OUTPUT_CHARS - self._chars]
        self._parts.append(kept)
        self._chars += len(kept)
        self._lines += kept.count("\n")
        if len(kept) < n:
            self._full()
        return n

    def _full(self) -> None:
        self.more = True
        try:
            self._sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        except OSError:  # pragma: no cover  # devnull이 없는 곳: 이 객체가 버린다
            return
        if sys.stdout is self:
            sys.stdout = self._sink
        if sys.stderr is self:
            sys.stderr = self._sink

    def text(self) -> str:
        return "".join(self._parts)

    def close_sink(self) -> None:
        if self._sink is not None:
            self._sink.close()


# ---------------------------------------------------------------- 프로세스
_dumps = json.dumps
_write = os.write
_exit = os._exit


def _send(fd: int, payload: dict[str, Any]) -> None:
    data = (_dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", "replace")
    while data:
        data = data[_write(fd, data) :]


def _child(work: Work, fd: int) -> None:
    """자식 프로세스: 그룹을 따로 만들고, 찍는 글을 모으고, 채점해 결과를 보내고 끝난다."""
    code = 0
    try:
        try:
            os.setpgid(0, 0)  # 부모가 그룹째 끝낼 수 있게 (답이 만든 손주 프로세스까지)
        except OSError:
            pass
        try:
            import faulthandler

            faulthandler.disable()  # 답이 자식을 죽여도 커널의 로그에 추적을 쏟지 않게
        except Exception:  # noqa: BLE001  # pragma: no cover
            pass
        capture = _Capture()
        sys.stdout = sys.stderr = capture
        stage_listeners.append(lambda text: _send(fd, {"stage": text[:300]}))
        guard.restore()  # 노트북에서 바꿔 둔 것은 자식에서만 되돌린다 (커널은 그대로 둔다)
        try:
            ok, message = work()
            payload: dict[str, Any] = {"verdict": [ok, str(message)]}
        except KeyboardInterrupt:
            payload = {"interrupt": True}
        guard.restore()
        payload["output"] = capture.text()
        payload["more"] = capture.more
        _send(fd, payload)
    except BaseException:  # noqa: BLE001  # 무엇이 나도 부모의 코드로 돌아가지 않는다
        code = _CHANNEL_LOST
    finally:
        _exit(code)


def _in_process(work: Work, limit: float) -> Outcome:
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        # 3.12부터 스레드가 여럿인 프로세스(주피터 커널)의 fork에 주는 경고: 자식은 잠긴
        # 자원(커널의 출력 스레드 등)을 쓰지 않고 곧 끝나므로 여기서는 해당하지 않는다
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover  # 자식 (커버리지가 보지 못하는 곳)
        os.close(read_fd)
        _child(work, write_fd)
    os.close(write_fd)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    deadline = time.monotonic() + limit
    stages: list[str] = []
    verdict: dict[str, Any] | None = None
    status: int | None = None
    ended = False  # 통로가 닫혔거나 시간이 다 됐다 (Ctrl-C 등으로 빠져나오면 False)
    try:
        verdict = _listen(read_fd, deadline, stages)
        ended = verdict is None
    finally:
        os.close(read_fd)
        status = _finish(pid, ended, deadline)
    if verdict is not None:
        if verdict.get("interrupt"):
            raise KeyboardInterrupt
        return _read_verdict(verdict)
    if status is None:
        return Outcome(False, _timeout_message(limit, stages))
    return Outcome(False, _ended_message(status))


_BROKEN: dict[str, Any] = {"broken": True}
#: 자식이 결과를 보내지 못하고 끝날 때의 종료 코드 (답이 통로를 닫았을 때)
_CHANNEL_LOST = 117


def _listen(fd: int, deadline: float, stages: list[str]) -> dict[str, Any] | None:
    """자식의 소식(한 줄에 JSON 하나)을 읽습니다. 결과가 오면 그것을, 아니면 ``None``."""
    buffer = b""
    total = 0
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                if deadline - time.monotonic() <= 0:
                    return None
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            total += len(chunk)
            if total > _MAX_REPORT:
                return _BROKEN
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                try:
                    news = json.loads(line.decode("utf-8", "replace"))
                except ValueError:
                    return _BROKEN
                if not isinstance(news, dict):
                    return _BROKEN
                if "stage" in news:
                    stages.append(str(news["stage"]))
                else:
                    return news


def _read_verdict(news: dict[str, Any]) -> Outcome:
    raw = news.get("verdict")
    if not (isinstance(raw, list) and len(raw) == 2 and raw[0] in (True, False, None)):
        return Outcome(False, "채점 결과를 읽지 못했습니다: 답의 코드가 채점 통로에 썼습니다.")
    output = news.get("output")
    return Outcome(
        raw[0],
        str(raw[1])[:4000],
        output[:OUTPUT_CHARS] if isinstance(output, str) else "",
        news.get("more") is True,
    )


def _finish(pid: int, ended: bool, deadline: float) -> int | None:
    """자식과 그 그룹을 끝내고 거둡니다. 자식이 (결과 없이) 스스로 끝났으면 그 상태를 돌려줍니다.

    ``ended``는 통로가 닫혔다는 뜻입니다: 그러면 ``deadline``까지 자식이 끝나기를 기다립니다.
    거두기(waitpid) 전에만 ``os.kill``을 부릅니다 (거둔 번호는 다른 프로세스가 받을 수 있다).
    """
    status = None
    try:
        if ended:
            while True:
                done, code = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = code
                    break
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.002)
        try:  # 답이 만든 손주 프로세스까지 (자식이 만든 그룹)
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        if status is None:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            if ended:
                os.waitpid(pid, 0)
            else:  # 결과는 이미 받았다: 자식이 메모리를 치우는 동안 기다리지 않고 뒤에서 거둔다
                threading.Thread(target=_reap_quietly, args=(pid,), daemon=True).start()
    except ChildProcessError:  # 누군가 이미 거뒀다 (SIGCHLD를 무시하게 둔 프로그램 등)
        return _UNKNOWN if ended and status is None else status
    return status


#: 자식이 끝났지만 그 상태를 알 수 없을 때 (다른 누가 이미 거뒀을 때)
_UNKNOWN = -1


def _reap_quietly(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


# ---------------------------------------------------------------- 스레드
def _in_thread(work: Work, limit: float) -> Outcome:
    box: dict[str, Any] = {}
    stages: list[str] = []
    capture = _Capture()
    saved = sys.stdout, sys.stderr
    registries = number_registries()

    def target() -> None:
        try:
            box["verdict"] = work()
        except KeyboardInterrupt:
            box["interrupt"] = True
        except BaseException as exc:  # noqa: BLE001  # 시간이 지나 넣은 예외도 여기서 끝난다
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True, name="micrograd-kr-check")
    listen = stages.append
    guard.restore()
    stage_listeners.append(listen)
    sys.stdout = sys.stderr = capture
    timed_out = True
    try:
        worker.start()
        worker.join(limit)
        timed_out = worker.is_alive()
    finally:
        sys.stdout, sys.stderr = saved
        if listen in stage_listeners:
            stage_listeners.remove(listen)
        capture.close_sink()
        restore_number_registries(registries)
        guard.restore()
        if worker.is_alive():
            _stop_later(worker)
    if timed_out:
        return Outcome(False, _timeout_message(limit, stages))
    if box.get("interrupt"):
        raise KeyboardInterrupt
    if "verdict" not in box:
        return Outcome(False, "채점기가 오류를 냈습니다.")
    ok, message = box["verdict"]
    return Outcome(ok, str(message), capture.text(), capture.more)


def _stop_later(worker: threading.Thread) -> None:
    """남은 스레드에 0.05초마다 :class:`TimeLimitExceeded`를 넣어 파이썬 반복을 멈추게 한다."""
    try:
        import ctypes

        set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # pragma: no cover  # CPython이 아닌 곳
        return
    ident = worker.ident

    def nag() -> None:
        while worker.is_alive() and ident is not None:
            set_exc(ctypes.c_ulong(ident), ctypes.py_object(TimeLimitExceeded))
            time.sleep(0.05)

    threading.Thread(target=nag, daemon=True, name="micrograd-kr-check-stop").start()


# ---------------------------------------------------------------- 메시지
def _timeout_message(limit: float, stages: list[str]) -> str:
    head = f"답을 시험하는 데 {limit:g}초가 넘게 걸려 멈췄습니다."
    if len(stages) >= 2:
        return (
            f"{head} 시험 {len(stages)}개 가운데 앞의 {len(stages) - 1}개는 끝났고 "
            f"'{stages[-1]}'에서 시간이 다 됐습니다: 끝나지 않는 반복문보다는 이 입력에서 "
            "너무 느린 계산일 수 있습니다. 입력이 커질 때 시간이 얼마나 느는지 재 보세요."
        )
    where = f" ({particle(repr(stages[-1]), '을')} 시험하던 중)" if stages else ""
    return (
        f"{head}{where} 끝나지 않는 반복문(while True)이나 time.sleep이 있는지, 아니면 "
        "입력이 커질 때 너무 느려지지 않는지 확인하세요."
    )


_SIGNAL_HINTS = {
    "SIGSEGV": (
        "재귀가 너무 깊어 C 스택이 넘쳤거나(sys.setrecursionlimit을 크게 올렸나요?) "
        "C 확장이 잘못된 메모리를 건드렸을 수 있습니다."
    ),
    "SIGKILL": "메모리가 모자라 운영체제가 멈췄을 수 있습니다 (아주 큰 목록을 만들지 않았나요?).",
}


def _ended_message(status: int) -> str:
    if status == _UNKNOWN:
        return "답을 시험하던 프로세스가 결과를 보내지 못하고 끝났습니다."
    code = os.waitstatus_to_exitcode(status)
    if code == _CHANNEL_LOST:
        return (
            "채점 결과를 돌려보내지 못했습니다: 답의 코드가 채점 통로(파일 기술자)를 닫거나 "
            "바꾼 것 같습니다. os.close나 os.dup2는 쓰지 마세요."
        )
    if code >= 0:
        return (
            f"답의 코드가 채점하던 프로세스를 끝냈습니다 (os._exit({code}) 같은 호출). "
            "함수 안에서는 return으로 값을 돌려주세요."
        )
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"신호 {-code}"
    hint = _SIGNAL_HINTS.get(name, "")
    shown = particle(name, "으로")
    return f"답을 시험하던 프로세스가 {shown} 멈췄습니다. {hint}".rstrip()
