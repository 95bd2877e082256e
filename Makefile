# Two commands set everything up: `make build` (the starter hub into site/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A second environment where ProperDocs, not MkDocs, builds the hub (tests/test_engines.py): with the
# same versions of everything else as .venv, and without MkDocs (see the rule below).
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
CHROMIUM ?= /usr/bin/chromium
# Debian's nginx serves the hub under a sub-path in the hosting tests (started by the test itself).
NGINX ?= /usr/sbin/nginx
# Debian's poppler-utils (pdftoppm) turns a printed check-in card into the managers' guide's picture.
PDFTOPPM ?= /usr/bin/pdftoppm
# Debian's faketime runs the suite a second time years ahead: no test may depend on the calendar.
FAKETIME ?= /usr/bin/faketime
# Debian's ffmpeg encodes the starter hub's short video from frames Chromium draws (`make video` only).
FFMPEG ?= /usr/bin/ffmpeg
FUTURE ?= $(shell date -u -d '+7 years 5 months' '+%Y-%m-%d %H:%M:%S')
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: build build-offline test test-today test-future test-fast engines serve validate schemas diagnostics screenshots gallery cards video browsers servers clocks pdftools videotools benchmark clean

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The file-share copy: .html addresses and search that work from file:// (docs/guide/hosting.md).
build-offline: $(STAMP)
	HUB_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

# Every test twice: today, then years ahead with no pinned day (a build is a function of the commit).
test: test-today test-future

test-today: $(STAMP) engines browsers servers
	$(BIN)/pytest

# The inner loop while changing the tool: every test that neither builds a site nor opens Chromium.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not build and not browser"

test-future: $(STAMP) engines browsers servers clocks
	@echo "The whole suite again on $(FUTURE) (faketime), with COMPETENCY_HUB_TODAY unset"
	env -u COMPETENCY_HUB_TODAY $(FAKETIME) '$(FUTURE)' $(BIN)/pytest -p no:cacheprovider

serve: $(STAMP)
	$(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/competency-hub validate

schemas: $(STAMP)
	$(BIN)/competency-hub schema --write schemas
	$(BIN)/competency-hub schema --reference > docs/reference/content-model.md

diagnostics: $(STAMP)
	$(BIN)/competency-hub explain > docs/reference/diagnostics.md

screenshots: $(STAMP) browsers
	$(BIN)/python tests/screenshots.py

# Every kind of page at 1280 and 390 px in both palettes, for docs/guide/gallery.md.
gallery: $(STAMP) browsers
	$(BIN)/python tests/page_gallery.py

# Every starter capability's check-in card to PDF (A4 and US Letter) in /tmp/check-in-cards, and the
# first one as docs/guide/images/check-in-card.png.
cards: $(STAMP) browsers pdftools
	$(BIN)/python tests/print_cards.py

# The starter hub's short captioned video (challenges/videos/), drawn by Chromium frame by frame and
# encoded to WebM by ffmpeg: `make video` after changing tests/make_video.py, then commit its files.
video: $(STAMP) browsers videotools
	$(BIN)/python tests/make_video.py

benchmark: $(STAMP)
	$(BIN)/python benchmarks/build_benchmark.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# ProperDocs, the maintained fork of MkDocs 1.6, in .venv-properdocs: the hub installed with the
# `properdocs` extra, every package .venv also has at .venv's version (its `pip freeze` as constraints,
# so the two builds differ only by their engine), then MkDocs removed. Material and the hub both
# require `mkdocs<2`, but ProperDocs answers every `mkdocs` import itself, so a build here never runs
# MkDocs code; without the package, no build could.
engines: $(PD_STAMP)

$(PD_STAMP): pyproject.toml $(STAMP)
	$(PYTHON) -m venv $(PD_VENV)
	$(BIN)/pip freeze --exclude-editable > $(PD_VENV)/constraints.txt
	$(PD_VENV)/bin/pip install --quiet --upgrade pip
	$(PD_VENV)/bin/pip install --quiet --constraint $(PD_VENV)/constraints.txt -e '.[properdocs]'
	$(PD_VENV)/bin/pip uninstall --quiet --yes mkdocs
	touch $(PD_STAMP)

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

pdftools:
	@if [ ! -x $(PDFTOPPM) ]; then \
		echo "Installing Debian's poppler-utils (pdftoppm) for the check-in card's picture"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q poppler-utils; \
	fi

videotools:
	@if [ ! -x $(FFMPEG) ]; then \
		echo "Installing Debian's ffmpeg to encode the starter video (make video only)"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends ffmpeg; \
	fi

clocks:
	@if [ ! -x $(FAKETIME) ]; then \
		echo "Installing Debian's faketime for the suite's run years ahead"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q faketime; \
	fi

clean:
	rm -rf site site-offline $(VENV) $(PD_VENV) .pytest_cache
