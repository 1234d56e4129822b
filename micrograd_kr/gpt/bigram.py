"""비교의 기준선(baseline): 바이그램(bigram) 세기 모델."""

from __future__ import annotations

import math
from collections.abc import Sequence

from micrograd_kr import limits
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
    limits.check_memory(
        vocab_size * vocab_size * 16,
        f"바이그램 표(어휘 {limits.format_count(vocab_size)} × {limits.format_count(vocab_size)})",
        "vocab_size를 확인하세요 (토크나이저의 vocab_size를 주면 됩니다).",
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
    return total / count
