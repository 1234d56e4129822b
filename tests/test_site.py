"""강의 웹사이트(``make site``)를 빌드하고 모든 페이지를 헤드리스 크로미움으로 열어 봅니다.

페이지마다: 콘솔 오류가 없고, 모든 요청이 이 컴퓨터의 파일이며(바깥 요청 없음) 실패한 요청이
없고, 그림이 모두 보이고, 수식이 ``$...$`` 글자로 남지 않았고, 빈 페이지가 아닌지.
검색: "역전파" 로 찾으면 조사가 붙은 "역전파는", "역전파를" 만 있는 페이지까지 나와야 하고,
연쇄법칙 노트북이 그 가운데 있어야 합니다.
빌드에 필요한 패키지(``pip install -e '.[site]'``)가 없으면 이유를 밝히고 건너뜁니다.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
BUILD_LIMIT_S = 180  # 빌드는 3분 안에
SITE_PACKAGES = ("sphinx", "myst_nb", "sphinx_book_theme", "latex2mathml")
RAW_MATH = re.compile(r"\$[^$\s][^$]*\$")


def _site_skip_reason() -> str | None:
    if sys.version_info < (3, 11):
        return "웹사이트는 Python 3.11 이상에서 만들고 시험합니다 (make site PYTHON=python3.11)"
    missing = [name for name in SITE_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        return (
            f"웹사이트 빌드 도구({', '.join(missing)})가 없어 건너뜁니다 "
            "(pip install -e '.[site]', make test 는 함께 설치합니다)"
        )
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """새로 빌드한 사이트. MICROGRAD_KR_SITE_DIR 를 주면 이미 만든 사이트(예: site/)를 검사한다."""
    reason = _site_skip_reason()
    if reason:
        pytest.skip(reason)
    given = os.environ.get("MICROGRAD_KR_SITE_DIR")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("site") / "site"
    started = time.perf_counter()
    cpu_before = _children_cpu()
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "site" / "build.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    # 한도는 빌드가 쓴 CPU 시간(노트북 커널 포함)으로 잰다: 여럿이 나눠 쓰는 컴퓨터에서는 벽시계
    # 시간이 다른 일에 따라 두세 배로 늘어난다. 한가한 컴퓨터에서는 둘이 거의 같다.
    print(f"사이트 빌드: 벽시계 {wall:.0f}초, CPU {cpu:.0f}초")
    assert cpu < BUILD_LIMIT_S, f"빌드가 CPU {cpu:.0f}초를 썼습니다 (한도 {BUILD_LIMIT_S}초)"
    return out


def _children_cpu() -> float:
    if os.name == "nt":
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def content_pages(site: Path) -> list[Path]:
    """사람이 읽는 페이지: 첫 페이지, 노트북들, 용어집, API, 벤치마크."""
    pages = [site / "index.html", site / "api.html"]
    pages += sorted((site / "notebooks").glob("*.html"))
    pages += sorted((site / "benchmarks").glob("*.html"))
    return pages


def test_every_notebook_and_page_is_built(site: Path) -> None:
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    built = {p.stem for p in (site / "notebooks").glob("*.html")}
    assert notebooks and set(notebooks) <= built
    if (ROOT / "notebooks" / "README.md").exists():
        assert "README" in built
    assert (site / "api.html").exists() and (site / "benchmarks" / "README.html").exists()
    index = (site / "index.html").read_text("utf-8")
    assert "micrograd_kr" in index and "빠르게 시작하기" in index
    api = (site / "api.html").read_text("utf-8")
    assert "micrograd_kr.engine.Value" in api and "역전파" in api  # 한국어 docstring 에서
    for name in _site_build_module().public_modules():  # 새 모듈도 저절로 실린다
        assert f'id="module-{name}"' in api, name
    for page in site.rglob("*.html"):  # 바깥 주소를 부르는 script, link, img 가 없어야 한다
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r"""(src|href)=["']?(https?:)?//""", tag), (page, tag)


def _drain(browser: Any, kind: str) -> list[dict[str, Any]]:
    return browser.get_log(kind)


