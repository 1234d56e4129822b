"""노트북 11의 채점기: 자모 세기, 인과적 어텐션 헤드. 맞는 헤드의 여러 모양은 통과하고, 그럴듯하게
틀린 헤드(1/√d 빠뜨림, d로 나눔, 미래를 봄, 곱을 뒤집음, 소프트맥스를 질의 쪽으로, 넘치는 지수)는
그 실수를 짚는 말과 함께 떨어지며, 둘이 겹쳐도 둘 다 짚는다.

기준 헤드는 numpy로 따로 계산한 값(행렬 곱, 아래 삼각 가리개, 행마다 소프트맥스)과도 맞춰 봅니다.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np
import pytest
from notebook_support import NOTEBOOKS

from micrograd_kr import Value
from micrograd_kr.exercises import EXERCISES, check, grade
from micrograd_kr.exercises.gpt import attention_head


def _numpy_head(qs: Any, ks: Any, vs: Any) -> np.ndarray:
    q, k, v = (np.array(m, dtype=float) for m in (qs, ks, vs))
    scores = q @ k.T / math.sqrt(q.shape[1])
    scores[np.triu_indices(len(q), 1)] = -np.inf  # 미래는 가린다
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ v


def _loops(qs, ks, vs):
    """노트북의 풀이와 같은 모양: 위치마다 앞쪽만, 가장 큰 점수를 빼고 소프트맥스."""
    d = len(qs[0])
    out = []
    for t, q in enumerate(qs):
        scores = [sum(a * b for a, b in zip(q, k)) / math.sqrt(d) for k in ks[: t + 1]]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        out.append([sum(e / total * v[j] for e, v in zip(exps, vs)) for j in range(d)])
    return out


def _with_values(qs, ks, vs):
    """Value로 계산해 Value 목록을 돌려줘도 숫자로 읽는다 (노트북의 어텐션처럼)."""
    wrap = [[[Value(x) for x in row] for row in m] for m in (qs, ks, vs)]
    out = []
    for t, q in enumerate(wrap[0]):
        scores = [
            sum((a * b for a, b in zip(q, k)), Value(0.0)) * len(q) ** -0.5
            for k in wrap[1][: t + 1]
        ]
        top = max(s.data for s in scores)
        exps = [(s - top).exp() for s in scores]
        total = sum(exps, Value(0.0))
        out.append(
            [
                sum((e / total * v[j] for e, v in zip(exps, wrap[2])), Value(0.0))
                for j in range(len(q))
            ]
        )
    return out


def test_the_reference_head_agrees_with_numpy() -> None:
    rng = np.random.default_rng(0)
    for n, d in [(1, 2), (4, 3), (7, 5)]:
        qs, ks, vs = (rng.normal(size=(n, d)).tolist() for _ in range(3))
        assert np.allclose(attention_head(qs, ks, vs), _numpy_head(qs, ks, vs), atol=1e-12)


RIGHT = [
    _loops,
    _with_values,
    lambda qs, ks, vs: _numpy_head(qs, ks, vs),  # numpy 배열을 돌려줘도
    lambda qs, ks, vs: tuple(tuple(row) for row in _numpy_head(qs, ks, vs)),
]


@pytest.mark.parametrize("answer", RIGHT, ids=["loops", "Value", "numpy", "tuples"])
def test_right_heads_pass(answer: Any) -> None:
    ok, message = grade("11-causal-attention", answer)
    assert ok is True, message


def _wrong(**mistakes: bool) -> Any:
    return lambda qs, ks, vs: attention_head(qs, ks, vs, **mistakes)


def _naive_exp(qs, ks, vs):
    d = len(qs[0])
    out = []
    for t, q in enumerate(qs):
        exps = [math.exp(sum(a * b for a, b in zip(q, k)) / math.sqrt(d)) for k in ks[: t + 1]]
        total = sum(exps)
        out.append([sum(e / total * v[j] for e, v in zip(exps, vs)) for j in range(d)])
    return out


WRONG = [
    (_wrong(no_scale=True), "√d로 나누지 않았습니다"),
    (_wrong(by_d=True), "√d가 아니라 d로 나눴습니다"),
    (_wrong(future=True), "미래를 봤습니다"),
    (_wrong(transposed=True), "곱을 뒤집었습니다"),
    (_wrong(wrong_axis=True), "소프트맥스를 다른 쪽으로 했습니다"),
    (_wrong(future=True, no_scale=True), "틀린 곳이 2가지입니다: ① 점수를 √d로 나누지 않았습니다"),
    (_wrong(transposed=True, wrong_axis=True), "② 소프트맥스를 다른 쪽으로"),
    (_naive_exp, "OverflowError가 났습니다: 점수가 크면 e^점수가 넘칩니다"),
    (lambda qs, ks, vs: [row[:-1] for row in _loops(qs, ks, vs)], "길이 3이어야"),
    (lambda qs, ks, vs: _loops(qs, ks, vs)[:-1], "출력 벡터도 4개여야 하는데 3개"),
    (lambda qs, ks, vs: (row for row in _loops(qs, ks, vs)), "지금은 generator입니다"),
    (lambda qs, ks, vs: [[str(x) for x in row] for row in _loops(qs, ks, vs)], "따옴표 없이"),
    (3, "함수를 넣어야 하는데 int가 들어왔습니다"),
]


@pytest.mark.parametrize(("answer", "words"), WRONG)
def test_wrong_heads_are_named(answer: Any, words: str, capsys) -> None:
    assert check("11-causal-attention", answer) is False
    out = capsys.readouterr().out
    assert "× 아직 아닙니다" in out and words in out, out


def test_each_mistake_alone_is_named_alone() -> None:
    """한 가지만 틀린 헤드에는 그 한 가지만 말한다 (다른 실수의 말이 섞이지 않는다)."""
    phrases = {
        "no_scale": "나누지 않았습니다",
        "by_d": "d로 나눴습니다",
        "future": "미래를",
        "transposed": "곱을 뒤집었습니다",
        "wrong_axis": "다른 쪽으로",
    }
    for mistake, phrase in phrases.items():
        message = grade("11-causal-attention", _wrong(**{mistake: True}))[1]
        assert phrase in message and "가지입니다" not in message, (mistake, message)
        others = [p for m, p in phrases.items() if m != mistake and p not in phrase]
        assert not any(p in message for p in others), (mistake, message)


def test_unanswered_head_is_not_answered() -> None:
    ok, message = grade("11-causal-attention", lambda qs, ks, vs: None)
    assert ok is None and message.startswith("△ 아직 답하지 않았습니다")


@pytest.mark.parametrize(
    ("answer", "ok", "words"),
    [
        (11, True, "'대한민국'은 음절 4개, 자모 11개"),
        (np.int64(11), True, ""),
        (4, False, "음절(글자)의 수"),
        (8, False, "받침(끝소리)도 자모 하나"),
        (12, False, "12개가 아닙니다"),
        ("11", False, "따옴표 없이"),
    ],
)
def test_jamo_count(answer: Any, ok: bool, words: str) -> None:
    got, message = grade("11-jamo-count", answer)
    assert got is ok and words in message, message


# ---------------------------------------------------------------- 노트북 11
def _notebook() -> tuple[str, list[str]]:
    cells = json.loads((NOTEBOOKS / "11_gpt.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    blocks = [
        b
        for c in cells
        if c["cell_type"] == "markdown"
        for b in re.findall(r"<details>.*?```python\n(.*?)```", "".join(c["source"]), re.S)
    ]
    return code, blocks


def test_notebook_11_asks_for_real_work() -> None:
    code, blocks = _notebook()
    names = re.findall(r'check\("([^"]+)"', code)
    assert names == ["11-jamo-count", "11-causal-attention"]
    assert all(name in EXERCISES for name in names)
    assert "11-softmax-ce-local" not in EXERCISES and "11-rms-scale-local" not in EXERCISES


def test_notebook_11_solutions_pass(capsys) -> None:
    import unicodedata

    _, blocks = _notebook()
    assert len(blocks) == 2
    for block in blocks:
        namespace: dict[str, Any] = {"math": math, "unicodedata": unicodedata, "check": check}
        exec(block, namespace)
    assert capsys.readouterr().out.count("○ 정답입니다") == 2
