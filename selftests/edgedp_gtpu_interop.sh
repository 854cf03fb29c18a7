#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# edgedp as the UPF between the kernel's own gtp.ko as the gNB and a data
# network: ping and iperf3 (TCP and UDP) from a UE to the DN and back.
#
#  ue ns            gnb ns                      upf ns                  dn ns
#  10.60.0.1 --- gnb-ue   gtp0 (gtp.ko,  10.0.3.1 --- 10.0.3.2 upf0   10.1.0.1 --- 10.1.0.2
#                         role sgsn)      N3 veth      (edgedp)        N6 veth     iperf3 -s
#
#  uplink:   UE -> gtp0 (TEID 100) -> edgedp PDR 1 (access, teid 100, ue 10.60.0.1)
#            -> FAR 1 forward to core: decapsulated into the upf ns -> DN
#  downlink: DN -> route 10.60.0.0/16 dev upf0 -> PDR 2 (core, ue 10.60.0.1)
#            -> FAR 2: GTP-U TEID 200 to 10.0.3.1 -> gtp0 -> UE
#  (no PDU Session Container: gtp.ko is a GTP-U tunnel endpoint, not a
#  5G gNB, and 6.1's gtp.ko does not skip extension headers)
#
#  IPv6 inner, where gtp.ko has IPv6 PDP contexts (Linux 6.10 and later;
#  skipped on 6.1): UE 2001:db8:60::1, DN 2001:db8:1::2, same IPv4 N3,
#  TEIDs 101 (up) and 201 (down), a second edgedp session.
source "$(dirname "$0")/lib.sh"

require_edgedp
require_command iperf3
cleanup() { cleanup_all_ns; }
trap cleanup EXIT
setup_gtp_topology
check_err $? "setting up gtp.ko as the gNB failed"
log_test "kernel gtp.ko gNB (role sgsn)"

# UPF: edgedp.
nsctl "$upf" dev add upf0 >/dev/null &&
	ip -n "$upf" link set upf0 up &&
	ip -n "$upf" route add 10.60.0.0/16 dev upf0 &&
	nsctl "$upf" ep add dev upf0 10.0.3.2 role n3 &&
	nsctl "$upf" session add dev upf0 seid 1 \
		pdr id 1 precedence 100 src-iface access teid 100 ue 10.60.0.1 far 1 \
		pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 \
		far id 1 action forw dst-iface core \
		far id 2 action forw dst-iface access teid 200 peer 10.0.3.1
check_err $? "configuring edgedp failed"
log_test "edgedp UPF: endpoint and session"

