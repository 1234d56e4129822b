"""비교의 기준선(baseline): 바이그램(bigram) 세기 모델."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from micrograd_kr.gpt import checks


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
    vocab_size = checks.whole_number(vocab_size, "vocab_size")
    block_size = checks.whole_number(block_size, "block_size")
    checks.documents(train_docs, vocab_size, "train_docs")
    checks.documents(test_docs, vocab_size, "test_docs")
    alpha = checks.positive_number(alpha, "alpha")  # 0이면 못 본 쌍의 확률이 0: 손실이 무한대
    # 센 쌍만 사전에 둔다 (어휘 × 어휘 표는 어휘가 2만이면 4억 칸): 못 본 쌍은 alpha만 받는다
    pairs: Counter[tuple[int, int]] = Counter()
    firsts: Counter[int] = Counter()
    for tokens in train_docs:
        for a, b in zip(tokens, tokens[1:]):
            pairs[a, b] += 1
            firsts[a] += 1
    spread = alpha * vocab_size  # 한 행의 평활 몫의 합
    total, count = 0.0, 0
    for tokens in test_docs:
        n = min(block_size, len(tokens) - 1)
        for pos in range(n):
            a, b = tokens[pos], tokens[pos + 1]
            total -= math.log((pairs[a, b] + alpha) / (firsts[a] + spread))
            count += 1
    return total / count
