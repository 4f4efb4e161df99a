/* SPDX-License-Identifier: MIT */
/*
 * env.c - environment scrubbing.
 *
 * Removed: agent and session handles (they lead to ssh/gpg agents, D-Bus,
 * X11, Kerberos tickets, the docker daemon) and any name that looks like a
 * secret. Kept: everything else, so PATH, CC, CFLAGS, MAKEFLAGS, LANG and
 * friends reach the build. --env NAME keeps one the scrubber would remove.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "env.h"

static const char *const session_names[] = {
	"SSH_AUTH_SOCK", "SSH_AGENT_PID", "GPG_AGENT_INFO",
	"DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS", "DISPLAY",
	"WAYLAND_DISPLAY", "XAUTHORITY", "KRB5CCNAME", "KRB5_KTNAME",
	"DOCKER_HOST", "DOCKER_CERT_PATH", "CONTAINER_HOST", "KUBECONFIG",
	"VAULT_ADDR", "ACTIONS_ID_TOKEN_REQUEST_URL", "NETRC", "BW_SESSION",
	"MYSQL_PWD", "PGPASSFILE", NULL,
};

/* Case-insensitive substrings that mark a secret. "_PAT" is only a
 * suffix (below): as a substring it would take PKG_CONFIG_PATH,
 * LD_LIBRARY_PATH and every other *_PATH from the build. */
static const char *const secret_words[] = {
	"TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL",
	"API_KEY", "APIKEY", "PRIVATE_KEY", "PRIVKEY", "ACCESS_KEY",
	"SESSION_KEY", "SIGNING_KEY", "AUTH_KEY", "COOKIE", "JWT", NULL,
};

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bool jail_env_is_scrubbed(const char *name)
{
	for (size_t i = 0; session_names[i]; i++)
		if (strcmp(name, session_names[i]) == 0)
			return true;
	for (size_t i = 0; secret_words[i]; i++)
		if (strcasestr(name, secret_words[i]))
			return true;
	return ends_with_ci(name, "_KEY") || ends_with_ci(name, "_PAT") ||
	       ends_with_ci(name, "_DSN") || strncmp(name, "OP_SESSION_", 11) == 0;
}

static bool is_tmp_name(const char *name)
{
	return strcmp(name, "TMPDIR") == 0 || strcmp(name, "TMP") == 0 ||
	       strcmp(name, "TEMP") == 0;
}

int jail_env_build(const struct jail_policy *p, char *const *envp,
		   const char *tmpdir, struct jail_strlist *out)
{
	char name[256], entry[4200];

	for (size_t i = 0; envp && envp[i]; i++) {
		const char *eq = strchr(envp[i], '=');
		size_t n = eq ? (size_t)(eq - envp[i]) : strlen(envp[i]);

		if (eq == NULL || n == 0 || n >= sizeof(name))
			continue;  /* malformed or absurd: never passed on */
		memcpy(name, envp[i], n);
		name[n] = '\0';
		if (tmpdir && is_tmp_name(name))
			continue;
		if (jail_env_is_scrubbed(name) &&
		    !jail_strlist_contains(&p->env_keep, name))
			continue;
		if (jail_strlist_add(out, envp[i]) < 0)
			return -ENOMEM;
	}
	if (tmpdir == NULL)
		return 0;
	for (int i = 0; i < 3; i++) {
		const char *names[] = { "TMPDIR", "TMP", "TEMP" };

		snprintf(entry, sizeof(entry), "%s=%s", names[i], tmpdir);
		if (jail_strlist_add(out, entry) < 0)
			return -ENOMEM;
	}
	return 0;
}
