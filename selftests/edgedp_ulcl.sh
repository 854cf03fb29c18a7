#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# edgedp as the intermediate UPF of a 5G edge site (TS 23.501 5.6.4), between
# the kernel's gtp.ko as the gNB and a second edgedp instance as the PDU
# session anchor (PSA): uplink is relayed over N9 to the PSA and the PSA's
# downlink comes back over N9 toward the gNB; traffic from the local data
# network (a MEC app) is encapsulated toward the same gNB tunnel.
#
#  ue ns       gnb ns               iupf ns                    psa ns               inet ns
#  10.60.0.1 - gtp0 (gtp.ko) 10.0.3.1 -N3- 10.0.3.2 upf0 10.0.9.1 -N9- 10.0.9.2 psa0 10.1.0.1 -N6- 10.1.0.2
#                                            | 10.2.0.1
#                                           N6-LAN
#                                            | 10.2.0.2 mec ns (the MEC app)
#
#  TEIDs: N3 uplink 100 (gNB -> I-UPF), N3 downlink 200 (I-UPF -> gNB),
#         N9 uplink 300 (I-UPF -> PSA), N9 downlink 400 (PSA -> I-UPF).
#  I-UPF, SEID 1: PDR 10 access teid 100, SDF filter (UL CL breakout)
#                   'permit out ip from 10.2.0.0/24 to 10.60.0.1' -> FAR 3 decapsulate
#                   into the iupf ns, routed to the MEC app
#                 PDR 1 access teid 100 (the rest) -> FAR 1 relay to the PSA (teid 300)
#                 PDR 2 core teid 400   -> FAR 2 relay to the gNB (teid 200)
#                 PDR 3 core ue 10.60.0.1 (from the local DN) -> FAR 2
#  PSA, SEID 2:   PDR 1 access teid 300 -> FAR 1 decapsulate into psa ns
#                 PDR 2 core ue 10.60.0.1 -> FAR 2 teid 400 to 10.0.9.1
source "$(dirname "$0")/lib.sh"

require_edgedp
require_command iperf3
require_command tshark

cleanup()
{
	[ -n "${cap_pid:-}" ] && kill "$cap_pid" 2>/dev/null
	[ -n "${cap3_pid:-}" ] && kill "$cap3_pid" 2>/dev/null
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d /work/.edgedp-ulcl.XXXXXX 2>/dev/null || mktemp -d)

setup_gtp_topology
check_err $? "setting up gtp.ko as the gNB failed"
log_test "kernel gtp.ko gNB (role sgsn)"
iupf=$upf
# Rewire: the generic topology's DN becomes the MEC app's network; the
# I-UPF's default route now leads over N9 to the PSA.
setup_ns psa inet
mec=$dn
ip -n "$iupf" addr flush dev n6
ip -n "$mec" addr flush dev dn0
ip -n "$iupf" addr add 10.2.0.1/24 dev n6
ip -n "$mec" addr add 10.2.0.2/24 dev dn0
ip -n "$mec" route add 10.60.0.0/16 via 10.2.0.1
ip link add n9 netns "$iupf" type veth peer name n9 netns "$psa"
ip -n "$iupf" addr add 10.0.9.1/24 dev n9
ip -n "$iupf" link set n9 up
ip -n "$psa" addr add 10.0.9.2/24 dev n9
ip -n "$psa" link set n9 up
ip link add n6 netns "$psa" mtu 1400 type veth peer name inet0 netns "$inet" mtu 1400
ip -n "$psa" addr add 10.1.0.1/24 dev n6
ip -n "$psa" link set n6 up
ip -n "$inet" addr add 10.1.0.2/24 dev inet0
ip -n "$inet" link set inet0 up
ip -n "$inet" route add 10.60.0.0/16 via 10.1.0.1
ip netns exec "$psa" sysctl -qw net.ipv4.ip_forward=1
# The gNB routes everything to its tunnel.
ip -n "$gnb" route add 10.2.0.0/24 dev gtp0
check_err $? "building the N9 and N6 links failed"
log_test "topology: ue, gnb, iupf, mec, psa, inet"

