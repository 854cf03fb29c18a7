#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configuration raced against traffic in both directions: floods of G-PDUs
# (uplink, to socket-path and fast-path endpoints, IPv4 and IPv6 outer and
# inner) and of plain UDP toward UE addresses (downlink) while sessions
# owning those TEIDs and UE addresses are added, modified and deleted, while
# endpoints and supervised peers come and go, while the device is deleted
# and re-created, and while the UPF's namespace is deleted.
#
#  gnb ns                    upf ns                                        dn ns
#  10.0.3.1, .9     g0 --- n3 10.0.3.2       ep            n6 10.1.0.1 --- d0 10.1.0.2
#  2001:db8:3::1, ::9        10.0.3.3       ep fastpath      2001:db8:1::1    2001:db8:1::2
#                            2001:db8:3::2  ep
#  gtpu_flood: G-PDUs        2001:db8:3::3  ep fastpath              gtpu_flood: UDP
#  to the 4 endpoints        upf0: 10.60.0.0/16, 2001:db8:60::/48    to the UEs, port 9
#  nft: counts upf0's                                                nft: counts, drops
#  G-PDUs, drops :2152                                               udp port 9
#
# Sessions: 1 (TEID 0x1, UE 10.60.0.1) and 2 (TEID 0x3, UE 2001:db8:60::/64)
# stay; 0x100, 0x101 (TEIDs 0x100, 0x101, UEs 10.60.1.1, 10.60.1.2) and
# 0x180, 0x181 (TEIDs 0x180, 0x181, UEs 2001:db8:60:1::/64, 2001:db8:60:2::/64)
# are churned, each with 72 more PDRs (144 more keys, as many as an edgectl
# batch line holds: the session's first keys are published long before its
# last).
#
# Phases (each bounded in time and count; shorter on the debug kernel):
#   sessions   floods to the churned sessions while a loop adds them, modifies
#              them (peer changed under peer-check, peer-check off with a
#              dropping FAR, 40 PDRs removed and 40 others added, FAR set to
#              buffer, PDR and FAR replaced) and deletes them, and another
#              dumps the sessions (a paused dump holds one); then every
#              packet sent is delivered, encapsulated or counted as a drop
#              of an expected reason, and what upf0 delivered and sent
#              reached the DN and the gNB
#   endpoints  floods to the stable sessions while the endpoints are deleted
#              and re-added (the fast-path flag moving between them) and
#              supervised peers (100 ms) are added and deleted; downlink adds
#              up exactly, uplink up to the G-PDUs the UDP layer took while an
#              endpoint's socket had no encap handler (being set up or torn
#              down: counted only in Udp InDatagrams or InErrors)
#   device     floods and dumps while upf0 is deleted and re-created with
#              its endpoints, peers and sessions (ip link and genl in turn)
#   steady     a fixed number of packets per stream against the stable
#              sessions: all delivered, in upf0's, the PDRs' and the
#              receivers' counters, no drop
#   netns      floods while the UPF's namespace is deleted (device, fast-path
#              hooks, sockets, peers with it), until its veths are gone;
#              built again between rounds
# vm.sh fails the run on any kernel splat or kmemleak report.
#
# Knobs: STRESS_SECS (each churn phase, default 10 s; 5 s on the debug
# kernel, where the device is re-created once and the namespace deleted
# once), STRESS_PHASES (default "sessions endpoints device steady netns"),
# STRESS_FLOODS (default "ul4 ul4fp ul6 ul6fp dl4 dl6": uplink to each
# endpoint, downlink per family).
source "$(dirname "$0")/lib.sh"

require_edgedp
require_command jq
require_command nft

TMP=
FLOOD_PIDS=()
READER_PID=

