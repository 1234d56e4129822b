"""GPT 모델: microgpt와 같은 구조, 넓은 곳은 묶은 노드(``micrograd_kr.fused``)로."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from micrograd_kr.engine import Value
from micrograd_kr.floats import short_list, short_repr
from micrograd_kr.fused import (
    WeightMatrix,
    matvec,
    rms_scale,
    softmax,
    sum_values,
)
from micrograd_kr.gpt import budget, checks
from micrograd_kr.korean import particle
from micrograd_kr.modes import no_grad
from micrograd_kr.nn import Module

DEFAULT_BLOCK_SIZE = 16
INIT_STD = 0.08
RMS_EPS = 1e-5


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
        self.vocab_size = vocab_size = checks.whole_number(vocab_size, "vocab_size")
        self.n_layer = n_layer = checks.whole_number(n_layer, "n_layer")
        self.n_embd = n_embd = checks.whole_number(n_embd, "n_embd")
        self.n_head = n_head = checks.whole_number(n_head, "n_head")
        self.block_size = block_size = checks.whole_number(block_size, "block_size")
        if n_embd % n_head:
            raise ValueError(
                f"n_embd({n_embd})가 n_head({n_head})로 나누어떨어져야 헤드(head)마다 같은 "
                "크기를 나눠 줄 수 있습니다. 예: n_embd=16, n_head=4"
            )
        if seed is not None:
            seed = checks.whole_number(seed, "seed", minimum=0)
        budget.check_model(self.config)  # 메모리에 들지 않을 모양은 만들기 전에 거절
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
        """이름 → 행들(Value나 숫자)의 사전에서 값을 넣습니다. 모두 검사한 뒤에만 넣습니다.

        사전이 아닌 것, 글자열이 아닌 이름, 남거나 빠진 이름, 목록이 아닌 텐서(tensor), 모양이
        다른 행렬, 숫자가 아닌 값, NaN·inf·float로 나타낼 수 없는 큰 정수는 한국어 오류로
        거절하고 모델은 그대로 둡니다."""
        if not isinstance(state, dict):
            raise TypeError(
                "load_state_dict에는 이름 → 행들의 사전(dict)을 주세요 (state_dict()의 모양). "
                f"받은 값: {short_repr(state)} (자료형 {type(state).__name__})."
            )
        missing = [name for name in self._state if name not in state]
        extra = [key for key in state if key not in self._state]
        if missing or extra:
            raise ValueError(
                f"상태 사전의 이름이 맞지 않습니다. 빠진 이름: {short_list(missing)}, 모르는 이름: "
                f"{short_list(extra)}. 필요한 이름: {list(self._state)}"
            )
        new_values = []
        for name, rows in self._state.items():
            shape = f"{len(rows)}×{len(rows[0])}"
            given = state[name]
            if not isinstance(given, (list, tuple)) or not all(
                isinstance(g, (list, tuple)) for g in given
            ):
                raise TypeError(
                    f"{short_repr(name)}에는 행들의 목록({shape}, 리스트의 리스트)이 와야 "
                    f"합니다. 받은 값: {short_repr(given)} (자료형 {type(given).__name__})."
                )
            if len(given) != len(rows) or any(len(g) != len(r) for g, r in zip(given, rows)):
                got = f"{len(given)}×{len(given[0])}" if given else "0×0"
                raise ValueError(
                    f"{short_repr(name)}의 모양이 다릅니다: {shape} 이어야 하는데 {got}입니다 "
                    "(행마다 길이도 같아야 합니다)."
                )
            for g_row in given:
                for x in g_row:
                    v = x.data if isinstance(x, Value) else x
                    new_values.append(checks.number(v, short_repr(name)))
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
        checks.token(token_id, self.vocab_size, "forward의 token_id")
        if not (isinstance(pos_id, int) and not isinstance(pos_id, bool)):
            checks.token(pos_id, self.block_size, "forward의 pos_id")  # 자료형 오류를 알린다
        if not 0 <= pos_id < self.block_size:
            raise ValueError(
                f"forward의 pos_id {particle(short_repr(pos_id), '이')} 0 이상 block_size "
                f"{self.block_size} 미만이 아닙니다. 위치 임베딩(wpe)은 블록 안의 위치에만 "
                "있습니다."
            )
        self._check_cache(keys, values)
        self._snapshot()
        return self._lm_head(self._hidden(token_id, pos_id, (keys, values), attention))

    def _check_cache(self, keys: Any, values: Any) -> None:
        """``forward``의 키·값 캐시가 ``new_cache()``의 모양인지 (층마다, 헤드마다 목록)."""
        keys_ok = isinstance(keys, list) and len(keys) == self.n_layer
        values_ok = isinstance(values, list) and len(values) == self.n_layer
        if keys_ok and values_ok:
            keys_ok = all(isinstance(k, list) and len(k) == self.n_head for k in keys)
            values_ok = all(
                isinstance(v, list)
                and len(v) == self.n_head
                and all(isinstance(h, list) and len(h) == self.head_dim for h in v)
                for v in values
            )
        if not (keys_ok and values_ok):
            raise TypeError(
                "forward의 keys, values에는 model.new_cache()가 만든 캐시를 주세요 "
                f"(층 {self.n_layer}개 × 헤드 {self.n_head}개의 목록). 받은 값: keys "
                f"{short_repr(keys)}, values {short_repr(values)}."
            )

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
        return checks.tokens(tokens, self.vocab_size, "토큰 목록", minimum)

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
        """여러 토큰 목록의 토큰당 평균 손실(nat). 그래프를 만들지 않습니다 (평가용).

        값은 ``loss``와 같습니다. 마지막 층과 교차 엔트로피는 노드 없이 numpy로 계산합니다
        (평가에는 기울기가 필요 없으니까요): 어휘가 커도 빠릅니다."""
        checks.documents(docs, self.vocab_size)
        total, count = 0.0, 0
        self._snapshot()
        with no_grad():
            for tokens in docs:
                n = min(self.block_size, len(tokens) - 1)
                cache = self.new_cache()
                for pos in range(n):
                    logits = self._logits(self._hidden(tokens[pos], pos, cache))
                    biggest = logits.max()
                    total += biggest + math.log(np.exp(logits - biggest).sum())
                    total -= logits[tokens[pos + 1]]
                count += n
        return float(total / count)

    def _logits(self, hidden: list[Value]) -> np.ndarray:
        """다음 토큰의 로짓 lm_head · hidden (numpy, 노드 없이: 평가와 낱말 짓기용)."""
        logits = self._lm_head.array @ np.array([h.data for h in hidden])
        if not np.isfinite(logits).all():
            raise ValueError(
                "모델의 로짓(logit)에 NaN이나 inf가 있습니다: 가중치가 발산했습니다. 학습률을 "
                "낮춰 다시 학습하거나 저장해 둔 모델을 불러오세요."
            )
        return logits

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
        bos = checks.token(bos, self.vocab_size, "generate의 bos")
        temperature = checks.positive_number(temperature, "temperature")
        if rng is not None and not isinstance(rng, random.Random):
            raise TypeError(
                f"rng에는 random.Random 객체가 와야 합니다. 받은 값: {short_repr(rng)} "
                f"(자료형 {type(rng).__name__}). 예: rng=random.Random(0)"
            )
        if seed is not None:
            seed = checks.whole_number(seed, "seed", minimum=0)
        rng = rng if rng is not None else random.Random(seed)
        cache = self.new_cache()
        token, out = bos, []
        choices = range(self.vocab_size)
        self._snapshot()
        with no_grad():
            for pos in range(self.block_size):
                logits = self._logits(self._hidden(token, pos, cache))
                # 가장 큰 로짓을 빼고 나눈다: 온도가 아주 작아도(5e-324) 넘치지 않는다 (-inf → 0)
                with np.errstate(over="ignore"):
                    weights = np.exp((logits - logits.max()) / temperature)
                token = rng.choices(choices, weights=weights.tolist())[0]
                if token == bos:
                    break
                out.append(token)
        return out
