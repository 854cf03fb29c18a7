// SPDX-License-Identifier: GPL-2.0
/*
 * The GTP-U objects: ep, session, pdr, far. Their grammar (each invalid form
 * exits 1 naming the bad word), the rule lookahead of "session add", the
 * requests they build (parsed back attribute by attribute, with nlmsg flags
 * and NLA_F_NESTED), the printers fed with kernel-like replies, and whole
 * commands against a fake kernel.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json.h>

#include "addr.h"
#include "ep.h"
#include "gtpu.h"
#include "monitor.h"
#include "replies.h"
#include "req.h"
#include "rule.h"
#include "session.h"
#include "tap.h"

struct fake fk;

void fake_start(int (*handler)(struct fake *f, const struct nlmsghdr *req))
{
	fake_free(&fk);
	fake_init(&fk);
	fk.handler = handler;
	edgectl_transport = &fk.t;
}

void fake_stop(void)
{
	edgectl_transport = NULL;
	fake_free(&fk);
}

static void run_argv(struct run *r, int argc, char **argv)
{
	struct capture out, err;

	capture_start(&out);
	capture_start(&err);
	out_fp = out.fp;
	err_fp = err.fp;
	r->rc = edgectl_main(argc, argv);
	out_fp = stdout;
	err_fp = stderr;
	r->out = capture_end(&out);
	r->err = capture_end(&err);
}

void run_line(struct run *r, const char *line)
{
	char *copy = strdup(line), *argv[TOKENIZE_MAX_ARGS + 1] = { "edgectl" };
	const char *why;
	int argc = tokenize(copy, argv + 1, TOKENIZE_MAX_ARGS, &why);

	if (argc < 0)
		abort();
	run_argv(r, argc + 1, argv);
	free(copy);
}

/* A command line longer than a batch line may be: words split at blanks. */
static void run_long(struct run *r, const char *line)
{
	char *copy = strdup(line), **argv = calloc(strlen(line) / 2 + 2, sizeof(*argv)), *w;
	int argc = 1;

	argv[0] = "edgectl";
	for (w = strtok(copy, " "); w; w = strtok(NULL, " "))
		argv[argc++] = w;
	run_argv(r, argc, argv);
	free(argv);
	free(copy);
}

