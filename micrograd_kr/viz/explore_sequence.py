"""역전파 탐험기의 위치 보기(sequence view): 위치마다 손실을 더한 그래프(작은 GPT)를 묶습니다.

``GPT.loss(tokens)``의 그래프는 노드가 수천 개라 스칼라 그림으로는 따라갈 수 없습니다. 그러나
모양은 정해져 있습니다: 출력은 위치마다의 손실을 더한 합(``sum`` 노드 하나)에 1/n을 곱한 것이고,
위치 p의 손실은 위치 p까지의 토큰으로 계산됩니다. 이 파일은 그래프의 구조와 연산 표(``ops.py``)의
이름만 읽어 노드를 묶습니다 (GPT의 코드는 읽지 않으므로, 묶은 연산이 새로 생겨도 연산 표에 칸
하나만 있으면 됩니다):

- 위치: 노드가 닿는 손실 가운데 가장 앞 위치 (위치 p에서 만든 노드는 손실 p에 처음 닿는다)
- 단계: 같은 위치, 같은 연산, 같은 깊이(그 위치 안에서 입력 쪽으로의 가장 긴 길)의 노드들.
  예: 위치 2의 "배율 곱한 점곱 ×48" (질의·키·값), "소프트맥스 ×12" (헤드마다 어텐션 가중치)
- 노드의 이름: 연산 표의 한국어 이름과 그 단계 안의 차례, 위치: ``소프트맥스 3 @2``

잎(매개변수)은 단계가 아니고, 입력으로 쓰인 단계의 설명에서 부릅니다.
"""

from __future__ import annotations

from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.ops import lookup

__all__ = ["find_sequence", "mean_role"]


def find_sequence(order: list[Value]) -> dict[str, Any] | None:
    """위치마다의 손실을 더한 그래프면 위치 보기의 자료, 아니면 None."""
    root = order[-1]
    total = root
    if root.op == "*" and len(root.inputs) == 2 and not root.inputs[1].inputs:
        total = root.inputs[0]  # 평균: 합 × 1/n
    if total.op != "sum" or len(total.inputs) < 2:
        return None
    losses = list(total.inputs)  # 위치마다의 손실, 위치 차례로 (sum_values 의 입력)
    if len(set(losses)) < len(losses) or any(not n.inputs for n in losses):
        return None
    index = {node: i for i, node in enumerate(order)}
    place: dict[Value, int] = {}
    for p, loss in enumerate(losses):  # 앞 위치부터: 이미 앞 위치에 닿은 노드에서는 멈춘다
        stack = [loss]
        while stack:
            node = stack.pop()
            if node in place or not node.inputs:
                continue
            place[node] = p
            stack.extend(node.inputs)
    head = [n for n in order if n.inputs and n not in place]  # 합과 평균
    depth: dict[Value, int] = {}
    groups: dict[tuple[int, str, int], list[int]] = {}
    for node in order:
        if node not in place:
            continue
        p = place[node]
        depth[node] = 1 + max((depth[c] for c in node.inputs if place.get(c) == p), default=-1)
        groups.setdefault((p, node.op, depth[node]), []).append(index[node])
    stages = []
    for (p, op, d), members in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[1][0])
    ):
        found = lookup(op)
        stages.append(
            {
                "p": p,
                "op": op,
                "depth": d,
                "word": found.word if found else op,
                "nodes": members,
                "earlier": sorted(
                    {
                        place[c]
                        for i in members
                        for c in order[i].inputs
                        if c in place and place[c] < p
                    }
                ),
            }
        )
    _name_roles(stages, order, index, losses)
    return {
        "positions": len(losses),
        "losses": [index[n] for n in losses],
        "stages": stages,
        "head": [index[n] for n in head],
        "place": {index[n]: p for n, p in place.items()},
    }


def mean_role(order: list[Value], seq: dict[str, Any] | None) -> dict[Value, str]:
    """평균을 내려고 곱한 1/n 잎의 이름: ``1/N (평균, N=8)``."""
    root = order[-1]
    if seq is None or root.op != "*" or len(root.inputs) != 2:
        return {}
    c = root.inputs[1]
    n = seq["positions"]
    if c.inputs or c.label or abs(c.data * n - 1.0) > 1e-12:
        return {}
    return {c: f"1/N (평균, N={n})"}


def _name_roles(
    stages: list[dict[str, Any]], order: list[Value], index: dict[Value, int], losses: list[Value]
) -> None:
    """단계마다 구조로 알 수 있는 역할을 ``role``에 (모르면 연산 이름 그대로): 잎 둘을 더하면
    임베딩, 소프트맥스에 들어가면 어텐션 점수, 소프트맥스를 받으면 값의 가중합, 얕은 단계와 깊은
    단계를 더하면 잔차 연결, 위치의 손실이면 다음 토큰 손실."""
    stage_of = {i: k for k, stage in enumerate(stages) for i in stage["nodes"]}
    ends = {index[n] for n in losses}
    feeds: dict[int, set[str]] = {}
    for stage in stages:
        for i in stage["nodes"]:
            for c in order[i].inputs:
                if index[c] in stage_of:
                    feeds.setdefault(stage_of[index[c]], set()).add(stage["op"])
    for k, stage in enumerate(stages):
        first = order[stage["nodes"][0]]
        sources = [stage_of.get(index[c]) for c in first.inputs]
        depths = {stages[j]["depth"] for j in sources if j is not None}
        word = stage["word"]
        if stage["nodes"][0] in ends:
            role = "다음 토큰 손실"
        elif stage["op"] == "+" and all(not c.inputs for c in first.inputs):
            role = "임베딩: 토큰 + 위치"
        elif stage["op"] == "softmax":
            role = "어텐션 가중치 (소프트맥스)"
        elif "softmax" in feeds.get(k, set()):
            role = f"어텐션 점수 ({word})"
        elif any(j is not None and stages[j]["op"] == "softmax" for j in sources):
            role = f"값의 가중합 ({word})"
        elif stage["op"] == "+" and len(depths) == 2 and max(depths) - min(depths) > 1:
            role = "잔차 연결 (덧셈)"
        else:
            role = word
        stage["role"] = role
