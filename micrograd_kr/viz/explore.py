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
import math
import re
import secrets
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

from micrograd_kr.engine import Value, make_node, reverse_pass, topological_order
from micrograd_kr.graph_protocol import as_graph
from micrograd_kr.ops import OPS as OP_TABLE
from micrograd_kr.ops import js_table, op_key
from micrograd_kr.viz.graph import draw_stored_grads
from micrograd_kr.viz.labels import format_number
from micrograd_kr.viz.render import RenderError, to_svg
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

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", _SVG_NS)
ET.register_namespace("xlink", _XLINK_NS)
_NODE_NAME = re.compile(r"^v(\d+)(_op)?$")
_EDGE_ID = re.compile(r"^edge(\d+)$")
# 그림자 그래프의 표시 숫자 모음들: (노드 i 의 값, 노드 i 의 기울기). 앞의 것부터 써 보고,
# format_number 가 서로 다른 숫자를 같은 글로 쓰거나 이름표에 같은 글이 있으면 다음 것을 쓴다.
_SENTINELS = (
    (lambda i: 2_000_000.0 + i, lambda i: 5_000_000.0 + i),
    (lambda i: (1.0 + (i + 1) / 1000) * 1e37, lambda i: (1.0 + (i + 1) / 1000) * 1e38),
)

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
        op = _op_key(node)
        if node.inputs and op not in OPS:
            raise ValueError(
                f"탐험기가 다시 계산할 줄 모르는 연산입니다: {node.op!r}. "
                f"아는 연산: {', '.join(OPS)}."
            )
    names = parameter_names(order, params)
    nodes = [_node_record(node, index, names.get(node)) for node in order]
    _assign_keys(nodes)
    texts: list[list[Any]] = []
    folded = _foldable(order, names)
    try:
        svg = _svg_with_slots(order, index, style, names, texts)
        if folded:  # 모델: 뉴런 하나(가중합 Σ)를 상자 하나로, 매개변수는 그 안에 접은 그림도
            svg += _svg_with_slots(order, index, style, names, texts, folded=True)
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
            f'<script>({_script()})(document.getElementById("{uid}"));</script>\n'
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


# ------------------------------------------------------------- 내부 도우미
def _op_key(node: Value) -> str:
    return op_key(node.op)