nsctl "$iupf" dev add upf0 >/dev/null &&
	ip -n "$iupf" link set upf0 up &&
	ip -n "$iupf" route add 10.60.0.0/16 dev upf0 &&
	nsctl "$iupf" ep add dev upf0 10.0.3.2 role n3 &&
	nsctl "$iupf" ep add dev upf0 10.0.9.1 role n9 &&
	nsctl "$iupf" session add dev upf0 seid 1 \
		pdr id 1 precedence 200 src-iface access teid 100 far 1 \
		pdr id 2 precedence 200 src-iface core teid 400 far 2 \
		pdr id 3 precedence 200 src-iface core ue 10.60.0.1 far 2 \
		far id 1 action forw dst-iface core teid 300 peer 10.0.9.2 \
		far id 2 action forw dst-iface access teid 200 peer 10.0.3.1
check_err $? "configuring the I-UPF failed"
log_test "I-UPF: N3 and N9 endpoints, relay session"

nsctl "$psa" dev add psa0 >/dev/null &&
	ip -n "$psa" link set psa0 up &&
	ip -n "$psa" route add 10.60.0.0/16 dev psa0 &&
	nsctl "$psa" ep add dev psa0 10.0.9.2 &&
	nsctl "$psa" session add dev psa0 seid 2 \
		pdr id 1 precedence 100 src-iface access teid 300 ue 10.60.0.1 far 1 \
		pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 \
		far id 1 action forw dst-iface core \
		far id 2 action forw dst-iface access teid 400 peer 10.0.9.1
check_err $? "configuring the PSA failed"
log_test "PSA: endpoint and anchor session"

# Capture N9 (in the I-UPF) and N3 (at the gNB) for the whole test; tshark
# judges the TEIDs and the paths.
ip netns exec "$iupf" dumpcap -q -i n9 -f "udp port 2152" -w "$TMP/n9.pcap" 2>"$TMP/dumpcap.err" &
cap_pid=$!
ip netns exec "$gnb" dumpcap -q -i n3 -f "udp port 2152" -w "$TMP/n3.pcap" 2>"$TMP/dumpcap3.err" &
cap3_pid=$!
for _ in $(seq 50); do
	grep -q "Capturing" "$TMP/dumpcap.err" 2>/dev/null &&
		grep -q "Capturing" "$TMP/dumpcap3.err" 2>/dev/null && break
	sleep 0.1
done

out=$(ip netns exec "$ue" ping -c 5 -i 0.2 -W 2 10.1.0.2 2>&1)
check_err $? "$out"
log_test "ping UE -> internet: N3 -> I-UPF -> N9 -> PSA"

out=$(ip netns exec "$inet" ping -c 3 -i 0.2 -W 2 10.60.0.1 2>&1)
check_err $? "$out"
log_test "ping internet -> UE (downlink first): PSA -> N9 -> I-UPF -> N3"

ip netns exec "$inet" iperf3 -s -D -1 -p 5201 >/dev/null 2>&1
sleep 0.5
out=$(ip netns exec "$ue" timeout 120 iperf3 -c 10.1.0.2 -p 5201 -n 1M 2>&1)
check_err $? "$out"
log_test "iperf3 TCP uplink 1 MB over N9"

ip netns exec "$inet" iperf3 -s -D -1 -p 5202 >/dev/null 2>&1
sleep 0.5
out=$(ip netns exec "$ue" timeout 120 iperf3 -c 10.1.0.2 -p 5202 -n 1M -R 2>&1)
check_err $? "$out"
log_test "iperf3 TCP downlink 1 MB over N9 (-R)"

# ---- UL CL: break out the MEC app's traffic into the local DN ---------------
# The filter is written in downlink form (from the DN side to the UE) and
# matched swapped on this uplink PDR (TS 29.244 5.2.1A.2A).
nsctl "$iupf" session mod dev upf0 seid 1 \
	pdr id 10 precedence 10 src-iface access teid 100 far 3 \
		sdf 'permit out ip from 10.2.0.0/24 to 10.60.0.1' \
	far id 3 action forw dst-iface core
check_err $? "adding the breakout PDR failed"
log_test "UL CL: breakout PDR with an SDF filter, added in one session mod"

out=$(ip netns exec "$ue" ping -c 5 -i 0.2 -W 2 10.2.0.2 2>&1)
check_err $? "$out"
log_test "ping UE -> MEC app: broken out at the I-UPF"

out=$(ip netns exec "$mec" ping -c 3 -i 0.2 -W 2 10.60.0.1 2>&1)
check_err $? "$out"
log_test "ping MEC app -> UE: local DN downlink merged into the gNB tunnel"

