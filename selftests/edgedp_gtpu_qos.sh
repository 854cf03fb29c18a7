#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# QoS enforcement and peer validation on the edgedp UPF, with the kernel's
# gtp.ko as the gNB:
#
#  ue ns            gnb ns                    upf ns                 dn ns
#  10.60.0.1 --- gnb-ue  gtp0 (gtp.ko)  10.0.3.1 --- 10.0.3.2 upf0  10.1.0.1 --- 10.1.0.2
#                                       (rogue 10.0.3.9)              iperf3 -s
#
#  - QER 1 on the uplink PDR: MBR 1000 kbit/s uplink; iperf3 UDP at 3 Mbit/s
#    arrives at the DN at 1000 kbit/s (inner bytes) within 10%;
#  - QER 1 changed to gate-ul closed: every uplink packet is dropped (qer-gate);
#  - two QERs on the PDR (TS 29.244 5.2.1): QER 1 the session's AMBR at
#    20 Mbit/s, QER 2 the flow's MBR at 1000 kbit/s: policed to the MBR; a
#    closed gate on the second drops everything;
#  - a G-PDU with the session's TEID from 10.0.3.9, which is no FAR's peer, is
#    dropped (peer); with peer-check off it is accepted.
source "$(dirname "$0")/lib.sh"

require_edgedp
require_command iperf3
trap cleanup_all_ns EXIT
setup_gtp_topology
check_err $? "setting up gtp.ko as the gNB failed"
ip -n "$gnb" addr add 10.0.3.9/24 dev n3	# the rogue sender

MBR=1000	# kbit/s
nsctl "$upf" dev add upf0 >/dev/null &&
	ip -n "$upf" link set upf0 up &&
	ip -n "$upf" route add 10.60.0.0/16 dev upf0 &&
	nsctl "$upf" ep add dev upf0 10.0.3.2 role n3 &&
	nsctl "$upf" session add dev upf0 seid 7 \
		pdr id 1 precedence 100 src-iface access teid 100 ue 10.60.0.1 far 1 qer 1 \
		pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 \
		far id 1 action forw dst-iface core \
		far id 2 action forw dst-iface access teid 200 peer 10.0.3.1 \
		qer id 1 mbr-ul $MBR
check_err $? "configuring edgedp failed"
log_test "session with a QER (MBR uplink $MBR kbit/s)"

drops() { nsctl "$upf" -j dev show upf0 -s | json_eval "j[0]['stats']['drops'].get('$1', 0)"; }

ip netns exec "$dn" iperf3 -s -D -1 -p 5301 >/dev/null 2>&1
sleep 0.5
LEN=1000
out=$(ip netns exec "$ue" timeout 120 iperf3 -c 10.1.0.2 -p 5301 -u -b 3M -t 4 -l $LEN -J 2>&1)
rx=$(echo "$out" | json_eval 'j["end"]["sum"]["bits_per_second"] * (1 - j["end"]["sum"]["lost_packets"] / max(1, j["end"]["sum"]["packets"]))' 2>/dev/null)
# The MBR counts inner IP packets: LEN bytes of payload + 28 of headers.
want=$(( MBR * 1000 * LEN / (LEN + 28) ))
ok=$("$PYTHON" -c "print(int(abs(${rx:-0} - $want) <= 0.1 * $want))")
[ "$ok" = 1 ]
check_err $? "received ${rx:-?} bit/s, want $want +-10%: $(echo "$out" | tail -3)"
mbr_drops=$(drops qer-mbr)
[ "${mbr_drops:-0}" -gt 0 ]
check_err $? "no qer-mbr drops counted"
log_test "uplink policed to ${rx%.*} bit/s for $want (MBR $MBR kbit/s), $mbr_drops drops"

# gate_closed QERID: close the QER's uplink gate; 3 pings must all be
# dropped and counted qer-gate.
gate_closed()
{
	local g0 g1

	nsctl "$upf" session mod dev upf0 seid 7 qer id "$1" gate-ul closed mbr-ul $MBR
	check_err $? "closing the gate of QER $1 failed"
	g0=$(drops qer-gate)
	ip netns exec "$ue" ping -c 3 -i 0.2 -W 1 10.1.0.2 >/dev/null 2>&1
	check_fail $? "ping went through QER $1's closed gate"
	g1=$(drops qer-gate)
	[ $((g1 - g0)) = 3 ]
	check_err $? "qer-gate drops $g0 -> $g1"
}

