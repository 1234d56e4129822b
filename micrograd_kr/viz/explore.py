"""역전파 탐험기(backprop explorer): 한 걸음씩 넘기며 보는 계산 그래프 페이지.

``explore(root)`` 는 HTML 파일 하나로 된 쪽(page)을 만듭니다. 주피터에서는 그 자리에 보이고,
``.save("abb1.html")`` 로 저장한 파일은 서버도 인터넷도 없이 브라우저에서 열립니다.

- 그림은 ``draw_graph`` 가 그린 것과 같습니다 (같은 코드로 그린 SVG).
- 처음 / 이전 / 다음 / 끝 단추(← → 키)로 순전파(forward) 한 노드씩, 이어서 역전파(backward)를
  ``backward()`` 의 순서대로 한 노드씩 봅니다. 걸음마다 "상류 기울기 × 국소 미분 = 받은 기울기" 가
  숫자로 나오고, 여러 번 쓰인 노드는 기울기가 더해지는 과정이 보입니다.
- 잎(leaf) 노드의 값을 바꾸면 페이지 안의 자바스크립트가 기록된 연산으로 값, 국소 미분,
  기울기를 모두 다시 계산합니다. 그 연산 표는 ``engine.py`` 의 국소 미분 표와 하나하나 같습니다.
- 주소의 조각(fragment) ``#step=7&a=3&b=1`` 에 지금 상태가 남아, 링크로 나눌 수 있습니다.

그림 속 숫자를 바꾸는 방법: 같은 모양의 '그림자 그래프'를 만들어 값과 기울기 자리에 서로 다른
표시 숫자(sentinel)를 넣고 ``draw_graph`` 로 그립니다. SVG 에서 그 숫자가 나온 자리가 곧 그 노드의
값·기울기 자리입니다. 그래서 그림의 모양(색, 글자 폭, 범례)이 바뀌어도 이 페이지는 그대로
동작하며, 기대는 것은 노드 이름(``v0``, ``v1``, ... 위상 정렬 순서)과 공개 함수뿐입니다.
"""

from __future__ import annotations

import html
import json
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

from micrograd_kr.engine import Value, topological_order
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.ops import OPS as OP_TABLE
from micrograd_kr.ops import js_table, op_key
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

