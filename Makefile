# The README's two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_DEBUG ?= 1

.PHONY: run test install lint fmt typecheck eval bench bench-smoke clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m factcheck.createdb
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if [ -n "$$DATABASE_URL" ] && [ -n "$$CELERY_BROKER_URL" ]; then \
		echo "PostgreSQL and Redis: web, worker and beat (Ctrl-C stops all)"; \
		PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start -f Procfile; \
	else \
		echo "Embedded mode: SQLite, tasks in-process"; \
		$(PY) manage.py runserver 127.0.0.1:8000; \
	fi

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check factcheck claims sources tests bench manage.py

fmt: install
	$(VENV)/bin/ruff format factcheck claims sources tests bench manage.py
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy claims sources factcheck

eval: install
	$(PY) manage.py evaluate_quotes --split $(or $(SPLIT),test)

bench: install
	$(PY) bench/run.py

bench-smoke: install
	$(PY) bench/run.py --smoke

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
