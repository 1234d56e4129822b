"""``micrograd_kr.torch_twin``: GPT의 PyTorch 쌍둥이가 같은 로짓, 손실, 기울기, 학습, 낱말을 내는가.

설정 네 가지(층·헤드·너비·블록) × 길이 네 가지(예측 위치 하나, 낱말 하나, 꼭 찬 블록, 블록보다
긴 목록)에서 float64 손실과 모든 매개변수의 기울기가 상대 오차 1e-12 안에서 같아야 합니다.
torch가 없으면 모두 이유를 밝히고 건너뜁니다.
"""

from __future__ import annotations

import random

import pytest
from torch_support import HAS_TORCH, SKIP_REASON, rel_error

from micrograd_kr.gpt import GPT, pretrained, train

pytestmark = pytest.mark.skipif(not HAS_TORCH, reason=SKIP_REASON)

if HAS_TORCH:
    import torch

    from micrograd_kr import torch_twin
    from micrograd_kr.torch_twin import from_torch, to_torch

CONFIGS = {
    "기본 1층 16칸 4헤드": dict(vocab_size=13, n_layer=1, n_embd=16, n_head=4, block_size=16),
    "2층 8칸 2헤드": dict(vocab_size=7, n_layer=2, n_embd=8, n_head=2, block_size=8),
    "1층 4칸 1헤드": dict(vocab_size=5, n_layer=1, n_embd=4, n_head=1, block_size=4),
    "3층 12칸 3헤드": dict(vocab_size=11, n_layer=3, n_embd=12, n_head=3, block_size=6),
}


def _sequences(config: dict[str, int], seed: int) -> dict[str, list[int]]:
    """BOS(마지막 번호)로 감싼 토큰 목록들: 길이마다 하나."""
    rng = random.Random(seed)
    bos, block = config["vocab_size"] - 1, config["block_size"]

    def word(n: int) -> list[int]:
        return [bos] + [rng.randrange(bos) for _ in range(n)] + [bos]

    return {
        "예측 하나": [bos, rng.randrange(bos)],
        "낱말 하나": word(min(4, block - 1)),
        "꼭 찬 블록": word(block - 1),  # 토큰 block + 1개: 예측 위치 block개
        "블록보다 긴": word(block + 5),  # 앞의 block 위치만 센다
    }


def _gradients(model: GPT) -> dict[str, list[list[float]]]:
    return {
        name: [[v.grad for v in row] for row in rows] for name, rows in model.state_dict().items()
    }


def _values(model: GPT) -> dict[str, list[list[float]]]:
    return {
        name: [[v.data for v in row] for row in rows] for name, rows in model.state_dict().items()
    }


@pytest.mark.parametrize("config", list(CONFIGS.values()), ids=list(CONFIGS))
def test_loss_and_every_gradient_agree_in_float64(config: dict[str, int]) -> None:
    model = GPT(**config, seed=3)
    twin = to_torch(model)
    for length, tokens in _sequences(config, seed=config["n_embd"]).items():
        model.zero_grad()
        loss = model.loss(tokens)
        loss.backward()
        twin.zero_grad()
        twin_loss = twin.loss(tokens)
        twin_loss.backward()
        assert rel_error(twin_loss, loss.data) <= 1e-12, length
        ours = _gradients(model)
        for name, p in twin.named_parameters():
            assert rel_error(p.grad, ours[name]) <= 1e-12, (length, name)
        assert any(abs(g) > 0 for row in ours["wte"] for g in row)  # 기울기가 정말 흘렀다


@pytest.mark.parametrize("config", list(CONFIGS.values()), ids=list(CONFIGS))
def test_logits_at_every_position_match_gpt_forward(config: dict[str, int]) -> None:
    model = GPT(**config, seed=8)
    twin = to_torch(model)
    tokens = _sequences(config, seed=1)["꼭 찬 블록"][: config["block_size"]]
    keys, values = model.new_cache()
    ours = [[z.data for z in model.forward(t, pos, keys, values)] for pos, t in enumerate(tokens)]
    with torch.no_grad():
        logits = twin(tokens)
        batch = twin(torch.tensor([tokens, tokens[::-1]]))
    assert logits.shape == (len(tokens), config["vocab_size"])
    assert rel_error(logits, ours) <= 1e-12
    assert rel_error(batch[0], ours) <= 1e-12  # [B, T]도 줄마다 같은 계산
    assert rel_error(batch[1], twin(tokens[::-1]).detach()) <= 1e-12
    assert rel_error(twin(tokens[:1]).detach(), [ours[0]]) <= 1e-12  # 토큰 하나


def test_state_dict_names_and_shapes_are_ours() -> None:
    model = GPT(vocab_size=9, n_layer=2, n_embd=8, n_head=2, block_size=5, seed=0)
    twin = to_torch(model)
    ours = model.state_dict()
    theirs = twin.state_dict()
    assert list(theirs) == list(ours)
    assert "layer0.attn_wq" in theirs and "layer1.mlp_fc2" in theirs
    for name, rows in ours.items():
        assert tuple(theirs[name].shape) == (len(rows), len(rows[0]))
        assert theirs[name].tolist() == [[v.data for v in row] for row in rows]
    assert twin.config == model.config
    assert isinstance(twin, torch_twin.GPTTwin) and isinstance(twin.layer0, torch_twin.BlockTwin)


