#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the demo VM with edgedp.ko loaded (scripts/demo.sh): the main
# job end to end, narrated. A UE sits behind the kernel's own gtp.ko as the
# gNB; edgedp is the I-UPF with an uplink classifier (UL CL): one SDF filter
# on an uplink PDR breaks the local app's traffic out to the local data
# network, everything else goes over N9 (GTP-U) to a second edgedp device,
# the PSA, whose data network has the remote server. Pings and a TCP
# exchange go to both servers; edgectl's counters and captures on N9 and on
# the local N6 show which path each packet took.
#
# Every check prints [ OK ] or [FAIL]; the script exits 1 if any failed (the
# demo is also a smoke test). IPv4 only; no QFI/PSC toward the gNB (gtp.ko
# does not decapsulate G-PDUs with extension headers). No short timeouts:
# under TCG on a loaded host the guest's clock can run several times faster
# than the wall clock (its TSC calibrated wrong at boot), so every timeout
# here is a generous safety net only.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATH=$REPO/tools/edgectl:$PATH
cd "$REPO"
GTPK=selftests/gtp_kernel.py
NSS=(ue gnb iupf mec psa inet)
UE=10.60.0.1 LOCAL_APP=10.2.0.2 SERVER=10.1.0.2
FILTER="permit out ip from $LOCAL_APP to $UE"

TMP=$(mktemp -d)
CREATED=()
PASSED=0 FAILED=0