cleanup()
{
	local p

	for p in "${FLOOD_PIDS[@]}" $READER_PID; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	cleanup_all_ns
	[ -n "$TMP" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d)

if [ "${EDGEDP_TARGET:-}" = debug ]; then
	SECS=${STRESS_SECS:-5}
	RECREATE=1 ROUNDS=1 DISMANTLE_SECS=240
	STEADY_N=200
else
	SECS=${STRESS_SECS:-10}
	RECREATE=2 ROUNDS=2 DISMANTLE_SECS=60
	STEADY_N=1000
fi
PHASES=${STRESS_PHASES:-sessions endpoints device steady netns}
FLOODS=${STRESS_FLOODS:-ul4 ul4fp ul6 ul6fp dl4 dl6}
FILLERS=72

# The sender: built by selftests' make on the host, else here, while the
# topology is set up (-O0: a third of -O2's time under TCG; the kernel does
# the work).
FLOOD=$TESTS_DIR/gtpu_flood
cc_pid=
if [ ! -x "$FLOOD" ] || [ "$FLOOD" -ot "$TESTS_DIR/gtpu_flood.c" ]; then
	require_command gcc
	FLOOD=$TMP/gtpu_flood
	gcc -O0 -o "$FLOOD" "$TESTS_DIR/gtpu_flood.c" &
	cc_pid=$!
fi

# phase NAME: whether it runs; when it does, a mark in the kernel log (a
# splat's timestamp then tells how far into the phase it came).
phase()
{
	case " $PHASES " in *" $1 "*) ;; *) return 1 ;; esac
	echo "edgedp-selftest: stress: phase $1" >/dev/kmsg 2>/dev/null
	return 0
}
mac() { printf '02:00:00:00:%02x:%02x' "$1" "$2"; }

# ---- topology -----------------------------------------------------------------------
# sysctls NS [KEY=VALUE...]
sysctls()
{
	local ns=$1

	shift
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.router_solicitations=0 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 "$@"
}

# The gNB's and the DN's side: a counter of what reaches them, and a drop,
# so that nothing answers (no ICMP back into the UPF). Rule counters, not
# named ones: the debug kernel has no NFT_OBJREF.
setup_ends()
{
	setup_ns gnb dn || return 1
	sysctls "$gnb" && sysctls "$dn" || return 1
	ip netns exec "$gnb" nft -f - <<-EOF || return 1
	table inet edgedp_stress {
		chain in {
			type filter hook input priority 0; policy accept;
			udp dport 2152 @th,72,8 255 counter drop
			udp dport 2152 drop
		}
	}
	EOF
	ip netns exec "$dn" nft -f - <<-EOF
	table inet edgedp_stress {
		chain in {
			type filter hook input priority 0; policy accept;
			udp dport 9 counter drop
		}
	}
	EOF
}

# A bystander namespace holding an endpoint of each kind and family for the
# whole test, so that the static keys the system's first such endpoint
# enables (UDP encap, netfilter's PRE_ROUTING) stay enabled when upf0 or its
# namespace goes: no jump label is patched while the floods run. (On 6.12
# under TCG, one patched under load had both vCPUs execute its transient
# int3 after the patch was done: "Oops: int3" in ip_rcv, an emulation
# artefact that would fail the run.)
setup_keeper()
{
	setup_ns keep &&
		ip -n "$keep" addr add 10.255.0.1/32 dev lo &&
		ip -n "$keep" addr add 2001:db8:ff::1/128 dev lo nodad &&
		nsctl "$keep" -b - >/dev/null <<-EOF
	dev add keep0
	ep add dev keep0 10.255.0.1
	ep add dev keep0 10.255.0.1 port 2153 fastpath
	ep add dev keep0 2001:db8:ff::1
	ep add dev keep0 2001:db8:ff::1 port 2153 fastpath
	EOF
}

