# Default: lint, then test — the same test command as the README and .ci/run.
.PHONY: all lint test test-fast serve ci
all: lint test

# Run the fast lane on every core when pytest-xdist is installed (it is in the test extras).
XDIST := $(shell python3 -c "import xdist" 2>/dev/null && echo "-n auto")

lint:
	python3 -m ruff check etl dashboard pages tests benchmarks
	python3 -m mypy

test:
	python3 -m pip install -q -e '.[test]' && python3 -m pytest

# No browser, no PostgreSQL, nothing marked slow (everything under tests/e2e is): about two minutes of
# CPU time for feedback on a one-line change. CI still runs everything, as `make test` does.
test-fast:
	python3 -m pytest -q -m "not browser and not postgres and not slow" $(XDIST)

serve:
	liandong serve

ci:
	bash .ci/run
