#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The GTP-U receive fast path (ep add ... fastpath, kmod/gtpu/fastpath.c): G-PDUs
# to a fast-path endpoint are taken at the end of PRE_ROUTING instead of
# through the UDP socket. gtpu_topology (gtpu/lib.sh) with both N3
# endpoints (10.0.3.2, 2001:db8:3::2) on the fast path; scapy as the gNB.
#
# Checked: the flag is shown (text, JSON, GET_INFO feature); plain, PSC and IPv6-outer /
# IPv6-inner G-PDUs are delivered byte for byte while the namespace's UDP
# InDatagrams counters do not move (the fast path took them), and Echo
# Requests still reach the socket (they do move); while anything is hooked
# into INPUT, G-PDUs take the socket path: a rule dropping port 2152 drops
# them and the Echo Request, a counting rule counts them as they are
# delivered, and the fast path resumes once the table is gone; with
# rp_filter on, IPv4 G-PDUs take the socket path too, so a G-PDU from a
# source with no route back is dropped by the stack (IPReversePathFilter),
# never reaching edgedp;
# a wrong UDP checksum is dropped and counted in Udp InCsumErrors, a zero
# one accepted; IPv4 fragments are reassembled and go through the socket;
# endpoints deleted and the module unloaded with fast-path endpoints in use
# are clean (vm.sh scans the kernel log).
source "$(dirname "$0")/lib.sh"
source "$TESTS_DIR/gtpu/lib.sh"

require_edgedp
require_gtpu
require_command nft

cleanup()
{
	agent_stop
	cleanup_all_ns
	edgedp_ensure_loaded
}
trap cleanup EXIT

# mib FILE GROUP KEY: a counter of the upf namespace's /proc/net/FILE (a
# "GROUP:" line of names followed by one of values).
mib()
{
	ip netns exec "$upf" awk -v g="$2:" -v k="$3" '
		$1 == g && !h { for (i = 2; i <= NF; i++) col[$i] = i; h = 1; next }
		$1 == g { print $col[k] }' "/proc/net/$1"
}

# udp KEY [6]: a counter of the upf namespace's Udp (or Udp6) MIB.
udp()
{
	if [ "${2:-4}" = 6 ]; then
		ip netns exec "$upf" awk -v k="Udp6$1" '$1 == k { print $2 }' /proc/net/snmp6
	else
		mib snmp Udp "$1"
	fi
}

agent_start fast
GTPU_EP_OPTS=fastpath gtpu_topology
check_err $? "building the topology failed"
agent_wait && gtpu_agent_setup
check_err $? "the scapy agent did not start"
log_test "topology: upf0, N3 endpoints 10.0.3.2 and 2001:db8:3::2 on the fast path"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS

out=$(nsctl "$upf" ep show dev upf0)
grep -qx "ep 10.0.3.2 port 2152 role n3 fastpath" <<<"$out" &&
	grep -qx "ep 2001:db8:3::2 port 2152 role n3 fastpath" <<<"$out" &&
	grep -qx "ep 10.9.0.1 port 2152 role n9" <<<"$out" &&
	[ "$(nsctl "$upf" -j ep show dev upf0 | jq -c '[.[].fastpath]')" = "[true,true,false]" ] &&
	nsctl "$upf" info | grep -qE '^features .*\bfastpath\b'
check_err $? "ep show: $out; $(nsctl "$upf" info)"
log_test "ep show and GET_INFO say fastpath"

out=$(session 1 10.60.0.1 0x101 action forw dst-iface core -- teid 0x201 peer 10.0.3.1 qfi 9 &&
	session 3 2001:db8:60:1::/64 0x103 action forw dst-iface core -- \
		teid 0x203 peer 10.0.3.1 qfi 1 &&
	session 4 10.60.0.4 0x104 action forw dst-iface core -- teid 0x204 peer 2001:db8:3::1 qfi 3 &&
	session 9 10.60.0.9 0x109 action forw dst-iface core -- teid 0x209 peer 10.0.3.1)
check_err $? "$out"
log_test "sessions 1, 3, 4 and the fence (9) installed"

