"""역전파 탐험기 페이지의 자료: 노드마다의 기록(JSON)과 페이지가 부르는 이름.

매개변수(parameter)는 자리로 이름을 붙입니다(``w[1][2,3]``, ``b[2][1]``). 상수라 부르는 것은
바깥에서 들어와 아무도 학습하지 않는 숫자뿐입니다. 이름표는 믿을 수 없는 글이라, 페이지에 넣기
전에 보이지 않는 글자를 보이는 이스케이프로 바꿉니다(``page_text``).
"""

from __future__ import annotations

import math
import re
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.ops import op_key
from micrograd_kr.viz.explore_network import neuron_positions

# 그림의 노드 이름(v0, v1_op ...): 이름표가 이것과 같으면 주소 조각의 열쇠로 쓰지 않는다
NODE_NAME = re.compile(r"^v(\d+)(_op)?$")


def page_text(text: str) -> str:
    """페이지(제목, 이름표)에 쓸 글: 제어 문자·방향 바꾸기 문자(RLO 등)·짝 없는 서로게이트는
    ``\\u202e``처럼 눈에 보이는 글로 바꿉니다 (줄바꿈과 공백은 그대로)."""
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

    ``params``가 없으면 ``linear`` 노드(입력: w..., x..., b)의 w·b 자리를 매개변수로 봅니다.
    층과 뉴런 번호는 ``explore_network.neuron_positions``가 그래프의 구조로 정합니다.
    """
    in_graph = set(order)
    found: dict[Value, str] = {}
    if params is None:
        where = neuron_positions(order)
        units: dict[tuple[int, int], tuple[Value, ...]] = {}
        for node in order:
            if node.op == "linear" and len(node.inputs) >= 3:
                m = (len(node.inputs) - 1) // 2
                units.setdefault(where[node.inputs[-1]], (*node.inputs[:m], node.inputs[-1]))
        for (layer, j), (*weights, bias) in sorted(units.items(), key=lambda item: item[0]):
            for i, w in enumerate(weights):
                found.setdefault(w, f"w[{layer}][{j},{i + 1}]")
            found.setdefault(bias, f"b[{layer}][{j}]")
        named = found
    elif isinstance(params, dict):
        named = {v: str(k) for k, v in params.items() if isinstance(v, Value)}
    elif hasattr(params, "layers") or hasattr(params, "neurons") or hasattr(params, "w"):
        named = _module_names(params)
    elif (state := _matrices(params)) is not None:  # GPT: 상태 사전의 이름과 행·열 (wte[5][3])
        named = {
            v: f"{name}[{r}][{c}]"
            for name, rows in state.items()
            for r, row in enumerate(rows)
            for c, v in enumerate(row)
        }
    else:
        values = params.parameters() if hasattr(params, "parameters") else list(params)
        named = {v: f"p[{k + 1}]" for k, v in enumerate(values) if isinstance(v, Value)}
    return {v: name for v, name in named.items() if v in in_graph and not v.inputs and not v.label}


def _matrices(model: Any) -> dict[str, list[list[Value]]] | None:
    """``state_dict()``가 이름 → 행(Value 목록)들의 사전인 모델(GPT)이면 그 사전."""
    get = getattr(model, "state_dict", None)
    if not callable(get):
        return None
    state = get()
    if not isinstance(state, dict) or not state:
        return None
    for rows in state.values():
        if not isinstance(rows, list) or not all(
            isinstance(row, list) and all(isinstance(v, Value) for v in row) for row in rows
        ):
            return None
    return state


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


def node_record(
    node: Value, index: dict[Value, int], param: str | None, role: str | None = None
) -> dict[str, Any]:
    """노드 하나의 기록: 이름표, 연산, 입력 번호들(잎이면 값), 매개변수의 자리 이름, 잎의 뜻
    (``role``: ``입력 x[1]``, ``정답 y``처럼 구조로 알아낸 이름)."""
    record: dict[str, Any] = {
        "label": page_text(node.label),
        "op": op_key(node.op) if node.inputs else "",
    }
    if node.inputs:
        record["prev"] = [index[c] for c in node.inputs]
        if node.arg is not None:
            record["arg"] = finite_or_text(node.arg)
    else:
        record["value"] = finite_or_text(node.data)
        if param is not None:
            record["param"] = param
        elif role is not None:
            record["role"] = role
    return record


def finite_or_text(x: Any) -> Any:
    """JSON 에는 NaN·inf가 없으므로 글로 적습니다 (페이지가 다시 숫자로 읽음).

    묶은 연산의 매개변수처럼 여러 수로 된 것(튜플)은 하나씩."""
    if isinstance(x, (tuple, list)):
        return [finite_or_text(item) for item in x]
    return x if math.isfinite(x) else repr(x)


# 주소 조각에서 잎의 값이 아닌 것에 쓰는 열쇠들, 그리고 그와 겹치지 않게 잎의 열쇠에 붙이는 표시
RESERVED_KEYS = ("step", "lr", "view")
ESCAPE = "~"


def assign_keys(nodes: list[dict[str, Any]]) -> None:
    """잎 노드마다 주소 조각(``#a=3``)에 쓸 열쇠. 서로 다른 잎은 언제나 서로 다른 열쇠입니다.

    - 이름표가 잎들 사이에서 하나뿐이면 그 이름표, 아니면 매개변수의 자리 이름
      (``w[1][2,3]``), 아니면 ``v번호``. 이름표와 자리 이름이 같으면 둘 다 ``v번호``.
    - 그림의 노드 이름(``v3``)과 같은 이름표는 쓰지 않습니다 (``v번호``와 겹치지 않게).
    - ``step``·``lr``·``view``와 같거나 ``~``로 시작하는 이름은 앞에 ``~``를 붙입니다:
      이름표가 ``view``인 잎의 열쇠는 ``~view``, ``~a``인 잎은 ``~~a``.
    """
    counts: dict[str, int] = {}
    for node in nodes:
        if not node["op"]:
            counts[node["label"]] = counts.get(node["label"], 0) + 1
    wanted: dict[int, str] = {}
    for i, node in enumerate(nodes):
        if node["op"]:
            continue
        label = node["label"]
        if label and counts[label] == 1 and not NODE_NAME.match(label):
            wanted[i] = label
        elif "param" in node:
            wanted[i] = node["param"]
    uses: dict[str, int] = {}
    for name in wanted.values():
        uses[name] = uses.get(name, 0) + 1
    for i, node in enumerate(nodes):
        if node["op"]:
            continue
        name = wanted.get(i)
        if name is None or uses[name] > 1:
            node["key"] = f"v{i}"
        elif name in RESERVED_KEYS or name.startswith(ESCAPE):
            node["key"] = ESCAPE + name
        else:
            node["key"] = name
