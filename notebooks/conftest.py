"""노트북 시험(nbmake)의 준비: 선택 설치가 필요한 노트북은 그것이 없으면 이유와 함께 건너뜁니다.

노트북이 필요한 패키지는 노트북의 메타데이터 ``"micrograd_kr": {"requires": ["torch"]}``에
적습니다 (노트북 12는 PyTorch). 웹사이트(docs/site/conf.py)도 같은 표시를 읽습니다.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from micrograd_kr.korean import particle

#: 패키지 → 설치 방법
INSTALL = {"torch": 'pip install -e ".[torch]" (CI 는 .ci/run 에서 CPU 용 torch==2.13.0 을 설치)'}


def missing_requirements(notebook: Path) -> list[str]:
    """노트북이 메타데이터에 적은 패키지 가운데 설치되지 않은 것들."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return []
    needs = meta.get("micrograd_kr", {}).get("requires", [])
    return [name for name in needs if importlib.util.find_spec(name) is None]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".ipynb":
            continue
        missing = missing_requirements(path)
        if missing:
            how = "; ".join(INSTALL.get(name, f"pip install {name}") for name in missing)
            needs = particle(", ".join(missing), "이")
            reason = f"{path.name}에는 {needs} 필요해 건너뜁니다: {how}"
            item.add_marker(pytest.mark.skip(reason=reason))