void run_done(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* ---- grammar ---- */

struct arg_case {
	const char *line;
	int rc;
	const char *err;	/* in stderr; for rc 1 it names the bad word */
};

#define D "dev index 5 "
#define S "dev index 5 seid 1 "

static const struct arg_case arg_cases[] = {
	/* ep */
	{ "ep add " D "10.0.0.2", 0, NULL },
	{ "ep add " D "2001:db8::2 port 2153 role n9", 0, NULL },
	{ "ep add 10.0.0.2 port 1 role any " D, 0, NULL },
	{ "ep del " D "10.0.0.2 port 2152", 0, NULL },
	{ "ep show " D, 0, NULL },
	{ "ep show dev lo", 0, NULL },
	{ "ep add " D, 1, "missing ADDR" },
	{ "ep add 10.0.0.1", 1, "missing device" },
	{ "ep add " D "10.0.0.1 10.0.0.2", 1, "unexpected argument \"10.0.0.2\"" },
	{ "ep add " D "10.0.0.1 fastpath fastpath", 1, "duplicate \"fastpath\"" },
	{ "ep del " D "10.0.0.1 fastpath", 1, "unexpected argument \"fastpath\"" },
	{ "ep add " D "10.0.0.300", 1, "invalid ADDR \"10.0.0.300\"" },
	{ "ep add " D "10.0.0.1/32", 1, "invalid ADDR \"10.0.0.1/32\"" },
	{ "ep add " D "fe80::1%eth0", 1, "invalid ADDR \"fe80::1%eth0\"" },
	{ "ep add " D "10.0.0.1 port 0", 1, "invalid PORT \"0\"" },
	{ "ep add " D "10.0.0.1 port 65536", 1, "invalid PORT \"65536\"" },
	{ "ep add " D "10.0.0.1 port", 1, "missing argument after \"port\"" },
	{ "ep add " D "10.0.0.1 port 1 port 2", 1, "duplicate \"port\"" },
	{ "ep add " D "10.0.0.1 role n6", 1, "invalid ROLE \"n6\"" },
	{ "ep add " D "10.0.0.1 role n3 role n9", 1, "duplicate \"role\"" },
	{ "ep del " D "10.0.0.1 role n3", 1, "unexpected argument \"role\"" },
	{ "ep del " D "role n3 10.0.0.1", 1, "unexpected argument \"role\"" },
	{ "ep show " D "10.0.0.1", 1, "unexpected argument \"10.0.0.1\"" },
	{ "ep show " D "port 1", 1, "unexpected argument \"port\"" },
	{ "ep show", 1, "missing device" },
	{ "ep add dev", 1, "missing argument after \"dev\"" },
	{ "ep add dev index", 1, "missing argument after \"index\"" },
	{ "ep add dev index 0 10.0.0.1", 1, "invalid IFINDEX \"0\"" },
	{ "ep add dev a/b 10.0.0.1", 1, "invalid interface name \"a/b\"" },
	{ "ep add dev x dev y 10.0.0.1", 1, "duplicate \"dev\"" },
	{ "ep frob", 1, "unknown command \"frob\"" },
	{ "ep add dev nosuch0 10.0.0.1", 2, "ep add: cannot find device \"nosuch0\"" },
	{ "ep add dev name help 10.0.0.1", 2, "cannot find device \"help\"" },

	/* session */
	{ "session add " S, 0, NULL },
	{ "session add seid 0xffffffffffffffff dev index 5", 0, NULL },
	{ "session add " S "pdr id 1 precedence 10 src-iface access teid 100 ue 10.60.0.1 far 1", 0, NULL },
	{ "session mod " S "remove-pdr 1 remove-far 2 pdr id 3 far 4 far id 4 action drop", 0, NULL },
	{ "session del " S, 0, NULL },
	{ "session show " D, 0, NULL },
	{ "session show " D "-s seid 0x10", 0, NULL },
	{ "session show stats " D, 0, NULL },
	{ "session add " D, 1, "missing \"seid SEID\"" },
	{ "session add seid 1", 1, "missing device" },
	{ "session add " D "seid x", 1, "invalid SEID \"x\"" },
	{ "session add " D "seid 18446744073709551616", 1, "invalid SEID \"18446744073709551616\"" },
	{ "session add " D "seid -1", 1, "invalid SEID \"-1\"" },
	{ "session add " S "seid 2", 1, "duplicate \"seid\"" },
	{ "session add " S "bogus", 1, "unexpected argument \"bogus\"" },
	{ "session add " S "-s", 1, "unexpected argument \"-s\"" },
	{ "session add " S "remove-pdr 1", 1, "unexpected argument \"remove-pdr\"" },
	{ "session add dev index 5 pdr id 1 seid 1", 1, "unexpected argument \"seid\"" },
	{ "session add " S "pdr id 1 far 1 dev index 6", 1, "unexpected argument \"dev\"" },
	{ "session add " S "pdr", 1, "missing argument after \"pdr\"" },
	{ "session add " S "pdr precedence 1 id 1", 1,
	  "expected \"id\" after \"pdr\", got \"precedence\"" },
	{ "session add " S "far action forw id 1", 1, "expected \"id\" after \"far\", got \"action\"" },
	{ "session add " S "pdr id", 1, "missing argument after \"id\"" },
	{ "session add " S "pdr id 65536", 1, "invalid PDR ID \"65536\"" },
	{ "session add " S "pdr id 1 precedence 4294967296", 1, "invalid PRECEDENCE \"4294967296\"" },
	{ "session add " S "pdr id 1 src-iface n3", 1, "invalid IFACE \"n3\"" },
	{ "session add " S "pdr id 1 far", 1, "missing argument after \"far\"" },
	{ "session add " S "pdr id 1 far action forw", 1,
	  "invalid FARID \"action\": expected an integer in 0-4294967295 (a FAR rule starts with \"far id ID\")" },
	{ "session add " S "pdr id 1 far 1 far 2", 1, "duplicate \"far\"" },
	{ "session add " S "pdr id 1 teid 0", 1, "invalid TEID \"0\"" },
	{ "session add " S "pdr id 1 teid 0x100000000", 1, "invalid TEID \"0x100000000\"" },
	{ "session add " S "pdr id 1 teid 1 teid 2", 1, "duplicate \"teid\"" },
	{ "session add " S "pdr id 1 local 10.0.0.1/32", 1, "invalid local ADDR \"10.0.0.1/32\"" },
	{ "session add " S "pdr id 1 local x", 1, "invalid local ADDR \"x\"" },
	{ "session add " S "pdr id 1 ue 10.60.0.0/24", 1, "invalid UE ADDR \"10.60.0.0/24\"" },
	{ "session add " S "pdr id 1 ue 2001:db8::/129", 1, "invalid UE ADDR \"2001:db8::/129\"" },
	{ "session add " S "pdr id 1 ue 2001:db8::/", 1, "invalid UE ADDR \"2001:db8::/\"" },
	{ "session add " S "pdr id 1 ue 10.60.0.1 ue 10.60.0.2", 1, "duplicate \"ue\"" },
	{ "session add " S "pdr id 1 qfi 64", 1, "invalid QFI \"64\"" },
	{ "session add " S "pdr id 1 ohr gtpu", 1, "invalid OHR \"gtpu\"" },
	{ "session add " S "pdr id 1 action forw", 1, "unexpected argument \"action\"" },
	{ "session add " S "pdr id 1 id 2", 1, "duplicate \"id\"" },
	{ "session add " S "far id 4294967296", 1, "invalid FAR ID \"4294967296\"" },
	{ "session add " S "far id 1 action forward", 1, "invalid ACTION \"forward\"" },
	{ "session add " S "far id 1 action forw,", 1, "invalid ACTION \"forw,\"" },
	{ "session add " S "far id 1 action ,forw", 1, "invalid ACTION \",forw\"" },
	{ "session add " S "far id 1 action forw,,nocp", 1, "invalid ACTION \"forw,,nocp\"" },
	{ "session add " S "far id 1 action", 1, "missing argument after \"action\"" },
	{ "session add " S "far id 1 dst-iface n9", 1, "invalid IFACE \"n9\"" },
	{ "session add " S "far id 1 teid 0", 1, "invalid TEID \"0\"" },
	{ "session add " S "far id 1 peer 10.0.0.1/32", 1, "invalid peer ADDR \"10.0.0.1/32\"" },
	{ "session add " S "far id 1 port 0", 1, "invalid PORT \"0\"" },
	{ "session add " S "far id 1 qfi 64", 1, "invalid QFI \"64\"" },
	{ "session add " S "far id 1 dscp 64", 1, "invalid DSCP \"64\"" },
	{ "session add " S "far id 1 dscp 1 dscp 2", 1, "duplicate \"dscp\"" },
	{ "session add " S "far id 1 precedence 1", 1, "unexpected argument \"precedence\"" },
	{ "session add " S "far id 1 far 2", 1, "expected \"id\" after \"far\", got \"2\"" },
	{ "session mod " S "remove-pdr 65536", 1, "invalid PDR ID \"65536\"" },
	{ "session mod " S "remove-far x", 1, "invalid FAR ID \"x\"" },
	{ "session mod " S "remove-far", 1, "missing argument after \"remove-far\"" },
	{ "session mod " S "pdr id 1 remove-pdr x", 1, "invalid PDR ID \"x\"" },
	{ "session del " D, 1, "missing \"seid SEID\"" },
	{ "session del " S "pdr id 1", 1, "unexpected argument \"pdr\"" },
	{ "session del " S "-s", 1, "unexpected argument \"-s\"" },
	{ "session show", 1, "missing device" },
	{ "session show " D "seid 1 seid 2", 1, "duplicate \"seid\"" },
	{ "session show " D "pdr id 1", 1, "unexpected argument \"pdr\"" },
	{ "session frob", 1, "unknown command \"frob\"" },
	/* urr */
	/* sdf: one argument, a PFCP flow description, repeatable */
	{ "pdr add " S "id 1 far 1 sdf 'permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16'", 0, NULL },
	{ "pdr add " S "id 1 far 1 sdf 'permit out ip from any to assigned' sdf 'permit out tcp from 2001:db8::/32 to any 443'", 0, NULL },
	{ "pdr add " S "id 1 far 1 sdf 'permit in ip from any to any'", 1, "invalid sdf \"permit in ip from any to any\": " },
	{ "pdr add " S "id 1 far 1 sdf 'deny out ip from any to any'", 1, "invalid sdf" },
	{ "pdr add " S "id 1 far 1 sdf 'permit out icmp from any 80 to any'", 1, "invalid sdf" },
	{ "pdr add " S "id 1 far 1 sdf 'permit out udp from 10.0.0.0/33 to any'", 1, "invalid sdf" },
	{ "pdr add " S "id 1 far 1 sdf", 1, "missing" },
	{ "pdr add " S "id 1 far 1 sdf 'permit out udp from any 1,2,3,4,5,6 to any 1,2,3,4,5,6'", 1, "invalid sdf" },
	{ "urr add " S "id 1 thresh-total 1000 thresh-ul 0x10 thresh-dl 18446744073709551615", 0, NULL },
	{ "urr change " S "id 1", 0, NULL },
	{ "urr replace " S "id 1 thresh-ul 5", 0, NULL },
	{ "urr del " S "id 1", 0, NULL },
	{ "urr reset " S "id 1", 0, NULL },
	{ "session add " S "pdr id 1 far 1 urr 1 urr 2 qer 3 urr id 1 thresh-dl 9 urr id 2", 0, NULL },
	{ "session mod " S "remove-urr 1 reset-urr 2 urr id 3", 0, NULL },
	{ "pdr add " S "id 1 urr 1 urr 2 urr 3 urr 4", 0, NULL },
	{ "pdr add " S "id 1 urr 1 urr 2 urr 3 urr 4 urr 5", 1, "a PDR is counted by at most 4 URRs" },
	{ "pdr add " S "id 1 urr thresh-ul", 1, "invalid URRID \"thresh-ul\"" },
	{ "urr add " S "id 1 thresh-total 1k", 1, "invalid BYTES \"1k\"" },
	{ "urr add " S "id 1 thresh-ul -1", 1, "invalid BYTES \"-1\"" },
	{ "urr add " S "id 1 thresh-ul 1 thresh-ul 2", 1, "duplicate \"thresh-ul\"" },
	{ "urr add " S "id 1 mbr-ul 1", 1, "unexpected argument \"mbr-ul\"" },
	{ "urr add " S, 1, "missing \"id ID\"" },
	{ "urr reset " S, 1, "missing \"id ID\"" },
	{ "urr reset " D "id 1", 1, "missing \"seid SEID\"" },
	{ "urr show " S "thresh-ul 1", 1, "unexpected argument \"thresh-ul\"" },
	{ "session add " S "urr thresh-ul 1", 1, "expected \"id\" after \"urr\", got \"thresh-ul\"" },
	{ "session add " S "reset-urr 1", 1, "unexpected argument \"reset-urr\"" },
	{ "session mod " S "remove-urr 4294967296", 1, "invalid URR ID \"4294967296\"" },
	/* urr quotas: as the thresholds, in every place a URR is */
	{ "urr add " S "id 1 quota-total 1000 quota-ul 0x10 quota-dl 18446744073709551615", 0,
	  NULL },
	{ "urr change " S "id 1 thresh-total 5 quota-total 0", 0, NULL },
	{ "urr replace " S "quota-ul 1 id 1 thresh-ul 1", 0, NULL },
	{ "session add " S "pdr id 1 far 1 urr 1 urr id 1 quota-dl 9 thresh-dl 3", 0, NULL },
	{ "session mod " S "urr id 1 quota-total 100 remove-urr 2", 0, NULL },
	{ "urr add " S "id 1 quota-total 1 quota-total 2", 1, "duplicate \"quota-total\"" },
	{ "urr change " S "id 1 quota-ul 0 quota-ul 0", 1, "duplicate \"quota-ul\"" },
	{ "urr replace " S "id 1 quota-dl 1 thresh-dl 1 quota-dl 1", 1, "duplicate \"quota-dl\"" },
	{ "session add " S "urr id 1 quota-dl 1 quota-dl 2", 1, "duplicate \"quota-dl\"" },
	{ "session mod " S "urr id 1 quota-total 1 quota-total 1", 1, "duplicate \"quota-total\"" },
	{ "urr add " S "id 1 quota-ul 1k", 1, "invalid BYTES \"1k\"" },
	{ "urr add " S "id 1 quota-dl -1", 1, "invalid BYTES \"-1\"" },
	{ "urr add " S "id 1 quota-total 18446744073709551616", 1,
	  "invalid BYTES \"18446744073709551616\"" },
	{ "session mod " S "urr id 1 quota-ul x", 1, "invalid BYTES \"x\"" },
	{ "urr add " S "id 1 quota-total", 1, "missing argument after \"quota-total\"" },
	{ "urr show " S "quota-total 1", 1, "unexpected argument \"quota-total\"" },
	{ "urr del " S "id 1 quota-ul 1", 1, "unexpected argument \"quota-ul\"" },
	{ "pdr add " S "id 1 quota-dl 1", 1, "unexpected argument \"quota-dl\"" },
	{ "qer add " S "id 1 quota-total 1", 1, "unexpected argument \"quota-total\"" },
	{ "pdr add " S "id 1 urr quota-total", 1, "invalid URRID \"quota-total\"" },
	{ "session add " S "urr quota-total 1", 1,
	  "expected \"id\" after \"urr\", got \"quota-total\"" },
	{ "session add dev nosuch0 seid 1", 2, "session add: cannot find device \"nosuch0\"" },

	/* pdr, far */
	{ "pdr add " S "id 1 precedence 10 src-iface core ue 10.60.0.1 far 2", 0, NULL },
	{ "pdr change " S "id 1 precedence 10 src-iface core ue 10.60.0.1 far 2", 0, NULL },
	{ "pdr replace id 1 " S, 0, NULL },
	{ "pdr del " S "id 1", 0, NULL },
	{ "far add " S "id 1 action forw dst-iface core", 0, NULL },
	{ "far change " S "id 1 action drop", 0, NULL },
	{ "far replace " S "id 1 action buff,nocp", 0, NULL },
	{ "far del " S "id 1", 0, NULL },
	{ "pdr add " S, 1, "missing \"id ID\"" },
	{ "pdr add " D "id 1", 1, "missing \"seid SEID\"" },
	{ "pdr add seid 1 id 1", 1, "missing device" },
	{ "pdr add " S "id 1 far id", 1, "invalid FARID \"id\"" },
	{ "pdr add " S "id 1 remove-pdr 1", 1, "unexpected argument \"remove-pdr\"" },
	{ "pdr add " S "id 1 -s", 1, "unexpected argument \"-s\"" },
	{ "pdr add " S "id 1 action drop", 1, "unexpected argument \"action\"" },
	{ "pdr add " S "id 1 precedence", 1, "missing argument after \"precedence\"" },
	{ "pdr del " S, 1, "missing \"id ID\"" },
	{ "pdr del " S "id 1 precedence 2", 1, "unexpected argument \"precedence\"" },
	{ "pdr del " S "id 65536", 1, "invalid PDR ID \"65536\"" },
	{ "far add " S "id 1 action", 1, "missing argument after \"action\"" },
	{ "far add " S "id 1 src-iface core", 1, "unexpected argument \"src-iface\"" },
	{ "far add " S "id 1 action drop,frow", 1, "invalid ACTION \"drop,frow\"" },
	{ "far del " S "id 1 action drop", 1, "unexpected argument \"action\"" },
	{ "far del " S "id x", 1, "invalid FAR ID \"x\"" },
	{ "pdr frob", 1, "unknown command \"frob\"" },
	{ "far frob", 1, "unknown command \"frob\"" },
	/* the rule objects' commands: pdr, far and qer default to add, urr to show */
	{ "pdr", 1, "edgectl: pdr add: missing device" },
	{ "far", 1, "edgectl: far add: missing device" },
	{ "qer", 1, "edgectl: qer add: missing device" },
	{ "urr", 1, "edgectl: urr show: missing device" },
	{ "qer frob", 1, "edgectl: qer: unknown command \"frob\"" },
	{ "urr frob", 1, "edgectl: urr: unknown command \"frob\"" },
	{ "far change " S "id 1 thresh-ul 1", 1, "edgectl: far change: unexpected argument \"thresh-ul\"" },
	{ "qer replace " S "id 1 action drop", 1, "edgectl: qer replace: unexpected argument \"action\"" },
	{ "urr change " S "id 1 gate-ul open", 1, "edgectl: urr change: unexpected argument \"gate-ul\"" },
	{ "qer del " S, 1, "edgectl: qer del: missing \"id ID\"" },
	{ "urr del " S "id 70000 id 1", 1, "edgectl: urr del: duplicate \"id\"" },
	{ "urr show " S "id 1 id 2", 1, "edgectl: urr show: duplicate \"id\"" },
	{ "urr show " D "id 1", 1, "edgectl: urr show: missing \"seid SEID\"" },
	{ "pdr add dev nosuch0 seid 1 id 1", 2, "cannot find device \"nosuch0\"" },

	/* qer, peer-check */
	{ "qer add " S "id 1 gate-ul closed gate-dl open mbr-ul 1000 mbr-dl 0 qfi 9", 0, NULL },
	{ "qer change " S "id 1 gate-ul open", 0, NULL },
	{ "qer replace " S "id 0xffffffff mbr-dl 18446744073709551615", 0, NULL },
	{ "qer del " S "id 1", 0, NULL },
	{ "session add " S "peer-check off pdr id 1 far 1 qer 2 qer id 2 mbr-ul 5", 0, NULL },
	{ "session mod " S "remove-qer 2 peer-check on", 0, NULL },
	{ "session mod " S "peer-check on peer-check off", 1, "duplicate \"peer-check\"" },
	{ "session mod " S "peer-check yes", 1, "invalid CHECK \"yes\"" },
	{ "session mod " S "peer-check", 1, "missing argument after \"peer-check\"" },
	{ "session del " S "peer-check off", 1, "unexpected argument \"peer-check\"" },
	{ "session add " S "remove-qer 1", 1, "unexpected argument \"remove-qer\"" },
	{ "session mod " S "remove-qer 4294967296", 1, "invalid QER ID \"4294967296\"" },
	{ "session add " S "qer gate-ul open", 1, "expected \"id\" after \"qer\", got \"gate-ul\"" },
	{ "session add " S "qer id 1 gate-ul ajar", 1, "invalid GATE \"ajar\"" },
	{ "session add " S "qer id 1 gate-dl", 1, "missing argument after \"gate-dl\"" },
	{ "session add " S "qer id 1 mbr-ul 1k", 1, "invalid KBPS \"1k\"" },
	{ "session add " S "qer id 1 mbr-dl -1", 1, "invalid KBPS \"-1\"" },
	{ "session add " S "qer id 1 qfi 64", 1, "invalid QFI \"64\"" },
	{ "session add " S "qer id 1 mbr-ul 1 mbr-ul 2", 1, "duplicate \"mbr-ul\"" },
	{ "session add " S "qer id 1 action forw", 1, "unexpected argument \"action\"" },
	{ "session add " S "qer id 1 qer 2", 1, "expected \"id\" after \"qer\", got \"2\"" },
	{ "session add " S "pdr id 1 qer gate-ul", 1,
	  "invalid QERID \"gate-ul\": expected an integer in 0-4294967295 (a QER rule starts with \"qer id ID\")" },
	{ "session add " S "pdr id 1 qer 1 qer 2 qer 3 qer 4 qer 5", 1,
	  "too many \"qer\": a PDR enforces at most 4 QERs" },
	{ "qer add " S, 1, "missing \"id ID\"" },
	{ "qer add " S "id 1 precedence 1", 1, "unexpected argument \"precedence\"" },
	{ "qer del " S "id 1 gate-ul open", 1, "unexpected argument \"gate-ul\"" },
	{ "qer frob", 1, "unknown command \"frob\"" },

	/* What selftests/edgedp_gtpu_{interop,qos,wire}.sh run, word for word. */
	{ "ep add dev lo 10.0.3.2 role n3", 0, NULL },
	{ "ep add dev lo 2001:db8:3::2 role n3", 0, NULL },
	{ "session add dev lo seid 1 "
	  "pdr id 1 precedence 100 src-iface access teid 100 ue 10.60.0.1 far 1 "
	  "pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 "
	  "far id 1 action forw dst-iface core "
	  "far id 2 action forw dst-iface access teid 200 peer 10.0.3.1", 0, NULL },
	{ "session add dev lo seid 7 "
	  "pdr id 1 precedence 100 src-iface access teid 100 ue 10.60.0.1 far 1 qer 1 "
	  "pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 "
	  "far id 1 action forw dst-iface core "
	  "far id 2 action forw dst-iface access teid 200 peer 10.0.3.1 "
	  "qer id 1 mbr-ul 1000", 0, NULL },
	{ "session mod dev lo seid 7 qer id 1 gate-ul closed mbr-ul 1000", 0, NULL },
	{ "session mod dev lo seid 7 qer id 1 gate-ul open", 0, NULL },
	{ "session mod dev lo seid 7 peer-check off", 0, NULL },
	{ "session add dev lo seid 3 "
	  "pdr id 1 precedence 100 src-iface access teid 0x103 ue 2001:db8:60:1::/64 "
	  "ohr gtpu-udp-ipv4 far 1 pdr id 2 precedence 100 src-iface core "
	  "ue 2001:db8:60:1::/64 far 2 far id 1 action forw dst-iface core "
	  "far id 2 action forw dst-iface access teid 0x203 peer 10.0.3.1 qfi 1", 0, NULL },
	{ "session add dev lo seid 5 "
	  "pdr id 1 precedence 100 src-iface access teid 0x105 ue 10.60.0.5 ohr gtpu-udp-ipv4 far 1 "
	  "pdr id 2 precedence 100 src-iface core ue 10.60.0.5 far 2 "
	  "far id 1 action forw dst-iface core teid 0x905 peer 10.9.0.2 "
	  "far id 2 action forw dst-iface access teid 0x205 peer 10.0.3.1", 0, NULL },
	{ "-j session show dev lo seid 1 -s", 0, NULL },
	{ "-j session show dev lo", 0, NULL },
};

static void test_arg_cases(void)
{
	unsigned int i;
	struct run r;

	fake_start(NULL);
	for (i = 0; i < ARRAY_SIZE(arg_cases); i++) {
		const struct arg_case *c = &arg_cases[i];
		bool pass;

		run_line(&r, c->line);
		pass = r.rc == c->rc && (!c->err || strstr(r.err, c->err));
		if (c->rc == 0)
			pass = pass && !r.err[0] && fk.bad == 0;
		if (c->rc == 1)	/* the message, then the object's usage */
			pass = pass && strstr(r.err, "Usage: edgectl ");
		if (c->rc == 2)
			pass = pass && !strstr(r.err, "Usage:");
		check(pass, "gtpu args: %s -> %d", c->line, c->rc);
		if (!pass)
			printf("# rc %d\n# stderr: %s\n", r.rc, r.err);
		run_done(&r);
	}
	fake_stop();
}

static void test_help(void)
{
	static const struct {
		const char *line, *out;
	} cases[] = {
		{ "ep help", "Usage: edgectl ep add dev DEV ADDR" },
		{ "session help", "Usage: edgectl session add dev DEV seid SEID [ RULE | peer-check CHECK ]..." },
		{ "pdr help", "Usage: edgectl pdr { add | change | replace }" },
		{ "far help", "ACTION := { forw | drop | buff }[,nocp]" },
		{ "help session", "edgectl session mod dev DEV seid SEID" },
		{ "help far", "Usage: edgectl far" },
		{ "session add dev help", "Usage: edgectl session" },
		{ "session add " S "pdr id 1 help", "Usage: edgectl session" },
		{ "pdr add " S "help", "OHR := { gtpu-udp-ipv4 | gtpu-udp-ipv6 | gtpu-udp-ip }" },
		{ "ep show dev index 5 help", "ROLE := { any | n3 | n9 }" },
		{ "-h", "OBJECT := { info | dev | ep | session | pdr | far | qer | urr | peer | monitor }" },
		{ "qer help", "GATE := { open | closed } (default open)" },
		{ "urr help", "[ quota-total BYTES ] [ quota-ul BYTES ] [ quota-dl BYTES ]" },
		{ "urr help", "reset: zero them, re-arm the thresholds and\n" },
		{ "monitor help", "(then with quota-exhausted)" },
	};
	unsigned int i;
	struct run r;

	edgectl_offline = true;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run_line(&r, cases[i].line);
		check(r.rc == 0 && strstr(r.out, cases[i].out) && !r.err[0], "gtpu help: %s",
		      cases[i].line);
		run_done(&r);
	}
	edgectl_offline = false;
}

