# Safe Community Desk — the two commands the README promises:
#   make run    open the desk on the default SQLite database with the seed data
#   make test   install everything the tests need and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Debian packages the test suite drives for real (SIPp, socat ptys, PostgreSQL).
DEBIAN_TEST_PACKAGES := sip-tester socat postgresql kamailio pulseaudio pulseaudio-utils

.PHONY: run test venv debian-deps bench clean translations translations-update screenshots

TS := resources/translations/safedesk_en.ts
QM := $(TS:.ts=.qm)

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# English is a translation of the Indonesian source strings (Qt's own tools).
$(QM): $(TS) $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

translations-update: venv
	$(VENV)/bin/pyside6-lupdate ui/*.py -source-language id_ID -target-language en_GB \
	  -no-obsolete -ts $(TS)

debian-deps:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: venv translations
	$(VENV)/bin/safedesk init
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ] && [ "$$(uname)" = Linux ]; then \
	  echo "no display: opening the desk offscreen (QT_QPA_PLATFORM=offscreen)"; \
	  QT_QPA_PLATFORM=offscreen $(VENV)/bin/safedesk gui $(RUN_ARGS); \
	else $(VENV)/bin/safedesk gui $(RUN_ARGS); fi

test: venv translations debian-deps
	$(PY) tests/with_postgres.py -- $(PY) -m pytest $(PYTEST_ARGS)

bench: venv
	$(PY) -m bench

# Pictures of the window for the README, drawn offscreen in both languages.
screenshots: venv translations
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
