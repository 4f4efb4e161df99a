# tests/tests.mk - unit tests (cmocka), test tools and integration tests.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
TOOL_TEST_SRC := $(wildcard tests/tools/*.c)
TOOL_TEST_BIN := $(patsubst tests/tools/%.c,build/tests/%,$(TOOL_TEST_SRC))

build/tests:
	mkdir -p $@

build/tests/test_%: tests/unit/test_%.c lib/libjail.a | build/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libjail.a -lcmocka -lseccomp

build/tests/%: tests/tools/%.c lib/libjail.a | build/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libjail.a -lseccomp -lpthread

build/.deps-test: scripts/packages.test | build
	scripts/deps.sh test
	touch $@

$(UNIT_BIN) $(TOOL_TEST_BIN): | build/.deps-test

check: all $(UNIT_BIN) $(TOOL_TEST_BIN)
	tests/check.sh

.PHONY: check
