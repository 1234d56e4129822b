"""PyTorch 쌍둥이(twin)의 ``torch.nn.Module``들. ``torch_twin``만 이 파일을 (늦게) 가져옵니다.

이 파일은 맨 위에서 ``torch``를 가져옵니다. 그래서 ``import micrograd_kr``도, ``import
micrograd_kr.torch_twin``도 이 파일을 읽지 않고, ``to_torch``를 처음 부를 때에야 읽습니다.

수식은 이 패키지의 문서에 적힌 것 그대로입니다 (``micrograd_kr.nn``, ``micrograd_kr.gpt``):

- 뉴런: activation(Σ wᵢ·xᵢ + b). 층은 같은 입력을 받는 뉴런들, 그러니 행렬 곱 하나
  ``X @ W.T + b``입니다 (``W``의 행 j = 뉴런 j의 가중치 ``w``).
- GPT: 토큰 임베딩 + 위치 임베딩 → RMSNorm → (층마다) RMSNorm, 인과적 다중 헤드 어텐션
  (질의에 1/√head_dim), ``attn_wo``, 잔차 연결 → RMSNorm, ``relu(fc1)``, ``fc2``, 잔차 연결
  → ``lm_head``. 편향은 없고, RMSNorm은 x·(mean(x²) + 1e-5)^(-1/2)입니다.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F  # noqa: N812  # PyTorch 프로그램에서 흔히 쓰는 이름
from torch import Tensor, nn

from micrograd_kr.gpt import checks
from micrograd_kr.gpt.model import RMS_EPS

#: 활성화 함수의 이름 → 텐서 함수 (``micrograd_kr.nn.ACTIVATIONS``와 같은 이름, 같은 식)
ACTIVATIONS: dict[str, Callable[[Tensor], Tensor]] = {
    "relu": torch.relu,  # x = 0에서 기울기 0: 엔진의 relu와 같다
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": lambda z: F.elu(z, 1.0),
    "linear": lambda z: z,
}


class NeuronTwin(nn.Module):
    """뉴런 하나의 쌍둥이: ``activation(X @ weight + bias)``.

    ``weight``는 모양 ``[nin]``, ``bias``는 0차원 텐서(``Value`` 하나와 같은 스칼라)입니다.
    입력 ``X``가 ``[N, nin]``이면 출력은 ``[N]``, ``[nin]``이면 0차원 텐서입니다.
    """

    def __init__(self, nin: int, activation: str, dtype: torch.dtype) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(nin, dtype=dtype))
        self.bias = nn.Parameter(torch.zeros((), dtype=dtype))
        self.activation = activation

    def forward(self, x: Tensor) -> Tensor:
        return ACTIVATIONS[self.activation](x @ self.weight + self.bias)

    def extra_repr(self) -> str:
        return f"nin={self.weight.shape[0]}, activation={self.activation!r}"


class LayerTwin(nn.Linear):
    """층 하나의 쌍둥이: ``nn.Linear``(``X @ weight.T + bias``) 다음에 활성화 함수.

    ``weight``의 모양은 ``[nout, nin]``: 행 j가 뉴런 j의 가중치 ``w``, ``bias[j]``가 그 편향
    ``b``입니다. 입력 ``X``가 ``[N, nin]``이면 출력은 ``[N, nout]``입니다.
    """

    def __init__(self, nin: int, nout: int, activation: str, dtype: torch.dtype) -> None:
        super().__init__(nin, nout, bias=True, dtype=dtype)
        self.activation = activation

    def forward(self, x: Tensor) -> Tensor:
        return ACTIVATIONS[self.activation](super().forward(x))

    def extra_repr(self) -> str:
        return f"{super().extra_repr()}, activation={self.activation!r}"


class MLPTwin(nn.Module):
    """MLP의 쌍둥이: ``layers``는 ``LayerTwin``들 (마지막 층은 ``"linear"``).

    ``twin(X)``: ``X``는 ``[N, nin]``(점 N개를 한 행씩), 출력은 언제나 ``[N, nout]``입니다
    (출력이 하나여도 ``[N, 1]``: 이 패키지의 ``MLP``처럼 ``Value`` 하나로 줄이지 않습니다).
    """

    def __init__(self, nin: int, layers: Sequence[tuple[int, str]], dtype: torch.dtype) -> None:
        super().__init__()
        sizes = [nin] + [nout for nout, _ in layers]
        self.layers = nn.ModuleList(
            LayerTwin(sizes[i], nout, activation, dtype)
            for i, (nout, activation) in enumerate(layers)
        )

    def forward(self, x: Tensor) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


def rmsnorm(x: Tensor) -> Tensor:
    """RMS 정규화(RMSNorm): 마지막 차원마다 x · (mean(x²) + 1e-5)^(-1/2). 학습할 배율은 없습니다."""
    return x * (x.pow(2).mean(dim=-1, keepdim=True) + RMS_EPS) ** -0.5


class BlockTwin(nn.Module):
    """GPT의 층(블록) 하나: ``attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2``.

    이름과 모양은 microgpt와 같습니다 (행 하나가 출력 뉴런 하나, 편향 없음).
    """

    def __init__(self, n_embd: int, n_head: int, dtype: torch.dtype) -> None:
        super().__init__()
        self.n_head = n_head

        def matrix(nout: int, nin: int) -> nn.Parameter:
            return nn.Parameter(torch.zeros(nout, nin, dtype=dtype))

        self.attn_wq = matrix(n_embd, n_embd)
        self.attn_wk = matrix(n_embd, n_embd)
        self.attn_wv = matrix(n_embd, n_embd)
        self.attn_wo = matrix(n_embd, n_embd)
        self.mlp_fc1 = matrix(4 * n_embd, n_embd)
        self.mlp_fc2 = matrix(n_embd, 4 * n_embd)

    def forward(self, x: Tensor) -> Tensor:
        """``x``: ``[..., T, n_embd]`` (T 위치를 한꺼번에). 위치 t는 0..t만 봅니다 (인과적)."""
        *batch, T, C = x.shape
        nh = self.n_head
        hd = C // nh
        h = rmsnorm(x)

        def heads(t: Tensor) -> Tensor:  # [..., T, C] → [..., nh, T, hd]
            return t.reshape(*batch, T, nh, hd).transpose(-3, -2)

        q = heads(h @ self.attn_wq.T) * (1.0 / math.sqrt(hd))  # 1/√head_dim: 질의에 곱한다
        k = heads(h @ self.attn_wk.T)
        v = heads(h @ self.attn_wv.T)
        scores = q @ k.transpose(-2, -1)  # [..., nh, T, T]: 질의 위치 × 키 위치
        future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
        weights = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
        y = (weights @ v).transpose(-3, -2).reshape(*batch, T, C)  # 헤드들을 다시 이어 붙인다
        x = x + y @ self.attn_wo.T  # 잔차 연결
        h = rmsnorm(x)
        return x + torch.relu(h @ self.mlp_fc1.T) @ self.mlp_fc2.T  # 잔차 연결


class GPTTwin(nn.Module):
    """GPT의 쌍둥이. ``state_dict()``의 이름은 이 패키지의 ``GPT``와 같습니다
    (``wte``, ``wpe``, ``lm_head``, ``layer0.attn_wq``, ...).

    - ``twin(idx)``: 토큰 번호 ``[T]``(또는 ``[B, T]``, T ≤ block_size)의 위치마다 다음 토큰의
      로짓 ``[T, vocab_size]``. ``GPT.forward``를 위치마다 부른 것과 같습니다.
    - ``twin.loss(tokens)``: ``GPT.loss``와 같은 다음 토큰 교차 엔트로피의 평균.
    - ``twin.generate(bos, temperature, seed)``: ``GPT.generate``와 같은 뽑기 (파이썬의
      ``random.Random``으로 같은 순서로 뽑으므로, 가중치가 같으면 같은 낱말이 나옵니다).
    """

    def __init__(
        self,
        vocab_size: int,
        n_layer: int,
        n_embd: int,
        n_head: int,
        block_size: int,
        dtype: torch.dtype,
    ) -> None:
        super().__init__()
        self.vocab_size, self.n_layer, self.n_embd = vocab_size, n_layer, n_embd
        self.n_head, self.block_size = n_head, block_size
        self.wte = nn.Parameter(torch.zeros(vocab_size, n_embd, dtype=dtype))
        self.wpe = nn.Parameter(torch.zeros(block_size, n_embd, dtype=dtype))
        self.lm_head = nn.Parameter(torch.zeros(vocab_size, n_embd, dtype=dtype))
        for i in range(n_layer):  # 이름이 layer0, layer1, ...: state_dict 열쇠가 'layer0.attn_wq'
            self.add_module(f"layer{i}", BlockTwin(n_embd, n_head, dtype))

    @property
    def config(self) -> dict[str, int]:
        """``GPT.config``와 같은 모양."""
        return {
            "vocab_size": self.vocab_size,
            "n_layer": self.n_layer,
            "n_embd": self.n_embd,
            "n_head": self.n_head,
            "block_size": self.block_size,
        }

    def blocks(self) -> list[BlockTwin]:
        return [getattr(self, f"layer{i}") for i in range(self.n_layer)]

    def _tokens(self, tokens: Sequence[int] | Tensor, minimum: int) -> Tensor:
        ids = torch.as_tensor(tokens if isinstance(tokens, Tensor) else list(tokens))
        if ids.dtype.is_floating_point or ids.dtype == torch.bool or ids.dim() not in (1, 2):
            raise ValueError(
                f"토큰은 정수 목록(모양 [T] 또는 [B, T])이어야 합니다 (받은 것: dtype {ids.dtype}, "
                f"모양 {list(ids.shape)})."
            )
        length = ids.shape[-1]
        if length < minimum:
            raise ValueError(f"토큰이 {minimum}개 이상 필요합니다 (받은 {length}개).")
        if ids.numel() and (int(ids.min()) < 0 or int(ids.max()) >= self.vocab_size):
            raise ValueError(f"토큰은 0 이상 {self.vocab_size} 미만의 정수여야 합니다.")
        return ids.to(dtype=torch.long, device=self.wte.device)

    def forward(self, idx: Sequence[int] | Tensor) -> Tensor:
        idx = self._tokens(idx, minimum=1)
        T = idx.shape[-1]
        if T > self.block_size:
            raise ValueError(
                f"한 번에 넣을 수 있는 토큰은 블록 크기 {self.block_size}개까지입니다 "
                f"(받은 {T}개). 앞의 {self.block_size}개만 넣으세요: idx[..., :{self.block_size}]"
            )
        x = self.wte[idx] + self.wpe[:T]  # [..., T, n_embd]
        x = rmsnorm(x)
        for block in self.blocks():
            x = block(x)
        return x @ self.lm_head.T  # [..., T, vocab_size]

    def loss(self, tokens: Sequence[int] | Tensor) -> Tensor:
        """위치 0..n-1의 다음 토큰 교차 엔트로피 평균, n = min(block_size, len(tokens) - 1)."""
        ids = self._tokens(tokens, minimum=2)
        if ids.dim() != 1:
            raise ValueError(
                "loss는 토큰 목록 하나(모양 [T])를 받습니다. 여럿이면 하나씩 넣으세요."
            )
        n = min(self.block_size, ids.shape[0] - 1)
        return F.cross_entropy(self(ids[:n]), ids[1 : n + 1])

    @torch.no_grad()
    def generate(
        self,
        bos: int,
        temperature: float = 0.5,
        seed: int | None = None,
        rng: random.Random | None = None,
    ) -> list[int]:
        """``GPT.generate``와 같은 규칙: softmax(로짓/온도)에서 ``rng.choices``로 하나씩 뽑는다."""
        temperature = checks.positive_number(temperature, "temperature")
        rng = rng if rng is not None else random.Random(seed)
        ids, out = [bos], []
        choices = range(self.vocab_size)
        for _ in range(self.block_size):
            logits = self(ids)[-1].tolist()
            biggest = max(logits)  # 가장 큰 로짓을 빼고 나눈다: 온도가 아주 작아도 넘치지 않음
            weights = [math.exp((z - biggest) / temperature) for z in logits]
            token = rng.choices(choices, weights=weights)[0]
            if token == bos:
                break
            out.append(token)
            ids.append(token)
        return out