# user_plane IP UE DN PORT SEID WHAT: ping both ways, iperf3 TCP up and down
# and UDP up (ports PORT..PORT+2) between UE and DN over IPv$IP, then the
# session's two PDRs must have counted the traffic.
user_plane()
{
	local ip=$1 ue_addr=$2 dn_addr=$3 port=$4 seid=$5 what=$6 out rc lost s up down

	out=$(ip netns exec "$ue" ping -"$ip" -c 5 -i 0.2 -W 2 "$dn_addr" 2>&1)
	check_err $? "$out"
	log_test "$what: ping UE -> DN through gtp.ko and edgedp"

	out=$(ip netns exec "$dn" ping -"$ip" -c 3 -i 0.2 -W 2 "$ue_addr" 2>&1)
	check_err $? "$out"
	log_test "$what: ping DN -> UE"

	ip netns exec "$dn" iperf3 -s -D -1 -p "$port" >/dev/null 2>&1
	sleep 0.5
	out=$(ip netns exec "$ue" timeout 120 iperf3 -"$ip" -c "$dn_addr" -p "$port" -n 4M 2>&1)
	check_err $? "$out"
	log_test "$what: iperf3 TCP uplink 4 MB"

	ip netns exec "$dn" iperf3 -s -D -1 -p $((port + 1)) >/dev/null 2>&1
	sleep 0.5
	out=$(ip netns exec "$ue" timeout 120 iperf3 -"$ip" -c "$dn_addr" -p $((port + 1)) -n 4M -R 2>&1)
	check_err $? "$out"
	log_test "$what: iperf3 TCP downlink 4 MB (-R)"

	ip netns exec "$dn" iperf3 -s -D -1 -p $((port + 2)) >/dev/null 2>&1
	sleep 0.5
	out=$(ip netns exec "$ue" timeout 120 iperf3 -"$ip" -c "$dn_addr" -p $((port + 2)) \
		-u -b 5M -n 2M -l 1200 -J 2>&1)
	rc=$?
	lost=$(echo "$out" | json_eval 'j["end"]["sum"]["lost_percent"]' 2>/dev/null)
	[ $rc -eq 0 ] && [ -n "$lost" ]
	check_err $? "rc=$rc: $(echo "$out" | tail -5)"
	log_test "$what: iperf3 UDP uplink 2 MB at 5 Mbit/s (loss ${lost:-?}%)"

	s=$(nsctl "$upf" -j session show dev upf0 seid "$seid" -s)
	up=$(echo "$s" | json_eval '[p["stats"]["packets"] for p in j[0]["pdrs"] if p["id"] == 1][0]')
	down=$(echo "$s" | json_eval '[p["stats"]["packets"] for p in j[0]["pdrs"] if p["id"] == 2][0]')
	[ "${up:-0}" -gt 1000 ] && [ "${down:-0}" -gt 1000 ]
	check_err $? "uplink PDR $up packets, downlink PDR $down packets"
	log_test "$what: per-PDR counters count both directions ($up up, $down down)"
}

user_plane 4 10.60.0.1 10.1.0.2 5201 1 "IPv4"

# ---- IPv6 inner ----------------------------------------------------------
gtpk="$PYTHON $TESTS_DIR/gtp_kernel.py"
if ! out=$(ip netns exec "$gnb" $gtpk pdp6 gtp0 201 101 10.0.3.2 2001:db8:60:: 2>&1); then
	echo "SKIP: IPv6 inner: gtp.ko of $(uname -r) has no IPv6 PDP contexts ($out)"
	exit $EXIT_STATUS
fi
ip -n "$ue" -6 addr add 2001:db8:60::1/128 dev ue0 nodad &&
	ip -n "$ue" -6 route add default via fe80::1 dev ue0 &&
	ip -n "$gnb" -6 addr add fe80::1/64 dev gnb-ue nodad &&
	ip -n "$gnb" -6 route add 2001:db8:60::1/128 dev gnb-ue &&
	ip -n "$gnb" -6 route add 2001:db8:1::/64 dev gtp0 &&
	ip netns exec "$gnb" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip -n "$upf" -6 addr add 2001:db8:1::1/64 dev n6 nodad &&
	ip -n "$upf" -6 route add 2001:db8:60::/64 dev upf0 &&
	ip netns exec "$upf" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip -n "$dn" -6 addr add 2001:db8:1::2/64 dev dn0 nodad &&
	ip -n "$dn" -6 route add 2001:db8:60::/64 via 2001:db8:1::1 &&
	nsctl "$upf" session add dev upf0 seid 2 \
		pdr id 1 precedence 100 src-iface access teid 101 ue 2001:db8:60::/64 far 1 \
		pdr id 2 precedence 100 src-iface core ue 2001:db8:60::/64 far 2 \
		far id 1 action forw dst-iface core \
		far id 2 action forw dst-iface access teid 201 peer 10.0.3.1
check_err $? "configuring IPv6 inner failed"
log_test "IPv6 inner: gtp.ko PDP context (MS 2001:db8:60::/64), edgedp session"

user_plane 6 2001:db8:60::1 2001:db8:1::2 5211 2 "IPv6 inner"

exit $EXIT_STATUS
