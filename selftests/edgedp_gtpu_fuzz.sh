#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad GTP-U input: truncated headers, lying Length fields, bad flags,
# extension header chains that run off the message, unknown message types,
# then 10000 random G-PDUs and End Markers (scapy's fuzz() and a seeded
# generator of flags, TEIDs, extension chains and payloads). edgedp must not
# crash (the VM harness fails the run on any WARNING/BUG/KASAN in the kernel
# log) and must account for every datagram exactly once:
#
#   sent == rx_packets (delivered) + tx_packets (relayed) + every drop reason
#
#  gnb ns                upf ns                                    dn ns
#  g0 10.0.3.1 -------- n3 10.0.3.2       upf0      n6 10.1.0.1 ---- d0 10.1.0.2
#     2001:db8:3::1        2001:db8:3::2  (edgedp)     2001:db8:1::1    2001:db8:1::2
#  (scapy sends)                                                   (UDP sink 9000)
#                                         n9 10.9.0.1 ---- p0 10.9.0.2  n9 ns
#                                                               (peer UPF)
#  sessions (PDR 1 uplink on the TEID, PDR 2 downlink; FAR 3 makes the
#  gNB's IPv6 address a peer too, so IPv6 outer headers pass peer checks):
#   1  TEID 0x101  UE 10.60.0.1           decapsulate
#   2  TEID 0x102  UE 10.60.0.2           relay to 10.9.0.2, TEID 0x902
#   3  TEID 0x103  UE 10.60.0.3           FAR drop
#   6  TEID 0x106  UE 2001:db8:60:1::/64  decapsulate
#   9  TEID 0x109  UE 10.60.0.9           the fence (gtpu/topo.py)
#
# EDGEDP_FUZZ_COUNT (10000) and EDGEDP_FUZZ_SEED (random, printed) repeat a run.
source "$(dirname "$0")/lib.sh"
source "$TESTS_DIR/gtpu/lib.sh"

require_edgedp
require_gtpu

cleanup()
{
	agent_stop
	cleanup_all_ns
}
trap cleanup EXIT

agent_start fuzz
gtpu_topology
check_err $? "building the topology failed"
agent_wait && gtpu_agent_setup
check_err $? "the scapy agent did not start"
v6peer=(far id 3 action forw dst-iface access teid 0x300 peer 2001:db8:3::1)
out=$(session 1 10.60.0.1 0x101 action forw dst-iface core -- teid 0x201 peer 10.0.3.1 -- "${v6peer[@]}" &&
	session 2 10.60.0.2 0x102 action forw dst-iface core teid 0x902 peer 10.9.0.2 -- \
		teid 0x202 peer 10.0.3.1 -- "${v6peer[@]}" &&
	session 3 10.60.0.3 0x103 action drop -- teid 0x203 peer 10.0.3.1 -- "${v6peer[@]}" &&
	session 6 2001:db8:60:1::/64 0x106 action forw dst-iface core -- \
		teid 0x206 peer 10.0.3.1 -- "${v6peer[@]}" &&
	session 9 10.60.0.9 0x109 action forw dst-iface core -- teid 0x209 peer 10.0.3.1)
check_err $? "$out"
log_test "topology and sessions 1, 2, 3, 6, 9"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS
COUNT=${EDGEDP_FUZZ_COUNT:-10000}
# The random messages are generated while the fixed cases run.
agent pregen "$COUNT" "${EDGEDP_FUZZ_SEED:-}"

out=$(agent truncated)
check_err $? "$out"
log_test "truncated: every length 0-15 of a header, empty T-PDU"

out=$(agent length)
check_err $? "$out"
log_test "Length longer and shorter than the datagram"

out=$(agent flags)
check_err $? "$out"
log_test "version 0, 2-7, PT 0: gtpu-hdr; spare bit, S/PN without E: delivered"

out=$(agent chains)
check_err $? "$out"
log_test "extension chains: overrun, zero length, too many, bad PSC, required type"

out=$(agent types)
check_err $? "$out"
log_test "message types, unknown TEIDs, End Markers: each counted by reason"

s0=$(snap)
out=$(agent run "$COUNT" "${EDGEDP_FUZZ_SEED:-}")
rc=$?
echo "$out" | sed 's/^/\t/'
check_err $rc "the accounting did not close"
log_test "$COUNT random messages: every one accounted exactly once"

# The same totals through edgectl.
s1=$(snap)
ch=$(changes "$s0" "$s1")
n=$(($(sed 's/[^+]*+\([0-9]*\)/+\1/g' <<<"$ch")))
# ... and one fence G-PDU, delivered.
[ "$n" = $((COUNT + 1)) ]
check_err $? "edgectl: rx + tx + drops grew by $n (want $COUNT + the fence): $ch"
log_test "edgectl dev show -s agrees"
echo "	$ch"

# Still forwarding after all that.
out=$(agent fence)
check_err $? "$out"
log_test "a valid G-PDU is still delivered"

exit $EXIT_STATUS
