"""작은 GPT 시험: 한 노드씩 쓴 microgpt 프로그램(benchmarks/microgpt_plain.py)과 같은 손실·기울기,
중앙 차분, 학습, 뽑기, 저장, 자료와 토크나이저."""

from __future__ import annotations

import math
import os
import signal
import statistics
import sys
import unicodedata
from pathlib import Path

import pytest

from micrograd_kr import Value, no_grad
from micrograd_kr.engine import topological_order
from micrograd_kr.gpt import (
    GPT,
    JamoTokenizer,
    bigram_loss,
    korean_words,
    prepare_run,
    read_word_file,
    sample_words,
    split_words,
    train,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import microgpt_plain as plain  # noqa: E402
import minimal_value  # noqa: E402

TOL = 1e-9


def _words_tokens() -> tuple[JamoTokenizer, list[list[int]]]:
    words = korean_words(max_jamo=15)
    tok = JamoTokenizer(words)
    return tok, [tok.encode(w) for w in words]


CONFIGS = [
    dict(n_layer=1, n_embd=16, n_head=4, block_size=16),  # microgpt 의 크기
    dict(n_layer=2, n_embd=12, n_head=2, block_size=5),  # 층 둘, head_dim 6, 잘리는 블록
]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("value_cls", [Value, minimal_value.Value])
def test_loss_and_every_gradient_equal_the_plain_program(config: dict, value_cls: type) -> None:
    tok, docs = _words_tokens()
    model = GPT(tok.vocab_size, seed=3, **config)
    state = plain.init_state(value_cls, model)
    for tokens in (docs[0], docs[5], tok.encode("대한민국헌법")):
        model.zero_grad()
        for p in plain.parameters(state):
            p.grad = 0.0
        loss = model.loss(tokens)
        ref = plain.loss(state, config["n_layer"], config["n_head"], config["block_size"], tokens)
        loss.backward()
        ref.backward()
        assert loss.data == pytest.approx(ref.data, abs=TOL, rel=TOL)
        grads = [p.grad for p in model.parameters()]
        ref_grads = [q.grad for q in plain.parameters(state)]
        assert len(grads) == len(ref_grads)
        worst = max(abs(a - b) for a, b in zip(grads, ref_grads))
        assert worst < TOL
        assert max(abs(g) for g in grads) > 1e-3  # 기울기가 실제로 흐른다


def test_gradients_match_central_differences_on_a_tiny_model() -> None:
    model = GPT(vocab_size=5, n_layer=1, n_embd=4, n_head=2, block_size=4, seed=1)
    for p in model.parameters():  # 작은 초깃값에서는 차분이 너무 작아 크게 만든다
        p.data *= 6.0
    tokens = [4, 0, 2, 1, 3, 4]
    model.loss(tokens).backward()
    h = 1e-5
    for i, p in enumerate(model.parameters()):
        x = p.data
        with no_grad():
            p.data = x + h
            up = model.loss(tokens).data
            p.data = x - h
            down = model.loss(tokens).data
        p.data = x
        numeric = (up - down) / (2 * h)
        assert p.grad == pytest.approx(numeric, abs=1e-6, rel=1e-4), f"매개변수 {i}"


def test_state_dict_names_shapes_and_init() -> None:
    model = GPT(vocab_size=51, seed=0)
    shapes = {k: (len(v), len(v[0])) for k, v in model.state_dict().items()}
    assert shapes == {
        "wte": (51, 16),
        "wpe": (16, 16),
        "lm_head": (51, 16),
        "layer0.attn_wq": (16, 16),
        "layer0.attn_wk": (16, 16),
        "layer0.attn_wv": (16, 16),
        "layer0.attn_wo": (16, 16),
        "layer0.mlp_fc1": (64, 16),
        "layer0.mlp_fc2": (16, 64),
    }
    data = [p.data for p in model.parameters()]
    assert len(data) == 4960
    assert abs(statistics.fmean(data)) < 0.005
    assert statistics.pstdev(data) == pytest.approx(0.08, rel=0.05)
    assert model.state_dict()["wte"][0][0] is model.parameters()[0]


def test_load_state_dict_from_values_or_numbers_and_refuses_bad_shapes() -> None:
    a, b = (
        GPT(7, n_embd=8, n_head=2, block_size=4, seed=0),
        GPT(7, n_embd=8, n_head=2, block_size=4, seed=1),
    )
    b.load_state_dict(a.state_dict())
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    numbers = {k: [[2.0 for _ in row] for row in rows] for k, rows in a.state_dict().items()}
    b.load_state_dict(numbers)
    assert {p.data for p in b.parameters()} == {2.0}
    bad = dict(numbers, wte=numbers["wte"][:-1])
    with pytest.raises(ValueError, match="'wte'의 모양"):
        a.load_state_dict(bad)
    with pytest.raises(ValueError, match="유한하지 않은"):
        a.load_state_dict(dict(numbers, wpe=[[math.nan] * 8] * 4))
    assert [p.data for p in a.parameters()] != [2.0] * len(a.parameters())  # 그대로


def test_save_and_load_through_json(tmp_path: Path) -> None:
    a = GPT(9, n_embd=8, n_head=2, block_size=4, seed=0)
    path = tmp_path / "gpt.json"
    a.save(path)
    text = path.read_text(encoding="utf-8")
    assert '"type": "GPT"' in text and '"n_embd": 8' in text
    b = GPT(9, n_embd=8, n_head=2, block_size=4, seed=5).load(path)
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    other = GPT(9, n_embd=8, n_head=4, block_size=4, seed=5)
    before = [p.data for p in other.parameters()]
    with pytest.raises(ValueError, match="n_head"):
        other.load(path)
    assert [p.data for p in other.parameters()] == before


def test_training_matches_microgpts_adam_and_lowers_the_loss() -> None:
    tok, docs = _words_tokens()
    model = GPT(tok.vocab_size, n_embd=8, n_head=2, block_size=8, seed=2)
    state = plain.init_state(Value, model)
    params = plain.parameters(state)
    adam = plain.Adam(params)
    steps = 4
    history = train(model, docs[:steps], steps=steps, progress=False)
    for step in range(steps):
        ref = plain.loss(state, 1, 2, 8, docs[step])
        ref.backward()
        adam.step(step, steps)
        assert history.loss[step] == pytest.approx(ref.data, abs=TOL)
    worst = max(abs(p.data - q.data) for p, q in zip(model.parameters(), params))
    assert worst < TOL
    # 한 낱말을 외우게 하면 손실이 크게 준다
    word = tok.encode("헌법")
    first = model.loss(word).data
    train(model, [word], steps=30, lr=0.03, progress=False)
    assert model.loss(word).data < 0.5 * first


def test_ctrl_c_stops_after_the_step_and_keeps_what_was_learned() -> None:
    tok, docs = _words_tokens()
    model = GPT(tok.vocab_size, seed=0)
    before = [p.data for p in model.parameters()]

    def press_ctrl_c(step: int, loss: float) -> None:
        if step == 2:
            os.kill(os.getpid(), signal.SIGINT)

    history = train(model, docs, steps=50, progress=False, callback=press_ctrl_c)
    assert history.interrupted and len(history) == 3
    assert [p.data for p in model.parameters()] != before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_generate_is_seeded_stops_at_bos_and_fits_the_block() -> None:
    tok, docs = _words_tokens()
    model = GPT(tok.vocab_size, seed=0)
    a = model.generate(tok.bos, temperature=0.8, seed=4)
    assert a == model.generate(tok.bos, temperature=0.8, seed=4)
    samples = [model.generate(tok.bos, temperature=1.0, seed=s) for s in range(20)]
    assert len({tuple(s) for s in samples}) > 10
    assert all(len(s) <= model.block_size and tok.bos not in s for s in samples)
    words = sample_words(model, tok, count=5, seed=1)
    assert words == sample_words(model, tok, count=5, seed=1)
    assert all(w == unicodedata.normalize("NFC", w) for w in words)
    with pytest.raises(ValueError, match="temperature"):
        model.generate(tok.bos, temperature=0.0)


def test_attention_weights_are_causal_distributions() -> None:
    model = GPT(10, n_layer=2, n_embd=8, n_head=2, block_size=6, seed=0)
    att = model.attention_weights([9, 1, 2, 3])
    assert len(att) == 2 and len(att[0]) == 2
    for layer in att:
        for head in layer:
            assert [len(row) for row in head] == [1, 2, 3, 4]  # 자기 위치까지만 본다
            for row in head:
                assert sum(row) == pytest.approx(1.0, abs=1e-12)
                assert all(w > 0 for w in row)


def test_loss_checks_tokens() -> None:
    model = GPT(5, n_embd=4, n_head=2, block_size=4)
    with pytest.raises(ValueError, match="2개 이상"):
        model.loss([1])
    with pytest.raises(ValueError, match="0 이상 5 미만"):
        model.loss([1, 5])
    with pytest.raises(ValueError, match="나누어떨어져야"):
        GPT(5, n_embd=6, n_head=4)


# ---------------------------------------------------------------- 자료와 토크나이저
def test_bundled_words_are_many_real_hangul_words() -> None:
    words = korean_words()
    assert len(words) == len(set(words)) == 1797
    assert words[:3] == ["대한민국헌법", "유구한", "역사와"]
    assert all(all("가" <= ch <= "힣" for ch in w) for w in words)
    short = korean_words(max_jamo=15)
    assert len(short) >= 1000 and all(len(unicodedata.normalize("NFD", w)) <= 15 for w in short)


def test_jamo_tokenizer_round_trips_every_word() -> None:
    words = korean_words()
    tok = JamoTokenizer(words)
    assert tok.vocab_size == 51 and tok.bos == 50
    ids = tok.encode("한")
    assert [tok.chars[i] for i in ids[1:-1]] == ["\u1112", "\u1161", "\u11ab"]  # ㅎ ㅏ ㄴ
    assert ids[0] == ids[-1] == tok.bos
    assert all(tok.decode(tok.encode(w)) == w for w in words)
    with pytest.raises(ValueError, match="어휘"):
        tok.encode("abc")


def test_split_is_fixed_and_disjoint() -> None:
    words = korean_words(max_jamo=15)
    train_words, test_words = split_words(words)
    assert (train_words, test_words) == split_words(words)
    assert not set(train_words) & set(test_words)
    assert len(test_words) == len(words) // 10
    run = prepare_run(words, seed=1)
    assert len(run.train_docs) + len(run.test_docs) == len(words)


def test_bigram_loss_by_hand() -> None:
    # 학습: 0→1 두 번, 0→0 한 번 (어휘 2개). alpha=1: P(1|0) = (2+1)/(3+2), P(0|0) = 2/5
    train_docs = [[0, 1], [0, 1], [0, 0]]
    assert bigram_loss(train_docs, [[0, 1]], 2, alpha=1.0) == pytest.approx(-math.log(3 / 5))
    # 평가 [0, 0, 1]: 위치 둘의 평균 -(log 2/5 + log 3/5)/2. block_size=1 이면 첫 위치만
    both = -(math.log(2 / 5) + math.log(3 / 5)) / 2
    assert bigram_loss(train_docs, [[0, 0, 1]], 2, alpha=1.0) == pytest.approx(both)
    assert bigram_loss(train_docs, [[0, 0, 1]], 2, block_size=1, alpha=1.0) == pytest.approx(
        -math.log(2 / 5)
    )
    with pytest.raises(ValueError, match="alpha"):
        bigram_loss(train_docs, [[0, 1]], 2, alpha=0.0)


# --------------------------------------------------------------- 사용자의 파일
def test_read_word_file(tmp_path: Path) -> None:
    good = tmp_path / "names.txt"
    good.write_text("\ufeff민준\n\n  서연 \n하윤\n", encoding="utf-8")
    assert read_word_file(good) == ["민준", "서연", "하윤"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "낱말이 없습니다"),
        (b"\n  \n", "낱말이 없습니다"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "바이너리"),
        ("한국".encode("cp949"), "UTF-8"),
        ("가나다라마바사\n".encode(), "1번째 줄"),
    ],
)
def test_read_word_file_refuses_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_word_file(path, block_size=16 if message != "1번째 줄" else 8)


