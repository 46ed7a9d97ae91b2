# The two commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
HOST ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
# Parallel workers for the test suite (pytest-xdist); 0 disables.
TEST_WORKERS ?= 2

export DJANGO_SETTINGS_MODULE ?= hub.settings.dev

.PHONY: demo test bench venv install install-test messages migrate seed serve lint format ci clean

$(VENV)/bin/activate:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || (echo "Python >= 3.11 is required" && exit 1)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(VENV)/bin/activate

install: venv
	$(PIP) install --quiet -e ".[dev]"

install-test: venv
	$(PIP) install --quiet -e ".[test,dev]"
	@test -x $(CHROMIUM) || (echo "Installing Debian's Chromium for browser tests…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(apt-get install -y -qq chromium || sudo apt-get install -y -qq chromium))

gettext:
	@command -v msgfmt >/dev/null || (echo "Installing gettext for translations…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(apt-get install -y -qq gettext || sudo apt-get install -y -qq gettext))

messages: gettext
	$(PY) manage.py compilemessages --ignore=.venv -v 0

migrate:
	$(PY) manage.py migrate --no-input -v 0

seed:
	$(PY) manage.py seed_demo

demo: install messages migrate seed
	@$(PY) manage.py demo_banner --port $(PORT)
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) hub.asgi:application

serve:
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) hub.asgi:application

test: install-test messages
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

bench: install-test messages
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) -m benchmarks $(if $(QUICK),--quick)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

ci:
	bash .ci/run

clean:
	rm -rf var/test-*.sqlite3* var/test-media test-artifacts