def page_text(text: str) -> str:
    """페이지(제목, 이름표)에 쓸 글: 제어 문자·방향 바꾸기 문자(RLO 등)·짝 없는 서로게이트는
    ``\\u202e`` 처럼 눈에 보이는 글로 바꿉니다 (줄바꿈과 공백은 그대로)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch in "\n ":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


def parameter_names(order: list[Value], params: Any = None) -> dict[Value, str]:
    """매개변수 노드 → 자리 이름 (``w[1][2,3]``, ``b[2][1]``). 이름표가 있는 노드는 빼고.

    ``params`` 가 없으면 ``linear`` 노드(입력: w..., x..., b)의 w·b 자리를 매개변수로 봅니다.
    층 번호는 그 노드 아래에 있는 ``linear`` 의 깊이, 뉴런 번호는 그 층에서 처음 나온 차례.
    """
    in_graph = set(order)
    found: dict[Value, str] = {}
    if params is None:
        # 위상 정렬은 입력을 뒤에서부터 찾아가므로, 한 층의 뉴런들은 뒤 뉴런부터 처음 나온다
        depth: dict[Value, int] = {}
        neurons: dict[int, list[tuple[Value, tuple[Value, ...]]]] = {}
        seen: set[Value] = set()
        for node in order:
            below = max((depth[c] for c in node.inputs), default=0)
            depth[node] = below + (1 if node.op == "linear" else 0)
            if node.op != "linear" or len(node.inputs) < 3 or node.inputs[-1] in seen:
                continue
            m = (len(node.inputs) - 1) // 2
            seen.add(node.inputs[-1])
            neurons.setdefault(depth[node], []).append((node.inputs[-1], node.inputs[:m]))
        for layer, units in neurons.items():
            for j, (bias, weights) in enumerate(reversed(units), start=1):
                for i, w in enumerate(weights):
                    found.setdefault(w, f"w[{layer}][{j},{i + 1}]")
                found.setdefault(bias, f"b[{layer}][{j}]")
        named = found
    elif isinstance(params, dict):
        named = {v: str(k) for k, v in params.items() if isinstance(v, Value)}
    elif hasattr(params, "layers") or hasattr(params, "neurons") or hasattr(params, "w"):
        named = _module_names(params)
    else:
        values = params.parameters() if hasattr(params, "parameters") else list(params)
        named = {v: f"p[{k + 1}]" for k, v in enumerate(values) if isinstance(v, Value)}
    return {v: name for v, name in named.items() if v in in_graph and not v.inputs and not v.label}


def _module_names(module: Any) -> dict[Value, str]:
    """MLP: ``w[층][뉴런,입력]``, ``b[층][뉴런]``; Layer: ``w[뉴런,입력]``; Neuron: ``w[입력]``."""
    named: dict[Value, str] = {}
    if hasattr(module, "layers"):
        units = [
            (f"[{li + 1}][{j + 1}", n)
            for li, layer in enumerate(module.layers)
            for j, n in enumerate(layer.neurons)
        ]
    elif hasattr(module, "neurons"):
        units = [(f"[{j + 1}", n) for j, n in enumerate(module.neurons)]
    else:
        units = [("[", module)]
    for where, unit in units:
        sep = "" if where == "[" else ","
        for i, w in enumerate(unit.w):
            named[w] = f"w{where}{sep}{i + 1}]"
        named[unit.b] = "b" if where == "[" else f"b{where}]"
    return named


def _node_record(node: Value, index: dict[Value, int], param: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "label": page_text(node.label),
        "op": _op_key(node) if node.inputs else "",
    }
    if node.inputs:
        record["prev"] = [index[c] for c in node.inputs]
        if node.arg is not None:
            record["arg"] = _finite_or_text(node.arg)
    else:
        record["value"] = _finite_or_text(node.data)
        if param is not None:
            record["param"] = param
    return record


def _finite_or_text(x: Any) -> Any:
    """JSON 에는 NaN·inf 가 없으므로 글로 적습니다 (페이지가 다시 숫자로 읽음).

    묶은 연산의 매개변수처럼 여러 수로 된 것(튜플)은 하나씩."""
    if isinstance(x, (tuple, list)):
        return [_finite_or_text(item) for item in x]
    return x if math.isfinite(x) else repr(x)


def _assign_keys(nodes: list[dict[str, Any]]) -> None:
    """잎 노드마다 주소 조각(#a=3)에 쓸 이름: 겹치지 않는 이름표면 그대로, 아니면 v번호."""
    counts: dict[str, int] = {}
    for node in nodes:
        if not node["op"]:
            counts[node["label"]] = counts.get(node["label"], 0) + 1
    for i, node in enumerate(nodes):
        if node["op"]:
            continue
        label = node["label"]
        usable = label and counts[label] == 1 and label not in ("step", "lr")
        usable = usable and not _NODE_NAME.match(label)
        node["key"] = label if usable else node.get("param", f"v{i}")


def _foldable(order: list[Value], names: dict[Value, str]) -> set[Value]:
    """접은 그림에서 숨길 매개변수들: ``linear`` 노드의 가중치·편향 자리에만 쓰인 것.
    매개변수가 있는 ``linear`` 가 없거나 그래프가 작으면(노드 60개 이하) 빈 집합."""
    if len(order) <= 60:
        return set()
    only_in_linear: dict[Value, bool] = {}
    for node in order:
        m = (len(node.inputs) - 1) // 2 if node.op == "linear" else -1
        for j, child in enumerate(node.inputs):
            in_place = m >= 0 and (j < m or j == 2 * m)
            only_in_linear[child] = only_in_linear.get(child, True) and in_place
    return {v for v in names if only_in_linear.get(v, False)}


def _folded_shadow(
    order: list[Value], data_of: Any, grad_of: Any, names: dict[Value, str], hidden: set[Value]
) -> tuple[Value, dict[Value, int]]:
    """접은 그림자 그래프: 숨긴 매개변수는 빼고, 가중합은 입력 x 만 받는 Σ[층][뉴런] 노드."""
    made: dict[Value, Value] = {}
    origin: dict[Value, int] = {}
    for i, node in enumerate(order):
        if node in hidden:
            continue
        prev = tuple(c for c in node.inputs if c not in hidden)
        label = node.label or names.get(node, "")
        bias = names.get(node.inputs[-1], "") if node.op == "linear" else ""
        if bias.startswith("b") and not label:
            label = "Σ" + bias[1:]
        inputs = tuple(made[c] for c in prev)
        twin = make_node(data_of(i), inputs, (1.0,) * len(inputs), node.op, node.arg)
        twin.label = label
        twin.grad = grad_of(i)
        made[node] = twin
        origin[twin] = i
    return made[order[-1]], origin


def _svg_with_slots(
    order: list[Value],
    index: dict[Value, int],
    style: str,
    names: dict[Value, str],
    templates: list[list[Any]],
    folded: bool = False,
) -> str:
    """그림자 그래프를 그려 SVG 의 글자마다 어떤 값이 들어가는지 알아냅니다.

    돌려주는 것: 자리 표시가 붙은 SVG. 글자 틀(template)은 ``templates`` 에 덧붙입니다. 틀은
    글 조각과 ``["d", i]`` (노드 i 의 값), ``["g", i]`` (노드 i 의 기울기),
    ``["c", i, j]`` (노드 i 가 j 번째 입력에 보낸 기울기)으로 이루어집니다.
    ``folded`` 면 모델의 뉴런을 접은 그림 (``_folded_shadow``).
    """
    sentinel, slots = _choose_sentinels(order, names)
    if folded:
        top, origin = _folded_shadow(order, *sentinel, names, _foldable(order, names))
        to_original = [origin[t] for t in topological_order(top)]
    else:
        shadows = _shadow_graph(order, *sentinel, names)
        if topological_order(shadows[-1]) != shadows:  # 그림의 v번호가 곧 위상 정렬 번호
            raise RuntimeError("그림자 그래프의 위상 정렬 순서가 원래 그래프와 다릅니다.")
        top, to_original = shadows[-1], list(range(len(order)))

    def owner(name: str) -> int | None:
        k = _owner(name, len(to_original))
        return None if k is None else to_original[k]

    svg_text = to_svg(draw_stored_grads(top, style))
    pattern = re.compile(
        "(?<![0-9.])("
        + "|".join(re.escape(s) for s in sorted(slots, key=len, reverse=True))
        + ")(?![0-9])"
    )
    final = _final_state(order, index)
    root_xml = ET.fromstring(svg_text)
    root_xml.set("data-view", "folded" if folded else "full")
    edge_uses: dict[tuple[int, int], int] = {}
    for group in _groups_in_drawing_order(root_xml):
        kind = "node" if "node" in group.get("class", "").split() else "edge"
        title = group.findtext(f"{{{_SVG_NS}}}title") or ""
        tail = head = None
        if kind == "node":
            node_index = owner(title)
            if node_index is not None:
                group.set("data-node", str(node_index))
                if title.strip() == "output":  # 출력의 이름만 적힌 글 노드
                    group.set("data-output", "1")
        else:
            ends = title.split("->")
            if len(ends) == 2:
                tail, head = owner(ends[0]), owner(ends[1])
        for text in group.iter(f"{{{_SVG_NS}}}text"):
            parts = _template(text.text or "", pattern, slots)
            if not any(isinstance(p, list) for p in parts):
                continue
            if tail is not None and head is not None:  # 화살표의 기울기 = 보낸 기울기
                parts = _as_contribution(parts, order, tail, head, edge_uses)
            text.set("data-t", str(len(templates)))
            text.text = "".join(_fill(p, final) for p in parts)  # 자바스크립트가 없을 때의 모습
            templates.append(parts)
    return ET.tostring(root_xml, encoding="unicode")


def _sentinel_families(n: int) -> Any:
    """표시 숫자 모음 후보들: 정해진 둘, 그다음에는 정해진 차례의 여러 구간."""
    yield from _SENTINELS
    for k in range(200):  # 이름표가 앞의 숫자를 다 담고 있어도 어딘가는 비어 있다
        base_d = 1_000_000 + (k * 7_919 * (n + 1)) % (4_000_000 - n)
        base_g = 5_000_000 + (k * 104_729 * (n + 1)) % (4_000_000 - n)
        yield (lambda i, b=base_d: float(b + i)), (lambda i, b=base_g: float(b + i))


def _choose_sentinels(
    order: list[Value], names: dict[Value, str] | None = None
) -> tuple[Any, dict[str, tuple[str, int]]]:
    """표시 숫자 모음 하나와, 그 숫자의 글 → ("d"|"g", 노드 번호) 사전."""
    labels = [node.label for node in order if node.label] + list((names or {}).values())
    for data_of, grad_of in _sentinel_families(len(order)):
        slots: dict[str, tuple[str, int]] = {}
        for i in range(len(order)):
            slots[format_number(data_of(i))] = ("d", i)
            slots[format_number(grad_of(i))] = ("g", i)
        if len(slots) == 2 * len(order) and not any(s in label for s in slots for label in labels):
            return (data_of, grad_of), slots
    raise RuntimeError(
        "그림 속 값의 자리를 찾을 표시 숫자를 고르지 못했습니다: format_number 가 서로 다른 숫자를 "
        "같은 글로 쓰거나, 이름표에 그 숫자가 들어 있습니다."
    )


def _shadow_graph(
    order: list[Value], data_of: Any, grad_of: Any, names: dict[Value, str] | None = None
) -> list[Value]:
    """같은 모양, 같은 이름표·연산인데 값과 기울기 자리에 표시 숫자가 든 그래프.
    매개변수에는 자리 이름(``w[1][2,3]``)을 이름표로 붙여 그립니다."""
    shadows: list[Value] = []
    made: dict[Value, Value] = {}
    names = names or {}
    for i, node in enumerate(order):
        inputs = tuple(made[c] for c in node.inputs)
        # 화살표의 기울기 = 1 × 상류 기울기 = 표시 숫자 그대로
        twin = make_node(data_of(i), inputs, (1.0,) * len(inputs), node.op, node.arg)
        twin.label = node.label or names.get(node, "")
        twin.grad = grad_of(i)
        made[node] = twin
        shadows.append(twin)
    return shadows


def _groups_in_drawing_order(root_xml: ET.Element) -> list[ET.Element]:
    """노드·화살표 그룹들. 화살표는 DOT 에 적힌 순서(edge 번호)로 — 같은 두 노드 사이의
    화살표가 여럿이면 (b * b) 그 순서가 입력 순서입니다."""
    groups = [
        g
        for g in root_xml.iter(f"{{{_SVG_NS}}}g")
        if {"node", "edge"} & set(g.get("class", "").split())
    ]

    def key(g: ET.Element) -> int:
        match = _EDGE_ID.match(g.get("id", ""))
        return int(match.group(1)) if match else -1

    return sorted(groups, key=key)  # sorted 는 안정적: 노드 그룹은 문서 순서 그대로


def _owner(name: str, n: int) -> int | None:
    """그림의 노드 이름 → 위상 정렬 번호. 출력 이름 노드("output")는 마지막 노드."""
    match = _NODE_NAME.match(name.strip())
    if match and int(match.group(1)) < n:
        return int(match.group(1))
    if name.strip() == "output":
        return n - 1
    return None


def _template(text: str, pattern: re.Pattern[str], slots: dict[str, tuple[str, int]]) -> list[Any]:
    parts: list[Any] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            parts.append(text[last : match.start()])
        kind, i = slots[match.group(1)]
        parts.append([kind, i])
        last = match.end()
    if last < len(text):
        parts.append(text[last:])
    return parts


def _as_contribution(
    parts: list[Any],
    order: list[Value],
    tail: int,
    head: int,
    edge_uses: dict[tuple[int, int], int],
) -> list[Any]:
    """화살표 tail→head 위의 '기울기' 표시는 head 가 그 입력에 보낸 기울기로 바꿉니다."""
    if not any(p == ["g", head] for p in parts if isinstance(p, list)):
        return parts
    parent = order[head]
    positions = [j for j, c in enumerate(parent.inputs) if c is order[tail]]
    if not positions:
        return parts
    use = edge_uses.get((tail, head), 0)
    edge_uses[(tail, head)] = use + 1
    j = positions[min(use, len(positions) - 1)]
    return [["c", head, j] if p == ["g", head] else p for p in parts]


def _final_state(order: list[Value], index: dict[Value, int]) -> dict[str, list[Any]]:
    """역전파를 끝까지 한 상태 (원래 그래프의 grad 는 건드리지 않고 따로 계산)."""
    grads = dict.fromkeys(order, 0.0)
    grads[order[-1]] = 1.0
    reverse_pass(order, grads)
    sent = [[local * grads[node] for local in node.local_grads] for node in order]
    return {"d": [n.data for n in order], "g": [grads[n] for n in order], "c": sent}


def _fill(part: Any, state: dict[str, list[Any]]) -> str:
    if isinstance(part, str):
        return part
    if part[0] == "c":
        return format_number(state["c"][part[1]][part[2]])
    return format_number(state[part[0]][part[1]])


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


def _script() -> str:
    """탐험기의 자바스크립트: explore.js 에 연산 표(ops.py)의 규칙을 넣은 것."""
    return _asset("explore.js").replace("var OPS = __OPS__;", js_table())
