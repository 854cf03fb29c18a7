#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# UL CL (TS 23.501 5.6.4) with IPv6 inner packets: the topology of
# edgedp_ulcl.sh, with scapy as the gNB because the kernel's gtp.ko (6.1)
# carries no IPv6 inner packets. edgedp is the intermediate UPF and a second
# edgedp instance the PSA; an IPv6 SDF filter breaks the MEC app's traffic
# out locally. scapy checks every packet byte for byte where it lands,
# tshark checks N9 and N3 on the wire, the counters must equal what was sent.
#
#  gnb ns (scapy)    iupf ns                               psa ns                 inet ns
#  g0 10.0.3.1 -N3- n3 10.0.3.2  upf0  n9 10.0.9.1 -N9- n9 10.0.9.2  psa0  n6 -N6- i0 2001:db8:1::2
#                               n6 2001:db8:2::1                     2001:db8:1::1
#                                  |
#                               m0 2001:db8:2::2  mec ns (the MEC app)
#
#  UE 2001:db8:60:1::1 (prefix 2001:db8:60:1::/64); outer headers IPv4.
#  TEIDs: N3 uplink 100, N3 downlink 200, N9 uplink 300, N9 downlink 400.
#  I-UPF, SEID 1: PDR 11 access teid 100, SDF filter (downlink form)
#                   'permit out udp from 2001:db8:2::/64 9000 to 2001:db8:60:1::/64 5003'
#                   -> FAR 3 (the UE's port 5003 only; scapy puts a Destination
#                   Options header before UDP in packets from odd ports)
#                 PDR 10 access teid 100, SDF filter
#                   'permit out ip from 2001:db8:2::/64 to 2001:db8:60:1::/64'
#                   -> FAR 3 decapsulate, routed to the MEC app
#                 PDR 1 access teid 100 (the rest) -> FAR 1 relay to the PSA (teid 300)
#                 PDR 2 core teid 400 -> FAR 2 relay to the gNB (teid 200, QFI 9)
#                 PDR 4 core ue 2001:db8:60:1::/64, SDF filter (matched as
#                   written: downlink) 'permit out udp from 2001:db8:2::/64 9000
#                   to 2001:db8:60:1::/64' (the MEC app's replies) -> FAR 2
#                 PDR 3 core ue 2001:db8:60:1::/64 (the rest of the local DN) -> FAR 2
#  PSA, SEID 2:   PDR 1 access teid 300 -> FAR 1 decapsulate into psa ns
#                 PDR 2 core ue 2001:db8:60:1::/64 -> FAR 2 teid 400 to 10.0.9.1, QFI 9
source "$(dirname "$0")/lib.sh"
source "$TESTS_DIR/gtpu/lib.sh"

require_edgedp
require_gtpu
require_command tshark

UE=2001:db8:60:1::1
N_MEC=12	# uplink packets to the MEC app (broken out), 1 in 4 from port 5003
N_INET=9	# uplink packets to the internet (over N9)
D_MEC=7		# downlink packets from the MEC app
D_INET=5	# downlink packets from the internet (over N9)

cleanup()
{
	local p

	agent_stop
	for p in ${cap_pids:-}; do kill "$p" 2>/dev/null; done
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d /work/.edgedp-ulcl6.XXXXXX 2>/dev/null || mktemp -d)

# scapy takes tens of seconds to import under TCG: start it first.
agent_start ulcl6