/* ---- the session add lookahead ---- */

static int parse_line(const char *line, unsigned int allow, struct session_args *a, char **copy)
{
	char *argv[TOKENIZE_MAX_ARGS];
	struct capture cap;
	const char *why;
	int argc, ret;

	*copy = strdup(line);
	argc = tokenize(*copy, argv, ARRAY_SIZE(argv), &why);
	capture_start(&cap);
	err_fp = cap.fp;
	ret = session_parse(argc, argv, allow, a);
	err_fp = stderr;
	free(capture_end(&cap));
	return ret;
}

#define ADD_ARGS (SESSION_ARG_SEID | SESSION_ARG_NEED_SEID | SESSION_ARG_RULES)
#define MOD_ARGS (ADD_ARGS | SESSION_ARG_REMOVE)

/* The kinds of the rules as a string: P F Q, p f q for their removals. */
static const char *kinds(const struct session_args *a)
{
	static char s[64];
	unsigned int i;

	for (i = 0; i < a->n_rules && i < sizeof(s) - 1; i++)
		s[i] = "PFpfQq"[a->rules[i].kind];
	s[i] = '\0';
	return s;
}

static void test_lookahead(void)
{
	struct session_args a;
	char *copy;
	int ret;

	ret = parse_line("dev upf0 seid 1 pdr id 1 precedence 10 src-iface access teid 100 "
			 "ue 10.60.0.1 far 1 pdr id 2 precedence 10 src-iface core ue 10.60.0.1 "
			 "far 2 far id 1 action forw dst-iface core far id 2 action forw "
			 "dst-iface access teid 200 peer 10.0.0.1 qfi 9", ADD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PPFF") && !strcmp(a.dev.name, "upf0") && a.seid == 1 &&
	      a.rules[0].pdr.far == 1 && a.rules[0].pdr.teid == 100 &&
	      a.rules[1].pdr.far == 2 && !(a.rules[1].pdr.has & PDR_TEID) &&
	      a.rules[2].far.id == 1 && a.rules[2].far.dst_iface == EDGEDP_IFACE_CORE &&
	      a.rules[3].far.id == 2 && a.rules[3].far.teid == 200 && a.rules[3].far.qfi == 9,
	      "lookahead: the example of the brief: 2 PDRs, 2 FARs, far N vs far id");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far 7 far id 7 action drop", ADD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PF") && a.rules[0].pdr.far == 7 &&
	      (a.rules[0].pdr.has & PDR_FAR) && a.rules[1].far.id == 7,
	      "lookahead: \"far 7\" then \"far id 7\"");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 precedence 1 far id 7 action drop", ADD_ARGS, &a,
			 &copy);
	check(!ret && !strcmp(kinds(&a), "PF") && !(a.rules[0].pdr.has & PDR_FAR) &&
	      a.rules[1].far.id == 7,
	      "lookahead: \"far id\" right after a PDR ends it (no FAR reference: the kernel's call)");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 far id 1 action forw far id 2 action drop pdr id 3 far 2",
			 ADD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "FFP") && a.rules[2].pdr.far == 2 &&
	      a.rules[0].far.action == EDGEDP_FAR_FORW && a.rules[1].far.action == EDGEDP_FAR_DROP,
	      "lookahead: FARs first, \"far\" in a FAR starts the next one");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 pdr id 2", ADD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PP") && a.rules[0].pdr.has == PDR_ID,
	      "lookahead: rules may be incomplete (the kernel judges)");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far 1 remove-far 3 remove-pdr 4 far id 5 "
			 "action drop remove-pdr 6", MOD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PfpFp") && a.rules[1].rm_id == 3 &&
	      a.rules[2].rm_id == 4 && a.rules[4].rm_id == 6,
	      "lookahead: mod, removals end rules, order kept");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far 2 qer 3 qer id 3 mbr-ul 1 far id 2 action forw "
			 "qer id 4 gate-dl closed pdr id 5 qer 4", ADD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PQFQP") && a.rules[0].pdr.n_qer == 1 &&
	      a.rules[0].pdr.qer[0] == 3 &&
	      (a.rules[0].pdr.has & PDR_QER) && a.rules[1].qer.id == 3 &&
	      a.rules[1].qer.mbr_ul == 1 && a.rules[3].qer.gate_dl == EDGEDP_GATE_CLOSED &&
	      a.rules[4].pdr.n_qer == 1 && a.rules[4].pdr.qer[0] == 4 && a.peer_check == -1,
	      "lookahead: \"qer N\" in a PDR vs \"qer id N\", a QER after a FAR and a PDR after it");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far 1 peer-check off qer id 1 remove-qer 2 "
			 "remove-pdr 3", MOD_ARGS, &a, &copy);
	check(!ret && !strcmp(kinds(&a), "PQqp") && a.peer_check == 0,
	      "lookahead: peer-check ends a rule and may come anywhere");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 far id 1 action forw far", ADD_ARGS, &a, &copy);
	check(ret == EXIT_USAGE, "lookahead: a trailing \"far\" after a FAR is an error");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far", ADD_ARGS, &a, &copy);
	check(ret == EXIT_USAGE, "lookahead: a trailing \"far\" in a PDR is an error");
	session_args_free(&a);
	free(copy);

	ret = parse_line("dev x seid 1 pdr id 1 far id", ADD_ARGS, &a, &copy);
	check(ret == EXIT_USAGE, "lookahead: \"far id\" without the id is an error");
	session_args_free(&a);
	free(copy);
}

/* ---- requests ---- */

struct nest {
	const struct nlattr *tb[20];
	const struct nlattr *seq[16];	/* the first attributes, in order */
	unsigned int count;
};

static int collect_nest(const struct nlattr *attr, void *data)
{
	struct nest *n = data;

	if (mnl_attr_get_type(attr) < ARRAY_SIZE(n->tb))
		n->tb[mnl_attr_get_type(attr)] = attr;
	if (n->count < ARRAY_SIZE(n->seq))
		n->seq[n->count] = attr;
	n->count++;
	return MNL_CB_OK;
}

static bool nest_of(const struct nlattr *attr, uint16_t type, struct nest *n)
{
	memset(n, 0, sizeof(*n));
	return attr && (attr->nla_type & NLA_F_NESTED) && mnl_attr_get_type(attr) == type &&
	       mnl_attr_parse_nested(attr, collect_nest, n) == MNL_CB_OK;
}

/* EDGEDP_A_SESSION_MOD_FLAGS is @flags, or absent for 0. */
static bool mod_flags_are(const struct msg *m, uint32_t flags)
{
	const struct nlattr *a = m->tb[EDGEDP_A_SESSION_MOD_FLAGS];

	return flags ? u32_is(a, flags) : !a;
}

#define BASE_FLAGS (NLM_F_REQUEST | NLM_F_ACK)
#define EDIT_FLAGS (NLM_F_CREATE | NLM_F_EXCL | NLM_F_REPLACE | NLM_F_APPEND)

static void test_ep_requests(void)
{
	struct msg m;

	check(run_ok("ep add dev index 5 10.0.0.2") && last(EDGEDP_CMD_EP_NEW, &m) &&
	      m.count == 2 && m.flags == BASE_FLAGS &&
	      u32_is(m.tb[EDGEDP_A_EP_IFINDEX], 5) && addr_is(m.tb[EDGEDP_A_EP_ADDR4], "10.0.0.2"),
	      "request: ep add v4: IFINDEX, ADDR4 (be32) only, no flags");
	check(run_ok("ep add dev index 5 2001:db8::2 port 2153 role n9") &&
	      last(EDGEDP_CMD_EP_NEW, &m) && m.count == 4 &&
	      addr_is(m.tb[EDGEDP_A_EP_ADDR6], "2001:db8::2") &&
	      u16_is(m.tb[EDGEDP_A_EP_PORT], 2153) && u8_is(m.tb[EDGEDP_A_EP_ROLE], EDGEDP_EP_N9),
	      "request: ep add v6: ADDR6 16 bytes, PORT u16, ROLE u8");
	check(run_ok("ep add dev index 5 10.0.0.2 role any") && last(EDGEDP_CMD_EP_NEW, &m) &&
	      m.count == 3 && u8_is(m.tb[EDGEDP_A_EP_ROLE], EDGEDP_EP_ANY),
	      "request: ep add role any is sent (0)");
	check(run_ok("ep add dev index 5 10.0.0.2 fastpath") && last(EDGEDP_CMD_EP_NEW, &m) &&
	      m.count == 3 && u32_is(m.tb[EDGEDP_A_EP_FLAGS], EDGEDP_EPF_FASTPATH),
	      "request: ep add fastpath: FLAGS u32 with the FASTPATH bit");
	check(run_ok("ep del dev index 5 10.0.0.2 port 2152") && last(EDGEDP_CMD_EP_DEL, &m) &&
	      m.count == 3 && u16_is(m.tb[EDGEDP_A_EP_PORT], 2152) && m.flags == BASE_FLAGS,
	      "request: ep del: IFINDEX, ADDR4, PORT");
	check(run_ok("ep show dev index 5") && last(EDGEDP_CMD_EP_GET, &m) && m.count == 1 &&
	      u32_is(m.tb[EDGEDP_A_EP_IFINDEX], 5) &&
	      (m.flags & NLM_F_DUMP) == NLM_F_DUMP,
	      "request: ep show: a dump carrying IFINDEX");
	check(run_ok("ep add dev lo 10.0.0.2") && last(EDGEDP_CMD_EP_NEW, &m) &&
	      u32_is(m.tb[EDGEDP_A_EP_IFINDEX], 1),
	      "request: dev NAME is resolved to its ifindex (lo is 1)");
}