# The UPF's namespace, its links to the gNB and the DN (both ends), upf0.
setup_upf()
{
	ip netns add "$upf" &&
	sysctls "$upf" net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 &&
	ip link add g0 netns "$gnb" address "$(mac 3 1)" type veth \
		peer name n3 netns "$upf" address "$(mac 3 2)" &&
	ip link add n6 netns "$upf" address "$(mac 1 1)" type veth \
		peer name d0 netns "$dn" address "$(mac 1 2)" || return 1
	ip -n "$gnb" -b - <<-EOF || return 1
	addr add 10.0.3.1/24 dev g0
	addr add 10.0.3.9/24 dev g0
	addr add 2001:db8:3::1/64 dev g0 nodad
	addr add 2001:db8:3::9/64 dev g0 nodad preferred_lft 0
	link set g0 up
	neigh replace 10.0.3.2 lladdr $(mac 3 2) dev g0 nud permanent
	neigh replace 10.0.3.3 lladdr $(mac 3 2) dev g0 nud permanent
	neigh replace 2001:db8:3::2 lladdr $(mac 3 2) dev g0 nud permanent
	neigh replace 2001:db8:3::3 lladdr $(mac 3 2) dev g0 nud permanent
	EOF
	ip -n "$dn" -b - <<-EOF || return 1
	addr add 10.1.0.2/24 dev d0
	addr add 2001:db8:1::2/64 dev d0 nodad
	link set d0 up
	neigh replace 10.1.0.1 lladdr $(mac 1 1) dev d0 nud permanent
	neigh replace 2001:db8:1::1 lladdr $(mac 1 1) dev d0 nud permanent
	route add 10.60.0.0/16 via 10.1.0.1
	route add 2001:db8:60::/48 via 2001:db8:1::1
	EOF
	ip -n "$upf" -b - <<-EOF || return 1
	link set lo up
	addr add 10.0.3.2/24 dev n3
	addr add 10.0.3.3/24 dev n3
	addr add 2001:db8:3::2/64 dev n3 nodad
	addr add 2001:db8:3::3/64 dev n3 nodad
	addr add 10.1.0.1/24 dev n6
	addr add 2001:db8:1::1/64 dev n6 nodad
	link set n3 up
	link set n6 up
	neigh replace 10.0.3.1 lladdr $(mac 3 1) dev n3 nud permanent
	neigh replace 10.0.3.9 lladdr $(mac 3 1) dev n3 nud permanent
	neigh replace 2001:db8:3::1 lladdr $(mac 3 1) dev n3 nud permanent
	neigh replace 2001:db8:3::9 lladdr $(mac 3 1) dev n3 nud permanent
	neigh replace 10.1.0.2 lladdr $(mac 1 2) dev n6 nud permanent
	neigh replace 2001:db8:1::2 lladdr $(mac 1 2) dev n6 nud permanent
	link add upf0 type edgedp
	EOF
	upf0_up && nsctl "$upf" -b "$TMP/config"
}

# upf0 up without IPv6 of its own (nothing it sends by itself counts), routed.
upf0_up()
{
	ip -n "$upf" -b - <<-EOF
	link set upf0 addrgenmode none
	link set upf0 up
	route add 10.60.0.0/16 dev upf0
	route add 2001:db8:60::/48 dev upf0
	EOF
}

# recreate_upf0 N: upf0 deleted and added again (with ip link when N is
# even, over genl when odd), up, configured.
recreate_upf0()
{
	if [ $(($1 % 2)) = 0 ]; then
		ip -n "$upf" link del upf0 && ip -n "$upf" link add upf0 type edgedp
	else
		nsctl "$upf" dev del upf0 && nsctl "$upf" dev add upf0 >/dev/null
	fi && upf0_up && nsctl "$upf" -b "$TMP/config" && nsctl "$upf" -b "$TMP/config.more"
}

