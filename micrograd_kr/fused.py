"""여러 입력을 노드 하나로 묶는 연산(fused op): 넓은 그래프를 노드 몇 개로.

신경망의 가중합 Σ wᵢ·xᵢ + b를 곱셈·덧셈 노드 2n 개로 만들면 그래프가 넓고 느려집니다.
트랜스포머(transformer)는 더 넓습니다: 16개짜리 점곱(내적, dot product) 하나를 곱셈·덧셈 노드로
쓰면 노드가 33개(상수 0 포함)지만, 여기의 ``dot``은 노드 하나입니다. 값도 기울기도 한 노드씩
이어 만든 그래프와 같습니다(시험: tests/test_fused.py). 엔진의 규칙은 그대로입니다: 노드는 입력마다
국소 미분(local derivative)을 기록하고, 역전파는 ``입력.grad += 국소 미분 × 노드.grad`` 한 줄.
연산 표(``ops.py``)에 연산마다 규칙이 있어서 그림, 탐험기, 고계 미분(``grad(create_graph=True)``)이
그대로 읽습니다.

입력의 규칙은 모든 묶은 연산에 하나입니다: 리스트·튜플·numpy 배열·생성기 무엇이든 받고, 원소는
``Value``나 숫자(상수 잎 노드로 감쌈, ``True``/``False``는 아님)이며, 빈 목록은 ``ValueError``,
그 밖의 원소는 몇 번째인지 밝힌 ``TypeError``입니다.

연산과 국소 미분 (노드 하나에 연산 이름 하나):

- ``linear(ws, xs, b)`` → ``linear``: Σ wᵢ·xᵢ + b. ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1
- ``dot(ws, xs)`` → ``dot``: Σ wᵢ·xᵢ. ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ (곱셈처럼 바꿔 곱함).
  ``matvec(W, xs)``와 ``WeightMatrix``는 출력마다 ``dot`` 하나 (편향 없는 선형 층)
- ``WeightMatrix.scaled(xs, s, c)`` → ``scaled_dot``: c·s·Σ wᵢ·xᵢ (s는 Value, c는 숫자).
  c·s·xᵢ, c·s·wᵢ, ∂/∂s = c·Σ wᵢ·xᵢ
- ``sum_values(vs)`` → ``sum``: Σ vᵢ. 모두 1
- ``rms_scale(xs)`` → ``rms_scale``: s = (평균 x² + ε)^(-1/2). ∂s/∂xⱼ = -s³·xⱼ/n
- ``softmax(zs)`` → 출력마다 ``softmax``: pᵢ = e^zᵢ / Σ e^zⱼ. ∂pᵢ/∂zⱼ = pᵢ·(δᵢⱼ - pⱼ)
- ``softmax_cross_entropy(zs, t)`` → ``softmax_ce``: -log softmax(z)[t].
  ∂/∂zⱼ = pⱼ - [j = t] (확률 - 원-핫(one-hot))
- ``linear_cross_entropy(W, xs, t)`` → ``linear_ce``: -log softmax(W·x)[t]. dᵢ = pᵢ - [i = t] 라
  하면 ∂/∂Wᵢⱼ = dᵢ·xⱼ, ∂/∂xⱼ = Σᵢ dᵢ·Wᵢⱼ
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from operator import mul

import numpy as np

from micrograd_kr.engine import Value, make_node
from micrograd_kr.floats import short_repr, to_float

__all__ = [
    "OPS",
    "WeightMatrix",
    "dot",
    "linear",
    "linear_cross_entropy",
    "matvec",
    "rms_scale",
    "rmsnorm",
    "softmax",
    "softmax_cross_entropy",
    "sum_values",
]

#: 이 파일이 만드는 연산 이름들 (규칙은 연산 표 ``ops.py``에)
OPS = ("linear", "dot", "scaled_dot", "sum", "rms_scale", "softmax", "softmax_ce", "linear_ce")


def _values(xs: Iterable[object], who: str) -> tuple[Value, ...]:
    """목록을 Value 튜플로 — 묶은 연산 모두의 규칙 하나:

    - 리스트, 튜플, numpy 배열, 생성기(generator) 무엇이든 (묶은 연산은 입력을 한 번만 읽으므로
      생성기도 안전합니다).
    - 원소는 ``Value``나 숫자(int, float, numpy 수). 숫자는 상수 잎 노드로 감쌉니다 (엔진의
      ``v + 1``처럼). ``True``/``False``, 글자열, None 같은 것은 몇 번째인지 밝힌 TypeError.
    - 빈 목록은 ``ValueError`` (``_not_empty``): 합이 0인 노드는 아무것도 묶지 않습니다.
    """
    if type(xs) is tuple:  # 흔한 경우를 먼저, 빠르게
        values = xs
    elif type(xs) is list:
        values = tuple(xs)
    elif isinstance(xs, (str, bytes)) or not hasattr(xs, "__iter__"):
        raise TypeError(
            f"{who}에는 Value나 숫자의 목록이 와야 합니다. 받은 값: {short_repr(xs)} "
            f"(자료형 {type(xs).__name__})."
        )
    else:
        values = tuple(xs)
    for x in values:
        if type(x) is not Value:
            break
    else:  # 흔한 경우: 모두 Value
        if values:
            return values
    _not_empty(values, who)
    out = []
    for i, x in enumerate(values):
        kind = type(x)
        if kind is Value:
            out.append(x)
        elif kind is float:  # 숫자: 상수 잎 노드 (MLP의 첫 층 입력이 흔한 경우)
            out.append(Value(x))
        elif isinstance(x, Value):
            out.append(x)
        elif isinstance(x, numbers.Real) and kind is not bool:
            out.append(Value(to_float(x, f"{who}의 {i}번 원소")))
        else:
            raise TypeError(
                f"{who}의 {i}번 원소가 Value나 숫자가 아닙니다: {short_repr(x)} "
                f"(자료형(type) {type(x).__name__}). Value 목록을 넘겨 주세요."
            )
    return tuple(out)


def _not_empty(xs: Sequence[object], who: str) -> None:
    if len(xs) == 0:
        raise ValueError(f"{who}: 빈 목록에는 쓸 수 없습니다. Value를 하나 이상 주세요.")


def _value(x: object, who: str) -> Value:
    """Value 하나 (숫자면 상수 잎 노드로). 규칙은 ``_values``와 같습니다."""
    if type(x) is Value or isinstance(x, Value):
        return x
    return _values((x,), who)[0]


def _float_leaf(x: object) -> Value:
    """float 하나를 상수 잎 노드로 (그 밖의 것은 TypeError: 부른 쪽이 _values로 다시 본다)."""
    if type(x) is float:
        return Value(x)
    raise TypeError


def _same_length(a: Sequence[object], b: Sequence[object], who: str) -> None:
    if len(a) != len(b):
        raise ValueError(f"{who}: 두 목록의 길이가 다릅니다 ({len(a)}개와 {len(b)}개).")


# ------------------------------------------------------------- 가중합과 점곱
def linear(
    weights: Sequence[Value | float], inputs: Sequence[Value | float], bias: Value | float
) -> Value:
    """가중합(weighted sum) Σ wᵢ·xᵢ + b를 노드 **하나**로 만듭니다.

    곱셈 노드와 덧셈 노드를 2n 개 만드는 것과 값도 기울기도 같지만 훨씬 빠릅니다.
    국소 미분: ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1 — 곱셈 노드처럼 "서로 바꿔" 곱합니다.
    가중치, 입력, 편향에는 숫자도 됩니다 (상수 잎 노드로 감쌈; 규칙은 ``dot``과 같음).
    """
    # MLP의 뉴런마다 불리는 곳이라 흔한 경우(Value 목록, 첫 층의 float 입력)는 원소를 한 번씩만
    # 본다: 입력은 감싸면서, 가중치는 값을 읽으면서. 그 밖(숫자 가중치, 생성기, 잘못된 원소)은
    # _values가 같은 규칙으로 다시 본다.
    if type(inputs) is not list and type(inputs) is not tuple:
        inputs = _values(inputs, "linear의 입력")
    try:
        xs = [x if type(x) is Value else _float_leaf(x) for x in inputs]
    except TypeError:
        xs = list(_values(inputs, "linear의 입력"))
    try:
        if type(weights[0]) is not Value:  # 숫자·남의 노드가 든 목록은 아래에서 검사
            raise TypeError
        w_data = [w.data for w in weights]
    except (AttributeError, IndexError, KeyError, TypeError):  # 숫자, 빈 목록, 생성기 ...
        weights = _values(weights, "linear의 가중치")
        w_data = [w.data for w in weights]
    _same_length(w_data, xs, "linear의 가중치와 입력")
    _not_empty(xs, "linear의 입력")
    bias = bias if type(bias) is Value else _value(bias, "linear의 편향")
    x_data = [x.data for x in xs]
    total = bias.data
    for w, x in zip(w_data, x_data):
        total += w * x
    return make_node(total, (*weights, *xs, bias), (*x_data, *w_data, 1.0), "linear")


def dot(ws: Sequence[Value], xs: Sequence[Value]) -> Value:
    """점곱(내적, dot product) Σ wᵢ·xᵢ를 노드 하나로 만듭니다.

    곱셈 노드 n 개와 덧셈 노드 n 개로 쓴 ``sum(w * x for w, x in zip(ws, xs))``와 값도 기울기도
    같습니다. 국소 미분은 곱셈 노드처럼 "서로 바꿔" — ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ입니다.

    >>> a, b = Value(2.0), Value(3.0)
    >>> d = dot([a, b], [b, Value(4.0)])      # 2·3 + 3·4
    >>> d.data
    18.0
    """
    ws = _values(ws, "dot의 첫 목록")
    xs = _values(xs, "dot의 둘째 목록")
    _same_length(ws, xs, "dot")
    w_data = tuple([w.data for w in ws])
    x_data = tuple([x.data for x in xs])
    return make_node(sum(map(mul, w_data, x_data)), ws + xs, x_data + w_data, "dot")


def matvec(rows: Sequence[Sequence[Value]], xs: Sequence[Value]) -> list[Value]:
    """편향(bias) 없는 선형 층(linear layer) W·x: 행(row)마다 ``dot`` 노드 하나.

    ``rows``는 출력 뉴런마다 가중치 목록 하나(출력 수 × 입력 수)입니다. microgpt의
    ``linear(x, w)``와 같은 계산입니다. 같은 가중치를 여러 번 쓴다면 ``WeightMatrix``가 더
    빠릅니다.
    """
    xs = _values(xs, "matvec의 입력")
    rows = _rows(rows, "matvec의 가중치")
    x_data = tuple([x.data for x in xs])
    n = len(xs)
    out = []
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ValueError(
                f"matvec: 가중치 {i}번 행의 길이({len(row)})가 입력의 길이({n})와 다릅니다."
            )
        w_data = tuple([w.data for w in row])
        out.append(make_node(sum(map(mul, w_data, x_data)), row + xs, x_data + w_data, "dot"))
    return out


class WeightMatrix:
    """여러 번 곱할 가중치 행렬: ``matvec``과 같은 노드를 더 빨리 만듭니다.

    ``snapshot()``이 가중치의 지금 값을 읽어 두고(numpy 배열과 튜플), 그다음 ``W(xs)``는 행마다
    ``dot`` 노드 하나를 만듭니다. 값은 numpy의 행렬 곱으로 한 번에 계산합니다 (더하는 순서가
    달라 마지막 자리(1e-16 정도)가 ``matvec``과 다를 수 있습니다). 가중치의 값을 바꿨다면
    (예: 옵티마이저의 ``step()`` 뒤) 곱하기 전에 ``snapshot()``을 다시 부르세요.
    """

    def __init__(self, rows: Sequence[Sequence[Value]]) -> None:
        self.rows = _rows(rows, "WeightMatrix")
        if any(len(r) != len(self.rows[0]) for r in self.rows):
            raise ValueError("WeightMatrix의 행들은 길이가 모두 같아야 합니다.")
        self.flat: tuple[Value, ...] | None = None
        self.snapshot()

    def snapshot(self) -> None:
        """가중치의 지금 값을 읽어 둡니다."""
        self.data = [tuple([w.data for w in row]) for row in self.rows]
        self.array = np.array(self.data)

    def after_relu(self, hs: Sequence[Value | None]) -> list[Value]:
        """W·relu(h)를 행마다 ``dot`` 노드 하나로 — ReLU 노드 없이, 살아 있는 입력만으로.

        relu(hⱼ) = 0인 입력(hⱼ ≤ 0)은 값에 0을 보태고, 기울기도 0을 받습니다 (relu의 국소 미분이
        0, Wᵢⱼ의 국소 미분 relu(hⱼ)도 0). 그러니 그 간선은 만들지 않아도 값과 기울기가 같습니다:
        노드는 hⱼ > 0인 j만 입력으로 갖는 점곱 Σⱼ Wᵢⱼ·hⱼ입니다 (보통 절반쯤이 빠짐). 그래프는 이
        점에서의 계산을 기록합니다: hⱼ의 부호가 바뀌는 곳에서는 노드를 새로 만들어야 합니다.
        """
        hs = tuple(hs)
        if len(hs) != len(self.rows[0]):
            raise ValueError(
                f"WeightMatrix: 입력의 길이({len(hs)})가 행의 길이({len(self.rows[0])})와 다릅니다."
            )
        # NaN은 살려 둔다 (감추지 않고 퍼지게): "h > 0이 아님" 대신 "h <= 0"으로 거른다
        alive = [j for j, h in enumerate(hs) if h is not None and not h.data <= 0.0]
        xs = tuple([hs[j] for j in alive])
        x_data = tuple([h.data for h in xs])
        if not alive:  # 모두 죽었다: 출력은 상수 0
            return [Value(0.0) for _ in self.rows]
        totals = (self.array[:, alive] @ np.array(x_data)).tolist()
        out = []
        for total, row, w_data in zip(totals, self.rows, self.data):
            ws = tuple([row[j] for j in alive])
            wd = tuple([w_data[j] for j in alive])
            out.append(make_node(total, ws + xs, x_data + wd, "dot"))
        return out

    def cross_entropy(self, xs: Sequence[Value], target: int) -> Value:
        """``linear_cross_entropy(self.rows, xs, target)``과 같은 노드 (numpy로 계산)."""
        xs = _values(xs, "WeightMatrix의 입력")
        n_out, n_in = self.array.shape
        _check_target(target, n_out, "linear_cross_entropy")
        if len(xs) != n_in:
            raise ValueError(
                f"linear_cross_entropy: 입력의 길이({len(xs)})가 행의 길이({n_in})와 다릅니다."
            )
        x = np.array([v.data for v in xs])
        logits = self.array @ x
        biggest = float(logits.max())
        exps = np.exp(logits - biggest)
        total = float(exps.sum())
        d = exps / total
        d[target] -= 1.0
        loss = biggest + math.log(total) - float(logits[target])
        local = (*np.outer(d, x).ravel().tolist(), *(d @ self.array).tolist())
        if self.flat is None:
            self.flat = tuple(w for row in self.rows for w in row)
        return make_node(loss, self.flat + xs, local, "linear_ce", (target, n_out))

    def __call__(self, xs: Sequence[Value]) -> list[Value]:
        xs = _values(xs, "WeightMatrix의 입력")
        if len(xs) != len(self.rows[0]):
            raise ValueError(
                f"WeightMatrix: 입력의 길이({len(xs)})가 행의 길이({len(self.rows[0])})와 다릅니다."
            )
        x_data = tuple([x.data for x in xs])
        totals = (self.array @ np.array(x_data)).tolist()
        return [
            make_node(total, row + xs, x_data + w_data, "dot")
            for total, row, w_data in zip(totals, self.rows, self.data)
        ]

    def scaled(
        self, xs: Sequence[Value], scale: Value, factor: float = 1.0, relu: bool = False
    ) -> list[Value | None]:
        """c·s·(W·x)를 행마다 ``scaled_dot`` 노드 하나로: s는 Value(예: RMSNorm 배율), c는 숫자.

        RMSNorm 다음의 선형 층 W·(s·x)에서 곱셈 노드 n 개(xⱼ·s)를 만들지 않습니다. 국소 미분:
        ∂/∂Wᵢⱼ = c·s·xⱼ, ∂/∂xⱼ = c·s·Wᵢⱼ, ∂/∂s = c·Σⱼ Wᵢⱼ·xⱼ. 연산의 매개변수(arg)는 c입니다.
        ``relu=True``: 다음에 ReLU가 올 때, 값이 0 이하인 행(ReLU가 0으로 만들어 기울기도 0)은
        노드를 만들지 않고 그 자리에 None을 둡니다. ``after_relu``는 None을 0으로 읽습니다.
        """
        xs = _values(xs, "WeightMatrix의 입력")
        if len(xs) != len(self.rows[0]):
            raise ValueError(
                f"WeightMatrix: 입력의 길이({len(xs)})가 행의 길이({len(self.rows[0])})와 다릅니다."
            )
        if type(scale) is not Value:
            raise TypeError(f"scaled의 scale에는 Value가 와야 합니다. 받은 값: {short_repr(scale)}")
        c = to_float(factor, "scaled의 factor")
        cs = c * scale.data
        x_data = [x.data for x in xs]
        x_local = [cs * x for x in x_data]
        ins = xs + (scale,)
        totals = (self.array @ np.array(x_data)).tolist()
        w_locals = (self.array * cs).tolist()  # 행마다 c·s·Wᵢⱼ 를 한 번에
        return [
            None
            if relu and cs * total <= 0.0
            else make_node(cs * total, row + ins, (*x_local, *w_local, c * total), "scaled_dot", c)
            for total, row, w_local in zip(totals, self.rows, w_locals)
        ]


def sum_values(vs: Sequence[Value]) -> Value:
    """여러 Value의 합 v₀ + v₁ + …을 노드 하나로 (국소 미분은 모두 1).

    파이썬의 ``sum(vs)``는 상수 0에서 시작해 덧셈 노드를 n 개 만듭니다.
    """
    vs = _values(vs, "sum_values")
    total = 0.0
    for v in vs:
        total += v.data
    return make_node(total, vs, (1.0,) * len(vs), "sum")


# ------------------------------------------------------------- RMSNorm
def rms_scale(xs: Sequence[Value], eps: float = 1e-5) -> Value:
    """RMSNorm의 배율(scale) s = (mean(x²) + eps)^(-1/2)를 노드 하나로.

    국소 미분: ∂s/∂xⱼ = -½·(ms + eps)^(-3/2) · 2xⱼ/n = -s³·xⱼ/n.
    """
    return _rms_scale(_values(xs, "rms_scale"), _eps(eps))


def _eps(eps: object) -> float:
    """RMSNorm의 eps: 0보다 큰 유한한 수 (True/False, 글자열, None은 TypeError)."""
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
        raise TypeError(
            f"rms_scale의 eps에는 작은 양수가 와야 합니다 (예: 1e-5). 받은 값: {short_repr(eps)} "
            f"(자료형 {type(eps).__name__})."
        )
    value = to_float(eps, "rms_scale의 eps")
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(
            f"rms_scale의 eps는 0보다 큰 유한한 수여야 합니다 (받은 값: {short_repr(eps)})."
        )
    return value


def _rms_scale(xs: tuple[Value, ...], eps: float) -> Value:
    n = len(xs)
    data = [x.data for x in xs]
    ms = sum(map(mul, data, data)) / n
    s = (ms + eps) ** -0.5
    c = -(s * s * s) / n
    return make_node(s, xs, tuple([c * x for x in data]), "rms_scale", eps)


def rmsnorm(xs: Sequence[Value], eps: float = 1e-5) -> list[Value]:
    """RMSNorm: xᵢ · s. 배율 s는 ``rms_scale`` 노드 하나, 곱은 곱셈 노드 n 개입니다."""
    xs = _values(xs, "rmsnorm")
    s = _rms_scale(xs, _eps(eps))
    return [x * s for x in xs]


# ------------------------------------------------------------- 소프트맥스
def _stable_exps(data: list[float]) -> tuple[list[float], float, float]:
    """exp(zᵢ - max) 들, 그 합, max. 큰 수를 빼서 넘치지(overflow) 않게 한다."""
    biggest = max(data)
    exps = [math.exp(z - biggest) for z in data]
    total = 0.0
    for e in exps:
        total += e
    return exps, total, biggest


def softmax(zs: Sequence[Value]) -> list[Value]:
    """소프트맥스(softmax) pᵢ = exp(zᵢ) / Σ exp(zⱼ): 출력마다 노드 하나.

    출력 pᵢ는 모든 입력에 닿고, 국소 미분은 ∂pᵢ/∂zⱼ = pᵢ·(δᵢⱼ - pⱼ)입니다
    (δᵢⱼ는 i = j이면 1, 아니면 0). 연산의 매개변수(arg)는 출력 번호 i입니다.
    """
    zs = _values(zs, "softmax")
    exps, total, _ = _stable_exps([z.data for z in zs])
    probs = [e / total for e in exps]
    out = []
    for i, p in enumerate(probs):
        local = [-p * q for q in probs]
        local[i] += p
        out.append(make_node(p, zs, tuple(local), "softmax", i))
    return out


def _rows(rows: Iterable[Iterable[object]], who: str) -> list[tuple[Value, ...]]:
    """가중치 행렬: 행(출력 뉴런)마다 ``_values``의 규칙. 행이 하나도 없으면 ValueError."""
    if isinstance(rows, (str, bytes)) or not hasattr(rows, "__iter__"):
        raise TypeError(
            f"{who}에는 행들의 목록(출력 수 × 입력 수)이 와야 합니다. 받은 값: "
            f"{short_repr(rows)} (자료형 {type(rows).__name__})."
        )
    out = []
    for i, row in enumerate(rows):
        if type(row) is tuple:  # 흔한 경우(Value의 튜플)는 함수를 부르지 않고 여기서 본다
            for x in row:
                if type(x) is not Value:
                    break
            else:
                if row:
                    out.append(row)
                    continue
        out.append(_values(row, f"{who} {i}번 행"))
    _not_empty(out, who)
    return out


def _check_target(target: int, n: int, who: str) -> None:
    if isinstance(target, bool) or not isinstance(target, int) or not 0 <= target < n:
        raise ValueError(
            f"{who}: 정답 {short_repr(target)}은(는) 0 이상 {n} 미만의 정수(클래스 번호)여야 "
            "합니다."
        )


def linear_cross_entropy(
    rows: Sequence[Sequence[Value]], xs: Sequence[Value], target: int
) -> Value:
    """선형 층의 로짓 z = W·x와 교차 엔트로피 -log softmax(z)[t]를 노드 하나로.

    GPT의 마지막 층(``lm_head``)과 손실을 묶습니다. 로짓 노드를 만들지 않으므로, 입력 x 쪽
    간선이 출력 수 × 입력 수에서 입력 수로 줍니다. dᵢ = pᵢ - [i = t] 라 하면 국소 미분은
    ∂/∂Wᵢⱼ = dᵢ·xⱼ (곱셈처럼 상대 값), ∂/∂xⱼ = Σᵢ dᵢ·Wᵢⱼ. 연산의 매개변수(arg)는
    ``(정답 번호, 출력 수)``입니다. 입력은 W의 행들을 차례로 편 것 다음에 x입니다.
    """
    xs = _values(xs, "linear_cross_entropy의 입력")
    rows = _rows(rows, "linear_cross_entropy의 가중치")
    _check_target(target, len(rows), "linear_cross_entropy")
    n = len(xs)
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ValueError(
                f"linear_cross_entropy: 가중치 {i}번 행의 길이({len(row)})가 입력의 "
                f"길이({n})와 다릅니다."
            )
    x_data = [x.data for x in xs]
    w_data = [[w.data for w in row] for row in rows]
    logits = [sum(map(mul, wd, x_data)) for wd in w_data]
    exps, total, biggest = _stable_exps(logits)
    loss = biggest + math.log(total) - logits[target]
    d = [e / total for e in exps]
    d[target] -= 1.0
    w_local = [di * xj for di in d for xj in x_data]
    x_local = [sum(d[i] * w_data[i][j] for i in range(len(rows))) for j in range(n)]
    inputs = tuple(w for row in rows for w in row) + xs
    return make_node(loss, inputs, (*w_local, *x_local), "linear_ce", (target, len(rows)))


def softmax_cross_entropy(logits: Sequence[Value], target: int) -> Value:
    """교차 엔트로피(cross-entropy) -log softmax(z)[t]를 노드 하나로.

    국소 미분은 확률에서 원-핫(one-hot)을 뺀 것: ∂/∂zⱼ = pⱼ - [j = t].
    log-sum-exp로 계산하므로 아주 큰 로짓(logit)에서도 넘치지 않습니다.
    연산의 매개변수(arg)는 정답 번호 t입니다.
    """
    zs = _values(logits, "softmax_cross_entropy")
    _check_target(target, len(zs), "softmax_cross_entropy")
    data = [z.data for z in zs]
    exps, total, biggest = _stable_exps(data)
    loss = biggest + math.log(total) - data[target]
    local = [e / total for e in exps]
    local[target] -= 1.0
    return make_node(loss, zs, tuple(local), "softmax_ce", target)
