"""GPT의 공개 입구(``micrograd_kr.gpt.checks``)가 잘못된 입력을 한국어로 거절하는지.

예전에는 IndexError, 영어 TypeError, 조용한 되감기(``generate(-1)``), 10 MB짜리 메시지였던 경우들.
규칙: 자료형이 틀리면 TypeError, 범위가 틀리면 ValueError, 값은 ``short_repr``로 줄여서.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np
import pytest
from support_robust import (
    gives,
    modes_are_default_around_each_test,  # noqa: F401  (준비물)
    raises,
    sweep_table_test,
)

from micrograd_kr import Value
from micrograd_kr.gpt import (
    GPT,
    JamoTokenizer,
    bigram_loss,
    evaluate,
    korean_words,
    read_word_file,
    sample_words,
    split_words,
    train,
)

MODEL = GPT(5, n_embd=8, n_head=2, block_size=4, seed=0)
TOK = JamoTokenizer(["한국", "국가"])


def _state(change: str) -> dict[str, Any]:
    """모델의 상태 사전을 숫자로 펴서 한 곳만 망가뜨린 것."""
    state: dict[Any, Any] = {
        k: [[p.data for p in row] for row in rows] for k, rows in MODEL.state_dict().items()
    }
    if change == "텐서가 정수":
        state["wte"] = 5
    elif change == "10**400":
        state["wte"][0][0] = 10**400
    elif change == "True":
        state["wpe"][1][2] = True
    elif change == "NaN":
        state["lm_head"][0][0] = math.nan
    elif change == "정수 이름":
        state[5] = state.pop("wte")
    elif change == "이름 백만 개":
        state.update(dict.fromkeys(range(10**6), 0))
    elif change == "천만 자 이름":
        state["x" * 10**7] = 0
    elif change == "행 길이":
        state["wte"][0].append(0.0)
    return state


def _load(change: str) -> Any:
    before = [p.data for p in MODEL.parameters()]

    def run() -> None:
        try:
            MODEL.load_state_dict(_state(change))
        finally:
            assert [p.data for p in MODEL.parameters()] == before  # 실패해도 모델은 그대로

    return run


def _short(exc: type, pattern: str, limit: int = 600) -> Any:
    """오류가 나고, 메시지가 ``limit`` 글자보다 짧아야 하는 경우."""
    return ("raises", exc, f"(?s)^(?=.{{0,{limit}}}$).*{pattern}")


SWEEP = [
    # --- load_state_dict: 모두 검사한 뒤에만 넣는다
    ("load_state_dict(목록)", lambda: MODEL.load_state_dict([]), raises(TypeError, "사전")),
    ("텐서가 정수", _load("텐서가 정수"), raises(TypeError, "'wte'에는 행들의 목록")),
    ("10**400", _load("10**400"), raises(ValueError, "<약 401자리 정수>")),
    ("True", _load("True"), raises(TypeError, "'wpe'에 숫자가 아닌 값")),
    ("NaN", _load("NaN"), raises(ValueError, "유한하지 않은")),
    (
        "정수 이름",
        _load("정수 이름"),
        raises(ValueError, r"빠진 이름: \['wte'\], 모르는 이름: \[5\]"),
    ),
    ("이름 백만 개", _load("이름 백만 개"), _short(ValueError, r"모두 1,000,000개")),
    ("천만 자 이름", _load("천만 자 이름"), _short(ValueError, r"모두 10,000,000자")),
    ("행 길이", _load("행 길이"), raises(ValueError, "모양이 다릅니다: 5×8")),
    # --- generate, forward: 토큰과 위치는 범위 안의 정수
    ("generate(99)", lambda: MODEL.generate(99), raises(ValueError, "bos 99가 0 이상 5 미만")),
    ("generate(-1) (전: 조용히 되감음)", lambda: MODEL.generate(-1), raises(ValueError, "bos -1")),
    ("generate(True)", lambda: MODEL.generate(True), raises(TypeError, "토큰 번호")),
    ("temperature=True", lambda: MODEL.generate(4, temperature=True), raises(TypeError, "수가")),
    ("temperature=0", lambda: MODEL.generate(4, temperature=0), raises(ValueError, "0보다 큰")),
    (
        "temperature=nan",
        lambda: MODEL.generate(4, temperature=math.nan),
        raises(ValueError, "유한"),
    ),
    (
        "temperature=5e-324",
        lambda: MODEL.generate(4, 5e-324, seed=0),
        gives(lambda w: w == MODEL.generate(4, 5e-324, seed=1)),
    ),
    ("rng='x'", lambda: MODEL.generate(4, rng="x"), raises(TypeError, "random.Random")),
    ("seed=-1", lambda: MODEL.generate(4, seed=-1), raises(ValueError, "seed")),
    (
        "generate(np.int64)",
        lambda: MODEL.generate(np.int64(4), seed=0),
        gives(lambda w: w == MODEL.generate(4, seed=0)),
    ),
    (
        "forward(0, -1) (전: wpe[-1])",
        lambda: MODEL.forward(0, -1, *MODEL.new_cache()),
        raises(ValueError, "pos_id -1이"),
    ),
    (
        "forward(0, 4)",
        lambda: MODEL.forward(0, 4, *MODEL.new_cache()),
        raises(ValueError, "block_size 4"),
    ),
    (
        "forward(9, 0)",
        lambda: MODEL.forward(9, 0, *MODEL.new_cache()),
        raises(ValueError, "token_id 9"),
    ),
    ("forward 캐시 없음", lambda: MODEL.forward(0, 0, [], []), raises(TypeError, "new_cache")),
    # --- loss, attention_weights, mean_loss, evaluate: 토큰 목록
    ("loss(None)", lambda: MODEL.loss(None), raises(TypeError, "리스트나 튜플처럼")),
    ("loss('ab')", lambda: MODEL.loss("ab"), raises(TypeError, "리스트나 튜플처럼")),
    ("loss(생성기)", lambda: MODEL.loss(t for t in [4, 0, 4]), raises(TypeError, "생성기")),
    ("loss([4])", lambda: MODEL.loss([4]), raises(ValueError, "2개 이상")),
    ("loss([4, 7])", lambda: MODEL.loss([4, 7]), raises(ValueError, "1번 토큰 7이")),
    ("loss([4, 1.0])", lambda: MODEL.loss([4, 1.0]), raises(TypeError, "1번 토큰")),
    (
        "loss(np 배열)",
        lambda: MODEL.loss(np.array([4, 0, 4])).data,
        gives(lambda x: x == MODEL.loss([4, 0, 4]).data),
    ),
    ("mean_loss([])", lambda: MODEL.mean_loss([]), raises(ValueError, "토큰 목록이 없습니다")),
    (
        "evaluate([[4, 9]])",
        lambda: evaluate(MODEL, [[4, 9]]),
        raises(ValueError, "docs\\[0\\]의 1번 토큰 9"),
    ),
    # --- 토크나이저
    (
        "JamoTokenizer([5])",
        lambda: JamoTokenizer([5]),
        raises(TypeError, "0번 항목이 글자열이 아닙니다"),
    ),
    ("JamoTokenizer('한국')", lambda: JamoTokenizer("한국"), raises(TypeError, "words")),
    ("encode(5)", lambda: TOK.encode(5), raises(TypeError, "글자열")),
    ("encode('x'*10**7)", lambda: TOK.encode("x" * 10**7), _short(ValueError, "모두 10,000,000자")),
    ("encode('\\x1b')", lambda: TOK.encode("\x1b"), raises(ValueError, r"\\x1b")),
    ("decode([99])", lambda: TOK.decode([99]), raises(ValueError, "0번 토큰 99가")),
    ("decode([-1]) (전: 끝 글자)", lambda: TOK.decode([-1]), raises(ValueError, "-1이")),
    ("readable([99])", lambda: TOK.readable([99]), raises(ValueError, "99가")),
    ("decode(bos만)", lambda: TOK.decode([TOK.bos, TOK.bos]), gives(lambda w: w == "")),
    # --- 낱말 도구
    (
        "split_words(held_out=nan)",
        lambda: split_words(["가", "나"], held_out=math.nan),
        raises(ValueError, "0 이상 1 미만"),
    ),
    (
        "split_words(held_out=1)",
        lambda: split_words(["가", "나"], held_out=1),
        raises(ValueError, "held_out"),
    ),
    (
        "split_words(held_out='x')",
        lambda: split_words(["가"], held_out="x"),
        raises(TypeError, "held_out"),
    ),
    ("split_words(생성기)", lambda: split_words(w for w in ["가"]), raises(TypeError, "생성기")),
    (
        "korean_words(max_jamo='x')",
        lambda: korean_words(max_jamo="x"),
        raises(TypeError, "max_jamo에는 정수"),
    ),
    ("korean_words(max_jamo=0)", lambda: korean_words(max_jamo=0), raises(ValueError, "1 이상")),
    (
        "korean_words(max_jamo=2)",
        lambda: korean_words(max_jamo=2),
        gives(lambda ws: ws and all(len(w) == 1 for w in ws)),
    ),
    ("read_word_file(5)", lambda: read_word_file(5), raises(TypeError, "낱말 파일의 경로에는")),
    (
        "read_word_file(긴 경로)",
        lambda: read_word_file("p" * 100_000),
        _short(OSError, "너무 깁니다"),
    ),
    # --- 학습과 기준선
    (
        "train(docs=생성기)",
        lambda: train(MODEL, (d for d in [[4, 0, 4]]), steps=1, progress=False),
        raises(TypeError, "생성기"),
    ),
    (
        "train(docs=[])",
        lambda: train(MODEL, [], steps=1, progress=False),
        raises(ValueError, "토큰 목록이 없습니다"),
    ),
    (
        "train(docs=[[4, 9]])",
        lambda: train(MODEL, [[4, 9]], steps=1, progress=False),
        raises(ValueError, "9가"),
    ),
    (
        "train(steps=0)",
        lambda: train(MODEL, [[4, 0, 4]], steps=0, progress=False),
        raises(ValueError, "steps"),
    ),
    (
        "train(model=MLP)",
        lambda: train(object(), [[4, 0, 4]], progress=False),
        raises(TypeError, "GPT"),
    ),
    (
        "train(callback=1)",
        lambda: train(MODEL, [[4, 0, 4]], steps=1, progress=False, callback=1),
        raises(TypeError, "callback"),
    ),
    (
        "bigram_loss 범위 밖 토큰",
        lambda: bigram_loss([[0, 9]], [[0, 1]], 3),
        raises(ValueError, r"train_docs\[0\]의 1번 토큰 9"),
    ),
    (
        "bigram_loss(alpha=0)",
        lambda: bigram_loss([[0, 1]], [[0, 1]], 2, alpha=0),
        raises(ValueError, "0보다 큰"),
    ),
    (
        "bigram_loss(vocab_size=1.5)",
        lambda: bigram_loss([[0, 1]], [[0, 1]], 1.5),
        raises(TypeError, "vocab_size"),
    ),
    ("sample_words(count=-1)", lambda: sample_words(MODEL, TOK, -1), raises(ValueError, "count")),
    # --- 생성자
    ("GPT('5')", lambda: GPT("5"), raises(TypeError, "vocab_size에는 정수")),
    ("GPT(0)", lambda: GPT(0), raises(ValueError, "1 이상")),
    ("GPT(5, seed='a')", lambda: GPT(5, seed="a"), raises(TypeError, "seed")),
    (
        "GPT(5, n_embd=6, n_head=4)",
        lambda: GPT(5, n_embd=6, n_head=4),
        raises(ValueError, "나누어떨어져야"),
    ),
    (
        "GPT(np.int64(5))",
        lambda: GPT(np.int64(5), n_embd=4, n_head=1).vocab_size,
        gives(lambda v: type(v) is int and v == 5),
    ),
]

test_sweep_table = sweep_table_test(SWEEP)


def test_values_and_numbers_load_the_same_and_generate_is_seeded() -> None:
    """검사를 통과하는 입력은 예전과 같은 값: Value·숫자 어느 쪽으로 넣어도 같고, 같은 seed면
    같은 낱말."""
    other = GPT(5, n_embd=8, n_head=2, block_size=4, seed=3)
    other.load_state_dict(MODEL.state_dict())
    assert [p.data for p in other.parameters()] == [p.data for p in MODEL.parameters()]
    other.load_state_dict(
        {k: [[p.data for p in r] for r in v] for k, v in MODEL.state_dict().items()}
    )
    assert [p.data for p in other.parameters()] == [p.data for p in MODEL.parameters()]
    rng_a, rng_b = random.Random(5), random.Random(5)
    assert MODEL.generate(4, rng=rng_a) == other.generate(4, rng=rng_b)


def test_mean_loss_equals_the_loss_of_each_word() -> None:
    """평가(``mean_loss``)는 마지막 층을 numpy로 계산하지만 ``loss``의 노드와 같은 값이다."""
    docs = [[4, 0, 1, 4], [4, 2, 4], [4, 3, 3, 3, 1, 4]]
    weights = [min(MODEL.block_size, len(d) - 1) for d in docs]
    expected = sum(MODEL.loss(d).data * w for d, w in zip(docs, weights)) / sum(weights)
    assert MODEL.mean_loss(docs) == pytest.approx(expected, rel=1e-12)
    assert evaluate(MODEL, docs * 20) == pytest.approx(expected, rel=1e-12)


def test_bigram_loss_counts_only_the_pairs_it_saw() -> None:
    """바이그램은 센 쌍만 사전에 둔다: 어휘 20만이어도 표(4×10¹⁰ 칸)를 만들지 않고
    손계산과 같다."""
    vocab = 200_000
    train_docs, test_docs = [[0, 1, 0, 1]], [[0, 1], [1, 7]]
    spread = 0.1 * vocab  # 한 행의 평활 몫의 합
    seen = (2 + 0.1) / (2 + spread)  # 쌍 (0, 1)은 두 번, 0으로 시작하는 쌍도 두 번
    unseen = 0.1 / (1 + spread)  # 쌍 (1, 7)은 못 봄, 1로 시작하는 쌍은 한 번
    by_hand = -(math.log(seen) + math.log(unseen)) / 2
    assert bigram_loss(train_docs, test_docs, vocab) == pytest.approx(by_hand, rel=1e-12)


def test_value_inputs_to_load_state_dict_keep_their_graph_free() -> None:
    """Value를 넣어도 모델의 매개변수는 새 잎 노드가 아니라 값만 받는다."""
    state = {
        k: [[Value(p.data + 1.0) for p in r] for r in v] for k, v in MODEL.state_dict().items()
    }
    other = GPT(5, n_embd=8, n_head=2, block_size=4, seed=0)
    params = other.parameters()
    other.load_state_dict(state)
    assert other.parameters() == params
    assert [p.data for p in params] == [p.data + 1.0 for p in MODEL.parameters()]
