# tracker: one C binary over one SQLite file.
#   make          build build/tracker
#   make demo     install what is missing, import the real data, serve it
#   make check    install the build's packages, build with ASan+UBSan, run the
#                 correctness tests (under 30 s; no sockets, no clocks)
#   make test     install what is missing, build with ASan+UBSan, run every test
#   make bench    benchmarks against same-run references (sqlite3 CLI, nginx)
#   make fuzz     libFuzzer drivers, FUZZ_SECONDS each

PKGS     = sqlite3 libcjson libmicrohttpd zlib
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wvla -Wno-missing-field-initializers
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS     = $(wildcard tracker/*.c importers/*.c web/*.c)
EMBED    = $(sort $(wildcard schema/*.sql)) $(sort $(wildcard web/assets/*)) \
           $(sort $(wildcard web/i18n/*.txt))
INCLUDES = -Itracker -Iimporters -Iweb -Ibuild

SUDO     = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT      = $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

DB      ?= tracker.db
LISTEN  ?= 127.0.0.1:8080

PREFIX ?= /usr/local
UNITDIR ?= $(PREFIX)/lib/systemd/system

# tracker --version: git describe of the checkout at build time.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)
build/rel/tracker/main.o build/asan/obj/tracker/main.o: WARN += -DTRACKER_VERSION='"$(VERSION)"'

.PHONY: all install install-unit deps test-deps demo check test test-long bench fuzz clean format

all: build/tracker

build/tracker: $(SRCS:%.c=build/rel/%.o) build/rel/embed.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/tracker: $(SRCS:%.c=build/asan/obj/%.o) build/asan/embed.o
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(PKG_LIBS)

build/rel/%.o: %.c $(wildcard */*.h) build/embed.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(INCLUDES) $(PKG_CFLAGS) -c -o $@ $<

