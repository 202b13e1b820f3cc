# The two commands of the README:
#   make serve   set up (first time) and serve the site at http://127.0.0.1:8000/
#   make test    set up (first time) and run every test, browser tests included
# Packages go into .venv/ from the pinned requirements files.

VENV := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

# WeasyPrint, which makes the PDFs of the analyses, draws text with Pango and HarfBuzz.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: serve build test chromium pdf-libs validator lighthouse

$(VENV)/.site-installed: requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

serve: $(VENV)/.site-installed
	$(PYTHON) -m mkdocs serve --strict

build: $(VENV)/.site-installed
	$(PYTHON) -m mkdocs build --strict

# Install Debian packages $(1) as root or through sudo; otherwise say why they are needed ($(2)).
define apt-install
if [ "$$(id -u)" = 0 ]; then apt-get install -y $(1) || { apt-get update && apt-get install -y $(1); }; \
elif command -v sudo >/dev/null; then sudo apt-get install -y $(1); \
else echo "Install Debian's $(1) $(2)."; fi
endef

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null || { $(call apt-install,chromium,to run the browser tests); }

pdf-libs:
	@dpkg -s $(PDF_LIBS) >/dev/null 2>&1 || { $(call apt-install,$(PDF_LIBS),to make the PDFs); }

# The W3C Nu validator (tests/test_validity.py): Debian's Java, and the jar of the npm package
# vnu-jar in .cache/node/ (its install script, which would fetch a Java of its own, is not run).
VNU_JAR := .cache/node/node_modules/vnu-jar/build/dist/vnu.jar

validator:
	@command -v java >/dev/null || { $(call apt-install,default-jre-headless,to run the W3C Nu validator); }
	@test -f $(VNU_JAR) || { command -v npm >/dev/null || { $(call apt-install,npm,to install the W3C Nu validator); }; \
	  npm install --silent --save-exact --ignore-scripts --no-audit --no-fund --prefix .cache/node vnu-jar@26.9.27 \
	  || echo "Could not install the W3C Nu validator (npm package vnu-jar)."; }

test: $(VENV)/.test-installed chromium pdf-libs validator
	$(PYTHON) -m pytest

# Google Lighthouse, for the page scores of scripts/bench.py (12.x: 13 needs Node 22).
lighthouse:
	@test -x .cache/node/node_modules/.bin/lighthouse || npm install --silent --save-exact --ignore-scripts \
	  --no-audit --no-fund --prefix .cache/node lighthouse@12.8.2 || echo "Could not install Lighthouse."