out=$(ip netns exec "$ue" ping -c 3 -i 0.2 -W 2 10.1.0.2 2>&1)
check_err $? "$out"
log_test "ping UE -> internet still goes over N9"

for port in 5301 5302; do
	ip netns exec "$mec" iperf3 -s -D -1 -p $port >/dev/null 2>&1
done
sleep 0.5
out=$(ip netns exec "$ue" timeout 120 iperf3 -c 10.2.0.2 -p 5301 -n 1M 2>&1)
check_err $? "$out"
log_test "iperf3 TCP uplink 1 MB to the MEC app"
out=$(ip netns exec "$ue" timeout 120 iperf3 -c 10.2.0.2 -p 5302 -n 1M -R 2>&1)
check_err $? "$out"
log_test "iperf3 TCP downlink 1 MB from the MEC app (-R)"

s=$(nsctl "$iupf" -j session show dev upf0 seid 1 -s)
hits=$(echo "$s" | json_eval '[p for p in j[0]["pdrs"] if p["id"] == 10][0]["sdf"][0]["stats"]["packets"]')
p10=$(echo "$s" | json_eval '[p for p in j[0]["pdrs"] if p["id"] == 10][0]["stats"]["packets"]')
[ "${hits:-0}" -gt 500 ] && [ "$hits" = "$p10" ]
check_err $? "filter hits $hits, PDR 10 packets $p10: $s"
log_test "the filter's hit counter equals its PDR's packets ($hits)"

# ---- changing filters under traffic -------------------------------------------
# A UDP flow to the internet keeps its classification while the breakout
# filters change around it: the network loses none of it. (Under TCG the
# edgectl processes can starve the iperf3 server, whose socket then drops
# datagrams: those are counted by UDP's RcvbufErrors and are not losses of
# the datapath.)
rcvbuf_errors()
{
	ip netns exec "$inet" awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) c[$i] = i; h = 1 }
		else print $c["RcvbufErrors"] }' /proc/net/snmp
}
rb0=$(rcvbuf_errors)
ip netns exec "$inet" iperf3 -s -D -1 -p 5401 >/dev/null 2>&1
sleep 0.5
ip netns exec "$ue" timeout 120 iperf3 -c 10.1.0.2 -p 5401 -u -b 2M -t 5 -l 1000 -J \
	>"$TMP/iperf-u.json" 2>&1 &
ipid=$!
sleep 1
churn=0
for i in $(seq 1 10); do
	nsctl "$iupf" session mod dev upf0 seid 1 \
		pdr id 10 precedence 10 src-iface access teid 100 far 3 \
			sdf 'permit out ip from 10.2.0.0/24 to 10.60.0.1' \
			sdf "permit out udp from 10.2.0.0/24 $((6000 + i)) to 10.60.0.1" \
		pdr id 11 precedence 11 src-iface access teid 100 far 3 \
			sdf "permit out tcp from 10.3.$i.0/24 to 10.60.0.0/16" || churn=1
	nsctl "$iupf" session mod dev upf0 seid 1 remove-pdr 11 || churn=1
	sleep 0.2
done
wait $ipid
rc=$?
lost=$(json_eval 'j["end"]["sum"]["lost_packets"]' <"$TMP/iperf-u.json" 2>/dev/null)
sent=$(json_eval 'j["end"]["sum"]["packets"]' <"$TMP/iperf-u.json" 2>/dev/null)
sock=$(($(rcvbuf_errors) - rb0))
[ $rc = 0 ] && [ $churn = 0 ] && [ -n "$lost" ] && [ "$((lost - sock))" = 0 ] &&
	[ "${sent:-0}" -gt 300 ]
check_err $? "iperf3 rc $rc, churn $churn, lost ${lost:-?} of ${sent:-?}, $sock at the receiving socket: $(tail -c 300 "$TMP/iperf-u.json")"
log_test "20 filter changes under a 2 Mbit/s UDP flow over N9: $sent sent, 0 lost in the network ($sock dropped by the receiving socket)"

kill "$cap_pid" "$cap3_pid" 2>/dev/null
wait "$cap_pid" "$cap3_pid" 2>/dev/null
cap_pid= cap3_pid=
p1=$(nsctl "$iupf" -j session show dev upf0 seid 1 -s |
	json_eval '[p for p in j[0]["pdrs"] if p["id"] == 1][0]["stats"]["packets"]')