cleanup()
{
	local pid ns

	# Our background jobs still running (captures, a server), by pid.
	for pid in $(jobs -p); do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	for ns in "${CREATED[@]}"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "demo: FAIL: line $LINENO: $BASH_COMMAND (exit $?)"' ERR

# ---- narration -----------------------------------------------------------------

STEP=0
step() { STEP=$((STEP + 1)); printf '\n== %d. %s ==\n' "$STEP" "$*"; }
note() { printf '   %s\n' "$*"; }
ok() { PASSED=$((PASSED + 1)); printf '   [ OK ] %s\n' "$*"; }
bad() { FAILED=$((FAILED + 1)); printf '   [FAIL] %s\n' "$*"; }
# check WHAT VALUE: one verdict line, OK when VALUE is 1, e.g. $((a == b)).
check() { if [ "$2" = 1 ]; then ok "$1"; else bad "$1"; fi; }

# A command as it would be typed: words with spaces or quotes in single
# quotes; a session request breaks before each rule.
show_cmd()
{
	local ns=$1 out='' a i n
	shift
	n=$#
	for ((i = 1; i <= n; i++)); do
		a=${!i}
		if [ "$a" = pdr ] || { [ "$a" = far ] && [ $i -lt $n ] && [ "${*:i+1:1}" = id ]; }; then
			out+=$' \\\n        '
		elif [ $i -gt 1 ]; then
			out+=' '
		fi
		case $a in
		'' | *[[:space:]\'\"\$\;\&\|\<\>\*\?]*) out+="'${a//\'/\'\\\'\'}'" ;;
		*) out+=$a ;;
		esac
	done
	printf '   %s# %s\n' "$ns" "$out"
}

# run NS CMD...: show the command, run it in NS, its output indented.
run()
{
	local ns=$1
	shift
	show_cmd "$ns" "$@"
	ip netns exec "$ns" "$@" 2>&1 | sed '/^$/d; s/[[:space:]]*$//; s/^/      /'
}

# quiet NS CMD...: plumbing, not shown unless it fails.
quiet()
{
	local ns=$1 out
	shift
	out=$(ip netns exec "$ns" "$@" 2>&1) && return 0
	show_cmd "$ns" "$@"
	printf '%s\n' "$out" | sed 's/^/      /'
	return 1
}

# ---- counters --------------------------------------------------------------------

# Packets of every PDR of both UPFs (and the UL CL filter's hits) into C[].
declare -A C
counters()
{
	local a b
	a=$(ip netns exec iupf edgectl -j session show dev upf0 seid 1 -s)
	b=$(ip netns exec psa edgectl -j session show dev psa0 seid 2 -s)
	eval "$(jq -rn --argjson a "$a" --argjson b "$b" '
		def pkts($s; $id): [$s[0].pdrs[] | select(.id == $id) | .stats.packets][0] // 0;
		"C[i1]=\(pkts($a; 1)) C[i2]=\(pkts($a; 2)) C[i3]=\(pkts($a; 3))",
		"C[i10]=\(pkts($a; 10)) C[p1]=\(pkts($b; 1)) C[p2]=\(pkts($b; 2))",
		"C[sdf]=\([$a[0].pdrs[] | select(.id == 10) | .sdf[0].stats.packets][0] // 0)"')"
}

# snapshot, then deltas: D[] is the growth of C[] in between.
declare -A B D
snapshot() { counters; local k; for k in "${!C[@]}"; do B[$k]=${C[$k]}; done; }

deltas()
{
	local k
	counters
	for k in "${!C[@]}"; do D[$k]=$((C[$k] - B[$k])); done
	note "counters, growth in this step:"
	printf '     I-UPF upf0: PDR 10 (UL CL) +%s, its filter +%s hits, PDR 3 (local DN -> UE) +%s\n' \
		"${D[i10]}" "${D[sdf]}" "${D[i3]}"
	printf '                 PDR 1 (UE -> N9) +%s, PDR 2 (N9 -> UE) +%s\n' "${D[i1]}" "${D[i2]}"
	printf '     PSA   psa0: PDR 1 (N9 -> server) +%s, PDR 2 (server -> N9) +%s\n' "${D[p1]}" "${D[p2]}"
}

# ---- traffic ---------------------------------------------------------------------

# tcp_exchange NS ADDR PORT NAME: a one-connection server in NS answers one
# line from the UE with who it is and the address it saw the UE at.
tcp_exchange()
{
	local ns=$1 addr=$2 port=$3 name=$4 pid i reply rc=0

	cat >"$TMP/$ns.sh" <<-EOF
		#!/bin/sh
		read -r line
		echo "$name $addr:$port got \"\$line\" from \$SOCAT_PEERADDR"
	EOF
	chmod +x "$TMP/$ns.sh"
	ip netns exec "$ns" socat TCP-LISTEN:"$port",reuseaddr EXEC:"$TMP/$ns.sh" \
		2>"$TMP/$ns.socat" &
	pid=$!
	for i in $(seq 50); do
		ip netns exec "$ns" ss -Hltn "sport = :$port" | grep -q . && break
		sleep 0.2
	done
	printf '   ue# echo hello | socat - TCP:%s:%s\n' "$addr" "$port"
	reply=$(echo hello | ip netns exec ue timeout 600 socat - TCP:"$addr":"$port" 2>&1) || rc=$?
	[ $rc = 0 ] || kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	printf '      %s\n' "$reply"
	[ $rc = 0 ] || sed 's/^/      server: /' "$TMP/$ns.socat"
	[ $rc = 0 ] && [[ $reply == *"got \"hello\" from $UE"* ]]
}

# capture NAME NS IFACE FILTER: tcpdump into $TMP/NAME.pcap until stopped.
capture()
{
	local name=$1 ns=$2 i
	ip netns exec "$ns" tcpdump -Z root -U -n -i "$3" -w "$TMP/$name.pcap" "$4" \
		2>"$TMP/$name.err" &
	printf -v "CAP_$name" %s "$!"
	for i in $(seq 150); do
		grep -q listening "$TMP/$name.err" && return 0
		sleep 0.2
	done
	cat "$TMP/$name.err"
	return 1
}

stop_capture()
{
	local var=CAP_$1 pid
	pid=${!var}
	kill -INT "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ==== the demo =====================================================================

cat <<EOF
edgedp demo on Linux $(uname -r): UL CL local breakout at an I-UPF, the rest over N9

 [ue]    UE $UE
   |
 [gnb]   gNB: the kernel's gtp.ko (gtp0, role sgsn)
   |     10.0.3.1
   N3    GTP-U: uplink TEID 100 (0x64), downlink TEID 200 (0xc8)
   |     10.0.3.2
 [iupf]  I-UPF + UL CL: edgedp (upf0)  10.2.0.1 --- N6, local DN --- $LOCAL_APP [mec]  local app
   |     10.0.9.1
   N9    GTP-U: uplink TEID 300 (0x12c), downlink TEID 400 (0x190)
   |     10.0.9.2
 [psa]   PSA: edgedp (psa0)            10.1.0.1 --- N6 ------------- $SERVER [inet] remote server

 UL CL: the UE's uplink to $LOCAL_APP leaves the tunnel at the I-UPF; all its other
 uplink is re-encapsulated toward the PSA. Downlink from both merges into N3 TEID 200.
EOF

step "Namespaces and links"
[ -d /sys/module/gtp ] || modprobe gtp
for ns in "${NSS[@]}"; do
	ip netns add "$ns"
	CREATED+=("$ns")
	# IPv4 only: nothing sends IPv6 router solicitations or MLD reports
	# that would show up as drops.
	quiet "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=1
	ip -n "$ns" link set lo up
done
ip link add ue0 netns ue mtu 1400 type veth peer name gnb-ue netns gnb mtu 1400
ip link add n3 netns gnb type veth peer name n3 netns iupf
ip link add n9 netns iupf type veth peer name n9 netns psa
ip link add n6 netns iupf mtu 1400 type veth peer name app0 netns mec mtu 1400
ip link add n6 netns psa mtu 1400 type veth peer name srv0 netns inet mtu 1400
addr() { ip -n "$1" addr add "$3" dev "$2" && ip -n "$1" link set "$2" up; }
addr ue ue0 $UE/32 && ip -n ue route add default dev ue0
ip -n gnb link set gnb-ue up && addr gnb n3 10.0.3.1/24
addr iupf n3 10.0.3.2/24 && addr iupf n9 10.0.9.1/24 && addr iupf n6 10.2.0.1/24
addr mec app0 $LOCAL_APP/24 && ip -n mec route add 10.60.0.0/16 via 10.2.0.1
addr psa n9 10.0.9.2/24 && addr psa n6 10.1.0.1/24
addr inet srv0 $SERVER/24 && ip -n inet route add 10.60.0.0/16 via 10.1.0.1
# The UE has no gateway address: the gNB answers ARP for every address.
ip -n gnb route add $UE/32 dev gnb-ue
quiet gnb sysctl -qw net.ipv4.conf.gnb-ue.proxy_arp=1
note "ue, gnb, iupf, mec, psa, inet: veth links N3, N9, N6 (local) and N6 (PSA) as drawn"

step "gNB: the kernel's gtp.ko (role sgsn), one PDP context for the UE"
run gnb "$GTPK" link gtp0 sgsn
run gnb ip link set gtp0 mtu 1400 up
run gnb "$GTPK" pdp gtp0 200 100 10.0.3.2 $UE
run gnb ip route add default dev gtp0
note "uplink: everything from the UE enters the tunnel, TEID 100 to 10.0.3.2;"
note "downlink: G-PDUs with TEID 200 are decapsulated toward the UE."

step "PSA: edgedp device psa0, anchor session (N9 in, the server's N6 out)"
run psa edgectl dev add psa0
run psa ip link set psa0 up
run psa ip route add 10.60.0.0/16 dev psa0
run psa edgectl ep add dev psa0 10.0.9.2
run psa edgectl session add dev psa0 seid 2 \
	pdr id 1 precedence 100 src-iface access teid 300 ue $UE far 1 \
	pdr id 2 precedence 100 src-iface core ue $UE far 2 \
	far id 1 action forw dst-iface core \
	far id 2 action forw dst-iface access teid 400 peer 10.0.9.1

step "I-UPF: edgedp device upf0, N3 and N9 endpoints, relay session"
run iupf edgectl dev add upf0
run iupf ip link set upf0 up
run iupf ip route add 10.60.0.0/16 dev upf0
run iupf edgectl ep add dev upf0 10.0.3.2 role n3
run iupf edgectl ep add dev upf0 10.0.9.1 role n9
run iupf edgectl session add dev upf0 seid 1 \
	pdr id 1 precedence 200 src-iface access teid 100 far 1 \
	pdr id 2 precedence 200 src-iface core teid 400 far 2 \
	far id 1 action forw dst-iface core teid 300 peer 10.0.9.2 \
	far id 2 action forw dst-iface access teid 200 peer 10.0.3.1
note "PDR 1: uplink TEID 100 -> FAR 1, re-encapsulated to the PSA with TEID 300"
note "PDR 2: downlink TEID 400 from the PSA -> FAR 2, to the gNB with TEID 200"

step "UL CL: one more uplink PDR, with an SDF filter, breaks the local app out"
run iupf edgectl session mod dev upf0 seid 1 \
	pdr id 10 precedence 10 src-iface access teid 100 far 3 sdf "$FILTER" \
	pdr id 3 precedence 200 src-iface dn ue $UE far 2 \
	far id 3 action forw dst-iface dn
note "PDR 10 wins over PDR 1 (precedence 10 < 200) for packets its filter matches."
note "The filter is written in downlink form (from the server to the UE) and matched"
note "swapped on an uplink PDR (TS 29.244 5.2.1A.2A): UE -> $LOCAL_APP, any protocol."
note "FAR 3 decapsulates into the local data network; PDR 3 takes the local app's"
note "downlink back into the gNB's tunnel through FAR 2."
run iupf edgectl session show dev upf0

step "Captures: tcpdump on N9 (GTP-U) and on the local N6 (plain IP)"
capture n9 iupf n9 "udp port 2152"
capture local iupf n6 "host $UE"
note "n9:    iupf's end of the N9 link, udp port 2152"
note "local: iupf's end of the local N6 link, host $UE"

step "UE -> local app $LOCAL_APP: broken out at the I-UPF"
snapshot
if run ue ping -c 3 -i 0.3 -W 10 $LOCAL_APP; then ok "ping $LOCAL_APP"; else bad "ping $LOCAL_APP"; fi
if tcp_exchange mec $LOCAL_APP 8080 "local app"; then
	ok "TCP exchange with the local app"
else
	bad "TCP exchange with the local app"
fi
sleep 0.5
deltas
check "UL CL: PDR 10 counted the uplink (${D[i10]} packets), its filter as many hits" \
	$((D[i10] > 0 && D[sdf] == D[i10]))
check "the local app's downlink entered the gNB tunnel via PDR 3 (${D[i3]} packets)" \
	$((D[i3] > 0))
check "nothing of it went to N9 or the PSA (PDR 1, PDR 2, PSA: +0)" \
	$((D[i1] + D[i2] + D[p1] + D[p2] == 0))

step "UE -> remote server $SERVER: over N9 through the PSA"
snapshot
if run ue ping -c 3 -i 0.3 -W 10 $SERVER; then ok "ping $SERVER"; else bad "ping $SERVER"; fi
if tcp_exchange inet $SERVER 8080 "remote server"; then
	ok "TCP exchange with the remote server"
else
	bad "TCP exchange with the remote server"
fi
sleep 0.5
deltas
check "uplink relayed to N9 by PDR 1 (${D[i1]} packets) = received by the PSA" \
	$((D[i1] > 0 && D[i1] == D[p1]))
check "downlink sent by the PSA (${D[p2]} packets) = relayed to the gNB by PDR 2" \
	$((D[p2] > 0 && D[p2] == D[i2]))
check "the UL CL PDR 10 and PDR 3 did not see it (+0)" $((D[i10] + D[i3] == 0))

step "Proof on the wire: what crossed N9, what crossed the local N6"
stop_capture n9
stop_capture local
counters
# One tshark run (its start is slow under TCG) over both captures: a frame
# with a TEID is from N9, one without from the local N6.
: >"$TMP/wire.txt"
if ! { mergecap -a -w "$TMP/all.pcap" "$TMP/n9.pcap" "$TMP/local.pcap" &&
	tshark -r "$TMP/all.pcap" -T fields -E separator='|' -E occurrence=a -E aggregator=, \
		-e ip.src -e ip.dst -e gtp.teid -e _ws.col.Info >"$TMP/wire.txt"; } 2>"$TMP/tshark.err"; then
	sed 's/^/   /' "$TMP/tshark.err"
	bad "mergecap or tshark could not read the captures"
fi
n9_up=0 n9_down=0 n9_local=0 n9_other=0 lan_up=0 lan_down=0 lan_other=0
n9_lines=() lan_lines=()
while IFS='|' read -r src dst teid info; do
	# The inner packet in a few words.
	if [[ $info =~ ^Echo\ \(ping\)\ (request|reply).*seq=([0-9]+) ]]; then
		info="ICMP echo ${BASH_REMATCH[1]} seq ${BASH_REMATCH[2]}"
	elif [[ $info =~ ^([0-9]+\ .\ [0-9]+\ \[[^]]*\]).*Len=([0-9]+) ]]; then
		info="TCP ${BASH_REMATCH[1]} len ${BASH_REMATCH[2]}"
	fi
	if [ -n "$teid" ]; then
		IFS=, read -r osrc isrc <<<"$src"
		IFS=, read -r odst idst <<<"$dst"
		n9_lines+=("$(printf '%-8s > %-8s TEID %3d | %-9s > %-9s %s' "$osrc" "$odst" \
			"$((teid))" "$isrc" "$idst" "$info")")
		case "$osrc>$odst/$((teid))/$isrc>$idst" in
		*"$LOCAL_APP"*) n9_local=$((n9_local + 1)) ;;
		"10.0.9.1>10.0.9.2/300/$UE>$SERVER") n9_up=$((n9_up + 1)) ;;
		"10.0.9.2>10.0.9.1/400/$SERVER>$UE") n9_down=$((n9_down + 1)) ;;
		*) n9_other=$((n9_other + 1)) ;;
		esac
	else
		lan_lines+=("$(printf '%-9s > %-9s %s' "$src" "$dst" "$info")")
		case "$src>$dst" in
		"$UE>$LOCAL_APP") lan_up=$((lan_up + 1)) ;;
		"$LOCAL_APP>$UE") lan_down=$((lan_down + 1)) ;;
		*) lan_other=$((lan_other + 1)) ;;
		esac
	fi