def _requests(perf_log: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(페이지가 보낸 요청 주소들, 실패한 요청들 "주소: 오류")."""
    sent: dict[str, str] = {}
    failed = []
    for entry in perf_log:
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent[message["params"]["requestId"]] = message["params"]["request"]["url"]
        elif message["method"] == "Network.loadingFailed":
            params = message["params"]
            url = sent.get(params["requestId"], f"(알 수 없는 요청 {params['requestId']})")
            failed.append(f"{url}: {params['errorText']}")
    return list(sent.values()), failed


PAGE_CHECK = """
const main = document.querySelector('main') || document.body;
const copy = main.cloneNode(true);
copy.querySelectorAll('pre, code, script, style, .highlight').forEach(e => e.remove());
const images = Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)
    .map(i => i.getAttribute('src'));
return {text: copy.innerText, length: main.innerText.trim().length, broken: images,
        images: document.images.length, math: document.querySelectorAll('math').length};
"""


def test_every_page_opens_cleanly_in_chromium(site: Path, browser: Any) -> None:
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    readable = set(content_pages(site))
    problems: list[str] = []
    total_math = 0
    browser.get("about:blank")  # 브라우저가 켜질 때 스스로 보낸 요청은 페이지의 것이 아니다
    time.sleep(1)
    for page in pages:
        _drain(browser, "browser")
        _drain(browser, "performance")
        browser.get(page.as_uri())
        time.sleep(0.05)
        info = browser.execute_script(PAGE_CHECK)
        name = page.relative_to(site)
        errors = [e["message"] for e in _drain(browser, "browser") if e["level"] == "SEVERE"]
        urls, failed = _requests(_drain(browser, "performance"))
        # chrome:// 는 브라우저 자신의 내부 자료(페이지가 부른 것이 아님)
        local = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")
        outside = [u for u in urls if not u.startswith(local)]
        if errors:
            problems.append(f"{name}: 콘솔 오류 {errors[:3]}")
        if outside:
            problems.append(f"{name}: 바깥 요청 {outside[:3]}")
        if failed:
            problems.append(f"{name}: 실패한 요청 {failed[:3]}")
        if info["broken"]:
            problems.append(f"{name}: 보이지 않는 그림 {info['broken'][:3]}")
        raw = RAW_MATH.findall(info["text"])
        if raw:
            problems.append(f"{name}: 그려지지 않은 수식 {raw[:3]}")
        if page in readable and info["length"] < 200:
            problems.append(f"{name}: 빈 페이지 ({info['length']}자)")
        total_math += info["math"]
    assert not problems, "\n".join(problems)
    assert total_math > 0  # 수식이 MathML 로 그려졌다


def test_korean_search_finds_words_with_particles(site: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    chain_rule = sorted(p.stem for p in (ROOT / "notebooks").glob("*chain_rule*.ipynb"))
    assert chain_rule, "연쇄법칙 노트북(*chain_rule*.ipynb)이 없습니다"
    browser.get((site / "search.html").as_uri() + "?q=" + "역전파")
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results ul.search li")
    )
    time.sleep(0.5)  # 결과는 차례로 붙는다
    links = [
        a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")
    ]
    found = {Path(link.split("#")[0].split("?")[0]).stem for link in links}
    assert chain_rule[0] in found, found
    # 조사가 붙은 꼴("역전파는", "역전파를", "역전파(")만 있어도 찾는다: 색인에 "역전파" 가 있다
    text = (site / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert "역전파" in index["terms"]
    assert "역전파는" in index["terms"] or "역전파를" in index["terms"]


def test_korean_search_splitter_adds_prefixes() -> None:
    if _site_skip_reason():
        pytest.skip(_site_skip_reason())
    sys.path.insert(0, str(ROOT / "docs" / "site"))
    try:
        from korean_search import hangul_prefixes
    finally:
        sys.path.remove(str(ROOT / "docs" / "site"))
    assert hangul_prefixes("역전파는") == ["역전", "역전파"]
    assert hangul_prefixes("backward") == []
    assert hangul_prefixes("기울기") == ["기울"]


def test_site_chrome_is_korean_and_search_shows_snippets_offline(site: Path, browser: Any) -> None:
    """바닥글과 '맨 위로' 단추가 한국어이고, 파일로 연 사이트의 검색 결과에도 요약 글이 있다."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get((site / "index.html").as_uri())
    chrome = browser.execute_script(
        "return [document.querySelector('.bd-footer-content').innerText,"
        " document.querySelector('#pst-back-to-top').textContent.trim()]"
    )
    assert chrome[1] == "맨 위로"
    assert "developers" not in chrome[0] and not chrome[0].lstrip().startswith("으로")
    browser.get((site / "search.html").as_uri() + "?q=" + "연쇄법칙")
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results ul.search li p.context")
    )
    snippets = [
        p.text for p in browser.find_elements(By.CSS_SELECTOR, "#search-results li p.context")
    ]
    assert any("연쇄법칙" in s for s in snippets), snippets
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not [e for e in errors if "Failed to fetch" in e["message"]], errors


