"""역전파 탐험기의 위치 보기: ``explore(GPT(...).loss(tokens))``.

위치마다 단계를 찾는 것은 모델의 설정(헤드 수, 위치)과 상태 사전(state_dict)의 Value로, 페이지의
숫자는 엔진(``loss.backward()``)으로 견줍니다.
"""

from __future__ import annotations

import math
import re
import statistics
from pathlib import Path

import pytest
from viz_support import needs_renderer

from micrograd_kr import topological_order
from micrograd_kr.gpt import GPT, JamoTokenizer
from micrograd_kr.viz import explore
from micrograd_kr.viz.explore_sequence import find_sequence

pytestmark = needs_renderer
WORDS = ["다람쥐", "고양이", "강아지"]


def gpt_loss(n_embd: int = 8, n_head: int = 2, word: str = "다람쥐"):
    tokenizer = JamoTokenizer(WORDS)
    ids = tokenizer.encode(word)
    model = GPT(tokenizer.vocab_size, n_embd=n_embd, n_head=n_head, seed=0)
    return model.loss(ids), model, ids


def test_positions_and_stages_follow_the_model():
    loss, model, ids = gpt_loss()
    order = topological_order(loss)
    seq = find_sequence(order)
    assert seq is not None
    n = len(ids) - 1
    assert seq["positions"] == n
    state = model.state_dict()
    by_position: dict[int, list[dict]] = {}
    for stage in seq["stages"]:
        by_position.setdefault(stage["p"], []).append(stage)
    roles = [[s["role"] for s in by_position[p]] for p in range(n)]
    assert all(r == roles[0] for r in roles)  # 위치마다 같은 단계
    for p in range(n):
        stages = {s["role"]: s for s in by_position[p]}
        embed = stages["임베딩: 토큰 + 위치"]
        assert len(embed["nodes"]) == model.n_embd
        pairs = {order[i].inputs for i in embed["nodes"]}  # 그 위치의 토큰 행 + 그 위치의 행
        assert pairs == set(zip(state["wte"][ids[p]], state["wpe"][p]))
        # 헤드마다 지난 위치 p + 1 개의 키를 본다
        assert len(stages["어텐션 가중치 (소프트맥스)"]["nodes"]) == model.n_head * (p + 1)
        assert len(stages["어텐션 점수 (점곱)"]["nodes"]) == model.n_head * (p + 1)
        assert stages["어텐션 점수 (점곱)"]["earlier"] == list(range(p))
        assert stages["다음 토큰 손실"]["nodes"] == [seq["losses"][p]]
    # 단계는 합과 평균을 뺀 모든 연산 노드를 한 번씩 덮는다
    covered = sorted(i for s in seq["stages"] for i in s["nodes"])
    assert covered == [i for i, node in enumerate(order) if node.inputs and i not in seq["head"]]
    assert sorted(seq["head"]) == [len(order) - 2, len(order) - 1]


def test_a_real_gpt_loss_makes_a_page_without_the_scalar_picture(tmp_path):
    loss, model, _ = gpt_loss(16, 4)
    assert len(topological_order(loss)) > 5000  # max_nodes(500)보다 크다
    page = explore(loss, params=model)
    assert page.data["view"] == "sequence" and page.data["full"] is False
    html = page.save(tmp_path / "gpt.html").read_text(encoding="utf-8")
    assert "<svg" not in html
    params = [n["param"] for n in page.data["nodes"] if "param" in n]
    assert {"wpe[0][0]", "lm_head[0][0]", "layer0.attn_wq[15][15]"} <= set(params) and all(
        re.fullmatch(r"[a-z0-9_.]+\[\d+\]\[\d+\]", p) for p in params
    )
    unnamed = explore(loss).data["nodes"]
    assert [n.get("role") for n in unnamed if not n["op"] and "param" not in n] == [
        "1/N (평균, N=8)"
    ]
    with pytest.raises(ValueError, match="max_nodes"):
        explore(loss * 1.0)  # 위치 보기로 읽을 수 없는 큰 그래프는 예전처럼 거절


