/* SPDX-License-Identifier: MIT */
/*
 * policy_codec.c - a policy as one token of [0-9a-f].
 *
 * jail.so passes each target's policy to jailsh inside .SHELLFLAGS. make
 * runs an unjailed /bin/sh to split .SHELLFLAGS when it holds a shell
 * metacharacter, so the token must never contain one, whatever the paths
 * hold: hex of NUL-terminated records "<key><value>".
 * Keys: W write, R read, H hide, U unhide, E env, N net, M mode, S strict,
 * X no hide, T target ($@), P prerequisite (readable when strict),
 * K protected (read-only inside writable roots).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

struct buf {
	char *s;
	size_t n, cap;
	int failed;
};

static void put_hex(struct buf *b, const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *d = data;

	if (b->failed)
		return;
	if (b->n + 2 * len + 1 > b->cap) {
		size_t cap = (b->cap + 2 * len + 1) * 2;
		char *s = realloc(b->s, cap);

		if (s == NULL) {
			b->failed = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	for (size_t i = 0; i < len; i++) {
		b->s[b->n++] = digits[d[i] >> 4];
		b->s[b->n++] = digits[d[i] & 15];
	}
	b->s[b->n] = '\0';
}

static void put_record(struct buf *b, char key, const char *value)
{
	put_hex(b, &key, 1);
	put_hex(b, value, strlen(value) + 1);
}

static void put_list(struct buf *b, char key, const struct jail_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		put_record(b, key, l->v[i]);
}

char *jail_policy_encode(const struct jail_policy *p)
{
	struct buf b = { 0 };
	char spec[16];

	put_list(&b, 'W', &p->write);
	for (size_t i = 0; i < p->read.n; i++)  /* prerequisites go as P */
		if (!jail_strlist_contains(&p->prereq, p->read.v[i]))
			put_record(&b, 'R', p->read.v[i]);
	put_list(&b, 'P', &p->prereq);
	put_list(&b, 'H', &p->hide);
	put_list(&b, 'U', &p->unhide);
	put_list(&b, 'K', &p->protect);
	if (p->target)
		put_record(&b, 'T', p->target);
	put_list(&b, 'E', &p->env_keep);
	if (p->net & JAIL_NET_UNIX)
		put_record(&b, 'N', "unix");
	if (p->net & JAIL_NET_ALL)
		put_record(&b, 'N', "all");
	for (unsigned i = 0; i < p->nports; i++) {
		snprintf(spec, sizeof(spec), "connect:%u", p->ports[i]);
		put_record(&b, 'N', spec);
	}
	put_record(&b, 'M', jail_mode_name(p->mode));
	put_record(&b, 'S', p->strict_read ? "1" : "0");
	put_record(&b, 'X', p->no_default_hide ? "1" : "0");
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s ? b.s : strdup("");
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int apply_record(struct jail_policy *p, const char *rec,
			struct jail_error *err)
{
	const char *v = rec + 1;
	const char *src = "policy token";

	switch (rec[0]) {
	case 'W': return jail_policy_add_path(p, JAIL_PATH_WRITE, v, NULL, src, err);
	case 'R': return jail_policy_add_path(p, JAIL_PATH_READ, v, NULL, src, err);
	case 'H': return jail_policy_add_path(p, JAIL_PATH_HIDE, v, NULL, src, err);
	case 'U': return jail_policy_add_path(p, JAIL_PATH_UNHIDE, v, NULL, src, err);
	case 'K': return jail_policy_add_path(p, JAIL_PATH_PROTECT, v, NULL, src, err);
	case 'T': return jail_policy_set_target(p, v, err);
	case 'P': return jail_policy_add_prereq(p, v, NULL);
	case 'E': return jail_policy_add_env(p, v, src, err);
	case 'N': return jail_policy_add_net(p, v, src, err);
	case 'M': return jail_policy_set_mode(p, v, src, err);
	case 'S': p->strict_read = p->strict_read || v[0] == '1'; return 0;
	case 'X': p->no_default_hide = v[0] == '1'; return 0;
	}
	return jail_error_set(err, EINVAL, rec, "rebuild jail.so and jailsh from one tree",
			      "policy token has an unknown record");
}

int jail_policy_decode(struct jail_policy *p, const char *token,
		       struct jail_error *err)
{
	size_t len = strlen(token), n = 0;
	char *raw;
	int rc = 0;

	if (len % 2 != 0)
		goto bad;
	raw = malloc(len / 2 + 1);
	if (raw == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < len; i += 2) {
		int hi = hexval(token[i]), lo = hexval(token[i + 1]);

		if (hi < 0 || lo < 0) {
			free(raw);
			goto bad;
		}
		raw[n++] = (char)(hi << 4 | lo);
	}
	if (n > 0 && raw[n - 1] != '\0') {
		free(raw);
		goto bad;
	}
	for (size_t i = 0; i < n && rc == 0; i += strlen(raw + i) + 1)
		rc = apply_record(p, raw + i, err);
	free(raw);
	return rc;
bad:
	return jail_error_set(err, EINVAL, "", "rebuild jail.so and jailsh from one tree",
			      "malformed policy token");
}
