# The two commands of the README:
#   make serve   set up (first time) and serve the site at http://127.0.0.1:8000/
#   make test    set up (first time) and run every test, browser tests included
# Packages go into .venv/ from the pinned requirements files.

VENV := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test chromium

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

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; \
	  elif command -v sudo >/dev/null; then sudo apt-get install -y chromium; \
	  else echo "Install Debian's chromium package to run the browser tests."; fi; }

test: $(VENV)/.test-installed chromium
	$(PYTHON) -m pytest
