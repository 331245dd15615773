# Two commands on a fresh machine: `make run` and `make test`. `make setup` is their shared first step.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: setup run test lint messages demo worker beat clean lock bench-load

setup: $(VENV)/.installed static/vendor/.installed

$(VENV)/.installed: requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	touch $@

# Front-end assets come from the npm registry and are served by the app (no CDN). Each minified file
# comes with the source map it names (sourceMappingURL): the production manifest storage rewrites that
# reference and fails the build when the map is missing (the Dockerfile copies the same files).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.installed: node_modules/.package-lock.json Makefile
	rm -rf static/vendor
	mkdir -p static/vendor/bootstrap static/vendor/htmx static/vendor/chartjs static/vendor/axe
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chartjs/
	@# axe-core: the accessibility checker the browser tests inject (tests/browser/test_screens_layout.py).
	cp node_modules/axe-core/axe.min.js static/vendor/axe/
	touch $@

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	@# One shell: the worker and beat started here stop with the web server (Ctrl-C).
	@pids=""; \
	if [ -n "$$REDIS_URL" ]; then \
	  echo "Starting Celery worker and beat (REDIS_URL=$$REDIS_URL)"; \
	  $(VENV)/bin/celery -A config worker -l warning --concurrency 2 & pids="$$!"; \
	  $(VENV)/bin/celery -A config beat -l warning & pids="$$pids $$!"; \
	  trap 'kill $$pids 2>/dev/null' EXIT INT TERM; \
	else echo "No REDIS_URL: Celery tasks run eagerly inside the web process."; fi; \
	echo "Serving on http://$(HOST)/  (demo logins: see README.md; password demo12345)"; \
	$(PY) manage.py runserver $(HOST)

test: setup
	@$(PY) -c "from django.conf import settings; import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','tests.settings'); django.setup(); print('Tests use database:', settings.DATABASES['default']['ENGINE'].rsplit('.',1)[-1], settings.DATABASES['default'].get('NAME'))"
	$(PY) -m pytest $(PYTEST_ARGS)

# The root catalog (locale/) holds the strings of kandas/ and templates/; each slice keeps its own catalog.
messages:
	$(PY) manage.py makemessages -l ru -l kk -l en --ignore=status/* --ignore=quota/* --ignore=adaptation/* --ignore=.venv/* --ignore=node_modules/* --ignore=tests/* --ignore=bench/*
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

worker:
	$(VENV)/bin/celery -A config worker -l info

beat:
	$(VENV)/bin/celery -A config beat -l info

lock:
	$(PIP) freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) node_modules static/vendor db.sqlite3

# Load run (bench/load.py; not part of the tests): 50 caseworkers for 2 minutes against gunicorn on 127.0.0.1.
# Needs the generated database (bench/README.md) in DATABASE_URL.
LOAD_PORT ?= 8011
bench-load:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL=postgres://…/kandas_bench is required"; exit 1; }
	@export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-secret-key-0123456789-0123456789-0123456789 \
	  DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	  DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend; \
	users=$$($(PY) bench/load_users.py) || exit 1; \
	$(VENV)/bin/gunicorn --chdir bench load_wsgi:application -b 127.0.0.1:$(LOAD_PORT) -w 4 & pid=$$!; \
	trap 'kill $$pid 2>/dev/null' EXIT INT TERM; sleep 5; \
	KANDAS_LOAD_USERS=$$users $(VENV)/bin/locust -f bench/load.py --headless -u 50 -r 5 -t 2m \
	  --host http://127.0.0.1:$(LOAD_PORT) --csv /tmp/kandas_load --only-summary
