"""GPT의 크기 어림: 매개변수 수, 메모리, 학습 한 단계의 시간 — 만들기 **전에**.

``GPT(10**9)``나 글자 종류가 13만 개인 파일처럼 메모리에 들지 않을 크기는 시작하기 전에
어림값과 고칠 것을 밝혀 거절합니다 (``micrograd_kr.limits.check_memory``와 같은 규칙).
시간은 거절하지 않고 알려 줍니다: 학습은 Ctrl-C로 언제든 멈추고 배운 데까지 저장하니까요.

어림의 바탕 (CPython 3.11, 64비트, ``tracemalloc``과 ``perf_counter``로 잰 값, tests에서 다시 잼):

- 매개변수 하나: ``Value``와 float, ``WeightMatrix``의 사본(튜플, numpy 배열), Adam의 상태까지
  약 200바이트 → ``limits.BYTES_PER_PARAMETER`` (250)로 넉넉히.
- 학습 한 단계의 계산 그래프: 간선(edge, 입력 하나와 그 국소 미분 하나)마다 약 27–40바이트.
- 간선 수: 위치(토큰) 하나에 ``lm_head``와 교차 엔트로피가 ``vocab_size × n_embd``, 층마다
  선형 층들이 약 ``16 × n_embd²``, 어텐션이 ``4 × n_embd × t + n_head × t²`` (t는 지금까지의
  위치 수).
- 시간: 간선 하나에 약 270 ns (2코어 컴퓨터에서 잰 값; 느린 컴퓨터에서는 더 걸림).
"""

from __future__ import annotations

from micrograd_kr import limits

BYTES_PER_EDGE = 40
SECONDS_PER_EDGE = 270e-9


def parameter_count(vocab_size: int, n_layer: int, n_embd: int, block_size: int) -> int:
    """``GPT(vocab_size, n_layer, n_embd, block_size=...)``의 매개변수 수.

    ``wte``와 ``lm_head``가 ``vocab_size × n_embd``씩, ``wpe``가 ``block_size × n_embd``,
    층마다 어텐션 네 행렬(``4 × n_embd²``)과 4배 넓은 MLP 두 행렬(``8 × n_embd²``)."""
    return (2 * vocab_size + block_size) * n_embd + n_layer * 12 * n_embd * n_embd


def edges_per_step(vocab_size: int, n_layer: int, n_embd: int, n_head: int, positions: int) -> int:
    """토큰 ``positions + 1`` 개짜리 낱말 하나로 학습하는 한 단계의 계산 그래프 간선 수 (어림)."""
    total = 0
    for t in range(1, positions + 1):
        block = 16 * n_embd * n_embd + 4 * n_embd * t + n_head * t * t + 12 * n_embd
        total += vocab_size * n_embd + n_layer * block + 5 * n_embd
    return total


def check_model(config: dict[str, int]) -> None:
    """매개변수가 메모리에 들지 않을 모양이면 만들기 전에 ``SizeLimitError`` (``ValueError``)."""
    count = parameter_count(
        config["vocab_size"], config["n_layer"], config["n_embd"], config["block_size"]
    )
    limits.check_memory(
        count * limits.BYTES_PER_PARAMETER,
        f"GPT({_shape(config)})의 매개변수 {limits.format_count(count)}개",
        _HINT,
    )


def check_training(config: dict[str, int], longest: int | None = None) -> None:
    """매개변수와 학습 한 단계의 계산 그래프가 메모리에 들지 않으면 학습을 시작하기 전에
    ``SizeLimitError``. ``longest``는 가장 긴 토큰 목록의 길이 (없으면 블록이 꽉 찬다고 봄)."""
    count = parameter_count(
        config["vocab_size"], config["n_layer"], config["n_embd"], config["block_size"]
    )
    positions = config["block_size"] if longest is None else min(config["block_size"], longest - 1)
    edges = _edges(config, max(positions, 1))
    limits.check_memory(
        count * limits.BYTES_PER_PARAMETER + edges * BYTES_PER_EDGE,
        f"GPT({_shape(config)})의 매개변수 {limits.format_count(count)}개와 학습 한 단계의 "
        f"계산 그래프(간선 {limits.format_count(edges)}개)",
        _HINT,
    )


def step_seconds(config: dict[str, int], positions: int) -> float:
    """토큰 위치 ``positions`` 개짜리 학습 한 단계의 어림 시간(초)."""
    return _edges(config, positions) * SECONDS_PER_EDGE


def format_seconds(seconds: float) -> str:
    """``42초``, ``15분``, ``2.5시간``, ``3.1일``."""
    if seconds < 60:
        return f"{seconds:.0f}초"
    if seconds < 3600:
        return f"{seconds / 60:.0f}분"
    if seconds < 86400:
        return f"{seconds / 3600:.1f}시간"
    return f"{seconds / 86400:,.1f}일"


def _edges(config: dict[str, int], positions: int) -> int:
    return edges_per_step(
        config["vocab_size"], config["n_layer"], config["n_embd"], config["n_head"], positions
    )


def _shape(config: dict[str, int]) -> str:
    return ", ".join(f"{key}={limits.format_count(value)}" for key, value in config.items())


_HINT = (
    "vocab_size(글자 종류: 명령줄에서는 글자 종류가 적은 파일), n_embd, n_layer, block_size를 "
    "줄이세요. 이 엔진은 순수 파이썬이라 매개변수 하나, 간선 하나가 모두 파이썬 객체입니다."
)
