# Two commands set everything up: `make build` (the starter hub into site/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
CHROMIUM ?= /usr/bin/chromium
# Debian's nginx serves the hub under a sub-path in the hosting tests (started by the test itself).
NGINX ?= /usr/sbin/nginx
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: build build-offline test serve validate schemas diagnostics browsers servers benchmark clean

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The file-share copy: .html addresses and search that work from file:// (docs/guide/hosting.md).
build-offline: $(STAMP)
	HUB_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

test: $(STAMP) browsers servers
	$(BIN)/pytest

serve: $(STAMP)
	$(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/competency-hub validate

schemas: $(STAMP)
	$(BIN)/competency-hub schema --write schemas
	$(BIN)/competency-hub schema --reference > docs/reference/content-model.md

diagnostics: $(STAMP)
	$(BIN)/competency-hub explain > docs/reference/diagnostics.md

benchmark: $(STAMP)
	$(BIN)/python benchmarks/build_benchmark.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

browsers:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; \
	fi

servers:
	@if [ ! -x $(NGINX) ]; then \
		echo "Installing Debian's nginx-light for the sub-path hosting test"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q nginx-light; \
	fi

clean:
	rm -rf site site-offline $(VENV) .pytest_cache
