"""``check`` 자체의 약속: 어떤 답에도 예외를 내지 않고, 숫자는 한 가지 규칙으로 읽고, 속지 않는다.

표마다 (답 → 나와야 할 말). 시간 제한과 격리는 test_exercises_sandbox.py에, 채점기 하나하나의
표는 test_exercises_<묶음>.py(basics, from_scratch, training, networks, gpt)에 있습니다.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from micrograd_kr import Value
from micrograd_kr.exercises import EXERCISES, check, grade


class _BadStr(Exception):
    def __str__(self) -> str:
        raise ValueError("str 도 실패")


def _raise(exc: BaseException) -> Any:
    def answer(*args: Any) -> Any:
        raise exc

    return answer


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (_raise(SystemExit(0)), "sys.exit()나 exit()를 불렀습니다"),
        (lambda x: sys.exit(), "sys.exit()나 exit()를 불렀습니다"),
        (_raise(_BadStr()), "_BadStr: (설명을 꺼낼 수 없는 오류)"),
        (_raise(GeneratorExit()), "GeneratorExit"),
        (_raise(ZeroDivisionError("0으로 나눔")), "ZeroDivisionError: 0으로 나눔"),
        (_raise(RecursionError()), "RecursionError"),
    ],
)
def test_check_never_raises(answer: Any, words: str, capsys) -> None:
    assert check("10-stable-sigmoid", answer) is False
    out = capsys.readouterr().out
    assert "×" in out and words in out, out


@pytest.mark.parametrize("name", [["x"], {"a": 1}, None, 3, "없는-문제", b"04-backward"])
def test_unknown_or_unhashable_names(name: Any, capsys) -> None:
    assert check(name, 1) is False
    assert "연습 문제는 없습니다" in capsys.readouterr().out


def test_huge_answers_are_shortened(capsys) -> None:
    for name in ["00-mlp-params", "08-learning-rate", "01-nor-gate", "xx"]:
        assert check(name, list(range(10**6))) is False
        out = capsys.readouterr().out
        assert len(out) < 2000, (name, len(out))
    assert check("05-param-count", lambda sizes: "x" * 10**6) is False
    assert len(capsys.readouterr().out) < 2000


class _ReprFails:
    def __repr__(self) -> str:
        raise RuntimeError("repr 실패")


def test_answer_whose_repr_raises(capsys) -> None:
    assert check("00-mlp-params", _ReprFails()) is False
    assert "_ReprFails" in capsys.readouterr().out


# ---------------------------------------------------------------- 한 가지 숫자 규칙
NUMBER_EXERCISES = {
    # 문제: 맞는 숫자 답
    "00-mlp-params": 21,
    "02-tax-change": 65,
    "03-chain-rule": 3.0,
    "08-learning-rate": 0.5,
    "09-mnist-params": 7850,
}


@pytest.mark.parametrize("name", sorted(NUMBER_EXERCISES))
def test_one_number_rule_for_every_grader(name: str) -> None:
    """숫자는 numbers.Real(numpy 수 포함)과 Value만. 글자와 bool은 어디서나 거절한다."""
    right = NUMBER_EXERCISES[name]
    for same in [right, float(right), np.float64(right), Value(right)]:
        assert grade(name, same)[0] is True, (name, same)
    if float(right).is_integer():
        assert grade(name, np.int64(right))[0] is True
    for text in [str(right), str(right).encode(), f" {right} "]:
        ok, message = grade(name, text)
        assert ok is False and "따옴표 없이" in message, message
    ok, message = grade(name, True)
    assert ok is False and "숫자로 치지 않습니다" in message, message


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("03-sin-local", lambda x: str(math.cos(x))),
        ("06-softplus-grad", lambda x: str(1 / (1 + math.exp(-x)))),
        ("10-stable-sigmoid", lambda x: str(1 / (1 + math.exp(-x))).encode()),
        ("05-param-count", lambda sizes: str(sum(a * b + b for a, b in zip(sizes, sizes[1:])))),
    ],
)
def test_functions_returning_number_strings_are_refused(name: str, answer: Any) -> None:
    ok, message = grade(name, answer)
    assert ok is False and "따옴표 없이" in message, message


# ---------------------------------------------------------------- 지키기
def _patch_isclose(x: float) -> float:
    math.isclose = lambda *a, **k: True  # type: ignore[assignment]
    return 0.3


def _patch_mul(dout: float, x: float, y: float) -> tuple[float, float]:
    Value.__mul__ = lambda self, other: Value(0.0)  # type: ignore[method-assign,assignment]
    return (0.0, 0.0)


def _patch_builtin_abs(x: float) -> float:
    import builtins

    builtins.abs = lambda v: 0.0  # type: ignore[assignment]
    return 0.0


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("10-stable-sigmoid", _patch_isclose),
        ("02-mul-backward", _patch_mul),
        ("03-sin-local", _patch_builtin_abs),
    ],
)
def test_answers_cannot_patch_what_the_grader_uses(name: str, answer: Any) -> None:
    real_isclose, real_mul = math.isclose, Value.__mul__
    import builtins

    real_abs = builtins.abs
    assert grade(name, answer)[0] is False
    assert math.isclose is real_isclose and Value.__mul__ is real_mul and builtins.abs is real_abs


def test_every_exercise_has_a_not_answered_state() -> None:
    for name in EXERCISES:
        for blank in (None, ...):
            ok, message = grade(name, blank)
            assert ok is None and message.startswith("△ 아직 답하지 않았습니다"), (name, message)


# ---------------------------------------------------------------- 같은 뜻의 다른 답
def _softplus_grad_np(x: float) -> Any:
    return np.float64(1.0) / (1.0 + np.exp(-x))


EQUIVALENT = [
    # (문제, 맞는 답의 다른 모양)
    ("00-artificial-neuron", lambda xs, ws, b: np.int64(np.dot(xs, ws) + b > 0)),
    (
        "00-artificial-neuron",
        lambda xs, ws, b: 1.0 if sum(map(lambda p: p[0] * p[1], zip(xs, ws))) + b > 0 else 0.0,
    ),
    ("01-not-gate", [-1.0, 0.5]),
    ("01-not-gate", np.array([-1, 1])),
    ("01-nor-gate", (np.float64(-0.5), -0.5, 0.3)),
    ("02-mul-backward", lambda dout, x, y: [dout * y, dout * x]),
    ("02-mul-backward", lambda dout, x, y: np.array([dout * y, dout * x])),
    ("03-sin-local", np.cos),
    ("03-sin-local", lambda x: math.sin(x + math.pi / 2)),
    ("05-param-count", lambda s: np.int64(sum(a * b + b for a, b in zip(s, s[1:])))),
    ("05-param-count", lambda s: float(sum((a + 1) * b for a, b in zip(s, s[1:])))),
    ("05-weight-notation", lambda W, j, i: np.asarray(W)[i - 1, j - 1]),
    ("06-softplus-grad", _softplus_grad_np),
    ("06-softplus-grad", lambda x: 0.5 * (1 + math.tanh(x / 2))),
    ("06-swish", lambda v: v / (1 + (-v).exp())),
    ("06-swish", lambda v: v * v.sigmoid()),
    (
        "07-stable-softmax",
        lambda a: np.exp(np.array(a) - max(a)) / np.exp(np.array(a) - max(a)).sum(),
    ),
    ("07-entropy-bits", lambda p: -sum(q * np.log2(q) for q in p if q > 0)),
    ("07-entropy-bits", lambda p: float(-np.sum([q * math.log(q, 2) for q in p if q]))),
    (
        "09-dot-logits",
        lambda W, b, x: tuple(sum(w * xi for w, xi in zip(row, x)) + bk for row, bk in zip(W, b)),
    ),
]


@pytest.mark.parametrize(("name", "answer"), EQUIVALENT, ids=[e[0] for e in EQUIVALENT])
def test_equivalent_right_answers_pass(name: str, answer: Any) -> None:
    ok, message = grade(name, answer)
    assert ok is True, message


def test_bool_neuron_answer_is_explained() -> None:
    ok, message = grade(
        "00-artificial-neuron", lambda xs, ws, b: sum(w * x for w, x in zip(ws, xs)) + b > 0
    )
    assert ok is False and "0과 1로 답하세요" in message, message


def _patch_the_grader(root: Any) -> None:
    from micrograd_kr.exercises import from_scratch

    from_scratch.grade_backward = lambda answer, deep=0: (True, "속았다")


def test_answer_cannot_patch_the_grader_module() -> None:
    from micrograd_kr.exercises import from_scratch

    real = from_scratch.grade_backward
    assert grade("04-backward", _patch_the_grader)[0] is not True
    assert grade("04-backward", _patch_the_grader)[0] is not True
    assert from_scratch.grade_backward is real


# ---------------------------------------------------------------- 노트북의 찍힌 값
NOTEBOOKS = sorted(
    (Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb")
)
#: 셀 끝에 두면 돌려준 값(True/False, 글꼴 이름)이 한 번 더 찍히는 부르기
_ECHOING = re.compile(r"^(check|setup_korean_font)\(.*\)$")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_do_not_echo_what_check_or_the_font_setup_return(path: Path) -> None:
    """셀의 마지막 줄이 ``check(...)``나 ``setup_korean_font()``면 끝에 ``;``를 붙인다:
    그러지 않으면 판정 아래에 ``False``가, 첫 셀 아래에 ``'NanumGothic'``이 한 번 더 찍힌다."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    echoing = []
    for cell in cells:
        lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
        if cell["cell_type"] == "code" and lines:
            last = lines[-1].split("  #")[0].rstrip()
            if _ECHOING.match(last):
                echoing.append(last)
    assert echoing == []