mac() { gtpu_mac "$1" "$2"; }
link()	# NS1 IF1 MAC1 NS2 IF2 MAC2
{
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$5" netns "$4" address "$6" &&
	ip -n "$1" link set "$2" up && ip -n "$4" link set "$5" up
}
topology()
{
	local ns

	setup_ns gnb iupf mec psa inet || return 1
	for ns in "$gnb" "$iupf" "$mec" "$psa" "$inet"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0 || return 1
	done
	link "$gnb" g0 "$(mac 3 1)" "$iupf" n3 "$(mac 3 2)" &&
	link "$iupf" n6 "$(mac 2 1)" "$mec" m0 "$(mac 2 2)" &&
	link "$iupf" n9 "$(mac 9 1)" "$psa" n9 "$(mac 9 2)" &&
	link "$psa" n6 "$(mac 1 1)" "$inet" i0 "$(mac 1 2)" || return 1
	gtpu_addr "$gnb" g0 10.0.3.1/24 && gtpu_addr "$iupf" n3 10.0.3.2/24 &&
	gtpu_addr "$iupf" n9 10.0.9.1/24 && gtpu_addr "$psa" n9 10.0.9.2/24 &&
	gtpu_addr "$iupf" n6 2001:db8:2::1/64 && gtpu_addr "$mec" m0 2001:db8:2::2/64 &&
	gtpu_addr "$psa" n6 2001:db8:1::1/64 && gtpu_addr "$inet" i0 2001:db8:1::2/64 ||
		return 1
	# Static neighbours: no packet waits for (or is lost to) resolution.
	ip -n "$iupf" neigh add 10.0.3.1 lladdr "$(mac 3 1)" dev n3 nud permanent &&
	ip -n "$iupf" neigh add 10.0.9.2 lladdr "$(mac 9 2)" dev n9 nud permanent &&
	ip -n "$psa" neigh add 10.0.9.1 lladdr "$(mac 9 1)" dev n9 nud permanent &&
	ip -n "$iupf" neigh add 2001:db8:2::2 lladdr "$(mac 2 2)" dev n6 nud permanent &&
	ip -n "$psa" neigh add 2001:db8:1::2 lladdr "$(mac 1 2)" dev n6 nud permanent ||
		return 1
	ip netns exec "$iupf" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip netns exec "$psa" sysctl -qw net.ipv6.conf.all.forwarding=1 || return 1
	# The UPF devices without a link-local address: IPv6 sends nothing
	# through them on its own (router solicitations, MLD) to count.
	nsctl "$iupf" dev add upf0 >/dev/null &&
	ip -n "$iupf" link set upf0 addrgenmode none && ip -n "$iupf" link set upf0 up &&
	ip -n "$iupf" route add 2001:db8:60::/48 dev upf0 &&
	nsctl "$iupf" ep add dev upf0 10.0.3.2 role n3 &&
	nsctl "$iupf" ep add dev upf0 10.0.9.1 role n9 &&
	nsctl "$psa" dev add psa0 >/dev/null &&
	ip -n "$psa" link set psa0 addrgenmode none && ip -n "$psa" link set psa0 up &&
	ip -n "$psa" route add 2001:db8:60::/48 dev psa0 &&
	nsctl "$psa" ep add dev psa0 10.0.9.2
}
topology
check_err $? "building the topology failed"
agent_wait && agent set GNB="$gnb" IUPF="$iupf" MEC="$mec" PSA="$psa" INET="$inet" \
	UE=$UE MEC6=2001:db8:2::2 INET6=2001:db8:1::2 \
	MAC_GNB="$(mac 3 1)" MAC_N3="$(mac 3 2)" MAC_MEC="$(mac 2 2)" \
	MAC_IUPF_N6="$(mac 2 1)" MAC_INET="$(mac 1 2)" MAC_PSA_N6="$(mac 1 1)" \
	TEID_UL=100 TEID_DL=200 TEID_N9UL=300 TEID_N9DL=400 QFI_UL=5 QFI_DL=9 &&
	agent setup
check_err $? "the scapy agent did not start"
log_test "topology: gnb (scapy), iupf, mec, psa, inet; IPv6 inner"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS

