"""명령줄의 식(expression) 그림: ``micrograd-kr draw|explore EXPR --set a=2 b=1 -o 파일``.

식이 잘못되었으면 문제가 된 곳을 한국어로 알리고 종료 코드(exit status) 2를 돌려주며,
파일은 쓰지 않습니다 (모든 검사와 계산이 끝난 뒤에만 씁니다).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from micrograd_kr.engine import Value
from micrograd_kr.expression import ExpressionError, build_expression
from micrograd_kr.files import check_output_path
from micrograd_kr.floats import short_repr, short_text
from micrograd_kr.korean import particle
from micrograd_kr.viz.commands import GRAPHS, NAMES

BAD_INPUT = 2  # 잘못된 입력의 종료 코드 (argparse 와 같음)


def parse_settings(items: Sequence[str] | None) -> dict[str, float]:
    """``["a=2", "b=-1.5"]`` → ``{"a": 2.0, "b": -1.5}``. 잘못된 항목은 ExpressionError."""
    values: dict[str, float] = {}
    for item in items or ():
        name, sep, raw = item.partition("=")
        name = unicodedata.normalize("NFKC", name.strip())
        if not sep or not name:
            raise ExpressionError(
                f"--set 의 항목 {short_repr(item)}는 '이름=값' 꼴이어야 합니다 (예: --set a=2 b=1)."
            )
        try:
            value = float(raw)
        except ValueError:
            raise ExpressionError(
                f"--set {short_text(name, 40)}= 의 값 {particle(short_repr(raw), '은')} 숫자가 "
                "아닙니다. 예: --set a=1.5"
            ) from None
        if name in values:
            raise ExpressionError(
                f"--set 에 이름 {particle(short_repr(name, 40), '이')} 두 번 나옵니다. "
                "한 번만 주세요."
            )
        values[name] = value
    return values


def graph_for(target: str, settings: Sequence[str] | None) -> Value:
    """기본 그림 이름(apple, abb1, ...)이나 식으로 그래프를 만들고 ``backward()``까지 합니다."""
    values = parse_settings(settings)
    if target in GRAPHS:
        if values:
            raise ExpressionError(
                f"기본 그림 '{target}'에는 --set 을 쓸 수 없습니다. 값을 바꾸려면 식으로 쓰세요 "
                '(예: "(a+b)*(b+1)" --set a=3 b=2).'
            )
        return GRAPHS[target]()
    try:
        root = build_expression(target, values)
    except ExpressionError as exc:
        if not values and target.isidentifier():  # 기본 그림 이름의 오타일 수도 있다
            raise ExpressionError(
                f"{exc}\n기본 그림 이름이라면 다음 중 하나입니다: {', '.join(NAMES)}"
            ) from None
        raise
    root.backward()
    return root


def _graph_or_report(target: str, settings: Sequence[str] | None) -> Value | None:
    """``graph_for``와 같되, 잘못된 식이면 그 까닭을 표준 오류에 쓰고 None을 돌려줍니다."""
    try:
        return graph_for(target, settings)
    except ExpressionError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return None


def draw_expression(
    target: str,
    settings: Sequence[str] | None,
    output: str | Path,
    style: str,
    max_nodes: int | None = 500,
) -> int:
    """식의 계산 그래프 그림을 파일로 저장합니다. 종료 코드를 돌려줍니다.

    노드(Value)가 ``max_nodes``보다 많으면 그리지 않고 2 (명령줄: ``--max-nodes N``, ``--all``).
    """
    from micrograd_kr.engine import topological_order
    from micrograd_kr.viz.graph import draw_graph
    from micrograd_kr.viz.render import render

    root = _graph_or_report(target, settings)
    if root is None:
        return BAD_INPUT
    count = len(topological_order(root))
    if max_nodes is not None and count > max_nodes:
        print(
            f"오류: 식의 노드(Value)가 {count}개로 --max-nodes {max_nodes} 보다 많아 그리지 "
            "않습니다. 큰 그림은 알아보기 어렵고 그리는 데도 오래 걸립니다. 식을 줄이거나, 꼭 "
            f"필요하면 --max-nodes {count} 나 --all 을 붙이세요.",
            file=sys.stderr,
        )
        return BAD_INPUT
    check_output_path(output, "그림 파일", create_parents=True)  # 그리기 전에 경로부터
    path = render(draw_graph(root, style=style, max_nodes=None), output)
    print(f"그림을 저장했습니다: {path}")
    return 0


def explore_command(
    target: str, settings: Sequence[str] | None, output: str | Path, style: str
) -> int:
    """역전파 탐험기 HTML 파일을 저장합니다. 종료 코드를 돌려줍니다."""
    from micrograd_kr.viz.explore import check_html_suffix, explore

    if target == "mlp":
        print(
            "오류: mlp 는 신경망 구조 그림이라 탐험기로 볼 수 없습니다. "
            f"계산 그래프 이름({', '.join(GRAPHS)})이나 식을 주세요.",
            file=sys.stderr,
        )
        return BAD_INPUT
    try:
        check_html_suffix(output)  # x.svg 에 HTML 을 쓰지 않는다: 잘못된 입력(종료 코드 2)
    except ValueError as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return BAD_INPUT
    root = _graph_or_report(target, settings)
    if root is None:
        return BAD_INPUT
    check_output_path(output, "탐험기 HTML 파일", create_parents=True)  # 그리기 전에 경로부터
    path = explore(root, style=style).save(output)
    print(f"역전파 탐험기를 저장했습니다: {path} (브라우저로 여세요)")
    return 0
