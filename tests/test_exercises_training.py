"""노트북 08(학습)과 10(흔한 함정)의 채점기: 노트북의 풀이는 통과하고, 틀린 답은 종류마다 그 실수를
짚는다. 10의 역전파는 끝나지 않는 답과 맞지만 느린 답(노드 수의 제곱)을 가려 말한다.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from notebook_support import run_solution, solutions

from micrograd_kr.exercises import check, grade
from micrograd_kr.exercises.workshop import backward as _workshop_backward


def _iterative_order(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in node._prev)
    return order


def _overwriting(root):
    root.grad = 1.0
    for node in reversed(_iterative_order(root)):
        for child, local in zip(node._prev, node._local):
            child.grad = local * node.grad


# ---------------------------------------------------------------- 08
def test_08_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {}
    blocks = solutions("08_training.ipynb")
    assert len(blocks) >= 2
    for i in range(len(blocks)):
        assert run_solution("08_training.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○") == len(blocks)


@pytest.mark.parametrize(
    ("lr", "words"),
    [
        (1.1, "-1.2배가 됩니다: 부호가 걸음마다 바뀌며 점점 멀어집니다 (진동하며 발산)"),
        (1e20, "걸음 만에 값이 무한대로 넘쳤습니다 (발산)"),
        (1.0, "같은 거리에서 최솟값 양쪽을 오가기만 합니다 (진동, 20걸음 동안 부호가 20번 바뀜)"),
        (1, "양쪽을 오가기만"),
        (0.95, "최솟값을 넘어 양쪽을 오가며(진동) 천천히 줄어듭니다"),
        (0.01, "0.98배가 됩니다: 한쪽에서 너무 천천히 다가갑니다"),
        (-0.1, "0보다 커야 합니다"),
        (0, "0보다 커야 합니다"),
        (math.nan, "학습률은 유한해야 합니다"),
        (math.inf, "학습률은 유한해야 합니다"),
        ("0.1", "글자 '0.1'이 들어왔습니다. 숫자는 따옴표 없이"),
        (b"0.1", "글자 b'0.1'이 들어왔습니다"),
        (True, "True가 들어왔습니다. True/False는 숫자로 치지 않습니다"),
        ([0.4], "학습률을 넣어야 하는데 list가 들어왔습니다"),
    ],
)
def test_08_learning_rate_wrong_answers(lr: Any, words: str, capsys) -> None:
    assert check("08-learning-rate", lr) is False
    out = capsys.readouterr().out
    assert words in out, out


@pytest.mark.parametrize("lr", [0.5, 0.3, np.float64(0.4), np.float32(0.5), 1 / 2])
def test_08_learning_rate_equivalent_answers_pass(lr: Any) -> None:
    assert grade("08-learning-rate", lr)[0] is True


def test_08_learning_rate_boundary_follows_the_hand_formula(capsys) -> None:
    # 거리 = 5·|1 − 2·lr|²⁰ ≤ 0.05  ⇔  |1 − 2·lr| ≤ 0.01^(1/20) ≈ 0.7943
    edge = (1 - 0.01 ** (1 / 20)) / 2
    assert check("08-learning-rate", edge * 1.01) is True
    assert check("08-learning-rate", edge * 0.99) is False
    assert check("08-learning-rate", 1 - edge * 1.01) is True
    assert check("08-learning-rate", 1 - edge * 0.99) is False
    capsys.readouterr()


def _optimizer_step(*actions: str, returns: bool = False) -> Any:
    """08 train_step 의 변형: 손실을 구한 뒤 actions(backward, zero_grad, step)를 차례로."""

    def train_step(model, optimizer, xs, ys):
        from micrograd_kr import mse

        loss = mse([model(x) for x in xs], ys)
        for action in actions:
            loss.backward() if action == "backward" else getattr(optimizer, action)()
        return loss.data if returns else None

    return train_step


def test_08_train_step_wrong_answers(capsys) -> None:
    assert check("08-train-step", _optimizer_step("backward", "step")) is False
    assert "첫 걸음은 맞지만 2번째 걸음" in capsys.readouterr().out
    assert check("08-train-step", _optimizer_step("backward", "zero_grad", "step")) is False
    assert "매개변수가 그대로이고 기울기도 모두 0입니다" in capsys.readouterr().out
    assert check("08-train-step", _optimizer_step("zero_grad", "step", "backward")) is False
    out = capsys.readouterr().out
    assert "기울기는 채워져 있는데 매개변수가 그대로입니다" in out and "먼저 해서" in out, out
    assert check("08-train-step", _optimizer_step("zero_grad", "backward", "step", "step")) is False
    assert "첫 걸음부터" in capsys.readouterr().out
    assert check("08-train-step", 0.1) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out
    assert check("08-train-step", lambda m, o, xs, ys: None) is False
    assert "△ 아직 답하지 않았습니다" in capsys.readouterr().out
    # 끝에서 지워도 다음 걸음은 0에서 시작하므로 맞다
    zero_grad_last = _optimizer_step("backward", "step", "zero_grad", returns=True)
    assert check("08-train-step", zero_grad_last) is True


# ---------------------------------------------------------------- 10
def test_10_solutions_from_the_notebook_pass(capsys) -> None:
    ns: dict[str, Any] = {"math": math}
    assert len(solutions("10_pitfalls.ipynb")) == 2
    for i in range(2):
        assert run_solution("10_pitfalls.ipynb", i, ns) is True
    assert capsys.readouterr().out.count("○") == 2


def _breadth_first_backward(root):
    """위상 정렬 대신 너비 우선 순서: 기울기가 다 모이기 전에 노드를 처리한다."""
    root.grad = 1.0
    queue = [root]
    while queue:
        node = queue.pop(0)
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad
            queue.append(child)


def _stack_backward(root):
    root.grad = 1.0
    for node in reversed(_iterative_order(root)):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def _keeps_the_real_backward():
    from micrograd_kr import Value

    real = Value.backward  # 채점기가 무엇을 바꾸기 전에 진짜 역전파를 쥐어 둔다
    return lambda root: real(root)


def test_10_iterative_backward_wrong_answers(capsys) -> None:
    assert check("10-iterative-backward", _stack_backward) is True
    assert check("10-iterative-backward", _workshop_backward) is False  # 재귀(recursion)
    assert "RecursionError" in capsys.readouterr().out
    assert check("10-iterative-backward", _overwriting) is False
    out = capsys.readouterr().out
    assert "y = a + a" in out and "a의 기울기가 수치 미분으로 2여야" in out, out
    assert check("10-iterative-backward", _breadth_first_backward) is False
    out = capsys.readouterr().out
    assert "y = c + 2·c" in out and "너비 우선" in out, out
    assert check("10-iterative-backward", lambda root: root.backward()) is False
    assert "직접 쓰세요" in capsys.readouterr().out
    assert check("10-iterative-backward", _keeps_the_real_backward()) is False
    assert "오류" in capsys.readouterr().out
    assert check("10-iterative-backward", "backward") is False
    assert "함수를 넣어야 하는데 str이 들어왔습니다" in capsys.readouterr().out


def _sigmoid_np(x):
    return np.float64(0.5) * (1 + np.tanh(np.float64(x) / 2))


def test_10_stable_sigmoid_wrong_answers(capsys) -> None:
    assert check("10-stable-sigmoid", lambda x: 1 / (1 + math.exp(-x))) is False
    assert "x = -710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.exp(x) / (1 + math.exp(x))) is False
    assert "x = 710에서 OverflowError" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: math.tanh(x)) is False
    assert "x = 0에서 σ(x)가 0.5여야 하는데 0이 나왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: str(_sigmoid_np(x))) is False
    assert "글자 '0.5'가 들어왔습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", lambda x: None) is False
    assert "△ 아직 답하지 않았습니다" in capsys.readouterr().out
    assert check("10-stable-sigmoid", 0.5) is False
    assert "함수를 넣어야 하는데 float가 들어왔습니다" in capsys.readouterr().out


def test_10_stable_sigmoid_numpy_answers_pass() -> None:
    """numpy.float64 를 돌려주는 맞는 답은 통과한다 (예전에는 numpy 의 .data 버퍼를 읽었다)."""
    assert grade("10-stable-sigmoid", _sigmoid_np)[0] is True
    assert grade("10-stable-sigmoid", lambda x: float(_sigmoid_np(x)))[0] is True


def _quadratic_backward(root):
    """맞지만 느린 역전파: 남은 노드 가운데 입력이 다 나온 것을 매번 처음부터 찾는다 (n²)."""
    nodes, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            nodes.append(node)
            stack.extend(node._prev)
    order, done, remaining = [], set(), nodes
    while remaining:
        for i, node in enumerate(remaining):
            if all(id(c) in done for c in node._prev):
                order.append(node)
                done.add(id(node))
                del remaining[i]
                break
    root.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node._prev, node._local):
            child.grad += local * node.grad


def test_10_a_correct_but_quadratic_answer_is_told_it_is_slow(capsys) -> None:
    assert check("10-iterative-backward", _quadratic_backward) is False
    out = capsys.readouterr().out
    assert "기울기는 맞지만 느립니다" in out and "노드 150개에" in out, out
    assert "20,000개면 약" in out and "while True" not in out, out


def test_10_recursion_is_caught_on_a_named_chain(capsys) -> None:
    assert check("10-iterative-backward", _workshop_backward) is False
    assert "노드 20,000개짜리 사슬에서 RecursionError" in capsys.readouterr().out


def test_10_linear_answer_reports_its_time(capsys) -> None:
    assert check("10-iterative-backward", _stack_backward) is True
    out = capsys.readouterr().out
    assert "노드 20,000개짜리 사슬도 재귀 한도에 걸리지 않고" in out and "초에 끝납니다" in out
