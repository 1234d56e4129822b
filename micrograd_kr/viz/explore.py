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
from micrograd_kr.viz.explore_network import find_network, leaf_roles
from micrograd_kr.viz.explore_page import Explorer, check_html_suffix
from micrograd_kr.viz.explore_records import (
    assign_keys,
    node_record,
    page_text,
    parameter_names,
)
from micrograd_kr.viz.explore_sequence import find_sequence, mean_role
from micrograd_kr.viz.explore_svg import svg_with_slots
from micrograd_kr.viz.network import network_palette
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

# 노드가 이보다 많은 신경망 그래프는 신경망 보기(층과 뉴런)로, 위치마다 손실을 더한 그래프(GPT)는
# 위치 보기로 시작합니다 (적으면 스칼라 그림으로)
NETWORK_VIEW_FROM = 60
# 위치 보기는 스칼라 그림 없이도 되므로 max_nodes 보다 큰 그래프도 받는다: 이만큼까지
SEQUENCE_MAX_NODES = 50_000

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
    - ``max_nodes``: 노드가 이보다 많으면 ValueError (``draw_graph``와 같은 제한). 다만 위치마다
      손실을 더한 그래프(``GPT.loss``)는 스칼라 그림 없이 위치 보기만으로 만듭니다
      (노드 5만 개까지).
    - ``title``: 페이지 제목 (없으면 출력 노드의 이름표로 만듦).
    - ``params``: 학습하는 매개변수(parameter). 모델(``MLP``, ``Layer``, ``Neuron``)을 주면
      자리로 이름을 붙이고(``w[1][2,3]`` = 1층 2번째 뉴런의 3번째 가중치, ``b[2][1]``),
      ``{"이름": Value}`` 사전이면 그 이름을, Value 목록이면 ``p[1]``, ``p[2]``, ... 를 씁니다.
      주지 않으면 ``linear`` 노드(뉴런의 가중합)의 가중치·편향 자리에 있는 이름 없는 잎을
      매개변수로 보고 같은 방식으로 이름을 붙입니다. 매개변수가 있으면 페이지에
      "한 걸음 학습"(경사 하강법 한 걸음) 단추가 생깁니다.

    ``nn``의 뉴런으로 된 그래프(예: ``mse([model(x)], [y])``)는 신경망 보기(층마다 뉴런 원)로도
    볼 수 있고, 노드가 60개보다 많으면 그것으로 시작합니다. 걸음은 뉴런 하나씩이고, 뉴런을
    누르면 그 뉴런의 스칼라 그래프(w·x + b → 활성화)를, "모든 노드 보기"는 전체 스칼라 그림을
    보입니다. 데이터 입력과 정답은 구조로 알아내어 ``입력 x[1]``, ``정답 y``로 부릅니다.

    위치마다의 손실을 더해 평균 낸 그래프(``GPT(...).loss(tokens)``)는 위치 보기로 시작합니다:
    위치마다 같은 연산·같은 깊이의 노드를 한 단계로 묶어(``배율 곱한 점곱 ×48``) 한 단계씩 넘기고,
    노드는 연산 이름과 위치로 부릅니다(``소프트맥스 3 @2``). ``params=model``을 주면 매개변수를
    ``wte[5][3]``처럼 상태 사전(state_dict)의 이름으로, 주지 않으면 ``p[1]``, ``p[2]``, ... 로
    부릅니다.

    ``root``의 ``data``·``grad``는 바꾸지 않습니다. 페이지는 잎 노드의 값과 기록된 연산만으로
    모든 것을 다시 계산합니다. 주피터에서는 결과가 곧바로 보이고, 파일은 ``.save(경로)``.
    """
    root = as_graph(root, "explore")
    if style not in STYLES:
        raise ValueError(
            f"style 은 'card' 나 'textbook' 이어야 합니다. 받은 값: {short_repr(style)}"
        )
    order = topological_order(root)
    seq = find_sequence(order) if len(order) > NETWORK_VIEW_FROM else None
    drawn = max_nodes is None or len(order) <= max_nodes  # 스칼라 그림을 그릴 만한 크기
    if not drawn and (seq is None or len(order) > SEQUENCE_MAX_NODES):
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
    roles = mean_role(order, seq)
    if seq is not None and params is None:  # 위치마다 손실을 더한 모델(GPT): 잎은 매개변수
        params = [n for n in order if not n.inputs and not n.label and n not in roles]
    names = parameter_names(order, params)
    net = find_network(order, names)
    roles.update(leaf_roles(order, net))
    nodes = [node_record(node, index, names.get(node), roles.get(node)) for node in order]
    assign_keys(nodes)
    texts: list[list[Any]] = []
    try:
        svg = svg_with_slots(order, index, style, {**roles, **names}, texts) if drawn else ""
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
        "net": net.record() if net is not None else None,
        "seq": seq if net is None else None,
        "full": drawn,
        "view": "network"
        if net is not None and len(order) > NETWORK_VIEW_FROM
        else "sequence"
        if seq is not None
        else "full",
        "palette": network_palette(),
    }
    return Explorer(svg, data, missing)
