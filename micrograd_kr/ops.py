"""연산 표(op table): 연산이 **무엇인지**를 적은 단 한 곳.

연산마다 이름, 그림의 기호, 한국어 이름과 국소 미분(local derivative)의 규칙(말과 식),
국소 미분을 float로 구하는 규칙, ``Value``로 구하는 규칙(다시 미분하는 ``create_graph`` 용),
그리고 역전파 탐험기(explorer)가 브라우저에서 다시 계산할 자바스크립트 규칙이 있습니다.

- 엔진(``engine.py``)은 연산을 만들 때 국소 미분을 제 줄에 직접 씁니다 (빠르게, 읽기 좋게).
  이 표의 float 규칙이 그 값과 같은지는 시험(tests/test_ops.py)이 연산마다 확인합니다.
- 그림, 걸음 설명, 탐험기, 고계 미분(``autodiff``)은 모두 이 표를 읽습니다.
  그래서 새 연산은 엔진과 이 표, 두 곳만 고치면 됩니다.

노드는 공개 그래프 API 로만 읽습니다: ``node.inputs``, ``node.local_grads``, ``node.op``,
``node.arg``, ``node.data``. 이 파일은 ``Value``를 불러오지 않습니다.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["OPS", "Op", "lookup", "op_key", "symbol_of"]

Local = Any  # 국소 미분 하나: float, 또는 (create_graph에서) Value


@dataclass(frozen=True)
class Op:
    """연산 하나의 모든 것.

    - ``name``: 엔진이 기록하는 연산 이름 (``"*"``, ``"exp"``). 숫자 지수는 ``"**k"``.
    - ``symbol``: 그림의 원 안에 쓰는 기호 (``"×"``).
    - ``word``: 한국어 이름 (``"곱셈"``).
    - ``rule``: 국소 미분의 규칙을 말로 (``"상대 입력의 값"``).
    - ``formulas``: 입력마다 국소 미분의 식 (글로 보여 줄 때). ``x``는 입력, ``y``는 출력.
    - ``local``: ``(입력값들, 출력값, 매개변수) → 국소 미분들`` (float).
    - ``value_rule``: ``노드 → 국소 미분들`` (입력 ``Value`` 들의 식이라 다시 미분할 수 있다).
    - ``js``: 탐험기의 규칙 ``function (x, arg, n, v) { return [출력, [국소 미분들]]; }``.
      ``x``는 입력값 배열, ``arg``는 매개변수, ``n``·``v``는 오류 글에 쓰는 노드와 값들.
    """

    name: str
    symbol: str
    word: str
    rule: str
    formulas: tuple[str, ...]
    local: Callable[[Sequence[float], float, Any], tuple[float, ...]]
    value_rule: Callable[[Any], tuple[Local, ...]]
    js: str


def _recorded(node: Any) -> tuple[Local, ...]:
    """조각마다 상수인 미분(relu, leaky_relu): 엔진이 기록한 float가 그대로 정확하다."""
    return node.local_grads


def _pow_number_value(node: Any) -> tuple[Local, ...]:
    (x,) = node.inputs
    k = node.arg
    if k == 0.0 or (x.data == 0.0 and k < 1.0):
        return node.local_grads  # 0, 또는 0에서 무한대인 기울기: 식으로 쓸 수 없으니 기록값
    return (k * x ** (k - 1),)


def _pow_value_value(node: Any) -> tuple[Local, ...]:
    a, b = node.inputs
    if a.data == 0.0 and b.data < 1.0:
        d_base: Local = node.local_grads[0]  # 0의 1 미만 거듭제곱: 엔진의 기록값
    else:
        d_base = b * a ** (b - 1)
    d_exp: Local = node * a.log() if a.data > 0.0 else 0.0  # a = 0이면 극한값 0
    return (d_base, d_exp)


def _pow_number_local(x: Sequence[float], y: float, k: float) -> tuple[float, ...]:
    if k == 0.0:
        return (0.0,)
    if x[0] == 0.0 and k < 1.0:
        return (math.inf,)
    return (k * x[0] ** (k - 1.0),)


def _pow_value_local(x: Sequence[float], y: float, arg: Any) -> tuple[float, ...]:
    a, b = x
    if b == 0.0:
        d_base = 0.0
    elif a == 0.0 and b < 1.0:
        d_base = math.inf
    else:
        d_base = b * a ** (b - 1.0)
    return (d_base, y * math.log(a) if a > 0.0 else 0.0)


def _elu_value(node: Any) -> tuple[Local, ...]:
    (x,) = node.inputs
    if x.data > 0.0:
        return (1.0,)
    return (node + node.arg,)  # x ≤ 0: d/dx α(eˣ - 1) = α·eˣ = 출력 + α


def _linear_local(x: Sequence[float], y: float, arg: Any) -> tuple[float, ...]:
    n = (len(x) - 1) // 2
    return (*x[n : 2 * n], *x[:n], 1.0)


def _linear_value(node: Any) -> tuple[Local, ...]:
    n = (len(node.inputs) - 1) // 2
    ws, xs = node.inputs[:n], node.inputs[n : 2 * n]
    return (*xs, *ws, 1.0)  # ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1


# ------------------------------------------------ 묶은 연산(fused.py)의 규칙
def _dot_local(x: Sequence[float], y: float, arg: Any) -> tuple[float, ...]:
    n = len(x) // 2
    return (*x[n:], *x[:n])


def _dot_value(node: Any) -> tuple[Local, ...]:
    n = len(node.inputs) // 2
    return (*node.inputs[n:], *node.inputs[:n])  # ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ


def _scaled_dot_local(x: Sequence[float], y: float, c: Any) -> tuple[float, ...]:
    n = (len(x) - 1) // 2
    cs = c * x[-1]
    total = sum(w * xi for w, xi in zip(x[:n], x[n : 2 * n]))
    return (*[cs * xi for xi in x[n : 2 * n]], *[cs * w for w in x[:n]], c * total)


def _scaled_dot_value(node: Any) -> tuple[Local, ...]:
    x = node.inputs
    n = (len(x) - 1) // 2
    ws, xs, s = x[:n], x[n : 2 * n], x[-1]
    c = node.arg
    cs = s * c
    total = ws[0] * xs[0]
    for w, xi in zip(ws[1:], xs[1:]):
        total = total + w * xi
    return (*[cs * xi for xi in xs], *[cs * w for w in ws], total * c)


def _rms_scale_local(x: Sequence[float], y: float, eps: Any) -> tuple[float, ...]:
    c = -(y * y * y) / len(x)
    return tuple(c * xi for xi in x)


def _rms_scale_value(node: Any) -> tuple[Local, ...]:
    c = node**3 * (-1.0 / len(node.inputs))  # -s³/n (s는 이 노드 자신)
    return tuple(c * x for x in node.inputs)


def _float_probs(x: Sequence[float]) -> list[float]:
    """소프트맥스 확률: 가장 큰 값을 빼서 넘치지 않게 (엔진의 fused.softmax와 같은 순서)."""
    biggest = max(x)
    exps = [math.exp(z - biggest) for z in x]
    total = 0.0
    for e in exps:
        total += e
    return [e / total for e in exps]


def _value_probs(zs: Sequence[Any]) -> list[Any]:
    """소프트맥스를 Value 연산으로 (다시 미분할 수 있게)."""
    biggest = max(z.data for z in zs)
    exps = [(z - biggest).exp() for z in zs]
    total = exps[0]
    for e in exps[1:]:
        total = total + e
    return [e / total for e in exps]


def _softmax_local(x: Sequence[float], y: float, i: Any) -> tuple[float, ...]:
    probs = _float_probs(x)
    p = probs[i]
    local = [-p * q for q in probs]
    local[i] += p
    return tuple(local)


def _softmax_value(node: Any) -> tuple[Local, ...]:
    i = node.arg
    probs = _value_probs(node.inputs)
    return tuple(node * ((1.0 if j == i else 0.0) - p) for j, p in enumerate(probs))


def _softmax_ce_local(x: Sequence[float], y: float, t: Any) -> tuple[float, ...]:
    local = _float_probs(x)
    local[t] -= 1.0
    return tuple(local)


def _softmax_ce_value(node: Any) -> tuple[Local, ...]:
    t = node.arg
    probs = _value_probs(node.inputs)
    return tuple(p - 1.0 if j == t else p for j, p in enumerate(probs))


def _linear_ce_local(x: Sequence[float], y: float, arg: Any) -> tuple[float, ...]:
    t, n_out = arg
    n_in = len(x) // (n_out + 1)
    w = [x[i * n_in : (i + 1) * n_in] for i in range(n_out)]
    xs = x[n_out * n_in :]
    d = _float_probs([sum(wi * xi for wi, xi in zip(row, xs)) for row in w])
    d[t] -= 1.0
    x_local = [sum(d[i] * w[i][j] for i in range(n_out)) for j in range(n_in)]
    return (*[di * xj for di in d for xj in xs], *x_local)


def _linear_ce_value(node: Any) -> tuple[Local, ...]:
    t, n_out = node.arg
    x = node.inputs
    n_in = len(x) // (n_out + 1)
    w = [x[i * n_in : (i + 1) * n_in] for i in range(n_out)]
    xs = x[n_out * n_in :]
    logits = []
    for row in w:
        z = row[0] * xs[0]
        for wi, xi in zip(row[1:], xs[1:]):
            z = z + wi * xi
        logits.append(z)
    d = [p - 1.0 if i == t else p for i, p in enumerate(_value_probs(logits))]
    x_local = []
    for j in range(n_in):
        g = d[0] * w[0][j]
        for i in range(1, n_out):
            g = g + d[i] * w[i][j]
        x_local.append(g)
    return (*[di * xj for di in d for xj in xs], *x_local)


_JS_PROBS = (
    "      var big = Math.max.apply(null, x), total = 0, p = [];\n"
    "      for (var i = 0; i < x.length; i++) { p.push(Math.exp(x[i] - big)); total += p[i]; }\n"
    "      for (i = 0; i < x.length; i++) p[i] /= total;\n"
)


# fmt: off
_TABLE = (
    Op(
        "+", "+", "덧셈", "두 입력 모두 1 — 상류 기울기를 그대로 흘려보낸다", ("1", "1"),
        lambda x, y, a: (1.0, 1.0),
        lambda n: (1.0, 1.0),
        "function (x) { return [x[0] + x[1], [1, 1]]; }",
    ),
    Op(
        "-", "-", "뺄셈", "앞 입력은 1, 뒤 입력은 -1", ("1", "-1"),
        lambda x, y, a: (1.0, -1.0),
        lambda n: (1.0, -1.0),
        "function (x) { return [x[0] - x[1], [1, -1]]; }",
    ),
    Op(
        "*", "×", "곱셈", "상대 입력의 값 — 입력을 바꿔 곱한다", ("x₂", "x₁"),
        lambda x, y, a: (x[1], x[0]),
        lambda n: (n.inputs[1], n.inputs[0]),
        "function (x) { return [x[0] * x[1], [x[1], x[0]]]; }",
    ),
    Op(
        "/", "÷", "나눗셈", "나뉘는 수로는 1/x₂, 나누는 수로는 -x₁/x₂²", ("1/x₂", "-x₁/x₂²"),
        lambda x, y, a: (1.0 / x[1], -(x[0] / x[1]) / x[1]),
        lambda n: (1 / n.inputs[1], -n.inputs[0] / n.inputs[1] ** 2),
        "function (x, arg, n, v) {\n"
        "      if (x[1] === 0) {\n"
        '        throw new DomainError("0으로 나눌 수 없습니다: " + fmt(x[0]) + " / " +\n'
        "          fmt(x[1]) +\n"
        '          " (나누는 값 " + josa(quoted(n.prev[1], v), "이", "가") + " 0입니다). '
        '나누는 값을 0이 아닌 수로 바꾸세요.");\n'
        "      }\n"
        "      return [x[0] / x[1], [1 / x[1], -(x[0] / x[1]) / x[1]]];\n"
        "    }",
    ),
    Op(
        "**k", "**k", "거듭제곱", "지수 k를 앞으로 내리고 지수를 1 줄인다: k·x^(k-1)",
        ("k·x^(k-1)",),
        _pow_number_local,
        _pow_number_value,
        "function (x, k, n, v) {\n"
        "      checkPow(x[0], k, n.prev[0], v);\n"
        "      var local;\n"
        "      if (k === 0) local = 0;\n"
        "      else if (x[0] === 0 && k < 1) local = Infinity;\n"
        "      else local = k * Math.pow(x[0], k - 1);\n"
        "      return [Math.pow(x[0], k), [local]];\n"
        "    }",
    ),
    Op(
        "**", "**", "거듭제곱(Value 지수)", "밑으로는 x₂·x₁^(x₂-1), 지수로는 출력 × ln x₁",
        ("x₂·x₁^(x₂-1)", "y·ln x₁"),
        _pow_value_local,
        _pow_value_value,
        "function (x, arg, n, v) {\n"
        "      var a = x[0], b = x[1];\n"
        "      checkPow(a, b, n.prev[0], v);\n"
        "      if (a < 0) {\n"
        '        throw new DomainError("음수 밑 " + quoted(n.prev[0], v) + "(" + fmt(a) + ")에 '
        'Value 지수를 " +\n'
        '          "쓰면 지수에 대한 미분 a^b·ln(a)가 실수가 아닙니다. 밑을 양수로 바꾸세요.");\n'
        "      }\n"
        "      var out = Math.pow(a, b);\n"
        "      var dBase;\n"
        "      if (b === 0) dBase = 0;\n"
        "      else if (a === 0 && b < 1) dBase = Infinity;\n"
        "      else dBase = b * Math.pow(a, b - 1);\n"
        "      return [out, [dBase, a > 0 ? out * Math.log(a) : 0]];\n"
        "    }",
    ),
    Op(
        "neg", "-x", "부호 바꾸기", "언제나 -1", ("-1",),
        lambda x, y, a: (-1.0,),
        lambda n: (-1.0,),
        "function (x) { return [-x[0], [-1]]; }",
    ),
    Op(
        "exp", "exp", "지수 함수", "출력 자신 — eˣ의 미분은 eˣ", ("y",),
        lambda x, y, a: (y,),
        lambda n: (n,),
        "function (x) { var o = Math.exp(x[0]); return [o, [o]]; }",
    ),
    Op(
        "log", "log", "자연로그", "입력의 역수 1/x", ("1/x",),
        lambda x, y, a: (1.0 / x[0],),
        lambda n: (1 / n.inputs[0],),
        "function (x, arg, n, v) {\n"
        "      if (x[0] <= 0) {\n"
        '        throw new DomainError("log는 양수에서만 정의됩니다: " + quoted(n.prev[0], v) + '
        '"의 값이 " +\n'
        '          fmt(x[0]) + "입니다. 입력을 양수로 바꾸세요.");\n'
        "      }\n"
        "      return [Math.log(x[0]), [1 / x[0]]];\n"
        "    }",
    ),
    Op(
        "tanh", "tanh", "쌍곡탄젠트", "1 - 출력²", ("1 - y²",),
        lambda x, y, a: (1.0 - y * y,),
        lambda n: (1 - n**2,),
        "function (x) { var t = Math.tanh(x[0]); return [t, [1 - t * t]]; }",
    ),
    Op(
        "sigmoid", "σ", "시그모이드", "출력 × (1 - 출력)", ("y·(1 - y)",),
        lambda x, y, a: (y * (1.0 - y),),
        lambda n: (n * (1 - n),),
        "function (x) {\n"
        "      var s;\n"
        "      if (x[0] >= 0) s = 1 / (1 + Math.exp(-x[0]));\n"
        "      else { var e = Math.exp(x[0]); s = e / (1 + e); }\n"
        "      return [s, [s * (1 - s)]];\n"
        "    }",
    ),
    Op(
        "relu", "ReLU", "ReLU", "입력이 0보다 크면 1, 아니면 0", ("1 (x > 0) / 0",),
        lambda x, y, a: ((1.0,) if x[0] > 0.0 else (x[0],) if x[0] != x[0] else (0.0,)),
        _recorded,
        "function (x) {\n"
        "      if (x[0] !== x[0]) { return [x[0], [x[0]]]; }  // NaN은 NaN 그대로\n"
        "      return x[0] > 0 ? [x[0], [1]] : [0, [0]];\n"
        "    }",
    ),
    Op(
        "leaky_relu", "Leaky\nReLU", "Leaky ReLU", "입력이 0보다 크면 1, 아니면 α",
        ("1 (x > 0) / α",),
        lambda x, y, a: (1.0,) if x[0] > 0.0 else (a,),
        _recorded,
        "function (x, a) { return x[0] > 0 ? [x[0], [1]] : [a * x[0], [a]]; }",
    ),
    Op(
        "elu", "ELU", "ELU", "입력이 0보다 크면 1, 아니면 α·eˣ (= 출력 + α)",
        ("1 (x > 0) / α·eˣ",),
        lambda x, y, a: (1.0,) if x[0] > 0.0 else (a * math.exp(x[0]),),
        _elu_value,
        "function (x, a) {\n"
        "      return x[0] > 0 ? [x[0], [1]] : [a * Math.expm1(x[0]), [a * Math.exp(x[0])]];\n"
        "    }",
    ),
    Op(
        "linear", "Σ", "가중합", "wᵢ로는 xᵢ, xᵢ로는 wᵢ, b로는 1 — 곱셈처럼 서로 바꿔 곱한다",
        ("xᵢ", "wᵢ", "1"),
        _linear_local,
        _linear_value,
        "function (x) { // Σ wᵢ·xᵢ + b: 입력은 (w..., x..., b)\n"
        "      var m = (x.length - 1) / 2;\n"
        "      var total = x[x.length - 1];\n"
        "      for (var i = 0; i < m; i++) total += x[i] * x[m + i];\n"
        "      return [total, x.slice(m, 2 * m).concat(x.slice(0, m), [1])];\n"
        "    }",
    ),
    Op(
        "dot", "w·x", "점곱", "wᵢ로는 xᵢ, xᵢ로는 wᵢ — 곱셈처럼 서로 바꿔 곱한다", ("xᵢ", "wᵢ"),
        _dot_local,
        _dot_value,
        "function (x) { // Σ wᵢ·xᵢ: 입력은 (w..., x...)\n"
        "      var m = x.length / 2, total = 0;\n"
        "      for (var i = 0; i < m; i++) total += x[i] * x[m + i];\n"
        "      return [total, x.slice(m).concat(x.slice(0, m))];\n"
        "    }",
    ),
    Op(
        "scaled_dot", "c·s·(w·x)", "배율 곱한 점곱",
        "wᵢ로는 c·s·xᵢ, xᵢ로는 c·s·wᵢ, 배율 s로는 c·Σ wᵢ·xᵢ", ("c·s·xᵢ", "c·s·wᵢ", "c·Σwx"),
        _scaled_dot_local,
        _scaled_dot_value,
        "function (x, c) { // c·s·Σ wᵢ·xᵢ: 입력은 (w..., x..., s)\n"
        "      var m = (x.length - 1) / 2, s = x[x.length - 1], total = 0, local = [], i;\n"
        "      for (i = 0; i < m; i++) total += x[i] * x[m + i];\n"
        "      for (i = 0; i < m; i++) local.push(c * s * x[m + i]);\n"
        "      for (i = 0; i < m; i++) local.push(c * s * x[i]);\n"
        "      local.push(c * total);\n"
        "      return [c * s * total, local];\n"
        "    }",
    ),
    Op(
        "sum", "+…", "합", "모든 입력에 1 — 상류 기울기를 그대로 나눠 준다", ("1",),
        lambda x, y, a: (1.0,) * len(x),
        lambda n: (1.0,) * len(n.inputs),
        "function (x) {\n"
        "      var total = 0, ones = [];\n"
        "      for (var i = 0; i < x.length; i++) { total += x[i]; ones.push(1); }\n"
        "      return [total, ones];\n"
        "    }",
    ),
    Op(
        "rms_scale", "rms⁻¹", "RMS 배율", "-출력³ × 입력 ÷ 입력 수: -s³·xⱼ/n",
        ("-y³·xⱼ/n",),
        _rms_scale_local,
        _rms_scale_value,
        "function (x, eps) { // s = (mean(x²) + eps)^(-1/2)\n"
        "      var ms = 0;\n"
        "      for (var i = 0; i < x.length; i++) ms += x[i] * x[i];\n"
        "      var s = Math.pow(ms / x.length + eps, -0.5), c = -(s * s * s) / x.length;\n"
        "      return [s, x.map(function (xi) { return c * xi; })];\n"
        "    }",
    ),
    Op(
        "softmax", "softmax", "소프트맥스",
        "pᵢ·(δᵢⱼ - pⱼ): 자기 자리는 pᵢ(1 - pᵢ), 다른 자리는 -pᵢpⱼ",
        ("pᵢ(δᵢⱼ - pⱼ)",),
        _softmax_local,
        _softmax_value,
        "function (x, k) { // 출력 번호 k의 확률 p_k\n"
        + _JS_PROBS
        + "      var local = p.map(function (q) { return -p[k] * q; });\n"
        "      local[k] += p[k];\n"
        "      return [p[k], local];\n"
        "    }",
    ),
    Op(
        "softmax_ce", "CE", "소프트맥스 교차 엔트로피", "확률 - 원-핫(one-hot): pⱼ - [j = t]",
        ("pⱼ - [j = t]",),
        _softmax_ce_local,
        _softmax_ce_value,
        "function (x, t) { // -log softmax(x)[t], t는 정답 번호\n"
        + _JS_PROBS
        + "      var local = p.slice();\n"
        "      local[t] -= 1;\n"
        "      var big = Math.max.apply(null, x), total = 0;\n"
        "      for (i = 0; i < x.length; i++) total += Math.exp(x[i] - big);\n"
        "      return [big + Math.log(total) - x[t], local];\n"
        "    }",
    ),
    Op(
        "linear_ce", "W·x→CE", "선형 층 + 교차 엔트로피",
        "dᵢ = pᵢ - [i = t] 라 하면 Wᵢⱼ로는 dᵢ·xⱼ, xⱼ로는 Σᵢ dᵢ·Wᵢⱼ",
        ("dᵢ·xⱼ", "Σᵢ dᵢ·Wᵢⱼ"),
        _linear_ce_local,
        _linear_ce_value,
        "function (x, arg) { // -log softmax(W·x)[t], 입력 (W의 행들, x), arg = [t, 출력 수]\n"
        "      var t = arg[0], m = arg[1], n = x.length / (m + 1), xs = x.slice(m * n);\n"
        "      var z = [], i, j;\n"
        "      for (i = 0; i < m; i++) {\n"
        "        var s = 0;\n"
        "        for (j = 0; j < n; j++) s += x[i * n + j] * xs[j];\n"
        "        z.push(s);\n"
        "      }\n"
        "      var big = Math.max.apply(null, z), total = 0, d = [];\n"
        "      for (i = 0; i < m; i++) { d.push(Math.exp(z[i] - big)); total += d[i]; }\n"
        "      for (i = 0; i < m; i++) d[i] /= total;\n"
        "      d[t] -= 1;\n"
        "      var local = [];\n"
        "      for (i = 0; i < m; i++) for (j = 0; j < n; j++) local.push(d[i] * xs[j]);\n"
        "      for (j = 0; j < n; j++) {\n"
        "        var g = 0;\n"
        "        for (i = 0; i < m; i++) g += d[i] * x[i * n + j];\n"
        "        local.push(g);\n"
        "      }\n"
        "      return [big + Math.log(total) - z[t], local];\n"
        "    }",
    ),
)
# fmt: on

OPS: dict[str, Op] = {op.name: op for op in _TABLE}


def op_key(name: str) -> str:
    """엔진이 기록한 연산 이름 → 표의 열쇠. 숫자 지수 ``"**2"``, ``"**0.5"``는 ``"**k"``."""
    return "**k" if name.startswith("**") and name != "**" else name


def lookup(name: str) -> Op | None:
    """연산 이름으로 표의 칸을 찾습니다 (모르는 연산이면 None)."""
    return OPS.get(op_key(name))


def symbol_of(name: str) -> str:
    """그림에 쓰는 연산 기호. 숫자 지수는 ``"**2"`` 그대로, 모르는 연산은 이름 그대로."""
    if op_key(name) == "**k":
        return name
    op = OPS.get(name)
    return op.symbol if op is not None else name


def js_table() -> str:
    """탐험기의 ``var OPS = {...};`` 자바스크립트: 표의 ``js`` 규칙을 모은 것."""
    entries = ",\n".join(f"    {json.dumps(op.name)}: {op.js}" for op in _TABLE)
    return "var OPS = {\n" + entries + "\n  };"
