// SPDX-License-Identifier: GPL-2.0
/*
 * The requests edgectl sent to the fake kernel, parsed back, and its
 * printers' output (see req.h).
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "gtpu.h"
#include "replies.h"
#include "req.h"
#include "tap.h"

static int collect(const struct nlattr *attr, void *data)
{
	struct msg *m = data;

	if (mnl_attr_get_type(attr) < ARRAY_SIZE(m->tb))
		m->tb[mnl_attr_get_type(attr)] = attr;
	if (m->count < ARRAY_SIZE(m->seq))
		m->seq[m->count] = attr;
	m->count++;
	return MNL_CB_OK;
}

bool last(uint8_t cmd, struct msg *m)
{
	const struct nlmsghdr *nlh = (const void *)fk.last;

	memset(m, 0, sizeof(*m));
	m->genl = nl_genlhdr(nlh);
	m->flags = nlh->nlmsg_flags;
	return m->genl && m->genl->cmd == cmd && nlh->nlmsg_type == TEST_FAMILY &&
	       fake_request_ok(nlh) && mnl_attr_parse(nlh, GENL_HDRLEN, collect, m) == MNL_CB_OK;
}

bool u8_is(const struct nlattr *a, uint8_t v)
{
	return a && mnl_attr_get_payload_len(a) == 1 && mnl_attr_get_u8(a) == v;
}

bool u16_is(const struct nlattr *a, uint16_t v)
{
	return a && mnl_attr_get_payload_len(a) == 2 && mnl_attr_get_u16(a) == v;
}

bool u32_is(const struct nlattr *a, uint32_t v)
{
	return a && mnl_attr_get_payload_len(a) == 4 && mnl_attr_get_u32(a) == v;
}

bool u64_is(const struct nlattr *a, uint64_t v)
{
	return a && mnl_attr_get_payload_len(a) == 8 && mnl_attr_get_u64(a) == v;
}

bool addr_is(const struct nlattr *a, const char *addr)
{
	unsigned char bin[16];
	int family = strchr(addr, ':') ? AF_INET6 : AF_INET;
	size_t len = family == AF_INET ? 4 : 16;

	return a && inet_pton(family, addr, bin) == 1 && mnl_attr_get_payload_len(a) == len &&
	       !memcmp(mnl_attr_get_payload(a), bin, len);
}

bool run_ok(const char *line)
{
	struct run r;
	bool ok;

	run_line(&r, line);
	ok = r.rc == 0 && !r.err[0];
	if (!ok)
		printf("# %s: rc %d: %s", line, r.rc, r.err);
	run_done(&r);
	return ok;
}

char *print_msg(mnl_cb_t cb, void *data, const struct nlmsghdr *nlh, bool json, int *ret)
{
	struct capture cap;

	capture_start(&cap);
	print_init(cap.fp, json, false);
	*ret = cb(nlh, data);
	print_finish();
	return capture_end(&cap);
}

char *print_check(const char *prefix, mnl_cb_t cb, void *data, const struct nlmsghdr *nlh,
		  bool json, const char *want, const char *label)
{
	int ret;
	char *out = print_msg(cb, data, nlh, json, &ret);
	bool pass = ret == MNL_CB_OK && !strcmp(out, want);

	check(pass, "%s: %s", prefix, label);
	if (pass)
		return out;
	printf("# ret %d\n# got:  %s\n# want: %s\n", ret, out, want);
	free(out);
	return NULL;
}
