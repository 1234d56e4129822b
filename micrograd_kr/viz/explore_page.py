"""역전파 탐험기의 쪽(page): 파일 하나로 된 HTML — 스타일, 자료(JSON), 그림(SVG), 스크립트.

외부 파일도 네트워크도 쓰지 않습니다. 자료는 ``<script>``를 빠져나갈 수 없는 JSON으로 넣고,
자바스크립트는 일마다 나뉜 조각 파일들(``PARTS``)을 이어 붙인 뒤 연산 표(``ops.py``)의 규칙을
넣어 만듭니다.
"""

from __future__ import annotations

import html
import json
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

from micrograd_kr.ops import js_table
from micrograd_kr.viz.explore_records import page_text
from micrograd_kr.viz.rendering import RenderError

__all__ = ["PARTS", "Explorer", "check_html_suffix", "page_script"]

# 탐험기의 자바스크립트는 함수 하나인데, 일마다 조각 파일로 나뉘어 있다 (이 차례로 이어 붙임)
PARTS = (
    "explore.js",  # 자료 읽기, 숫자 쓰기, 노드의 이름, 연산 표
    "explore_calc.js",  # 상태와 계산: 순전파, 역전파
    "explore_net.js",  # 신경망 보기의 계산: 뉴런 단위의 걸음과 세 가지 기울기
    "explore_seq.js",  # 위치 보기(GPT)의 계산: 위치마다 단계와 걸음
    "explore_screen.js",  # 화면 만들기: 단추, 설명 칸, 잎 값 칸
    "explore_graph.js",  # 스칼라 그림: 값 자리, 지금 노드 보이기, 전체 지도
    "explore_net_draw.js",  # 신경망 보기와 뉴런 안 그림 그리기
    "explore_draw.js",  # 스칼라 걸음의 설명과 그리기
    "explore_net_text.js",  # 신경망 걸음의 설명
    "explore_seq_draw.js",  # 위치 보기의 그림과 설명
    "explore_controls.js",  # 보기 바꾸기, 한 걸음 학습, 주소 조각, 단추·키·끌기
)

# 파일로 저장한 쪽의 바탕: 탐험기 둘레까지 밝은 화면·어두운 화면을 따른다
PAGE_STYLE = (
    "html{color-scheme:light dark}"
    "body{margin:0;padding:0.4em;background:#fff;color:#222}"
    "@media (prefers-color-scheme: dark){body{background:#16181c;color:#e9ecef}}"
)


class Explorer:
    """역전파 탐험기 한 쪽. 주피터에서는 그 자리에 보이고 ``save``로 HTML 파일이 됩니다.

    그림을 그릴 프로그램이 없으면(Python 3.10에 시스템 Graphviz도 없을 때) 주피터에서는
    그 까닭과 얻는 방법을 글로 보이고, ``save``·``to_html``은 ``RenderError``를 냅니다.
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
            f"<title>{title}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n"
            f"{self._fragment(standalone=True)}\n</body>\n</html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """HTML 파일로 저장하고 그 경로를 돌려줍니다. 이름은 ``.html`` (또는 ``.htm``)로 끝나야
        합니다: ``x.svg`` 같은 이름에 HTML을 쓰면 그 파일을 여는 프로그램이 읽지 못합니다."""
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
        # 신경망·위치 보기로 시작하면 큰 스칼라 그림은 <template> 안에: 누를 때에야 화면에 놓는다
        svg = self.svg if self.data.get("view") == "full" else f"<template>{self.svg}</template>"
        return (
            f'<div class="mgk-explorer" id="{uid}" lang="ko">\n'
            f"<style>{_asset('explore.css')}</style>\n"
            '<script type="application/json" class="mgk-data">'
            f"{_json_for_script(config)}</script>\n"
            f'<div class="mgk-graph">{svg}</div>\n'
            f'<script>({page_script()})(document.getElementById("{uid}"));</script>\n'
            "</div>"
        )


def check_html_suffix(path: str | Path) -> None:
    """탐험기 파일의 이름이 ``.html``/``.htm``으로 끝나지 않으면 ValueError (고칠 이름과 함께)."""
    name = Path(path)
    if name.suffix.lower() in (".html", ".htm"):
        return
    better = name.with_suffix(".html") if name.suffix else Path(f"{name}.html")
    raise ValueError(
        f"탐험기는 HTML 파일입니다: '{page_text(str(name))}' 대신 '{page_text(str(better))}'처럼 "
        ".html 로 끝나는 이름을 주세요 (그림 파일은 draw_graph 나 micrograd-kr draw 로 만듭니다)."
    )


def _json_for_script(data: Any) -> str:
    """<script> 안에 넣어도 안전한 JSON: '</script>' 나 '<!--'로 빠져나갈 수 없게 합니다."""
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
