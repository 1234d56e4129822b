"""채점기가 쓰는 것을 답이 바꾸지 못하게 지키기: 적어 둔 모습으로 되돌리는 ``guard``.

지키는 것 (규칙 하나): **패키지의 모든 모듈**(``micrograd_kr.*``)과 그 모듈에서 정의한 클래스,
그리고 ``math``, ``builtins``, ``numbers``. 모듈은 이름표(``math.isclose``, ``floats.require_type``
…)를, 클래스는 메서드와 속성(``Value.__mul__``, ``Value.backward`` …)을, ``sys.modules``는 그
모듈을 가리키는 자리를 적어 둡니다. :meth:`Guard.restore`는 바뀌거나 지워진 것을 되돌리고, 클래스에
새로 붙은 속성은 지웁니다. 채점 앞과 학습자 코드를 부를 때마다 되돌립니다.

채점은 보통 자식 프로세스에서 돌므로(:mod:`micrograd_kr.exercises.sandbox`) 답이 바꾼 것은
채점이 끝나면 프로세스와 함께 사라집니다. 그래도 지키기가 있어야 하는 까닭은 둘입니다: 채점
**도중에** 답이 ``math.isclose``를 바꿔 채점기를 속이지 못하게, 그리고 노트북에서 미리 바꿔 둔
``Value.backward``가 채점을 흐리지 못하게.
"""

from __future__ import annotations

import builtins
import math
import numbers
import sys
from types import ModuleType
from typing import Any

__all__ = ["Guard", "guard", "guard_package"]

_MISSING = object()
_NUMBER_ABCS = (numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral)


class Guard:
    """처음 볼 때의 모듈·클래스 사전을 적어 두고, 바뀐 것을 되돌린다."""

    def __init__(self) -> None:
        self._modules: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self._classes: list[tuple[type, dict[str, Any]]] = []
        self._seen: set[int] = set()
        self._sys_modules: dict[str, ModuleType] = {}

    def add_module(self, module: ModuleType, skip_private: bool = False) -> None:
        """``module``의 이름표와, 그 모듈에서 정의한 클래스를 지킵니다 (두 번 불러도 한 번)."""
        if id(module) in self._seen:
            return
        self._seen.add(id(module))
        # builtins의 밑줄 이름(대화형 셸의 `_`, `__IPYTHON__` 등)은 셸의 것이라 지키지 않는다
        saved = {
            k: v
            for k, v in vars(module).items()
            if not (skip_private and k.startswith("_")) and k not in ("__builtins__", "__dict__")
        }
        self._modules.append((vars(module), saved))
        self._sys_modules[module.__name__] = module
        for value in saved.values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                self.add_class(value)

    def add_class(self, cls: type) -> None:
        if id(cls) in self._seen:
            return
        self._seen.add(id(cls))
        self._classes.append((cls, dict(vars(cls))))

    def restore(self) -> None:
        """바뀌거나 지워진 것을 되돌립니다 (모듈에 새로 생긴 이름은 둡니다)."""
        for name, module in self._sys_modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
        for current, saved in self._modules:
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    current[key] = value
        for cls, saved in self._classes:
            current = vars(cls)
            for key in [k for k in current if k not in saved]:
                delattr(cls, key)
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    setattr(cls, key, value)

    def changed(self) -> bool:
        """무엇이든 적어 둔 모습과 다른가 (읽기만 하고 되돌리지는 않습니다)."""
        for name, module in self._sys_modules.items():
            if sys.modules.get(name) is not module:
                return True
        for current, saved in self._modules:
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    return True
        for cls, saved in self._classes:
            current = vars(cls)
            if len(current) != len(saved):
                return True
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    return True
        return False

    def watch_new_package_modules(self) -> None:
        """그사이 처음 읽힌 패키지 모듈(``micrograd_kr.gpt`` 등)도 지키기 시작합니다."""
        for name, module in list(sys.modules.items()):
            if isinstance(module, ModuleType) and (
                name == "micrograd_kr" or name.startswith("micrograd_kr.")
            ):
                self.add_module(module)


def number_registries() -> list[tuple[type, set[type]]]:
    """``numbers``의 추상 클래스마다 ``register``로 등록된 타입들 (예: numpy의 수).

    ``numbers.Real.register(str)`` 같은 바꿈은 클래스 사전이 아니라 ``abc``의 등록부에 남으므로
    따로 적어 둡니다 (:func:`restore_number_registries`).
    """
    import _abc

    found = []
    for cls in _NUMBER_ABCS:
        registry = _abc._get_dump(cls)[0]
        found.append((cls, {ref() for ref in registry if ref() is not None}))
    return found


def restore_number_registries(saved: list[tuple[type, set[type]]]) -> None:
    import _abc

    for cls, types in saved:
        now = {ref() for ref in _abc._get_dump(cls)[0] if ref() is not None}
        if now != types:
            _abc._reset_registry(cls)
            for kind in types:
                cls.register(kind)
        _abc._reset_caches(cls)


guard = Guard()
guard.add_module(math)
guard.add_module(builtins, skip_private=True)
guard.add_module(numbers)


def guard_package() -> None:
    """이미 읽힌 패키지 모듈을 모두 지킨다 (가져오기 순서 때문에 ``exercises``가 따로 부른다)."""
    from micrograd_kr import engine, floats, fused, losses, modes, nn, optim  # noqa: F401

    guard.watch_new_package_modules()
