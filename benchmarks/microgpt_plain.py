"""microgpt 모양의 GPT 를 연산 하나에 노드 하나로 쓴 평범한 프로그램 (기준 구현).

연산자(``+ - * / **``)와 ``.log()``, ``.exp()``, ``.relu()`` 만 씁니다. 그래서 어떤 스칼라
``Value`` 클래스에서도 그대로 돌아갑니다: ``benchmarks/minimal_value.py`` 의 최소 엔진에서도,
``micrograd_kr.Value`` 에서도. 두 가지로 쓰입니다.

- 시험(tests/test_gpt.py): ``micrograd_kr.gpt.GPT`` 의 손실과 모든 기울기가 같은 가중치의 이
  프로그램과 1e-9 안에서 같은지 확인합니다.
- 벤치마크(benchmarks/bench.py): microgpt 가 도는 방식 그대로의 학습 한 단계를 잽니다.

매개변수는 ``micrograd_kr.gpt.GPT``의 가중치를 그대로 옮겨 씁니다 (``init_state``). 계산 순서도
``GPT``와 같습니다.
"""

from __future__ import annotations

from typing import Any

from micrograd_kr.gpt import GPT


def init_state(value_cls: type, model: GPT) -> dict[str, list[list[Any]]]:
    """매개변수 상태 사전(이름 → 행(출력 뉴런)들의 목록): ``model``의 가중치를 ``value_cls``로.

    이름, 순서, 처음 값(N(0, 0.08²)에서 뽑은 수)은 ``GPT``가 정한 그대로 옮겨 오므로 두 프로그램의
    가중치는 어긋날 수 없습니다. 옮긴 뒤의 계산은 이 파일이 연산 하나에 노드 하나로 따로 합니다.
    """
    return {
        name: [[value_cls(p.data) for p in row] for row in rows]
        for name, rows in model.state_dict().items()
    }


def parameters(state: dict[str, list[list[Any]]]) -> list[Any]:
    return [p for rows in state.values() for row in rows for p in row]


def linear(x: list[Any], w: list[list[Any]]) -> list[Any]:
    return [sum(wi * xi for wi, xi in zip(row, x)) for row in w]


def softmax(logits: list[Any]) -> list[Any]:
    biggest = max(z.data for z in logits)
    exps = [(z - biggest).exp() for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def rmsnorm(x: list[Any]) -> list[Any]:
    ms = sum(xi * xi for xi in x) / len(x)
    scale = (ms + 1e-5) ** -0.5
    return [xi * scale for xi in x]


def gpt(
    state: dict[str, list[list[Any]]],
    n_layer: int,
    n_head: int,
    token_id: int,
    pos_id: int,
    keys: list[list[Any]],
    values: list[list[Any]],
) -> list[Any]:
    """토큰 하나의 로짓(logit). keys·values 는 층마다 지난 위치들의 캐시(cache)입니다."""
    x = [t + p for t, p in zip(state["wte"][token_id], state["wpe"][pos_id])]
    x = rmsnorm(x)
    head_dim = len(x) // n_head
    for li in range(n_layer):
        x_residual = x
        x = rmsnorm(x)
        q = linear(x, state[f"layer{li}.attn_wq"])
        k = linear(x, state[f"layer{li}.attn_wk"])
        v = linear(x, state[f"layer{li}.attn_wv"])
        keys[li].append(k)
        values[li].append(v)
        x_attn = []
        for h in range(n_head):
            hs = h * head_dim
            q_h = q[hs : hs + head_dim]
            k_h = [ki[hs : hs + head_dim] for ki in keys[li]]
            v_h = [vi[hs : hs + head_dim] for vi in values[li]]
            logits = [sum(q_h[j] * k_t[j] for j in range(head_dim)) / head_dim**0.5 for k_t in k_h]
            weights = softmax(logits)
            for j in range(head_dim):
                x_attn.append(sum(weights[t] * v_h[t][j] for t in range(len(v_h))))
        x = linear(x_attn, state[f"layer{li}.attn_wo"])
        x = [a + b for a, b in zip(x, x_residual)]
        x_residual = x
        x = rmsnorm(x)
        x = linear(x, state[f"layer{li}.mlp_fc1"])
        x = [xi.relu() for xi in x]
        x = linear(x, state[f"layer{li}.mlp_fc2"])
        x = [a + b for a, b in zip(x, x_residual)]
    return linear(x, state["lm_head"])


def loss(
    state: dict[str, list[list[Any]]], n_layer: int, n_head: int, block_size: int, tokens: list[int]
) -> Any:
    """위치 0..n-1 에서 다음 토큰 교차 엔트로피의 평균, n = min(block_size, len(tokens) - 1)."""
    n = min(block_size, len(tokens) - 1)
    keys: list[list[Any]] = [[] for _ in range(n_layer)]
    values: list[list[Any]] = [[] for _ in range(n_layer)]
    losses = []
    for pos in range(n):
        logits = gpt(state, n_layer, n_head, tokens[pos], pos, keys, values)
        probs = softmax(logits)
        losses.append(-probs[tokens[pos + 1]].log())
    return (1 / n) * sum(losses)


class Adam:
    """microgpt 의 Adam: 매개변수마다 파이썬 반복문 한 바퀴, 학습률은 직선으로 줄어듦."""

    def __init__(self, params: list[Any], lr: float = 0.01, betas=(0.85, 0.99), eps=1e-8):
        self.params, self.lr, self.betas, self.eps = params, lr, betas, eps
        self.m = [0.0] * len(params)
        self.v = [0.0] * len(params)

    def step(self, step: int, num_steps: int) -> None:
        b1, b2 = self.betas
        lr_t = self.lr * (1 - step / num_steps)
        for i, p in enumerate(self.params):
            self.m[i] = b1 * self.m[i] + (1 - b1) * p.grad
            self.v[i] = b2 * self.v[i] + (1 - b2) * p.grad**2
            m_hat = self.m[i] / (1 - b1 ** (step + 1))
            v_hat = self.v[i] / (1 - b2 ** (step + 1))
            p.data -= lr_t * m_hat / (v_hat**0.5 + self.eps)
            p.grad = 0