def _docs(vocab: int, count: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    bos = vocab - 1
    return [
        [bos] + [rng.randrange(bos) for _ in range(rng.randrange(1, 12))] + [bos]
        for _ in range(count)
    ]


@pytest.mark.parametrize(
    "config", [CONFIGS["기본 1층 16칸 4헤드"], CONFIGS["3층 12칸 3헤드"]], ids=["1층", "3층"]
)
def test_k_training_steps_reach_the_same_parameters(config: dict[str, int]) -> None:
    """gpt.train(Adam(0.85, 0.99) + 직선 감소) ↔ torch.optim.Adam + LambdaLR (torch_twin.train)."""
    model = GPT(**config, seed=2)
    twin = to_torch(model)
    docs = _docs(config["vocab_size"], 6, seed=4)
    steps = 12
    history = train(model, docs, steps=steps, lr=0.02, progress=False)
    twin_losses = torch_twin.train(twin, docs, steps=steps, lr=0.02)
    # 반올림 차이는 단계마다 조금씩 자란다 (Adam은 0에 가까운 기울기를 m/√v로 키운다): 12 단계 뒤
    # 잰 최댓값은 1층 2e-15, 3층 2e-13. 기준은 그보다 넉넉히.
    assert history.loss == pytest.approx(twin_losses, rel=1e-10)
    ours = _values(model)
    start = _values(GPT(**config, seed=2))
    for name, p in twin.named_parameters():
        assert rel_error(p.detach(), ours[name]) <= 1e-10, name
        assert rel_error(p.detach(), start[name]) > 1e-3, name  # 정말 움직였다


def test_float32_twin_agrees_to_about_1e_minus_6() -> None:
    config = CONFIGS["기본 1층 16칸 4헤드"]
    model = GPT(**config, seed=6)
    twin = to_torch(model, dtype=torch.float32)
    tokens = _sequences(config, seed=2)["꼭 찬 블록"]
    model.zero_grad()
    loss = model.loss(tokens)
    loss.backward()
    twin_loss = twin.loss(tokens)
    twin_loss.backward()
    assert twin_loss.dtype == torch.float32
    errors = [rel_error(twin_loss, loss.data)]
    ours = _gradients(model)
    errors += [rel_error(p.grad, ours[name]) for name, p in twin.named_parameters()]
    assert max(errors) <= 5e-6
    assert max(errors) > 1e-12  # float32는 정말로 다르다


def test_generate_gives_the_same_words_with_the_same_seed() -> None:
    model = pretrained()
    twin = to_torch(model)
    bos = model.vocab_size - 1
    for seed in range(12):
        for temperature in (0.5, 1.0):
            ours = model.generate(bos, temperature=temperature, seed=seed)
            assert twin.generate(bos, temperature=temperature, seed=seed) == ours
    rng_a, rng_b = random.Random(5), random.Random(5)
    assert [model.generate(bos, rng=rng_a) for _ in range(5)] == [
        twin.generate(bos, rng=rng_b) for _ in range(5)
    ]


def test_from_torch_round_trip_and_refusals() -> None:
    config = CONFIGS["2층 8칸 2헤드"]
    source = GPT(**config, seed=1)
    twin = to_torch(source)
    with torch.no_grad():
        twin.layer1.mlp_fc1.mul_(3.0)
    target = GPT(**config, seed=9)
    assert from_torch(twin, target) is target
    assert [[v.data for v in row] for row in target.state_dict()["layer1.mlp_fc1"]] == (
        twin.layer1.mlp_fc1.tolist()
    )
    assert _values(target)["wte"] == _values(source)["wte"]

    before = _values(target)
    state = twin.state_dict()
    state["lm_head"] = state["lm_head"][:, :4]
    with pytest.raises(ValueError, match="'lm_head'의 모양이 다릅니다"):
        from_torch(state, target)
    with pytest.raises(ValueError, match="남는 이름"):
        from_torch(to_torch(GPT(**{**config, "n_layer": 3}, seed=0)), target)
    assert _values(target) == before


def test_twin_refuses_bad_tokens_in_korean() -> None:
    model = GPT(vocab_size=5, n_layer=1, n_embd=4, n_head=1, block_size=4, seed=0)
    twin = to_torch(model)
    with pytest.raises(ValueError, match="블록 크기 4개까지"):
        twin([0, 1, 2, 3, 4])
    with pytest.raises(ValueError, match="2개 이상"):
        twin.loss([4])
    with pytest.raises(ValueError, match="0 이상 5 미만"):
        twin.loss([4, 5])
    with pytest.raises(ValueError, match="정수 목록"):
        twin([0.5, 1.0])
    with pytest.raises(ValueError, match="temperature"):
        twin.generate(4, temperature=0)
    with pytest.raises(ValueError, match="steps"):
        torch_twin.train(twin, [[4, 0, 4]], steps=0)
    with pytest.raises(ValueError, match="토큰 목록이 없습니다"):
        torch_twin.train(twin, [], steps=3)
