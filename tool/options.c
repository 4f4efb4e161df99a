/* SPDX-License-Identifier: MIT */
/*
 * options.c - parsing jailsh's arguments. Unknown options and malformed
 * values are errors; nothing is guessed.
 */
#include <errno.h>
#include <string.h>

#include "options.h"

#define SH_FLAG_LETTERS "abCefhmnuvx"

struct long_opt {
	const char *name;
	bool has_arg;
	int id;
};

enum { OPT_WRITE, OPT_READ, OPT_HIDE, OPT_NET, OPT_ENV, OPT_MODE,
       OPT_POLICY, OPT_PRINT, OPT_CHECK, OPT_HELP, OPT_VERSION,
       OPT_NO_HIDE, OPT_PROTECT, OPT_UNHIDE, OPT_STRICT };

static const struct long_opt long_opts[] = {
	{ "write", true, OPT_WRITE }, { "read", true, OPT_READ },
	{ "hide", true, OPT_HIDE }, { "net", true, OPT_NET },
	{ "env", true, OPT_ENV }, { "mode", true, OPT_MODE },
	{ "jail-policy", true, OPT_POLICY },
	{ "print-policy", false, OPT_PRINT }, { "check", false, OPT_CHECK },
	{ "help", false, OPT_HELP }, { "version", false, OPT_VERSION },
	{ "no-default-hide", false, OPT_NO_HIDE },
	{ "unhide", true, OPT_UNHIDE }, { "strict", false, OPT_STRICT },
	{ "protect", true, OPT_PROTECT },
	{ NULL, false, 0 },
};

static int apply_long(const struct long_opt *lo, const char *arg,
		      const char *cwd, struct jailsh_options *o,
		      struct jail_policy *p, struct jail_error *err)
{
	switch (lo->id) {
	case OPT_WRITE: return jail_policy_add_path(p, JAIL_PATH_WRITE, arg, cwd, NULL, err);
	case OPT_READ: return jail_policy_add_path(p, JAIL_PATH_READ, arg, cwd, NULL, err);
	case OPT_HIDE: return jail_policy_add_path(p, JAIL_PATH_HIDE, arg, cwd, NULL, err);
	case OPT_NET: return jail_policy_add_net(p, arg, NULL, err);
	case OPT_ENV: return jail_policy_add_env(p, arg, NULL, err);
	case OPT_MODE: return jail_policy_set_mode(p, arg, NULL, err);
	case OPT_POLICY: o->policy_token = arg; return 0;
	case OPT_PRINT: o->action = ACTION_PRINT_POLICY; return 0;
	case OPT_CHECK: o->action = ACTION_CHECK; return 0;
	case OPT_HELP: o->action = ACTION_HELP; return 0;
	case OPT_VERSION: o->action = ACTION_VERSION; return 0;
	case OPT_NO_HIDE: p->no_default_hide = true; return 0;
	case OPT_UNHIDE: return jail_policy_add_path(p, JAIL_PATH_UNHIDE, arg, cwd, NULL, err);
	case OPT_STRICT: p->strict_read = true; return 0;
	case OPT_PROTECT: return jail_policy_add_path(p, JAIL_PATH_PROTECT, arg, cwd, NULL, err);
	}
	return -EINVAL;
}

/* --name VALUE or --name=VALUE; advances *I past what it used. */
static int parse_long(int argc, char **argv, int *i, const char *cwd,
		      struct jailsh_options *o, struct jail_policy *p,
		      struct jail_error *err)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a);
	const char *arg = NULL;

	for (const struct long_opt *lo = long_opts; lo->name; lo++) {
		if (strlen(lo->name) != n || strncmp(lo->name, a, n) != 0)
			continue;
		if (lo->has_arg && eq)
			arg = eq + 1;
		else if (lo->has_arg && *i + 1 < argc)
			arg = argv[++*i];
		else if (lo->has_arg || eq)
			return jail_error_set(err, EINVAL, argv[*i],
					      "see jailsh --help",
					      lo->has_arg ? "option needs a value" :
					      "option takes no value");
		return apply_long(lo, arg, cwd, o, p, err);
	}
	return jail_error_set(err, EINVAL, argv[*i], "see jailsh --help",
			      "unknown option");
}

/* A cluster like -ec, -eu, +x or -o NAME. Returns 1 if A was one. */
static int parse_sh_flags(int argc, char **argv, int *i,
			  struct jailsh_options *o, struct jail_error *err)
{
	const char *a = argv[*i];
	char flags[64];
	size_t n = 0;

	if ((a[0] != '-' && a[0] != '+') || a[1] == '\0' ||
	    strspn(a + 1, SH_FLAG_LETTERS "co") != strlen(a + 1))
		return 0;
	flags[n++] = a[0];
	for (const char *c = a + 1; *c && n < sizeof(flags) - 1; c++) {
		if (*c == 'c') {
			o->form = FORM_COMMAND;
			continue;
		}
		if (*c != 'e' || a[0] != '-')
			o->sh_flags_simple = false;
		flags[n++] = *c;
	}
	flags[n] = '\0';
	if (n > 1 && jail_strlist_add(&o->sh_flags, flags) < 0)
		return -ENOMEM;
	if (strchr(a, 'o')) {
		if (*i + 1 >= argc)
			return jail_error_set(err, EINVAL, a, "give a shell option name after -o",
					      "shell flag needs a value");
		if (jail_strlist_add(&o->sh_flags, argv[++*i]) < 0)
			return -ENOMEM;
	}
	return 1;
}

static int parse_positionals(int argc, char **argv, int i,
			     struct jailsh_options *o, struct jail_error *err)
{
	if (o->form == FORM_LAUNCH && i >= argc)
		return jail_error_set(err, EINVAL, "--", "write jailsh -- PROGRAM [ARG...]",
				      "no program after");
	if (o->form == FORM_COMMAND) {
		if (i >= argc)
			return jail_error_set(err, EINVAL, "-c",
					      "write jailsh -c 'command line'",
					      "no command string after");
		o->command = argv[i++];
	} else if (o->form == FORM_STDIN && i < argc) {
		o->form = FORM_SCRIPT;
	}
	o->rest = argv + i;
	o->nrest = argc - i;
	return 0;
}

int jailsh_parse(int argc, char **argv, const char *cwd,
		 struct jailsh_options *o, struct jail_policy *p,
		 struct jail_error *err)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->sh_flags_simple = true;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			if (o->form != FORM_COMMAND)
				o->form = FORM_LAUNCH;
			i++;
			break;
		}
		if (strcmp(a, "-") == 0) {
			i++;
			break;
		}
		if (strncmp(a, "--", 2) == 0)
			rc = parse_long(argc, argv, &i, cwd, o, p, err);
		else
			rc = parse_sh_flags(argc, argv, &i, o, err);
		if (rc < 0)
			return rc;
		if (rc == 0 && strncmp(a, "--", 2) != 0) {
			if (a[0] == '-' || a[0] == '+')
				return jail_error_set(err, EINVAL, a, "see jailsh --help",
						      "unknown option");
			break;
		}
	}
	return parse_positionals(argc, argv, i, o, err);
}

void jailsh_options_free(struct jailsh_options *o)
{
	jail_strlist_free(&o->sh_flags);
}
