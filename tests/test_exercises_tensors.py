"""노트북 12(스칼라에서 텐서로)의 연습 문제: 풀이는 통과하고, 그럴듯하게 틀린 답은 까닭과 함께
떨어지고, 답이 바꾼 torch는 채점 뒤에 되돌아온다. 텐서 문제는 torch가 없으면 건너뜁니다.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from torch_support import HAS_TORCH, needs_torch

from micrograd_kr.exercises import EXERCISES, _registry, check, grade

if HAS_TORCH:
    import torch

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "12_scalar_to_tensor.ipynb"
NAMES = ["12-tensor-forward", "12-matrix-grad"]


def _solutions() -> dict[str, str]:
    """노트북의 <details> 풀이 코드를 바로 앞 연습 문제 셀의 이름과 짝지어 돌려준다."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    found = {}
    for prev, cell in zip(cells, cells[1:]):
        names = re.findall(r'check\("([^"]+)"', "".join(prev["source"]))
        block = re.search(r"<details>.*?```python\n(.*?)```", "".join(cell["source"]), re.S)
        if names and block:
            found[names[0]] = block.group(1)
    return found


def _solution(name: str) -> Any:
    namespace: dict[str, Any] = {"np": np}
    if HAS_TORCH:
        namespace["torch"] = torch
    exec(_solutions()[name], namespace)
    functions = [v for k, v in namespace.items() if callable(v) and k not in ("np", "torch")]
    assert len(functions) == 1, functions
    return functions[0]


def test_notebook_asks_exactly_these_exercises_and_they_are_registered() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert re.findall(r'check\("([^"]+)"', code) == NAMES
    assert set(_solutions()) == set(NAMES)
    for name in NAMES:
        assert name in EXERCISES and EXERCISES[name]
        ok, message = grade(name, None)
        assert ok is None and message.startswith("△ 아직 답하지 않았습니다")


# ---------------------------------------------------------------- 12-tensor-forward
def _fw(body: str) -> Any:
    namespace: dict[str, Any] = {"np": np, "torch": torch if HAS_TORCH else None}
    exec(f"def forward(X, W1, b1, W2, b2):\n{textwrap.indent(body, '    ')}", namespace)
    return namespace["forward"]


@needs_torch
def test_forward_solution_and_other_right_answers_pass() -> None:
    assert grade("12-tensor-forward", _solution("12-tensor-forward"))[0] is True
    for body in [
        "import torch.nn.functional as F\nreturn F.linear(torch.tanh(F.linear(X, W1, b1)), W2, b2)",
        "return torch.tanh(X @ W1.t() + b1[None, :]) @ W2.t() + b2",
        "return torch.matmul(torch.tanh(torch.matmul(X, W1.T) + b1), W2.T) + b2",
    ]:
        ok, message = grade("12-tensor-forward", _fw(body))
        assert ok is True, (body, message)


FORWARD_MISTAKES = [
    ("return torch.tanh(X @ W1 + b1) @ W2 + b2", "X @ W.T로 곱합니다"),
    ("return torch.tanh(X @ W1.T) @ W2.T", "편향 b1, b2를 더하지 않았습니다"),
    ("return torch.tanh(torch.tanh(X @ W1.T + b1) @ W2.T + b2)", "출력층에도 tanh"),
    ("return (X @ W1.T + b1) @ W2.T + b2", "tanh를 빠뜨렸습니다"),
    ("return torch.relu(X @ W1.T + b1) @ W2.T + b2", "ReLU를 썼습니다"),
    ("return (torch.tanh(X @ W1.T + b1) @ W2.T + b2).T", "행과 열이 바뀌었습니다"),
    (
        "h = np.tanh(X.numpy() @ W1.detach().numpy().T + b1.detach().numpy())\n"
        "return h @ W2.detach().numpy().T + b2.detach().numpy()",
        "텐서가 아니라 ndarray를 돌려줬습니다",
    ),
    ("return (torch.tanh(X @ W1.T + b1) @ W2.T + b2).tolist()", "텐서가 아니라 list를"),
    (
        "return (torch.tanh(X @ W1.T + b1) @ W2.T + b2).detach()",
        "계산 그래프에 이어져 있지 않습니다",
    ),
    (
        "with torch.no_grad():\n    return torch.tanh(X @ W1.T + b1) @ W2.T + b2",
        "requires_grad가 False",
    ),
    ("return torch.tanh(X @ W1.data.T + b1) @ W2.T + b2", "W1로 기울기가 흐르지 않았습니다"),
    (
        "out = torch.tanh(X @ W1.T + b1) @ W2.T + b2\nout.sum().backward(retain_graph=True)\n"
        "return out",
        "forward 안에서 backward()를 불렀습니다",
    ),
    (
        "return torch.tanh(X @ W1.T + b1) @ W2.T + b2 + 0.001",
        "첫 점의 출력이",
    ),
]