def test_read_word_file_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="찾을 수 없습니다"):
        read_word_file(tmp_path / "없음.txt")


def test_pretrained_model_beats_the_bigram_on_held_out_words() -> None:
    from micrograd_kr.gpt import pretrained

    run = prepare_run(korean_words(max_jamo=15))
    model = pretrained()
    held_out = model.mean_loss(run.test_docs)
    bigram = bigram_loss(run.train_docs, run.test_docs, run.tokenizer.vocab_size)
    assert held_out < bigram - 0.1
    words = sample_words(model, run.tokenizer, count=10, seed=0)
    assert all(w and all("가" <= ch <= "힣" for ch in w) for w in words)


def test_train_step_restores_the_garbage_collector() -> None:
    import gc

    from micrograd_kr.gpt import train_step
    from micrograd_kr.optim import Adam

    model = GPT(6, n_embd=4, n_head=2, block_size=4, seed=0)
    opt = Adam(model.parameters(), lr=0.01)
    assert gc.isenabled()
    loss = train_step(model, opt, [5, 1, 2, 5])
    assert gc.isenabled() and math.isfinite(loss)
    gc.disable()
    try:
        train_step(model, opt, [5, 1, 2, 5])
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        train_step(model, opt, [9])
    assert gc.isenabled()


def test_forward_reads_the_weights_as_they_are_now() -> None:
    model = GPT(6, n_embd=4, n_head=2, block_size=4, seed=0)
    keys, values = model.new_cache()
    before = [z.data for z in model.forward(5, 0, keys, values)]
    for p in model.state_dict()["lm_head"][2]:
        p.data += 1.0
    keys, values = model.new_cache()
    after = [z.data for z in model.forward(5, 0, keys, values)]
    assert after[2] != before[2] and after[:2] == before[:2]