static void test_session_requests(void)
{
	struct nest p1, p2, f1, f2;
	struct msg m;

	check(run_ok("session add dev index 5 seid 1 pdr id 1 precedence 10 src-iface access "
		     "teid 100 ue 10.60.0.1 far 1 pdr id 2 precedence 10 src-iface core "
		     "ue 10.60.0.1 far 2 far id 1 action forw dst-iface core far id 2 action forw "
		     "dst-iface access teid 200 peer 10.0.0.1 qfi 9") &&
	      last(EDGEDP_CMD_SESSION_NEW, &m) && m.flags == BASE_FLAGS && m.count == 6 &&
	      u32_is(m.seq[0], 5) && mnl_attr_get_type(m.seq[0]) == EDGEDP_A_SESSION_IFINDEX &&
	      u64_is(m.seq[1], 1) && mnl_attr_get_type(m.seq[1]) == EDGEDP_A_SESSION_SEID &&
	      nest_of(m.seq[2], EDGEDP_A_SESSION_PDR, &p1) &&
	      nest_of(m.seq[3], EDGEDP_A_SESSION_PDR, &p2) &&
	      nest_of(m.seq[4], EDGEDP_A_SESSION_FAR, &f1) &&
	      nest_of(m.seq[5], EDGEDP_A_SESSION_FAR, &f2),
	      "request: session add: one SESSION_NEW, IFINDEX, SEID u64, 2 PDR and 2 FAR nests "
	      "with NLA_F_NESTED, in order");
	check(p1.count == 7 && u16_is(p1.tb[EDGEDP_A_PDR_ID], 1) &&
	      u32_is(p1.tb[EDGEDP_A_PDR_PRECEDENCE], 10) &&
	      u8_is(p1.tb[EDGEDP_A_PDR_SRC_IFACE], EDGEDP_IFACE_ACCESS) &&
	      u32_is(p1.tb[EDGEDP_A_PDR_TEID], 100) &&
	      u8_is(p1.tb[EDGEDP_A_PDR_OHR], EDGEDP_OHR_GTPU_UDP_IP) &&
	      addr_is(p1.tb[EDGEDP_A_PDR_UE4], "10.60.0.1") && u32_is(p1.tb[EDGEDP_A_PDR_FAR_ID], 1),
	      "request: PDR 1: id u16, precedence, src-iface, teid, default ohr gtpu-udp-ip, ue4, far-id");
	check(p2.count == 5 && u8_is(p2.tb[EDGEDP_A_PDR_SRC_IFACE], EDGEDP_IFACE_CORE) &&
	      !p2.tb[EDGEDP_A_PDR_TEID] && !p2.tb[EDGEDP_A_PDR_OHR] &&
	      u32_is(p2.tb[EDGEDP_A_PDR_FAR_ID], 2),
	      "request: PDR 2 without teid has no ohr");
	check(f1.count == 3 && u32_is(f1.tb[EDGEDP_A_FAR_ID], 1) &&
	      u8_is(f1.tb[EDGEDP_A_FAR_ACTION], EDGEDP_FAR_FORW) &&
	      u8_is(f1.tb[EDGEDP_A_FAR_DST_IFACE], EDGEDP_IFACE_CORE),
	      "request: FAR 1: id u32, action u8, dst-iface");
	check(f2.count == 6 && u32_is(f2.tb[EDGEDP_A_FAR_TEID], 200) &&
	      addr_is(f2.tb[EDGEDP_A_FAR_PEER4], "10.0.0.1") && u8_is(f2.tb[EDGEDP_A_FAR_QFI], 9) &&
	      !f2.tb[EDGEDP_A_FAR_PORT],
	      "request: FAR 2: outer header creation teid, peer4, qfi; port left to the kernel");

	check(run_ok("session add seid 0xffffffffffffffff dev index 7") &&
	      last(EDGEDP_CMD_SESSION_NEW, &m) && m.count == 2 &&
	      u64_is(m.tb[EDGEDP_A_SESSION_SEID], UINT64_MAX) &&
	      u32_is(m.tb[EDGEDP_A_SESSION_IFINDEX], 7),
	      "request: session add without rules, hex SEID u64 maximum");

	check(run_ok("session mod dev index 5 seid 9 pdr id 1 far 1 remove-far 3 remove-pdr 4 "
		     "far id 5 action drop") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && m.flags == BASE_FLAGS && m.count == 6 &&
	      nest_of(m.seq[2], EDGEDP_A_SESSION_PDR, &p1) &&
	      mnl_attr_get_type(m.seq[3]) == EDGEDP_A_SESSION_REMOVE_FAR && u32_is(m.seq[3], 3) &&
	      mnl_attr_get_type(m.seq[4]) == EDGEDP_A_SESSION_REMOVE_PDR && u16_is(m.seq[4], 4) &&
	      nest_of(m.seq[5], EDGEDP_A_SESSION_FAR, &f1) &&
	      u8_is(f1.tb[EDGEDP_A_FAR_ACTION], EDGEDP_FAR_DROP),
	      "request: session mod: one SESSION_MOD, no CREATE/EXCL/REPLACE, REMOVE_FAR u32, "
	      "REMOVE_PDR u16, order kept");

	check(run_ok("session del dev index 5 seid 0x10") && last(EDGEDP_CMD_SESSION_DEL, &m) &&
	      m.count == 2 && u64_is(m.tb[EDGEDP_A_SESSION_SEID], 16) && m.flags == BASE_FLAGS,
	      "request: session del: IFINDEX and SEID");
	check(run_ok("session show dev index 5") && last(EDGEDP_CMD_SESSION_GET, &m) &&
	      m.count == 1 && (m.flags & NLM_F_DUMP) == NLM_F_DUMP,
	      "request: session show: a dump carrying IFINDEX only");
}

static int one_session(struct fake *f, const struct nlmsghdr *req)
{
	static char b[4096] __attribute__((aligned(4)));

	if (nl_genlhdr(req)->cmd == EDGEDP_CMD_SESSION_GET)
		fake_reply(f, req, reply_session(b, 5, 1));
	return 0;
}

