"""주피터(Jupyter)에서 ``Value``를 그림으로 보여 주기.

셀의 마지막 줄이 ``Value``이면 IPython이 이 파일이 등록한 함수로 표시합니다: 그 노드까지의
계산 그래프를 SVG로 (큰 그래프는 출력에 가까운 부분만). 그림은 ``micrograd_kr.viz.display``
가 그리고, 엔진은 그림을 모릅니다. 패키지를 불러올 때 IPython이 돌고 있으면 등록됩니다.
"""

from __future__ import annotations

import sys
from typing import Any

from micrograd_kr.engine import Value

__all__ = ["register_display", "value_bundle"]


def value_bundle(value: Value) -> dict[str, str]:
    """표시할 내용: 글자(text/plain)와, 그릴 수 있으면 SVG 그림. 오류는 내지 않습니다."""
    try:
        from micrograd_kr.viz.display import value_mimebundle

        return value_mimebundle(value)
    except Exception:  # 그림은 덤: 어떤 이유로든 못 그리면 글자만 보여 준다
        return {"text/plain": repr(value)}


def register_display(shell: Any = None) -> bool:
    """IPython의 표시 도구(display formatter)에 ``Value``를 등록합니다. 등록했으면 True."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Value, value_bundle)
    return True
