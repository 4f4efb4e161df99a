/* SPDX-License-Identifier: MIT */
/*
 * learn_text.c - accesses and grants as words: a short description for
 * people, the grant as a jailsh option or a make line, and one JSON
 * object per access for tools (JAIL_REPORT). Strings in JSON are escaped;
 * bytes that are not UTF-8 become U+FFFD so every line stays valid JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "learn.h"

static const char *const op_names[] = {
	[JAIL_ACCESS_READ] = "read", [JAIL_ACCESS_EXEC] = "exec",
	[JAIL_ACCESS_WRITE] = "write", [JAIL_ACCESS_CREATE] = "create",
	[JAIL_ACCESS_REMOVE] = "remove", [JAIL_ACCESS_SOCKET] = "socket",
	[JAIL_ACCESS_CONNECT] = "connect", [JAIL_ACCESS_BIND] = "bind",
};

static const char *family_name(int family, char buf[16])
{
	switch (family) {
	case AF_UNIX: return "unix";
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	case AF_NETLINK: return "netlink";
	case AF_PACKET: return "packet";
	}
	snprintf(buf, 16, "family-%d", family);
	return buf;
}

static const char *type_name(int type)
{
	switch (type & 0xf) {
	case SOCK_STREAM: return "stream";
	case SOCK_DGRAM: return "dgram";
	case SOCK_RAW: return "raw";
	case SOCK_SEQPACKET: return "seqpacket";
	}
	return "other";
}

static bool is_net(const struct jail_access *a)
{
	return a->op == JAIL_ACCESS_SOCKET || a->op == JAIL_ACCESS_CONNECT ||
	       a->op == JAIL_ACCESS_BIND;
}

void jail_learn_describe(const struct jail_access *a, char *buf, size_t size)
{
	char fam[16];

	if (!is_net(a))
		snprintf(buf, size, "%s %s", op_names[a->op], a->path);
	else if (a->op == JAIL_ACCESS_SOCKET)
		snprintf(buf, size, "%s %s %s", a->pair ? "socketpair" : "socket",
			 family_name(a->family, fam), type_name(a->type));
	else if (a->family == AF_UNIX)
		snprintf(buf, size, "%s unix %s", op_names[a->op], a->path);
	else
		snprintf(buf, size, a->family == AF_INET6 ? "%s %s [%s]:%u" : "%s %s %s:%u",
			 op_names[a->op], family_name(a->family, fam), a->addr, a->port);
}

void jail_learn_grant(const struct jail_need *n, bool make, char *buf, size_t size)
{
	static const char *const opt[] = {
		[JAIL_NEED_WRITE] = "--write", [JAIL_NEED_READ] = "--read",
		[JAIL_NEED_PREREQ] = "--read", [JAIL_NEED_UNHIDE] = "--unhide",
		[JAIL_NEED_NET] = "--net", [JAIL_NEED_TCP] = "--net",
	};
	static const char *const var[] = {
		[JAIL_NEED_WRITE] = "JAIL_WRITE", [JAIL_NEED_READ] = "JAIL_READ",
		[JAIL_NEED_PREREQ] = "JAIL_READ", [JAIL_NEED_UNHIDE] = "JAIL_UNHIDE",
		[JAIL_NEED_NET] = "JAIL_NET", [JAIL_NEED_TCP] = "JAIL_NET",
	};
	/* Quote for sh when the path needs it (options are pasted into one). */
	bool quote = !make && strpbrk(n->value, " \t\n'\"\\$`*?[]#~;&|<>(){}!") != NULL;

	if (make)
		snprintf(buf, size, "%s += %s", var[n->kind], n->value);
	else if (quote && strchr(n->value, '\'') == NULL)
		snprintf(buf, size, "%s '%s'", opt[n->kind], n->value);
	else
		snprintf(buf, size, "%s %s", opt[n->kind], n->value);
}

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len)
		o->full = true;
	else
		o->len += (size_t)n;
}

/* Length of the UTF-8 sequence at S, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 :
		   s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static void put_string(struct out *o, const char *key, const char *s)
{
	put(o, ",\"%s\":\"", key);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		size_t n;

		if (*c == '"' || *c == '\\')
			put(o, "\\%c", *c);
		else if (*c < 0x20)
			put(o, "\\u%04x", *c);
		else if (*c < 0x80)
			put(o, "%c", *c);
		else if ((n = utf8_len(c)) > 0) {
			put(o, "%.*s", (int)n, (const char *)c);
			c += n - 1;
		} else {
			put(o, "\\ufffd");
		}
	}
	put(o, "\"");
}

int jail_learn_json(const struct jail_access *a, const struct jail_need *n,
		    const char *target, const char *mode, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };
	char grant[PATH_MAX + 64], fam[16];

	put(&o, "{\"mode\":\"%s\"", mode);
	if (target)
		put_string(&o, "target", target);
	put(&o, ",\"pid\":%d", a->pid);
	put_string(&o, "prog", a->prog);
	put(&o, ",\"op\":\"%s\"", op_names[a->op]);
	if (!is_net(a) || a->family == AF_UNIX)
		if (a->path[0])
			put_string(&o, "path", a->path);
	if (is_net(a)) {
		put(&o, ",\"family\":\"%s\"", family_name(a->family, fam));
		if (a->op == JAIL_ACCESS_SOCKET)
			put(&o, ",\"type\":\"%s\",\"protocol\":%d", type_name(a->type),
			    a->protocol);
		else if (a->family != AF_UNIX)
			put(&o, ",\"address\":\"%s\",\"port\":%u", a->addr, a->port);
	}
	put_string(&o, "why", n->why);
	jail_learn_grant(n, false, grant, sizeof(grant));
	put_string(&o, "grant", grant);
	if (n->kind == JAIL_NEED_PREREQ && target)  /* a prerequisite line */
		snprintf(grant, sizeof(grant), "%s: %s", target, n->value);
	else
		jail_learn_grant(n, true, grant, sizeof(grant));
	put_string(&o, "make", grant);
	put(&o, "}");
	return o.full ? -1 : (int)o.len;
}
