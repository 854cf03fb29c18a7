// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink without a kernel: requests built by the real builders and parsed
 * back, crafted acks with extended acks, reply streams through nl_process(),
 * and the printers fed with kernel-like replies.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "dev.h"
#include "edgectl.h"
#include "info.h"
#include "monitor.h"
#include "replies.h"
#include "tap.h"

static char buf[8192] __attribute__((aligned(4)));
static char req_buf[1024] __attribute__((aligned(4)));

struct attrs {
	const struct nlattr *tb[EDGEDP_A_DEV_MAX + 1];
	unsigned int count;
};

static int collect(const struct nlattr *attr, void *data)
{
	struct attrs *a = data;

	if (mnl_attr_get_type(attr) <= EDGEDP_A_DEV_MAX)
		a->tb[mnl_attr_get_type(attr)] = attr;
	a->count++;
	return MNL_CB_OK;
}

static struct nlmsghdr *build_dev(uint8_t cmd, uint16_t flags, const char *name, uint32_t ifindex)
{
	struct dev_args a = { .name = name, .ifindex = ifindex };
	struct nlmsghdr *nlh = nl_msg_start(req_buf, TEST_FAMILY, cmd, EDGEDP_GENL_VERSION, flags);

	dev_attrs_put(nlh, &a);
	return nlh;
}

static bool parse_back(const struct nlmsghdr *nlh, uint8_t cmd, struct attrs *a)
{
	const struct genlmsghdr *genl = nl_genlhdr(nlh);

	memset(a, 0, sizeof(*a));
	return genl && genl->cmd == cmd && genl->version == EDGEDP_GENL_VERSION &&
	       nlh->nlmsg_type == TEST_FAMILY && (nlh->nlmsg_flags & NLM_F_REQUEST) &&
	       mnl_attr_parse(nlh, GENL_HDRLEN, collect, a) == MNL_CB_OK;
}

