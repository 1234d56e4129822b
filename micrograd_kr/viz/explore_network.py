"""역전파 탐험기의 신경망 보기(network view): 스칼라 그래프에서 층과 뉴런을 찾아냅니다.

``nn``으로 만든 모델의 그래프는 모양이 정해져 있습니다. 뉴런 하나는 ``linear`` 노드(가중합
Σ wᵢ·xᵢ + b) 하나와, 있으면 그 뒤의 활성화 노드(ReLU, tanh, ...) 하나입니다. 다음 층 뉴런의
입력 칸 i에는 앞 층 i번째 뉴런의 출력이 들어가고, 첫 층의 입력 칸에는 데이터가 들어갑니다.
마지막 층의 출력 뒤는 손실(loss)입니다. 이 파일은 그 모양을 그래프의 구조만으로 알아보고
(이름표를 붙여 두지 않아도), 페이지에 넣을 자료(층, 뉴런, 표본마다 노드 번호)를 만듭니다.
모양이 조금이라도 다르면(매개변수를 손실에서도 쓰거나, 층 사이에 다른 계산이 있으면) 알아보지
않고 ``None``: 그때 탐험기는 스칼라 그림만 보입니다.

이름도 구조로 붙입니다: 첫 층의 입력 칸에 들어간 잎은 ``입력 x[1]``, 마지막 층의 출력에서
빼는 잎(mse)이나 출력에 곱하는 잎(hinge)은 ``정답 y``, hinge의 여유는 ``여유(margin)``, 평균을
내려고 곱하는 1/N은 ``1/N (평균, N=3)``. 표본이 여럿이면 뒤에
``(표본 2)``가 붙습니다.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from micrograd_kr.engine import Value

__all__ = ["ACTIVATIONS", "Network", "find_network", "leaf_roles", "neuron_positions"]

# 뉴런의 가중합 뒤에 오는 활성화(activation) 연산들 (nn.py 의 활성화 함수가 만드는 것)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "elu")


@dataclass
class Network:
    """그래프 속 신경망. 노드는 모두 위상 정렬 번호(``index``)로 적습니다.

    - ``sizes``: 층마다 뉴런 수 (첫 층부터). ``inputs``: 입력 수.
    - ``activations``: 층마다 활성화 연산 이름 (없으면 ``"linear"``).
    - ``params``: ``params[l][j] = (가중치 번호들, 편향 번호)``.
    - ``samples``: 표본마다 ``{"x": 입력 번호들, "z": [[층 l 뉴런 j의 가중합 번호]],
      "a": [[출력 번호]]}``. 활성화가 없는 뉴런은 z와 a가 같습니다.
    - ``head``: 손실을 계산하는 노드들 (마지막 층의 출력 뒤). ``pre``: 입력을 만드는 노드들.
    """

    inputs: int
    sizes: list[int]
    activations: list[str]
    params: list[list[tuple[list[int], int]]]
    samples: list[dict[str, Any]]
    head: list[int] = field(default_factory=list)
    pre: list[int] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """페이지의 자바스크립트가 읽는 JSON 모양."""
        return {
            "inputs": self.inputs,
            "sizes": self.sizes,
            "activations": self.activations,
            "params": [[[w, b] for w, b in layer] for layer in self.params],
            "samples": self.samples,
            "head": self.head,
            "pre": self.pre,
        }


def neuron_positions(order: list[Value]) -> dict[Value, tuple[int, int]]:
    """``linear`` 노드의 편향 → (층, 뉴런) 번호 (1부터). 층은 그 노드 아래 ``linear``의 깊이,
    뉴런 번호는 그 층에서 처음 나온 차례의 거꾸로 (위상 정렬은 입력을 뒤에서부터 찾아가므로
    한 층의 뉴런들은 뒤 뉴런부터 처음 나온다). ``MLP``의 층과 뉴런 번호와 같습니다."""
    depth: dict[Value, int] = {}
    found: dict[int, list[Value]] = {}
    seen: set[Value] = set()
    for node in order:
        below = max((depth[c] for c in node.inputs), default=0)
        depth[node] = below + (1 if node.op == "linear" else 0)
        if node.op != "linear" or len(node.inputs) < 3 or node.inputs[-1] in seen:
            continue
        seen.add(node.inputs[-1])
        found.setdefault(depth[node], []).append(node.inputs[-1])
    return {
        bias: (layer, j)
        for layer, biases in found.items()
        for j, bias in enumerate(reversed(biases), start=1)
    }


def find_network(order: list[Value], params: dict[Value, str]) -> Network | None:
    """그래프가 ``nn`` 뉴런들의 층으로 되어 있으면 그 ``Network``, 아니면 None."""
    try:
        return _find(order, params)
    except _NotANetwork:
        return None


class _NotANetwork(Exception):
    pass


def _need(condition: bool) -> None:
    if not condition:
        raise _NotANetwork


def _find(order: list[Value], params: dict[Value, str]) -> Network | None:
    index = {node: i for i, node in enumerate(order)}
    users: dict[Value, list[Value]] = {}
    for node in order:
        for child in node.inputs:
            users.setdefault(child, []).append(node)
    linears = [n for n in order if n.op == "linear"]
    if not linears:
        return None
    where = neuron_positions(order)
    units: dict[tuple[int, int], tuple[tuple[Value, ...], Value]] = {}
    for z in linears:
        k = len(z.inputs)
        _need(k >= 3 and k % 2 == 1)
        m = (k - 1) // 2
        ws, b = z.inputs[:m], z.inputs[-1]
        _need(all(p in params and not p.inputs for p in (*ws, b)))
        place = where[b]
        _need(units.setdefault(place, (ws, b)) == (ws, b))  # 같은 뉴런은 언제나 같은 매개변수
    layers = max(layer for layer, _ in units)
    sizes = [sum(1 for layer, _ in units if layer == li) for li in range(1, layers + 1)]
    _need(all(n > 0 for n in sizes))
    _need(all((li, j) in units for li in range(1, layers + 1) for j in range(1, sizes[li - 1] + 1)))
    nin = len(units[(1, 1)][0])
    _need(all(len(units[(li, j)][0]) == (nin if li == 1 else sizes[li - 2]) for li, j in units))
    # 매개변수는 linear 의 가중치·편향 칸에서만 쓴다 (손실의 정규화 항 같은 다른 쓰임이 없다)
    param_nodes = {p for ws, b in units.values() for p in (*ws, b)}
    for p in param_nodes:
        _need(all(u.op == "linear" for u in users.get(p, [])))
    _need(all(p in param_nodes for p in params if p in index))

    # 뉴런 하나의 출력: 가중합 하나만 받는 활성화 노드가 있으면 그것, 없으면 가중합 자신
    output: dict[Value, Value] = {}
    for z in linears:
        after = users.get(z, [])
        if len(after) == 1 and after[0].op in ACTIVATIONS and len(after[0].inputs) == 1:
            output[z] = after[0]
        else:
            output[z] = z
    placed = {z: where[z.inputs[-1]] for z in linears}

    # 표본(sample): 첫 층 뉴런들은 같은 입력 칸을 받으면 같은 표본, 그 뒤 층은 입력을 준 뉴런의 표본
    sample_of: dict[Value, tuple[int, ...]] = {}
    by_output = {a: z for z, a in output.items()}
    for z in linears:
        layer, j = placed[z]
        m = (len(z.inputs) - 1) // 2
        xs = z.inputs[m : 2 * m]
        if layer == 1:
            _need(not any(x in by_output or x.op == "linear" for x in xs))
            sample_of[z] = tuple(index[x] for x in xs)
            continue
        feeders = [by_output.get(x) for x in xs]
        _need(all(f is not None for f in feeders))
        _need([placed[f] for f in feeders] == [(layer - 1, i) for i in range(1, len(xs) + 1)])
        keys = {sample_of[f] for f in feeders}
        _need(len(keys) == 1)
        sample_of[z] = keys.pop()
    table: dict[tuple[int, ...], dict[tuple[int, int], Value]] = {}
    for z in linears:
        _need(table.setdefault(sample_of[z], {}).setdefault(placed[z], z) is z)
    _need(all(len(found) == len(units) for found in table.values()))
    # 앞 층 뉴런의 출력은 다음 층 뉴런의 입력 칸에만 쓴다
    last = layers
    for z in linears:
        a = output[z]
        if placed[z][0] < last:
            _need(all(u.op == "linear" and placed[u][0] == placed[z][0] + 1 for u in users[a]))

    ordered = _samples_in_data_order(order[-1], table, output, last)
    net_nodes = set(param_nodes) | set(linears) | set(output.values())
    pre = _ancestors([order[i] for key in table for i in key])
    _need(not (pre & net_nodes))
    head = [n for n in order if n not in net_nodes and n not in pre]
    finals = {output[z] for z in linears if placed[z][0] == last}
    head_set = set(head)
    for n in head:  # 손실 부분은 뉴런으로 돌아가지 않는다
        _need(all(u in head_set for u in users.get(n, [])))
        _need(all(c in head_set or c in finals or c in pre for c in n.inputs))
    if not head:
        _need(len(ordered) == 1 and order[-1] in finals)
    samples = []
    for key in ordered:
        found = table[key]
        zs = [
            [index[found[(li, j)]] for j in range(1, sizes[li - 1] + 1)]
            for li in range(1, last + 1)
        ]
        samples.append(
            {
                "x": list(key),
                "z": zs,
                "a": [[index[output[order[i]]] for i in row] for row in zs],
            }
        )
    activations = []
    for li in range(1, last + 1):
        kinds = {
            output[z].op if output[z] is not z else "linear" for z in linears if placed[z][0] == li
        }
        _need(len(kinds) == 1)
        activations.append(kinds.pop())
    return Network(
        inputs=nin,
        sizes=sizes,
        activations=activations,
        params=[
            [
                ([index[w] for w in units[(li, j)][0]], index[units[(li, j)][1]])
                for j in range(1, sizes[li - 1] + 1)
            ]
            for li in range(1, last + 1)
        ],
        samples=samples,
        head=[index[n] for n in head],
        pre=sorted(index[n] for n in pre),
    )


def _ancestors(starts: list[Value]) -> set[Value]:
    seen: set[Value] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return seen


def _samples_in_data_order(
    root: Value,
    table: dict[tuple[int, ...], dict[tuple[int, int], Value]],
    output: dict[Value, Value],
    last: int,
) -> list[tuple[int, ...]]:
    """표본의 차례: 손실을 뿌리에서 입력의 왼쪽부터 따라 내려가며 출력을 만나는 차례.
    ``mse([model(x) for x in xs], ys)``의 표본 1은 ``xs[0]``입니다."""
    final_of = {
        output[z]: key for key, found in table.items() for (li, _), z in found.items() if li == last
    }
    ordered: list[tuple[int, ...]] = []
    seen: set[Value] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        key = final_of.get(node)
        if key is not None:
            if key not in ordered:
                ordered.append(key)
            continue
        stack.extend(reversed(node.inputs))
    return ordered + [key for key in table if key not in ordered]


def leaf_roles(order: list[Value], net: Network | None) -> dict[Value, str]:
    """이름표 없는 잎에 뜻으로 붙이는 이름: ``입력 x[1]``, ``정답 y``, ``여유(margin)``,
    ``1/N (평균, N=3)``."""
    if net is None:
        return {}
    roles: dict[Value, str] = {}
    many = len(net.samples) > 1
    finals: dict[int, tuple[int, int]] = {}
    for s, sample in enumerate(net.samples, start=1):
        suffix = f" (표본 {s})" if many else ""
        for i, x in enumerate(sample["x"], start=1):
            roles.setdefault(order[x], f"입력 x[{i}]{suffix}")
        for k, a in enumerate(sample["a"][-1], start=1):
            finals[a] = (s, k)
    outputs = len(net.sizes) and net.sizes[-1]
    index = {node: i for i, node in enumerate(order)}
    users: dict[Value, list[Value]] = {}
    for i in net.head:
        for c in order[i].inputs:
            users.setdefault(c, []).append(order[i])
    for i in net.head:
        node = order[i]
        if node.op == "-" and len(node.inputs) == 2:  # 예측 - 정답 (mse)
            pred, target = node.inputs
            place = finals.get(index[pred])
            if place is not None and _bare(target):
                s, k = place
                name = "정답 y" if outputs == 1 else f"정답 y[{k}]"
                roles.setdefault(target, name + (f" (표본 {s})" if many else ""))
        elif node.op == "*" and len(node.inputs) == 2:
            label, score = node.inputs
            place = finals.get(index[score])
            if place is not None and _bare(label):  # 정답 × 점수 (hinge: 정답은 -1 또는 +1)
                s, k = place
                name = "정답 y" if outputs == 1 else f"정답 y[{k}]"
                roles.setdefault(label, name + (f" (표본 {s})" if many else ""))
                margin = [u for u in users.get(node, []) if u.op == "-" and u.inputs[1] is node]
                for u in margin:  # 여유 - 정답 × 점수
                    if _bare(u.inputs[0]):
                        roles.setdefault(u.inputs[0], "여유(margin)")
                continue
            total, c = node.inputs  # (항의 합) × 1/N
            terms = _count_terms(total)
            if _bare(c) and terms and abs(c.data * terms - 1.0) < 1e-12:
                roles.setdefault(c, f"1/N (평균, N={terms})")
    return {leaf: name for leaf, name in roles.items() if _bare(leaf)}


def _bare(node: Value) -> bool:
    """이름표 없는 잎 노드인가."""
    return not node.inputs and not node.label


def _count_terms(node: Value) -> int:
    """덧셈(+)이나 합(sum)으로 이어진 항의 수 (덧셈이 아니면 항 하나)."""
    count, stack = 0, [node]
    while stack:
        n = stack.pop()
        if n.op in ("+", "sum") and n.inputs:
            stack.extend(n.inputs)
        else:
            count += 1
    return count
