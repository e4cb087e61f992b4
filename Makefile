# The portal's commands. `make run` and `make test` are the two a newcomer needs (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export PORT HOST

# Find a Python >= 3.12: $PYTHON if set, then python3.13/3.12 on PATH, then pyenv's versions.
PYTHON_CANDIDATES := $(PYTHON) python3.14 python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) $(wildcard /root/.pyenv/versions/3.1[2-9]*/bin/python3)
FIND_PYTHON = for c in $(PYTHON_CANDIDATES); do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  if $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then echo $$p; exit 0; fi; \
	done; exit 1

.PHONY: help
help:
	@echo "make run     set everything up and serve the site on http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make serve   production mode (gunicorn, 2 workers, DEBUG off; needs SECRET_KEY, ALLOWED_HOSTS)"
	@echo "make bench   benchmark the production server with a scale dataset"
	@echo "make lint    ruff check and format check"
	@echo "make check-html  serve the seeded site and check its main pages with the Nu Html Checker"
	@echo "make messages  extract and compile the Dutch translations"
	@echo "make vendor  refresh the NL Design System CSS in static/vendor/ (needs npm; make run does not)"

$(VENV)/.installed: pyproject.toml
	@py=$$($(FIND_PYTHON)) || { \
	  echo "ERROR: no Python 3.12 or newer found. Install one (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12." >&2; \
	  exit 1; }; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	  echo "Creating $(VENV) with $$py"; rm -rf $(VENV); $$py -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev,opensearch]"
	@touch $@

.PHONY: install
install: $(VENV)/.installed

# Setting up is skipped when nothing it depends on changed (a fast `make run` on a set-up checkout).
# With DATABASE_URL set, or when the SQLite file is gone, it always runs; every step is idempotent.
DB_FILE := var/portal.sqlite3
SETUP_INPUTS := $(wildcard */migrations/*.py) portal/seed/content.json programmes/data/gemeenten.csv
SETUP_FORCE := $(if $(DATABASE_URL),FORCE,$(if $(wildcard $(DB_FILE)),,FORCE))

.PHONY: FORCE
FORCE:

var/.setup-done: $(VENV)/.installed $(SETUP_INPUTS) $(SETUP_FORCE)
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_seed_content
	$(PY) manage.py update_index -v0
	$(PY) manage.py create_demo_editor > var/demo-editor.txt
	@touch $@

.PHONY: setup
setup: var/.setup-done

# The default Wagtail site follows the public address (SITE_URL, else http://HOST:PORT). Setup is skipped
# when nothing changed, but the address may have: sync_site_url runs whenever HOST, PORT, SITE_URL or
# DATABASE_URL differ from the last run (a fingerprint in var/.site-address; no extra start-up otherwise).
SITE_ADDRESS = $$(printf '%s' "$(HOST) $(PORT) $$SITE_URL $$DATABASE_URL" | cksum)

.PHONY: run
run: setup
	@if [ "$$(cat var/.site-address 2>/dev/null)" != "$(SITE_ADDRESS)" ]; then \
	  $(PY) manage.py sync_site_url && echo "$(SITE_ADDRESS)" > var/.site-address; fi
	@sed "s/{host}/$(HOST):$(PORT)/" var/demo-editor.txt
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Task worker (mail outbox) runs beside it: manage.py db_worker --backend background"
	@$(PY) manage.py db_worker --backend background --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(PY) manage.py runserver --skip-checks $(HOST):$(PORT)

.PHONY: test
PYTEST_WORKERS ?= 2
test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

.PHONY: lint
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: messages
messages: install
	$(PY) manage.py sync_translations

.PHONY: serve
serve: install
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py migrate --noinput -v0
	@DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py db_worker --backend background --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT; \
	  DJANGO_SETTINGS_MODULE=portal.settings.production $(VENV)/bin/gunicorn portal.wsgi:application \
	  --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
	  --access-logfile - --logger-class portal.gunicorn.PrivateAccessLogger \
	  --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'

# The Nu Html Checker (npm package vnu-jar, run with Java) on the served pages of a seeded site: needs Java
# and npm (installs the pinned jar into var/cache/vnu/ once). CHECK_HTML_PORT: where it serves (8010).
.PHONY: check-html
check-html: install
	@command -v java >/dev/null || { echo "check-html needs Java (apt-get install default-jre-headless)" >&2; exit 1; }
	@command -v npm >/dev/null || [ -f var/cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar ] || { echo "check-html needs npm once to install vnu-jar" >&2; exit 1; }
	$(PY) scripts/check_html.py

.PHONY: bench
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
	@$(PY) -c "import locust" 2>/dev/null || $(PY) -m pip install --quiet -e ".[bench]"
	$(PY) -m bench.run $(BENCH_ARGS)

# NL Design System CSS, committed under static/vendor/ so that `make run` needs no Node. `make vendor`
# installs the pinned packages with npm into a temporary directory and copies their built CSS and licences;
# static/vendor/README.md records what came from where. Change a version here, run it, commit the result.
VENDOR_PACKAGES := @utrecht/component-library-css@9.0.4 @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
VENDOR_FILES := @utrecht/component-library-css:dist/index.css \
	@nl-design-system-unstable/voorbeeld-design-tokens:dist/theme.css

.PHONY: vendor
vendor:
	@command -v npm >/dev/null || { echo "ERROR: make vendor needs npm (Node.js). make run does not." >&2; exit 1; }
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo '{"private": true}' > "$$tmp/package.json"; \
	npm install --prefix "$$tmp" --save-exact --ignore-scripts --no-audit --no-fund --loglevel=error $(VENDOR_PACKAGES); \
	for entry in $(VENDOR_FILES); do \
	  pkg=$${entry%%:*}; file=$${entry#*:}; src="$$tmp/node_modules/$$pkg"; dest=static/vendor/$$(echo "$${pkg#@}" | tr / -); \
	  rm -rf "$$dest"; mkdir -p "$$dest"; cp "$$src/$$file" "$$dest/"; cp "$$src"/LICENSE* "$$dest/"; \
	done; \
	$(PY) -c 'import sys; from portal.vendor import write_readme; write_readme(sys.argv[1], sys.argv[2:])' \
	  "$$tmp/node_modules" $(foreach e,$(VENDOR_FILES),$(e))
	@echo "static/vendor/ refreshed; review 'git diff --stat static/vendor' and commit it."
