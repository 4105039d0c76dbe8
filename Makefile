# Hak Akses — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
PKGS    ?= ./...
GENERATED = 'web/*_templ.go' migrations/000002_reference_data.up.sql docs/workflow.md

.PHONY: run test test-deps e2e generate check-generated vet build fuzz bench bench-go clean-data

## run: find or provision PostgreSQL, migrate, seed the demo tenant, serve on :8080
run:
	$(GO) run ./cmd/hakakses dev

## test: install what a fresh machine lacks, then vet, generated-code check, and every test
test: test-deps vet check-generated
	$(GO) test -count=1 -timeout 30m -p 2 $(PKGS)

## test-deps: install Chromium, fonts, pdftotext, PostgreSQL (when none answers) and the npm
## packages of internal/e2e where missing (apt-get; a no-op when all are there)
test-deps:
	./scripts/test-deps.sh

## e2e: only the browser tests (headless Chromium)
e2e: test-deps
	$(GO) test -count=1 -timeout 20m -v ./internal/e2e/

## generate: regenerate templ components and the reference-data migration
generate:
	$(GO) tool templ generate
	$(GO) run ./internal/refdata/gen > migrations/000002_reference_data.up.sql
	$(GO) test ./internal/workflow -run TestDiagramIsCurrent -update >/dev/null

## check-generated: fail when committed generated files differ from a fresh generation
check-generated: generate
	@if [ -n "$$(git status --porcelain -- $(GENERATED))" ]; then \
		echo "Generated files are stale; run 'make generate' and commit:"; \
		git status --porcelain -- $(GENERATED); exit 1; fi

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$'); exit 1; }
	$(GO) vet ./...

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/hakakses ./cmd/hakakses

## fuzz: run the workflow fuzzer for a while (its seed corpus runs in `make test`)
fuzz:
	$(GO) test ./internal/workflow -run '^$$' -fuzz FuzzEventSequences -fuzztime 2m

## bench: the server over HTTP at national scale, 32 signed-in users per page, beside a bare
## chi+pgx+html/template handler (BENCH_QUICK=1: a tenth of the data set, shorter phases)
bench: build
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/hakakses-bench ./cmd/hakakses-bench
	./bin/hakakses-bench -server bin/hakakses

## bench-go: the Go micro-benchmarks (calendar, SLA, store, export writers)
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/calendar ./internal/sla ./internal/store ./internal/export
	$(GO) test -run '^$$' -bench DiffLargest -benchmem ./internal/letters

## clean-data: stop and delete the private PostgreSQL cluster under .data/
clean-data:
	$(GO) run ./cmd/hakakses clean-data