# One tshark run (slow to start under TCG) over both captures: the outer
# addresses tell N9 from N3. Every GTP-U packet on N9 carries the TEID of its
# direction and a UE packet; the MEC app's traffic never crosses N9; on N3
# every G-PDU is well-formed (not malformed, GTP-U Length = UDP length - 16
# = the inner IPv4 total length) with the TEID of its direction, and the
# downlink toward the gNB merges the MEC app's and the internet's packets.
mergecap -a -w "$TMP/all.pcap" "$TMP/n9.pcap" "$TMP/n3.pcap" &&
	tshark -r "$TMP/all.pcap" -T fields -E separator='|' -E occurrence=a -E aggregator=, \
	-e ip.src -e ip.dst -e gtp.message -e gtp.teid -e gtp.length -e udp.length -e ip.len \
	-e _ws.malformed >"$TMP/all.txt" 2>"$TMP/tshark.err"
check_err $? "tshark: $(cat "$TMP/tshark.err")"
awk -F'|' '
{
	split($1, src, ","); split($2, dst, ","); split($6, ulen, ","); split($7, ilen, ",")
	if ($3 != "0xff" || $8 != "" || $5 != ulen[1] - 16 || $5 != ilen[2]) {
		print "unexpected: " $0; next
	}
	if (src[1] == "10.0.9.1" && dst[1] == "10.0.9.2" && $4 == "0x0000012c" &&
	    dst[2] == "10.1.0.2") { print "n9-up"; next }
	if (src[1] == "10.0.9.2" && dst[1] == "10.0.9.1" && $4 == "0x00000190" &&
	    dst[2] == "10.60.0.1" && src[2] == "10.1.0.2") { print "n9-down"; next }
	if (src[1] == "10.0.3.1" && dst[1] == "10.0.3.2" && $4 == "0x00000064" &&
	    src[2] == "10.60.0.1") {
		if (dst[2] == "10.2.0.2") { print "n3-up-mec"; next }
		if (dst[2] == "10.1.0.2") { print "n3-up-inet"; next }
	}
	if (src[1] == "10.0.3.2" && dst[1] == "10.0.3.1" && $4 == "0x000000c8" &&
	    dst[2] == "10.60.0.1") {
		if (src[2] == "10.2.0.2") { print "n3-down-mec"; next }
		if (src[2] == "10.1.0.2") { print "n3-down-inet"; next }
	}
	# (anything to or from 10.2.0.0/24 on N9 ends here)
	print "unexpected: " $0
}' "$TMP/all.txt" | LC_ALL=C sort | uniq -c >"$TMP/paths.txt"
path() { awk -v p="$1" '$2 == p { print $1 }' "$TMP/paths.txt"; }
bad=$(grep -m1 unexpected "$TMP/paths.txt")
[ -z "$bad" ]
check_err $? "$bad"
log_test "tshark: $(wc -l <"$TMP/all.txt") G-PDUs on N9 and N3, each well-formed, on a known path"

# N9 carries every packet the relaying PDR 1 counted (the MEC app's uplink
# is broken out: none of it crosses), and what the PSA sends goes on to the
# gNB (the I-UPF relays without loss).
u9=$(path n9-up) d9=$(path n9-down) m3=$(path n3-up-mec)
[ "${u9:-0}" -ge 500 ] && [ "${d9:-0}" -ge 500 ] && [ "$u9" = "$p1" ] &&
	[ "${m3:-0}" -ge 500 ] && [ "$d9" = "$(path n3-down-inet)" ]
check_err $? "PDR 1: $p1 packets; $(tr -s ' \n' ' ' <"$TMP/paths.txt")"
log_test "tshark on N9: uplink TEID 300 to the PSA ($u9 = PDR 1's), downlink TEID 400 ($d9)"

md=$(path n3-down-mec)
[ "${md:-0}" -ge 500 ] && [ "$(path n3-down-inet)" -ge 500 ]
check_err $? "$(tr -s ' \n' ' ' <"$TMP/paths.txt")"
log_test "tshark on N3: downlink TEID 200 merges the MEC app ($md) and the internet ($d9); $m3 uplink to the MEC app broken out"

exit $EXIT_STATUS
