"""웹사이트(``make site``) 설정: Sphinx + myst-nb + sphinx-book-theme.

원본은 ``build.py`` 가 저장소에서 모아 임시 폴더에 둡니다. 노트북은 빌드할 때 새로 실행됩니다.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from sphinx.search import languages  # noqa: E402

languages["ko"] = "korean_search.SearchKorean"

project = "micrograd_kr"
author = "micrograd_kr 개발자들"
copyright = "micrograd_kr 개발자들, MIT 라이선스"
language = "ko"
html_search_language = "ko"

extensions = ["myst_nb", "sphinx.ext.autodoc", "mathml", "korean_chrome", "korean_docstrings"]
html_static_path = ["_static"]
html_math_renderer = "mathml"  # MathJax(인터넷) 대신 빌드할 때 MathML 로
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

nb_execution_mode = "force"  # 노트북을 언제나 새로 실행
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True


# 선택 설치가 필요한 노트북(메타데이터 "micrograd_kr": {"requires": [...]}, 예: 노트북 12는 torch)은
# 그것이 없으면 실행하지 않고 코드만 싣습니다 (pip install -e ".[torch]" 뒤에 빌드하면 결과까지).
def _unrunnable_notebooks() -> list[str]:
    import importlib.util
    import json

    patterns = []
    for path in sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        missing = [
            name
            for name in meta.get("micrograd_kr", {}).get("requires", [])
            if importlib.util.find_spec(name) is None
        ]
        if missing:
            print(f"{path.name}: {', '.join(missing)} 없음 — 실행하지 않고 코드만 싣습니다.")
            patterns.append(f"*{path.stem}*")
    return patterns


nb_execution_excludepatterns = _unrunnable_notebooks()

autodoc_member_order = "bysource"
default_role = "literal"  # docstring 의 `x` 는 마크다운처럼 코드로
autodoc_typehints = "description"

html_theme = "sphinx_book_theme"
html_title = "micrograd_kr — 한국어로 배우는 자동 미분"
html_copy_source = False
html_context = {"default_mode": "light"}  # 밝은 화면으로 시작 (브라우저 저장소가 비어 있어도)
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # 지은이 줄은 빼고 저작권 줄만: 테마의 한국어 번역이 "By" 를 "으로" 로 옮긴다
    "footer_content_items": ["copyright.html", "last-updated.html", "extra-footer.html"],
}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = ["myst.header", "myst.xref_missing"]