@needs_torch
@pytest.mark.parametrize(("body", "phrase"), FORWARD_MISTAKES, ids=[p for _, p in FORWARD_MISTAKES])
def test_forward_mistakes_are_explained(body: str, phrase: str) -> None:
    ok, message = grade("12-tensor-forward", _fw(body))
    assert ok is False and phrase in message, message


@needs_torch
def test_forward_grader_refuses_non_functions_and_empty_answers(capsys) -> None:
    assert check("12-tensor-forward", 3) is False
    assert "함수를 넣어야 하는데 int가 들어왔습니다" in capsys.readouterr().out
    ok, message = grade("12-tensor-forward", _fw("return None"))
    assert ok is None and "아직 답하지 않았습니다" in message
    ok, message = grade("12-tensor-forward", _fw("raise NotImplementedError"))
    assert ok is None


@needs_torch
def test_patches_to_torch_do_not_fool_the_grader_and_are_undone() -> None:
    real = (torch.tanh, torch.Tensor.__matmul__, torch.Tensor.tolist, torch.tensor)
    body = (
        "torch.tanh = lambda t: t\n"
        "torch.Tensor.__matmul__ = lambda a, b: torch.zeros(1)\n"
        "torch.Tensor.tolist = lambda self: [[0.0]]\n"  # 바탕 클래스의 것을 가리는 새 이름
        "torch.tensor = lambda *a, **k: None\n"
        "return X"
    )
    ok, message = grade("12-tensor-forward", _fw(body))
    assert ok is False, message
    assert (torch.tanh, torch.Tensor.__matmul__, torch.Tensor.tolist, torch.tensor) == real
    assert "tolist" not in vars(torch.Tensor)
    right = _solution("12-tensor-forward")
    assert grade("12-tensor-forward", right)[0] is True  # 되돌린 뒤에는 평소대로


@needs_torch
def test_endless_answer_stops_within_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_registry, "TIME_LIMIT", 0.5)
    start = time.perf_counter()
    ok, message = grade("12-tensor-forward", _fw("while True:\n    X = X + 1"))
    assert ok is False and "0.5초가 넘게 걸려 멈췄습니다" in message
    assert time.perf_counter() - start < 3.0


@needs_torch
def test_torch_is_imported_before_the_time_limit_starts() -> None:
    """처음 가져오는 torch는 바쁜 컴퓨터에서 몇 초가 걸린다: 채점하는 쪽이 시간 제한 밖에서 먼저."""
    code = """
        import sys
        from micrograd_kr.exercises import _registry, grade
        _registry.TIME_LIMIT = 0.05  # torch를 가져오는 시간은 이보다 길다
        before = "torch" in sys.modules
        ok, message = grade("12-tensor-forward", lambda X, W1, b1, W2, b2: None)
        print(before, "torch" in sys.modules, "초가 넘게 걸려" in message)
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "False"], done.stdout


def test_without_torch_the_tensor_grader_explains_and_the_numpy_one_still_works() -> None:
    code = """
        import sys
        sys.modules["torch"] = None  # torch가 설치되지 않은 것처럼
        from micrograd_kr.exercises import grade
        ok, message = grade("12-tensor-forward", lambda *args: args[0])
        print(ok, message)
        import numpy as np
        def grad_w1(X, W1, b1, W2, b2, Y):
            A = X @ W1.T + b1
            out = np.maximum(A, 0) @ W2.T + b2
            return ((2 * (out - Y) / out.size) @ W2 * (A > 0)).T @ X
        print(grade("12-matrix-grad", grad_w1)[0])
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.strip().splitlines()
    assert first.startswith("False 이 문제는 PyTorch가 있어야 채점할 수 있습니다")
    assert 'pip install "micrograd_kr[torch]"' in first
    assert second == "True"


