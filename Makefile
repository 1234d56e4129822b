# micrograd_kr — 자주 쓰는 명령. 필요한 것은 Python 3 와 pip 뿐입니다.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# 패키지 설치 (pyproject.toml 이 바뀌면 다시 설치)
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test,bench]"
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

install: $(VENV)/.installed

## 시연: 반달 데이터 학습 + 그림 저장
demo: $(VENV)/.installed
	$(BIN)/micrograd-kr demo

## 전체 테스트: 린트(ruff) + 단위 테스트 + 노트북
test: $(VENV)/.installed-test
	$(BIN)/ruff check micrograd_kr tests benchmarks
	$(BIN)/ruff format --check micrograd_kr tests benchmarks
	$(BIN)/python -m pytest -q --nbmake tests notebooks

lint: $(VENV)/.installed-test
	$(BIN)/ruff check micrograd_kr tests benchmarks
	$(BIN)/ruff format --check micrograd_kr tests benchmarks

## 속도 비교 (micrograd 와 나란히)
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis micrograd_kr_output
