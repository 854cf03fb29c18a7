#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GTP-U on the wire (TS 29.281): scapy is the gNB, the data network and the
# N9 peer; edgedp is the UPF. Every packet is built by scapy (or byte by byte
# where scapy will not write it) and checked byte for byte where it lands;
# downlink headers are also decoded by tshark, an independent dissector.
#
#  gnb ns                upf ns                                    dn ns
#  g0 10.0.3.1 -------- n3 10.0.3.2       upf0      n6 10.1.0.1 ---- d0 10.1.0.2
#     2001:db8:3::1        2001:db8:3::2  (edgedp)     2001:db8:1::1    2001:db8:1::2
#  (scapy sends,           endpoints:                              (captures; UDP
#   captures)              10.0.3.2 n3, 2001:db8:3::2 n3,           sinks on 9000-9003)
#                          10.9.0.1 n9
#                                         n9 10.9.0.1 ---- p0 10.9.0.2  n9 ns
#                                                               (peer UPF: captures)
#
#  sessions (PDR 1 uplink: access, TEID 0x1NN -> FAR 1; PDR 2 downlink: core,
#  UE -> FAR 2: GTP-U TEID 0x2NN to the gNB):
#   1  UE 10.60.0.1           FAR 1 decap; FAR 2 qfi 9 (PSC on downlink)
#   2  UE 10.60.0.2           FAR 1 decap; FAR 2 no qfi, dscp 10
#   3  UE 2001:db8:60:1::/64  FAR 1 decap (IPv4 outer, IPv6 inner)
#   4  UE 10.60.0.4           ohr gtpu-udp-ipv6: IPv6 outer; FAR 2 to 2001:db8:3::1
#   5  UE 10.60.0.5           FAR 1 relays to the N9 peer, TEID 0x905
#   6  UE 10.60.0.7           FAR 1 drop
#   8  UE 10.60.0.8           counters only
#   9  UE 10.60.0.9           the fence (gtpu/topo.py: fence)
#   10 UE 10.60.0.10          FAR 1 relays to 10.99.0.1, which has no route
source "$(dirname "$0")/lib.sh"
source "$TESTS_DIR/gtpu/lib.sh"

require_edgedp
require_gtpu
require_command tshark

cleanup()
{
	agent_stop
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d)

# scapy takes tens of seconds to import under TCG: start it first.
agent_start wire
gtpu_topology
check_err $? "building the topology failed"
agent_wait && gtpu_agent_setup
check_err $? "the scapy agent did not start"
log_test "topology: gnb, upf (upf0, endpoints 10.0.3.2, 2001:db8:3::2, 10.9.0.1), dn, n9"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS

out=$(session 1 10.60.0.1 0x101 action forw dst-iface core -- teid 0x201 peer 10.0.3.1 qfi 9 &&
	session 2 10.60.0.2 0x102 action forw dst-iface core -- teid 0x202 peer 10.0.3.1 dscp 10 &&
	session 3 2001:db8:60:1::/64 0x103 action forw dst-iface core -- \
		teid 0x203 peer 10.0.3.1 qfi 1 &&
	session 4 10.60.0.4 0x104 action forw dst-iface core -- teid 0x204 peer 2001:db8:3::1 qfi 3 &&
	session 5 10.60.0.5 0x105 action forw dst-iface core teid 0x905 peer 10.9.0.2 -- \
		teid 0x205 peer 10.0.3.1 &&
	session 6 10.60.0.7 0x106 action drop -- teid 0x206 peer 10.0.3.1 &&
	session 8 10.60.0.8 0x108 action forw dst-iface core -- teid 0x208 peer 10.0.3.1 &&
	session 9 10.60.0.9 0x109 action forw dst-iface core -- teid 0x209 peer 10.0.3.1 &&
	session 10 10.60.0.10 0x10a action forw dst-iface core teid 0x90a peer 10.99.0.1 -- \
		teid 0x20a peer 10.0.3.1)
check_err $? "$out"
n=$(nsctl "$upf" -j session show dev upf0 | jq length)
[ "$n" = 9 ]
check_err $? "session show lists $n sessions"
log_test "sessions 1-6, 8-10 installed"

# (a) plain G-PDUs -----------------------------------------------------------
s0=$(snap)
out=$(agent plain 0x101 10.60.0.1)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+3" ]
check_err $? "counters: '$ch', want rx_packets+3"
log_test "(a) plain G-PDUs (20, 200, 1200 B): decapsulated byte for byte"

# (b) extension headers ------------------------------------------------------
out=$(agent psc_ul 0x101 10.60.0.1 5)
check_err $? "$out"
log_test "(b) G-PDU with a PDU Session Container (UL, QFI 5) delivered"