static void test_requests(void)
{
	struct nlmsghdr *nlh;
	struct attrs a;

	nlh = build_dev(EDGEDP_CMD_DEV_NEW, 0, "edgedp7", 0);
	check(parse_back(nlh, EDGEDP_CMD_DEV_NEW, &a) && a.count == 1 &&
	      a.tb[EDGEDP_A_DEV_IFNAME] &&
	      !mnl_attr_validate(a.tb[EDGEDP_A_DEV_IFNAME], MNL_TYPE_NUL_STRING) &&
	      !strcmp(mnl_attr_get_str(a.tb[EDGEDP_A_DEV_IFNAME]), "edgedp7"),
	      "request: DEV_NEW NAME carries IFNAME only, NUL-terminated");

	nlh = build_dev(EDGEDP_CMD_DEV_NEW, 0, NULL, 0);
	check(parse_back(nlh, EDGEDP_CMD_DEV_NEW, &a) && a.count == 0 &&
	      nlh->nlmsg_len == NLMSG_HDRLEN + GENL_HDRLEN,
	      "request: DEV_NEW without NAME has no attribute");

	nlh = build_dev(EDGEDP_CMD_DEV_DEL, 0, NULL, 7);
	check(parse_back(nlh, EDGEDP_CMD_DEV_DEL, &a) && a.count == 1 &&
	      a.tb[EDGEDP_A_DEV_IFINDEX] &&
	      !mnl_attr_validate(a.tb[EDGEDP_A_DEV_IFINDEX], MNL_TYPE_U32) &&
	      mnl_attr_get_u32(a.tb[EDGEDP_A_DEV_IFINDEX]) == 7,
	      "request: DEV_DEL index 7 carries IFINDEX u32 only");

	nlh = build_dev(EDGEDP_CMD_DEV_GET, NLM_F_DUMP, NULL, 0);
	check(parse_back(nlh, EDGEDP_CMD_DEV_GET, &a) && a.count == 0 &&
	      (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP,
	      "request: DEV_GET dump has NLM_F_DUMP and no attribute");

	{
		struct dev_args l = { .name = "e0", .max_sessions = 10, .max_rules = 4000000000u };

		nlh = nl_msg_start(req_buf, TEST_FAMILY, EDGEDP_CMD_DEV_SET, EDGEDP_GENL_VERSION, 0);
		dev_attrs_put(nlh, &l);
		check(parse_back(nlh, EDGEDP_CMD_DEV_SET, &a) && a.count == 3 &&
		      mnl_attr_get_u32(a.tb[EDGEDP_A_DEV_MAX_SESSIONS]) == 10 &&
		      mnl_attr_get_u32(a.tb[EDGEDP_A_DEV_MAX_RULES]) == 4000000000u,
		      "request: DEV_SET carries IFNAME, MAX_SESSIONS and MAX_RULES");
	}

	nlh = build_dev(EDGEDP_CMD_DEV_GET, 0, "abcdefghijklmno", 0);
	check(parse_back(nlh, EDGEDP_CMD_DEV_GET, &a) && a.count == 1 &&
	      mnl_attr_get_payload_len(a.tb[EDGEDP_A_DEV_IFNAME]) == 16 &&
	      nlh->nlmsg_len % 4 == 0,
	      "request: a 15-byte name is 16 bytes with its NUL, message aligned");
}

static struct nlmsghdr *request(void)
{
	struct nlmsghdr *nlh = build_dev(EDGEDP_CMD_DEV_NEW, 0, "foo", 0);

	nlh->nlmsg_seq = TEST_SEQ;
	nlh->nlmsg_flags |= NLM_F_ACK;
	return nlh;
}

static void test_extack(void)
{
	struct nlmsghdr *req = request(), *nlh;
	const int ifname_offs = NLMSG_HDRLEN + GENL_HDRLEN;
	struct nl_extack ext;
	char long_msg[400];
	int err;

	nlh = reply_err(buf, req, -EPERM, "edgedp: admin only", ifname_offs, true);
	err = nl_parse_status(nlh, &ext);
	check(err == -EPERM && !strcmp(ext.msg, "edgedp: admin only") && ext.has_offs &&
	      ext.offs == (uint32_t)ifname_offs, "extack: capped error with message and offset");
	nl_locate_attr(req, &ext);
	check(ext.has_attr && ext.attr == EDGEDP_A_DEV_IFNAME,
	      "extack: the offset names the IFNAME attribute of the request");

	nlh = reply_err(buf, req, -EEXIST, "name in use", -1, false);
	err = nl_parse_status(nlh, &ext);
	check(err == -EEXIST && !strcmp(ext.msg, "name in use") && !ext.has_offs,
	      "extack: uncapped error, TLVs after the echoed request");

	nlh = reply_err(buf, req, -EINVAL, "ignored", -1, true);
	nlh->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	err = nl_parse_status(nlh, &ext);
	check(err == -EINVAL && !ext.msg[0], "extack: no NLM_F_ACK_TLVS, no message");

	nlh = reply_err(buf, req, 0, "deprecated attribute", -1, true);
	err = nl_parse_status(nlh, &ext);
	check(err == 0 && !strcmp(ext.msg, "deprecated attribute"),
	      "extack: an ack may carry a warning");

	nlh = reply_err(buf, req, 0, NULL, -1, true);
	err = nl_parse_status(nlh, &ext);
	check(err == 0 && !ext.msg[0] && !ext.has_offs, "extack: plain ack");

	nlh = reply_err(buf, req, 5, NULL, -1, true);
	check(nl_parse_status(nlh, &ext) == -EBADMSG, "extack: a positive error is malformed");
	nlh = reply_err(buf, req, -100000, NULL, -1, true);
	check(nl_parse_status(nlh, &ext) == -EBADMSG, "extack: an error beyond errno range is malformed");

	nlh = reply_err(buf, req, -EPERM, NULL, -1, true);
	nlh->nlmsg_len = NLMSG_HDRLEN + 8;
	check(nl_parse_status(nlh, &ext) == -EBADMSG, "extack: a short NLMSG_ERROR is malformed");

	nlh = reply_err(buf, req, -EPERM, "abc", -1, true);
	((char *)nlh)[nlh->nlmsg_len - 1] = 'X';	/* "abc\0" -> "abcX" */
	err = nl_parse_status(nlh, &ext);
	check(err == -EPERM && !ext.msg[0], "extack: an unterminated message is ignored");

	memset(long_msg, 'm', sizeof(long_msg) - 1);
	long_msg[sizeof(long_msg) - 1] = '\0';
	nlh = reply_err(buf, req, -EINVAL, long_msg, -1, true);
	err = nl_parse_status(nlh, &ext);
	check(err == -EINVAL && strlen(ext.msg) == sizeof(ext.msg) - 1,
	      "extack: a long message is truncated");

	nlh = reply_err(buf, req, -EINVAL, NULL, -1, true);
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, EDGEDP_A_DEV_IFINDEX);
	err = nl_parse_status(nlh, &ext);
	check(err == -EINVAL && ext.has_miss_type && ext.miss_type == EDGEDP_A_DEV_IFINDEX,
	      "extack: missing attribute type");

	nlh = reply_err(buf, req, -EINVAL, NULL, 2000, true);
	err = nl_parse_status(nlh, &ext);
	nl_locate_attr(req, &ext);
	check(err == -EINVAL && ext.has_offs && !ext.has_attr,
	      "extack: an offset outside the request names no attribute");

	nlh = reply_done(buf, TEST_SEQ, -ENOBUFS, "dump too big");
	err = nl_parse_status(nlh, &ext);
	check(err == -ENOBUFS && !strcmp(ext.msg, "dump too big"), "extack: NLMSG_DONE error and message");
	nlh = reply_done(buf, TEST_SEQ, 0, NULL);
	nlh->nlmsg_len = NLMSG_HDRLEN;
	check(nl_parse_status(nlh, &ext) == 0, "extack: NLMSG_DONE without payload");
}

