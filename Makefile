# micrograd_kr — 자주 쓰는 명령. 필요한 것은 Python 3 와 pip 뿐입니다.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench install clean site lab

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# 패키지 설치 (pyproject.toml 이 바뀌면 다시 설치)
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

# 테스트용 추가 의존성: test(pytest 등) + site(웹사이트 빌드 시험)
TEST_EXTRAS ?= test,site
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[$(TEST_EXTRAS)]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test,bench]"
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

$(VENV)/.installed-site: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[site]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[notebooks]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

## 시연: 반달 데이터 학습 + 그림 저장
demo: $(VENV)/.installed
	$(BIN)/micrograd-kr demo $(DEMO_ARGS)

## 전체 테스트: 린트(ruff) + 단위 테스트 + 노트북
TEST_PATHS ?= tests notebooks
test: lint
	$(BIN)/python -m pytest -q --nbmake $(TEST_PATHS) $(PYTEST_ARGS)

## 강의 웹사이트: 노트북을 새로 실행해 site/ 에 만듦 (인터넷 없이 site/index.html 로 열림)
site: $(VENV)/.installed-site
	$(BIN)/python docs/site/build.py

## 주피터랩(JupyterLab)으로 notebooks/ 열기
lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ARGS)

## 린트: ruff 의 검사와 모양(format) 확인
LINT_PATHS := micrograd_kr tests benchmarks docs/site
lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

## 속도 비교 (micrograd 와 나란히)
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_explore.py

clean:
	rm -rf $(VENV) .venv-oldest site jupyter_execute build dist *.egg-info .pytest_cache .ruff_cache .hypothesis micrograd_kr_output
