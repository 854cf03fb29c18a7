#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the edgedp_gtpu_*.sh tests, sourced after ../lib.sh.
#
#   require_gtpu            skip without scapy or jq; fail without edgectl's
#                           GTP-U objects
#   gtpu_topology           the namespaces gnb, upf, dn, n9 of the tests'
#                           diagrams, with upf0 and its three endpoints
#                           (GTPU_EP_OPTS: more words for the N3 ones)
#   session SEID UE TEID FAR1... -- FAR2... [-- MORE...]
#                           PDR 1: access, TEID, UE -> FAR 1 (FAR1 args);
#                           PDR 2: core, UE -> FAR 2, forw to access (FAR2
#                           args); MORE: further rules, edgectl's grammar
#   agent_start MODULE      start gtpu/agent.py MODULE (it imports scapy once,
#                           which takes tens of seconds under TCG)
#   agent_wait              until it is ready
#   agent CMD ARGS...       run one command in it: its output on stdout, its
#                           verdict as the return code
#   snap                    upf0's counters as JSON (edgectl -j dev show -s)
#   changes SNAP0 SNAP1     "rx_packets+n tx_packets+n reason+n ..." of the
#                           counters that grew
#   byte_changes SNAP0 SNAP1  "RX TX": growth of rx_bytes and tx_bytes
#   pdr_stats SEID PDR      "packets bytes" of one PDR of upf0

GTPU_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AGENT_TIMEOUT=${AGENT_TIMEOUT:-600}
AGENT_PID=
AGENT_DIR=

require_gtpu()
{
	require_command jq
	"$PYTHON" -c 'import scapy.contrib.gtp' 2>/dev/null ||
		{ echo "SKIP: python3-scapy is not installed"; exit "$ksft_skip"; }
	"$EDGECTL" session help >/dev/null 2>&1 ||
		{ echo "FAIL: $EDGECTL has no session object"; exit "$ksft_fail"; }
}

# ---- the agent ----------------------------------------------------------------

agent_start()
{
	AGENT_DIR=$(mktemp -d)
	mkfifo "$AGENT_DIR/in" "$AGENT_DIR/out"
	"$PYTHON" -u "$GTPU_DIR/agent.py" "$@" <"$AGENT_DIR/in" >"$AGENT_DIR/out" 2>&1 &
	AGENT_PID=$!
	exec {AGENT_W}>"$AGENT_DIR/in"
	exec {AGENT_R}<"$AGENT_DIR/out"
}

agent_stop()
{
	[ -n "$AGENT_PID" ] || return 0
	exec {AGENT_W}>&-
	kill "$AGENT_PID" 2>/dev/null
	wait "$AGENT_PID" 2>/dev/null
	exec {AGENT_R}<&-
	AGENT_PID=
	rm -rf "$AGENT_DIR"
}

# Lines before "@@READY" (import errors) are printed; scapy's warnings not.
agent_wait()
{
	local line

	while IFS= read -r -t "$AGENT_TIMEOUT" line <&"$AGENT_R"; do
		[ "$line" = "@@READY" ] && return 0
		case $line in WARNING:*) continue ;; esac
		printf '%s\n' "$line"
	done
	echo "agent: did not start"
	return 1
}

agent()
{
	local line

	printf '%s\n' "$(printf '%q ' "$@")" >&"$AGENT_W" || { echo "agent: gone"; return 3; }
	while IFS= read -r -t "$AGENT_TIMEOUT" line <&"$AGENT_R"; do
		case $line in
		"@@END "*) return "${line#@@END }" ;;
		esac
		printf '%s\n' "$line"
	done
	echo "agent: no answer within $AGENT_TIMEOUT s"
	return 3
}

# ---- topology ---------------------------------------------------------------------

gtpu_mac() { printf '02:00:00:00:%02x:%02x' "$1" "$2"; }

gtpu_addr()
{
	ip -n "$1" addr add "$3" dev "$2" nodad 2>/dev/null || ip -n "$1" addr add "$3" dev "$2"
}

