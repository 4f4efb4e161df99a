# jail - build jails for GNU Make and ninja.  Plain GNU make; no autotools.
#   make            build jailsh, the sh link and jail.so
#   make check      unit + integration tests (see tests/README.md)
#   make demo       the README demo
#   make install    PREFIX DESTDIR BINDIR LIBDIR MANDIR honoured

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
PKGLIBDIR ?= $(LIBDIR)/jail
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
WERROR ?= 1

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wvla $(if $(filter 1,$(WERROR)),-Werror)
HARDEN := -fstack-protector-strong -D_FORTIFY_SOURCE=2
override CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) $(HARDEN) -fPIC -MMD -MP -Ilib $(CFLAGS)
override LDFLAGS := -Wl,-z,relro -Wl,-z,now $(LDFLAGS)

LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:.c=.o)
TOOL_SRC := $(wildcard tool/*.c)
TOOL_OBJ := $(TOOL_SRC:.c=.o)
PLUGIN_SRC := $(wildcard plugin/*.c)
PLUGIN_OBJ := $(PLUGIN_SRC:.c=.o)

BIN := build/jailsh build/sh $(if $(PLUGIN_SRC),build/jail.so)

all: $(BIN)

lib/libjail.a: $(LIB_OBJ) build/filter_bpf.o
	$(AR) rcs $@ $^

# The seccomp filters are generated at build time with libseccomp
# (lib/filter_rules.c) and loaded at run time without it (lib/filter.c).
MKFILTER_OBJ := lib/filter_rules.o lib/access.o
build/mkfilter: lib/gen/mkfilter.c $(MKFILTER_OBJ) | build
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(MKFILTER_OBJ) -lseccomp

build/filter_bpf.c: build/mkfilter
	build/mkfilter > $@.tmp && mv $@.tmp $@

# jailsh runs once per recipe line: linked statically it skips the dynamic
# loader (about 0.5 ms a command, docs/performance.md). STATIC=0 for a
# dynamically linked one.
STATIC ?= 1
build/jailsh: $(TOOL_OBJ) lib/libjail.a | build
	$(CC) $(LDFLAGS) $(if $(filter 1,$(STATIC)),-static-pie) -o $@ $^

# make's .ONESHELL strips @-+ only for shells named sh: ship the link.
build/sh: build/jailsh
	ln -sf jailsh $@

build/jail.so: $(PLUGIN_OBJ) lib/libjail.a | build
	$(CC) $(LDFLAGS) -shared -fvisibility=hidden -o $@ $^

plugin/%.o: override CFLAGS += -fvisibility=hidden
# make sees only plugin_is_GPL_compatible and jail_gmk_setup, not libjail.
build/jail.so: override LDFLAGS += -Wl,--exclude-libs,ALL

build:
	mkdir -p $@

# Missing build dependencies are installed (root) or named (others) first.
build/.deps: scripts/packages.build | build
	scripts/deps.sh build
	touch $@

$(LIB_OBJ) $(TOOL_OBJ) $(PLUGIN_OBJ): | build/.deps

include tests/tests.mk
include mk/bench.mk
include mk/install.mk

clean:
	rm -rf build lib/*.o lib/*.d lib/*.a tool/*.o tool/*.d plugin/*.o plugin/*.d \
	       tests/unit/*.o tests/unit/*.d tests/tools/*.o tests/tools/*.d

-include $(wildcard lib/*.d tool/*.d plugin/*.d build/*.d)

.PHONY: all clean

# The README demo: misbehaving build steps stopped by the jail.
demo: all
	scripts/demo.sh

.PHONY: demo
