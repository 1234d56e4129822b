"""비교의 기준선(baseline): 바이그램(bigram) 세기 모델."""

from __future__ import annotations

import math
from collections.abc import Sequence


def bigram_loss(
    train_docs: Sequence[Sequence[int]],
    test_docs: Sequence[Sequence[int]],
    vocab_size: int,
    block_size: int = 16,
    alpha: float = 0.1,
) -> float:
    """바이그램(bigram) 세기 모델의 토큰당 평균 손실(nat): 비교의 기준선(baseline).

    학습용 토큰 목록에서 (앞 토큰, 다음 토큰) 쌍을 세고 ``alpha``를 더해(가산 평활(additive
    smoothing)) 확률로 만든 뒤, 평가용 목록에서 GPT와 같은 위치들(처음 ``block_size`` 개)의
    -log 확률을 평균합니다.
    """
    if not (isinstance(alpha, (int, float)) and 0.0 < alpha < math.inf):
        raise ValueError(
            f"alpha는 0보다 큰 수여야 합니다 (받은 값: {alpha!r}). 0이면 한 번도 못 본 쌍의 "
            "확률이 0이 되어 손실이 무한대입니다."
        )
    counts = [[float(alpha)] * vocab_size for _ in range(vocab_size)]
    for tokens in train_docs:
        for a, b in zip(tokens, tokens[1:]):
            counts[a][b] += 1.0
    log_probs = []
    for row in counts:
        total = sum(row)
        log_probs.append([math.log(c / total) for c in row])
    total, count = 0.0, 0
    for tokens in test_docs:
        n = min(block_size, len(tokens) - 1)
        for pos in range(n):
            total -= log_probs[tokens[pos]][tokens[pos + 1]]
            count += 1
    if count == 0:
        raise ValueError("평가할 토큰이 없습니다. 평가용 토큰 목록을 하나 이상 주세요.")
    return total / count
