"""노트북 12(스칼라에서 텐서로)의 연습 문제: 텐서로 쓴 순전파, 행렬로 쓴 기울기.

정답의 기준은 PyTorch가 아니라 이 패키지의 ``Value`` 엔진입니다 (역전파로 구한 값과 기울기).
그래서 답이 ``torch.tanh`` 같은 것을 바꿔도 기준은 흔들리지 않고, 바꾼 것은 채점 뒤에 되돌립니다.
이 파일은 torch를 가져오지 않습니다: 첫 문제의 채점기가 불릴 때에야 가져옵니다.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.exercises._registry import exercise
from micrograd_kr.exercises.answers import (
    Refusal,
    brief,
    call,
    describe_error,
    need_function,
    particle,
    to_float,
)

Matrix = list[list[float]]

_isfinite = math.isfinite


def _close(a: float, b: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    return _isfinite(a) and abs(a - b) <= abs_ + rel * abs(b)


def _all_close(got: Matrix, want: Matrix, rel: float = 1e-9) -> bool:
    return len(got) == len(want) and all(
        len(g) == len(w) and all(_close(a, b, rel) for a, b in zip(g, w)) for g, w in zip(got, want)
    )


def _case(seed: int, n: int, nin: int, hidden: int, nout: int) -> tuple[Matrix, ...]:
    """X [n, nin], W1 [hidden, nin], b1 [1, hidden], W2 [nout, hidden], b2 [1, nout]."""
    rng = random.Random(seed)

    def matrix(rows: int, cols: int, scale: float = 1.0) -> Matrix:
        return [[round(rng.uniform(-scale, scale), 2) for _ in range(cols)] for _ in range(rows)]

    return (
        matrix(n, nin, 2.0),
        matrix(hidden, nin),
        matrix(1, hidden, 0.5),
        matrix(nout, hidden),
        matrix(1, nout, 0.5),
    )


def _dense(
    X: Matrix, W: Matrix, b: list[Any], act: Callable[[Any], Any], transpose: bool = False
) -> list[list[Any]]:
    """행마다 act(Σⱼ W[k][j]·x[j] + b[k]) (``transpose``면 W[j][k]: 흔한 실수를 흉내 낸다)."""
    out = []
    for x in X:
        row = []
        for k in range(len(W[0]) if transpose else len(W)):
            total = b[k]
            for j, xj in enumerate(x):
                total = total + (W[j][k] if transpose else W[k][j]) * xj
            row.append(act(total))
        out.append(row)
    return out


def _identity(v: Any) -> Any:
    return v


# ---------------------------------------------------------------- torch와 그 지키기
# 답이 자주 쓰거나 바꿀 만한 이름만 지킨다. torch 모듈 전체를 적어 두면 torch가 스스로 바꾸는
# 이름(옵티마이저를 처음 만들 때 감싸는 manual_seed 등)까지 되돌리게 되므로 골라서 적는다.
_TORCH_NAMES = (
    "tensor", "as_tensor", "tanh", "relu", "sigmoid", "matmul", "mm", "exp", "log", "zeros",
    "ones", "allclose", "isclose", "no_grad", "enable_grad", "set_grad_enabled", "Tensor", "nn",
    "float64", "float32", "sum", "mean", "randn", "is_tensor",
)  # fmt: skip
_TENSOR_NAMES = (
    "__matmul__", "__rmatmul__", "__add__", "__radd__", "__sub__", "__rsub__", "__mul__",
    "__rmul__", "__truediv__", "__pow__", "__neg__", "T", "mT", "t", "tanh", "relu", "sigmoid",
    "backward", "tolist", "detach", "grad", "requires_grad", "shape", "size", "sum", "mean",
    "item", "numpy", "dim", "dtype", "__class__", "__len__", "__iter__", "__getitem__",
)  # fmt: skip
_F_NAMES = ("linear", "tanh", "relu", "sigmoid", "mse_loss")
_MISSING = object()
_saved: list[tuple[Any, tuple[tuple[str, Any], ...], bool]] = []


def _snapshot(owner: Any, names: tuple[str, ...], is_class: bool) -> None:
    space = vars(owner)
    _saved.append((owner, tuple((n, space.get(n, _MISSING)) for n in names), is_class))


def _restore_torch() -> None:
    """지켜 둔 torch 이름을 되돌린다: 바뀐 것은 원래 값으로, 새로 덮어쓴 것은 지운다."""
    for owner, pairs, is_class in _saved:
        space = vars(owner)
        for name, value in pairs:
            if space.get(name, _MISSING) is value:
                continue
            if value is _MISSING:
                delattr(owner, name)  # 클래스에 새로 붙여 바탕 클래스의 것을 가린 이름
            elif is_class:
                setattr(owner, name, value)
            else:
                space[name] = value


def _torch() -> Any:
    """torch를 가져와 돌려준다. 처음이면 지킬 이름을 적어 두고, 없으면 설치 방법으로 거절."""
    from micrograd_kr.torch_twin import import_torch

    try:
        torch = import_torch()
    except ImportError as exc:
        raise Refusal(f"이 문제는 PyTorch가 있어야 채점할 수 있습니다. {exc}") from None
    if not _saved:
        import torch.nn.functional as F  # noqa: N812

        _snapshot(torch, _TORCH_NAMES, is_class=False)
        _snapshot(torch.Tensor, _TENSOR_NAMES, is_class=True)
        _snapshot(F, _F_NAMES, is_class=False)
    _restore_torch()
    return torch


def _warm_torch() -> None:
    """채점 전에 torch를 가져와 둔다 (처음 가져오기는 바쁜 컴퓨터에서 몇 초가 걸린다)."""
    _torch()


def _call(function: Any, *args: Any) -> Any:
    try:
        return call(function, *args)
    finally:
        _restore_torch()


# ---------------------------------------------------------------- 12-tensor-forward
_FORWARD_CASES = [
    # (seed, 점 N, 입력 nin, 은닉 hidden, 출력 nout): 첫 경우는 모양이 모두 달라 W와 W.T를 가린다
    (12, 4, 3, 5, 2),
    (21, 3, 4, 4, 4),  # 정사각 행렬: W.T를 빠뜨려도 오류 없이 값만 틀린다
    (7, 1, 2, 3, 1),
]
_FORWARD_TASK = (
    "텐서 X [N, nin], W1 [hidden, nin], b1 [hidden], W2 [nout, hidden], b2 [nout]로 "
    "tanh(X @ W1.T + b1) @ W2.T + b2 (모양 [N, nout])를 돌려주는 함수 forward(X, W1, b1, W2, b2)를 "
    "torch 연산으로 쓰세요 (backward()가 되도록)."
)


def _reference_forward(case: tuple[Matrix, ...], coef: Matrix) -> tuple[Matrix, list[Any]]:
    """Value 엔진으로: 출력, 그리고 L = Σ coef·출력의 W1, b1, W2, b2 기울기."""
    X, W1, b1, W2, b2 = case
    params = [[[Value(v) for v in row] for row in m] for m in (W1, b1, W2, b2)]
    vW1, vb1, vW2, vb2 = params
    hidden = _dense(X, vW1, vb1[0], lambda v: v.tanh())
    out = _dense(hidden, vW2, vb2[0], _identity)
    loss = sum((c * o for cs, os in zip(coef, out) for c, o in zip(cs, os)), Value(0.0))
    loss.backward()
    grads = [[[v.grad for v in row] for row in m] for m in params]
    grads[1], grads[3] = grads[1][0], grads[3][0]  # 편향은 1차원
    return [[o.data for o in row] for row in out], grads


def _forward_mistakes(case: tuple[Matrix, ...]) -> list[tuple[Matrix, str]]:
    """그럴듯하게 틀린 순전파들의 값과 그 설명 (float로)."""
    X, W1, b1, W2, b2 = case
    zero1, zero2 = [0.0] * len(b1[0]), [0.0] * len(b2[0])
    mistakes = [
        (
            _dense(_dense(X, W1, b1[0], math.tanh), W2, b2[0], math.tanh),
            "출력층에도 tanh를 썼습니다. 마지막 층은 활성화 없는 선형 층입니다.",
        ),
        (
            _dense(_dense(X, W1, b1[0], _identity), W2, b2[0], _identity),
            "은닉층의 tanh를 빠뜨렸습니다: torch.tanh(X @ W1.T + b1).",
        ),
        (
            _dense(_dense(X, W1, zero1, math.tanh), W2, zero2, _identity),
            "편향 b1, b2를 더하지 않았습니다.",
        ),
        (
            _dense(_dense(X, W1, b1[0], lambda z: max(z, 0.0)), W2, b2[0], _identity),
            "은닉층에 ReLU를 썼습니다. 이 문제의 활성화 함수는 tanh입니다.",
        ),
    ]
    if len(W1) == len(W1[0]) and len(W2) == len(W2[0]):
        mistakes.append(
            (
                _dense(_dense(X, W1, b1[0], math.tanh, True), W2, b2[0], _identity, True),
                "W1, W2를 뒤집지(.T) 않고 곱했습니다. nn.Linear처럼 W의 행 하나가 뉴런 하나이니 "
                "X @ W1.T입니다. 정사각 행렬이라 오류 없이 값만 틀렸습니다.",
            )
        )
    return mistakes


def _as_rows(torch: Any, out: Any) -> Matrix:
    rows = out.detach().to("cpu", torch.float64).tolist()
    return [[to_float(v) for v in row] for row in rows]


@exercise("12-tensor-forward", _FORWARD_TASK, prepare=_warm_torch)
def _check_tensor_forward(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def forward(X, W1, b1, W2, b2): ...")
    torch = _torch()
    f64 = torch.float64
    for seed, n, nin, hidden, nout in _FORWARD_CASES:
        case = _case(seed, n, nin, hidden, nout)
        where = f"X [{n}, {nin}], W1 [{hidden}, {nin}], W2 [{nout}, {hidden}]에서"
        rng = random.Random(seed + 1)
        coef = [[rng.choice([-1.5, -0.5, 0.5, 1.0, 2.0]) for _ in range(nout)] for _ in range(n)]
        want, want_grads = _reference_forward(case, coef)
        X = torch.tensor(case[0], dtype=f64)
        params = [  # 잎 텐서(leaf tensor): W1, b1, W2, b2 (편향은 1차원)
            torch.tensor(m, dtype=f64, requires_grad=True)
            for m in (case[1], case[2][0], case[3], case[4][0])
        ]
        try:
            out = _call(answer, X, *params)
        except RuntimeError as exc:
            text = describe_error(exc)
            if "shape" in text or "size" in text:
                return False, (
                    f"{where} 모양이 맞지 않아 곱할 수 없었습니다 ({text}). W의 행 하나가 뉴런 "
                    "하나(모양 [nout, nin])이니 X @ W.T로 곱합니다."
                )
            return False, f"{where} 오류가 났습니다: {text}"
        if not isinstance(out, torch.Tensor):
            return False, (
                f"{where} 텐서가 아니라 {particle(type(out).__name__, '을')} 돌려줬습니다. "
                ".tolist()나 .numpy(), 파이썬 반복문으로 꺼내면 계산 그래프가 끊깁니다. "
                "torch 연산의 결과(텐서)를 그대로 돌려주세요."
            )
        shape = tuple(out.shape)
        if shape != (n, nout):
            hint = "점 하나가 한 행, 출력 뉴런 하나가 한 열입니다."
            if shape == (nout, n):
                hint = "행과 열이 바뀌었습니다: " + hint
            return (
                False,
                f"{where} 출력의 모양이 {particle(f'[{n}, {nout}]', '이어야')} 하는데 "
                f"{list(shape)}입니다. {hint}",
            )
        got = _as_rows(torch, out)
        if not _all_close(got, want):
            for values, why in _forward_mistakes(case):
                if _all_close(got, values):
                    return False, f"{where} {why}"
            return False, (
                f"{where} 첫 점의 출력이 "
                f"{particle(str([round(v, 6) for v in want[0]]), '이어야')} 하는데 "
                f"{[round(v, 6) for v in got[0]]}입니다."
            )
        if not out.requires_grad:
            return False, (
                f"{where} 값은 맞지만 출력이 계산 그래프에 이어져 있지 않습니다 (requires_grad가 "
                "False). .detach(), .data, torch.tensor(...)로 새로 만들기, numpy를 거치면 "
                "그래프가 끊깁니다."
            )
        if any(p.grad is not None for p in params):
            return False, (
                f"{where} forward 안에서 backward()를 불렀습니다. forward는 출력만 돌려주고, "
                "역전파는 부르는 쪽이 합니다 (기울기가 두 번 쌓입니다)."
            )
        out.backward(torch.tensor(coef, dtype=f64))
        for name, p, g in zip(("W1", "b1", "W2", "b2"), params, want_grads):
            if p.grad is None:
                return False, (
                    f"{where} 값은 맞지만 {particle(name, '으로')} 기울기가 흐르지 않았습니다. "
                    f"받은 {particle(name, '을')} 그대로 계산에 쓰세요 (.data나 복사본이 아니라)."
                )
            grad = _as_rows(torch, p.grad.reshape(1, -1) if p.grad.dim() == 1 else p.grad)
            expected = [g] if name in ("b1", "b2") else g
            if not _all_close(grad, expected):
                return False, f"{where} 값은 맞지만 {name}의 기울기가 엔진의 역전파와 다릅니다."
    return True, (
        "세 경우 모두 값과 네 매개변수의 기울기가 Value 엔진의 역전파와 같습니다. 행렬 곱 두 번과 "
        "tanh 하나가 뉴런 수십 개의 가중합을 한꺼번에 합니다."
    )


# ---------------------------------------------------------------- 12-matrix-grad
_GRAD_CASES = [
    # (seed, N, nin, hidden, nout)
    (3, 5, 3, 4, 2),
    (8, 4, 2, 6, 1),
    (5, 6, 4, 3, 3),
]
_GRAD_TASK = (
    "numpy 배열 X [N, nin], W1 [hidden, nin], b1 [hidden], W2 [nout, hidden], b2 [nout], "
    "Y [N, nout]를 받아, H = relu(X @ W1.T + b1), 출력 = H @ W2.T + b2, "
    "L = mean((출력 - Y)²) (N·nout 칸의 평균)일 때 ∂L/∂W1 (W1과 같은 모양)을 돌려주는 "
    "함수 grad_w1(X, W1, b1, W2, b2, Y)을 numpy로 쓰세요."
)


def _grad_case(seed: int, n: int, nin: int, hidden: int, nout: int) -> tuple[Matrix, ...]:
    X, W1, b1, W2, b2 = _case(seed, n, nin, hidden, nout)
    # 첫 점 [1, 0, ...]에서 첫 은닉 뉴런의 가중합이 딱 0 (w + (-w)): ReLU의 꺾인 곳
    X[0] = [1.0] + [0.0] * (nin - 1)
    b1[0][0] = -W1[0][0]
    rng = random.Random(seed + 2)
    Y = [[round(rng.uniform(-1, 1), 2) for _ in range(nout)] for _ in range(n)]
    return X, W1, b1, W2, b2, Y


def _reference_grad_w1(case: tuple[Matrix, ...]) -> Matrix:
    """Value 엔진으로 L을 만들고 역전파해서 얻은 ∂L/∂W1."""
    X, W1, b1, W2, b2, Y = case
    vW1 = [[Value(v) for v in row] for row in W1]
    hidden = _dense(X, vW1, b1[0], lambda v: v.relu())
    out = _dense(hidden, W2, b2[0], _identity)
    terms = [(o - y) ** 2 for os, ys in zip(out, Y) for o, y in zip(os, ys)]
    loss = sum(terms, Value(0.0)) * (1.0 / len(terms))
    loss.backward()
    return [[v.grad for v in row] for row in vW1]


def _grad_variant(case: tuple[Matrix, ...], scale: float, slope: Callable[[float, float], float]):
    """float로 계산한 ∂L/∂W1의 변형: 손실 배율 ``scale``, 활성화의 미분 ``slope(a, h)``."""
    X, W1, b1, W2, b2, Y = case
    pre = _dense(X, W1, b1[0], _identity)
    hidden = [[max(a, 0.0) for a in row] for row in pre]
    out = _dense(hidden, W2, b2[0], _identity)
    d_out = [[scale * (o - y) for o, y in zip(os, ys)] for os, ys in zip(out, Y)]
    d_pre = [
        [
            sum(d * W2[k][j] for k, d in enumerate(ds)) * slope(pre[i][j], hidden[i][j])
            for j in range(len(W1))
        ]
        for i, ds in enumerate(d_out)
    ]
    return [
        [sum(d_pre[i][j] * X[i][m] for i in range(len(X))) for m in range(len(W1[0]))]
        for j in range(len(W1))
    ]


def _relu_slope(a: float, h: float) -> float:
    return 1.0 if a > 0 else 0.0


def _grad_mistakes(case: tuple[Matrix, ...]) -> list[tuple[Matrix, str]]:
    cells = len(case[0]) * len(case[5][0])
    right = 2.0 / cells
    mistakes: list[tuple[float, Callable[[float, float], float], str]] = [
        (
            right * cells,
            _relu_slope,
            "평균이 아니라 합의 기울기입니다. L은 N·nout 칸의 평균이니 (출력 - Y)에 "
            "2/(N·nout)을 곱합니다.",
        ),
        (
            right / 2,
            _relu_slope,
            "제곱의 미분에서 2를 빠뜨렸습니다: ∂/∂출력 (출력 - Y)² = 2(출력 - Y).",
        ),
        (
            2.0 / len(case[0]),
            _relu_slope,
            "N으로만 나눴습니다. 평균은 N·nout 칸 모두에 대한 것입니다.",
        ),
        (
            -right,
            _relu_slope,
            "부호가 반대입니다: ∂L/∂출력 = 2(출력 - Y)/(N·nout) (Y - 출력이 아님).",
        ),
        (
            right,
            lambda a, h: 1.0 if a >= 0 else 0.0,
            "가중합이 딱 0인 곳에서 ReLU의 기울기를 1로 쳤습니다. 엔진과 PyTorch는 "
            "relu'(0) = 0으로 칩니다: (A > 0)을 곱하세요 (A >= 0이 아니라).",
        ),
        (
            right,
            lambda a, h: 1.0 - h * h,
            "tanh의 미분 1 - H²을 썼습니다. ReLU의 미분은 가중합 A가 0보다 크면 1, 아니면 0입니다.",
        ),
        (
            right,
            lambda a, h: 1.0,
            "ReLU의 미분 (A > 0)을 곱하지 않았습니다. 꺼진 뉴런으로는 기울기가 흐르지 않습니다.",
        ),
    ]
    return [(_grad_variant(case, scale, slope), why) for scale, slope, why in mistakes]


def _matrix(answer: Any) -> Matrix:
    """답(numpy 배열, 중첩 목록, 텐서)을 float 행렬로. 숫자가 아닌 칸은 거절한다."""
    if type(answer).__module__.startswith("torch"):
        answer = answer.detach().tolist()
    elif hasattr(answer, "tolist") and type(answer).__module__.startswith("numpy"):
        answer = answer.tolist()
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise Refusal(f"행렬(2차원 배열)을 돌려줘야 하는데 {brief(answer)}입니다.")
    rows = []
    for row in answer:
        if isinstance(row, (str, bytes)) or not hasattr(row, "__iter__"):
            raise Refusal(
                f"행렬(2차원 배열)을 돌려줘야 하는데 행이 목록이 아닙니다: {brief(row)}. "
                "W1과 같은 모양 [hidden, nin]으로 돌려주세요."
            )
        rows.append([to_float(v) for v in row])
    return rows


@exercise("12-matrix-grad", _GRAD_TASK)
def _check_matrix_grad(answer: Any) -> tuple[bool, str]:
    need_function(answer, "def grad_w1(X, W1, b1, W2, b2, Y): ...")
    import numpy as np

    for seed, n, nin, hidden, nout in _GRAD_CASES:
        case = _grad_case(seed, n, nin, hidden, nout)
        where = f"X [{n}, {nin}], W1 [{hidden}, {nin}], W2 [{nout}, {hidden}]에서"
        X, W1, b1, W2, b2, Y = case
        arrays = [np.array(m, dtype=float) for m in (X, W1, b1[0], W2, b2[0], Y)]
        got = _matrix(call(answer, *arrays))
        want = _reference_grad_w1(case)
        shape = (len(got), len(got[0]) if got else 0)
        if any(len(row) != shape[1] for row in got):
            return False, f"{where} 행마다 길이가 다른 목록입니다. W1과 같은 모양으로 돌려주세요."
        if shape != (hidden, nin):
            hint = "∂L/∂W1은 W1과 같은 모양입니다."
            if shape == (nin, hidden):
                hint = (
                    "05의 X.T @ delta 모양입니다. 05의 W는 [nin, hidden]이었고, 여기(nn.Linear)의 "
                    "W1은 그 전치 [hidden, nin]이니 delta.T @ X입니다."
                )
            return (
                False,
                f"{where} 모양이 {particle(f'[{hidden}, {nin}]', '이어야')} 하는데 "
                f"{list(shape)}입니다. {hint}",
            )
        if _all_close(got, want, rel=1e-7):
            continue
        for values, why in _grad_mistakes(case):
            if _all_close(got, values, rel=1e-7):
                return False, f"{where} {why}"
        return False, (
            f"{where} ∂L/∂W1의 첫 행이 "
            f"{particle(str([round(v, 6) for v in want[0]]), '이어야')} 하는데 "
            f"{[round(v, 6) for v in got[0]]}입니다. 출력 쪽에서부터: δ₂ = 2(출력 - Y)/(N·nout), "
            "δ₁ = (δ₂ @ W2) * (A > 0), ∂L/∂W1 = δ₁.T @ X."
        )
    return True, (
        "세 경우 모두 Value 엔진의 역전파와 같습니다. 행렬 곱 몇 번이 스칼라 노드 수백 개의 "
        "'상류 기울기 × 국소 미분'을 한꺼번에 합니다. PyTorch의 backward()도 이렇게 합니다."
    )
