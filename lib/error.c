/* SPDX-License-Identifier: MIT */
/* error.c - filling struct jail_error; see error.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int jail_error_set(struct jail_error *err, int code, const char *path,
		   const char *hint, const char *what_fmt, ...)
{
	va_list ap;

	if (code < 0)
		code = -code;
	if (err == NULL)
		return -code;
	err->code = code;
	va_start(ap, what_fmt);
	vsnprintf(err->what, sizeof(err->what), what_fmt, ap);
	va_end(ap);
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	snprintf(err->hint, sizeof(err->hint), "%s", hint ? hint : "");
	return -code;
}

void jail_error_clear(struct jail_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}