def _site_build_module() -> Any:
    sys.path.insert(0, str(ROOT / "docs" / "site"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "docs" / "site"))
    return build


def test_api_page_lists_public_modules_only() -> None:
    """API 쪽에는 공개 모듈만: 이름이 _ 로 시작하는 모듈은 없고, 실린 모듈은 모두 불러와진다."""
    import importlib

    sys.path.insert(0, str(ROOT / "docs" / "site"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "docs" / "site"))
    names = re.findall(r"## `([^`]+)`", build.api_page())
    assert "micrograd_kr.engine" in names and "micrograd_kr.ops" in names
    assert not [n for n in names if any(p.startswith("_") for p in n.split("."))]
    for name in names:
        importlib.import_module(name)


# ------------------------------------------------------------- 첫 쪽의 탐험기, 한국어 틀, 검색 요약
def _next_button(browser: Any) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(
        By.XPATH, "//div[contains(@class,'mgk-explorer')]//button[normalize-space()='다음']"
    )


def test_home_page_explorer_is_live(site: Path, browser: Any) -> None:
    """README 의 화면 사진 자리에 진짜 탐험기: 단추를 누르면 걸음이 바뀐다 (인터넷 없이)."""
    browser.get((site / "index.html").as_uri())
    _drain(browser, "browser")
    state = "const e = document.querySelector('.mgk-explorer'); return e && e.innerText;"
    before = browser.execute_script(state)
    assert before, "첫 쪽에 탐험기가 없습니다"
    assert browser.execute_script("return document.querySelectorAll('.mgk-explorer svg').length")
    images = browser.execute_script(
        "return Array.from(document.images).map(i => i.getAttribute('src'))"
    )
    assert not [src for src in images if "screenshots/explorer" in src]
    for _ in range(3):
        _next_button(browser).click()
    after = browser.execute_script(state)
    assert after != before
    page = browser.execute_script("return document.querySelector('main').innerText")
    assert "화면 사진이라" not in page and "바로 움직입니다" in page
    errors = [e["message"] for e in _drain(browser, "browser") if e["level"] == "SEVERE"]
    assert errors == []


def _luminance(css_color: str) -> float:
    red, green, blue = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_home_page_in_dark_mode_and_at_phone_width(site: Path, browser: Any) -> None:
    index = (site / "index.html").as_uri()
    colors = """return [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('.mgk-explorer')).backgroundColor,
        document.documentElement.dataset.theme]"""
    try:
        browser.get(index)
        browser.execute_script("localStorage.setItem('mode', 'dark')")
        browser.get(index)
        body, explorer, theme = browser.execute_script(colors)
        assert theme == "dark" and _luminance(body) < 0.2 and _luminance(explorer) < 0.2
        browser.execute_script("localStorage.setItem('mode', 'light')")
        browser.get(index)
        body, explorer, theme = browser.execute_script(colors)
        assert theme == "light" and _luminance(body) > 0.8 and _luminance(explorer) > 0.8
        browser.set_window_size(390, 844)
        browser.get(index)
        widths = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth,"
            " document.querySelector('.mgk-explorer').getBoundingClientRect().right]"
        )
        assert widths[0] <= widths[1] and widths[2] <= widths[1], widths  # 옆으로 밀리지 않는다
        _next_button(browser).click()
    finally:
        browser.set_window_size(1280, 1000)
        browser.execute_script("localStorage.removeItem('mode')")


