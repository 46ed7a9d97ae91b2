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
# pip's -qq keeps errors (and a failing build) but not the notices and warnings
# that drowned the demo's own output.
PIP_QUIET := -qq

.PHONY: demo test bench lighthouse venv install install-test ldap-headers slapd varnish janus gettext messages migrate seed static serve lint format ci clean

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || (echo "Python >= 3.11 is required" && exit 1)
	@echo "==> Creating $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install $(PIP_QUIET) --upgrade pip

venv: $(VENV)/bin/activate

install: venv ldap-headers
	@echo "==> Installing the hub and its dependencies"
	@$(PIP) install $(PIP_QUIET) -e ".[dev]"

install-test: venv ldap-headers slapd varnish janus
	@echo "==> Installing the hub and its test dependencies"
	@$(PIP) install $(PIP_QUIET) -e ".[test,dev]"
	@test -x $(CHROMIUM) || (echo "Installing Debian's Chromium for browser tests…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(apt-get install -y -qq chromium || sudo apt-get install -y -qq chromium))

# python-ldap (LDAP sign-in) has no wheel: pip builds it against these headers.
ldap-headers:
	@test -f /usr/include/ldap.h -a -f /usr/include/sasl/sasl.h || \
		(echo "Installing OpenLDAP and SASL headers to build python-ldap…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libldap2-dev libsasl2-dev || \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libldap2-dev libsasl2-dev))

# The LDAP sign-in tests start their own slapd (tests/hub/sso_servers.py).
slapd:
	@test -x /usr/sbin/slapd -a -x /usr/bin/ldapadd || \
		(echo "Installing Debian's slapd for the directory sign-in tests…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils || \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils))

# The frontend cache test puts Debian's Varnish in front of the live server
# (tests/microsites/test_frontend_cache.py, deploy/varnish/hub.vcl).
varnish:
	@test -x /usr/sbin/varnishd || \
		(echo "Installing Debian's Varnish for the frontend cache test…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish || \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish))

# The SFU tests and benchmark start their own Janus (tests/video/janus_server.py):
# the VideoRoom plugin is in `janus`, janus-pp-rec (recordings) in `janus-tools`.
janus:
	@test -x /usr/bin/janus -a -x /usr/bin/janus-pp-rec || \
		(echo "Installing Debian's Janus for the video SFU tests…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq janus janus-tools || \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq janus janus-tools))

gettext:
	@command -v msgfmt >/dev/null || (echo "Installing gettext for translations…" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(apt-get install -y -qq gettext || sudo apt-get install -y -qq gettext))

messages: gettext
	@echo "==> Compiling translations"
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

migrate:
	@echo "==> Migrating the database"
	@$(PY) manage.py migrate --no-input -v 0

seed:
	@echo "==> Demo data"
	@$(PY) manage.py seed_demo

static:
	@echo "==> Collecting static files (hashed, compressed)"
	@$(PY) manage.py collectstatic --no-input -v 0

# Web (Daphne) and the background-task worker under one supervisor (Procfile),
# after the demo logins; Ctrl-C stops both. honcho gives the first process PORT
# and the next one PORT+100: both get the web's base URL for the links they write.
define supervise
	@$(PY) manage.py demo_banner --port $(PORT)
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" PORT=$(PORT) HOST=$(HOST) \
		HUB_BASE_URL="$(or $(HUB_BASE_URL),http://127.0.0.1:$(PORT))" \
		$(VENV)/bin/honcho start
endef

# The demo runs like production (DEBUG off, WhiteNoise, the hub's error pages);
# target-specific, so install, migrate and seed use the same settings.
demo: DJANGO_SETTINGS_MODULE = hub.settings.demo
demo: install messages migrate seed static
	$(supervise)

# The same two processes, without install or seed, under DJANGO_SETTINGS_MODULE
# (dev by default: DEBUG on, static files straight from the apps).
serve:
	$(supervise)

test: install-test messages
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

bench: install-test messages
	@$(PIP) install $(PIP_QUIET) -e ".[bench]"
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) -m benchmarks $(if $(QUICK),--quick)

# Lighthouse (npm, pinned in tools/lighthouse/package.json) on nine microsite pages
# of a demo-like server; fails under 95 in any category (scripts/lighthouse.py).
LIGHTHOUSE_BIN := tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE_BIN): tools/lighthouse/package.json
	@echo "==> Installing Lighthouse into tools/lighthouse"
	@cd tools/lighthouse && npm install --no-audit --no-fund --silent
	@touch $@

lighthouse: install-test $(LIGHTHOUSE_BIN)
	CHROME_PATH=$(CHROMIUM) $(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

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