nsctl "$iupf" session add dev upf0 seid 1 \
	pdr id 1 precedence 200 src-iface access teid 100 far 1 \
	pdr id 2 precedence 200 src-iface core teid 400 far 2 \
	pdr id 3 precedence 200 src-iface core ue 2001:db8:60:1::/64 far 2 \
	pdr id 4 precedence 50 src-iface core ue 2001:db8:60:1::/64 far 2 \
		sdf 'permit out udp from 2001:db8:2::/64 9000 to 2001:db8:60:1::/64' \
	pdr id 10 precedence 10 src-iface access teid 100 far 3 \
		sdf 'permit out ip from 2001:db8:2::/64 to 2001:db8:60:1::/64' \
	pdr id 11 precedence 5 src-iface access teid 100 far 3 \
		sdf 'permit out udp from 2001:db8:2::/64 9000 to 2001:db8:60:1::/64 5003' \
	far id 1 action forw dst-iface core teid 300 peer 10.0.9.2 \
	far id 2 action forw dst-iface access teid 200 peer 10.0.3.1 qfi 9 \
	far id 3 action forw dst-iface core &&
nsctl "$psa" session add dev psa0 seid 2 \
	pdr id 1 precedence 100 src-iface access teid 300 ue 2001:db8:60:1::/64 far 1 \
	pdr id 2 precedence 100 src-iface core ue 2001:db8:60:1::/64 far 2 \
	far id 1 action forw dst-iface core \
	far id 2 action forw dst-iface access teid 400 peer 10.0.9.1 qfi 9
check_err $? "configuring the I-UPF and the PSA failed"
log_test "I-UPF with an IPv6 breakout filter, PSA anchor session"

# Capture N9 (in the I-UPF) and N3 (at the gNB) for tshark.
cap_pids=
for c in "$iupf n9" "$gnb g0"; do
	set -- $c
	ip netns exec "$1" dumpcap -q -i "$2" -f "udp port 2152" -w "$TMP/$2.pcap" \
		2>"$TMP/$2.err" &
	cap_pids="$cap_pids $!"
	for _ in $(seq 50); do
		grep -q "Capturing" "$TMP/$2.err" 2>/dev/null && break
		sleep 0.1
	done
done

# traffic DIRECTION PATH COUNT NAME: the agent sends and checks COUNT packets.
traffic()
{
	local out

	out=$(agent "$1" "$2" count="$3")
	check_err $? "$out"
	log_test "$4"
}

traffic uplink mec $N_MEC \
	"IPv6 uplink to the MEC app broken out: $N_MEC of $N_MEC delivered, none on N9"
traffic uplink inet $N_INET \
	"IPv6 uplink to the internet over N9: TEID 300, QFI 5 kept, $N_INET delivered"
traffic downlink mec $D_MEC \
	"IPv6 downlink from the MEC app: TEID 200 QFI 9 to the gNB, $D_MEC of $D_MEC"
traffic downlink inet $D_INET \
	"IPv6 downlink from the internet over N9 merged: TEID 200 QFI 9, $D_INET of $D_INET"

# ---- counters: exactly what was sent -----------------------------------------
# "hits PDR11 hits PDR10 PDR1 hits PDR4 PDR3 PDR2" of the I-UPF, then "PDR1
# PDR2" of the PSA.
pkts='.[0].pdrs | map({key: "\(.id)", value: .}) | from_entries'
got=$(nsctl "$iupf" -j session show dev upf0 seid 1 -s |
	jq -r "$pkts"' | "\(."11".sdf[0].stats.packets) \(."11".stats.packets)
		\(."10".sdf[0].stats.packets) \(."10".stats.packets)
		\(."1".stats.packets) \(."4".sdf[0].stats.packets) \(."4".stats.packets)
		\(."3".stats.packets) \(."2".stats.packets)"')
got="$(echo $got) $(nsctl "$psa" -j session show dev psa0 seid 2 -s |
	jq -r "$pkts"' | "\(."1".stats.packets) \(."2".stats.packets)"')"