# ---- G-PDUs take the fast path --------------------------------------------------
u4=$(udp InDatagrams) u6=$(udp InDatagrams 6)
s0=$(snap)
out=$(agent plain 0x101 10.60.0.1 && agent psc_ul 0x101 10.60.0.1 5 &&
	agent v6_outer 0x104 10.60.0.4 3 && agent v6_inner 0x103 2001:db8:60:1::5 3)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+10" ]
check_err $? "counters: '$ch', want rx_packets+10"
[ "$(udp InDatagrams)" = "$u4" ] && [ "$(udp InDatagrams 6)" = "$u6" ]
check_err $? "Udp InDatagrams $u4 -> $(udp InDatagrams), Udp6 $u6 -> $(udp InDatagrams 6): the socket saw G-PDUs"
log_test "10 G-PDUs (plain, PSC, IPv6 outer, IPv6 inner) delivered, none through UDP"

out=$(agent echo 4 0x1234 && agent echo 6 0xbeef)
check_err $? "$out"
[ "$(udp InDatagrams)" = $((u4 + 1)) ] && [ "$(udp InDatagrams 6)" = $((u6 + 1)) ]
check_err $? "Udp InDatagrams $u4 -> $(udp InDatagrams), Udp6 $u6 -> $(udp InDatagrams 6), want +1 each"
log_test "Echo Requests (v4, v6) answered through the socket"

# ---- anything in INPUT: G-PDUs take the socket path, every rule sees them -------
# nft_input RULE: a table whose INPUT chain holds RULE.
nft_input()
{
	ip netns exec "$upf" nft -f - <<EOF
table inet edgedp_fp_test {
	chain in {
		type filter hook input priority 0;
		$1
	}
}
EOF
}