# ---- the configuration and the churn, as edgectl batch files -------------------------
# One awk run writes them all (bash loops cost seconds under TCG):
#   config          endpoints, the stable sessions 1 and 2
#   config.more     a big session (0x100) and a supervised peer
#   churn.sessions  a round of the sessions phase's churn
#   churn.endpoints two rounds of the endpoints phase's churn (the fast
#                   path moves and comes back)
# Churned session k (0, 1: IPv4; 2, 3: IPv6) has SEID and UL TEID 0x100 + k
# (IPv6: 0x180 + k - 2), DL TEID + 0x100, UE 10.60.1.(k + 1) or
# 2001:db8:60:(k - 1)::/64, its gNB at 10.0.3.1 or 2001:db8:3::1 (the other
# one: .9, ::9), and FILLERS more PDRs, each with a TEID and a UE address of
# its own (set 1; set 2 is the other 40 that a modification brings).
gen_batches()
{
	awk -v dir="$TMP" -v fillers="$FILLERS" '
	function churned(k) {
		if (k < 2) {
			SEID = 256 + k; UE = "10.60.1." (k + 1)
			P = "10.0.3.1"; P2 = "10.0.3.9"
		} else {
			SEID = 384 + k - 2; UE = "2001:db8:60:" (k - 1) "::/64"
			P = "2001:db8:3::1"; P2 = "2001:db8:3::9"
		}
		S = sprintf("dev upf0 seid 0x%x", SEID)
		TEID = sprintf("0x%x", SEID); DL = sprintf("0x%x", SEID + 256)
		PDR1 = "pdr id 1 precedence 1 src-iface access teid " TEID " ue " UE
		FAR2 = "far id 2 action forw dst-iface access teid " DL " peer "
	}
	function fill(k, set, n,   j, s, ue) {
		for (j = 0; j < n; j++) {
			if (k < 2)
				ue = sprintf("10.6%d.%d.%d", set, k, j)
			else
				ue = sprintf("2001:db8:6%d:%x::/64", set, k * 256 + j)
			s = s sprintf(" pdr id %d precedence %d src-iface access teid 0x%x ue %s far 1",
				      10 + j, 10 + j, 65536 * (k + 1) + 32768 * (set - 1) + j, ue)
		}
		return s
	}
	BEGIN {
		f = dir "/config"
		print "ep add dev upf0 10.0.3.2 role n3" > f
		print "ep add dev upf0 10.0.3.3 role n3 fastpath" > f
		print "ep add dev upf0 2001:db8:3::2 role n3" > f
		print "ep add dev upf0 2001:db8:3::3 role n3 fastpath" > f
		print "session add dev upf0 seid 1" \
			" pdr id 1 precedence 1 src-iface access teid 0x1 ue 10.60.0.1 far 1" \
			" pdr id 2 precedence 1 src-iface core ue 10.60.0.1 far 2" \
			" far id 1 action forw dst-iface core" \
			" far id 2 action forw dst-iface access teid 0x2 peer 10.0.3.1" > f
		print "session add dev upf0 seid 2" \
			" pdr id 1 precedence 1 src-iface access teid 0x3 ue 2001:db8:60::/64 far 1" \
			" pdr id 2 precedence 1 src-iface core ue 2001:db8:60::/64 far 2" \
			" far id 1 action forw dst-iface core" \
			" far id 2 action forw dst-iface access teid 0x4 peer 2001:db8:3::1" > f

		f = dir "/config.more"
		churned(0)
		print "session add " S " " PDR1 " far 1 far id 1 action forw dst-iface core " \
			FAR2 P fill(0, 1, fillers) > f
		print "peer add dev upf0 10.0.3.9 interval 100 retries 1" > f

		f = dir "/churn.sessions"
		for (round = 0; round < 1; round++) {
			for (k = 0; k < 4; k++) {
				churned(k)
				print "session add " S " " PDR1 " far 1" \
					" pdr id 2 precedence 2 src-iface core ue " UE " far 2" \
					" far id 1 action forw dst-iface core " FAR2 P fill(k, 1, fillers) > f
			}
			print "session show dev upf0" > f
			# Another peer: peer-check drops the uplink.
			for (k = 0; k < 4; k++) {
				churned(k)
				print "session mod " S " " FAR2 P2 " qfi 5" > f
			}
			# No peer-check; the uplink to a dropping FAR.
			for (k = 0; k < 4; k++) {
				churned(k)
				print "session mod " S " peer-check off far id 3 action drop " \
					PDR1 " far 3" > f
			}
			# Back, 40 PDRs (80 keys) fewer.
			for (k = 0; k < 4; k++) {
				churned(k)
				s = ""
				for (j = 10; j < 50; j++)
					s = s " remove-pdr " j
				print "session mod " S s " remove-far 3 " PDR1 " far 1 " FAR2 P \
					" peer-check on" > f
			}
			# 40 PDRs with keys not used before.
			for (k = 0; k < 4; k++) {
				churned(k)
				print "session mod " S fill(k, 2, 40) > f
			}
			print "dev show upf0 -s" > f
			for (k = 0; k < 4; k++) {
				churned(k)
				print "far change " S " id 2 action buff,nocp" > f
				print "pdr replace " S " id 2 precedence 2 src-iface core ue " UE \
					" far 2" > f
				print "far replace " S " id 2 action forw dst-iface access" \
					" teid " DL " peer " P > f
			}
			for (k = 0; k < 4; k++) {
				churned(k)
				print "session del " S > f
			}
		}

		# Every endpoint deleted and added back, the fast path moving from
		# .3 to .2 and back; peers added and deleted.
		f = dir "/churn.endpoints"
		for (round = 0; round < 2; round++) {
			fp2 = round % 2 ? "" : " fastpath"
			fp3 = round % 2 ? " fastpath" : ""
			for (a = 0; a < 2; a++) {
				p = a ? "2001:db8:3::" : "10.0.3."
				print "ep del dev upf0 " p 2 > f
				print "ep add dev upf0 " p 2 " role n3" fp2 > f
				print "ep del dev upf0 " p 3 > f
				print "ep add dev upf0 " p 3 " role n3" fp3 > f
			}
			print "peer add dev upf0 10.0.3.1 interval 100 retries 1" > f
			print "peer add dev upf0 2001:db8:3::1 interval 100" > f
			print "peer add dev upf0 10.0.3.9 interval 100" > f
			print "ep show dev upf0" > f
			print "peer del dev upf0 10.0.3.1" > f
			print "peer del dev upf0 2001:db8:3::1" > f
			print "peer del dev upf0 10.0.3.9" > f
		}
	}'
}