static void test_rule_requests(void)
{
	static const struct {
		const char *cmd;
		uint32_t flags;		/* EDGEDP_A_SESSION_MOD_FLAGS, 0: none sent */
	} edits[] = {
		{ "add", EDGEDP_MOD_CREATE },
		{ "change", EDGEDP_MOD_REPLACE },
		{ "replace", 0 },
	};
	struct nest n;
	struct msg m;
	char line[512];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(edits); i++) {
		snprintf(line, sizeof(line), "pdr %s dev index 5 seid 1 id 7 precedence 1 "
			 "src-iface access far 3 teid 0xabcdef local 2001:db8::2 ue 2001:db8:60::/48 "
			 "qfi 5 ohr gtpu-udp-ipv6", edits[i].cmd);
		check(run_ok(line) && last(EDGEDP_CMD_SESSION_MOD, &m) &&
		      (m.flags & EDIT_FLAGS) == 0 && mod_flags_are(&m, edits[i].flags) &&
		      m.count == 3 + !!edits[i].flags &&
		      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) && n.count == 10 &&
		      u32_is(n.tb[EDGEDP_A_PDR_TEID], 0xabcdef) &&
		      addr_is(n.tb[EDGEDP_A_PDR_LOCAL6], "2001:db8::2") &&
		      addr_is(n.tb[EDGEDP_A_PDR_UE6], "2001:db8:60::") &&
		      u8_is(n.tb[EDGEDP_A_PDR_UE6_PLEN], 48) && u8_is(n.tb[EDGEDP_A_PDR_QFI], 5) &&
		      u8_is(n.tb[EDGEDP_A_PDR_OHR], EDGEDP_OHR_GTPU_UDP_IPV6),
		      "request: pdr %s: SESSION_MOD, mod-flags 0x%x, no nlmsg flags, PDR nest with local6, ue6/48, qfi, ohr",
		      edits[i].cmd, edits[i].flags);
		snprintf(line, sizeof(line), "far %s dev index 5 seid 1 id 4 action buff,nocp "
			 "dst-iface cp teid 1 peer 2001:db8::1 port 2153 qfi 63 dscp 46",
			 edits[i].cmd);
		check(run_ok(line) && last(EDGEDP_CMD_SESSION_MOD, &m) &&
		      (m.flags & EDIT_FLAGS) == 0 && mod_flags_are(&m, edits[i].flags) &&
		      m.count == 3 + !!edits[i].flags &&
		      nest_of(m.tb[EDGEDP_A_SESSION_FAR], EDGEDP_A_SESSION_FAR, &n) && n.count == 8 &&
		      u8_is(n.tb[EDGEDP_A_FAR_ACTION], EDGEDP_FAR_BUFF | EDGEDP_FAR_NOCP) &&
		      u8_is(n.tb[EDGEDP_A_FAR_DST_IFACE], EDGEDP_IFACE_CP) &&
		      addr_is(n.tb[EDGEDP_A_FAR_PEER6], "2001:db8::1") &&
		      u16_is(n.tb[EDGEDP_A_FAR_PORT], 2153) && u8_is(n.tb[EDGEDP_A_FAR_QFI], 63) &&
		      u8_is(n.tb[EDGEDP_A_FAR_DSCP], 46),
		      "request: far %s: SESSION_MOD, mod-flags 0x%x, no nlmsg flags, FAR nest with peer6, port, qfi, dscp",
		      edits[i].cmd, edits[i].flags);
	}
	check(rule_edit_flags("del") == 0, "request: del has no mod-flags");

	check(run_ok("pdr add dev index 5 seid 1 id 1 ue 2001:db8::1") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) &&
	      u8_is(n.tb[EDGEDP_A_PDR_UE6_PLEN], 64),
	      "request: a UE IPv6 address without /PLEN is sent as /64");
	check(run_ok("pdr add dev index 5 seid 1 id 1 ue 10.60.0.1/32") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) &&
	      addr_is(n.tb[EDGEDP_A_PDR_UE4], "10.60.0.1") && !n.tb[EDGEDP_A_PDR_UE6_PLEN],
	      "request: UE 10.60.0.1/32 is UE4, no prefix length");
	check(run_ok("pdr add dev index 5 seid 1 id 1 ohr gtpu-udp-ipv4 qfi 0") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) && n.count == 3 &&
	      u8_is(n.tb[EDGEDP_A_PDR_OHR], EDGEDP_OHR_GTPU_UDP_IPV4) &&
	      u8_is(n.tb[EDGEDP_A_PDR_QFI], 0) && !n.tb[EDGEDP_A_PDR_TEID],
	      "request: ohr and qfi without teid are sent: the kernel judges");
	check(run_ok("far add dev index 5 seid 1 id 1 action drop,forw,buff,nocp port 1") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_FAR], EDGEDP_A_SESSION_FAR, &n) &&
	      u8_is(n.tb[EDGEDP_A_FAR_ACTION], 0xf) && u16_is(n.tb[EDGEDP_A_FAR_PORT], 1),
	      "request: any action combination and port without peer are sent: the kernel judges");
	check(run_ok("pdr del dev index 5 seid 1 id 65535") && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      (m.flags & EDIT_FLAGS) == 0 && mod_flags_are(&m, 0) && m.count == 3 &&
	      u16_is(m.tb[EDGEDP_A_SESSION_REMOVE_PDR], 65535) && !m.tb[EDGEDP_A_SESSION_PDR],
	      "request: pdr del: SESSION_MOD with REMOVE_PDR u16, no flags");
	check(run_ok("far del dev index 5 seid 1 id 0xffffffff") && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      m.count == 3 && u32_is(m.tb[EDGEDP_A_SESSION_REMOVE_FAR], UINT32_MAX),
	      "request: far del: SESSION_MOD with REMOVE_FAR u32");

	check(run_ok("qer add dev index 5 seid 1 id 9 gate-ul closed gate-dl open mbr-ul 1000 "
		     "mbr-dl 18446744073709551615 qfi 63") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      (m.flags & EDIT_FLAGS) == 0 && mod_flags_are(&m, EDGEDP_MOD_CREATE) && m.count == 4 &&
	      nest_of(m.tb[EDGEDP_A_SESSION_QER], EDGEDP_A_SESSION_QER, &n) && n.count == 6 &&
	      u32_is(n.tb[EDGEDP_A_QER_ID], 9) &&
	      u8_is(n.tb[EDGEDP_A_QER_GATE_UL], EDGEDP_GATE_CLOSED) &&
	      u8_is(n.tb[EDGEDP_A_QER_GATE_DL], EDGEDP_GATE_OPEN) &&
	      u64_is(n.tb[EDGEDP_A_QER_MBR_UL], 1000) &&
	      u64_is(n.tb[EDGEDP_A_QER_MBR_DL], UINT64_MAX) && u8_is(n.tb[EDGEDP_A_QER_QFI], 63),
	      "request: qer add: SESSION_MOD with mod-flags create, QER nest: id, gates u8, MBRs u64, qfi");
	check(run_ok("qer change dev index 5 seid 1 id 9 gate-ul open") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && (m.flags & EDIT_FLAGS) == 0 &&
	      mod_flags_are(&m, EDGEDP_MOD_REPLACE) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_QER], EDGEDP_A_SESSION_QER, &n) && n.count == 2,
	      "request: qer change: mod-flags replace, only what is given");
	check(run_ok("qer del dev index 5 seid 1 id 9") && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      m.count == 3 && u32_is(m.tb[EDGEDP_A_SESSION_REMOVE_QER], 9),
	      "request: qer del: REMOVE_QER u32");
	check(run_ok("session mod dev index 5 seid 7 peer-check off") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && m.count == 3 &&
	      u8_is(m.tb[EDGEDP_A_SESSION_PEER_CHECK], 0) && (m.flags & EDIT_FLAGS) == 0 &&
	      mod_flags_are(&m, 0),
	      "request: session mod peer-check off: PEER_CHECK u8 0 and nothing else");
	check(run_ok("session add dev index 5 seid 7 pdr id 1 far 1 qer 2 peer-check on "
		     "qer id 2 mbr-dl 5") &&
	      last(EDGEDP_CMD_SESSION_NEW, &m) && m.count == 5 &&
	      u8_is(m.tb[EDGEDP_A_SESSION_PEER_CHECK], 1) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) &&
	      u32_is(n.tb[EDGEDP_A_PDR_QER_ID], 2) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_QER], EDGEDP_A_SESSION_QER, &n) &&
	      u64_is(n.tb[EDGEDP_A_QER_MBR_DL], 5) && !n.tb[EDGEDP_A_QER_MBR_UL],
	      "request: session add with a PDR's QER_ID, PEER_CHECK 1 and a QER nest");
	check(run_ok("urr add dev index 5 seid 1 id 7 thresh-total 1000 thresh-dl 0x10") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && (m.flags & EDIT_FLAGS) == 0 &&
	      mod_flags_are(&m, EDGEDP_MOD_CREATE) && m.count == 4 &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) && n.count == 3 &&
	      u32_is(n.tb[EDGEDP_A_URR_ID], 7) && u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_TOTAL], 1000) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_DL], 16) && !n.tb[EDGEDP_A_URR_VOL_THRESH_UL],
	      "request: urr add: SESSION_MOD, mod-flags create, URR nest: id, thresholds u64");
	check(run_ok("urr change dev index 5 seid 1 id 7 thresh-ul 5") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && mod_flags_are(&m, EDGEDP_MOD_REPLACE) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) && n.count == 2 &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_UL], 5),
	      "request: urr change: mod-flags replace");
	check(run_ok("urr reset dev index 5 seid 1 id 7") && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      m.count == 3 && mod_flags_are(&m, 0) && u32_is(m.tb[EDGEDP_A_SESSION_RESET_URR], 7) &&
	      !m.tb[EDGEDP_A_SESSION_URR],
	      "request: urr reset: SESSION_MOD with RESET_URR u32 only");
	check(run_ok("urr del dev index 5 seid 1 id 7") && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      m.count == 3 && u32_is(m.tb[EDGEDP_A_SESSION_REMOVE_URR], 7),
	      "request: urr del: REMOVE_URR u32");
	check(run_ok("pdr replace dev index 5 seid 1 id 2 far 1 urr 9 urr 3") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) && n.count == 4 &&
	      mnl_attr_get_type(n.seq[2]) == EDGEDP_A_PDR_URR_ID && u32_is(n.seq[2], 9) &&
	      mnl_attr_get_type(n.seq[3]) == EDGEDP_A_PDR_URR_ID && u32_is(n.seq[3], 3),
	      "request: pdr with two URRs: URR_ID u32 repeated, in order");
	check(run_ok("pdr replace dev index 5 seid 1 id 2 far 1 qer 8 qer 1") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) && n.count == 4 &&
	      mnl_attr_get_type(n.seq[2]) == EDGEDP_A_PDR_QER_ID && u32_is(n.seq[2], 8) &&
	      mnl_attr_get_type(n.seq[3]) == EDGEDP_A_PDR_QER_ID && u32_is(n.seq[3], 1),
	      "request: pdr with two QERs (flow MBR + session AMBR): QER_ID u32 repeated, in order");
	check(run_ok("session mod dev index 5 seid 1 urr id 4 remove-urr 5 reset-urr 6") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && m.count == 5 &&
	      nest_of(m.seq[2], EDGEDP_A_SESSION_URR, &n) && n.count == 1 &&
	      mnl_attr_get_type(m.seq[3]) == EDGEDP_A_SESSION_REMOVE_URR && u32_is(m.seq[3], 5) &&
	      mnl_attr_get_type(m.seq[4]) == EDGEDP_A_SESSION_RESET_URR && u32_is(m.seq[4], 6),
	      "request: session mod: URR nest, REMOVE_URR, RESET_URR in order");
	check(run_ok("pdr add dev index 5 seid 1 id 2 far 1 urr 3 "
		     "sdf 'permit out udp from 192.0.2.0/24 5000-5100 to 10.60.0.0/16' "
		     "sdf 'permit out tcp from any to any 80,443'") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_PDR], EDGEDP_A_SESSION_PDR, &n) && n.count == 6 &&
	      mnl_attr_get_type(n.seq[3]) == EDGEDP_A_PDR_SDF &&
	      mnl_attr_get_type(n.seq[4]) == EDGEDP_A_PDR_SDF &&
	      mnl_attr_get_type(n.seq[5]) == EDGEDP_A_PDR_SDF &&
	      (n.seq[3]->nla_type & NLA_F_NESTED) &&
	      nest_of(n.seq[3], EDGEDP_A_PDR_SDF, &n) && u8_is(n.tb[EDGEDP_A_SDF_PROTO], 17) &&
	      addr_is(n.tb[EDGEDP_A_SDF_SRC4], "192.0.2.0") && u8_is(n.tb[EDGEDP_A_SDF_SRC_PLEN], 24) &&
	      u16_is(n.tb[EDGEDP_A_SDF_SRC_PORT_MIN], 5000) &&
	      u16_is(n.tb[EDGEDP_A_SDF_SRC_PORT_MAX], 5100) &&
	      addr_is(n.tb[EDGEDP_A_SDF_DST4], "10.60.0.0") && u8_is(n.tb[EDGEDP_A_SDF_DST_PLEN], 16) &&
	      !n.tb[EDGEDP_A_SDF_DST_PORT_MIN],
	      "request: pdr with sdf: SDF nests after URR_ID, as written (no swap); a port list "
	      "becomes one filter per port range");
	check(run_ok("session add dev index 5 seid 8") && last(EDGEDP_CMD_SESSION_NEW, &m) &&
	      !m.tb[EDGEDP_A_SESSION_PEER_CHECK],
	      "request: no peer-check given, none sent (the kernel's default)");

	fk.handler = one_session;
	check(run_ok("session show dev index 5 seid 1") && last(EDGEDP_CMD_SESSION_GET, &m) &&
	      m.count == 2 && m.flags == BASE_FLAGS && u64_is(m.tb[EDGEDP_A_SESSION_SEID], 1),
	      "request: session show seid: a do with IFINDEX and SEID");
	fk.handler = NULL;
}

/* A URR nest of a request has exactly these attributes, in this order. */
static bool urr_seq_is(const struct nest *n, const uint16_t *types, unsigned int count)
{
	unsigned int i;

	if (n->count != count)
		return false;
	for (i = 0; i < count; i++)
		if (mnl_attr_get_type(n->seq[i]) != types[i])
			return false;
	return true;
}

/* quota-total, quota-ul, quota-dl: u64 attributes in the URR nest when given. */
static void test_urr_quota_requests(void)
{
	static const uint16_t all[] = {
		EDGEDP_A_URR_ID, EDGEDP_A_URR_VOL_THRESH_TOTAL, EDGEDP_A_URR_VOL_THRESH_UL,
		EDGEDP_A_URR_VOL_THRESH_DL, EDGEDP_A_URR_VOL_QUOTA_TOTAL,
		EDGEDP_A_URR_VOL_QUOTA_UL, EDGEDP_A_URR_VOL_QUOTA_DL,
	};
	static const uint16_t id_quota_ul[] = { EDGEDP_A_URR_ID, EDGEDP_A_URR_VOL_QUOTA_UL };
	static const uint16_t id_thresh_quota_dl[] = {
		EDGEDP_A_URR_ID, EDGEDP_A_URR_VOL_THRESH_DL, EDGEDP_A_URR_VOL_QUOTA_DL,
	};
	char path[] = "/tmp/edgectl-quota-XXXXXX", cmd[64];
	static const char lines[] =
		"urr add dev index 5 seid 1 id 3 quota-total 1\n"
		"session mod dev index 5 seid 2 urr id 4 quota-dl 0x20\n";
	struct msg m;
	struct nest n;
	struct run r;
	int fd;

	check(run_ok("urr add dev index 5 seid 1 quota-dl 18446744073709551615 quota-ul 0x10 "
		     "thresh-dl 3 quota-total 5000 id 7 thresh-ul 2 thresh-total 1") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && (m.flags & EDIT_FLAGS) == 0 &&
	      mod_flags_are(&m, EDGEDP_MOD_CREATE) && m.count == 4 &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) &&
	      urr_seq_is(&n, all, ARRAY_SIZE(all)) && u32_is(n.tb[EDGEDP_A_URR_ID], 7) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_TOTAL], 1) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_UL], 2) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_DL], 3) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL], 5000) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_UL], 16) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_DL], UINT64_MAX),
	      "request: urr add with quotas: QUOTA_TOTAL/UL/DL u64 after the thresholds, "
	      "in uapi order whatever the command line's");
	check(run_ok("urr change dev index 5 seid 1 id 7 quota-ul 0") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && mod_flags_are(&m, EDGEDP_MOD_REPLACE) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) &&
	      urr_seq_is(&n, id_quota_ul, ARRAY_SIZE(id_quota_ul)) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_UL], 0),
	      "request: urr change quota-ul 0: a given 0 is sent (no quota), nothing else");
	check(run_ok("urr replace dev index 5 seid 1 id 7 thresh-total 9") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) && n.count == 2 &&
	      !n.tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL] && !n.tb[EDGEDP_A_URR_VOL_QUOTA_UL] &&
	      !n.tb[EDGEDP_A_URR_VOL_QUOTA_DL] && !n.tb[EDGEDP_A_URR_QUOTA_EXHAUSTED],
	      "request: urr without quotas: no quota attribute sent");
	check(run_ok("session add dev index 5 seid 7 pdr id 1 far 1 urr 2 urr id 2 quota-dl 9 "
		     "thresh-dl 3 far id 1 action forw") &&
	      last(EDGEDP_CMD_SESSION_NEW, &m) && m.count == 5 &&
	      nest_of(m.seq[3], EDGEDP_A_SESSION_URR, &n) &&
	      urr_seq_is(&n, id_thresh_quota_dl, ARRAY_SIZE(id_thresh_quota_dl)) &&
	      u32_is(n.tb[EDGEDP_A_URR_ID], 2) && u64_is(n.tb[EDGEDP_A_URR_VOL_THRESH_DL], 3) &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_DL], 9) &&
	      mnl_attr_get_type(m.seq[4]) == EDGEDP_A_SESSION_FAR,
	      "request: session add: a URR's quota-dl in its nest, the rule ending at \"far id\"");
	check(run_ok("session mod dev index 5 seid 7 urr id 2 quota-total 100 reset-urr 2") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && m.count == 4 && mod_flags_are(&m, 0) &&
	      nest_of(m.seq[2], EDGEDP_A_SESSION_URR, &n) && n.count == 2 &&
	      u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_TOTAL], 100) &&
	      mnl_attr_get_type(m.seq[3]) == EDGEDP_A_SESSION_RESET_URR && u32_is(m.seq[3], 2),
	      "request: session mod: a new grant (URR with quota-total) then RESET_URR, in order");

	fd = mkstemp(path);
	if (fd < 0 || write(fd, lines, strlen(lines)) != (ssize_t)strlen(lines))
		abort();
	close(fd);
	snprintf(cmd, sizeof(cmd), "-b %s", path);
	run_line(&r, cmd);
	check(r.rc == 0 && !r.err[0] && last(EDGEDP_CMD_SESSION_MOD, &m) &&
	      u64_is(m.tb[EDGEDP_A_SESSION_SEID], 2) &&
	      nest_of(m.tb[EDGEDP_A_SESSION_URR], EDGEDP_A_SESSION_URR, &n) && n.count == 2 &&
	      u32_is(n.tb[EDGEDP_A_URR_ID], 4) && u64_is(n.tb[EDGEDP_A_URR_VOL_QUOTA_DL], 32),
	      "request: batch: urr add and session mod lines with quotas");
	run_done(&r);
	unlink(path);

	/* The largest URR nest fits the bound the request buffer is sized with. */
	check(run_ok("urr add dev index 5 seid 1 id 0xffffffff thresh-total 1 thresh-ul 1 "
		     "thresh-dl 1 quota-total 1 quota-ul 1 quota-dl 1") &&
	      last(EDGEDP_CMD_SESSION_MOD, &m) && m.tb[EDGEDP_A_SESSION_URR] &&
	      m.tb[EDGEDP_A_SESSION_URR]->nla_len <= URR_NEST_MAX,
	      "request: a URR with every threshold and quota is at most URR_NEST_MAX (%u) bytes",
	      URR_NEST_MAX);
}