STEPS = """
const r = document.querySelector('.mgk-explorer'), box = r.querySelector('.mgk-graph');
const panel = r.querySelector('.mgk-panel'), next = r.querySelector('.mgk-next');
r.querySelector('.mgk-first').click();
const bad = [], seen = [], times = [];
let scroll = [box.scrollLeft, box.scrollTop];
while (!next.disabled) {
  const t0 = performance.now();
  next.click();
  r.offsetHeight;
  times.push(performance.now() - t0);
  const step = Number(r.getAttribute('data-step'));
  if (Math.hypot(box.scrollLeft - scroll[0], box.scrollTop - scroll[1]) > box.clientHeight)
    bad.push([step, 'jump']);
  scroll = [box.scrollLeft, box.scrollTop];
  if (panel.scrollHeight > panel.clientHeight + 1) bad.push([step, 'panel scrolls']);
  const cur = r.querySelector('[aria-current="step"]');
  if (!cur) { bad.push([step, 'no current']); continue; }
  const c = cur.getBoundingClientRect(), b = box.getBoundingClientRect();
  if (c.left < b.left || c.top < b.top || c.right > b.right || c.bottom > b.bottom ||
      c.bottom > innerHeight) bad.push([step, 'out of view']);
  seen.push([r.getAttribute('data-current'), cur.getAttribute('data-value'),
             cur.getAttribute('data-grad'), r.querySelector('.mgk-text').textContent]);
}
return {bad, seen, times, view: r.getAttribute('data-view'),
        total: Number(r.getAttribute('data-step'))};
"""


def _viewport(browser, width: int, height: int) -> None:
    browser.set_window_size(width, height)
    inner = browser.execute_script("return [innerWidth, innerHeight]")
    browser.set_window_size(2 * width - inner[0], 2 * height - inner[1])


def test_every_step_of_the_gpt_page_shows_the_engines_numbers(browser, tmp_path):
    loss, model, _ = gpt_loss()
    order = topological_order(loss)
    seq = find_sequence(order)
    html = explore(loss, params=model).save(tmp_path / "gpt.html")
    loss.backward()
    _viewport(browser, 1280, 800)
    try:
        browser.get(Path(html).resolve().as_uri())
        browser.set_script_timeout(120)
        result = browser.execute_script(STEPS)
    finally:
        browser.set_script_timeout(30)
        browser.set_window_size(1280, 1000)
    stages = len(seq["stages"])
    assert result["view"] == "sequence" and result["total"] == 2 * stages + 2
    assert result["bad"] == []
    checked = 0
    for current, value, grad, text in result["seen"]:
        node = order[int(current)]
        assert math.isclose(float(value), node.data, rel_tol=1e-9, abs_tol=1e-12)
        if "역전파" in text:
            assert math.isclose(float(grad), node.grad, rel_tol=1e-7, abs_tol=1e-12)
            checked += 1
        else:
            assert grad == ""
    assert checked == stages + 1
    joined = "\n".join(t for *_, t in result["seen"])
    assert "위치 2: 어텐션 가중치 (소프트맥스) ×6" in joined  # 헤드 2개 × 키 3개
    assert "소프트맥스 0 @2" in joined and "앞 위치의 노드" in joined
    print(
        f"\nGPT 위치 보기: 노드 {len(order)}개, {result['total']} 걸음, 걸음 시간 중앙값 "
        f"{statistics.median(result['times']):.2f} ms, 최대 {max(result['times']):.1f} ms"
    )


def test_a_small_gpt_also_has_the_scalar_view_at_the_same_place(browser, tmp_path):
    tokenizer = JamoTokenizer(WORDS)
    model = GPT(tokenizer.vocab_size, n_embd=2, n_head=1, block_size=3, seed=0)
    loss = model.loss(tokenizer.encode("고양이"))
    assert len(topological_order(loss)) <= 500
    html = explore(loss).save(tmp_path / "small.html")
    browser.get(Path(html).resolve().as_uri() + "#step=9")
    got = browser.execute_script(
        """const r = document.querySelector('.mgk-explorer');
        const here = [r.getAttribute('data-view'), r.getAttribute('data-current')];
        r.querySelector('.mgk-view').click();
        const there = [r.getAttribute('data-view'), r.getAttribute('data-current'), location.hash];
        r.querySelector('.mgk-view').click();
        return [here, there, [r.getAttribute('data-view'), r.getAttribute('data-current')]];"""
    )
    here, there, back = got
    assert here[0] == "sequence" and there[:2] == ["full", here[1]] and "view=full" in there[2]
    assert back == here
