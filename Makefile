# miniserve: an embeddable Redis-compatible server in Go.
# `make help` lists the targets.

GO        ?= go
PORT      ?= 6379
FUZZTIME  ?= 30s
BIN       := bin/miniserve

.PHONY: help run build demo test race compat fuzz bench bench-quick lint fmt clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

run: build ## start miniserve on 127.0.0.1:$(PORT) with the default config (ARGS="--maxmemory 100mb" to add directives)
	./$(BIN) --port $(PORT) $(ARGS)

build: ## build bin/miniserve
	$(GO) build -o $(BIN) ./cmd/miniserve

demo: ## the patterns demo web app on an embedded miniserve (ARGS="-redis host:port" or "-cluster a,b,c" for an external one)
	$(GO) run ./cmd/miniserve-demo $(ARGS)

test: ## every test; server and datastruct also under the race detector
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -race ./server/... ./datastruct/...

compat: ## the side-by-side cases against a real redis-server, verbose
	$(GO) test -count=1 -v -run 'Compat|GoRedis' ./compat_test/

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzRequestReader$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzDispatch$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzDict$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzGlob$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzList$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzHash$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzSet$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datastruct -run '^$$' -fuzz '^FuzzZSet$$' -fuzztime $(FUZZTIME)
	$(GO) test ./persistence -run '^$$' -fuzz '^FuzzLoadAOF$$' -fuzztime $(FUZZTIME)

bench: build ## redis-benchmark against miniserve and redis-server, alternating; writes BENCHMARKS.md
	$(GO) run ./cmd/miniserve-bench -miniserve ./$(BIN) -out BENCHMARKS.md

bench-quick: build ## about a minute: the performance targets' workloads (SET GET INCR ZADD ZINCRBY, memory, persistence) at 1/5 of the requests and 200k keys, printed only
	$(GO) run ./cmd/miniserve-bench -miniserve ./$(BIN) -quick -workloads SET,GET,INCR,ZADD,ZINCRBY,persistence

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" && exit 1)
	$(GO) vet ./...

fmt: ## format the code
	gofmt -w .

clean: ## remove build output
	rm -rf bin
