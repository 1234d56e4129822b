"""노트북 05, 06, 07, 09의 연습 문제: 풀이는 통과하고, 틀린 답은 종류마다 설명과 함께 떨어진다."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from micrograd_kr.exercises import EXERCISES, check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
OWN = ["05_mlp.ipynb", "06_activations.ipynb", "07_losses.ipynb", "09_digits.ipynb"]
NAMES = [
    "05-param-count",
    "05-weight-notation",
    "06-softplus-grad",
    "06-swish",
    "07-stable-softmax",
    "07-entropy-bits",
    "07-huber-loss",
    "09-dot-logits",
    "09-mnist-params",
]


def _solution_blocks(notebook: str) -> dict[str, str]:
    """노트북의 <details> 풀이 코드를, 바로 앞 연습 문제 셀의 이름과 짝지어 돌려준다."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    found: dict[str, str] = {}
    for prev, cell in zip(cells, cells[1:]):
        source = "".join(cell["source"])
        names = re.findall(r'check\("([^"]+)"', "".join(prev["source"]))
        block = re.search(r"<details>.*?```python\n(.*?)```", source, re.S)
        if names and block:
            found[names[0]] = block.group(1)
    return found


def _solution(name: str) -> object:
    """노트북의 풀이를 실행해 채점기에 넣을 답(함수 또는 값)을 얻는다."""
    notebook = next(n for n in OWN if n.startswith(name[:2]))
    code = _solution_blocks(notebook)[name]
    namespace: dict[str, object] = {"math": math, "np": np, "check": lambda name, answer: None}
    exec(code, namespace)
    if "answer" in namespace:
        return namespace["answer"]
    functions = [
        v
        for k, v in namespace.items()
        if callable(v) and not k.startswith("__") and k not in ("math", "np", "check")
    ]
    assert len(functions) == 1, f"{name}의 풀이에서 함수를 하나 찾아야 합니다: {functions}"
    return functions[0]


def _notebook_names(notebook: str) -> list[str]:
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return re.findall(r'check\("([^"]+)"', code)


def _fails_with(
    name: str, answer: object, capsys: pytest.CaptureFixture[str], *phrases: str
) -> str:
    assert check(name, answer) is False
    out = capsys.readouterr().out
    assert "× 아직" in out or "△ 아직" in out
    for phrase in phrases:
        assert phrase in out, out
    return out


# ── 노트북과 등록부 ──────────────────────────────────────────────────────


@pytest.mark.parametrize("notebook", OWN)
def test_notebook_exercise_names_exist(notebook: str) -> None:
    names = _notebook_names(notebook)
    assert len(names) >= 2, f"{notebook}에는 연습 문제가 둘 이상 있어야 합니다"
    for name in names:
        assert name in EXERCISES, name
        assert name.startswith(notebook[:2] + "-")


def test_every_exercise_of_this_section_is_in_a_notebook() -> None:
    used = {name for nb in OWN for name in _notebook_names(nb)}
    assert set(NAMES) <= set(EXERCISES)
    assert used == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_solution_in_notebook_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(name, _solution(name)) is True
    assert "○ 정답" in capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("blank", [None, ...])