static void test_too_big(void)
{
	size_t size = 256 * 1024;
	char *line = malloc(size), *p = line;
	unsigned int i;
	struct run r;

	p += sprintf(p, "session add dev index 5 seid 1 peer-check on");
	for (i = 0; i < 256; i++)
		p += sprintf(p, " pdr id %u precedence %u src-iface access far %u qer %u teid %u "
			     "local 2001:db8::1 ue 2001:db8::/64 qfi 1 ohr gtpu-udp-ip", i, i, i, i, i + 1);
	for (i = 0; i < 256; i++)
		p += sprintf(p, " far id %u action forw dst-iface core teid 1 peer 2001:db8::2 "
			     "port 1 qfi 1 dscp 1", i);
	for (i = 0; i < 64; i++)
		p += sprintf(p, " qer id %u gate-ul open gate-dl closed mbr-ul %u mbr-dl 1 qfi 2", i, i);
	run_long(&r, line);
	check(r.rc == 0 && fk.bad == 0 && ((struct nlmsghdr *)fk.last)->nlmsg_len > 40000,
	      "request: the kernel's maxima (256 IPv6 PDRs, 256 FARs, 64 QERs) fit in one request "
	      "(%u bytes)", ((struct nlmsghdr *)fk.last)->nlmsg_len);
	run_done(&r);
	for (i = 0; i < 300; i++)
		p += sprintf(p, " pdr id %u", i);
	run_long(&r, line);
	check(r.rc == 1 && strstr(r.err, "too many rules for one request"),
	      "request: a request that cannot fit the buffer is refused before it is built");
	run_done(&r);
	free(line);
}

/* ---- kernel errors: semantics are the kernel's ---- */

static bool has_mod_flags(const struct nlmsghdr *req, uint32_t flags)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, req, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == EDGEDP_A_SESSION_MOD_FLAGS)
			return mnl_attr_get_u32(a) == flags;
	return false;
}

static int reject(struct fake *f, const struct nlmsghdr *req)
{
	const struct genlmsghdr *genl = nl_genlhdr(req);

	if (genl->cmd == EDGEDP_CMD_SESSION_MOD && has_mod_flags(req, EDGEDP_MOD_CREATE)) {
		f->msg = "PDR 1 already exists";
		return -EEXIST;
	}
	if (genl->cmd == EDGEDP_CMD_SESSION_NEW) {
		f->msg = "a PDR on the access side needs a local F-TEID";
		f->offs = NLMSG_HDRLEN + GENL_HDRLEN + 8 + 12;	/* the first PDR */
		return -EINVAL;
	}
	if (genl->cmd == EDGEDP_CMD_EP_GET) {
		f->msg = "no such edgedp device in this namespace";
		f->offs = NLMSG_HDRLEN + GENL_HDRLEN;
		return -ENODEV;
	}
	return 0;
}

static void test_kernel_errors(void)
{
	struct run r;

	fake_start(reject);
	run_line(&r, "pdr add dev index 5 seid 1 id 1 precedence 1 src-iface core ue 10.0.0.1 far 1");
	check(r.rc == 2 && strstr(r.err, "Error: PDR 1 already exists\n") &&
	      strstr(r.err, "edgectl: pdr add: File exists\n") && !strstr(r.err, "Usage"),
	      "kernel: pdr add of an existing PDR: extack and EEXIST, exit 2");
	run_done(&r);
	run_line(&r, "session add dev index 5 seid 1 pdr id 1 precedence 1 src-iface access "
		 "ue 10.0.0.1 far 1");
	check(r.rc == 2 &&
	      strstr(r.err, "Error: a PDR on the access side needs a local F-TEID (attribute 4)\n") &&
	      strstr(r.err, "edgectl: session add: Invalid argument"),
	      "kernel: a semantic error is the kernel's, with the offending attribute");
	run_done(&r);
	run_line(&r, "-j ep show dev index 5");
	check(r.rc == 2 && !r.out[0] &&
	      strstr(r.err, "Error: no such edgedp device in this namespace") &&
	      strstr(r.err, "edgectl: ep show: No such device\n"),
	      "kernel: ep show of a device that is no edgedp device: no JSON, exit 2");
	run_done(&r);
	fake_stop();
}

/* ---- printers ---- */

static char buf[16384] __attribute__((aligned(4)));

static void expect_print(mnl_cb_t cb, void *data, const struct nlmsghdr *nlh, bool json,
			 const char *want, const char *label)
{
	free(print_check("print", cb, data, nlh, json, want, label));
}

static const char session_text[] =
	"session 0x1 dev upf0\n"
	"    pdr 1 precedence 10 src-iface access teid 0x64 ohr gtpu-udp-ip ue 10.60.0.1 far 1\n"
	"    pdr 2 precedence 10 src-iface core ue 10.60.0.1 far 2\n"
	"    far 1 action forw dst-iface core\n"
	"    far 2 action forw dst-iface access teid 0xc8 peer 10.0.0.1 port 2152 qfi 9\n";

static const char session_stats[] =
	"session 0x1 dev upf0\n"
	"    pdr 1 precedence 10 src-iface access teid 0x64 ohr gtpu-udp-ip ue 10.60.0.1 far 1"
	" packets 5 bytes 420\n"
	"    pdr 2 precedence 10 src-iface core ue 10.60.0.1 far 2 packets 3 bytes 252\n"
	"    far 1 action forw dst-iface core\n"
	"    far 2 action forw dst-iface access teid 0xc8 peer 10.0.0.1 port 2152 qfi 9\n";

static const char session_json[] =
	"{\"ifindex\":5,\"seid\":1,\"peer-check\":true,\"pdrs\":["
	"{\"id\":1,\"precedence\":10,\"src-iface\":\"access\",\"teid\":100,"
	"\"ohr\":\"gtpu-udp-ip\",\"ue\":\"10.60.0.1\",\"far\":1,"
	"\"stats\":{\"packets\":5,\"bytes\":420}},"
	"{\"id\":2,\"precedence\":10,\"src-iface\":\"core\",\"ue\":\"10.60.0.1\",\"far\":2,"
	"\"stats\":{\"packets\":3,\"bytes\":252}}],"
	"\"fars\":[{\"id\":1,\"action\":[\"forw\"],\"dst-iface\":\"core\"},"
	"{\"id\":2,\"action\":[\"forw\"],\"dst-iface\":\"access\",\"teid\":200,"
	"\"peer\":\"10.0.0.1\",\"port\":2152,\"qfi\":9}],\"qers\":[],\"urrs\":[]}\n";

static const char session6_text[] =
	"session 0xfedcba9876543210 dev if99999 peer-check off\n"
	"    pdr 7 precedence 1 src-iface access teid 0xabcdef ohr gtpu-udp-ipv6"
	" local 2001:db8::2 ue 2001:db8:60::/48 qfi 5 far 3 qer 1 packets 0 bytes 0\n"
	"    far 3 action buff,nocp dst-iface cp\n"
	"    far 4 action forw,action-4 dst-iface iface-9 teid 0x1 peer 2001:db8::1 port 2153"
	" dscp 46\n"
	"    qer 1 gate-ul closed gate-dl open mbr-ul 1000 mbr-dl 0 qfi 7\n"
	"    qer 2 gate-ul gate-5\n";

static const char session6_json[] =
	"{\"ifindex\":99999,\"seid\":18364758544493064720,\"peer-check\":false,\"pdrs\":["
	"{\"id\":7,\"precedence\":1,\"src-iface\":\"access\",\"teid\":11259375,"
	"\"ohr\":\"gtpu-udp-ipv6\",\"local\":\"2001:db8::2\",\"ue\":\"2001:db8:60::/48\","
	"\"qfi\":5,\"far\":3,\"qers\":[1],\"stats\":{\"packets\":0,\"bytes\":0}}],"
	"\"fars\":[{\"id\":3,\"action\":[\"buff\",\"nocp\"],\"dst-iface\":\"cp\"},"
	"{\"id\":4,\"action\":[\"forw\",\"action-4\"],\"dst-iface\":\"iface-9\",\"teid\":1,"
	"\"peer\":\"2001:db8::1\",\"port\":2153,\"dscp\":46}],"
	"\"qers\":[{\"id\":1,\"gate-ul\":\"closed\",\"gate-dl\":\"open\",\"mbr-ul\":1000,"
	"\"mbr-dl\":0,\"qfi\":7},{\"id\":2,\"gate-ul\":\"gate-5\"}],\"urrs\":[]}\n";

/*
 * A URR nest with quotas as the kernel would put it: id, threshold, counters,
 * reports, then the quotas (total, ul, dl when non-zero) and the exhausted
 * flag, in uapi order, pads before u64s. flag_len is the flag's payload
 * length: 0, or more for a malformed one.
 */
static void put_urr_quota(struct nlmsghdr *nlh, uint32_t id, uint64_t thresh,
			  const uint64_t quota[3], bool exhausted, uint16_t flag_len)
{
	static const uint16_t types[3] = {
		EDGEDP_A_URR_VOL_QUOTA_TOTAL, EDGEDP_A_URR_VOL_QUOTA_UL, EDGEDP_A_URR_VOL_QUOTA_DL,
	};
	static const uint8_t zeros[8];
	struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_URR);
	unsigned int i;

	mnl_attr_put_u32(nlh, EDGEDP_A_URR_ID, id);
	if (thresh) {
		mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, EDGEDP_A_URR_VOL_THRESH_TOTAL, thresh);
	}
	mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_URR_UL_PACKETS, 5);
	mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_URR_UL_BYTES, 500);
	mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_URR_DL_PACKETS, 3);
	mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, EDGEDP_A_URR_DL_BYTES, 300);
	mnl_attr_put_u32(nlh, EDGEDP_A_URR_REPORTS, 2);
	for (i = 0; i < 3; i++) {
		if (!quota[i])
			continue;
		mnl_attr_put(nlh, EDGEDP_A_URR_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, types[i], quota[i]);
	}
	if (exhausted)
		mnl_attr_put(nlh, EDGEDP_A_URR_QUOTA_EXHAUSTED, flag_len, zeros);
	mnl_attr_nest_end(nlh, nest);
}

/* A URR nest as edgedp_fill_urr_counts() puts it (pads before u64s), no quota. */
static void put_urr(struct nlmsghdr *nlh, uint32_t id, uint64_t total)
{
	static const uint64_t none[3];

	put_urr_quota(nlh, id, total, none, false, 0);
}

/* A session 0x1 on ifindex 5 with the URRs put_urr_quota() puts. */
static struct nlmsghdr *session_with_quotas(void)
{
	static const uint64_t all[3] = { 5000, 3000, 2000 }, dl[3] = { 0, 0, 800 };
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);

	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	put_urr_quota(nlh, 7, 1000, all, true, 0);
	put_urr_quota(nlh, 8, 0, dl, false, 0);
	return nlh;
}