# ---- traffic ------------------------------------------------------------------------
# streams WHICH: gtpu_flood's streams of $FLOODS toward the churned or
# the stable sessions, "UL..." then "DL...".
streams()
{
	local f ul=() dl=() teid4 ue4 teid6 ue6 n

	if [ "$1" = churned ]; then
		teid4=0x100 ue4=10.60.1.1 teid6=0x180 ue6=2001:db8:60:1::1 n=2
	else
		teid4=0x1 ue4=10.60.0.1 teid6=0x3 ue6=2001:db8:60::1 n=1
	fi
	for f in $FLOODS; do
		case $f in
		ul4) ul+=("g,10.0.3.2,$teid4,$ue4,10.1.0.2,$n") ;;
		ul4fp) ul+=("g,10.0.3.3,$teid4,$ue4,10.1.0.2,$n") ;;
		ul6) ul+=("g,2001:db8:3::2,$teid6,$ue6,2001:db8:1::2,$n") ;;
		ul6fp) ul+=("g,2001:db8:3::3,$teid6,$ue6,2001:db8:1::2,$n") ;;
		dl4) dl+=("u,$ue4,$n") ;;
		dl6) dl+=("u,$ue6,$n") ;;
		esac
	done
	UL_STREAMS=("${ul[@]}") DL_STREAMS=("${dl[@]}")
}

# flood_start WHICH ARGS...: the uplink sender in gnb, the downlink one in
# dn, in the background (ARGS: gtpu_flood's options).
flood_start()
{
	streams "$1"
	shift
	FLOOD_PIDS=()
	rm -f "$TMP"/ul.out "$TMP"/dl.out
	if [ ${#UL_STREAMS[@]} -gt 0 ]; then
		ip netns exec "$gnb" "$FLOOD" "$@" "${UL_STREAMS[@]}" >"$TMP/ul.out" &
		FLOOD_PIDS+=($!)
	fi
	if [ ${#DL_STREAMS[@]} -gt 0 ]; then
		ip netns exec "$dn" "$FLOOD" "$@" "${DL_STREAMS[@]}" >"$TMP/dl.out" &
		FLOOD_PIDS+=($!)
	fi
}

# flood_stop: stop the senders (or wait for them with "wait"), let what
# they sent settle; UL_SENT and DL_SENT.
flood_stop()
{
	local p

	[ "${1:-}" = wait ] || for p in "${FLOOD_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${FLOOD_PIDS[@]}"; do wait "$p"; done
	FLOOD_PIDS=()
	sleep 0.5
	UL_SENT=$(sed -n 's/^total sent=//p' "$TMP/ul.out" 2>/dev/null)
	DL_SENT=$(sed -n 's/^total sent=//p' "$TMP/dl.out" 2>/dev/null)
	UL_SENT=${UL_SENT:-0} DL_SENT=${DL_SENT:-0}
}

# churn FILE SECS: run the batch FILE (pipelined, -force) again and again
# for SECS; CHURN_RUNS, CHURN_FAILED (lines that failed; stderr in FILE.err).
churn()
{
	local end=$((SECONDS + $2)) rc

	CHURN_RUNS=0 CHURN_FAILED=0
	: >"$1.err"
	while [ $SECONDS -lt $end ]; do
		nsctl "$upf" -b "$1" -force >/dev/null 2>>"$1.err"
		rc=$?
		CHURN_RUNS=$((CHURN_RUNS + 1))
		[ $rc = 0 ] || CHURN_FAILED=$(grep -c '^Command failed' "$1.err")
	done
}

# reader_start SECS: dumps of upf0's sessions and counters in a loop, in the
# background, for SECS: a dump that pauses holds the session it resumes
# with, which the churn deletes (or the device with it). reader_stop.
reader_start()
{
	local end=$((SECONDS + $1))

	while [ $SECONDS -lt $end ]; do
		nsctl "$upf" -j session show dev upf0 >/dev/null 2>&1
		nsctl "$upf" -j dev show -s >/dev/null 2>&1
	done &
	READER_PID=$!
}

reader_stop()
{
	wait "$READER_PID"
	READER_PID=
}

# ---- counters -------------------------------------------------------------------------
# snapshot ARRAY: what the checks add up, into the associative ARRAY: upf0's
# counters, the packets of PDRs 1 and 2 of sessions 1 and 2 ("pdr:S:P"),
# the veths' drops, the gNB's and the DN's counters, the UPF's UDP MIB (one
# jq for all: every program started costs, seconds on the debug kernel).
snapshot()
{
	local -n _snap=$1
	local k v

	_snap=()
	while IFS='=' read -r k v; do
		[ -n "$k" ] && _snap[$k]=$v
	done < <(
		{
			nsctl "$upf" -j dev show upf0 -s
			nsctl "$upf" -j session show dev upf0
			ip -n "$gnb" -j -s link show dev g0
			ip -n "$dn" -j -s link show dev d0
			ip -n "$upf" -j -s link show
			ip netns exec "$gnb" nft -j list chain inet edgedp_stress in
			ip netns exec "$dn" nft -j list chain inet edgedp_stress in
		} | jq -rn '[inputs] as [$dev, $sess, $g0, $d0, $upf, $gnb, $dn] |
			($dev[0].stats | "rx=\(.rx_packets)", "tx=\(.tx_packets)",
			 "drops=\([.drops[]] | add // 0)",
			 (.drops | to_entries[] | "drop:\(.key)=\(.value)")),
			($sess[] | select(.seid == 1 or .seid == 2) | .seid as $s |
			 .pdrs[] | select(.id == 1 or .id == 2) |
			 "pdr:\($s):\(.id)=\(.stats.packets)"),
			"g0_txdrop=\($g0[0].stats64.tx.dropped)",
			"d0_txdrop=\($d0[0].stats64.tx.dropped)",
			($upf[] | select(.ifname == "n3" or .ifname == "n6") |
			 "\(.ifname)_txdrop=\(.stats64.tx.dropped)"),
			"gnb=\([$gnb.nftables[] | .rule? // empty | .expr[] | .counter? // empty |
				.packets] | add)",
			"dn=\([$dn.nftables[] | .rule? // empty | .expr[] | .counter? // empty |
				.packets] | add)"'
		ip netns exec "$upf" awk '
			$1 == "Udp:" && !h { for (i = 2; i <= NF; i++) col[$i] = i; h = 1; next }
			$1 == "Udp:" { print "udp_noports=" $col["NoPorts"]
				print "udp_in=" $col["InDatagrams"]; print "udp_err=" $col["InErrors"] }
			$1 == "Udp6NoPorts" { print "udp6_noports=" $2 }
			$1 == "Udp6InDatagrams" { print "udp6_in=" $2 }
			$1 == "Udp6InErrors" { print "udp6_err=" $2 }' /proc/net/snmp /proc/net/snmp6
	)
}