struct counter {
	unsigned int calls;
	int ret;
};

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct counter *c = data;

	(void)nlh;
	c->calls++;
	return c->ret;
}

static void test_process(void)
{
	struct nlmsghdr *nlh, *req = request();
	struct counter c = { 0, MNL_CB_OK };
	struct nl_result res = { 0 };
	size_t len;
	int ret;

	nlh = reply_dev(buf, EDGEDP_CMD_DEV_NEW, 5, "edgedp0", false);
	nlh = reply_err(buf + reply_len(buf, nlh), req, 0, NULL, -1, true);
	len = reply_len(buf, nlh);
	ret = nl_process(buf, len, TEST_SEQ, count_cb, &c, &res);
	check(ret == 0 && c.calls == 1 && res.err == 0, "process: reply then ack");

	memset(&res, 0, sizeof(res));
	c.calls = 0;
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", true);
	nlh = reply_dev(buf + reply_len(buf, nlh), EDGEDP_CMD_DEV_GET, 6, "edgedp1", true);
	len = reply_len(buf, nlh);
	ret = nl_process(buf, len, TEST_SEQ, count_cb, &c, &res);
	check(ret == 1 && c.calls == 2 && !res.err, "process: a dump part wants more");
	nlh = reply_done(buf, TEST_SEQ, 0, NULL);
	ret = nl_process(buf, reply_len(buf, nlh), TEST_SEQ, count_cb, &c, &res);
	check(ret == 0 && c.calls == 2 && !res.err, "process: NLMSG_DONE ends the dump");

	memset(&res, 0, sizeof(res));
	c.calls = 0;
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	nlh->nlmsg_seq = TEST_SEQ - 1;
	nlh = reply_err(buf + reply_len(buf, nlh), req, -ENODEV, NULL, -1, true);
	ret = nl_process(buf, reply_len(buf, nlh), TEST_SEQ, count_cb, &c, &res);
	check(ret == 0 && c.calls == 0 && res.err == -ENODEV,
	      "process: stale sequence numbers are skipped, error returned");

	memset(&res, 0, sizeof(res));
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
	ret = nl_process(buf, reply_len(buf, nlh), TEST_SEQ, NULL, NULL, &res);
	check(ret == 1 && res.intr, "process: NLM_F_DUMP_INTR is noticed");

	memset(&res, 0, sizeof(res));
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	ret = nl_process(buf, nlh->nlmsg_len - 1, TEST_SEQ, NULL, NULL, &res);
	check(ret == 0 && res.err == -EBADMSG && res.malformed, "process: a truncated message");

	memset(&res, 0, sizeof(res));
	c.calls = 0;
	c.ret = MNL_CB_ERROR;
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	nlh = reply_dev(buf + reply_len(buf, nlh), EDGEDP_CMD_DEV_GET, 6, "edgedp1", false);
	nlh = reply_done(buf + reply_len(buf, nlh), TEST_SEQ, 0, NULL);
	ret = nl_process(buf, reply_len(buf, nlh), TEST_SEQ, count_cb, &c, &res);
	check(ret == 0 && c.calls == 1 && res.err == -EBADMSG && res.malformed,
	      "process: a failed callback stops callbacks, reads to the end");
}