gtpu_topology()
{
	local ns

	setup_ns gnb upf dn n9 || return 1
	ip link add g0 netns "$gnb" address "$(gtpu_mac 3 1)" type veth \
		peer name n3 netns "$upf" address "$(gtpu_mac 3 2)" &&
	ip link add n6 netns "$upf" address "$(gtpu_mac 1 1)" type veth \
		peer name d0 netns "$dn" address "$(gtpu_mac 1 2)" &&
	ip link add n9 netns "$upf" address "$(gtpu_mac 9 1)" type veth \
		peer name p0 netns "$n9" address "$(gtpu_mac 9 2)" || return 1
	for ns in "$gnb" "$upf" "$dn" "$n9"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0 || return 1
	done
	gtpu_addr "$gnb" g0 10.0.3.1/24 && gtpu_addr "$gnb" g0 2001:db8:3::1/64 &&
	gtpu_addr "$upf" n3 10.0.3.2/24 && gtpu_addr "$upf" n3 2001:db8:3::2/64 &&
	gtpu_addr "$upf" n6 10.1.0.1/24 && gtpu_addr "$upf" n6 2001:db8:1::1/64 &&
	gtpu_addr "$upf" n9 10.9.0.1/24 &&
	gtpu_addr "$dn" d0 10.1.0.2/24 && gtpu_addr "$dn" d0 2001:db8:1::2/64 &&
	gtpu_addr "$n9" p0 10.9.0.2/24 || return 1
	ip -n "$gnb" link set g0 up && ip -n "$upf" link set n3 up &&
	ip -n "$upf" link set n6 up && ip -n "$upf" link set n9 up &&
	ip -n "$dn" link set d0 up && ip -n "$n9" link set p0 up || return 1
	# Static neighbours: no packet waits for (or is lost to) resolution.
	ip -n "$upf" neigh add 10.0.3.1 lladdr "$(gtpu_mac 3 1)" dev n3 nud permanent &&
	ip -n "$upf" neigh add 2001:db8:3::1 lladdr "$(gtpu_mac 3 1)" dev n3 nud permanent &&
	ip -n "$upf" neigh add 10.1.0.2 lladdr "$(gtpu_mac 1 2)" dev n6 nud permanent &&
	ip -n "$upf" neigh add 2001:db8:1::2 lladdr "$(gtpu_mac 1 2)" dev n6 nud permanent &&
	ip -n "$upf" neigh add 10.9.0.2 lladdr "$(gtpu_mac 9 2)" dev n9 nud permanent || return 1
	ip netns exec "$upf" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 ||
		return 1
	# upf0 without a link-local address: IPv6 sends nothing through it on
	# its own (router solicitations, MLD) that would count as drops.
	nsctl "$upf" dev add upf0 >/dev/null &&
	ip -n "$upf" link set upf0 addrgenmode none &&
	ip -n "$upf" link set upf0 up &&
	ip -n "$upf" route add 10.60.0.0/16 dev upf0 &&
	ip -n "$upf" route add 2001:db8:60::/48 dev upf0 || return 1
	# shellcheck disable=SC2086 # GTPU_EP_OPTS: words, e.g. "fastpath"
	nsctl "$upf" ep add dev upf0 10.0.3.2 role n3 ${GTPU_EP_OPTS:-} &&
	nsctl "$upf" ep add dev upf0 2001:db8:3::2 role n3 ${GTPU_EP_OPTS:-} &&
	nsctl "$upf" ep add dev upf0 10.9.0.1 role n9
}

# The agent's view of gtpu_topology, and its sockets there.
gtpu_agent_setup()
{
	agent set GNB="$gnb" UPF="$upf" DN="$dn" N9="$n9" \
		GNB4=10.0.3.1 GNB6=2001:db8:3::1 UPF4=10.0.3.2 UPF6=2001:db8:3::2 \
		DN4=10.1.0.2 DN6=2001:db8:1::2 N9L=10.9.0.1 N9P=10.9.0.2 \
		FENCE_TEID=0x109 FENCE_UE=10.60.0.9 && agent setup
}

session()
{
	local seid=$1 ue=$2 teid=$3 ohr=gtpu-udp-ipv4 far1=() far2=()

	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do far1+=("$1"); shift; done
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do far2+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	case "${far2[*]}" in *"peer 2001:"*) ohr=gtpu-udp-ipv6 ;; esac
	nsctl "$upf" session add dev upf0 seid "$seid" \
		pdr id 1 precedence 100 src-iface access teid "$teid" ue "$ue" ohr "$ohr" far 1 \
		pdr id 2 precedence 100 src-iface core ue "$ue" far 2 \
		far id 1 "${far1[@]}" \
		far id 2 action forw dst-iface access "${far2[@]}" "$@" 2>&1
}

# ---- counters ------------------------------------------------------------------------

snap() { nsctl "$upf" -j dev show upf0 -s; }

# What grew between two snapshots, packets only, in one line:
# "rx_packets+N tx_packets+N reason+N ..." (drop reasons sorted).
changes()
{
	jq -rn --argjson a "$1" --argjson b "$2" '
		$a[0].stats as $x | $b[0].stats as $y |
		[("rx_packets", "tx_packets") as $k | select($y[$k] != $x[$k]) |
		  "\($k)+\($y[$k] - $x[$k])"] +
		[$y.drops | to_entries | sort_by(.key)[] |
		  select(.value != ($x.drops[.key] // 0)) |
		  "\(.key)+\(.value - ($x.drops[.key] // 0))"] | join(" ")'
}

# "rx_bytes tx_bytes" growth between two snapshots.
byte_changes()
{
	jq -rn --argjson a "$1" --argjson b "$2" \
		'"\($b[0].stats.rx_bytes - $a[0].stats.rx_bytes) \($b[0].stats.tx_bytes - $a[0].stats.tx_bytes)"'
}

pdr_stats()
{
	nsctl "$upf" -j session show dev upf0 seid "$1" -s |
		jq -r ".[0].pdrs[] | select(.id == $2) | \"\(.stats.packets) \(.stats.bytes)\""
}
