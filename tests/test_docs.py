"""문서 속 예제가 실제로 돌아가는지 확인합니다 (docstring 예제와 README 의 첫 예제)."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

MODULES = [
    "micrograd_kr",
    "micrograd_kr.engine",
    "micrograd_kr.nn",
    "micrograd_kr.autodiff",
    "micrograd_kr.korean",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_readme_first_example_prints_what_it_says(capsys):
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.split()
    assert float(printed[0]) == pytest.approx(220.0)
    assert float(printed[1]) == pytest.approx(2.2)
