"""역전파 탐험기(backprop explorer): 한 걸음씩 넘기며 보는 계산 그래프 페이지.

``explore(root)``는 HTML 파일 하나로 된 쪽(page)을 만듭니다. 주피터에서는 그 자리에 보이고,
``.save("abb1.html")``로 저장한 파일은 서버도 인터넷도 없이 브라우저에서 열립니다.

- 그림은 ``draw_graph``가 그린 것과 같습니다 (같은 코드로 그린 SVG).
- 처음 / 이전 / 다음 / 끝 단추(← → 키)로 순전파(forward) 한 노드씩, 이어서 역전파(backward)를
  ``backward()``의 순서대로 한 노드씩 봅니다. 걸음마다 "상류 기울기 × 국소 미분 = 받은 기울기"가
  숫자로 나오고, 여러 번 쓰인 노드는 기울기가 더해지는 과정이 보입니다.
- 잎(leaf) 노드의 값을 바꾸면 페이지 안의 자바스크립트가 기록된 연산으로 값, 국소 미분,
  기울기를 모두 다시 계산합니다. 그 연산 표는 ``engine.py``의 국소 미분 표와 하나하나 같습니다.
- 주소의 조각(fragment) ``#step=7&a=3&b=1``에 지금 상태가 남아, 링크로 나눌 수 있습니다.

그림 속 숫자를 바꾸는 방법: 같은 모양의 '그림자 그래프'를 만들어 값과 기울기 자리에 서로 다른
표시 숫자(sentinel)를 넣고 ``draw_graph``로 그립니다. SVG에서 그 숫자가 나온 자리가 곧 그 노드의
값·기울기 자리입니다. 그래서 그림의 모양(색, 글자 폭, 범례)이 바뀌어도 이 페이지는 그대로
동작하며, 기대는 것은 노드 이름(``v0``, ``v1``, ... 위상 정렬 순서)과 공개 함수뿐입니다.
"""

from __future__ import annotations

from typing import Any

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.floats import short_repr
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.ops import OPS as OP_TABLE
from micrograd_kr.ops import op_key
from micrograd_kr.viz.explore_page import Explorer, check_html_suffix
from micrograd_kr.viz.explore_records import (
    assign_keys,
    node_record,
    page_text,
    parameter_names,
)
from micrograd_kr.viz.explore_svg import foldable, svg_with_slots
from micrograd_kr.viz.render import RenderError
from micrograd_kr.viz.theme import DEFAULT_MAX_NODES, STYLES

__all__ = [
    "OPS",
    "RULES",
    "Explorer",
    "check_html_suffix",
    "explore",
    "page_text",
    "parameter_names",
]

# 페이지의 자바스크립트가 다시 계산할 줄 아는 연산들: 연산 표(ops.py)의 모든 연산
OPS = tuple(OP_TABLE)

# 연산마다 국소 미분의 규칙을 말로 (페이지의 '왜' 설명): 연산 표(ops.py)의 한국어 이름과 규칙.
# name: 연산의 한국어 이름, rule: 입력마다 받는 국소 미분(local derivative)을 말로.
RULES: dict[str, dict[str, str]] = {
    name: {"name": op.word, "rule": op.rule} for name, op in OP_TABLE.items()
}


def explore(
    root: Value,
    style: str = "textbook",
    max_nodes: int | None = DEFAULT_MAX_NODES,
    title: str | None = None,
    params: Any = None,
) -> Explorer:
    """``root`` 까지의 계산 그래프로 역전파 탐험기 페이지를 만듭니다.

    - ``style``: ``"textbook"`` (교과서 모양) 또는 ``"card"`` (값 상자), ``draw_graph``와 같음.
    - ``max_nodes``: 노드가 이보다 많으면 ValueError (``draw_graph``와 같은 제한).
    - ``title``: 페이지 제목 (없으면 출력 노드의 이름표로 만듦).
    - ``params``: 학습하는 매개변수(parameter). 모델(``MLP``, ``Layer``, ``Neuron``)을 주면
      자리로 이름을 붙이고(``w[1][2,3]`` = 1층 2번째 뉴런의 3번째 가중치, ``b[2][1]``),
      ``{"이름": Value}`` 사전이면 그 이름을, Value 목록이면 ``p[1]``, ``p[2]``, ... 를 씁니다.
      주지 않으면 ``linear`` 노드(뉴런의 가중합)의 가중치·편향 자리에 있는 이름 없는 잎을
      매개변수로 보고 같은 방식으로 이름을 붙입니다. 매개변수가 있으면 페이지에
      "한 걸음 학습"(경사 하강법 한 걸음) 단추가 생깁니다.

    ``root``의 ``data``·``grad``는 바꾸지 않습니다. 페이지는 잎 노드의 값과 기록된 연산만으로
    모든 것을 다시 계산합니다. 주피터에서는 결과가 곧바로 보이고, 파일은 ``.save(경로)``.
    """
    root = as_graph(root, "explore")
    if style not in STYLES:
        raise ValueError(
            f"style 은 'card' 나 'textbook' 이어야 합니다. 받은 값: {short_repr(style)}"
        )
    order = topological_order(root)
    if max_nodes is not None and len(order) > max_nodes:
        raise ValueError(
            f"그래프의 노드(Value)가 {len(order)}개로 max_nodes={max_nodes} 보다 많습니다. "
            "작은 그래프로 보거나, 꼭 필요하면 explore(..., max_nodes=None) 으로 제한을 푸세요."
        )
    index = {node: i for i, node in enumerate(order)}
    for node in order:
        op = op_key(node.op)
        if node.inputs and op not in OPS:
            raise ValueError(
                f"탐험기가 다시 계산할 줄 모르는 연산입니다: {short_repr(node.op)}. "
                f"아는 연산: {', '.join(OPS)}."
            )
    names = parameter_names(order, params)
    nodes = [node_record(node, index, names.get(node)) for node in order]
    assign_keys(nodes)
    texts: list[list[Any]] = []
    folded = foldable(order, names)
    try:
        svg = svg_with_slots(order, index, style, names, texts)
        if folded:  # 모델: 뉴런 하나(가중합 Σ)를 상자 하나로, 매개변수는 그 안에 접은 그림도
            svg += svg_with_slots(order, index, style, names, texts, folded=True)
    except RenderError as exc:  # 그릴 프로그램이 없다: 주피터에서는 안내를, 저장하면 그 오류를
        svg, texts, missing = None, [], exc
    else:
        missing = None
    data = {
        "nodes": nodes,
        "texts": texts,
        "style": style,
        "title": page_text(title if title is not None else (root.label or "계산 그래프")),
        "rules": {op: RULES[op] for op in sorted({n["op"] for n in nodes if n["op"]})},
        "folded": len(folded) > 0,
    }
    return Explorer(svg, data, missing)