s0=$(snap)
out=$(agent chains 0x101 10.60.0.1)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+6 gtpu-ext+4" ]
check_err $? "counters: '$ch', want rx_packets+6 (5 chains, the fence) gtpu-ext+4"
log_test "(b) not-required types skipped, required unknown ones: gtpu-ext"

# (c) address families -------------------------------------------------------
out=$(agent v6_outer 0x104 10.60.0.4)
check_err $? "$out"
log_test "(c) IPv6 outer (endpoint 2001:db8:3::2), IPv4 inner"

out=$(agent v6_inner 0x103 2001:db8:60:1::5)
check_err $? "$out"
log_test "(c) IPv4 outer, IPv6 inner from the UE's /64"

# (d) downlink: scapy checks the inner bytes, tshark the headers --------------
out=$(agent downlink "$TMP/dl.pcap" \
	10.60.0.1,1000,9000,3,0xb8 10.60.0.1,1001,9000,3,0xb8 \
	10.60.0.1,1002,9001,3,0xb8 10.60.0.1,1003,9001,3,0xb8 \
	10.60.0.2,1000,9000,2,0 10.60.0.4,1000,9000,2,0)
check_err $? "$out"
log_test "(d) downlink: 16 packets reach the gNB, inner byte for byte"

# Fields, numbered as awk sees them ($1 ...); several occurrences (outer,
# inner) are joined with commas.
F=(gtp.flags.version gtp.flags.payload gtp.flags.e gtp.flags.s gtp.flags.pn gtp.message
   gtp.length gtp.teid gtp.ext_hdr.pdu_ses_con.pdu_type gtp.ext_hdr.pdu_ses_con.qos_flow_id
   gtp.ext_hdr.next udp.srcport udp.dstport udp.length ip.dsfield ip.len ip.src ip.dst
   ipv6.src ipv6.dst)
tshark -r "$TMP/dl.pcap" -T fields -E separator='|' -E occurrence=a -E aggregator=, \
	"${F[@]/#/-e}" >"$TMP/dl.txt" 2>"$TMP/tshark.err"