p5003=$((N_MEC / 4)) rest=$((N_MEC - N_MEC / 4))
want="$p5003 $p5003 $rest $rest $N_INET $D_MEC $D_MEC 0 $D_INET $N_INET $D_INET"
[ "$got" = "$want" ]
check_err $? "filter hits and PDR 11, 10, I-UPF PDR 1, 4 (hits, PDR), 3, 2, PSA PDR 1 2: '$got', want '$want'"
log_test "filter hits: uplink port 5003 $p5003 = PDR 11, other $rest = PDR 10; downlink $D_MEC = PDR 4"

# ---- tshark: what crossed N9 and N3 ---------------------------------------------
for p in $cap_pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
cap_pids=
# One tshark run (it is slow to start under TCG) over both captures: the
# outer addresses tell N9 from N3.
mergecap -a -w "$TMP/all.pcap" "$TMP/n9.pcap" "$TMP/g0.pcap" &&
	tshark -r "$TMP/all.pcap" -T fields -E separator='|' -E occurrence=a -E aggregator=, \
	-e ip.src -e ip.dst -e gtp.message -e gtp.teid -e gtp.length -e udp.length \
	-e gtp.ext_hdr.pdu_ses_con.pdu_type -e gtp.ext_hdr.pdu_ses_con.qos_flow_id \
	-e ipv6.src -e ipv6.dst -e ipv6.plen -e _ws.expert.severity \
	>"$TMP/all.txt" 2>"$TMP/tshark.err"
check_err $? "tshark: $(cat "$TMP/tshark.err")"
# Every G-PDU well-formed (no expert info; GTP-U Length = UDP length - 16 =
# 4 optional octets + 4 of PSC + 40 of IPv6 header + its payload length),
# with a PSC, an IPv6 packet inside, and one of these:
# N9: only the internet flows, uplink TEID 300 toward the PSA (PSC UL QFI 5
# kept), downlink TEID 400 from it (PSC DL QFI 9); nothing of 2001:db8:2::/64
# (the breakout). N3 toward the gNB: TEID 200, PSC DL QFI 9, to the UE from
# the MEC app or from the internet host. (The gNB's own uplink on N3 is not
# checked here: scapy wrote it.)
awk -F'|' -v ue=$UE '
function ok() { return $3 == "0xff" && $5 == $6 - 16 && $5 == 48 + $11 && $12 == "" }
ok() && $1 == "10.0.9.1" && $2 == "10.0.9.2" && $4 == "0x0000012c" && $7 == "1" &&
	$8 == "5" && $9 == ue && $10 == "2001:db8:1::2" { print "n9-up"; next }
ok() && $1 == "10.0.9.2" && $2 == "10.0.9.1" && $4 == "0x00000190" && $7 == "0" &&
	$8 == "9" && $9 == "2001:db8:1::2" && $10 == ue { print "n9-down"; next }
ok() && $1 == "10.0.3.2" && $2 == "10.0.3.1" && $4 == "0x000000c8" && $7 == "0" &&
	$8 == "9" && $9 == "2001:db8:2::2" && $10 == ue { print "n3-mec"; next }
ok() && $1 == "10.0.3.2" && $2 == "10.0.3.1" && $4 == "0x000000c8" && $7 == "0" &&
	$8 == "9" && $9 == "2001:db8:1::2" && $10 == ue { print "n3-inet"; next }
$1 == "10.0.3.1" && $2 == "10.0.3.2" { print "n3-up"; next }
{ print "unexpected: " $0 }' "$TMP/all.txt" | LC_ALL=C sort | uniq -c >"$TMP/paths.txt"
got=$(awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1 }' "$TMP/paths.txt")
want="n3-inet=$D_INET n3-mec=$D_MEC n3-up=$((N_MEC + N_INET)) n9-down=$D_INET n9-up=$N_INET"
[ "$got" = "$want" ]
check_err $? "got '$got', want '$want'; $(grep -m1 unexpected "$TMP/paths.txt")"
log_test "tshark: N9 TEID 300 up, 400 down, no breakout; N3 TEID 200 QFI 9, well-formed"

exit $EXIT_STATUS