gate_closed 1
log_test "a closed uplink gate drops everything (counted qer-gate)"

nsctl "$upf" session mod dev upf0 seid 7 qer id 1 gate-ul open
out=$(ip netns exec "$ue" ping -c 2 -i 0.2 -W 2 10.1.0.2 2>&1)
check_err $? "$out"
log_test "reopened gate passes traffic again"

# police PORT: iperf3 UDP at 3 Mbit/s uplink; the rate that arrives (inner).
police()
{
	ip netns exec "$dn" iperf3 -s -D -1 -p "$1" >/dev/null 2>&1
	sleep 0.5
	ip netns exec "$ue" timeout 120 iperf3 -c 10.1.0.2 -p "$1" -u -b 3M -t 4 -l $LEN -J 2>&1 |
		json_eval 'j["end"]["sum"]["bits_per_second"] * (1 - j["end"]["sum"]["lost_packets"] / max(1, j["end"]["sum"]["packets"]))' 2>/dev/null
}

nsctl "$upf" session mod dev upf0 seid 7 qer id 1 mbr-ul 20000 qer id 2 mbr-ul $MBR \
	pdr id 1 precedence 100 src-iface access teid 100 ue 10.60.0.1 far 1 qer 1 qer 2 &&
	[ "$(nsctl "$upf" -j session show dev upf0 seid 7 |
		json_eval '[p["qers"] for p in j[0]["pdrs"] if p["id"] == 1][0]')" = "1 2" ]
check_err $? "a PDR with two QERs"
m0=$(drops qer-mbr)
rx=$(police 5302)
ok=$("$PYTHON" -c "print(int(abs(${rx:-0} - $want) <= 0.1 * $want))")
[ "$ok" = 1 ] && [ "$(drops qer-mbr)" -gt "$m0" ]
check_err $? "received ${rx:-?} bit/s, want $want +-10%"
log_test "two QERs (AMBR 20000, MBR $MBR kbit/s): policed to ${rx%.*} bit/s"

gate_closed 2
nsctl "$upf" session mod dev upf0 seid 7 qer id 2 gate-ul open mbr-ul $MBR
log_test "the second QER's closed gate drops everything"

# A rogue sender that knows the TEID: not the peer of any FAR.
TMPDIR_QOS=$(mktemp -d)
cat >"$TMPDIR_QOS/rogue.py" <<'PY'
import sys
from scapy.all import IP, UDP, ICMP, send, conf
from scapy.contrib.gtp import GTP_U_Header
conf.verb = 0
p = (IP(src=sys.argv[1], dst="10.0.3.2") / UDP(sport=2152, dport=2152) /
     GTP_U_Header(teid=100, gtp_type=255) /
     IP(src="10.60.0.1", dst="10.1.0.2") / ICMP())
send([p] * int(sys.argv[2]))
PY
p0=$(drops peer)
ip netns exec "$gnb" "$PYTHON" "$TMPDIR_QOS/rogue.py" 10.0.3.9 5
sleep 0.5
p1=$(drops peer)
[ $((p1 - p0)) = 5 ]
check_err $? "peer drops $p0 -> $p1"
log_test "G-PDUs from a non-peer source are dropped (counted peer)"

nsctl "$upf" session mod dev upf0 seid 7 peer-check off
r0=$(nsctl "$upf" -j dev show upf0 -s | json_eval 'j[0]["stats"]["rx_packets"]')
ip netns exec "$gnb" "$PYTHON" "$TMPDIR_QOS/rogue.py" 10.0.3.9 5
sleep 0.5
r1=$(nsctl "$upf" -j dev show upf0 -s | json_eval 'j[0]["stats"]["rx_packets"]')
p2=$(drops peer)
[ $((r1 - r0)) = 5 ] && [ "$p2" = "$p1" ]
check_err $? "rx $r0 -> $r1, peer drops $p1 -> $p2"
log_test "peer-check off: the same G-PDUs are accepted"

rm -rf "$TMPDIR_QOS"
exit $EXIT_STATUS