@pytest.mark.parametrize("config", CONFIGS)
def test_the_training_tape_is_the_graph_in_an_order_backward_can_use(config: dict) -> None:
    """``train_step``은 위상 정렬 대신 순전파가 만든 순서(테이프)로 역전파한다. 테이프에는
    손실에 닿는 중간 노드가 빠짐없이 한 번씩, 입력이 먼저 오게 있고 (죽은 ReLU의 노드처럼
    쓸모없는 것은 없고), 기울기는 정렬해서 얻은 것과 같다."""
    tok, docs = _words_tokens()
    model = GPT(tok.vocab_size, seed=1, **config)
    for tokens in (docs[2], docs[9], tok.encode("대한민국헌법")):
        loss, tape = model._loss_and_tape(tokens)
        graph = {id(n) for n in topological_order(loss) if n.inputs}
        assert {id(n) for n in tape if n.inputs} == graph
        assert len(tape) == len({id(n) for n in tape}) and tape[-1] is loss
        position = {id(n): i for i, n in enumerate(tape)}
        assert all(position[id(c)] < position[id(n)] for n in tape for c in n.inputs if c.inputs)
        model.zero_grad()
        loss.backward(order=tape)
        taped = [p.grad for p in model.parameters()]
        model.zero_grad()
        loss.backward()
        worst = max(abs(a - b) for a, b in zip(taped, [p.grad for p in model.parameters()]))
        assert worst < 1e-12 and max(map(abs, taped)) > 1e-3