# delta KEY: its growth from s0 to s1.
delta() { echo $(( ${s1[$1]:-0} - ${s0[$1]:-0} )); }

# The drop reasons that grew from s0 to s1, "reason+N ...".
drops_grown()
{
	local k out=

	for k in "${!s1[@]}"; do
		[[ $k == drop:* ]] || continue
		[ "$(delta "$k")" = 0 ] || out+=" ${k#drop:}+$(delta "$k")"
	done
	echo "${out# }"
}

# unexpected_drops REASON...: the reasons that grew and are not listed.
unexpected_drops()
{
	local d out=

	for d in $(drops_grown); do
		case " $* " in *" ${d%+*} "*) ;; *) out+=" $d" ;; esac
	done
	echo "${out# }"
}

# Downstream checks: what upf0 delivered reached the DN, what it sent the gNB.
check_downstream()
{
	local rx tx dn gnb

	rx=$(delta rx) tx=$(delta tx) dn=$(delta dn) gnb=$(delta gnb)
	[ "$rx" = $((dn + $(delta n6_txdrop))) ]
	check_err $? "upf0 delivered $rx, the DN counted $dn (n6 dropped $(delta n6_txdrop))"
	[ "$tx" = $((gnb + $(delta n3_txdrop))) ]
	check_err $? "upf0 sent $tx G-PDUs, the gNB counted $gnb (n3 dropped $(delta n3_txdrop))"
}

# ---- setup ------------------------------------------------------------------------------
upf=upf-$(mktemp -u XXXXXX)
NS_LIST+=("$upf")
gen_batches && setup_keeper && setup_ends && setup_upf && nsctl "$upf" -b "$TMP/config.more"
check_err $? "building the topology failed"
if [ -n "$cc_pid" ]; then
	wait "$cc_pid"
	check_err $? "cannot build gtpu_flood"
