/* SPDX-License-Identifier: MIT */
/*
 * make.c - the few ways jail.so talks to make: expanding text in the
 * current context and reporting through $(error)/$(warning), so that every
 * message carries the makefile and line make is at. jail.so never prints
 * to stdout nor exits make itself.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnumake.h>

#include "jail.h"

char *jail_mk_expand(const char *text)
{
	char *v = gmk_expand(text);
	char *copy = strdup(v ? v : "");

	if (v)
		gmk_free(v);
	if (copy == NULL)
		jail_mk_fatal("out of memory");
	return copy;
}

char *jail_mk_var(const char *name)
{
	char ref[128];

	snprintf(ref, sizeof(ref), "$(%s)", name);
	return jail_mk_expand(ref);
}

char *jail_mk_strdup(const char *s)
{
	size_t n = strlen(s);
	char *r = gmk_alloc((unsigned int)n + 1);

	memcpy(r, s, n + 1);
	return r;
}

void jail_mk_format_error(const struct jail_error *e, char *out, size_t n)
{
	int used = snprintf(out, n, "%s", e->what[0] ? e->what : "error");

	if (used >= 0 && (size_t)used < n && e->path[0])
		used += snprintf(out + used, n - (size_t)used, " '%s'", e->path);
	if (used >= 0 && (size_t)used < n && e->code && e->code != EINVAL && e->code != ENOENT)
		used += snprintf(out + used, n - (size_t)used, ": %s", strerror(e->code));
	if (used >= 0 && (size_t)used < n && e->hint[0])
		snprintf(out + used, n - (size_t)used, "; %s", e->hint);
}

/*
 * Hand MSG to make's $(error)/$(warning) without make reading anything in
 * it: the text goes into a define body (raw, never expanded) and is
 * fetched with $(value). Only control characters need replacing, and a
 * final backslash, which would join the body with "endef".
 */
static void report(const char *fn, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void report(const char *fn, const char *fmt, va_list ap)
{
	char msg[4096 + 64], buf[sizeof(msg) + 64];
	size_t n;

	n = (size_t)snprintf(msg, sizeof(msg), "jail.so: ");
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	for (char *c = msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	n = strlen(msg);
	if (n > 0 && msg[n - 1] == '\\' && n + 1 < sizeof(msg))
		strcpy(msg + n, " ");
	snprintf(buf, sizeof(buf), "define JAIL__MESSAGE\n%s\nendef\n", msg);
	gmk_eval(buf, NULL);
	snprintf(buf, sizeof(buf), "$(%s $(value JAIL__MESSAGE))", fn);
	gmk_eval(buf, NULL);
}

void jail_mk_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error", fmt, ap);
	va_end(ap);
	/* $(error) does not return; if a make ever let it, refuse anyway. */
	abort();
}

void jail_mk_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning", fmt, ap);
	va_end(ap);
}
