# Two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A development key for `make run` and `make test` only; production sets SECRET_KEY itself.
DEV_SECRET_KEY := dev-only-key-0b7f3c9e2a4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d

.PHONY: run test install lock lint migrations-check messages clean

# The libraries come from requirements/dev.txt, the lock `make lock` makes from the pins in pyproject.toml:
# every package, pip and setuptools too, at one version with the SHA-256 of its files, which pip checks
# (--require-hashes). Wheels only: building a source package would fetch its build tools unchecked.
# The project itself, which has no hash, goes in last, editable, with no dependencies of its own and
# built by the lock's setuptools (build isolation would fetch another setuptools unchecked).
$(BIN)/.installed: pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(BIN)/.installed

# The locks, made again with pip-tools (a dev dependency) after a pin in pyproject.toml changes (README,
# "Dependencies"). Each is a whole environment and agrees with the larger: load.txt (the register, the
# dev tools and the load test's), then dev.txt (`make install`), then main.txt (production). Pins already
# in a lock are kept; LOCK_ARGS=--upgrade takes the newest of everything pyproject.toml does not pin.
# From PyPI alone: a pip.conf's other indexes or wheel folders would add their files' hashes.
LOCK := CUSTOM_COMPILE_COMMAND="make lock" PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --build-deps-for editable --no-emit-index-url --no-emit-find-links \
	--annotation-style line $(LOCK_ARGS)
lock: install
	$(LOCK) --extra dev --extra load -o requirements/load.txt pyproject.toml
	$(LOCK) --extra dev -c requirements/load.txt -o requirements/dev.txt pyproject.toml
	$(LOCK) -c requirements/dev.txt -o requirements/main.txt pyproject.toml

run: install
	DEBUG=1 SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py migrate --noinput
	DEBUG=1 SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py load_demo
	@# The worker (background jobs: imports, large exports, reports) beside the server; both stop together.
	DEBUG=1 SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

migrations-check: install
	SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs in one process per core and one more (pytest-xdist; the browser tests leave a core
# partly idle while they wait for pages), each with a test database of its own; a module's or a class's
# tests stay in one process, so what they share (the demo year, a browser world) is built once.
# TEST_WORKERS=0 runs them in this process (for --pdb, or to read one test's output as it comes).
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print(os.cpu_count() + 1)")
test: lint migrations-check
	SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/pytest --create-db -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

# The English catalogue: collect the Danish texts of code and templates into locale/en/LC_MESSAGES/django.po
# (new ones come with an empty translation to fill in), then compile django.mo. Needs GNU gettext.
messages: install
	SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py makemessages -l en --ignore=tests --ignore=bench \
		--ignore='*.egg-info' --add-location=file --no-obsolete
	SECRET_KEY=$(DEV_SECRET_KEY) $(BIN)/python manage.py compilemessages -l en -l da --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
