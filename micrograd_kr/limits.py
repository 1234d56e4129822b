"""메모리에 들어가지 않을 크기를 **시작하기 전에** 거절합니다.

순수 파이썬 엔진에서는 매개변수 하나, 계산 그래프(computational graph)의 간선 하나까지 모두
파이썬 객체입니다. 크기를 잘못 주면(예: 은닉층 100000 × 100000) 메모리를 끝없이 먹다가
운영체제가 프로세스를 죽입니다. 여기서는 필요한 메모리를 어림하고, 쓸 수 있는 메모리보다
크면 어림값을 밝힌 한국어 ``ValueError``를 일으킵니다.

어림값은 CPython 3.11, 64비트에서 ``tracemalloc``으로 잰 값입니다 (tests에서 다시 잽니다).

- 매개변수 하나: ``Value`` 객체와 float, 학습 중 기울기 float와 Adam의 상태(m, v)까지
  약 250바이트.
- 그래프: 샘플 하나의 순전파·역전파에 간선(edge)마다 약 16바이트(입력 튜플과 국소 미분
  튜플의 칸 하나씩), 뉴런마다 약 400바이트(노드 두 개, 튜플, 기울기 float), 샘플마다 약
  1.5 KB (입력 Value, 목록, 손실 노드, 데이터 사본).

이 모듈은 우리 패키지의 다른 모듈을 가져오지 않습니다.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

BYTES_PER_PARAMETER = 250
BYTES_PER_EDGE = 16
BYTES_PER_NEURON = 400
BYTES_PER_SAMPLE = 1_500
BYTES_PER_DATA_ROW = 400  # numpy 배열과 그 임시 배열들, 학습용 파이썬 목록 사본

# 쓸 수 있는 메모리 가운데 이만큼까지만 쓴다고 본다 (운영체제와 다른 프로그램 몫을 남김)
USABLE_FRACTION = 0.75
# 이보다 작은 어림값은 운영체제에 묻지도 않고 통과시킨다 (흔한 경우를 빠르게)
SMALL = 256 * 1024 * 1024
# 쓸 수 있는 메모리를 알 수 없는 운영체제에서 가정하는 값
FALLBACK_AVAILABLE = 16 * 1024**3


def mlp_parameter_count(nin: int, nouts: Sequence[int]) -> int:
    """MLP(nin, nouts)의 매개변수 개수: 층마다 (입력 수 + 1) × 뉴런 수."""
    sizes = [nin, *nouts]
    return sum((sizes[i] + 1) * sizes[i + 1] for i in range(len(nouts)))


def graph_bytes_per_sample(nin: int, nouts: Sequence[int]) -> int:
    """MLP에 샘플 하나를 통과시키고 역전파할 때 살아 있는 그래프의 어림 크기(바이트)."""
    sizes = [nin, *nouts]
    edges = sum(sizes[i + 1] * (2 * sizes[i] + 1) for i in range(len(nouts)))
    return edges * BYTES_PER_EDGE + sum(nouts) * BYTES_PER_NEURON + BYTES_PER_SAMPLE


def available_memory() -> int | None:
    """이 프로세스가 더 쓸 수 있는 메모리(바이트)의 어림. 알 수 없으면 None.

    리눅스의 MemAvailable, 컨테이너(cgroup)의 한도, ``ulimit -v`` (RLIMIT_AS) 가운데
    가장 작은 값을 씁니다. 그 밖의 운영체제는 물리 메모리 크기.
    """
    candidates = [m for m in (_meminfo(), _cgroup_room(), _address_space_room()) if m]
    if not candidates:
        candidates = [m for m in (_physical(),) if m]
    return min(candidates) if candidates else None


def _meminfo() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_room() -> int | None:
    try:
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as f:
            limit = f.read().strip()
        if limit == "max":
            return None
        with open("/sys/fs/cgroup/memory.current", encoding="ascii") as f:
            used = int(f.read().strip())
        return max(int(limit) - used, 0)
    except (OSError, ValueError):
        return None


def _address_space_room() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    used = _virtual_size() or 0
    return max(soft - used, 0)


def _virtual_size() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _physical() -> int | None:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def format_bytes(n: float) -> str:
    """바이트 수를 읽기 쉽게: 1.5 GB, 750.0 TB."""
    for unit, scale in (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)}바이트"


def format_count(n: int) -> str:
    """큰 개수를 한국어 단위로: 30억, 3조, 1만 2000처럼 (어림값)."""
    for unit, scale in (("경", 10**16), ("조", 10**12), ("억", 10**8), ("만", 10**4)):
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10**4 else f"{value:.3g}"
            return f"약 {text}{unit}"
    return str(n)


def check_memory(estimate: int, what: str, hint: str) -> None:
    """어림값 ``estimate`` (바이트)가 쓸 수 있는 메모리에 들어가지 않으면 ``ValueError``.

    ``what``은 무엇에 그만큼 드는지("이 모델의 매개변수 30억 개"), ``hint``는 어떻게 하면
    되는지("은닉층을 줄이세요")입니다. 메시지에는 어림값과 쓸 수 있는 메모리를 밝힙니다.
    """
    if estimate < SMALL:
        return
    available = available_memory()
    assumed = available is None
    if available is None:
        available = FALLBACK_AVAILABLE
    if estimate <= available * USABLE_FRACTION:
        return
    room = f"쓸 수 있는 메모리 약 {format_bytes(available)}"
    if assumed:
        room = f"쓸 수 있는 메모리를 알 수 없어 {format_bytes(available)}로 가정"
    raise SizeLimitError(
        f"{what}에 메모리가 약 {format_bytes(estimate)} 필요해 시작하지 않습니다 ({room}). {hint}"
    )


class SizeLimitError(ValueError):
    """메모리에 들지 않을 크기를 미리 거절할 때의 오류 (``ValueError``, 명령줄의 종료 코드 2)."""
