"""역전파 탐험기의 속도: 409 노드 MLP 페이지를 크로미움에서 열고 걸음을 넘기는 시간.

그래프는 ``MLP(2, [16, 16, 1], seed=0)``에 점 하나와 ``mse``(노드 409 개). 잽니다:

1. ``explore(loss)``로 페이지를 만드는 시간 (파이썬, 그림 그리기 포함)과 파일 크기
2. 페이지를 여는 시간: 주소를 연 때부터 ``load`` 사건이 끝날 때까지 (탐험기의 스크립트가
   신경망 보기를 그린 뒤). 처음 한 번은 버리고 여러 번의 중앙값과 최대
3. 신경망 보기(기본)의 걸음: '다음'을 처음부터 끝까지 누르며 한 걸음마다 그리기(배치 포함) 시간.
   여러 번 넘겨 걸음마다 가장 짧은 것을 그 걸음의 시간으로 보고(바쁜 기계의 끼어듦을 덜려고),
   그 중앙값과 최대. 날것(모든 바퀴)의 최대도 함께
4. 모든 노드 보기(스칼라 그림)로 처음 바꾸는 시간과 그 보기의 걸음 시간 (한 바퀴)

목표: 신경망 보기에서 걸음 중앙값 50 ms 이하, 페이지 열기 1 s 이하.
크로미움과 크롬 드라이버, selenium 이 있어야 합니다 (``pip install -e '.[test]'``,
Debian: ``apt-get install chromium chromium-driver``). 없으면 1만 재고 무엇이 없는지 말합니다.
``make bench``가 ``bench.py`` 다음에 돌립니다. 목표를 넘으면 종료 코드 1.

    python benchmarks/bench_explore.py            # 기본: 페이지 열기 7번, 걸음 3바퀴
    python benchmarks/bench_explore.py --loads 15 --rounds 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from micrograd_kr import MLP, topological_order
from micrograd_kr.losses import mse
from micrograd_kr.viz import explore

STEP_GOAL_MS = 50.0
LOAD_GOAL_MS = 1000.0
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--force-device-scale-factor=1",
    "--lang=ko-KR",
)

STEPS = """
const r = document.querySelector('.mgk-explorer'), next = r.querySelector('.mgk-next');
const runs = [];
for (let k = 0; k < arguments[0]; k++) {
  r.querySelector('.mgk-first').click();
  const out = [];
  while (!next.disabled) {
    const t0 = performance.now();
    next.click();
    r.offsetHeight;  // 배치(layout)까지
    out.push(performance.now() - t0);
  }
  runs.push(out);
}
return runs;
"""

SWITCH = """
const r = document.querySelector('.mgk-explorer');
const t0 = performance.now();
r.querySelector('.mgk-view').click();
r.offsetHeight;
return [performance.now() - t0, r.getAttribute('data-view')];
"""


def the_graph() -> Any:
    model = MLP(2, [16, 16, 1], seed=0)
    return mse([model([0.5, -1.0])], [1.0])


def browser() -> Any:
    """헤드리스 크로미움, 또는 쓸 수 없으면 그 까닭(글)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    try:
        from selenium import webdriver
    except ImportError:
        return "selenium 이 없습니다 (pip install -e '.[test]')"
    if chromium is None or driver is None:
        return "크로미움이나 크롬 드라이버가 없습니다 (apt-get install chromium chromium-driver)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='bench-explore-')}")
    return webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=driver)
    )


def inner_size(driver: Any, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="역전파 탐험기의 속도 (409 노드 MLP 페이지)")
    parser.add_argument("--loads", type=int, default=7, help="페이지를 여는 횟수 (기본 7)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="걸음을 처음부터 끝까지 넘길 바퀴 (기본 3)"
    )
    args = parser.parse_args(argv)
    loss = the_graph()
    nodes = len(topological_order(loss))
    builds = []
    for _ in range(3):
        t0 = time.perf_counter()
        page = explore(loss)
        builds.append(time.perf_counter() - t0)
    folder = Path(tempfile.mkdtemp(prefix="bench-explore-"))
    html = page.save(folder / "mlp409.html")
    url = html.resolve().as_uri()
    print(f"[탐험기] MLP(2, [16, 16, 1]) 점 하나 + mse: 노드 {nodes}개")
    print(
        f"  페이지 만들기(파이썬): 중앙값 {statistics.median(builds):.2f} s, "
        f"파일 {html.stat().st_size / 1024:.0f} KB"
    )
    driver = browser()
    if isinstance(driver, str):
        print(f"  브라우저에서 재는 것은 건너뜀(skipped): {driver}")
        return 0
    try:
        inner_size(driver, 1280, 800)
        loads = []
        for k in range(args.loads + 1):
            driver.get("about:blank")
            driver.get(url)
            took = driver.execute_script(
                "return performance.getEntriesByType('navigation')[0].loadEventEnd"
            )
            if k:  # 처음 한 번은 버린다 (디스크·글꼴 캐시)
                loads.append(took)
        view = driver.execute_script(
            "return document.querySelector('.mgk-explorer').getAttribute('data-view')"
        )
        runs = driver.execute_script(STEPS, args.rounds)
        per_step = [min(times) for times in zip(*runs)]
        raw_max = max(max(run) for run in runs)
        switch_ms, full = driver.execute_script(SWITCH)
        full_run = driver.execute_script(STEPS, 1)[0]
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)
    load_median, step_median = statistics.median(loads), statistics.median(per_step)
    verdict = {True: "통과", False: "실패"}
    print(
        f"  페이지 열기 ({view} 보기, {len(loads)}번): 중앙값 {load_median:.0f} ms, "
        f"최대 {max(loads):.0f} ms  [목표 {LOAD_GOAL_MS:.0f} ms 이하: "
        f"{verdict[load_median <= LOAD_GOAL_MS]}]"
    )
    print(
        f"  신경망 보기의 걸음 {len(per_step)}개 ({args.rounds}바퀴 중 가장 짧은 것): 중앙값 "
        f"{step_median:.2f} ms, 최대 {max(per_step):.2f} ms (날것의 최대 {raw_max:.1f} ms)  "
        f"[목표 중앙값 {STEP_GOAL_MS:.0f} ms 이하: {verdict[step_median <= STEP_GOAL_MS]}]"
    )
    print(
        f"  모든 노드 보기({full})로 처음 바꾸기: {switch_ms:.0f} ms; 그 보기의 걸음 "
        f"{len(full_run)}개 (한 바퀴): 중앙값 {statistics.median(full_run):.2f} ms, "
        f"최대 {max(full_run):.1f} ms"
    )
    return 0 if load_median <= LOAD_GOAL_MS and step_median <= STEP_GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
