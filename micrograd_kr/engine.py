"""스칼라 자동 미분 엔진: ``Value``와 역전파(backpropagation). 핵심은 세 가지입니다.

1. 연산(operation)이 새 노드를 만들 때 그 노드의 **국소 미분(local derivative)**, 곧 출력을
   각 입력으로 미분한 값을 함께 기록합니다. 덧셈은 1과 1, 곱셈은 서로의 값("곱셈 노드는 입력을
   바꿔 곱한다"), exp는 출력 자신, ...
2. ``backward()``는 계산 그래프(computational graph)를 위상 정렬(topological sort)하고 거꾸로
   한 번 훑으며 연쇄법칙(chain rule)을 적용합니다: ``입력.grad += 국소 미분 × 노드.grad``.
3. 노드 하나는 객체 하나: 입력 a, b와 국소 미분 da, db를 칸(slot)에 나란히 둡니다 (입력이 셋
   이상인 묶은 노드(fused node)만 튜플 두 개). 그래서 쓰레기 수집기(GC)가 훑을 것이 적고, 참조
   순환(reference cycle)이 없어 다 쓴 그래프는 참조 카운팅(reference counting)만으로 사라집니다.

이웃 파일: ``ops.py`` 연산 표, ``modes.py`` no_grad·이상 탐지, ``floats.py`` 숫자, ``fused.py``.
"""

from __future__ import annotations

import math
from itertools import filterfalse
from typing import Any

from micrograd_kr import floats, modes


# ------------------------------------------------------- 역전파의 두 부품
def reverse_pass(order: list[Value], grads: dict[Value, float] | None = None) -> None:
    """연쇄법칙: ``order``의 역순으로 노드마다 기울기를 입력들에게 나눠 줍니다. ``grads``
    사전(dict)을 주면 ``grad`` 대신 거기에 더합니다 (``grad()``, 노드 한 개씩 그리는 그림)."""
    if grads is not None:
        for node in reversed(order):
            g = grads[node]
            for child, local in zip(node.inputs, node.local_grads):
                grads[child] += local * g
        return
    for node in reversed(order):
        g = node.grad
        a = node._a
        if a is not None:  # 입력이 하나나 둘인 노드: 상류 기울기 × 국소 미분
            a.grad += node._da * g
            b = node._b
            if b is not None:
                b.grad += node._db * g
        elif node._many is not None:  # 입력이 많은 묶은 노드도 같은 규칙
            for child, local in zip(*node._many):
                child.grad += local * g


def topological_order(root: Value) -> list[Value]:
    """root가 의존하는 모든 노드를 입력이 먼저 오도록 정렬해 돌려줍니다. 재귀(recursion) 대신
    스택(stack)이라 노드가 백만 개여도 됩니다. 순서는 재귀로 쓴 깊이 우선 탐색(depth-first search)과
    같습니다: ``path``는 재귀의 호출 스택, ``None``은 "path 맨 위 노드의 입력을 다 처리했다"."""
    floats.require_type(root, Value, "topological_order에는 계산한 결과 Value를 넘기세요.")
    order: list[Value] = []
    path: list[Value] = []
    visited: set[Value] = set()
    stack: list[Value | None] = [root]
    while True:  # `while stack:`처럼 쓰면 파이썬 3.11은 이 반복문을 특수화(specialize)하지 않는다
        if not stack:
            return order
        node = stack.pop()
        if node is None:  # 입력을 모두 처리했으니 자신을 넣는다 (후위 순서(post-order))
            order.append(path.pop())
        elif node not in visited:
            visited.add(node)
            a = node._a
            if a is not None:  # 입력이 하나나 둘: 입력들을 먼저 (b가 스택 위라 먼저 나온다)
                path.append(node)
                stack.append(None)
                if a not in visited:
                    stack.append(a)
                b = node._b
                if b is not None and b not in visited:
                    stack.append(b)
            elif node._many is not None:  # 입력이 많은 묶은 노드
                path.append(node)
                stack.append(None)
                stack.extend(filterfalse(visited.__contains__, node._many[0]))
            else:  # 잎 노드: 기다릴 입력이 없으니 바로 넣는다
                order.append(node)


