# 劳务外包管理系统 — two commands: `make run` (system with demo data) and `make test` (the whole suite).
PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install lint messages static-check clean bench bench-scale

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed

# Serve the system on http://127.0.0.1:$(PORT) with demo data (SQLite unless DATABASE_URL is set).
run: install
	$(PY) scripts/compile_messages.py
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  劳务外包管理系统: http://127.0.0.1:$(PORT)/   (login /accounts/login/)"
	@echo "  Demo logins, password outsourcing-demo:"
	@echo "    admin hr requester depthead legal finance procurement manager auditor vendor1 vendor2"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

# The whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set. Browser tests run when
# Chromium is found (REQUIRE_E2E=1 makes a missing browser a failure, as CI does).
test: install
	$(PY) scripts/compile_messages.py
	@if [ -n "$$DATABASE_URL" ] && [ -z "$$SECRET_KEY" ]; then export SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); fi; \
	$(PY) -m pytest -n $${PYTEST_WORKERS:-2} --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Re-extract translatable strings (needs GNU gettext; only developers adding strings need it).
messages: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(PY) scripts/compile_messages.py

static-check: install
	$(PY) scripts/vendor_static.py --check

clean:
	rm -rf $(VENV) staticfiles

# Benchmarks on generated data (SQLite in a temp dir, or DATABASE_URL).
bench: install
	$(PY) bench/bench_org.py
	$(PY) bench/bench_approvals.py
	$(PY) bench/bench_vendors.py
	$(PY) bench/bench_workforce.py

# The reference scale of issue 20 on PostgreSQL (DATABASE_URL): builds it, measures every page, import, export and
# the daily job, prints one table with PASS/FAIL per target and writes it to bench/results/.
bench-scale: install
	@if [ -z "$$DATABASE_URL" ]; then echo "bench-scale needs DATABASE_URL=postgres://…" >&2; exit 2; fi
	@if [ -z "$$SECRET_KEY" ]; then export SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); fi; \
	$(PY) bench/bench_scale.py