done <"$TMP/wire.txt"
note "N9, iupf's end (tshark: outer addresses, TEID | the inner packet):"
printf '     %s\n' "${n9_lines[@]}"
check "N9 carried $n9_up uplink G-PDUs (TEID 300) = I-UPF PDR 1 = PSA PDR 1" \
	$((n9_up > 0 && n9_up == C[i1] && n9_up == C[p1]))
check "N9 carried $n9_down downlink G-PDUs (TEID 400) = PSA PDR 2 = I-UPF PDR 2" \
	$((n9_down > 0 && n9_down == C[p2] && n9_down == C[i2]))
check "N9 carried nothing to or from the local app ($n9_local), nothing else ($n9_other)" \
	$((n9_local + n9_other == 0))
note "local N6, iupf's end (tshark: plain IP, no GTP-U):"
printf '     %s\n' "${lan_lines[@]}"
check "local N6 carried $lan_up uplink packets = PDR 10, $lan_down downlink = PDR 3, no other" \
	$((lan_up == C[i10] && lan_down == C[i3] && lan_other == 0))

step "Counters: edgectl on both UPFs, and the gNB's gtp0"
run iupf edgectl session show dev upf0 -s
run psa edgectl session show dev psa0 -s
run iupf edgectl dev show upf0 -s
run psa edgectl dev show psa0 -s
drops=$( (ip netns exec iupf edgectl -j dev show -s; ip netns exec psa edgectl -j dev show -s) |
	jq -s '[.[][].stats.drops | to_entries[]] | length')
