# Default: lint, then test — the same test command as the README and .ci/run.
.PHONY: all lint test serve ci
all: lint test

lint:
	python3 -m ruff check etl dashboard pages tests benchmarks

test:
	python3 -m pip install -q -e '.[test]' && python3 -m pytest

serve:
	liandong serve

ci:
	bash .ci/run
