"""모드(modes.py) 시험: `no_grad`와 `detect_anomaly`는 스레드·asyncio 태스크마다 따로이고,
잘못된 인자는 한국어로 거절합니다.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from support_robust import (
    INF,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.modes import (
    AnomalyError,
    detect_anomaly,
    is_anomaly_enabled,
    is_grad_enabled,
    no_grad,
)


def _in_other_thread(inside: Callable[[], Any], work: Callable[[], Any]) -> Any:
    """한 스레드가 ``inside()`` 블록 안에 머무는 동안 이 스레드에서 ``work()`` 를 돌린다."""
    entered, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with inside():
            entered.set()
            leave.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert entered.wait(30)
        return work()
    finally:
        leave.set()
        thread.join(30)


def test_no_grad_in_another_thread_does_not_stop_this_threads_graph() -> None:
    def work() -> tuple[Value, Value, bool]:
        x = Value(3.0)
        y = x * x + x
        y.backward()
        return x, y, is_grad_enabled()

    x, y, enabled = _in_other_thread(no_grad, work)
    assert enabled is True
    assert len(y.inputs) == 2
    assert x.grad == 7.0  # dy/dx = 2x + 1


def test_detect_anomaly_in_another_thread_does_not_fire_here() -> None:
    def work() -> tuple[float, bool]:
        return Value(1000.0).exp().data, is_anomaly_enabled()

    assert _in_other_thread(detect_anomaly, work) == (INF, False)


def test_modes_still_work_inside_their_own_thread() -> None:
    seen: dict[str, Any] = {}

    def work() -> None:
        with no_grad():
            seen["prev"] = (Value(2.0) * 3).inputs
        with detect_anomaly(), pytest.raises(AnomalyError):
            Value(1000.0).exp()
        seen["ok"] = True

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert seen == {"prev": (), "ok": True}


def test_new_thread_started_inside_no_grad_records_its_graph() -> None:
    seen = {}

    def work() -> None:
        seen["prev"] = len((Value(2.0) * 3).inputs)

    with no_grad():
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
        assert (Value(2.0) * 3).inputs == ()
    assert seen["prev"] == 2


def test_no_grad_is_per_asyncio_task() -> None:
    async def quiet(entered: asyncio.Event, leave: asyncio.Event) -> int:
        with no_grad():
            entered.set()
            await leave.wait()
            return len((Value(1.0) + 1).inputs)

    async def recording(entered: asyncio.Event, leave: asyncio.Event) -> int:
        await entered.wait()
        y = Value(1.0) + 1  # 다른 태스크가 no_grad 안에서 기다리는 중
        leave.set()
        return len(y.inputs)

    async def both() -> list[int]:
        entered, leave = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(quiet(entered, leave), recording(entered, leave))

    assert asyncio.run(both()) == [0, 2]


def test_many_threads_toggling_modes_never_leak() -> None:
    """다른 스레드들이 no_grad·detect_anomaly 블록 안에서 잠든 사이에도 이 스레드는 기록한다."""
    errors: list[str] = []
    done = threading.Event()

    def toggler() -> None:
        for _ in range(100):
            with no_grad(), detect_anomaly():
                if (Value(1.0) * 2).inputs != ():
                    errors.append("no_grad 안에서 그래프가 기록됨")
                time.sleep(0.001)  # 블록 안에서 GIL을 내준다
        done.set()

    def recorder() -> None:
        while not done.is_set():
            x = Value(2.0)
            y = x * x
            if len(y.inputs) != 2:
                errors.append("다른 스레드의 no_grad가 새어 들어옴")
            y.backward()
            if x.grad != 4.0:
                errors.append(f"기울기 {x.grad}")
            try:
                Value(1000.0).exp()  # inf: 이 스레드에서는 이상 탐지가 꺼져 있다
            except AnomalyError:
                errors.append("다른 스레드의 detect_anomaly가 새어 들어옴")
            time.sleep(0)

    threads = [threading.Thread(target=f) for f in (toggler, toggler, recorder, recorder)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


@pytest.mark.parametrize("flag", ["no", 1, 0, None, "False"])
def test_detect_anomaly_needs_a_real_bool(flag: Any) -> None:
    with pytest.raises(TypeError, match="True나 False"):
        detect_anomaly(flag)


# ------------------------------------------------------------ backward(order=...)의 확인
def _graph() -> tuple[Value, Value, list[Value]]:
    """a=2, b=4, c=a·b=8, e=c+1, d=e·c — 중간 노드 c가 두 곳에 쓰인다. (a, b, 만든 순서)"""
    a, b = Value(2.0, label="a"), Value(4.0, label="b")
    c = a * b
    c.label = "c"
    e = c + 1
    d = e * c
    return a, b, [c, e, d]


def test_a_tape_missing_an_intermediate_node_is_refused_not_silently_wrong() -> None:
    """예전: 중간 노드가 빠진 테이프는 조용히 틀린 기울기 (c를 거쳐 가는 몫을 잃음)."""
    a, b, made = _graph()
    c, e, d = made
    with pytest.raises(
        ValueError, match=r"0번 노드 .*의 입력인 중간 노드 'c'가 없습니다 \(연산 '\*'의 결과\)"
    ):
        d.backward(order=[e, d])
    assert (a.grad, b.grad) == (0.0, 0.0)  # 확인은 기울기를 더하기 전에
    d.backward(order=made)  # 온전한 테이프는 정렬한 역전파와 같다
    taped = (a.grad, b.grad)
    a.grad = b.grad = 0.0
    d.backward()
    assert taped == (a.grad, b.grad) == (4.0 * (2 * 8 + 1), 2.0 * (2 * 8 + 1))


def test_a_tape_with_an_input_after_its_user_is_refused() -> None:
    a, b, (c, e, d) = _graph()
    with pytest.raises(ValueError, match=r"1번 노드 'c'가 그것을 입력으로 쓰는 0번 노드보다 뒤에"):
        d.backward(order=[e, c, d])


def test_leaves_may_be_on_the_tape_or_not() -> None:
    a, b, made = _graph()
    made[-1].backward(order=[a, b, *made])
    with_leaves = (a.grad, b.grad)
    a.grad = b.grad = 0.0
    made[-1].backward(order=made)
    assert with_leaves == (a.grad, b.grad)


def test_dropping_any_reachable_intermediate_node_is_always_caught() -> None:
    """깊이가 다른 길이 섞인 그래프에서 중간 노드를 하나씩 빼 보면: 빠진 것마다 오류."""
    x, y = Value(0.5, label="x"), Value(-1.5, label="y")
    made = []
    h = x
    for k in range(6):
        h = (h * y + x).tanh() if k % 2 else h + y * y
        made.append(h)
    made.extend(_flatten_intermediates(h))
    order = [n for n in dict.fromkeys(made + [h]) if n.inputs]
    order.sort(key=[n for n in topological_order(h)].index)
    for missing in order[:-1]:
        with pytest.raises(ValueError, match="없습니다"):
            h.backward(order=[n for n in order if n is not missing])


def _flatten_intermediates(root: Value) -> list[Value]:
    return [n for n in topological_order(root) if n.inputs]


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    # ---- 모드
    ("detect_anomaly('no')", lambda: detect_anomaly("no"), raises(TypeError, "True나 False")),
]

test_sweep_table = sweep_table_test(SWEEP)