check_err $? "tshark: $(cat "$TMP/tshark.err")"
lines=$(wc -l <"$TMP/dl.txt")
[ "$lines" = 16 ]
check_err $? "tshark decoded $lines packets: $(head -c 300 "$TMP/tshark.err")"
# Every field of every packet, by the UE it is for.
bad=$(awk -F'|' '
function fail(m) { printf "packet %d: %s: %s\n", NR, m, $0; bad = 1; exit 1 }
{
	split($12, sport, ","); split($14, ulen, ","); split($15, dsf, ",")
	split($16, iplen, ","); split($17, src, ","); split($18, dst, ",")
	ue = (dst[2] != "") ? dst[2] : dst[1]
	if ($1 != 1 || $2 != 1) fail("version/PT")
	if ($6 != "0xff") fail("message type")
	if (ue == "10.60.0.1") {
		inner = iplen[2]; teid = "0x00000201"; qfi = 9
		if (src[1] != "10.0.3.2" || dst[1] != "10.0.3.1") fail("outer addresses")
		if (dsf[1] != "0xb8") fail("outer DSCP not copied from the inner packet")
	} else if (ue == "10.60.0.2") {
		inner = iplen[2]; teid = "0x00000202"; qfi = ""
		if (src[1] != "10.0.3.2" || dst[1] != "10.0.3.1") fail("outer addresses")
		if (dsf[1] != "0x28") fail("outer dsfield is not DSCP 10")
	} else if (ue == "10.60.0.4") {
		inner = iplen[1]; teid = "0x00000204"; qfi = 3
		if ($19 != "2001:db8:3::2" || $20 != "2001:db8:3::1") fail("IPv6 outer addresses")
	} else fail("unknown UE " ue)
	if ($8 != teid) fail("TEID")
	if (qfi != "") {
		if ($3 != 1) fail("E flag clear with a QFI")
		if ($9 != 0) fail("PSC PDU type is not DL")
		if ($10 != qfi) fail("QFI")
		if ($11 != "0x85,0x00") fail("extension chain is not one PSC")
		if ($7 != inner + 8) fail("length != 4 + 4 + inner")
	} else {
		if ($3 != 0 || $4 != 0 || $5 != 0) fail("E/S/PN set without a QFI")
		if ($9 != "" || $10 != "") fail("a PSC without a QFI")
		if ($7 != inner) fail("length != inner")
	}
	if (ulen[1] != $7 + 16) fail("UDP length != 8 + 8 + GTP length")
	if (ue == "10.60.0.1") {
		flow = sport[2]
		if (flow in seen && seen[flow] != sport[1]) fail("source port changed within a flow")
		seen[flow] = sport[1]
	}
}
END {
	if (bad) exit 1
	n = 0; for (f in seen) { ports[seen[f]] = 1; n++ }
	d = 0; for (p in ports) d++
	if (n != 4) { printf "%d flows of UE 1 seen\n", n; exit 1 }
	if (d < 2) { printf "4 flows, all from outer source port %s\n", seen[1000]; exit 1 }
}' "$TMP/dl.txt")
check_err $? "$bad"
log_test "(d) tshark: version, PT, TEID, length, E, PSC DL with QFI, DSCP"
ports=$(awk -F'|' '$8 == "0x00000201" { split($12, p, ","); print p[2] "->" p[1] }' \
	"$TMP/dl.txt" | sort -u | tr '\n' ' ')
[ -n "$ports" ] && [ -z "$bad" ]
check_err $? "$bad"
log_test "(d) outer UDP source port: stable per flow, differs across flows"
echo "	inner source port -> outer source port: $ports"

# (e) echo -------------------------------------------------------------------
out=$(agent echo 4 0x1234)
check_err $? "$out"
log_test "(e) Echo Request (IPv4, port 40001): Echo Response with Recovery"
out=$(agent echo 6 0xbeef)
check_err $? "$out"
log_test "(e) Echo Request (IPv6): Echo Response with Recovery"

# (f) unknown TEID -----------------------------------------------------------
s0=$(snap)
out=$(agent gpdus 0xdead0001 10.60.0.1 5 && agent fence)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+1 no-teid+5" ]
check_err $? "counters: '$ch', want rx_packets+1 (the fence) no-teid+5"
log_test "(f) unknown TEID: dropped, counted no-teid"

# (g) End Markers ------------------------------------------------------------
out=$(agent relay_end_marker 0x105 0x905)
check_err $? "$out"
log_test "(g) End Marker on a relaying PDR: sent on to the N9 peer (TEID 0x905)"

s0=$(snap)
out=$(agent end_marker 0x101 && agent fence)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+1" ]
check_err $? "counters: '$ch', want rx_packets+1 (the fence)"
log_test "(g) End Marker on a decapsulating PDR: consumed, not delivered, no drop"

# (h) per-PDR counters -------------------------------------------------------
s0=$(snap)
out=$(agent burst 0x108 10.60.0.8 7 40)
check_err $? "$out"
up_bytes=$(sed -n 's/^inner_bytes=//p' <<<"$out")
out=$(agent dl_burst 10.60.0.8 3 50)
check_err $? "$out"
dl_bytes=$(sed -n 's/^inner_bytes=//p' <<<"$out")
s1=$(snap)
up=$(pdr_stats 8 1)
dl=$(pdr_stats 8 2)
[ "$up" = "7 $up_bytes" ] && [ "$dl" = "3 $dl_bytes" ]
check_err $? "PDR 1: '$up' (want 7 $up_bytes), PDR 2: '$dl' (want 3 $dl_bytes)"
ch=$(changes "$s0" "$s1")
bytes=$(byte_changes "$s0" "$s1")
[ "$ch" = "rx_packets+7 tx_packets+3" ] && [ "$bytes" = "$up_bytes $dl_bytes" ]
check_err $? "device: '$ch', bytes rx tx '$bytes' (want rx_packets+7 tx_packets+3, '$up_bytes $dl_bytes')"
log_test "(h) per-PDR and device counters: exact packets, inner bytes"

# (i) FAR drop ---------------------------------------------------------------
s0=$(snap)
out=$(agent gpdus 0x106 10.60.0.7 4 && agent fence)
check_err $? "$out"
s1=$(snap)
pdr=$(pdr_stats 6 1)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+1 far+4" ] && [ "${pdr%% *}" = 4 ]
check_err $? "counters: '$ch' (want rx_packets+1 far+4), PDR 1 '$pdr'"
log_test "(i) FAR action drop: dropped, counted far (and on the PDR)"

# (j) relay N3 -> N9 ---------------------------------------------------------
s0=$(snap)
out=$(agent relay 0x105 10.60.0.5 0x905 7 3)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "tx_packets+4" ]
check_err $? "counters: '$ch', want tx_packets+4"
log_test "(j) relay N3 -> N9: new TEID, QFI kept, inner unchanged"

# (k) relay toward a peer without a route ------------------------------------
s0=$(snap)
out=$(agent gpdus 0x10a 10.60.0.10 3 && agent fence)
check_err $? "$out"
s1=$(snap)
ch=$(changes "$s0" "$s1")
[ "$ch" = "rx_packets+1 no-route+3" ]
check_err $? "counters: '$ch', want rx_packets+1 (the fence) no-route+3, no tx_packets"
log_test "(k) relay to an unroutable peer: counted no-route, not transmitted"

exit $EXIT_STATUS