check "no drops on either device" $((drops == 0))
note "and the gNB's side: the kernel's gtp.ko counts what it tunnelled"
run gnb ip -s link show dev gtp0
read -r gnb_tx gnb_rx < <(ip -n gnb -s -j link show dev gtp0 |
	jq -r '.[0].stats64 | "\(.tx.packets) \(.rx.packets)"')
check "gtp0 sent $gnb_tx G-PDUs (TEID 100) = I-UPF PDR 10 + PDR 1" \
	$((gnb_tx == C[i10] + C[i1]))
check "gtp0 decapsulated $gnb_rx (TEID 200) = I-UPF PDR 3 + PDR 2: both downlinks" \
	$((gnb_rx == C[i3] + C[i2]))

step "Summary"
printf '   %-28s %-44s %s\n' "flow" "path" "uplink/downlink packets"
printf '   %-28s %-44s %s / %s\n' "UE <-> local app $LOCAL_APP" \
	"gNB -N3-> I-UPF -UL CL-> local N6" "${C[i10]}" "${C[i3]}"
printf '   %-28s %-44s %s / %s\n' "UE <-> server $SERVER" \
	"gNB -N3-> I-UPF -N9-> PSA -> N6" "${C[i1]}" "${C[i2]}"
note "UL CL filter '$FILTER': ${C[sdf]} hits"
note "N9: $n9_up + $n9_down G-PDUs, all for $SERVER; none for $LOCAL_APP"
note "gNB gtp0: $gnb_tx G-PDUs sent, $gnb_rx received, both flows in one tunnel"
note "checks: $PASSED passed, $FAILED failed"
echo
if [ "$FAILED" = 0 ]; then
	echo "demo: OK"
else
	echo "demo: FAIL"
	exit 1
fi
