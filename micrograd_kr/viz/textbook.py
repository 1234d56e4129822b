"""교과서의 계산 그래프들을 진짜 ``Value``로 만듭니다.

함수마다 그래프를 만들고 ``backward()``까지 부른 뒤 출력 노드를 돌려줍니다.
그림은 ``draw_graph(apple_price(), style="textbook")``처럼 그립니다.
"""

from __future__ import annotations

from collections.abc import Sequence

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_repr

_ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")


def apple_price() -> Value:
    """사과 쇼핑: 사과 가격 100원 × 사과 2개 × 소비세 1.1 = 지불 금액 220원."""
    apple, count, tax = _leaves({"사과 가격": 100, "사과 개수": 2, "소비세": 1.1})
    apple_total = _named(apple * count, "사과 총액")
    return _output(apple_total * tax, "지불 금액")


def apple_orange_price() -> Value:
    """사과 2개(100원)와 귤 3개(150원)를 사고 소비세 1.1을 곱함: 지불 금액 715원."""
    apple, apple_count, orange, orange_count, tax = _leaves(
        {"사과 가격": 100, "사과 개수": 2, "귤 가격": 150, "귤 개수": 3, "소비세": 1.1}
    )
    apple_total = _named(apple * apple_count, "사과 총액")
    orange_total = _named(orange * orange_count, "귤 총액")
    subtotal = _named(apple_total + orange_total, "합계")
    return _output(subtotal * tax, "지불 금액")


def abb1(a: float = 2.0, b: float = 1.0) -> Value:
    """e = (a + b)(b + 1) — c = a + b, d = b + 1, e = c · d. b는 두 곳에 쓰입니다."""
    va, vb = _leaves({"a": a, "b": b})
    c = _named(va + vb, "c")
    d = _named(vb + 1, "d")
    d.inputs[1].label = "1"  # 엔진이 숫자 1 을 감싸 만든 잎 노드에 이름을 붙인다
    return _output(c * d, "e")


def square_of_sum(x: float = 1.0, y: float = 2.0) -> Value:
    """z = (x + y)² — t = x + y, z = t ** 2. 연쇄법칙의 첫 예."""
    vx, vy = _leaves({"x": x, "y": y})
    t = _named(vx + vy, "t")
    return _output(t**2, "z")


def neuron(
    x: Sequence[float] = (2.0, 0.0),
    w: Sequence[float] = (-3.0, 1.0),
    b: float = 6.881373587019543,
    activation: str = "tanh",
) -> Value:
    """입력 2개짜리 뉴런을 곱셈·덧셈 노드로 하나씩 만듭니다: o = tanh(x1·w1 + x2·w2 + b).

    ``nn.Neuron``은 가중합을 노드 하나(Σ)로 계산하지만, 여기서는 교과서 그림처럼 풀어 씁니다.
    기본값에서 n = x1·w1 + x2·w2 + b ≈ 0.8814, o = tanh(n) ≈ 0.7071입니다.
    """
    if len(x) != len(w) or not x:
        raise ValueError(
            f"입력({len(x)}개)과 가중치({len(w)}개)는 개수가 같고 하나 이상이어야 합니다."
        )
    if activation not in _ACTIVATIONS:
        raise ValueError(
            f"활성화 함수 {short_repr(activation)} 는 모릅니다. {', '.join(_ACTIVATIONS)} 중 하나."
        )
    products = [
        _named(Value(xi, label=f"x{i}") * Value(wi, label=f"w{i}"), f"x{i}·w{i}")
        for i, (xi, wi) in enumerate(zip(x, w), start=1)
    ]
    total = products[0]
    for product in products[1:]:
        total = _named(total + product, f"{total.label} + {product.label}")
    n = _named(total + Value(b, label="b"), "n")
    return _output(n if activation == "linear" else getattr(n, activation)(), "o")


def _leaves(values: dict[str, float]) -> list[Value]:
    """이름 → 값에서 잎 노드(leaf)들을 적은 순서대로 만든다 (이름이 곧 그림의 이름표)."""
    return [Value(value, label=label) for label, value in values.items()]


def _named(node: Value, label: str) -> Value:
    node.label = label
    return node


def _output(node: Value, label: str) -> Value:
    """출력 노드에 이름을 붙이고 역전파(backward)까지 한 뒤 돌려준다."""
    _named(node, label).backward()
    return node