ATTRIBUTES = """
const found = [];
document.querySelectorAll('[title], [aria-label], [placeholder], [alt], [data-bs-title]')
  .forEach(e => ['title', 'aria-label', 'placeholder', 'alt', 'data-bs-title'].forEach(a => {
    const v = e.getAttribute(a);
    if (v !== null) found.push([e.tagName, a, v]);
  }));
return found;
"""


def test_site_chrome_has_no_english_and_images_are_described(site: Path, browser: Any) -> None:
    """단추의 풍선 도움말, 화면 읽기 이름, 검색 칸, 그림의 대체 글: 영어나 파일 경로가 없다."""
    pages = [site / "index.html", site / "api.html", site / "search.html"]
    pages += sorted((site / "notebooks").glob("*.html"))
    problems = []
    for page in pages:
        browser.get(page.as_uri())
        for tag, attribute, value in browser.execute_script(ATTRIBUTES):
            name = f"{page.relative_to(site)} <{tag.lower()} {attribute}={value[:80]!r}>"
            if attribute == "alt" and (
                not value.strip() or re.search(r"\.(png|svg|jpe?g)$", value)
            ):
                problems.append(f"{name}: 그림의 대체 글이 비었거나 파일 이름")
            english = re.search(r"[A-Za-z]{3}", value) and not re.search("[가-힣]", value)
            if english and not re.fullmatch(r"micrograd_kr[\w.]*", value):  # API 고리의 이름은 됨
                problems.append(f"{name}: 영어")
    assert not problems, "\n".join(problems[:20])
    index = (site / "index.html").read_text("utf-8")  # 빛 모드 단추 (아이콘 글꼴이 바꾸기 전)
    switch = re.findall(r'class="theme-switch [^"]*" data-mode="(\w+)" title="([^"]*)"', index)
    assert dict(switch) == {"light": "밝은 화면", "dark": "어두운 화면", "auto": "컴퓨터 설정대로"}


def test_search_snippets_have_no_heading_marks_and_readable_math(site: Path, browser: Any) -> None:
    """제목으로 찾은 결과("7.4 소프트맥스")도 그 절의 글로 요약되고(경고 없이), 제목 고리의 "#"이
    없고, 수식은 "∂L/∂w" 처럼 한 줄 글이다."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    results: dict[str, str] = {}
    for word in ("소프트맥스", "연쇄법칙"):
        _drain(browser, "browser")
        browser.get((site / "search.html").as_uri() + "?q=" + word)
        WebDriverWait(browser, 30).until(  # 검색이 끝나면 "... 찾았습니다" 요약이 붙는다
            lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results p.search-summary")
        )
        time.sleep(1)  # 결과는 차례로 붙는다
        for item in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li"):
            link = item.find_element(By.CSS_SELECTOR, "a")
            context = item.find_elements(By.CSS_SELECTOR, "p.context")
            results[link.text] = context[0].text if context else ""
        warnings = [e["message"] for e in _drain(browser, "browser") if "not found" in e["message"]]
        assert warnings == [], warnings
    anchored = [title for title in results if "7.4 소프트맥스" in title]
    assert anchored and results[anchored[0]].startswith("7.4 소프트맥스"), results
    for title, snippet in results.items():
        heading = title.split(" > ")[-1]
        assert f"{heading} #" not in snippet, (title, snippet)
        assert not re.search(r"∂\w∂\w", snippet), (title, snippet)  # 뭉개진 분수 "∂e∂b"
    assert any(re.search(r"∂\w+/∂\w", s) for s in results.values()), results