fi
echo "INFO: setup ($SECONDS s)"
log_test "topology: gnb, upf (upf0, 4 endpoints, 3 sessions), dn"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS
nsctl "$upf" session del dev upf0 seid 0x100

# ---- sessions ---------------------------------------------------------------------------
declare -A s0 s1
have_s1=0	# s1 is the counters now: the next phase starts from them

if phase sessions; then
	t0=$SECONDS
	snapshot s0
	flood_start churned -t $((SECS + 120))
	reader_start "$SECS"
	churn "$TMP/churn.sessions" "$SECS"
	reader_stop
	flood_stop
	snapshot s1
	have_s1=1
	sent=$((UL_SENT + DL_SENT))
	pre=$(($(delta g0_txdrop) + $(delta d0_txdrop)))
	seen=$(($(delta rx) + $(delta tx) + $(delta drops)))
	echo "INFO: sessions ($((SECONDS - t0)) s): $CHURN_RUNS batches; sent $UL_SENT up, $DL_SENT down;" \
		"delivered $(delta rx), encapsulated $(delta tx), drops: $(drops_grown)," \
		"lost on veths $pre"
	[ "$CHURN_FAILED" = 0 ]
	check_err $? "$CHURN_FAILED churn lines failed: $(head -n 4 "$TMP/churn.sessions.err")"
	[ "$UL_SENT" -gt 0 ] || [ "$DL_SENT" -gt 0 ]
	check_err $? "no traffic sent"
	[ "$sent" = $((seen + pre)) ]
	check_err $? "sent $sent != delivered + encapsulated + dropped $seen + lost on veths $pre"
	out=$(unexpected_drops no-teid no-session no-pdr peer far)
	[ -z "$out" ]
	check_err $? "unexpected drop reasons: $out"
	check_downstream
	log_test "sessions added, modified, deleted under floods: every packet accounted for"
fi