# ---------------------------------------------------------------- 12-matrix-grad
def _gw(body: str) -> Any:
    namespace: dict[str, Any] = {"np": np}
    source = "def grad_w1(X, W1, b1, W2, b2, Y):\n" + textwrap.indent(
        "A = X @ W1.T + b1\nH = np.maximum(A, 0)\nout = H @ W2.T + b2\n" + body, "    "
    )
    exec(source, namespace)
    return namespace["grad_w1"]


RIGHT = "d2 = 2 * (out - Y) / out.size\nd1 = (d2 @ W2) * (A > 0)\n"

GRAD_MISTAKES = [
    (RIGHT + "return X.T @ d1", "05의 X.T @ delta 모양입니다"),
    (RIGHT + "return d1.T @ X * out.size", "평균이 아니라 합의 기울기"),
    (RIGHT + "return d1.T @ X / 2", "2를 빠뜨렸습니다"),
    (RIGHT + "return d1.T @ X * Y.shape[1]", "N으로만 나눴습니다"),
    (RIGHT + "return -(d1.T @ X)", "부호가 반대입니다"),
    (
        "d2 = 2 * (out - Y) / out.size\nd1 = (d2 @ W2) * (A >= 0)\nreturn d1.T @ X",
        "relu'(0) = 0",
    ),
    (
        "d2 = 2 * (out - Y) / out.size\nd1 = (d2 @ W2) * (1 - H**2)\nreturn d1.T @ X",
        "tanh의 미분 1 - H²을 썼습니다",
    ),
    ("d2 = 2 * (out - Y) / out.size\nreturn (d2 @ W2).T @ X", "ReLU의 미분 (A > 0)을 곱하지"),
    (RIGHT + "return d1.T @ X + 0.01", "첫 행이"),
    (RIGHT + "return (d1.T @ X).tolist()[0]", "행이 목록이 아닙니다"),
    (RIGHT + "return [[str(v) for v in row] for row in (d1.T @ X)]", "따옴표 없이"),
    (RIGHT + "return [[1.0, 2.0], [3.0]]", "행마다 길이가 다른"),
    (RIGHT + "return 0.5", "행렬(2차원 배열)을 돌려줘야"),
]


def test_matrix_grad_solution_and_other_right_answers_pass() -> None:
    assert grade("12-matrix-grad", _solution("12-matrix-grad"))[0] is True
    for body in [
        RIGHT + "return (d1.T @ X).tolist()",
        RIGHT + "return np.einsum('ij,ik->jk', d1, X)",
        "d2 = 2 * (out - Y) / (X.shape[0] * Y.shape[1])\n"
        "d1 = np.where(A > 0, d2 @ W2, 0.0)\nreturn d1.T @ X",
    ]:
        ok, message = grade("12-matrix-grad", _gw(body))
        assert ok is True, (body, message)


@needs_torch
def test_matrix_grad_accepts_a_gradient_computed_with_torch() -> None:
    def with_torch(X, W1, b1, W2, b2, Y):  # noqa: N803  # 과제의 이름 그대로
        W = torch.tensor(W1, requires_grad=True)
        out = torch.relu(torch.tensor(X) @ W.T + torch.tensor(b1)) @ torch.tensor(W2).T
        ((out + torch.tensor(b2) - torch.tensor(Y)) ** 2).mean().backward()
        return W.grad

    ok, message = grade("12-matrix-grad", with_torch)
    assert ok is True, message


@pytest.mark.parametrize(("body", "phrase"), GRAD_MISTAKES, ids=[p for _, p in GRAD_MISTAKES])
def test_matrix_grad_mistakes_are_explained(body: str, phrase: str) -> None:
    ok, message = grade("12-matrix-grad", _gw(body))
    assert ok is False and phrase in message, message


def test_matrix_grad_reference_is_not_the_learners_numpy() -> None:
    """답이 np.maximum을 바꿔도 기준(Value 엔진의 역전파)은 흔들리지 않는다."""
    real = np.maximum

    def sabotage(X, W1, b1, W2, b2, Y):  # noqa: N803
        np.maximum = lambda a, b: a  # type: ignore[assignment]
        return np.zeros_like(W1)

    try:
        ok, message = grade("12-matrix-grad", sabotage)
        assert ok is False and "첫 행이" in message, message
    finally:
        np.maximum = real
