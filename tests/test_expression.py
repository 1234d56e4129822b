"""식 읽기(expression) 테스트: 허용 목록, 같은 이름은 같은 노드, 손으로 구한 값·기울기,
오류 위치."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_kr import Value
from micrograd_kr.expression import MAX_LENGTH, ExpressionError, build_expression, leaf_names


def test_abb1_reuses_b_and_gives_textbook_gradients():
    e = build_expression("(a+b)*(b+1)", {"a": 2, "b": 1})
    e.backward()
    leaves = {n.label: n for n in _leaves(e)}
    assert e.data == 6.0
    # e = (a+b)(b+1): de/da = b+1 = 2, de/db = (b+1) + (a+b) = 5
    assert leaves["a"].grad == 2.0 and leaves["b"].grad == 5.0
    assert leaf_names("(a+b)*(b+1)") == ["a", "b"]


def test_korean_names_and_apple_price():
    out = build_expression(
        "사과가격*사과개수*소비세", {"사과가격": 100, "사과개수": 2, "소비세": 1.1}
    )
    out.backward()
    leaves = {n.label: n for n in _leaves(out)}
    assert out.data == pytest.approx(220.0)
    assert leaves["사과가격"].grad == pytest.approx(2.2)
    assert leaves["소비세"].grad == pytest.approx(200.0)


def test_neuron_expression_matches_hand_values():
    values = {"x1": 2, "x2": 0, "w1": -3, "w2": 1, "b": 6.8813735870195432}
    o = build_expression("tanh(x1*w1 + x2*w2 + b)", values)
    o.backward()
    leaves = {n.label: n for n in _leaves(o)}
    assert o.data == pytest.approx(math.sqrt(0.5), rel=1e-12)  # tanh(ln(1+√2)) = 1/√2
    assert leaves["w1"].grad == pytest.approx(2 * 0.5, rel=1e-9)  # x1·(1 - o²)
    assert leaves["x2"].grad == pytest.approx(1 * 0.5, rel=1e-9)


def test_functions_constants_and_operators_record_engine_ops():
    out = build_expression("exp(x) + log(x) - sigmoid(-x) * relu(x) / 2 + x**2 + 2**x", {"x": 1.5})
    ops = {n.op for n in _all(out)}
    assert {"exp", "log", "sigmoid", "relu", "neg", "*", "/", "+", "-", "**2", "**"} <= ops
    x = 1.5
    expected = math.exp(x) + math.log(x) - 1 / (1 + math.exp(x)) * x / 2 + x**2 + 2**x
    assert out.data == pytest.approx(expected, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(-5, 5, allow_nan=False),
    b=st.floats(0.1, 5),
    c=st.floats(-3, 3, allow_nan=False),
)
def test_random_values_agree_with_python_math_and_central_differences(a, b, c):
    source = "tanh(a*b - c) + log(b) * exp(c/3) - b**0.5 / (1 + a*a)"

    def f(a: float, b: float, c: float) -> float:
        return math.tanh(a * b - c) + math.log(b) * math.exp(c / 3) - b**0.5 / (1 + a * a)

    out = build_expression(source, {"a": a, "b": b, "c": c})
    out.backward()
    leaves = {n.label: n for n in _leaves(out)}
    assert out.data == pytest.approx(f(a, b, c), rel=1e-12, abs=1e-12)
    h = 1e-6
    numeric_a = (f(a + h, b, c) - f(a - h, b, c)) / (2 * h)
    assert leaves["a"].grad == pytest.approx(numeric_a, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize(
    ("source", "snippet", "column"),
    [
        ("(a+b).__class__", ".__class__", 6),
        ("a + x[0]", "x[0]", 5),
        ("lambda: a", "lambda: a", 1),
        ("__import__('os').system('x')", "__import__", 1),
        ("a + open('f')", "open", 5),
        ("a // b", "a // b", 1),
        ("a if b else 2", "a if b else 2", 1),
        ("a < b", "a < b", 1),
        ("'문자' + a", "'문자'", 1),
        ("True * a", "True", 1),
        ("사과 + 배[1]", "배[1]", 6),
        ("a + c", "c", 5),
        ("exp(a, b)", "exp(a, b)", 1),
        ("exp + a", "exp", 1),
        ("import os", "import", 1),
    ],
)
def test_rejected_parts_are_pointed_at(source, snippet, column):
    with pytest.raises(ExpressionError) as info:
        build_expression(source, {"a": 1.0, "b": 2.0} if "사과" not in source else {"사과": 1})
    error = info.value
    assert snippet in error.snippet or error.snippet in snippet
    assert error.snippet
    assert abs(error.column - column) <= 1
    text = str(error)
    assert f"{error.column}번째 글자" in text
    assert "^" in text  # 문제 부분 아래에 ^ 표시


def test_syntax_errors_and_length_limit_are_korean():
    with pytest.raises(ExpressionError, match="문법"):
        build_expression("(a+b", {"a": 1, "b": 2})
    with pytest.raises(ExpressionError, match="너무 깁니다"):
        build_expression("a+" * (MAX_LENGTH // 2) + "a", {"a": 1})
    long_ok = "+".join(["a"] * 999)  # 1,997 글자: 재귀 한도에 걸리지 않고 계산된다
    assert build_expression(long_ok, {"a": 1.0}).data == 999.0


def test_names_without_values_and_unused_values():
    with pytest.raises(ExpressionError, match="'b'에 값이 없습니다") as info:
        build_expression("a*b", {"a": 1})
    assert info.value.column == 3 and info.value.snippet == "b"
    with pytest.raises(ExpressionError, match="식에 없는 이름 'z'"):
        build_expression("a*2", {"a": 1, "z": 3})


def test_domain_errors_point_at_the_failing_part():
    with pytest.raises(ExpressionError, match="log") as info:
        build_expression("a + log(a - 2)", {"a": 1})
    assert info.value.snippet == "log(a - 2)"
    with pytest.raises(ExpressionError, match="0으로 나눌 수 없습니다"):
        build_expression("a / (a - 1)", {"a": 1})
    with pytest.raises(ExpressionError, match="너무 큽니다"):
        build_expression("a + 10.0**400", {"a": 1})


def test_huge_integer_powers_do_not_hang():
    with pytest.raises(ExpressionError):
        build_expression("a * 10**10**10", {"a": 1})


def test_constants_only_still_give_a_value():
    out = build_expression("2 * 3 + 1", {})
    assert isinstance(out, Value) and out.data == 7.0


def _all(root: Value) -> list[Value]:
    from micrograd_kr import topological_order

    return topological_order(root)


def _leaves(root: Value) -> list[Value]:
    return [n for n in _all(root) if not n.inputs and n.label]


# ------------------------------------------------------------ 식의 수는 유한한 float 하나의 규칙
# 예전: 1e400-1e400은 NaN으로 받고 10**400은 거절. 이제 쓴 수, 값, 숫자끼리의 계산 모두 같은 규칙.
NOT_FINITE = [
    ("10**400", {}),
    ("1e400-1e400", {}),
    ("1e308*10", {}),
    ("a + 1" + "0" * 400, {"a": 1}),
    ("a", {"a": math.inf}),
    ("a", {"a": math.nan}),
    ("a", {"a": 10**400}),
    ("a", {"a": "1e400"}),
]


@pytest.mark.parametrize(("source", "values"), NOT_FINITE)
def test_numbers_that_are_not_finite_floats_are_refused_by_one_rule(source, values) -> None:
    with pytest.raises(ExpressionError, match="유한한 수여야 합니다") as info:
        build_expression(source, values)
    assert len(str(info.value)) < 1000


def test_names_still_follow_the_engine_which_may_overflow_to_inf() -> None:
    """이름(Value)이 낀 계산은 엔진의 규칙 그대로: 10 ** 400은 inf (float의 넘침)."""
    assert build_expression("a**400", {"a": 10}).data == math.inf
    assert math.isnan(build_expression("a**(0*exp(b))", {"a": 2, "b": 1000}).data)


SYNTAX = [
    ("a*b+", "이 자리에 올 수 없는 것"),
    ("(" * 201 + "a", "200겹까지"),
    ("1a", "숫자를 잘못 썼습니다"),
    ("09", "0으로 시작하는 정수"),
    ("0x", "숫자를 잘못 썼습니다"),
    ("'abc", "따옴표"),
    ("(a))", "짝이 맞지 않는 괄호"),
    ("a=1", "이 자리에 올 수 없는 것"),
]


@pytest.mark.parametrize(("source", "reason"), SYNTAX)
def test_syntax_errors_have_no_english_fragments(source: str, reason: str) -> None:
    """예전: "(invalid syntax)", "(too many nested parentheses)" 같은 파이썬의 영어 원문."""
    with pytest.raises(ExpressionError) as info:
        build_expression(source, {"a": 1})
    message = str(info.value)
    assert reason in message
    first_line = message.splitlines()[0]  # 둘째 줄부터는 사용자가 쓴 식
    assert not any(word in first_line for word in ("invalid", "syntax", "nested", "literal"))