static void test_urr_quota_printers(void)
{
	static const uint64_t total[3] = { 800 }, none[3];
	struct session_args plain = { .dev = { "upf0", 5 } };
	struct nlmsghdr *nlh;
	json_object *obj, *urr;
	char *out;
	int ret;

	nlh = session_with_quotas();
	expect_print(session_print, &plain, nlh, false,
		     "session 0x1 dev upf0\n"
		     "    urr 7 thresh-total 1000 quota-total 5000 quota-ul 3000 quota-dl 2000"
		     " quota-exhausted ul-packets 5 ul-bytes 500 dl-packets 3 dl-bytes 300"
		     " reports 2\n"
		     "    urr 8 quota-dl 800 ul-packets 5 ul-bytes 500 dl-packets 3 dl-bytes 300"
		     " reports 2\n",
		     "session text: quotas after the thresholds, quota-exhausted when flagged, "
		     "then the counters");
	out = print_check("print", session_print, &plain, nlh, true,
			  "{\"ifindex\":5,\"seid\":1,\"pdrs\":[],\"fars\":[],\"qers\":[],"
			  "\"urrs\":[{\"id\":7,\"thresh-total\":1000,\"quota-total\":5000,"
			  "\"quota-ul\":3000,\"quota-dl\":2000,\"quota-exhausted\":true,"
			  "\"ul-packets\":5,\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,"
			  "\"reports\":2},"
			  "{\"id\":8,\"quota-dl\":800,\"quota-exhausted\":false,\"ul-packets\":5,"
			  "\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,\"reports\":2}]}\n",
			  "session JSON: quotas as numbers, quota-exhausted a boolean where a "
			  "quota is set");
	obj = out ? json_tokener_parse(out) : NULL;
	urr = obj ? json_object_array_get_idx(json_object_object_get(obj, "urrs"), 0) : NULL;
	check(urr && json_object_get_uint64(json_object_object_get(urr, "quota-total")) == 5000 &&
	      json_object_get_boolean(json_object_object_get(urr, "quota-exhausted")),
	      "session JSON with quotas parses as JSON");
	json_object_put(obj);
	free(out);

	/* Exhausted without a quota attribute still says so. */
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	put_urr_quota(nlh, 9, 0, none, true, 0);
	expect_print(session_print, &plain, nlh, true,
		     "{\"ifindex\":5,\"seid\":1,\"pdrs\":[],\"fars\":[],\"qers\":[],"
		     "\"urrs\":[{\"id\":9,\"quota-exhausted\":true,\"ul-packets\":5,"
		     "\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,\"reports\":2}]}\n",
		     "session JSON: the flag alone is quota-exhausted true");

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	put_urr_quota(nlh, 9, 0, total, true, 1);
	out = print_msg(session_print, &plain, nlh, false, &ret);
	check(ret == MNL_CB_ERROR,
	      "session reply: a QUOTA_EXHAUSTED flag with a payload is malformed");
	free(out);

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_URR);

		mnl_attr_put_u32(nlh, EDGEDP_A_URR_ID, 9);
		mnl_attr_put_u32(nlh, EDGEDP_A_URR_VOL_QUOTA_UL, 800);
		mnl_attr_nest_end(nlh, nest);
	}
	out = print_msg(session_print, &plain, nlh, false, &ret);
	check(ret == MNL_CB_ERROR, "session reply: a u32 QUOTA_UL is malformed");
	free(out);

	/* The report the kernel sends when the quota is reached. */
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_URR_REPORT_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 99999);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 0x2a);
	put_urr_quota(nlh, 7, 0, total, true, 0);
	expect_print(monitor_print, NULL, nlh, false,
		     "urr-report dev if99999 seid 0x2a urr 7 quota-total 800 quota-exhausted"
		     " ul-packets 5 ul-bytes 500 dl-packets 3 dl-bytes 300 reports 2\n",
		     "monitor: urr-report text of an exhausted quota");
	expect_print(monitor_print, NULL, nlh, true,
		     "{\"event\":\"urr-report\",\"ifindex\":99999,\"seid\":42,\"urr\":{\"id\":7,"
		     "\"quota-total\":800,\"quota-exhausted\":true,\"ul-packets\":5,"
		     "\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,\"reports\":2}}\n",
		     "monitor: urr-report JSON of an exhausted quota");
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_URR_REPORT_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 99999);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 0x2a);
	put_urr_quota(nlh, 7, 0, total, true, 4);
	out = print_msg(monitor_print, NULL, nlh, false, &ret);
	check(ret == MNL_CB_ERROR, "monitor: a urr-report whose QUOTA_EXHAUSTED has a payload "
	      "is malformed");
	free(out);
}

static void test_urr_printers(void)
{
	struct session_args plain = { .dev = { "upf0", 5 } };
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 1);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, 2);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_URR_ID, 7);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_QER_ID, 1);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_URR_ID, 3);
	mnl_attr_nest_end(nlh, nest);
	put_urr(nlh, 7, 1000);
	put_urr(nlh, 3, 0);
	expect_print(session_print, &plain, nlh, false,
		     "session 0x1 dev upf0\n"
		     "    pdr 1 qer 2 qer 1 urr 7 urr 3\n"
		     "    urr 7 thresh-total 1000 ul-packets 5 ul-bytes 500 dl-packets 3 dl-bytes 300"
		     " reports 2\n"
		     "    urr 3 ul-packets 5 ul-bytes 500 dl-packets 3 dl-bytes 300 reports 2\n",
		     "session text: a PDR's QERs and URRs in order, URRs with counters");
	expect_print(session_print, &plain, nlh, true,
		     "{\"ifindex\":5,\"seid\":1,\"pdrs\":[{\"id\":1,\"qers\":[2,1],\"urrs\":[7,3]}],"
		     "\"fars\":[],"
		     "\"qers\":[],\"urrs\":[{\"id\":7,\"thresh-total\":1000,\"ul-packets\":5,"
		     "\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,\"reports\":2},"
		     "{\"id\":3,\"ul-packets\":5,\"ul-bytes\":500,\"dl-packets\":3,\"dl-bytes\":300,"
		     "\"reports\":2}]}\n",
		     "session JSON: \"urrs\" of a PDR, URR objects");

	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_URR_REPORT_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 99999);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 0x2a);
	put_urr(nlh, 7, 1000);
	expect_print(monitor_print, NULL, nlh, false,
		     "urr-report dev if99999 seid 0x2a urr 7 thresh-total 1000 ul-packets 5"
		     " ul-bytes 500 dl-packets 3 dl-bytes 300 reports 2\n",
		     "monitor: urr-report text");
	expect_print(monitor_print, NULL, nlh, true,
		     "{\"event\":\"urr-report\",\"ifindex\":99999,\"seid\":42,\"urr\":{\"id\":7,"
		     "\"thresh-total\":1000,\"ul-packets\":5,\"ul-bytes\":500,\"dl-packets\":3,"
		     "\"dl-bytes\":300,\"reports\":2}}\n",
		     "monitor: urr-report JSON");
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_URR_REPORT_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	{
		int ret;
		char *out = print_msg(monitor_print, NULL, nlh, false, &ret);

		check(ret == MNL_CB_ERROR, "monitor: a urr-report without SEID and URR is malformed");
		free(out);
	}

	/* dl-data: the PDR, and its buff/nocp FAR, a downlink packet hit. */
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DL_DATA_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 99999);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 0x2a);
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 2);
	mnl_attr_put_u32(nlh, EDGEDP_A_PDR_FAR_ID, 3);
	mnl_attr_nest_end(nlh, nest);
	expect_print(monitor_print, NULL, nlh, false, "dl-data dev if99999 seid 0x2a pdr 2 far 3\n",
		     "monitor: dl-data text");
	expect_print(monitor_print, NULL, nlh, true,
		     "{\"event\":\"dl-data\",\"ifindex\":99999,\"seid\":42,\"pdr\":2,\"far\":3}\n",
		     "monitor: dl-data JSON");
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_DL_DATA_NTF, 0, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_IFINDEX, 5);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	nest = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);
	mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 2);
	mnl_attr_nest_end(nlh, nest);
	{
		int ret;
		char *out = print_msg(monitor_print, NULL, nlh, false, &ret);

		check(ret == MNL_CB_ERROR, "monitor: a dl-data without the FAR's id is malformed");
		free(out);
	}
}

/* inaddr_print() writes IPv4 itself: the text must be inet_ntop()'s. */
static void test_inaddr_print(void)
{
	static const uint8_t octets[] = { 0, 1, 9, 10, 99, 100, 109, 199, 200, 255 };
	char attr[MNL_ATTR_HDRLEN + 4] __attribute__((aligned(4)));
	struct nlattr *a = (void *)attr;
	unsigned int i, bad = 0;

	a->nla_type = EDGEDP_A_PDR_UE4;
	a->nla_len = sizeof(attr);
	for (i = 0; i < 10000; i++) {
		uint8_t addr[4] = { octets[i % 10], octets[i / 10 % 10], octets[i / 100 % 10],
				    octets[i / 1000] };
		char want[INET_ADDRSTRLEN], *got;
		struct capture cap;

		memcpy(mnl_attr_get_payload(a), addr, sizeof(addr));
		capture_start(&cap);
		print_init(cap.fp, false, false);
		inaddr_print("ue", "%s", a, NULL, -1);
		print_finish();
		got = capture_end(&cap);
		inet_ntop(AF_INET, addr, want, sizeof(want));
		bad += strcmp(got, want) != 0;
		free(got);
	}
	check(!bad, "print: IPv4 addresses as inet_ntop() writes them (%u of 10000 differ)", bad);
}

