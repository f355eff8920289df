# Safe Community Desk — the two commands the README promises:
#   make run    open the desk on the default SQLite database with the seed data
#   make test   install everything the tests need and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Debian packages the test suite drives for real (SIPp, socat ptys, PostgreSQL),
# and a real X display for the tests whose keys must reach a real window
# (Xvfb, xdotool, and the xcb libraries Qt's X11 plugin loads besides what
# PySide6 brings: without libxcb-icccm4 and libxcb-keysyms1 it aborts).
X_PACKAGES := xvfb xdotool libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxkbcommon-x11-0 libxcb-cursor0
DEBIAN_TEST_PACKAGES := sip-tester socat postgresql kamailio pulseaudio pulseaudio-utils \
	$(X_PACKAGES)

.PHONY: run test lint venv debian-deps bench bench-deps clean translations translations-update screenshots

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

# Every module under ui/, feature folders included.
UI_SOURCES = $(shell find ui -name '*.py' | sort)

translations-update: venv
	$(VENV)/bin/pyside6-lupdate $(UI_SOURCES) -source-language id_ID -target-language en_GB \
	  -no-obsolete -ts $(TS)

# $(call install_missing,PACKAGES): apt-get only what dpkg does not have yet.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

debian-deps:
	$(call install_missing,$(DEBIAN_TEST_PACKAGES))

run: venv translations
	$(VENV)/bin/safedesk init
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ] && [ "$$(uname)" = Linux ]; then \
	  echo "no display: opening the desk offscreen (QT_QPA_PLATFORM=offscreen)"; \
	  QT_QPA_PLATFORM=offscreen $(VENV)/bin/safedesk gui $(RUN_ARGS); \
	else $(VENV)/bin/safedesk gui $(RUN_ARGS); fi

# ruff first (lint + import order, rules in pyproject.toml): seconds, not minutes.
test: venv translations debian-deps
	$(VENV)/bin/ruff check .
	$(PY) tests/with_postgres.py -- $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

# The intake bench opens the real window under Xvfb and times INVITE→180 on
# the wire with tcpdump.
BENCH_DEBIAN_PACKAGES := tcpdump $(X_PACKAGES)

bench-deps:
	$(call install_missing,$(BENCH_DEBIAN_PACKAGES))

bench: venv debian-deps bench-deps
	$(PY) -m bench

# Pictures of the window for the README, drawn offscreen in both languages.
screenshots: venv translations
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
