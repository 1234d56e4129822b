"""``micrograd_kr.torch_twin``: MLP·Layer·Neuron의 PyTorch 쌍둥이가 같은 숫자를 내는가.

기준은 이 패키지의 엔진(스칼라 ``Value``의 역전파)과 PyTorch의 autograd, 서로 독립인 두 구현입니다.
torch가 없으면 쌍둥이 시험은 이유를 밝히고 건너뛰고, torch 없이도 도는 약속(가져오기만으로 torch를
읽지 않음, 한국어 안내)은 언제나 시험합니다. GPT는 test_torch_twin_gpt.py 에 있습니다.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from torch_support import HAS_TORCH, needs_torch, rel_error

from micrograd_kr import MLP, SGD, Adam, Layer, Neuron, Value
from micrograd_kr.nn import ACTIVATIONS

if HAS_TORCH:
    import torch

    from micrograd_kr.torch_twin import from_torch, to_torch


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---------------------------------------------------------------- torch 없이도 지키는 약속
def test_importing_the_package_never_imports_torch() -> None:
    done = _run(
        """
        import sys
        import micrograd_kr, micrograd_kr.torch_twin, micrograd_kr.exercises, micrograd_kr.gpt
        import micrograd_kr.viz, micrograd_kr.cli
        from micrograd_kr.exercises import grade
        grade("12-tensor-forward", None)
        print(sorted(m for m in sys.modules if m == "torch" or m.startswith("torch.")))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_torch_the_error_names_the_extra() -> None:
    done = _run(
        """
        import sys
        sys.modules["torch"] = None  # torch가 설치되지 않은 것처럼
        from micrograd_kr import MLP
        from micrograd_kr import torch_twin
        for call in (lambda: torch_twin.to_torch(MLP(2, [1])), lambda: torch_twin.GPTTwin):
            try:
                call()
            except ImportError as exc:
                print(exc)
            else:
                print("오류 없음")
        """
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert "PyTorch(torch)가 설치되어 있지 않습니다" in line
        assert 'pip install "micrograd_kr[torch]"' in line


@needs_torch
def test_the_torch_extra_admits_the_installed_torch() -> None:
    """.ci/run 은 torch==2.13.0 을 못박아 설치한다: pyproject.toml 의 [torch] 범위가 그것을 받아야
    ``pip install -e ".[torch]"`` 이 다른 판(CUDA 판 등)을 받지 않는다."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 이상
    from packaging.requirements import Requirement
    from packaging.version import Version

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    (requirement,) = [Requirement(r) for r in extras["torch"]]
    assert requirement.name == "torch"
    installed = Version(torch.__version__)
    assert requirement.specifier.contains(installed, prereleases=True), (requirement, installed)
    assert requirement.specifier.contains("2.13.0")
    assert all("torch" not in r for r in extras["test"])  # make test 는 torch 없이도 가볍게


def test_unknown_attribute_is_an_ordinary_attribute_error() -> None:
    from micrograd_kr import torch_twin

    with pytest.raises(AttributeError):
        torch_twin.no_such_name  # noqa: B018


# ---------------------------------------------------------------- 도우미
def _targets(n: int, nout: int, seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(-1, 1) for _ in range(nout)] for _ in range(n)]


def _inputs(n: int, nin: int, seed: int) -> list[list[float]]:
    rng = random.Random(seed + 1000)
    rows = [[rng.uniform(-2, 2) for _ in range(nin)] for _ in range(n)]
    rows[0] = [0.0] * nin  # 0 입력: 편향만 남고 relu가 딱 0에 걸리는 곳
    return rows


def _our_mse(model: MLP | Layer | Neuron, X: list[list[float]], Y: list[list[float]]) -> Value:
    """이 패키지로: 점마다 출력을 목록으로 모아 (1/(N·nout)) Σ (출력 - 정답)²."""
    total: Value | float = 0.0
    count = 0
    for x, y in zip(X, Y):
        out = model(x)
        outs = out if isinstance(out, list) else [out]
        for o, t in zip(outs, y):
            total = total + (o - t) ** 2
            count += 1
    return total * (1.0 / count)


def _twin_mse(twin: torch.nn.Module, X: list[list[float]], Y: list[list[float]]) -> torch.Tensor:
    dtype = next(twin.parameters()).dtype
    out = twin(torch.tensor(X, dtype=dtype))
    target = torch.tensor(Y, dtype=dtype).reshape(out.shape)
    return ((out - target) ** 2).mean()


def _our_grads(model: MLP | Layer | Neuron) -> dict[str, list]:
    """쌍둥이의 이름 → 같은 모양의 기울기 목록 (문서에 적힌 대응으로 손수 짝짓는다)."""
    if isinstance(model, Neuron):
        return {"weight": [w.grad for w in model.w], "bias": model.b.grad}
    if isinstance(model, Layer):
        return {
            "weight": [[w.grad for w in n.w] for n in model.neurons],
            "bias": [n.b.grad for n in model.neurons],
        }
    grads = {}
    for i, layer in enumerate(model.layers):
        for key, value in _our_grads(layer).items():
            grads[f"layers.{i}.{key}"] = value
    return grads


def _worst_gradient_error(model: MLP | Layer | Neuron, twin: torch.nn.Module) -> float:
    ours = _our_grads(model)
    named = dict(twin.named_parameters())
    assert set(named) == set(ours)
    return max(rel_error(named[name].grad, ours[name]) for name in ours)


def _loss_and_grads(model, twin, X, Y) -> tuple[float, float]:
    model.zero_grad()
    loss = _our_mse(model, X, Y)
    loss.backward()
    twin.zero_grad()
    twin_loss = _twin_mse(twin, X, Y)
    twin_loss.backward()
    return rel_error(twin_loss, loss.data), _worst_gradient_error(model, twin)


# ---------------------------------------------------------------- 구조와 이름
@needs_torch
def test_mlp_twin_has_our_structure_and_weights() -> None:
    model = MLP(3, [4, 2], activation="tanh", seed=0)
    twin = to_torch(model)
    assert list(twin.state_dict()) == [
        "layers.0.weight",
        "layers.0.bias",
        "layers.1.weight",
        "layers.1.bias",
    ]
    assert [layer.activation for layer in twin.layers] == ["tanh", "linear"]
    assert isinstance(twin.layers[0], torch.nn.Linear)
    for layer, twin_layer in zip(model.layers, twin.layers):
        assert twin_layer.weight.dtype == torch.float64 and twin_layer.weight.requires_grad
        for j, neuron in enumerate(layer.neurons):
            assert twin_layer.weight[j].tolist() == [w.data for w in neuron.w]  # 그대로 복사
            assert twin_layer.bias[j].item() == neuron.b.data
    assert sum(p.numel() for p in twin.parameters()) == len(model.parameters())


@needs_torch
def test_twin_is_a_copy_not_a_view() -> None:
    model = MLP(2, [3, 1], seed=1)
    before = [p.data for p in model.parameters()]
    twin = to_torch(model)
    with torch.no_grad():
        twin.layers[0].weight.add_(1.0)
    assert [p.data for p in model.parameters()] == before


@needs_torch
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(
    ("nin", "nouts"),
    [(1, [1]), (2, [16, 16, 1]), (3, [8, 5, 2]), (64, [32, 10])],
    ids=["1-1", "2-16-16-1", "3-8-5-2", "64-32-10"],
)
def test_mlp_loss_outputs_and_every_gradient_agree_in_float64(
    nin: int, nouts: list[int], activation: str
) -> None:
    model = MLP(nin, nouts, activation=activation, seed=nin)
    twin = to_torch(model)
    X, Y = _inputs(9, nin, nin), _targets(9, nouts[-1], nin)
    outs = [model(x) for x in X]
    ours = [[o.data for o in (out if isinstance(out, list) else [out])] for out in outs]
    assert rel_error(twin(torch.tensor(X, dtype=torch.float64)), ours) <= 1e-12
    loss_error, grad_error = _loss_and_grads(model, twin, X, Y)
    assert loss_error <= 1e-12
    assert grad_error <= 1e-12


@needs_torch
@pytest.mark.parametrize("activation", ["relu", "sigmoid", "elu"])
def test_layer_and_neuron_twins(activation: str) -> None:
    layer = Layer(4, 3, activation=activation, rng=random.Random(2))
    neuron = Neuron(4, activation=activation, rng=random.Random(3))
    X = _inputs(6, 4, 5)
    for part, nout in [(layer, 3), (neuron, 1)]:
        twin = to_torch(part)
        Y = _targets(6, nout, 6)
        loss_error, grad_error = _loss_and_grads(part, twin, X, Y)
        assert loss_error <= 1e-12 and grad_error <= 1e-12
    neuron_twin = to_torch(neuron)
    assert neuron_twin.bias.dim() == 0  # Value 하나 ↔ 0차원 텐서
    assert neuron_twin(torch.tensor(X[1], dtype=torch.float64)).dim() == 0
    assert list(to_torch(layer).state_dict()) == ["weight", "bias"]


@needs_torch
@settings(max_examples=25, deadline=None)
@given(
    nin=st.integers(1, 6),
    nouts=st.lists(st.integers(1, 7), min_size=1, max_size=3),
    activation=st.sampled_from(ACTIVATIONS),
    seed=st.integers(0, 10**6),
)
def test_any_small_mlp_agrees(nin: int, nouts: list[int], activation: str, seed: int) -> None:
    model = MLP(nin, nouts, activation=activation, seed=seed)
    twin = to_torch(model)
    X, Y = _inputs(4, nin, seed), _targets(4, nouts[-1], seed)
    loss_error, grad_error = _loss_and_grads(model, twin, X, Y)
    assert loss_error <= 1e-12 and grad_error <= 1e-12


# ---------------------------------------------------------------- 학습 k 단계
@needs_torch
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_k_training_steps_reach_the_same_parameters(optimizer: str) -> None:
    model = MLP(3, [8, 8, 2], activation="tanh", seed=4)
    twin = to_torch(model)
    X, Y = _inputs(12, 3, 4), _targets(12, 2, 4)
    if optimizer == "adam":
        ours = Adam(model.parameters(), lr=0.02, betas=(0.85, 0.99))
        theirs = torch.optim.Adam(twin.parameters(), lr=0.02, betas=(0.85, 0.99), eps=1e-8)
    else:
        mu = 0.9 if optimizer == "momentum" else 0.0
        ours = SGD(model.parameters(), lr=0.1, momentum=mu)
        theirs = torch.optim.SGD(twin.parameters(), lr=0.1, momentum=mu)
    first = _our_mse(model, X, Y).data
    for _ in range(15):
        loss = _our_mse(model, X, Y)
        ours.zero_grad()
        loss.backward()
        ours.step()
        twin_loss = _twin_mse(twin, X, Y)
        theirs.zero_grad()
        twin_loss.backward()
        theirs.step()
    assert _our_mse(model, X, Y).data < 0.9 * first  # 학습이 실제로 일어났다
    back = from_torch(twin, MLP(3, [8, 8, 2], activation="tanh", seed=99))
    worst = max(abs(a.data - b.data) for a, b in zip(model.parameters(), back.parameters()))
    scale = max(abs(p.data) for p in model.parameters())
    assert worst / scale <= 1e-12


# ---------------------------------------------------------------- float32
@needs_torch
def test_float32_twin_agrees_to_about_1e_minus_6() -> None:
    model = MLP(64, [32, 10], activation="relu", seed=7)
    X, Y = _inputs(16, 64, 7), _targets(16, 10, 7)
    twin64, twin32 = to_torch(model), to_torch(model, dtype=torch.float32)
    assert twin32.layers[0].weight.dtype == torch.float32
    loss_error, grad_error = _loss_and_grads(model, twin32, X, Y)
    assert loss_error <= 5e-6 and grad_error <= 5e-6
    assert loss_error > 1e-12 or grad_error > 1e-12  # float32는 정말로 다르다 (24비트)
    assert max(_loss_and_grads(model, twin64, X, Y)) <= 1e-12


# ---------------------------------------------------------------- 되돌리기
@needs_torch
def test_from_torch_copies_trained_weights_back() -> None:
    model = MLP(2, [5, 1], activation="relu", seed=0)
    twin = to_torch(model)
    with torch.no_grad():
        for p in twin.parameters():
            p.mul_(-2.0).add_(0.25)
    expected = [-2.0 * p.data + 0.25 for p in model.parameters()]
    assert from_torch(twin, model) is model
    assert [p.data for p in model.parameters()] == pytest.approx(expected, rel=1e-15)
    assert from_torch(twin.state_dict(), MLP(2, [5, 1], seed=3)).parameters()[0].data == (
        model.parameters()[0].data
    )


@needs_torch
def test_from_torch_of_a_float32_twin_rounds_to_float32() -> None:
    model = MLP(2, [3, 1], seed=0)
    twin = to_torch(model, dtype=torch.float32)
    copy = from_torch(twin, MLP(2, [3, 1], seed=5))
    for a, b in zip(model.parameters(), copy.parameters()):
        assert b.data == float(torch.tensor(a.data, dtype=torch.float32))


@needs_torch
def test_from_torch_refuses_mismatches_and_leaves_the_model_alone() -> None:
    model = MLP(2, [3, 1], seed=0)
    before = [p.data for p in model.parameters()]
    other = to_torch(MLP(2, [4, 1], seed=0))
    with pytest.raises(ValueError, match="'layers.0.weight'의 모양이 다릅니다"):
        from_torch(other, model)
    state = to_torch(model).state_dict()
    state["layers.1.bias"] = torch.tensor([float("nan")], dtype=torch.float64)
    state["layers.0.weight"] = state["layers.0.weight"] + 1.0  # 먼저 나오는 이름은 멀쩡하다
    with pytest.raises(ValueError, match="유한하지 않은 값"):
        from_torch(state, model)
    del state["layers.1.bias"]
    with pytest.raises(ValueError, match=r"없는 이름: \['layers.1.bias'\]"):
        from_torch(state, model)
    state["layers.1.bias"] = [0.0]
    with pytest.raises(ValueError, match="텐서가 아닙니다"):
        from_torch(state, model)
    with pytest.raises(TypeError, match="state_dict"):
        from_torch([1.0, 2.0], model)
    with pytest.raises(TypeError, match="MLP, Layer, Neuron, GPT"):
        from_torch(to_torch(model), "모델")
    assert [p.data for p in model.parameters()] == before


@needs_torch
def test_to_torch_refuses_what_it_cannot_twin() -> None:
    with pytest.raises(TypeError, match="MLP, Layer, Neuron, GPT를 받습니다"):
        to_torch(Value(1.0))
    with pytest.raises(TypeError, match="실수 자료형"):
        to_torch(MLP(2, [1]), dtype=torch.int64)
    with pytest.raises(TypeError, match="실수 자료형"):
        to_torch(MLP(2, [1]), dtype="float64")
