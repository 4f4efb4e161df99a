/* SPDX-License-Identifier: MIT */
/*
 * cmdline.c - simple command detection.
 *
 * Conservative on purpose: any character outside a small safe set sends
 * the line to /bin/sh, so a direct exec always behaves exactly as sh would.
 */
#include <string.h>

#include "cmdline.h"

/* Builtins and keywords: sh would not exec a program for these (or would
 * behave differently from the program of the same name). */
static const char *const sh_words[] = {
	".", ":", "alias", "bg", "break", "case", "cd", "command", "continue",
	"do", "done", "echo", "elif", "else", "esac", "eval", "exec", "exit",
	"export", "false", "fc", "fg", "fi", "for", "function", "getopts",
	"hash", "if", "in", "jobs", "kill", "local", "login", "logout", "printf",
	"pwd", "read", "readonly", "return", "select", "set", "shift", "source",
	"test", "then", "time", "times", "trap", "true", "type", "typeset",
	"ulimit", "umask", "unalias", "unset", "until", "wait", "while", "[",
	NULL,
};

static bool safe_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("_./,:=+@%-", c) != NULL;
}

static bool is_sh_word(const char *w, size_t n)
{
	for (size_t i = 0; sh_words[i]; i++)
		if (strlen(sh_words[i]) == n && strncmp(sh_words[i], w, n) == 0)
			return true;
	return false;
}

bool jail_cmdline_simple(const char *line, struct jail_strlist *argv)
{
	const char *p = line, *first = NULL;
	size_t first_len = 0;
	char word[4096];

	for (const char *c = line; *c; c++)
		if (!safe_char(*c) && *c != ' ' && *c != '\t')
			return false;
	p += strspn(p, " \t");
	if (*p == '\0')
		return false;
	first = p;
	first_len = strcspn(p, " \t");
	if (is_sh_word(first, first_len) || memchr(first, '=', first_len))
		return false;
	while (argv && *p) {
		size_t n = strcspn(p, " \t");

		if (n >= sizeof(word))
			return false;
		memcpy(word, p, n);
		word[n] = '\0';
		if (jail_strlist_add(argv, word) < 0)
			return false;
		p += n;
		p += strspn(p, " \t");
	}
	return true;
}