# nft_counted N: wait until the INPUT rule's counter says N packets.
nft_counted()
{
	local _

	for _ in $(seq 50); do
		got=$(ip netns exec "$upf" nft -j list chain inet edgedp_fp_test in |
			jq '[.nftables[].rule? // empty | .expr[] | .counter? // empty | .packets] | add')
		[ "$got" = "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

nft_input "udp dport 2152 counter drop"
check_err $? "nft rule"
s0=$(snap)
out=$(agent gpdu_nowait 0x101 10.60.0.1 && agent gpdu_nowait 0x104 10.60.0.4 6 &&
	agent echo_nowait 4)
check_err $? "$out"
nft_counted 3
check_err $? "INPUT rule counted $got packets, want 3 (G-PDUs over IPv4 and IPv6, the Echo Request)"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ -z "$ch" ]
check_err $? "counters: '$ch', want no change (the G-PDUs were dropped in INPUT)"
ip netns exec "$upf" nft delete table inet edgedp_fp_test
log_test "INPUT drop on port 2152: G-PDUs and the Echo Request dropped there"

nft_input "udp dport 2152 counter"
check_err $? "nft rule"
u4=$(udp InDatagrams)
s0=$(snap)
out=$(agent plain 0x101 10.60.0.1 20,300)
check_err $? "$out"
nft_counted 2
check_err $? "INPUT rule counted $got packets, want 2"
[ "$(udp InDatagrams)" = $((u4 + 2)) ]
check_err $? "Udp InDatagrams $u4 -> $(udp InDatagrams), want +2 (socket path)"
ch=$(changes "$s0" "$(snap)")
[ "$ch" = "rx_packets+2" ]
check_err $? "counters: '$ch', want rx_packets+2"
ip netns exec "$upf" nft delete table inet edgedp_fp_test
u4=$(udp InDatagrams)
out=$(agent plain 0x101 10.60.0.1 64) && [ "$(udp InDatagrams)" = "$u4" ]
check_err $? "fast path once the table is gone: $out, Udp InDatagrams $u4 -> $(udp InDatagrams)"
log_test "INPUT counting rule: G-PDUs counted there and delivered through the socket; fast path again without it"

# ---- reverse path filtering: the input route lookup does it ---------------------
ip netns exec "$upf" sysctl -qw net.ipv4.conf.all.rp_filter=1
check_err $? "rp_filter"
r0=$(mib netstat TcpExt IPReversePathFilter) u4=$(udp InDatagrams)
s0=$(snap)
out=$(agent spoofed 0x101 10.60.0.1)
check_err $? "$out"
ch=$(changes "$s0" "$(snap)")
[ "$ch" = "rx_packets+1" ] && [ "$(mib netstat TcpExt IPReversePathFilter)" = $((r0 + 1)) ]
check_err $? "counters: '$ch' (want rx_packets+1: the fence), IPReversePathFilter $r0 -> $(mib netstat TcpExt IPReversePathFilter), want +1"
[ "$(udp InDatagrams)" = $((u4 + 1)) ]
check_err $? "Udp InDatagrams $u4 -> $(udp InDatagrams), want +1 (the fence, through the socket)"
ip netns exec "$upf" sysctl -qw net.ipv4.conf.all.rp_filter=0
u4=$(udp InDatagrams)
out=$(agent plain 0x101 10.60.0.1 64) && [ "$(udp InDatagrams)" = "$u4" ]
check_err $? "fast path with rp_filter off again: $out, Udp InDatagrams $u4 -> $(udp InDatagrams)"
log_test "rp_filter on: G-PDUs through the socket, one from an unrouted source dropped by the stack; fast path again when off"

# ---- what the UDP layer would judge ------------------------------------------------
e0=$(udp InCsumErrors) e6=$(udp InCsumErrors 6)
s0=$(snap)
out=$(agent bad_csum 0x101 10.60.0.1 && agent bad_csum 0x104 10.60.0.4 6)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+2" ] && [ "$(udp InCsumErrors)" = $((e0 + 1)) ] &&
	[ "$(udp InCsumErrors 6)" = $((e6 + 1)) ]
check_err $? "counters: '$ch' (want rx_packets+2: the fences), Udp InCsumErrors $e0 -> $(udp InCsumErrors), Udp6 $e6 -> $(udp InCsumErrors 6)"
log_test "wrong UDP checksums (v4, v6): dropped, counted in InCsumErrors"

out=$(agent zero_csum 0x101 10.60.0.1)
check_err $? "$out"
log_test "UDP checksum 0 (IPv4): delivered"

u4=$(udp InDatagrams)
out=$(agent fragments 0x101 10.60.0.1 1200)
check_err $? "$out"
[ "$(udp InDatagrams)" = $((u4 + 1)) ]
check_err $? "Udp InDatagrams $u4 -> $(udp InDatagrams), want +1 (reassembled, socket path)"
log_test "G-PDU in IPv4 fragments: reassembled, delivered through the socket ($out)"

# ---- endpoints come and go ---------------------------------------------------------
# The last fast-path endpoint of the namespace takes the hooks with it; the
# socket path alone is left.
u4=$(udp InDatagrams)
nsctl "$upf" ep del dev upf0 10.0.3.2 && nsctl "$upf" ep del dev upf0 2001:db8:3::2 &&
	nsctl "$upf" ep add dev upf0 10.0.3.2 role n3 &&
	out=$(agent plain 0x101 10.60.0.1 64) && [ "$(udp InDatagrams)" = $((u4 + 1)) ]
check_err $? "socket path after re-adding without fastpath: $out, Udp InDatagrams $u4 -> $(udp InDatagrams)"
u4=$(udp InDatagrams)
nsctl "$upf" ep del dev upf0 10.0.3.2 && nsctl "$upf" ep add dev upf0 10.0.3.2 role n3 fastpath &&
	out=$(agent plain 0x101 10.60.0.1 64) && [ "$(udp InDatagrams)" = "$u4" ]
check_err $? "fast path again: $out, Udp InDatagrams $u4 -> $(udp InDatagrams)"
out=$(nsctl "$upf" ep del dev upf0 10.0.3.2 fastpath 2>&1)
[ $? = 1 ] && [[ $out == *'unexpected argument "fastpath"'* ]]
check_err $? "edgectl ep del fastpath: $out"
log_test "endpoints deleted and re-added: socket path, then the fast path again"

if [ -n "${EDGEDP_KO:-}" ]; then
	setup_ns other && nsctl "$other" dev add upf1 >/dev/null &&
		ip -n "$other" addr add 192.0.2.1/32 dev lo && ip -n "$other" link set lo up &&
		nsctl "$other" ep add dev upf1 192.0.2.1 fastpath
	check_err $? "a second namespace with a fast-path endpoint"
	agent_stop
	edgedp_reload
	check_err $? "rmmod with fast-path endpoints in two namespaces, or insmod again"
	log_test "module unloaded with fast-path endpoints in two namespaces"
fi

exit $EXIT_STATUS
