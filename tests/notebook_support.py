"""노트북의 풀이 블록과 셀을 꺼내 실행하는 도구: 연습 문제 시험들이 함께 씁니다."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from micrograd_kr.exercises import check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def cells(name: str) -> list[dict[str, Any]]:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]


def solutions(name: str) -> list[str]:
    """노트북의 풀이 블록(<details> 안의 python 코드)들."""
    found = []
    for cell in cells(name):
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "<details>" in text:
            found += re.findall(r"```python\n(.*?)```", text, flags=re.S)
    return found


def code_defining(name: str, marker: str) -> str:
    """노트북에서 ``marker`` 로 시작하는 마지막 코드 셀의 소스."""
    sources = ["".join(c["source"]) for c in cells(name) if c["cell_type"] == "code"]
    source = [s for s in sources if s.lstrip().startswith(marker)][-1]
    return "\n".join(line for line in source.splitlines() if not line.startswith("print("))


def strip_checks(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.startswith("check("))


def workshop_namespace(results: list[bool]) -> dict[str, Any]:
    """노트북 04의 풀이 블록과 주어진 셀을 차례로 실행한 이름 공간 (check 결과를 모은다)."""
    import random

    ns: dict[str, Any] = {"math": math, "random": random}
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    blocks = solutions("04_value_engine.ipynb")
    assert len(blocks) == 8
    exec(blocks[0], ns)  # 국소 미분
    exec(blocks[1], ns)  # 위상 정렬
    exec(blocks[2], ns)  # 역전파
    exec(strip_checks(code_defining("04_value_engine.ipynb", "class MyValue")), ns)  # 4.8
    exec(strip_checks(code_defining("04_value_engine.ipynb", "class MyNeuron")), ns)
    exec(blocks[3], ns)
    exec(strip_checks(code_defining("04_value_engine.ipynb", "class MyLayer")), ns)
    exec(blocks[4], ns)
    exec(blocks[5], ns)  # train_step
    exec(blocks[6], ns)  # sin
    exec(blocks[7], ns)  # sigmoid
    return ns


def my_value_namespace() -> dict[str, Any]:
    return workshop_namespace([])


def run_solution(notebook: str, index: int, ns: dict[str, Any]) -> bool:
    results: list[bool] = []
    ns["check"] = lambda name, answer: results.append(check(name, answer)) or results[-1]
    exec(solutions(notebook)[index], ns)
    assert len(results) == 1
    return results[0]
