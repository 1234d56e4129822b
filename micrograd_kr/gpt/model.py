"""GPT 모델: microgpt와 같은 구조, 넓은 곳은 묶은 노드(``micrograd_kr.fused``)로."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from micrograd_kr.engine import Value
from micrograd_kr.fused import (
    WeightMatrix,
    matvec,
    rms_scale,
    softmax,
    sum_values,
)
from micrograd_kr.modes import no_grad
from micrograd_kr.nn import Module

DEFAULT_BLOCK_SIZE = 16
INIT_STD = 0.08
RMS_EPS = 1e-5


def positive_int(n: Any, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what}은(는) 1 이상의 정수여야 합니다 (받은 값: {n!r}).")
    return n


class GPT(Module):
    """microgpt 모양의 GPT. 매개변수는 ``state_dict()``의 이름으로 부릅니다.

    >>> model = GPT(vocab_size=5, n_embd=8, n_head=2, block_size=4, seed=0)
    >>> loss = model.loss([4, 0, 1, 4])      # 다음 토큰 교차 엔트로피의 평균
    >>> loss.backward()
    """

    def __init__(
        self,
        vocab_size: int,
        n_layer: int = 1,
        n_embd: int = 16,
        n_head: int = 4,
        block_size: int = 16,
        seed: int = 0,
    ) -> None:
        self.vocab_size = positive_int(vocab_size, "vocab_size")
        self.n_layer = positive_int(n_layer, "n_layer")
        self.n_embd = positive_int(n_embd, "n_embd")
        self.n_head = positive_int(n_head, "n_head")
        self.block_size = positive_int(block_size, "block_size")
        if n_embd % n_head:
            raise ValueError(
                f"n_embd({n_embd})가 n_head({n_head})로 나누어떨어져야 헤드(head)마다 같은 "
                "크기를 나눠 줄 수 있습니다. 예: n_embd=16, n_head=4"
            )
        self.head_dim = n_embd // n_head
        self.seed = seed
        rng = random.Random(seed)

        def matrix(nout: int, nin: int) -> list[list[Value]]:
            return [[Value(rng.gauss(0.0, INIT_STD)) for _ in range(nin)] for _ in range(nout)]

        # 이름과 만드는 순서는 microgpt와 같다 (행(row) 하나가 출력 뉴런 하나)
        self._state: dict[str, list[list[Value]]] = {
            "wte": matrix(vocab_size, n_embd),
            "wpe": matrix(block_size, n_embd),
            "lm_head": matrix(vocab_size, n_embd),
        }
        for i in range(n_layer):
            self._state[f"layer{i}.attn_wq"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wk"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wv"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.attn_wo"] = matrix(n_embd, n_embd)
            self._state[f"layer{i}.mlp_fc1"] = matrix(4 * n_embd, n_embd)
            self._state[f"layer{i}.mlp_fc2"] = matrix(n_embd, 4 * n_embd)
        self._params = [p for rows in self._state.values() for row in rows for p in row]
        # 빠른 행렬 곱: 층마다 이름 → WeightMatrix (같은 Value를 가리킨다)
        self._matrices = [
            {
                name: WeightMatrix(self._state[f"layer{i}.{name}"])
                for name in ("attn_wq", "attn_wk", "attn_wv", "attn_wo", "mlp_fc1", "mlp_fc2")
            }
            for i in range(n_layer)
        ]
        self._lm_head = WeightMatrix(self._state["lm_head"])

    # ------------------------------------------------------------ 매개변수
    @property
    def config(self) -> dict[str, int]:
        """모델의 모양. 저장한 파일의 ``architecture``에도 적힙니다."""
        return {
            "vocab_size": self.vocab_size,
            "n_layer": self.n_layer,
            "n_embd": self.n_embd,
            "n_head": self.n_head,
            "block_size": self.block_size,
        }

    def parameters(self) -> list[Value]:
        return list(self._params)

    def state_dict(self) -> dict[str, list[list[Value]]]:  # type: ignore[override]
        """microgpt의 이름 → 행들의 목록(행 하나가 출력 뉴런 하나). 안의 Value는 모델의 것."""
        return {name: [list(row) for row in rows] for name, rows in self._state.items()}

    def load_state_dict(self, state: dict[str, Any]) -> None:  # type: ignore[override]
        """이름 → 행들(Value나 숫자)의 사전에서 값을 넣습니다. 모두 검사한 뒤에만 넣습니다."""
        if not isinstance(state, dict) or set(state) != set(self._state):
            got = sorted(state) if isinstance(state, dict) else type(state).__name__
            raise ValueError(
                f"상태 사전의 이름이 맞지 않습니다: {got}. 필요한 이름: {list(self._state)}"
            )
        new_values = []
        for name, rows in self._state.items():
            given = state[name]
            if len(given) != len(rows) or any(len(g) != len(r) for g, r in zip(given, rows)):
                raise ValueError(
                    f"'{name}'의 모양이 다릅니다: {len(rows)}×{len(rows[0])} 이어야 합니다."
                )
            for g_row in given:
                for x in g_row:
                    v = x.data if isinstance(x, Value) else x
                    if isinstance(v, bool) or not isinstance(v, (int, float)):
                        raise ValueError(f"'{name}'에 숫자가 아닌 값이 있습니다: {x!r}")
                    if not math.isfinite(v):
                        raise ValueError(f"'{name}'에 유한하지 않은 값이 있습니다: {v!r}")
                    new_values.append(float(v))
        for p, v in zip(self._params, new_values):
            p.data = v

    def __repr__(self) -> str:
        c = self.config
        inner = ", ".join(f"{k}={v}" for k, v in c.items())
        return f"GPT({inner}, 매개변수 {len(self._params)}개)"

    # ------------------------------------------------------------ 순전파
    def forward(
        self,
        token_id: int,
        pos_id: int,
        keys: list[list[list[tuple[Value, ...]]]],
        values: list[list[list[list[Value]]]],
        attention: list[list[float]] | None = None,
    ) -> list[Value]:
        """토큰 하나의 다음 토큰 로짓(logit) ``vocab_size`` 개 (``lm_head``의 출력).

        ``keys``·``values``는 층마다 지난 위치들의 키·값 캐시(``new_cache()``)이고, 이 호출이
        이번 위치의 키·값을 덧붙입니다. ``attention`` 목록을 주면 헤드마다 어텐션 가중치를
        덧붙입니다. 부를 때마다 가중치의 지금 값을 읽습니다 (``loss``·``generate``는 한 번만).
        """
        self._snapshot()
        return self._lm_head(self._hidden(token_id, pos_id, (keys, values), attention))

    def _hidden(
        self,
        token_id: int,
        pos_id: int,
        cache: tuple[list, list],
        attention: list | None = None,
        tape: list[Value] | None = None,
    ) -> list[Value]:
        """마지막 블록의 출력(``n_embd`` 개, ``lm_head`` 앞). ``cache``는 ``new_cache()``의 것.

        ``tape``을 주면 여기서 만든 중간 노드를 만든 순서대로 덧붙입니다 (``loss``의 역전파가
        위상 정렬 대신 이 순서를 씁니다). 손실에 닿지 않을 노드는 만들지 않습니다: ReLU가 0으로
        만들 fc1의 출력 (``scaled(..., relu=True)``)."""
        tape = [] if tape is None else tape

        def taped(nodes: list[Value]) -> list[Value]:
            tape.extend(nodes)
            return nodes

        keys, values = cache
        mats = self._matrices
        hd = self.head_dim
        x = taped([t + p for t, p in zip(self._state["wte"][token_id], self._state["wpe"][pos_id])])
        s = rms_scale(x, RMS_EPS)  # RMSNorm: 배율 s는 노드 하나, xᵢ·s는 곱셈 노드
        tape.append(s)
        x = taped([xi * s for xi in x])
        inv_sqrt = 1.0 / hd**0.5  # 1/√head_dim: 질의(query)에 곱한다
        for li in range(self.n_layer):
            m = mats[li]
            x_residual = x
            # RMSNorm의 배율 s는 노드 하나, 곱 s·x는 다음 선형 층의 노드 안에서 (scaled_dot)
            s = rms_scale(x, RMS_EPS)
            tape.append(s)
            q = taped(m["attn_wq"].scaled(x, s, inv_sqrt))
            k = taped(m["attn_wk"].scaled(x, s))
            v = taped(m["attn_wv"].scaled(x, s))
            x_attn: list[Value] = []
            for h in range(self.n_head):
                hs = h * hd
                keys[li][h].append(tuple(k[hs : hs + hd]))
                v_cols = values[li][h]
                for j in range(hd):
                    v_cols[j].append(v[hs + j])
                logits = taped(matvec(keys[li][h], q[hs : hs + hd]))  # 지난 위치마다 q·k 하나
                weights = taped(softmax(logits))
                if attention is not None:
                    attention.append([w.data for w in weights])
                x_attn.extend(taped(matvec(v_cols, weights)))  # 값의 가중합 Σ_t 가중치_t · v_t
            x = taped(m["attn_wo"](x_attn))
            x = taped([a + b for a, b in zip(x, x_residual)])
            x_residual = x
            s = rms_scale(x, RMS_EPS)
            tape.append(s)
            # fc2·relu(fc1·x): 죽은 ReLU(값 ≤ 0)의 fc1 노드는 만들지 않고(None), 간선도 없다
            hidden = m["mlp_fc1"].scaled(x, s, relu=True)
            tape.extend([h for h in hidden if h is not None])
            x = taped(m["mlp_fc2"].after_relu(hidden))
            x = taped([a + b for a, b in zip(x, x_residual)])
        return x

    def new_cache(self) -> tuple[list[list[list[Any]]], list[list[list[list[Value]]]]]:
        """빈 키·값 캐시: 층마다, 헤드마다 (키는 위치마다 튜플, 값은 차원마다 목록)."""
        keys = [[[] for _ in range(self.n_head)] for _ in range(self.n_layer)]
        values = [
            [[[] for _ in range(self.head_dim)] for _ in range(self.n_head)]
            for _ in range(self.n_layer)
        ]
        return keys, values

    def _snapshot(self) -> None:
        """가중치의 지금 값을 읽어 둔다 (한 번의 순전파 동안 가중치는 바뀌지 않는다)."""
        for m in self._matrices:
            for w in m.values():
                w.snapshot()
        self._lm_head.snapshot()

    def _check_tokens(self, tokens: Sequence[int], minimum: int = 2) -> list[int]:
        ids = list(tokens)
        if len(ids) < minimum:
            raise ValueError(
                f"토큰이 {minimum}개 이상 필요합니다 (받은 {len(ids)}개). 예: [BOS, 자모..., BOS]"
            )
        for i, t in enumerate(ids):
            if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < self.vocab_size:
                raise ValueError(
                    f"토큰 {i}번 {t!r}이(가) 0 이상 {self.vocab_size} 미만의 정수가 아닙니다."
                )
        return ids

    def loss(self, tokens: Sequence[int]) -> Value:
        """다음 토큰 교차 엔트로피의 평균 (위치 0..n-1, n = min(block_size, len(tokens) - 1))."""
        return self._loss_and_tape(self._check_tokens(tokens))[0]

    def _loss_and_tape(self, ids: list[int]) -> tuple[Value, list[Value]]:
        """손실과, 그 손실까지 만든 중간 노드를 만든 순서대로 적은 테이프(tape) (끝이 손실)."""
        n = min(self.block_size, len(ids) - 1)
        self._snapshot()
        cache = self.new_cache()
        tape: list[Value] = []
        # 마지막 층(lm_head)과 교차 엔트로피는 묶은 노드 하나(linear_ce): 로짓 노드를 만들지 않는다
        losses = []
        for pos in range(n):
            hidden = self._hidden(ids[pos], pos, cache, tape=tape)
            losses.append(self._lm_head.cross_entropy(hidden, ids[pos + 1]))
            tape.append(losses[-1])
        total = sum_values(losses)
        loss = total * (1.0 / n)
        tape += (total, loss)
        return loss, tape

    def attention_weights(self, tokens: Sequence[int]) -> list[list[list[list[float]]]]:
        """어텐션 가중치 ``[층][헤드][질의 위치][키 위치]`` (키 위치는 질의 위치까지만)."""
        ids = self._check_tokens(tokens, minimum=1)
        n = min(self.block_size, len(ids))
        cache = self.new_cache()
        per_pos = []
        self._snapshot()
        with no_grad():
            for pos in range(n):
                record: list[list[float]] = []
                self._hidden(ids[pos], pos, cache, record)
                per_pos.append(record)
        return [
            [[per_pos[pos][li * self.n_head + h] for pos in range(n)] for h in range(self.n_head)]
            for li in range(self.n_layer)
        ]

    def mean_loss(self, docs: Sequence[Sequence[int]]) -> float:
        """여러 토큰 목록의 토큰당 평균 손실(nat). 그래프를 만들지 않습니다 (평가용)."""
        total, count = 0.0, 0
        with no_grad():
            for tokens in docs:
                n = min(self.block_size, len(tokens) - 1)
                total += self.loss(tokens).data * n
                count += n
        if count == 0:
            raise ValueError("평가할 토큰이 없습니다. 토큰 목록을 하나 이상 주세요.")
        return total / count

    def generate(
        self,
        bos: int,
        temperature: float = 0.5,
        seed: int | None = None,
        rng: random.Random | None = None,
    ) -> list[int]:
        """``bos``에서 시작해 토큰을 하나씩 뽑습니다. ``bos``가 다시 나오거나 블록이 차면 멈춤.

        확률은 softmax(로짓 / temperature): 온도(temperature)가 낮으면 흔한 것을, 높으면 다양하게.
        ``seed`` (또는 ``rng``)가 같으면 언제나 같은 결과입니다. 돌려주는 목록에 ``bos``는
        없습니다.
        """
        if not (isinstance(temperature, (int, float)) and 0.0 < temperature < math.inf):
            raise ValueError(f"temperature는 0보다 큰 수여야 합니다 (받은 값: {temperature!r}).")
        rng = rng if rng is not None else random.Random(seed)
        cache = self.new_cache()
        token, out = bos, []
        choices = range(self.vocab_size)
        self._snapshot()
        with no_grad():
            for pos in range(self.block_size):
                logits = [
                    z.data / temperature for z in self._lm_head(self._hidden(token, pos, cache))
                ]
                biggest = max(logits)
                weights = [math.exp(z - biggest) for z in logits]
                token = rng.choices(choices, weights=weights)[0]
                if token == bos:
                    break
                out.append(token)
        return out