/* Run a printer callback on one message, as text or JSON. */
static char *print_reply(mnl_cb_t cb, void *data, const struct nlmsghdr *nlh, bool json, int *ret)
{
	struct capture cap;

	capture_start(&cap);
	print_init(cap.fp, json, false);
	*ret = cb(nlh, data);
	print_finish();
	return capture_end(&cap);
}

static json_object *get(json_object *obj, const char *path)
{
	char key[64], *dot;

	while (obj && path) {
		snprintf(key, sizeof(key), "%s", path);
		dot = strchr(key, '.');
		if (dot)
			*dot = '\0';
		if (!json_object_object_get_ex(obj, key, &obj))
			return NULL;
		path = strchr(path, '.');
		if (path)
			path++;
	}
	return obj;
}

static void test_printers(void)
{
	struct dev_args stats = { .stats = true };
	uint16_t family = TEST_FAMILY;
	struct nl_family fam = { .mcgrp = EDGEDP_MCGRP_EVENTS };
	json_object *obj, *features;
	struct nlmsghdr *nlh;
	char *out, reason[16];
	unsigned int i;
	bool named;
	int ret;

	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", true);
	out = print_reply(dev_print, &stats, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "5: edgedp0\n"
					"    rx packets 10 bytes 840\n"
					"    tx packets 3 bytes 252\n"
					"    drops no-session 2 malformed 1 reason-99 5\n"),
	      "dev show -s: text, pad and zero drops left out, unknown reason by number");
	free(out);

	out = print_reply(dev_print, NULL, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "5: edgedp0\n"), "dev show: text without -s");
	free(out);

	out = print_reply(dev_print, &stats, nlh, true, &ret);
	obj = json_tokener_parse(out);
	check(ret == MNL_CB_OK && obj &&
	      json_object_get_int(get(obj, "ifindex")) == 5 &&
	      !strcmp(json_object_get_string(get(obj, "ifname")), "edgedp0") &&
	      json_object_get_int64(get(obj, "stats.rx_packets")) == 10 &&
	      json_object_get_int64(get(obj, "stats.rx_bytes")) == 840 &&
	      json_object_get_int64(get(obj, "stats.tx_packets")) == 3 &&
	      json_object_get_int64(get(obj, "stats.tx_bytes")) == 252 &&
	      json_object_get_int64(get(obj, "stats.drops.no-session")) == 2 &&
	      json_object_get_int64(get(obj, "stats.drops.malformed")) == 1 &&
	      json_object_get_int64(get(obj, "stats.drops.reason-99")) == 5 &&
	      !get(obj, "stats.drops.not-ip"),
	      "dev show -s: JSON");
	json_object_put(obj);
	free(out);

	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_MAX_SESSIONS, 1048576);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_MAX_RULES, 100);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_SESSIONS, 3);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_RULES, 12);
	out = print_reply(dev_print, &stats, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "5: edgedp0\n"
					"    sessions 3 max 1048576 rules 12 max 100\n"),
	      "dev show -s: sessions and rules with their limits");
	free(out);
	out = print_reply(dev_print, NULL, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "5: edgedp0\n"), "dev show: limits only with -s");
	free(out);
	out = print_reply(dev_print, &stats, nlh, true, &ret);
	obj = json_tokener_parse(out);
	check(ret == MNL_CB_OK && obj &&
	      json_object_get_int64(get(obj, "sessions")) == 3 &&
	      json_object_get_int64(get(obj, "max_sessions")) == 1048576 &&
	      json_object_get_int64(get(obj, "rules")) == 12 &&
	      json_object_get_int64(get(obj, "max_rules")) == 100,
	      "dev show -s: limits in JSON");
	json_object_put(obj);
	free(out);

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DEV_GET, TEST_SEQ, 0);
	mnl_attr_put(nlh, EDGEDP_A_DEV_IFNAME, 3, "abc");
	out = print_reply(dev_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "dev reply: unterminated IFNAME is rejected");
	free(out);

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DEV_GET, TEST_SEQ, 0);
	mnl_attr_put_strz(nlh, EDGEDP_A_DEV_IFNAME, "0123456789abcdefghij");
	out = print_reply(dev_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "dev reply: IFNAME longer than IFNAMSIZ is rejected");
	free(out);

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DEV_GET, TEST_SEQ, 0);
	mnl_attr_put_u16(nlh, EDGEDP_A_DEV_IFINDEX, 5);
	out = print_reply(dev_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "dev reply: a u16 IFINDEX is rejected");
	free(out);

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DEV_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_IFINDEX, 5);
	mnl_attr_put_u32(nlh, 200, 1);
	out = print_reply(dev_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "{\"ifindex\":5}\n"),
	      "dev reply: unknown attributes of a newer module are skipped");
	free(out);

	nlh = reply_info(buf);
	out = print_reply(info_print, NULL, nlh, false, &ret);
	check(ret == MNL_CB_OK &&
	      !strcmp(out, "version 0.1.0 genl_version 1 devices 2\nfeatures dev feature-40\n"),
	      "info: text");
	free(out);
	out = print_reply(info_print, NULL, nlh, true, &ret);
	obj = json_tokener_parse(out);
	features = get(obj, "features");
	check(ret == MNL_CB_OK && obj &&
	      !strcmp(json_object_get_string(get(obj, "version")), "0.1.0") &&
	      json_object_get_int(get(obj, "genl_version")) == 1 &&
	      json_object_get_int(get(obj, "devices")) == 2 &&
	      json_object_array_length(features) == 2 &&
	      !strcmp(json_object_get_string(json_object_array_get_idx(features, 0)), "dev") &&
	      !strcmp(json_object_get_string(json_object_array_get_idx(features, 1)), "feature-40"),
	      "info: JSON");
	json_object_put(obj);
	free(out);

	nlh = reply_dev(buf, EDGEDP_CMD_DEV_ADD_NTF, 5, "edgedp0", true);
	out = print_reply(monitor_print, &family, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "dev-add 5: edgedp0\n"), "monitor: dev-add text");
	free(out);
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_DEL_NTF, 5, "edgedp0", false);
	out = print_reply(monitor_print, &family, nlh, true, &ret);
	check(ret == MNL_CB_OK &&
	      !strcmp(out, "{\"event\":\"dev-del\",\"ifindex\":5,\"ifname\":\"edgedp0\"}\n"),
	      "monitor: dev-del JSON line");
	free(out);
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_GET, 5, "edgedp0", false);
	out = print_reply(monitor_print, &family, nlh, false, &ret);
	check(ret == MNL_CB_OK && !out[0], "monitor: a command that is no event is ignored");
	free(out);
	nlh = reply_dev(buf, EDGEDP_CMD_DEV_ADD_NTF, 5, "edgedp0", false);
	nlh->nlmsg_type = TEST_FAMILY + 1;
	out = print_reply(monitor_print, &family, nlh, false, &ret);
	check(ret == MNL_CB_OK && !out[0], "monitor: another family is ignored");
	free(out);

	nlh = reply_ctrl(buf, 0x1d);
	check(nl_family_cb(nlh, &fam) == MNL_CB_OK && fam.id == 0x1d &&
	      fam.version == EDGEDP_GENL_VERSION && fam.mcgrp_id == 9,
	      "family: id, version and the \"events\" group id");

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DEV_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_DEV_IFINDEX, 6);
	mnl_attr_put_strz(nlh, EDGEDP_A_DEV_IFNAME, "upf0");
	{
		struct nlattr *st = mnl_attr_nest_start(nlh, EDGEDP_A_DEV_STATS);
		struct nlattr *drops;

		mnl_attr_put_u64(nlh, EDGEDP_A_STATS_RX_PACKETS, 20);
		mnl_attr_put_u64(nlh, EDGEDP_A_STATS_RX_BYTES, 2000);
		mnl_attr_put_u64(nlh, EDGEDP_A_STATS_TX_PACKETS, 4);
		mnl_attr_put_u64(nlh, EDGEDP_A_STATS_TX_BYTES, 400);
		drops = mnl_attr_nest_start(nlh, EDGEDP_A_STATS_DROPS);

		mnl_attr_put_u64(nlh, EDGEDP_DROP_QER_MBR, 4);
		mnl_attr_put_u64(nlh, EDGEDP_DROP_URR_QUOTA, 12);
		mnl_attr_nest_end(nlh, drops);
		mnl_attr_nest_end(nlh, st);
	}
	out = print_reply(dev_print, &stats, nlh, false, &ret);
	check(ret == MNL_CB_OK && !strcmp(out, "6: upf0\n"
					"    rx packets 20 bytes 2000\n"
					"    tx packets 4 bytes 400\n"
					"    drops qer-mbr 4 urr-quota 12\n"),
	      "dev show -s: text, the urr-quota drop reason by name");
	free(out);
	out = print_reply(dev_print, &stats, nlh, true, &ret);
	obj = json_tokener_parse(out);
	check(ret == MNL_CB_OK && obj &&
	      json_object_get_int64(get(obj, "stats.drops.urr-quota")) == 12 &&
	      json_object_get_int64(get(obj, "stats.drops.qer-mbr")) == 4 &&
	      !get(obj, "stats.drops.reason-17"),
	      "dev show -s: JSON, the urr-quota drop reason by name");
	json_object_put(obj);
	free(out);
	check(EDGEDP_DROP_URR_QUOTA == 17 &&
	      !strcmp(drop_reason_name(EDGEDP_DROP_URR_QUOTA, reason, sizeof(reason)), "urr-quota"),
	      "drop reasons: EDGEDP_DROP_URR_QUOTA (17) is urr-quota");

	/* A flag (EDGEDP_A_URR_QUOTA_EXHAUSTED) is valid as mnl_attr_validate() says: empty. */
	{
		static const struct nl_policy pol[2] = { [1] = { .type = MNL_TYPE_FLAG } };
		static const uint8_t zeros[16];
		const struct nlattr *tb[2];
		unsigned int len, agree = 0, accepted = 0;

		for (len = 0; len <= 16; len++) {
			struct nlmsghdr *n = reply_start(buf, TEST_FAMILY, 0, TEST_SEQ, 0);
			struct nlattr *nest = mnl_attr_nest_start(n, 1), *flag;
			bool ok;

			mnl_attr_put(n, 1, len, zeros);
			mnl_attr_nest_end(n, nest);
			flag = mnl_attr_get_payload(nest);
			ok = !nl_parse_nested(nest, pol, 1, tb) && tb[1] == flag;
			agree += ok == (mnl_attr_validate(flag, MNL_TYPE_FLAG) == 0);
			accepted += ok;
		}
		check(agree == 17 && accepted == 1,
		      "parse: a flag attribute is valid with no payload only, as "
		      "mnl_attr_validate() says (%u of 17 lengths agree)", agree);
	}

	for (i = 1, named = true; i <= EDGEDP_DROP_MAX; i++)
		named = named && strncmp(drop_reason_name(i, reason, sizeof(reason)), "reason-", 7);
	check(named, "drop reasons: every reason of the uapi header has a name");
	check(!strcmp(drop_reason_name(200, reason, sizeof(reason)), "reason-200"),
	      "drop reasons: an unknown reason is reason-N");
}

void test_nl(void)
{
	test_requests();
	test_extack();
	test_process();
	test_printers();
}
