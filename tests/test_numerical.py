"""수치 미분(numerical.py) 시험: `gradcheck`와 `numerical_grad`는 틀린 기울기를 통과시키는
허용 오차와 잘못된 간격 h를 한국어로 거절합니다.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from support_robust import (
    case_table_test,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr.engine import Value
from micrograd_kr.numerical import GradcheckError, gradcheck, numerical_grad

# (허용 오차) → (오류 종류, 메시지). 1 이상은 기울기 0 (미분을 빠뜨린 코드)도 통과시킨다.
BAD_TOLERANCES = [
    ({"rtol": -1, "atol": -1}, ValueError, "rtol은(는) 0 이상 1 미만의 수"),
    ({"rtol": math.nan}, ValueError, "rtol은(는) 0 이상 1 미만의 수"),
    ({"atol": math.nan}, ValueError, "atol은(는) 0 이상 1 미만의 수"),
    ({"rtol": 1e300}, ValueError, "rtol은(는) 0 이상 1 미만의 수여야 합니다 (받은 값: 1e+300)"),
    ({"atol": 1e300}, ValueError, "atol은(는) 0 이상 1 미만의 수여야 합니다 (받은 값: 1e+300)"),
    ({"rtol": 1.0}, ValueError, "틀린 기울기(예: 0)도 통과"),
    ({"rtol": True}, TypeError, "rtol에 True/False가 왔습니다"),
    ({"atol": False}, TypeError, "atol에 True/False가 왔습니다"),
    # 하나씩은 1 미만이어도 합이 1 이상이면 0과 3을 같다고 한다 (예전에는 통과)
    ({"rtol": 0.999, "atol": 0.999}, ValueError, "rtol + atol은 1보다 작아야"),
    ({"rtol": 0.5, "atol": 0.5}, ValueError, "합 1)"),
]


@pytest.mark.parametrize(("kwargs", "kind", "message"), BAD_TOLERANCES)
def test_gradcheck_refuses_tolerances_that_let_wrong_gradients_pass(
    kwargs: dict, kind: type, message: str
) -> None:
    def wrong(v: list[Value]) -> Value:  # x² 인데 기울기는 0 (미분을 빠뜨린 코드와 같음)
        return Value(v[0].data ** 2)

    with pytest.raises(kind) as info:
        gradcheck(lambda v: v[0] * Value(0.0) + wrong(v), [1.5], **kwargs)
    assert message in str(info.value)
    with pytest.raises(GradcheckError):  # 같은 함수를 기본 허용 오차로: 틀렸다고 알린다
        gradcheck(lambda v: v[0] * Value(0.0) + wrong(v), [1.5])


@pytest.mark.parametrize(("rtol", "atol"), [(0.9, 0.09), (0.5, 0.49), (1e-3, 1e-5)])
def test_any_allowed_tolerance_fails_a_missing_derivative_of_size_one_or_more(rtol, atol) -> None:
    """허용되는 허용 오차라면 크기 1 이상의 기울기(여기서 3)를 0으로 구한 코드는 언제나 실패."""

    def missing(v: list[Value]) -> Value:  # 3x 인데 기울기 0
        return v[0] * Value(0.0) + Value(3.0 * v[0].data)

    with pytest.raises(GradcheckError, match="역전파 기울기 0.0, 수치 미분 3.0"):
        gradcheck(missing, [1.0], rtol=rtol, atol=atol)


@pytest.mark.parametrize(
    ("f", "point", "analytic", "numeric"),
    [
        (lambda v: v[0] * math.nan, 1.0, "nan", "nan"),
        (lambda v: v[0] * Value(0.0) + Value(math.inf), 1.0, "0.0", "nan"),
        (lambda v: (v[0] * v[0]) ** 0.5, 0.0, "nan", "0.0"),
    ],
    ids=["NaN 점", "inf 값", "미분이 무한대인 점 (0에서 √·)"],
)
def test_gradcheck_at_a_nan_point_says_so_instead_of_relative_error_zero(
    f, point, analytic, numeric
):
    """예전: NaN 점에서 "상대 오차 0"이라고 했다. 이제 비교할 수 없다고, 다른 점에서 하라고."""
    with pytest.raises(GradcheckError) as info:
        gradcheck(f, [point])
    message = str(info.value)
    assert f"역전파 기울기가 {analytic}, 수치 미분이 {numeric}" in message
    assert "NaN·inf는 비교할 수 없습니다" in message and "다른 점에서" in message
    assert "상대 오차" not in message


# 시험한 입력 → 지금 받는 메시지 조각 (표의 꼴은 support_robust.check_case)
CASES: list[tuple[str, Any, str]] = [
    ("gradcheck(h=0)", lambda: gradcheck(lambda v: v[0] * v[0], [1.0], h=0), "간격 h"),
    ("gradcheck(h=-1)", lambda: gradcheck(lambda v: v[0] * v[0], [1.0], h=-1), "간격 h"),
    ("numerical_grad(h=nan)", lambda: numerical_grad(lambda v: v[0], [1.0], h=math.nan), "간격 h"),
]

test_every_tried_input_gets_a_korean_message = case_table_test(CASES)


# 두드려 본 경우 → 기대 ("전에도 됨": 고치기 전에도 올바르던 경우)
SWEEP: list[tuple[str, Callable[[], Any], tuple]] = [
    (
        "gradcheck(rtol=-1, atol=-1)",
        lambda: gradcheck(lambda v: v[0] * 2, [1.0], rtol=-1, atol=-1),
        raises(ValueError, "rtol"),
    ),
    (
        "gradcheck(atol=inf)",
        lambda: gradcheck(lambda v: v[0] * 2, [1.0], atol=math.inf),
        raises(ValueError, "atol"),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)