def test_blank_answer_is_false_without_raising(
    name: str, blank: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(name, blank) is False
    assert "아직 답하지 않았습니다" in capsys.readouterr().out


@pytest.mark.parametrize("name", [n for n in NAMES if n != "09-mnist-params"])
def test_unfilled_function_is_false_without_raising(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def unfilled(*args: object) -> None:
        return None

    _fails_with(name, unfilled, capsys, "아직 아무것도 돌려주지 않습니다")


@pytest.mark.parametrize("name", [n for n in NAMES if n != "09-mnist-params"])
def test_number_instead_of_function(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(name, 42, capsys, "함수를 넣어야 하는데", "int")


# ── 05 ───────────────────────────────────────────────────────────────────


def test_param_count_without_biases(capsys: pytest.CaptureFixture[str]) -> None:
    out = _fails_with(
        "05-param-count",
        lambda s: sum(a * b for a, b in zip(s, s[1:])),
        capsys,
        "가중치 16개만 셌습니다",
    )
    assert "2→3→2→2에서 정답은 23" in out


def test_param_count_biases_on_the_input_side(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "05-param-count",
        lambda s: sum(a * b + a for a, b in zip(s, s[1:])),
        capsys,
        "뉴런(출력 쪽)마다",
    )


def test_param_count_only_right_for_the_textbook_net(capsys: pytest.CaptureFixture[str]) -> None:
    # 23만 외운 답은 다른 층 크기에서 떨어진다
    _fails_with("05-param-count", lambda s: 23, capsys, "64→10에서 정답은 650")


def test_param_count_float_result_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        check("05-param-count", lambda s: float(sum(a * b + b for a, b in zip(s, s[1:])))) is True
    )


def test_weight_notation_swapped_indices(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "05-weight-notation", lambda W, j, i: W[j - 1][i - 1], capsys, "행과 열이 바뀌었습니다"
    )


def test_weight_notation_zero_based(capsys: pytest.CaptureFixture[str]) -> None:
    out = _fails_with("05-weight-notation", lambda W, j, i: W[i][j], capsys)
    assert "1부터" in out


def test_weight_notation_matches_textbook_value() -> None:
    W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]
    weight = _solution("05-weight-notation")
    assert weight(W1, 1, 2) == 0.2  # w⁽¹⁾₁₂: x₂ → 1층 뉴런 1


# ── 06 ───────────────────────────────────────────────────────────────────


def test_softplus_grad_returns_the_function_itself(capsys: pytest.CaptureFixture[str]) -> None:
    out = _fails_with(
        "06-softplus-grad", lambda x: math.log1p(math.exp(x)), capsys, "f(x)를 돌려준"
    )
    assert "x = -4.0에서 수치 미분은 0.017986" in out


def test_softplus_grad_forgets_the_chain_rule(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with("06-softplus-grad", math.exp, capsys, "(log u)' = u'/u")


def test_softplus_grad_wrong_only_somewhere(capsys: pytest.CaptureFixture[str]) -> None:
    # 음수 쪽만 맞는 답(ReLU의 도함수 흉내)은 x = 0.0에서 걸린다
    def relu_like(x: float) -> float:
        return 1 / (1 + math.exp(-x)) if x < 0 else 1.0

    _fails_with("06-softplus-grad", relu_like, capsys, "x = 0.0에서")


def test_swish_with_floats_breaks_the_graph(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "06-swish", lambda v: v.data / (1 + math.exp(-v.data)), capsys, "float", "Value를 돌려줘야"
    )


def test_swish_detached_sigmoid_has_wrong_gradient(capsys: pytest.CaptureFixture[str]) -> None:
    # 값은 맞지만 σ(x)를 숫자로 꺼내 곱하면 기울기가 σ(x)만 남는다
    out = _fails_with(
        "06-swish", lambda v: v * (1 / (1 + math.exp(-v.data))), capsys, "값은 맞지만"
    )
    assert "x = -3.0에서" in out


def test_swish_wrong_value(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with("06-swish", lambda v: v.sigmoid(), capsys, "값이", "x = -3.0에서")


# ── 07 ───────────────────────────────────────────────────────────────────


def _naive_softmax(a: list[float]) -> list[float]:
    exps = [math.exp(v) for v in a]
    return [e / sum(exps) for e in exps]


def test_softmax_naive_overflows_on_large_input(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "07-stable-softmax", _naive_softmax, capsys, "a = [1000.0, 1001.0, 1002.0]", "OverflowError"
    )


def test_softmax_naive_numpy_gives_nan(capsys: pytest.CaptureFixture[str]) -> None:
    def numpy_naive(a: list[float]) -> np.ndarray:
        e = np.exp(np.array(a))
        return e / e.sum()

    _fails_with("07-stable-softmax", numpy_naive, capsys, "a = [1000.0, 1001.0, 1002.0]", "nan")


def test_softmax_subtracting_the_minimum_still_overflows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def minus_min(a: list[float]) -> list[float]:
        m = min(a)
        exps = [math.exp(v - m) for v in a]
        return [e / sum(exps) for e in exps]

    _fails_with("07-stable-softmax", minus_min, capsys, "a = [-10000.0, 0.0, 10000.0]")


def test_softmax_not_normalised(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "07-stable-softmax",
        lambda a: [math.exp(v - max(a)) for v in a],
        capsys,
        "a = [0.3, 2.9, 4.0]",
    )


def test_softmax_wrong_length(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with("07-stable-softmax", lambda a: [1.0], capsys, "확률이 3개여야")


def test_softmax_values_accepted_from_numpy_and_value() -> None:
    from micrograd_kr import softmax

    def stable_numpy(a: list[float]) -> np.ndarray:
        e = np.exp(np.array(a) - max(a))
        return e / e.sum()

    assert check("07-stable-softmax", stable_numpy) is True
    assert check("07-stable-softmax", softmax) is True  # Value 목록도 받는다


def test_entropy_in_nats(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "07-entropy-bits", lambda p: -sum(q * math.log(q) for q in p if q > 0), capsys, "자연로그"
    )


def test_entropy_sign(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "07-entropy-bits",
        lambda p: sum(q * math.log2(q) for q in p if q > 0),
        capsys,
        "부호가 반대",
    )


def test_entropy_zero_probability(capsys: pytest.CaptureFixture[str]) -> None:
    out = _fails_with(
        "07-entropy-bits", lambda p: -sum(q * math.log2(q) for q in p), capsys, "0·log 0 = 0"
    )
    assert "p = [1.0, 0.0]" in out


def test_entropy_numpy_nan(capsys: pytest.CaptureFixture[str]) -> None:
    def with_numpy(p: list[float]) -> float:
        q = np.array(p)
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(-(q * np.log2(q)).sum())

    _fails_with("07-entropy-bits", with_numpy, capsys, "nan")


def _huber(variant: str = "") -> object:
    """후버 손실: 맞는 것과 흔히 틀리는 모양들."""

    def huber(pred, target, delta=1.0):
        terms = []
        for p, t in zip(pred, target):
            r = p - t
            small = abs(r.data) > delta if variant == "swapped" else abs(r.data) <= delta
            if small:
                terms.append(r * r if variant == "no_half" else 0.5 * r * r)
            else:
                size = r if (r.data > 0 or variant == "signed") else -r
                offset = 0.0 if variant == "no_offset" else 0.5 * delta
                terms.append((1.0 if variant == "no_delta" else delta) * (size - offset))
        total = sum(terms[1:], terms[0])
        if variant == "float":
            return total.data
        return total if variant == "sum" else total / len(terms)

    return huber


def _huber_detached(pred, target, delta=1.0):
    from micrograd_kr import Value

    rs = [p.data - t for p, t in zip(pred, target)]
    terms = [0.5 * r * r if abs(r) <= delta else delta * (abs(r) - 0.5 * delta) for r in rs]
    return Value(sum(terms) / len(terms))


@pytest.mark.parametrize(
    ("variant", "phrase"),
    [
        ("no_half", "½이 빠졌습니다"),
        ("no_offset", "δ/2를 빼지 않았습니다"),
        ("signed", "절댓값을 빠뜨렸습니다"),
        ("swapped", "두 조각이 바뀌었습니다"),
        ("sum", "평균을 내지 않았습니다"),
        ("no_delta", "손실이"),
        ("float", "Value가 아니라 float를 돌려받았습니다"),
    ],
)
def test_huber_mistakes_are_named(
    variant: str, phrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fails_with("07-huber-loss", _huber(variant), capsys, phrase)


def test_huber_ignoring_delta_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with(
        "07-huber-loss",
        lambda pred, target, delta=1.0: _huber()(pred, target, 1.0),
        capsys,
        "delta를 쓰지 않고 1로 계산했습니다",
    )


def test_huber_with_a_broken_graph_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with("07-huber-loss", _huber_detached, capsys, "값은 맞지만", "그래프가 끊깁니다")


def test_huber_gradient_matches_central_differences() -> None:
    """채점기의 손 계산 기울기 clip(r, −δ, δ)/N을 독립된 중앙 차분과 맞춰 본다."""
    from micrograd_kr.exercises.networks import _huber_slope, _huber_terms

    rs, delta, h = [0.4, -2.5, 1.7, -0.9], 1.2, 1e-6
    for i, r in enumerate(rs):
        up = [x + (h if j == i else 0.0) for j, x in enumerate(rs)]
        down = [x - (h if j == i else 0.0) for j, x in enumerate(rs)]
        numeric = (_huber_terms(up, delta) - _huber_terms(down, delta)) / (2 * h)
        assert math.isclose(_huber_slope(r, delta, len(rs)), numeric, rel_tol=1e-6)


# ── 09 ───────────────────────────────────────────────────────────────────


def test_logits_without_bias(capsys: pytest.CaptureFixture[str]) -> None:
    def no_bias(W: list[list[float]], b: list[float], x: list[float]) -> list[float]:
        return [sum(w * v for w, v in zip(row, x)) for row in W]

    _fails_with("09-dot-logits", no_bias, capsys, "편향 b를 더하지 않았습니다")


def test_logits_transposed(capsys: pytest.CaptureFixture[str]) -> None:
    def columns(W: list[list[float]], b: list[float], x: list[float]) -> list[float]:
        return list(np.array(W).T @ np.array(x) + b)

    _fails_with("09-dot-logits", columns, capsys, "2×3 가중치에서")


def test_logits_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    def one(W: list[list[float]], b: list[float], x: list[float]) -> list[float]:
        return [sum(sum(row) for row in W)]

    _fails_with("09-dot-logits", one, capsys, "로짓 1개가 나왔습니다")


def test_logits_numpy_solution_accepted() -> None:
    assert check("09-dot-logits", lambda W, b, x: np.array(W) @ np.array(x) + np.array(b)) is True


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (7840, "편향이 하나씩"),
        (650, "8×8"),
        (784, "784개가 아닙니다"),
        (7850.5, "정수를 넣어야"),
        ("7850", "따옴표 없이"),
        (b"7850", "따옴표 없이"),
    ],
)
def test_mnist_params_wrong(
    answer: object, phrase: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    _fails_with("09-mnist-params", answer, capsys, phrase)


def test_mnist_params_bool_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_with("09-mnist-params", True, capsys, "정수를 넣어야")
