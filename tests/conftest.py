"""테스트 공용 준비물(fixture).

``browser``: 헤드리스 크로미움(headless Chromium)을 셀레늄(selenium)으로 띄웁니다. 사람이 보는
그림과 페이지는 진짜 브라우저에서 확인합니다. 크로미움이나 드라이버가 없으면 이유를 밝히고
건너뜁니다 (Debian: ``sudo apt-get install chromium chromium-driver``; ``.ci/run`` 은 root 일 때
설치합니다).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

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


def browser_skip_reason() -> str | None:
    """브라우저 테스트를 할 수 없으면 그 이유를, 할 수 있으면 None 을 돌려줍니다."""
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