# 탐험기의 자바스크립트는 함수 하나인데, 일마다 조각 파일로 나뉘어 있다 (이 차례로 이어 붙임)
PARTS = (
    "explore.js",
    "explore_calc.js",
    "explore_screen.js",
    "explore_graph.js",
    "explore_draw.js",
    "explore_controls.js",
)

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

    - ``style``: ``"textbook"`` (교과서 모양) 또는 ``"card"`` (값 상자), ``draw_graph`` 와 같음.
    - ``max_nodes``: 노드가 이보다 많으면 ValueError (``draw_graph`` 와 같은 제한).
    - ``title``: 페이지 제목 (없으면 출력 노드의 이름표로 만듦).
    - ``params``: 학습하는 매개변수(parameter). 모델(``MLP``, ``Layer``, ``Neuron``)을 주면
      자리로 이름을 붙이고(``w[1][2,3]`` = 1층 2번째 뉴런의 3번째 가중치, ``b[2][1]``),
      ``{"이름": Value}`` 사전이면 그 이름을, Value 목록이면 ``p[1]``, ``p[2]``, ... 를 씁니다.
      주지 않으면 ``linear`` 노드(뉴런의 가중합)의 가중치·편향 자리에 있는 이름 없는 잎을
      매개변수로 보고 같은 방식으로 이름을 붙입니다. 매개변수가 있으면 페이지에
      "한 걸음 학습"(경사 하강법 한 걸음) 단추가 생깁니다.

    ``root`` 의 ``data``·``grad`` 는 바꾸지 않습니다. 페이지는 잎 노드의 값과 기록된 연산만으로
    모든 것을 다시 계산합니다. 주피터에서는 결과가 곧바로 보이고, 파일은 ``.save(경로)``.
    """
    root = as_graph(root, "explore")
    if style not in STYLES:
        raise ValueError(f"style 은 'card' 나 'textbook' 이어야 합니다. 받은 값: {style!r}")
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
                f"탐험기가 다시 계산할 줄 모르는 연산입니다: {node.op!r}. "
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


class Explorer:
    """역전파 탐험기 한 쪽. 주피터에서는 그 자리에 보이고 ``save`` 로 HTML 파일이 됩니다.

    그림을 그릴 프로그램이 없으면(Python 3.10 에 시스템 Graphviz 도 없을 때) 주피터에서는
    그 까닭과 얻는 방법을 글로 보이고, ``save``·``to_html`` 은 ``RenderError`` 를 냅니다.
    """

    def __init__(
        self, svg: str | None, data: dict[str, Any], missing: RenderError | None = None
    ) -> None:
        self.svg = svg
        self.data = data
        self.missing = missing

    def __repr__(self) -> str:
        return f"<역전파 탐험기: 노드 {len(self.data['nodes'])}개, 모양 {self.data['style']!r}>"

    def _repr_html_(self) -> str:
        """주피터용: 주소 조각(#)은 건드리지 않고, ← → 키는 그림을 누른 뒤에만 받습니다."""
        if self.missing is not None:
            return (
                '<p class="mgk-missing" lang="ko">역전파 탐험기를 그리지 못했습니다: '
                f"{html.escape(str(self.missing))}</p>"
            )
        return self._fragment(standalone=False)

    def to_html(self) -> str:
        """파일 하나로 된 완전한 HTML 문서를 돌려줍니다 (외부 파일·네트워크 없음)."""
        if self.missing is not None:
            raise RenderError(str(self.missing))
        title = html.escape(f"역전파 탐험기 — {self.data['title']}")
        return (
            '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n</head>\n<body>\n"
            f"{self._fragment(standalone=True)}\n</body>\n</html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """HTML 파일로 저장하고 그 경로를 돌려줍니다. 이름은 ``.html`` (또는 ``.htm``)로 끝나야
        합니다: ``x.svg`` 같은 이름에 HTML 을 쓰면 그 파일을 여는 프로그램이 읽지 못합니다."""
        from micrograd_kr.files import check_output_path, write_atomic

        check_html_suffix(path)
        if self.missing is not None:
            raise RenderError(str(self.missing))
        path = check_output_path(path, "탐험기 HTML 파일", create_parents=True)
        return write_atomic(
            path, self.to_html().encode("utf-8"), "탐험기 HTML 파일", create_parents=True
        )

    def _fragment(self, standalone: bool) -> str:
        uid = "mgk-" + secrets.token_hex(6)
        config = dict(self.data, standalone=standalone)
        return (
            f'<div class="mgk-explorer" id="{uid}" lang="ko">\n'
            f"<style>{_asset('explore.css')}</style>\n"
            '<script type="application/json" class="mgk-data">'
            f"{_json_for_script(config)}</script>\n"
            f'<div class="mgk-graph">{self.svg}</div>\n'
            f'<script>({page_script()})(document.getElementById("{uid}"));</script>\n'
            "</div>"
        )


def check_html_suffix(path: str | Path) -> None:
    """탐험기 파일의 이름이 ``.html``/``.htm`` 으로 끝나지 않으면 ValueError (고칠 이름과 함께)."""
    name = Path(path)
    if name.suffix.lower() in (".html", ".htm"):
        return
    better = name.with_suffix(".html") if name.suffix else Path(f"{name}.html")
    raise ValueError(
        f"탐험기는 HTML 파일입니다: '{page_text(str(name))}' 대신 '{page_text(str(better))}'처럼 "
        ".html 로 끝나는 이름을 주세요 (그림 파일은 draw_graph 나 micrograd-kr draw 로 만듭니다)."
    )


def _json_for_script(data: Any) -> str:
    """<script> 안에 넣어도 안전한 JSON: '</script>' 나 '<!--' 로 빠져나갈 수 없게 합니다."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(name: str) -> str:
    return resources.files("micrograd_kr.viz").joinpath(name).read_text(encoding="utf-8")


def page_script() -> str:
    """탐험기의 자바스크립트: 조각 파일들(PARTS)을 이어 붙이고 연산 표(ops.py)의 규칙을 넣은 것."""
    script = "".join(_asset(name) for name in PARTS)
    return script.replace("var OPS = __OPS__;", js_table())
