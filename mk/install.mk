# mk/install.mk - make install / make uninstall (included by the top Makefile).
#
#   make install   [DESTDIR=/stage] [PREFIX=/usr/local] [BINDIR=...] [LIBDIR=...]
#                  [PKGLIBDIR=$(LIBDIR)/jail] [MANDIR=...] [PKGCONFIGDIR=...]
#
# Installs $(BINDIR)/jailsh; $(PKGLIBDIR)/jail.so and $(PKGLIBDIR)/sh, a
# relative link to jailsh (jail.so runs the `sh` beside its own resolved
# path: make's .ONESHELL strips @-+ only for shells named sh); the man pages;
# $(PKGCONFIGDIR)/jail.pc, whose `plugin` and `jailsh` variables give the
# final paths (never DESTDIR), so a Makefile can write
#   load $(shell pkg-config --variable=plugin jail)
# Nothing is written into the source tree: jail.pc is generated straight
# into DESTDIR, so `sudo make install` after `make` leaves build/ alone.

INSTALL ?= install
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
JAIL_VERSION := $(shell sed -n 's/^\#define JAILSH_VERSION "\(.*\)"/\1/p' tool/jailsh.h)
MAN1 := $(wildcard man/*.1)
MAN7 := $(wildcard man/*.7)
# The sh link is relative so that it also works inside DESTDIR.
SH_LINK = $(shell realpath -m --relative-to='$(PKGLIBDIR)' '$(BINDIR)')/jailsh

install: all
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(PKGLIBDIR)' \
		'$(DESTDIR)$(PKGCONFIGDIR)' '$(DESTDIR)$(MANDIR)/man1' \
		'$(DESTDIR)$(MANDIR)/man7'
	$(INSTALL) -m 0755 build/jailsh '$(DESTDIR)$(BINDIR)/jailsh'
	$(if $(PLUGIN_SRC),$(INSTALL) -m 0644 build/jail.so '$(DESTDIR)$(PKGLIBDIR)/jail.so')
	ln -sfn '$(SH_LINK)' '$(DESTDIR)$(PKGLIBDIR)/sh'
	$(if $(MAN1),$(INSTALL) -m 0644 $(MAN1) '$(DESTDIR)$(MANDIR)/man1/')
	$(if $(MAN7),$(INSTALL) -m 0644 $(MAN7) '$(DESTDIR)$(MANDIR)/man7/')
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@BINDIR@|$(BINDIR)|g' \
	    -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@PKGLIBDIR@|$(PKGLIBDIR)|g' \
	    -e 's|@MANDIR@|$(MANDIR)|g' -e 's|@VERSION@|$(JAIL_VERSION)|g' \
	    mk/jail.pc.in >'$(DESTDIR)$(PKGCONFIGDIR)/jail.pc'
	chmod 0644 '$(DESTDIR)$(PKGCONFIGDIR)/jail.pc'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/jailsh' '$(DESTDIR)$(PKGLIBDIR)/jail.so' \
	      '$(DESTDIR)$(PKGLIBDIR)/sh' '$(DESTDIR)$(PKGCONFIGDIR)/jail.pc' \
	      $(foreach m,$(MAN1),'$(DESTDIR)$(MANDIR)/man1/$(notdir $(m))') \
	      $(foreach m,$(MAN7),'$(DESTDIR)$(MANDIR)/man7/$(notdir $(m))')
	-rmdir '$(DESTDIR)$(PKGLIBDIR)' 2>/dev/null

.PHONY: install uninstall