class Value:
    """계산 그래프의 노드 하나: 스칼라 값(data)과 기울기(grad).

    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> (a * b + a).backward()
    >>> a.grad, b.grad          # ∂/∂a = b + 1, ∂/∂b = a
    (-2.0, 2.0)
    """

    __slots__ = ("data", "grad", "label", "_op", "_arg", "_a", "_da", "_b", "_db", "_many")
    __array_ufunc__ = None  # numpy 배열과 섞이면 원소별로 쪼개지 말고 Value의 연산을 쓴다

    def __init__(self, data: Any, label: str = "") -> None:
        self.data = data if type(data) is float else floats.to_float(data, "Value(data)")
        self.grad, self.label = 0.0, str(label)
        self._op, self._arg = "", None  # 연산 이름과 매개변수 (x**k의 k; 잎(leaf) 노드는 "")
        self._a, self._da = None, 0.0  # 첫째 입력과 그 국소 미분 ∂(이 노드)/∂a
        self._b, self._db = None, 0.0  # 둘째 입력과 ∂(이 노드)/∂b (단항 연산이면 None)
        self._many = None  # 입력이 셋 이상인 묶은 노드: (입력들, 국소 미분들)

    # 그래프 읽기 (공개, 읽기 전용): 그림·탐험기·고계 미분은 이 넷으로만 노드를 읽는다
    @property
    def inputs(self) -> tuple[Value, ...]:
        """이 노드를 만든 연산의 입력 노드들. 잎(leaf) 노드는 ``()``."""
        if self._a is not None:
            return (self._a,) if self._b is None else (self._a, self._b)
        return () if self._many is None else self._many[0]

    _prev = inputs  # micrograd의 이름: karpathy의 draw_dot 같은 코드도 그대로 돈다

    @property
    def local_grads(self) -> tuple[float, ...]:
        """입력마다 국소 미분 ∂(이 노드)/∂(입력), ``inputs``와 같은 순서."""
        if self._a is not None:
            return (self._da,) if self._b is None else (self._da, self._db)
        return () if self._many is None else self._many[1]

    @property
    def op(self) -> str:
        """연산 이름 (``"+"``, ``"*"``, ``"**2"``, ``"exp"``; 잎은 ``""``)."""
        return self._op

    @property
    def arg(self) -> Any:
        """연산의 매개변수 (``x**k``의 k, ``elu``의 alpha). 없으면 None."""
        return self._arg

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{label})"

    def __float__(self) -> float:
        return self.data

    # ---------------------------------------------------- 가장 중요한 두 연산
    def __add__(self, other: Value | float) -> Value:
        other = other if type(other) is Value else as_value(other, "+")
        # 덧셈 노드: 국소 미분은 둘 다 1 — 상류 기울기를 그대로 흘려보낸다
        return _node(self.data + other.data, "+", self, 1.0, other, 1.0)

    def __mul__(self, other: Value | float) -> Value:
        other = other if type(other) is Value else as_value(other, "*")
        # 곱셈 노드: 국소 미분은 서로의 값 — 입력을 바꿔 곱한다
        return _node(self.data * other.data, "*", self, other.data, other, self.data)

    # ------------------------------------------------------------ 역전파
    def backward(self, order: list[Value] | None = None) -> None:
        """출력의 기울기 1(dL/dL)에서 시작해 모든 조상 노드의 ``grad``를 채웁니다. 여러 번 쓰인
        노드는 기울기가 더해집니다(누적). 잎 노드(매개변수처럼 입력이 없는 노드)의 ``grad``는 부를
        때마다 쌓이므로 (PyTorch와 같음) 학습에서는 매 단계 ``zero_grad()``를 먼저 부릅니다.
        ``order``: 만든 순서대로 적은 노드 목록(테이프(tape), 끝이 이 노드)이 있으면 위상 정렬 대신
        씁니다. 빠진 중간 노드나 뒤바뀐 순서는 기울기를 틀리게 하므로 확인해 오류로 알립니다."""
        modes.require_graph(self, "backward()")
        order = topological_order(self) if order is None else modes.check_tape(order, self, Value)
        for node in order:  # 중간 노드는 이번 역전파에서 받은 기울기만 담도록 0에서 시작
            if node._a is not None or node._many is not None:
                node.grad = 0.0
        self.grad += 1.0
        reverse_pass(order)
        if modes.open_blocks and modes.is_anomaly_enabled():
            modes.check_backward(order)

    # ------------------------------------------------------- 나머지 연산
    def __sub__(self, other: Value | float) -> Value:
        other = other if type(other) is Value else as_value(other, "-")
        return _node(self.data - other.data, "-", self, 1.0, other, -1.0)

    def __truediv__(self, other: Value | float) -> Value:
        other = other if type(other) is Value else as_value(other, "/")
        a, b = self.data, other.data
        floats.check_divisor(a, b, other)
        return _node(a / b, "/", self, 1.0 / b, other, -(a / b) / b)  # 1/b, -a/b²

    def __pow__(self, other: Value | float) -> Value:
        x = self.data
        if isinstance(other, Value):  # 지수도 Value: ∂/∂k = x^k·ln x (∂/∂x는 아래와 같음)
            k = other.data
            if x != x or k != k:  # NaN이 끼면 결과도 NaN (1 ** nan = 1처럼 감추지 않는다)
                return _node(math.nan, "**", self, math.nan, other, math.nan)
            floats.check_pow_domain(x, k, self, exponent_is_value=True)
            out = floats.float_pow(x, k)
            d_exp = out * math.log(x) if x > 0.0 else 0.0  # x = 0이면 극한값 0
            return _node(out, "**", self, floats.pow_local(x, k), other, d_exp)
        k = floats.to_float(other, "**의 지수")  # 거듭제곱 노드: d(x^k)/dx = k·x^(k-1)
        if x != x or k != k:  # NaN이 끼면 결과도 NaN (nan ** 0 = 1처럼 감추지 않는다)
            return _node(math.nan, f"**{k:g}", self, math.nan, arg=k)
        floats.check_pow_domain(x, k, self)
        return _node(floats.float_pow(x, k), f"**{k:g}", self, floats.pow_local(x, k), arg=k)

    def __neg__(self) -> Value:
        return _node(-self.data, "neg", self, -1.0)

    # 숫자가 왼쪽에 올 때 (2 + v, 2 - v, 2 * v, 2 / v, 2 ** v)
    def __radd__(self, other: float) -> Value:
        return as_value(other, "+") + self

    def __rsub__(self, other: float) -> Value:
        return as_value(other, "-") - self

    def __rmul__(self, other: float) -> Value:
        return as_value(other, "*") * self

    def __rtruediv__(self, other: float) -> Value:
        return as_value(other, "/") / self

    def __rpow__(self, other: float) -> Value:
        return as_value(other, "**") ** self

    def exp(self) -> Value:
        """e^x. 국소 미분은 출력 자신입니다. 너무 크면 inf를 돌려줍니다(오류 대신)."""
        x = self.data
        out = math.exp(x) if x < 709.0 else floats.safe_exp(x)
        return _node(out, "exp", self, out)

    def log(self) -> Value:
        """자연로그 ln x. 국소 미분은 1/x입니다. x ≤ 0이면 ValueError."""
        x = self.data
        floats.check_log_domain(x, self)
        return _node(math.log(x), "log", self, 1.0 / x)

    def tanh(self) -> Value:
        """쌍곡탄젠트(tanh). 국소 미분은 1 - tanh(x)²입니다."""
        t = math.tanh(self.data)
        return _node(t, "tanh", self, 1.0 - t * t)

    def sigmoid(self) -> Value:
        """시그모이드(sigmoid) σ(x) = 1 / (1 + e^-x). 국소 미분은 σ(1-σ)입니다."""
        x = self.data
        e = math.exp(-abs(x))  # e^-|x|만 써서 x가 아주 작아도 넘치지 않는다
        s = 1.0 / (1.0 + e) if x >= 0.0 else e / (1.0 + e)
        return _node(s, "sigmoid", self, s * (1.0 - s))

    def relu(self) -> Value:
        """ReLU max(0, x). 국소 미분은 x > 0이면 1, 아니면 0입니다. NaN은 NaN 그대로."""
        x = self.data
        if x > 0.0 or x != x:  # NaN은 어떤 비교도 거짓: 0으로 감추지 않고 NaN 그대로 내보낸다
            return _node(x, "relu", self, 1.0 if x > 0.0 else x)
        return _node(0.0, "relu", self, 0.0)

    def leaky_relu(self, alpha: float = 0.01) -> Value:
        """Leaky ReLU: x > 0이면 x, 아니면 alpha·x."""
        alpha, x = floats.finite(alpha, "leaky_relu의 alpha"), self.data
        local = 1.0 if x > 0.0 else alpha
        return _node(x * local, "leaky_relu", self, local, arg=alpha)

    def elu(self, alpha: float = 1.0) -> Value:
        """ELU: x > 0이면 x, 아니면 alpha·(e^x - 1)."""
        alpha, x = floats.finite(alpha, "elu의 alpha"), self.data
        out, local = (x, 1.0) if x > 0.0 else (alpha * math.expm1(x), alpha * math.exp(x))
        return _node(out, "elu", self, local, arg=alpha)

    # 비교는 값(data)만 봅니다. 그래프는 만들지 않습니다. (==, hash는 객체 동일성 그대로)
    def __lt__(self, other: Value | float) -> bool:
        return self.data < as_value(other, "<").data

    def __le__(self, other: Value | float) -> bool:
        return self.data <= as_value(other, "<=").data

    def __gt__(self, other: Value | float) -> bool:
        return self.data > as_value(other, ">").data

    def __ge__(self, other: Value | float) -> bool:
        return self.data >= as_value(other, ">=").data