build/asan/obj/%.o: %.c $(wildcard */*.h) build/embed.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) $(WARN) $(INCLUDES) $(PKG_CFLAGS) -c -o $@ $<

build/rel/embed.o build/asan/embed.o: build/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(INCLUDES) -c -o $@ $<

# Schema migrations, web assets and the pages' catalogs become C string literals, with their
# tables.
build/embed.c build/embed.h &: $(EMBED) tracker/embed.awk Makefile
	@mkdir -p build
	awk -f tracker/embed.awk -v header=build/embed.h $(EMBED) > build/embed.c.tmp
	mv build/embed.c.tmp build/embed.c

# Install the build's packages when they are missing: the compiler, the
# four libraries (zlib: gzip), the sqlite3 CLI of the same SQLite, which reads the
# file tracker writes (make check computes its expected values with it),
# and curl (make check's t-desk.sh talks to the server with it).
deps:
	@pkg-config --exists $(PKGS) 2>/dev/null && command -v $(CC) >/dev/null && \
	  command -v sqlite3 >/dev/null && command -v curl >/dev/null || \
	  { $(APT) build-essential pkg-config libsqlite3-dev libcjson-dev libmicrohttpd-dev zlib1g-dev sqlite3 curl; }

# What the timed tests use besides the build: curl, wrk (the load test),
# clang (make fuzz), Chromium driven by playwright-core, rsvg-convert
# (t-card's tracker card --png), systemd-analyze (t-systemd checks the
# unit), nginx (t-nginx: docs/deploy/nginx.conf) and its nchan module and Redis
# (t-nchan), ss and ip (iproute2: t-streams reads a stream socket's keepalive timer,
# t-vanish joins two network namespaces by veth), perl's Time::HiRes (t-vanish's poller)
# and mkfs.ext4 and e2fsck (e2fsprogs: t-web-dbfault's file system that fails).
test-deps: deps
	@command -v curl >/dev/null && command -v clang >/dev/null && \
	  command -v chromium >/dev/null && command -v wrk >/dev/null && \
	  command -v rsvg-convert >/dev/null && command -v systemd-analyze >/dev/null && \
	  command -v nginx >/dev/null && [ -e /usr/lib/nginx/modules/ngx_nchan_module.so ] && \
	  command -v redis-server >/dev/null && command -v ss >/dev/null && \
	  perl -MTime::HiRes -e1 2>/dev/null && command -v mkfs.ext4 >/dev/null || \
	  { $(APT) curl clang chromium wrk librsvg2-bin systemd nginx libnginx-mod-nchan redis-server \
	    iproute2 perl e2fsprogs; }
	@command -v npm >/dev/null || { $(APT) nodejs npm; }
	@[ tests/web/node_modules/.package-lock.json -nt tests/web/package-lock.json ] || \
	  (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

demo: deps
	$(MAKE) build/tracker
	build/tracker --db $(DB) import data/group-stage.json data/grand-final.json
	build/tracker --db $(DB) tournaments
	build/tracker --db $(DB) standings --stage "Grand Final"
	build/tracker --db $(DB) serve --listen $(LISTEN)

# The correctness tests: unit, CLI end to end, the web layer without a
# socket, scoring against the data, the fuzz regressions replayed.
check: deps
	$(MAKE) build/asan/tracker
	LC_ALL=C sh tests/run.sh --check build/asan/tracker

# Every test: check's and the timed ones (kills, hostile HTTP, load, the
# server over a socket, the browser).
test: test-deps
	$(MAKE) build/asan/tracker build/tracker build/streams
	LC_ALL=C sh tests/run.sh build/asan/tracker

test-long: test-deps
	$(MAKE) build/asan/tracker build/tracker build/streams
	LC_ALL=C TRACKER_LONG=1 sh tests/run.sh build/asan/tracker

bench: deps
	@command -v wrk >/dev/null && command -v nginx >/dev/null && \
	  [ -e /usr/lib/nginx/modules/ngx_nchan_module.so ] || { $(APT) wrk nginx libnginx-mod-nchan; }
	$(MAKE) build/tracker build/streams
	sh tests/bench/run.sh build/tracker

FUZZ_SECONDS ?= 60
fuzz: test-deps
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: build/tracker
	install -D -m 755 build/tracker $(DESTDIR)$(PREFIX)/bin/tracker
	install -D -m 644 tracker/tracker.1 $(DESTDIR)$(PREFIX)/share/man/man1/tracker.1
	install -D -m 644 tracker/tracker.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/tracker
	$(MAKE) install-unit

# The systemd unit (docs/deploy/tracker.service), run by the installed binary.
install-unit:
	@mkdir -p $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(PREFIX)/bin|' docs/deploy/tracker.service >$(DESTDIR)$(UNITDIR)/tracker.service

format:
	clang-format -i tracker/*.[ch] importers/*.[ch] web/*.[ch] tests/*.c tests/*/*.c

clean:
	rm -rf build tracker.db tracker.db-wal tracker.db-shm

# Unit tests: tests/unit/test-NAME.c linked with every object but main's.
build/asan/unit/%: tests/unit/%.c tests/unit/unit.h $(filter-out build/asan/obj/tracker/main.o,$(SRCS:%.c=build/asan/obj/%.o)) build/asan/embed.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) $(WARN) $(INCLUDES) $(PKG_CFLAGS) -o $@ $(filter-out %.h,$^) $(PKG_LIBS)

# Fuzz drivers replayed without libFuzzer (tests/t-fuzz-regress.sh):
# tests/fuzz/NAME.c with tests/fuzz/replay.c's main, linked like a unit test.
build/asan/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(filter-out build/asan/obj/tracker/main.o,$(SRCS:%.c=build/asan/obj/%.o)) build/asan/embed.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) $(WARN) $(INCLUDES) $(PKG_CFLAGS) -o $@ $(filter-out %.h,$^) $(PKG_LIBS)

# The event-stream load client of t-streams.sh, t-nchan.sh and bench-streams.sh.
build/streams: tests/streams.c
	@mkdir -p build
	$(CC) $(CFLAGS) $(WARN) -o $@ $<
