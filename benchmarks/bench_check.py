"""채점 벤치마크: ``check`` 한 번에 드는 시간 (격리의 값).

리눅스와 macOS에서 ``check``는 답의 코드를 자식 프로세스(``os.fork``)에서 돌립니다. 그 값(자식을
만들고, 결과를 받고, 거두기)이 채점 한 번에 얼마인지, 같은 채점을 스레드 방식과 격리 없이 부른
것과 나란히 잽니다. 노트북 커널처럼 matplotlib과 numpy를 먼저 읽어 둡니다 (프로세스가 클수록
fork가 비쌉니다).

- 격리 없음: 채점기 함수를 그 자리에서 (시간 제한도 되돌리기도 없음) — 채점 자체의 시간
- 스레드: 윈도우의 방식
- 프로세스: 리눅스·macOS의 방식 (수처럼 코드가 없는 답은 fork 없이 그 자리에서)

벽시계 시간(wall)과, 부모와 자식이 쓴 CPU 시간을 함께 적습니다. 다른 일로 바쁜 컴퓨터에서는 벽시계
시간이 크게 늘어납니다. 따로 실행: ``python benchmarks/bench_check.py``.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib.pyplot  # noqa: E402, F401  # 노트북 커널만큼 크게
import numpy  # noqa: E402, F401

from micrograd_kr.exercises import _registry, sandbox, workshop  # noqa: E402


def _stack_backward(root: Any) -> None:
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in node._prev)
    root.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


CASES = [
    ("00-mlp-params", 21, 200),  # 수: 코드가 없는 답
    ("03-sin-local", math.cos, 50),  # 함수 하나를 여섯 번
    ("04-backward", workshop.backward, 50),  # 작은 그래프 일곱 개
    ("10-iterative-backward", _stack_backward, 5),  # 노드 2만 개짜리 사슬까지
]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _measure(name: str, answer: Any, repeat: int, how: str) -> tuple[float, float]:
    checker = _registry._CHECKERS[name]
    task = _registry.EXERCISES[name]

    def once() -> None:
        if how == "none":
            _registry._judge(checker, answer, task)
        else:
            sandbox.run_isolated(lambda: _registry._judge(checker, answer, task), 5.0, how, answer)

    with contextlib.redirect_stdout(io.StringIO()):
        once()
        time.sleep(0.2)
        cpu, wall = _cpu(), time.perf_counter()
        for _ in range(repeat):
            once()
        wall = time.perf_counter() - wall
        time.sleep(0.2)  # 뒤로 미룬 자식 거두기가 끝나도록 (CPU 시간에 넣으려고)
        cpu = _cpu() - cpu
    return wall / repeat * 1e3, cpu / repeat * 1e3


def main() -> None:
    print(f"{'문제':24s} {'방식':8s} {'벽시계 ms':>10s} {'CPU ms':>8s}")
    for name, answer, repeat in CASES:
        for how in ("none", "thread", "process"):
            wall, cpu = _measure(name, answer, repeat, how)
            print(f"{name:24s} {how:8s} {wall:10.2f} {cpu:8.2f}")


if __name__ == "__main__":
    main()
