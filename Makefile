# make run: build output/timeline.html (and .json) from seeds/.  make test: lint (ruff, mypy) and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench eval clean

run: $(VENV)/.installed
	$(BIN)/python -m compileall -q timeline
	$(BIN)/timeline build seeds/ -o output/timeline.html --json output/timeline.json --title "US–Russia talks on Syria, 2016"

test: lint
	sh scripts/setup-browser.sh
	sh scripts/setup-timelinejs.sh
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/mypy timeline

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/timex_speed.py
	$(BIN)/python benchmarks/build_scale.py

eval: $(VENV)/.installed
	$(BIN)/python benchmarks/timex_eval.py
	$(BIN)/python benchmarks/events_eval.py
	$(BIN)/python benchmarks/merge_eval.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install leaves timeline/ uncompiled, and a machine that sets
# PYTHONDONTWRITEBYTECODE would compile it on every run: compiled once here (and by `run`,
# which is quick when nothing changed), as pip does for an installed package.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q timeline
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q timeline
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) output/timeline.html output/timeline.json