_new_value = object.__new__


def make_node(data: float, inputs: tuple, local_grads: tuple, op: str, arg: Any = None) -> Value:
    """입력이 몇 개든 노드를 만듭니다 (묶은 노드와 사용자 연산용). ``op``는 연산 표의 이름,
    ``local_grads``는 입력마다 국소 미분 ∂out/∂입력. 입력이 셋 이상이면 튜플 두 개로 둡니다."""
    if len(inputs) > 2:
        return _node(data, op, None, 0.0, None, 0.0, arg, (tuple(inputs), tuple(local_grads)))
    (a, da), (b, db) = (*zip(inputs, local_grads), (None, 0.0), (None, 0.0))[:2]
    return _node(data, op, a, da, b, db, arg)


def _node(data, op, a, da, b=None, db=0.0, arg=None, many=None) -> Value:
    """모든 노드가 여기서 태어납니다: 값, 연산 이름, 입력 a와 국소 미분 ∂out/∂a, (이항 연산이면)
    입력 b와 ∂out/∂b, 연산의 매개변수, (묶은 노드면) 입력들과 국소 미분들의 튜플 두 개."""
    out = _new_value(Value)
    out.data, out.grad, out.label = data, 0.0, ""
    out._op, out._arg = op, arg
    out._a, out._da = a, da
    out._b, out._db = b, db
    out._many = many
    if modes.open_blocks:  # 어느 스레드에선가 no_grad()·detect_anomaly() 블록이 열려 있다
        inputs = out.inputs
        if not modes.is_grad_enabled():  # 입력은 잊고 연산 이름은 남긴다 (no_grad 표시)
            out._a = out._b = out._many = None
        if modes.is_anomaly_enabled():
            modes.check_forward(out, inputs)
    return out


def as_value(x: Any, op: str) -> Value:
    """연산의 상대가 숫자면 잎 노드 Value로 감쌉니다."""
    if isinstance(x, Value):
        return x
    return Value(x if type(x) is float else floats.to_float(x, f"'{op}' 연산의 피연산자(operand)"))
