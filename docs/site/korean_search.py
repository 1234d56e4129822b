"""웹사이트 검색의 한국어 낱말 나누기.

한국어는 조사가 낱말에 붙습니다 ("역전파는", "역전파를"). Sphinx 의 기본 검색은 글을 ``\\w+`` 로만
자르므로 "역전파는" 이 한 낱말이 되고, "역전파" 로 찾으면 나오지 않습니다. 그래서 한글로 된 낱말은
두 글자 이상의 모든 앞부분("역전", "역전파", "역전파는")도 함께 색인(index)에 넣습니다. 찾는 말은
그대로 쓰이므로 "역전파" 는 "역전파는", "역전파를" 이 있는 페이지를 모두 찾습니다.
어간 추출(stemming)은 하지 않습니다 (찾는 말과 색인의 낱말이 글자 그대로 맞아야 함).
"""

from __future__ import annotations

import re

from sphinx.search import SearchLanguage

_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")


def hangul_prefixes(word: str) -> list[str]:
    """낱말 안의 한글 부분마다 두 글자 이상의 앞부분들 (낱말 자신은 빼고)."""
    found = []
    for run in _HANGUL_RUN.findall(word):
        found.extend(run[:n] for n in range(2, len(run) + 1) if run[:n] != word)
    return found


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        return words + [p for w in words for p in hangul_prefixes(w)]
