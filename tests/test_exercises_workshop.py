"""노트북 04 공방(workshop)의 흐름: 노트북의 풀이는 통과하고, 손대지 않은 △ 칸은 모두 "아직 답하지
않았습니다"이고, 풀지 않아도 ``answer_or_solution``이 준비된 풀이로 노트북을 끝까지 돌린다.

풀이는 노트북의 ``<details>`` 블록에서 그대로 꺼내 실행하므로, 노트북에 적힌 풀이가 곧 시험됩니다.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from notebook_support import cells, code_defining, my_value_namespace, workshop_namespace

from micrograd_kr.exercises import answer_or_solution, check, grade, workshop


def test_04_solutions_from_the_notebook_pass(capsys) -> None:
    results: list[bool] = []
    workshop_namespace(results)
    assert results == [True] * 8
    assert capsys.readouterr().out.count("○") == 8


def test_04_untouched_stubs_say_not_answered(capsys) -> None:
    """노트북의 △ 칸을 그대로 두면 여덟 문제 모두 같은 '아직 답하지 않았습니다'."""
    import random

    ns: dict[str, Any] = {"math": math, "random": random, "MyValue": None}
    results: list[bool] = []
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    code = [
        "".join(c["source"]) for c in cells("04_value_engine.ipynb") if c["cell_type"] == "code"
    ]
    stubs = [c for c in code if "△" in c]
    assert len(stubs) == 8
    ns["topological_sort"] = workshop.topological_sort
    for source in stubs:
        if source.startswith("class MyNeuron"):
            exec(code_defining("04_value_engine.ipynb", "class MyValue"), ns)
        exec(source, ns)
        ns["topological_sort"] = workshop.topological_sort  # 노트북의 answer_or_solution 처럼
    assert results == [False] * 8
    out = capsys.readouterr().out
    assert out.count("△ 아직 답하지 않았습니다") == 8, out


def test_04_fallback_lets_the_notebook_go_on(capsys) -> None:
    assert answer_or_solution("04-topological-sort", lambda root: None) is workshop.topological_sort
    assert "아직 답하지 않아서" in capsys.readouterr().out
    assert answer_or_solution("04-backward", workshop.backward) is workshop.backward
    ns = my_value_namespace()

    class Stub(ns["MyNeuron"]):
        def __call__(self, x):
            return None

    assert answer_or_solution("04-neuron-call", Stub) is Stub
    assert Stub.__call__ is workshop.neuron_call


def test_answer_or_solution_keeps_a_passing_answer(capsys) -> None:
    assert answer_or_solution("04-backward", workshop.backward) is workshop.backward
    assert capsys.readouterr().out == ""  # 맞은 답은 조용히 그대로


def test_answer_or_solution_refuses_unknown_names_and_non_classes() -> None:
    with pytest.raises(ValueError, match="준비된 풀이가 없는"):
        answer_or_solution("00-mlp-params", 21)
    with pytest.raises(ValueError, match="클래스를 넣어야"):
        answer_or_solution("04-neuron-call", lambda self, x: None)


@pytest.mark.parametrize("name", sorted(workshop.SOLUTIONS))
def test_every_prepared_solution_passes_its_own_grader(name: str) -> None:
    solution = workshop.SOLUTIONS[name]
    if isinstance(solution, tuple):  # 클래스의 메서드: 노트북의 클래스에 붙여 시험한다
        method, function = solution
        ns = my_value_namespace()
        owner = {"__call__": "MyNeuron", "parameters": "MyMLP"}[method]
        solution = type(owner, (ns[owner],), {method: function})
    assert grade(name, solution)[0] is True
