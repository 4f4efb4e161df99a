/* SPDX-License-Identifier: MIT */
/*
 * report.c - --print-policy: the effective policy and, per control,
 * whether this kernel enforces it and what it would take.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "abi.h"
#include "jailsh.h"
#include "landlock.h"
#include "mountns.h"

static void print_list(FILE *out, const char *label,
		       const struct jail_strlist *l, bool mark_absent)
{
	for (size_t i = 0; i < l->n; i++) {
		struct stat st;
		bool absent = mark_absent && lstat(l->v[i], &st) < 0;

		fprintf(out, "%-7s %s%s\n", i == 0 ? label : "", l->v[i],
			absent ? "  (absent)" : "");
	}
}

/* Protected paths: read-only inside the writable roots (mountns.c). */
static void print_protect(FILE *out, const struct jail_policy *p)
{
	struct jail_strlist on = { 0 }, absent = { 0 };

	if (jail_protect_plan(p, &on, &absent) < 0)
		return;
	print_list(out, "protect:", &on, false);
	if (on.n == 0)
		fprintf(out, "protect: nothing present to protect\n");
	if (absent.n) {
		fprintf(out, "        not present, guarded against creation (docs/protect.md):");
		for (size_t i = 0; i < absent.n; i++)
			fprintf(out, " %s", absent.v[i]);
		fputc('\n', out);
	}
	jail_strlist_free(&on);
	jail_strlist_free(&absent);
}

static void print_net(FILE *out, const struct jail_policy *p)
{
	fprintf(out, "net:    ");
	if (p->net & JAIL_NET_ALL)
		fprintf(out, "all (every family; other controls stay on)");
	else if (p->net == 0)
		fprintf(out, "none (no sockets; socketpair only)");
	if (!(p->net & JAIL_NET_ALL) && (p->net & JAIL_NET_UNIX))
		fprintf(out, "unix ");
	if (!(p->net & JAIL_NET_ALL) && (p->net & JAIL_NET_CONNECT)) {
		fprintf(out, "tcp connect to port");
		for (unsigned i = 0; i < p->nports; i++)
			fprintf(out, "%s%u", i ? "," : " ", p->ports[i]);
	}
	fputc('\n', out);
}

static void print_controls(FILE *out, const struct jail_policy *p,
			   const struct jail_kernel *k)
{
	fprintf(out, "kernel: Landlock ABI %d%s, seccomp %s\n", k->landlock_abi,
		k->landlock_abi ? "" : " (not available)",
		k->seccomp ? "yes" : "no");
	fprintf(out, "controls:\n");
	for (const struct jail_control *c = jail_controls; c->name; c++) {
		bool on = jail_control_enforced(c, k);
		const char *state = on ? "enforced" :
				    c->needed(p) ? "NOT ENFORCED (needed)" :
				    "not available (not needed by this policy)";
		char need[64];

		if (c->min_abi == JAIL_ABI_MOUNTNS)
			snprintf(need, sizeof(need), "mount namespace, Linux %s",
				 c->linux);
		else if (c->min_abi)
			snprintf(need, sizeof(need), "Landlock ABI %d, Linux %s",
				 c->min_abi, c->linux);
		else
			snprintf(need, sizeof(need), "seccomp, Linux %s", c->linux);
		fprintf(out, "  %-20s %-28s %s\n    %s\n", c->name, need, state,
			c->what);
	}
}

int jailsh_print_policy(const struct jail_policy *p, FILE *out)
{
	struct jail_kernel k;
	struct jail_strlist conflicts = { 0 };

	jail_kernel_probe(&k);
	fprintf(out, "mode:   %s\n", jail_mode_name(p->mode));
	print_list(out, "write:", &p->write, false);
	fprintf(out, "        a private TMPDIR made per command (0700, removed after)\n"
		     "        /dev/null /dev/zero /dev/full /dev/tty and the terminal\n");
	if (p->strict_read) {
		fprintf(out, "read:   strict: the writable roots, jailsh's directory,\n        ");
		for (size_t i = 0; jail_system_dirs[i]; i++)
			fprintf(out, "%s ", jail_system_dirs[i]);
		fputc('\n', out);
		print_list(out, "", &p->read, false);
	} else {
		fprintf(out, "read:   everything except the hidden paths\n");
	}
	print_list(out, "hide:", &p->hide, true);
	print_protect(out, p);
	print_net(out, p);
	fprintf(out, "env:    secret-looking and agent/session variables removed");
	for (size_t i = 0; i < p->env_keep.n; i++)
		fprintf(out, "%s%s", i ? ", " : "; kept: ", p->env_keep.v[i]);
	fputc('\n', out);
	print_controls(out, p, &k);
	if (jail_landlock_conflicts(p, &conflicts) > 0)
		for (size_t i = 0; i < conflicts.n; i++)
			fprintf(out, "conflict: %s\n", conflicts.v[i]);
	jail_strlist_free(&conflicts);
	return 0;
}