static void test_printers(void)
{
	struct session_args plain = { .dev = { "upf0", 5 } }, stats = plain;
	struct nlmsghdr *nlh;
	json_object *obj;
	char *out;
	int ret;

	stats.stats = true;
	nlh = reply_session(buf, 5, 1);
	expect_print(session_print, &plain, nlh, false, session_text, "session text");
	expect_print(session_print, &stats, nlh, false, session_stats, "session text with -s");
	expect_print(session_print, &plain, nlh, true, session_json,
		     "session JSON: stats always, teid as a number, action an array");
	expect_print(session_print, &stats, nlh, true, session_json, "session JSON with -s: same");
	out = print_msg(session_print, &stats, nlh, true, &ret);
	obj = json_tokener_parse(out);
	check(obj && json_object_get_type(obj) == json_type_object, "print: session JSON parses");
	json_object_put(obj);
	free(out);

	nlh = reply_session6(buf, 99999, 0xfedcba9876543210ULL);
	expect_print(session_print, &stats, nlh, false, session6_text,
		     "session IPv6 text: prefix, unknown bit, iface and device by number");
	expect_print(session_print, &stats, nlh, true, session6_json,
		     "session IPv6 JSON: u64 SEID, unknown values named KIND-N");

	nlh = reply_session(buf, 1, 0x2a);
	expect_print(session_print, NULL, nlh, false, "session 0x2a dev lo\n"
		     "    pdr 1 precedence 10 src-iface access teid 0x64 ohr gtpu-udp-ip ue 10.60.0.1 far 1\n"
		     "    pdr 2 precedence 10 src-iface core ue 10.60.0.1 far 2\n"
		     "    far 1 action forw dst-iface core\n"
		     "    far 2 action forw dst-iface access teid 0xc8 peer 10.0.0.1 port 2152 qfi 9\n",
		     "session text: the device named from its ifindex");

	nlh = reply_ep(buf, 5, "10.0.0.2", 2152, EDGEDP_EP_N3);
	expect_print(ep_print, NULL, nlh, false, "ep 10.0.0.2 port 2152 role n3\n", "ep text");
	expect_print(ep_print, NULL, nlh, true, "{\"addr\":\"10.0.0.2\",\"port\":2152,\"role\":\"n3\"}\n",
		     "ep JSON");
	nlh = reply_ep(buf, 5, "2001:db8::2", 2153, 7);
	expect_print(ep_print, NULL, nlh, false, "ep 2001:db8::2 port 2153 role role-7\n",
		     "ep IPv6 text, unknown role");

	/* Replies that fail the policies. */
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_EP_GET, TEST_SEQ, 0);
	mnl_attr_put(nlh, EDGEDP_A_EP_ADDR6, 15, "0123456789abcde");
	out = print_msg(ep_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "print: a 15-byte ADDR6 is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_EP_GET, TEST_SEQ, 0);
	mnl_attr_put(nlh, EDGEDP_A_EP_ADDR6, 17, "0123456789abcdefg");
	out = print_msg(ep_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "print: a 17-byte ADDR6 is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	mnl_attr_put(nlh, EDGEDP_A_SESSION_PDR, 2, "xx");
	out = print_msg(session_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "print: a PDR that is no nest is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 1);
	{
		struct nlattr *n = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_FAR);

		mnl_attr_put_u16(nlh, EDGEDP_A_FAR_ID, 1);
		mnl_attr_nest_end(nlh, n);
	}
	out = print_msg(session_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "print: a u16 FAR id is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u32(nlh, EDGEDP_A_SESSION_SEID, 1);
	out = print_msg(session_print, NULL, nlh, true, &ret);
	check(ret == MNL_CB_ERROR, "print: a u32 SEID is malformed");
	free(out);
	nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ, 0);
	mnl_attr_put_u64(nlh, EDGEDP_A_SESSION_SEID, 3);
	mnl_attr_put_u32(nlh, 99, 1);
	{
		struct nlattr *n = mnl_attr_nest_start(nlh, EDGEDP_A_SESSION_PDR);

		mnl_attr_put_u16(nlh, EDGEDP_A_PDR_ID, 1);
		mnl_attr_put_u32(nlh, 77, 1);
		mnl_attr_nest_end(nlh, n);
	}
	expect_print(session_print, NULL, nlh, true,
		     "{\"seid\":3,\"pdrs\":[{\"id\":1}],\"fars\":[],\"qers\":[],\"urrs\":[]}\n",
		     "session JSON: unknown attributes of a newer module are skipped");
}

/* ---- whole commands against the fake kernel ---- */

/*
 * Part of session message @full as the kernel splits a big one: the first
 * part (@from 0) with the session's attributes and rules [0, @to), a
 * continuation with IFINDEX, SEID and rules [@from, @to).
 */
static struct nlmsghdr *session_part(void *buf, const struct nlmsghdr *full,
				     unsigned int from, unsigned int to)
{
	struct nlmsghdr *nlh = reply_start(buf, TEST_FAMILY, EDGEDP_CMD_SESSION_GET, TEST_SEQ,
					   NLM_F_MULTI);
	const struct nlattr *a;
	unsigned int rule = 0;

	mnl_attr_for_each(a, full, GENL_HDRLEN) {
		uint16_t type = mnl_attr_get_type(a);
		bool is_rule = type == EDGEDP_A_SESSION_PDR || type == EDGEDP_A_SESSION_FAR ||
			       type == EDGEDP_A_SESSION_QER;
		bool keep = is_rule ? rule >= from && rule < to :
			    from == 0 || type == EDGEDP_A_SESSION_IFINDEX ||
			    type == EDGEDP_A_SESSION_SEID;

		rule += is_rule;
		if (!keep)
			continue;
		memcpy((char *)nlh + nlh->nlmsg_len, a, a->nla_len);
		nlh->nlmsg_len += MNL_ALIGN(a->nla_len);
	}
	return nlh;
}

/* session_merge() over the messages of nlhs, then session_merge_end(): as show prints. */
static int merge_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsghdr *const *parts = data;
	struct session_merger m = { .args = NULL };
	int ret = MNL_CB_OK;

	(void)nlh;
	for (; *parts && ret == MNL_CB_OK; parts++)
		ret = session_merge(*parts, &m);
	if (ret == MNL_CB_OK)
		ret = session_merge_end(&m);
	free(m.buf);
	return ret;
}

/* A copy of nlh in a buffer of exactly its nlmsg_len bytes (ASan sees past it). */
static struct nlmsghdr *exact_copy(const struct nlmsghdr *nlh)
{
	struct nlmsghdr *c = malloc(nlh->nlmsg_len);

	memcpy(c, nlh, nlh->nlmsg_len);
	return c;
}

/*
 * A session part whose nlmsg_len is not aligned is merged as its walk reads
 * it, up to nlmsg_len: a truncated last attribute stays out (the merged
 * message used to be walked up to the aligned length, where its header
 * could fit, read from uninitialized padding), and a continuation is not
 * read past its end (mnl_attr_for_each() rounds the length up).
 */
static void test_merge_unaligned(void)
{
	static char full[4096] __attribute__((aligned(4)));
	static char part[4096] __attribute__((aligned(4)));
	const struct nlmsghdr *parts[4] = { NULL };
	struct nlmsghdr *nlh, *first, *more;
	struct nlattr *cut;
	char *want, *got;
	int ret, ret2;

	nlh = reply_session(full, 1, 1);
	want = print_msg(session_print, NULL, nlh, true, &ret);
	/* A u8 attribute with one byte of payload too many, cut after its first. */
	cut = (struct nlattr *)((char *)nlh + nlh->nlmsg_len);
	cut->nla_len = NLA_HDRLEN + 2;
	cut->nla_type = EDGEDP_A_SESSION_PEER_CHECK;
	nlh->nlmsg_len += NLA_HDRLEN + 1;
	first = exact_copy(nlh);
	parts[0] = first;
	got = print_msg(merge_cb, parts, NULL, true, &ret2);
	check(ret == MNL_CB_OK && ret2 == MNL_CB_OK && !strcmp(want, got),
	      "session merge: a part's truncated last attribute, past an unaligned nlmsg_len, "
	      "is not read from the merged message's padding");
	free(want);
	free(got);
	free(first);

	nlh = reply_session(full, 1, 1);
	want = print_msg(session_print, NULL, nlh, true, &ret);
	first = exact_copy(session_part(part, nlh, 0, 1));
	nlh = session_part(part, nlh, 1, 4);
	/* Two bytes after its last attribute: an nla_len of 4, its type past the end. */
	memcpy((char *)nlh + nlh->nlmsg_len, &(uint16_t){ NLA_HDRLEN }, 2);
	nlh->nlmsg_len += 2;
	more = exact_copy(nlh);
	parts[0] = first;
	parts[1] = more;
	got = print_msg(merge_cb, parts, NULL, true, &ret2);
	check(ret == MNL_CB_OK && ret2 == MNL_CB_OK && !strcmp(want, got),
	      "session merge: a continuation with an unaligned nlmsg_len is read up to it, "
	      "not past its end");
	free(want);
	free(got);
	free(first);
	free(more);
}

static bool split_dump;

static int dumps(struct fake *f, const struct nlmsghdr *req)
{
	static char b[8192] __attribute__((aligned(4)));
	static char p[8192] __attribute__((aligned(4)));
	const struct genlmsghdr *genl = nl_genlhdr(req);
	bool dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;

	if (genl->cmd == EDGEDP_CMD_SESSION_GET && dump && split_dump) {
		/* Session 1 (2 PDRs, 2 FARs) in three messages, then session 2 whole. */
		reply_session(b, 1, 1);
		fake_reply(f, req, session_part(p, (void *)b, 0, 1));
		fake_reply(f, req, session_part(p, (void *)b, 1, 3));
		fake_reply(f, req, session_part(p, (void *)b, 3, 4));
		fake_reply(f, req, reply_session6(b, 1, 2));
		/* The same SEID on another device is another session. */
		fake_reply(f, req, reply_session(b, 2, 2));
	} else if (genl->cmd == EDGEDP_CMD_SESSION_GET && dump) {
		fake_reply(f, req, reply_session(b, 1, 1));
		fake_reply(f, req, reply_session6(b, 1, 2));
	} else if (genl->cmd == EDGEDP_CMD_SESSION_GET) {
		fake_reply(f, req, reply_session(b, 1, 1));
	} else if (genl->cmd == EDGEDP_CMD_EP_GET && *(const int *)f->priv) {
		fake_reply(f, req, reply_ep(b, 1, "10.0.0.2", 2152, EDGEDP_EP_N3));
		fake_reply(f, req, reply_ep(b, 1, "2001:db8::2", 2152, EDGEDP_EP_ANY));
	}
	return 0;
}

static void test_show_cli(void)
{
	int eps = 1;
	json_object *obj, *s;
	struct run r;

	fake_start(dumps);
	fk.priv = &eps;
	run_line(&r, "session show dev lo -s");
	check(r.rc == 0 && !strncmp(r.out, "session 0x1 dev lo\n", 19) &&
	      strstr(r.out, "\nsession 0x2 dev lo peer-check off\n    pdr 7 ") &&
	      strstr(r.out, " far 1 packets 5 bytes 420\n"),
	      "cli: session show -s: two sessions as text, with counters");
	run_done(&r);
	run_line(&r, "-j session show dev lo");
	obj = json_tokener_parse(r.out);
	check(r.rc == 0 && obj && json_object_array_length(obj) == 2 &&
	      (s = json_object_array_get_idx(obj, 1)) &&
	      json_object_get_int(json_object_object_get(s, "seid")) == 2 &&
	      json_object_array_length(json_object_object_get(s, "fars")) == 2,
	      "cli: -j session show: one JSON array of the sessions");
	json_object_put(obj);
	run_done(&r);
	run_line(&r, "-j session show dev lo seid 1");
	obj = json_tokener_parse(r.out);
	check(r.rc == 0 && obj && json_object_array_length(obj) == 1 &&
	      strchr(r.out, '\n') == r.out + strlen(r.out) - 1,
	      "cli: -j session show seid: an array of one, on one line");
	json_object_put(obj);
	run_done(&r);
	split_dump = true;
	run_line(&r, "-j session show dev lo -s");
	obj = json_tokener_parse(r.out);
	check(r.rc == 0 && obj && json_object_array_length(obj) == 3 &&
	      (s = json_object_array_get_idx(obj, 0)) &&
	      json_object_get_int(json_object_object_get(s, "seid")) == 1 &&
	      json_object_get_boolean(json_object_object_get(s, "peer-check")) &&
	      json_object_array_length(json_object_object_get(s, "pdrs")) == 2 &&
	      json_object_array_length(json_object_object_get(s, "fars")) == 2 &&
	      json_object_get_int(json_object_object_get(json_object_array_get_idx(
		      json_object_object_get(s, "pdrs"), 1), "id")) == 2 &&
	      json_object_get_int(json_object_object_get(json_object_array_get_idx(
		      json_object_object_get(s, "fars"), 1), "id")) == 2 &&
	      (s = json_object_array_get_idx(obj, 2)) &&
	      json_object_get_int(json_object_object_get(s, "ifindex")) == 2,
	      "cli: -j session show: a session split across 3 dump messages is one object, "
	      "every rule once, in order; same SEID on another device stays apart");
	json_object_put(obj);
	run_done(&r);
	run_line(&r, "session show dev lo -s");
	check(r.rc == 0 && !strncmp(r.out, "session 0x1 dev lo\n    pdr 1 ", 29) &&
	      strstr(r.out, "\n    pdr 2 ") && strstr(r.out, "\n    far 1 ") &&
	      strstr(r.out, "\n    far 2 ") && !strstr(strstr(r.out, "session 0x1") + 1, "session 0x1") &&
	      strstr(r.out, "\nsession 0x2 dev lo peer-check off\n"),
	      "cli: session show: a split session printed once, whole");
	run_done(&r);
	split_dump = false;
	run_line(&r, "ep show dev lo");
	check(r.rc == 0 && !strcmp(r.out, "ep 10.0.0.2 port 2152 role n3\nep 2001:db8::2 port 2152 role any\n"),
	      "cli: ep show: one line per endpoint");
	run_done(&r);
	run_line(&r, "-j ep show dev lo");
	check(r.rc == 0 && !strcmp(r.out, "[{\"addr\":\"10.0.0.2\",\"port\":2152,\"role\":\"n3\"},"
				   "{\"addr\":\"2001:db8::2\",\"port\":2152,\"role\":\"any\"}]\n"),
	      "cli: -j ep show: the JSON shape of the docs");
	run_done(&r);
	eps = 0;
	run_line(&r, "-j ep show dev lo");
	check(r.rc == 0 && !strcmp(r.out, "[]\n"), "cli: -j ep show without endpoints: []");
	run_done(&r);
	run_line(&r, "ep show dev lo");
	check(r.rc == 0 && !r.out[0], "cli: ep show without endpoints prints nothing");
	run_done(&r);
	fake_stop();
}

void test_gtpu(void)
{
	test_arg_cases();
	test_help();
	test_lookahead();
	fake_start(NULL);
	test_ep_requests();
	test_session_requests();
	test_rule_requests();
	test_urr_quota_requests();
	test_too_big();
	check(fk.bad == 0, "request: every request the fake kernel got was well-formed");
	fake_stop();
	test_kernel_errors();
	test_inaddr_print();
	test_printers();
	test_urr_printers();
	test_urr_quota_printers();
	test_merge_unaligned();
	test_show_cli();
}
