/* SPDX-License-Identifier: MIT */
/*
 * cmdline.h - run a simple command line without /bin/sh, as make does.
 */
#ifndef JAIL_CMDLINE_H
#define JAIL_CMDLINE_H

#include <stdbool.h>

#include "strlist.h"

/*
 * Is LINE a plain list of words that /bin/sh would run as one program
 * with those words as argv: no quoting, expansion, redirection, operator,
 * assignment, comment, glob, or shell builtin/keyword as the first word?
 * When true and ARGV is not NULL, the words are appended to ARGV.
 */
bool jail_cmdline_simple(const char *line, struct jail_strlist *argv);

#endif