# ---- endpoints and peers --------------------------------------------------------------
if phase endpoints; then
	t0=$SECONDS
	if [ $have_s1 = 1 ]; then
		s0=()
		for k in "${!s1[@]}"; do s0[$k]=${s1[$k]}; done
	else
		snapshot s0
	fi
	flood_start stable -t $((SECS + 120))
	churn "$TMP/churn.endpoints" "$SECS"
	flood_stop
	snapshot s1
	noports=$(($(delta udp_noports) + $(delta udp6_noports)))
	udpin=$(($(delta udp_in) + $(delta udp6_in) + $(delta udp_err) + $(delta udp6_err)))
	ul_drops=0
	for d in $(drops_grown); do
		case ${d%+*} in no-endpoint) ;; *) ul_drops=$((ul_drops + ${d#*+})) ;; esac
	done
	dl_seen=$(($(delta tx) + $(delta drop:no-endpoint)))
	ul_seen=$(($(delta rx) + ul_drops + noports + $(delta g0_txdrop)))
	unseen=$((UL_SENT - ul_seen))
	echo "INFO: endpoints ($((SECONDS - t0)) s): $CHURN_RUNS batches; sent $UL_SENT up, $DL_SENT down;" \
		"delivered $(delta rx), encapsulated $(delta tx), drops: $(drops_grown);" \
		"Udp NoPorts $noports, InDatagrams + InErrors $udpin; G-PDUs taken by" \
		"the UDP layer from a socket without its encap handler $unseen"
	[ "$CHURN_FAILED" = 0 ]
	check_err $? "$CHURN_FAILED churn lines failed: $(head -n 4 "$TMP/churn.endpoints.err")"
	[ "$DL_SENT" = $((dl_seen + $(delta d0_txdrop))) ]
	check_err $? "downlink: sent $DL_SENT != encapsulated + no-endpoint $dl_seen + lost on d0 $(delta d0_txdrop)"
	[ "$unseen" -ge 0 ] && [ "$unseen" -le "$udpin" ]
	check_err $? "uplink: sent $UL_SENT, delivered + dropped + NoPorts + lost on g0 $ul_seen"
	out=$(unexpected_drops no-endpoint)
	[ -z "$out" ]
	check_err $? "unexpected drop reasons: $out"
	check_downstream
	log_test "endpoints and peers deleted and added under floods: packets accounted for"
fi

# ---- the device -------------------------------------------------------------------------
if phase device; then
	t0=$SECONDS
	flood_start stable -t $((SECS + 120))
	reader_start "$SECS"
	end=$((SECONDS + SECS)) n=0 fails=0
	# RECREATE times at least (twice: once with ip link, once over genl).
	while [ $n -lt "$RECREATE" ] || [ $SECONDS -lt $end ]; do
		recreate_upf0 $n || fails=$((fails + 1))
		n=$((n + 1))
	done
	reader_stop
	flood_stop
	echo "INFO: device ($((SECONDS - t0)) s): $n times re-created; sent $UL_SENT up, $DL_SENT down"
	[ $fails = 0 ]
	check_err $? "$fails of $n re-creations failed"
	[ "$UL_SENT" -gt 0 ] || [ "$DL_SENT" -gt 0 ]
	check_err $? "no traffic sent"
	log_test "upf0 deleted and re-created under floods (ip link, genl)"
fi

# ---- steady -------------------------------------------------------------------------------
if phase steady; then
	t0=$SECONDS
	nsctl "$upf" session del dev upf0 seid 0x100 2>/dev/null
	streams stable
	nul=${#UL_STREAMS[@]} ndl=${#DL_STREAMS[@]}
	snapshot s0
	flood_start stable -n "$STEADY_N" -B 32 -i 1000 -t 120
	flood_stop wait
	snapshot s1
	pdrs="$(delta pdr:1:1) $(delta pdr:1:2) $(delta pdr:2:1) $(delta pdr:2:2)"
	echo "INFO: steady ($((SECONDS - t0)) s): sent $UL_SENT up, $DL_SENT down; delivered $(delta rx)," \
		"encapsulated $(delta tx), drops: $(drops_grown); PDR packets (1:1 1:2 2:1 2:2) $pdrs"
	[ "$UL_SENT" = $((nul * STEADY_N)) ] && [ "$DL_SENT" = $((ndl * STEADY_N)) ]
	check_err $? "the senders sent $UL_SENT and $DL_SENT, not $((nul * STEADY_N)) and $((ndl * STEADY_N))"
	[ "$(delta rx)" = "$UL_SENT" ] && [ "$(delta tx)" = "$DL_SENT" ] &&
		[ "$(delta drops)" = 0 ]
	check_err $? "upf0: delivered $(delta rx) of $UL_SENT, encapsulated $(delta tx) of $DL_SENT, drops: $(drops_grown)"
	check_downstream
	# Session 1: ul4 + ul4fp up, dl4 down; session 2: ul6 + ul6fp, dl6.
	want=()
	for f in ul4 ul4fp ul6 ul6fp dl4 dl6; do
		case " $FLOODS " in *" $f "*) want+=("$STEADY_N") ;; *) want+=(0) ;; esac
	done
	[ "$pdrs" = "$((want[0] + want[1])) ${want[4]} $((want[2] + want[3])) ${want[5]}" ]
	check_err $? "PDR counters grew by $pdrs"
	log_test "steady traffic after the churn: $UL_SENT up, $DL_SENT down, all delivered and counted"
fi

# ---- the namespace ----------------------------------------------------------------------
# Last: the final round's namespace is not built again.
if phase netns; then
	t0=$SECONDS
	flood_start stable -t $((SECS + ROUNDS * (DISMANTLE_SECS + 120)))
	fails=0 slow=0 gone=
	for ((r = 1; r <= ROUNDS; r++)); do
		sleep 1
		t1=$SECONDS
		ip netns del "$upf"
		# Its veths go with its devices: g0 gone, the dismantling is well
		# under way (the floods hit it until then).
		end=$((SECONDS + DISMANTLE_SECS))
		while ip -n "$gnb" link show dev g0 >/dev/null 2>&1; do
			[ $SECONDS -lt $end ] || { slow=$((slow + 1)); break; }
			sleep 0.2
		done
		gone+=" $((SECONDS - t1))"
		[ $r = "$ROUNDS" ] && break
		if ! { setup_upf && nsctl "$upf" -b "$TMP/config.more"; }; then
			fails=$((fails + 1))
			break
		fi
	done
	flood_stop
	echo "INFO: netns ($((SECONDS - t0)) s): $ROUNDS times deleted under load (its veths gone after${gone} s);" \
		"sent $UL_SENT up, $DL_SENT down"
	[ $fails = 0 ] && [ $slow = 0 ]
	check_err $? "$fails rebuilds failed; $slow times the veths outlived the namespace by $DISMANTLE_SECS s"
	log_test "the UPF's namespace deleted under floods ($ROUNDS times)"
fi

exit $EXIT_STATUS
