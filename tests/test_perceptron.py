"""퍼셉트론 테스트: 교과서 진리표, 손으로 따라간 학습 규칙, 수렴 정리, 잘못된 입력."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_kr.perceptron import AND, NAND, OR, XOR, Perceptron, learn

VECTORS = json.loads((Path(__file__).parent / "data" / "textbook.json").read_text("utf-8"))
GATES = VECTORS["logic_gates"]
HANGUL = re.compile(r"[가-힣]")
INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]]


def truth(name: str) -> tuple[list[list[int]], list[int]]:
    rows = GATES["truth"][name]
    return [row[:2] for row in rows], [row[2] for row in rows]


# ------------------------------------------------------------ 게이트
@pytest.mark.parametrize("name, gate", [("AND", AND), ("NAND", NAND), ("OR", OR)])
def test_gate_weights_are_the_textbook_ones(name, gate):
    w1, w2, b = GATES["weights"][name]
    assert gate.w == pytest.approx((w1, w2))
    assert gate.b == pytest.approx(b)


@pytest.mark.parametrize("name, gate", [("AND", AND), ("NAND", NAND), ("OR", OR), ("XOR", XOR)])
def test_gates_match_truth_tables(name, gate):
    for (x1, x2), expected in zip(*truth(name)):
        assert gate(x1, x2) == expected, f"{name}({x1}, {x2})"


def test_xor_is_and_of_nand_and_or_and_differs_from_every_single_gate():
    X, y = truth("XOR")
    assert [AND(NAND(a, b), OR(a, b)) for a, b in X] == y
    for gate in (AND, NAND, OR):
        assert [gate(a, b) for a, b in X] != y


def test_call_forms_agree():
    p = Perceptron([2.0, -1.0], 0.5)
    assert p(1, 3) == p([1, 3]) == p((1, 3)) == p(np.array([1.0, 3.0])) == 0  # 2 - 3 + 0.5 < 0
    assert p(1, 1) == 1  # 2 - 1 + 0.5 > 0
    assert p.weighted_sum(1, 3) == pytest.approx(-0.5)


def test_weighted_sum_exactly_zero_gives_zero():
    p = Perceptron([1.0, 1.0], -1.0)
    assert p(0, 1) == 0  # 0 + 1 - 1 = 0 은 "0 보다 크다"가 아니다
    assert p(1, 1) == 1


def test_single_input_perceptron():
    not_gate = Perceptron([-1.0], 0.5)  # NOT
    assert [not_gate(0), not_gate(1)] == [1, 0]


# ------------------------------------------------------------ 학습 규칙
def test_first_two_epochs_on_and_by_hand():
    # 손으로 따라가기 (lr=0.1, 0 에서 시작, 정답은 -1/+1):
    # 에폭 1: (1,1) 만 틀림 → w=(0.1, 0.1), b=0.1
    X, y = truth("AND")
    one = learn(X, y, lr=0.1, max_epochs=1)
    assert one.weights == pytest.approx((0.1, 0.1))
    assert one.bias == pytest.approx(0.1)
    assert (one.errors, one.epochs, one.converged) == ([1], 1, False)
    # 에폭 2: (0,0) 틀림 → b=0; (0,1) 틀림 → w=(0.1, 0), b=-0.1; (1,0) 은 합이 0 → -1 로 맞음;
    #        (1,1) 은 합이 0 → 틀림 → w=(0.2, 0.1), b=0
    two = learn(X, y, lr=0.1, max_epochs=2)
    assert two.weights == pytest.approx((0.2, 0.1))
    assert two.bias == pytest.approx(0.0)
    assert two.errors == [1, 3]


@pytest.mark.parametrize("name", ["AND", "OR", "NAND"])
def test_learning_converges_on_separable_gates(name):
    X, y = truth(name)
    result = learn(X, y, lr=0.1, max_epochs=100)
    assert result.converged
    assert result.epochs == len(result.errors) <= 100
    assert result.errors[-1] == 0
    assert all(e > 0 for e in result.errors[:-1])
    learned = result.perceptron()
    assert [learned(x) for x in X] == y


def test_signed_labels_give_the_same_result():
    X, y = truth("OR")
    a = learn(X, y)
    b = learn(np.array(X), [2 * t - 1 for t in y])
    assert a.weights == b.weights and a.bias == b.bias and a.errors == b.errors


@pytest.mark.parametrize("max_epochs", [1, 7, 50])
def test_xor_gives_up_after_max_epochs(max_epochs):
    X, y = truth("XOR")
    result = learn(X, y, lr=0.1, max_epochs=max_epochs)
    assert not result.converged
    assert result.epochs == max_epochs == len(result.errors)
    assert min(result.errors) > 0
    learned = result.perceptron()
    assert [learned(x) for x in X] != y


@settings(max_examples=40, deadline=None)
@given(
    angle=st.floats(0.0, 2 * np.pi),
    bias=st.floats(-0.5, 0.5),
    seed=st.integers(0, 2**32 - 1),
)
def test_convergence_theorem_on_random_separable_data(angle, bias, seed):
    # 참 경계 w*·x + b* = 0 (|w*| = 1) 에서 0.1 이상 떨어진 점만 남긴다.
    # 노비코프(Novikoff) 정리: 실수 횟수 ≤ (R/γ)² ≤ 3 / (0.1/√1.25)² < 400 → 400 에폭 안에 수렴.
    rng = np.random.default_rng(seed)
    w_true = np.array([np.cos(angle), np.sin(angle)])
    X = rng.uniform(-1.0, 1.0, size=(60, 2))
    margin = X @ w_true + bias
    keep = np.abs(margin) >= 0.1
    X, y = X[keep], (margin[keep] > 0).astype(int)
    if len(X) == 0:
        return
    result = learn(X, y, lr=0.5, max_epochs=400)
    assert result.converged
    assert sum(result.errors) <= 400
    learned = result.perceptron()
    assert [learned(x) for x in X] == y.tolist()


# ------------------------------------------------------------ 잘못된 입력
@pytest.mark.parametrize(
    "make, error, shown",
    [
        (lambda: Perceptron(["a", 1.0], 0.0), TypeError, "'a'"),
        (lambda: Perceptron([1.0, 1.0], None), TypeError, "None"),
        (lambda: Perceptron([], 0.0), ValueError, "비어"),
        (lambda: Perceptron([float("nan")], 0.0), ValueError, "nan"),
        (lambda: Perceptron("ab", 0.0), TypeError, "'ab'"),
        (lambda: AND(1), ValueError, "2개"),
        (lambda: AND(1, 0, 1), ValueError, "3개"),
        (lambda: AND(0, "1"), TypeError, "'1'"),
        (lambda: learn([[0, 0], [1, 1]], [0, 2]), ValueError, "2"),
        (lambda: learn([[0, 0], [1, 1]], [0, 1, 1]), ValueError, "3개"),
        (lambda: learn([[0, 0], [1]], [0, 1]), ValueError, "(1.0,)"),
        (lambda: learn([], []), ValueError, "비어"),
        (lambda: learn([[0], [1], [2]], [-1, 0, 1]), ValueError, "섞여"),
        (lambda: learn(INPUTS, [0, 0, 0, 1], lr=0), ValueError, "lr"),
        (lambda: learn(INPUTS, [0, 0, 0, 1], max_epochs=0), ValueError, "max_epochs"),
        (lambda: learn(INPUTS, [0, 0, 0, 1], max_epochs=2.5), ValueError, "2.5"),
        (lambda: learn("xor", [0, 1, 1, 0]), TypeError, "'xor'"),
    ],
)
def test_bad_input_raises_korean_error(make, error, shown):
    with pytest.raises(error) as info:
        make()
    message = str(info.value)
    assert HANGUL.search(message), message
    assert shown in message, message
