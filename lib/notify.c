/* SPDX-License-Identifier: MIT */
/*
 * notify.c - the seccomp user-notification channel between the jailed
 * command and the unjailed supervisor.
 *
 * Guarantees: enforce mode adds no notification on a hot path (only
 * socket() of a refused family and, with TCP port grants, connect());
 * a refused socket is answered with JAIL_FILTER_SOCKET_ERRNO whatever the
 * decoding found; every other call continues and is then checked by the
 * kernel as usual (Landlock, the filter). The listener fd never reaches
 * the command: the child hands it over and closes it before execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "access.h"
#include "filter.h"
#include "notify.h"

#ifndef SECCOMP_ADDFD_FLAG_SEND
#define SECCOMP_ADDFD_FLAG_SEND (1UL << 1)
#endif

static int answer(int listener, uint64_t id, int error)
{
	struct seccomp_notif_resp resp;

	memset(&resp, 0, sizeof(resp));
	resp.id = id;
	if (error)
		resp.error = -error;
	else
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno != ENOENT)
		return -errno;
	return 0;  /* ENOENT: the caller died or was interrupted meanwhile */
}

int jail_notify_recv(int listener, struct seccomp_notif *req)
{
	memset(req, 0, sizeof(*req));  /* the kernel insists */
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0)
		return errno == ENOENT || errno == EINTR ? 0 : -errno;
	return 1;
}

int jail_notify_answer(const struct jail_watch *w, int listener,
		       const struct seccomp_notif *req)
{
	struct jail_access acc[2];
	int n, error = 0;

	/* In enforce mode the filter sends only refused sockets: refuse
	 * them before anything else can go wrong. */
	if (!w->learn && jail_access_is_socket(req))
		error = JAIL_FILTER_SOCKET_ERRNO;
	n = jail_access_decode(req, acc);
	for (int i = 0; i < n && w->on_access; i++)
		w->on_access(&acc[i], w->arg);
	return answer(listener, req->id, error);
}

void jail_notify_respond(int listener, uint64_t id, int rc)
{
	struct seccomp_notif_resp resp = { .id = id };

	if (rc < 0)
		resp.error = rc;
	else
		resp.val = rc;
	ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);   /* ENOENT: gone */
}

void jail_notify_respond_fd(int listener, uint64_t id, int fd, bool cloexec)
{
	struct seccomp_notif_addfd add = {
		.id = id, .flags = SECCOMP_ADDFD_FLAG_SEND, .srcfd = (uint32_t)fd,
		.newfd_flags = cloexec ? O_CLOEXEC : 0,
	};
	int got = ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);

	if (got >= 0 || errno != EINVAL)
		return;     /* sent, or the caller is gone (ENOENT) */
	add.flags = 0;  /* before Linux 5.14: add, then answer with it */
	got = ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
	jail_notify_respond(listener, id, got >= 0 ? got : -errno);
}

int jail_notify_handle(const struct jail_watch *w, int listener)
{
	struct seccomp_notif req;
	int rc = jail_notify_recv(listener, &req);

	return rc <= 0 ? rc : jail_notify_answer(w, listener, &req);
}

#define MAX_FDS 2

int jail_notify_send_fds(int sock, const int *fds, int nfds, const void *data,
			 size_t len)
{
	union {
		char buf[CMSG_SPACE(MAX_FDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { (void *)data, len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = nfds > 0 ? u.buf : NULL,
		.msg_controllen = nfds > 0 ? CMSG_SPACE(nfds * sizeof(int)) : 0,
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	if (nfds < 0 || nfds > MAX_FDS)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	if (nfds > 0) {
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
	}
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -errno;
}

int jail_notify_recv_fds(int sock, int *fds, int max, void *data, size_t len)
{
	union {
		char buf[CMSG_SPACE(MAX_FDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { data, len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	ssize_t n;

	for (int i = 0; i < max; i++)
		fds[i] = -1;
	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		size_t k;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < k; i++) {   /* extra ones are closed */
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if ((int)i < max)
				fds[i] = fd;
			else
				close(fd);
		}
	}
	return (int)n;
}

int jail_notify_send_fd(int sock, int fd, const void *data, size_t len)
{
	return jail_notify_send_fds(sock, &fd, 1, data, len);
}

int jail_notify_recv_fd(int sock, int *fd, void *data, size_t len)
{
	return jail_notify_recv_fds(sock, fd, 1, data, len);
}
