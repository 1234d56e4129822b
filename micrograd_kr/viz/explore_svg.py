"""역전파 탐험기의 그림: 값과 기울기가 들어갈 자리를 표시한 SVG.

같은 모양의 '그림자 그래프'를 만들어 값과 기울기 자리에 서로 다른 표시 숫자(sentinel)를 넣고
``draw_graph``로 그립니다. SVG에서 그 숫자가 나온 자리가 곧 그 노드의 값·기울기 자리입니다.
그래서 그림의 모양(색, 글자 폭, 범례)이 바뀌어도 페이지는 그대로 동작하며, 기대는 것은 노드 이름
(``v0``, ``v1``, ... 위상 정렬 순서)과 공개 함수뿐입니다.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from micrograd_kr.engine import Value, make_node, reverse_pass, topological_order
from micrograd_kr.viz.explore_records import NODE_NAME
from micrograd_kr.viz.graph import draw_stored_grads
from micrograd_kr.viz.labels import format_number
from micrograd_kr.viz.render import to_svg

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", _SVG_NS)
ET.register_namespace("xlink", _XLINK_NS)
_EDGE_ID = re.compile(r"^edge(\d+)$")
# 그림자 그래프의 표시 숫자 모음들: (노드 i 의 값, 노드 i 의 기울기). 앞의 것부터 써 보고,
# format_number 가 서로 다른 숫자를 같은 글로 쓰거나 이름표에 같은 글이 있으면 다음 것을 쓴다.
_SENTINELS = (
    (lambda i: 2_000_000.0 + i, lambda i: 5_000_000.0 + i),
    (lambda i: (1.0 + (i + 1) / 1000) * 1e37, lambda i: (1.0 + (i + 1) / 1000) * 1e38),
)


def svg_with_slots(
    order: list[Value],
    index: dict[Value, int],
    style: str,
    names: dict[Value, str],
    templates: list[list[Any]],
) -> str:
    """그림자 그래프를 그려 SVG의 글자마다 어떤 값이 들어가는지 알아냅니다.

    돌려주는 것: 자리 표시가 붙은 SVG. 글자 틀(template)은 ``templates``에 덧붙입니다. 틀은
    글 조각과 ``["d", i]`` (노드 i의 값), ``["g", i]`` (노드 i의 기울기),
    ``["c", i, j]`` (노드 i가 j 번째 입력에 보낸 기울기)으로 이루어집니다.
    그림 속 ``<title>``(마우스를 올리면 보이는 글)의 내부 이름(``v48``)은 지웁니다: 노드의
    이름은 페이지가 붙입니다.
    """
    sentinel, slots = _choose_sentinels(order, names)
    shadows = _shadow_graph(order, *sentinel, names)
    if topological_order(shadows[-1]) != shadows:  # 그림의 v번호가 곧 위상 정렬 번호
        raise RuntimeError("그림자 그래프의 위상 정렬 순서가 원래 그래프와 다릅니다.")
    top = shadows[-1]

    def owner(name: str) -> int | None:
        return _owner(name, len(order))

    svg_text = to_svg(draw_stored_grads(top, style))
    pattern = re.compile(
        "(?<![0-9.])("
        + "|".join(re.escape(s) for s in sorted(slots, key=len, reverse=True))
        + ")(?![0-9])"
    )
    final = _final_state(order, index)
    root_xml = ET.fromstring(svg_text)
    root_xml.set("data-view", "full")
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
    _drop_titles(root_xml)
    return ET.tostring(root_xml, encoding="unicode")


def _drop_titles(root_xml: ET.Element) -> None:
    """그래프·노드·화살표 그룹의 ``<title>``(v0, v0->v3 같은 내부 이름)을 지웁니다."""
    for group in root_xml.iter(f"{{{_SVG_NS}}}g"):
        for title in group.findall(f"{{{_SVG_NS}}}title"):
            group.remove(title)


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
        label = node.label or names.get(node, "")
        twin = _twin(node, tuple(made[c] for c in node.inputs), data_of(i), grad_of(i), label)
        made[node] = twin
        shadows.append(twin)
    return shadows


def _twin(node: Value, inputs: tuple[Value, ...], data: float, grad: float, label: str) -> Value:
    """``node``와 같은 연산·매개변수의 그림자 노드. 국소 미분은 모두 1이라 화살표의 기울기가
    상류 기울기(표시 숫자) 그대로입니다."""
    twin = make_node(data, inputs, (1.0,) * len(inputs), node.op, node.arg)
    twin.label, twin.grad = label, grad
    return twin


def _groups_in_drawing_order(root_xml: ET.Element) -> list[ET.Element]:
    """노드·화살표 그룹들. 화살표는 DOT에 적힌 순서(edge 번호)로 — 같은 두 노드 사이의
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
    match = NODE_NAME.match(name.strip())
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
    """화살표 tail→head 위의 '기울기' 표시는 head가 그 입력에 보낸 기울기로 바꿉니다."""
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
    """역전파를 끝까지 한 상태 (원래 그래프의 grad는 건드리지 않고 따로 계산)."""
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
