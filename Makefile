# Mirrors CI: `make test` is what .ci/run calls.
CARGO ?= cargo
PREFIX ?= /usr/local
RELEASE := $(or $(CARGO_TARGET_DIR),target)/release
TOOLS := folio folio-parse folio-clean folio-filter folio-render

.PHONY: all build release test test-deps test-spark fmt fmt-check lint doc bless bench bench-extract bench-names bench-memory demo report-screenshot fuzz fuzz-build fuzz-deps install clean

all: build

build:
	$(CARGO) build --workspace

release:
	$(CARGO) build --release --workspace --bins

# Everything CI checks: formatting, lints, every test (unit, library, end to end, docs).
test: test-deps fmt-check lint
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

test-deps:
	@scripts/test-deps.sh

# The record stages under Spark's RDD.pipe (local cluster of two workers) against one process;
# installs a Java runtime and PySpark when missing. .ci/run runs it after `make test`.
test-spark:
	scripts/test-spark.sh

fmt:
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

# Regenerate golden files and the committed JSON Schema after a reviewed change.
bless:
	FOLIO_BLESS=1 $(CARGO) test --workspace --all-targets
	git status --short -- tests/fixtures docs/record.schema.json

# Throughput of each tool on a generated corpus (see docs/performance.md).
bench: release
	$(CARGO) build --release --example bench-corpus --example bench-html
	scripts/bench.sh

# Peak memory of every tool at 10,000 and 1,000,000 generated records (MEMORY_RECORDS).
bench-memory: release
	scripts/bench-memory.sh

# Article extraction scored against the shared benchmark, beside the extractors people use.
bench-extract: release
	$(CARGO) build --release --example bench-html
	scripts/bench-extract.sh

# The same sets with every class and id name hashed, and without their JSON-LD and
# descriptions: how much extraction rests on names and on what a page claims.
bench-names: release
	scripts/bench-names.sh

# Fuzzing (docs/reliability.md): each target of fuzz/ for FUZZ_SECONDS, one after another;
# fails when any finds a crash, a hang or runaway memory. Not part of `make test`.
FUZZ_SECONDS ?= 600
export FUZZ_SECONDS

fuzz: fuzz-build
	scripts/fuzz-seeds.sh
	scripts/fuzz.sh

fuzz-build: fuzz-deps
	$(CARGO) +nightly fuzz build -O -a

fuzz-deps:
	@scripts/fuzz-deps.sh

# The main job on the bundled examples: posts -> records -> Markdown, HTML and a report under out/.
demo: release
	scripts/demo.sh

# docs/report.png: the demo's report as headless Chromium draws it (needs a CJK font).
report-screenshot: demo
	scripts/report-screenshot.sh

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	for t in $(TOOLS); do \
		install -m 755 $(RELEASE)/$$t $(DESTDIR)$(PREFIX)/bin/$$t; \
		$(RELEASE)/$$t --generate man > $(DESTDIR)$(PREFIX)/share/man/man1/$$t.1; \
		$(RELEASE)/$$t --generate bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; \
		$(RELEASE)/$$t --generate zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$t; \
		$(RELEASE)/$$t --generate fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$t.fish; \
	done

clean:
	$(CARGO) clean
	rm -rf out bench/corpus bench/work
