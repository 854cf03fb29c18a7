#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GTP-U datapath benchmark, run inside the icount VM by scripts/bench.sh
# (vm.sh --bench: one vCPU, -icount shift=0,sleep=off, so CLOCK_MONOTONIC in
# the guest advances by 1 ns per guest instruction). Needs edgedp.ko loaded,
# gtp.ko and veth available and the tools of selftests/bench built.
#
# Topology, the same namespaces for every UPF (docs/benchmarks.md):
#
#   gnb ns                      upf ns                         dn ns
#   10.0.1.1 n3 ---- veth ---- n3 10.0.1.2   n6 10.0.2.1 ---- veth ---- n6 10.0.2.2
#   10.100.0.1 (UE) on lo       UPF: plain routing | gtp.ko | edgedp
#
#   uplink:   udpblast in gnb sends pre-built G-PDUs (TEID 0x100, inner
#             10.100.0.1:9000 -> 10.0.2.2:9000) to 10.0.1.2:2152; the UPF
#             decapsulates and routes the inner packet to udpsink in dn.
#             Baseline: the same inner packets, unencapsulated, routed.
#   downlink: udpblast in dn sends plain UDP to 10.100.0.1:9000; the UPF
#             encapsulates (TEID 0x200) toward 10.0.1.1:2152 where a plain
#             UDP socket (udpsink) counts the G-PDUs: no decapsulation.
#             Baseline: the UPF routes the packets to the gNB's UE address.
#
# Each measurement: (CLOCK_MONOTONIC when the sink read the last datagram) -
# (CLOCK_MONOTONIC before the sender's first sendmmsg), over N datagrams,
# i.e. guest instructions per packet end to end. One JSON object per line
# into $EDGEDP_RESULTS/bench.jsonl.
#
# Knobs (environment): BENCH_N64 (20000 packets), BENCH_N1400 (10000),
# BENCH_REPS (2), BENCH_SESSIONS (sessions of gtp.ko and edgedp in the
# datapath scenarios, 1000), BENCH_CP (sessions and routes of the control-plane
# scenario, 100000), BENCH_SCALE (sessions of the scale scenario; default
# SESSIONS + CP, i.e. the table the control-plane part leaves), BENCH_WARMUP
# (packets before each scenario, 256), BENCH_PARTS (default "baseline gtp
# edgedp fast psc cp scale routes"), BENCH_SYNC (lockstep, the default: sender and
# sink take turns per 64-datagram batch through two FIFOs; wakeup: the sink
# is woken by the datagrams, as the scheduler decides - deterministic on
# 6.1, not on 6.12).
#
# The guest is quietened first: no THP/khugepaged, no lockup watchdog, no
# proactive compaction, vmstat folded hourly, and every neighbour entry
# permanent - a neighbour going STALE (after a random 15-45 s of guest time)
# moves output from neigh_connected_output to neigh_resolve_output and
# shifted whole runs by ~1 %.
set -uo pipefail
# One brace group: parsed completely before it runs.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
N64=${BENCH_N64:-20000}
N1400=${BENCH_N1400:-10000}
REPS=${BENCH_REPS:-2}
SESSIONS=${BENCH_SESSIONS:-1000}
CP=${BENCH_CP:-100000}
SCALE=${BENCH_SCALE:-$((SESSIONS + CP))}
WARMUP=${BENCH_WARMUP:-256}
PARTS=${BENCH_PARTS:-baseline gtp edgedp fast psc cp scale routes}
SYNC=${BENCH_SYNC:-lockstep}
# Milliseconds udpblast idles between its setup and its clock start.
SETTLE_MS=200
OUT=${EDGEDP_RESULTS:-/tmp}/bench.jsonl
PY=/usr/bin/python3
EDGECTL=$REPO/tools/edgectl/edgectl

UE=10.100.0.1
GNB=10.0.1.1
N3=10.0.1.2
N6=10.0.2.1
DN=10.0.2.2
UL_TEID=0x100
DL_TEID=0x200
QFI=9
PORT=9000
GTPU_PORT=2152

log() { echo "# bench: $*"; }
# part NAME...: whether any of the named parts is selected
part() {
	local p
	for p in "$@"; do
		case " $PARTS " in *" $p "*) return 0 ;; esac
	done
	return 1
}
failures=0
fail() { log "FAIL: $*"; failures=$((failures + 1)); }
uptime_s() { cut -d' ' -f1 /proc/uptime; }

[ "${EDGEDP_BENCH:-0}" = 1 ] || log "warning: not an icount VM (EDGEDP_BENCH unset): figures are wall-clock noise"
[ -d /sys/module/edgedp ] || { log "FAIL: edgedp.ko is not loaded"; exit 1; }
modprobe -q gtp 2>/dev/null
modprobe -q veth 2>/dev/null
modprobe -q dummy 2>/dev/null

# The measuring programs run from a tmpfs copy (VM-NOTES: a 9p read while
# the clock runs would be counted, and sleep=off makes it jump).
T=/dev/shm/edgedp-bench
rm -rf "$T"
mkdir -p "$T/bench"
for p in udpblast udpsink edpload timeit; do
	[ -x "$HERE/$p" ] || { log "FAIL: $HERE/$p not built (make -C selftests/bench)"; exit 1; }
	cp "$HERE/$p" "$T/$p"
done
[ -x "$EDGECTL" ] && cp "$EDGECTL" "$T/edgectl"
cp "$HERE/gtpkernel.py" "$T/bench/"
mkdir "$T/sync" && mkfifo "$T/sync/go" "$T/sync/ack"
case $SYNC in
lockstep) sync_opt=(-S "$T/sync") ;;
wakeup) sync_opt=() ;;
*) log "FAIL: BENCH_SYNC is lockstep or wakeup"; exit 1 ;;
esac
cp "$REPO/selftests/genl.py" "$T/"
: >"$OUT"

jstr() { printf '"%s"' "$1"; }
emit() { echo "$1" >>"$OUT"; }

kver=$(uname -r)
# ---- a quiet guest: no periodic work that lands in a measurement by chance -
quiet=
if [ -w /sys/kernel/mm/transparent_hugepage/enabled ]; then
	echo never >/sys/kernel/mm/transparent_hugepage/enabled
	echo never >/sys/kernel/mm/transparent_hugepage/defrag
	quiet="thp=never"
fi
for kv in kernel.watchdog=0 vm.stat_interval=3600 vm.compaction_proactiveness=0; do
	sysctl -qw "$kv" 2>/dev/null && quiet="$quiet $kv"
done

emit "{\"kind\":\"meta\",\"kernel\":$(jstr "$kver"),\"quiet\":$(jstr "${quiet# }"),\"parts\":$(jstr "$PARTS"),\"sync\":$(jstr "$SYNC"),\"sessions\":$SESSIONS,\"n64\":$N64,\"n1400\":$N1400,\"reps\":$REPS,\"scale\":$SCALE,\"cp\":$CP,\"warmup\":$WARMUP,\"bench\":${EDGEDP_BENCH:-0},\"cpus\":$(nproc),\"mem_kb\":$(awk '/MemTotal/ {print $2}' /proc/meminfo)}"
log "kernel $kver, $(nproc) cpu, N64=$N64 N1400=$N1400 reps=$REPS sessions=$SESSIONS cp=$CP scale=$SCALE"
log "parts: $PARTS; sync: $SYNC; quiet: $quiet"

# ---- topology ---------------------------------------------------------------
G=bgnb U=bupf D=bdn
for ns in $G $U $D bcp; do ip netns del $ns 2>/dev/null; done
ip netns add $G && ip netns add $U && ip netns add $D || { log "FAIL: netns"; exit 1; }
ip -b - <<EOF || { log "FAIL: topology"; exit 1; }
link add n3 netns $G type veth peer name n3 netns $U
link add n6 netns $U type veth peer name n6 netns $D
EOF
ip -n $G -b - <<EOF || { log "FAIL: gnb setup"; exit 1; }
link set lo up
addr add $UE/32 dev lo
addr add $GNB/24 dev n3
link set n3 up
route add 10.0.2.0/24 via $N3
EOF
ip -n $U -b - <<EOF || { log "FAIL: upf setup"; exit 1; }
link set lo up
addr add $N3/24 dev n3
link set n3 up
addr add $N6/24 dev n6
link set n6 up
EOF
ip -n $D -b - <<EOF || { log "FAIL: dn setup"; exit 1; }
link set lo up
addr add $DN/24 dev n6
link set n6 up
route add 10.100.0.0/16 via $N6
EOF
for ns in $G $U $D; do
	ip netns exec $ns sh -c 'for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 >$f; done'
done
ip netns exec $U sysctl -qw net.ipv4.ip_forward=1
# Permanent neighbours on both ends of both veths (see the header).
mac() { ip -n "$1" -br link show dev "$2" | awk '{print $3}'; }
ip -n $G neigh replace $N3 lladdr "$(mac $U n3)" dev n3 nud permanent &&
	ip -n $U neigh replace $GNB lladdr "$(mac $G n3)" dev n3 nud permanent &&
	ip -n $U neigh replace $DN lladdr "$(mac $D n6)" dev n6 nud permanent &&
	ip -n $D neigh replace $N6 lladdr "$(mac $U n6)" dev n6 nud permanent ||
	{ log "FAIL: neighbours"; exit 1; }

# ---- one measurement --------------------------------------------------------
# run_one DIR SIZE N SINK_NS SINK_ADDR SINK_PORT EXPECT_LEN SEND_NS BLAST_ARGS...
# Sets R_NS (total guest ns) or returns 1.
run_one() {
	local dir=$1 size=$2 n=$3 sns=$4 saddr=$5 sport=$6 elen=$7 tns=$8
	shift 8
	local ready=$T/ready sink blast got start last llen pid

	rm -f "$ready" "$T/sink.out" "$T/blast.out"
	ip netns exec "$sns" "$T/udpsink" "${sync_opt[@]}" -l "$saddr" -p "$sport" -n "$n" \
		-t 2000 -r "$ready" >"$T/sink.out" 2>&1 &
	pid=$!
	while [ ! -e "$ready" ]; do
		kill -0 $pid 2>/dev/null || break
		sleep 0.01
	done
	# Let the sink block in recvmmsg; costs no wall time with sleep=off.
	sleep 0.05
	ip netns exec "$tns" "$T/udpblast" "${sync_opt[@]}" -w $SETTLE_MS -n "$n" -s "$size" "$@" \
		>"$T/blast.out" 2>&1
	wait $pid
	sink=$(cat "$T/sink.out") blast=$(cat "$T/blast.out")
	got=$(sed -n 's/.*received=\([0-9]*\).*/\1/p' <<<"$sink")
	llen=$(sed -n 's/.*last_len=\([0-9]*\).*/\1/p' <<<"$sink")
	last=$(sed -n 's/.*last_ns=\([0-9]*\).*/\1/p' <<<"$sink")
	start=$(sed -n 's/.*start_ns=\([0-9]*\).*/\1/p' <<<"$blast")
	R_GOT=${got:-0}
	R_CALLS=$(sed -n 's/.*calls=\([0-9]*\).*/\1/p' <<<"$sink")
	if [ "${got:-0}" != "$n" ] || [ "${llen:-0}" != "$elen" ] || [ -z "$start" ]; then
		log "$dir size $size: received ${got:-?}/$n, last length ${llen:-?} (expected $elen): $sink / $blast"
		return 1
	fi
	R_NS=$((last - start))
}

# prof_snap LABEL (BENCH_PROFILE=1): selftests/bench/prof/snap.sh
. "$HERE/prof/snap.sh"

# measure SCENARIO UPF VARIANT SESSIONS DIR SIZE N [QFI]
# Runs a warm-up (ARP, caches) and REPS measured runs, one JSON line each.
measure() {
	local scen=$1 upf=$2 var=$3 sess=$4 dir=$5 size=$6 n=$7 qfi=${8:-}
	local glen=$((8 + 20 + 8 + size)) q=() elen rep sns saddr sport tns args

	[ -n "$qfi" ] && { glen=$((glen + 8)); q=(-q "$qfi"); }
	if [ "$dir" = uplink ]; then
		sns=$D saddr=$DN sport=$PORT tns=$G elen=$size
		if [ "$upf" = none ]; then
			args=(-d "$DN" -p "$PORT" -b "$UE" -P "$PORT")
		else
			args=(-d "$N3" -p "$GTPU_PORT" -b "$GNB" -P "$GTPU_PORT"
				-g "$UL_TEID" -i "$UE" -o "$DN" -I "$PORT" -O "$PORT" "${q[@]}")
		fi
	else
		tns=$D
		args=(-d "$UE" -p "$PORT" -b "$DN" -P "$PORT")
		if [ "$upf" = none ]; then
			sns=$G saddr=$UE sport=$PORT elen=$size
		else
			sns=$G saddr=$GNB sport=$GTPU_PORT elen=$glen
		fi
	fi
	run_one "$dir" "$size" "$WARMUP" "$sns" "$saddr" "$sport" "$elen" "$tns" "${args[@]}" ||
		{ fail "$scen/$upf/$var $dir $size B: warm-up"; return 1; }
	for rep in $(seq 1 "$REPS"); do
		local ok=true label=$scen.$upf.$var.$dir.$size.$n
		[ "$rep" = 1 ] && prof_snap "$label.a"
		if ! run_one "$dir" "$size" "$n" "$sns" "$saddr" "$sport" "$elen" "$tns" "${args[@]}"; then
			fail "$scen/$upf/$var $dir $size B rep $rep"
			ok=false R_NS=0
		fi
		[ "$rep" = 1 ] && prof_snap "$label.b"
		emit "{\"kind\":\"pkt\",\"scenario\":$(jstr "$scen"),\"upf\":$(jstr "$upf"),\"variant\":$(jstr "$var"),\"sessions\":$sess,\"dir\":$(jstr "$dir"),\"size\":$size,\"packets\":$n,\"rep\":$rep,\"guest_ns\":$R_NS,\"received\":${R_GOT:-0},\"sink_calls\":${R_CALLS:-0},\"ok\":$ok}"
		log "$(printf '%-9s %-7s %-5s %7d sessions %-8s %4d B rep %d: %s instructions/packet' \
			"$scen" "$upf" "$var" "$sess" "$dir" "$size" "$rep" \
			"$(echo "scale=1; $R_NS / $n" | bc)")"
	done
}

# Every direction and size for one UPF configuration.
measure_all() {
	local scen=$1 upf=$2 var=$3 sess=$4
	measure "$scen" "$upf" "$var" "$sess" uplink 64 "$N64"
	measure "$scen" "$upf" "$var" "$sess" downlink 64 "$N64"
	measure "$scen" "$upf" "$var" "$sess" uplink 1400 "$N1400"
	measure "$scen" "$upf" "$var" "$sess" downlink 1400 "$N1400"
}

settle() { sleep 1; }

# ---- 1. baseline: plain routing in the UPF namespace -----------------------
if part baseline; then
	log "uptime $(uptime_s) s: baseline"
	ip -n $U route add 10.100.0.0/16 via $GNB
	settle
	measure_all baseline none plain 0
	ip -n $U route del 10.100.0.0/16
fi

# ---- 2. gtp.ko (role ggsn) as the UPF, 1,000 PDP contexts -------------------
if part gtp; then
	log "uptime $(uptime_s) s: gtp.ko"
	gtp_pid=
	if [ -d /sys/module/gtp ]; then
		ip netns exec $U $PY "$T/bench/gtpkernel.py" link gtp0 ggsn >"$T/gtp.out" 2>&1 &
		gtp_pid=$!
		for _ in $(seq 100); do
			ip -n $U link show gtp0 >/dev/null 2>&1 && break
			kill -0 $gtp_pid 2>/dev/null || break
			sleep 0.1
		done
		# Without CREATE_SOCKETS the helper holds the sockets and stays.
		kill -0 $gtp_pid 2>/dev/null || { wait $gtp_pid; gtp_pid=; }
		if ip -n $U link set gtp0 up &&
			ip -n $U route add 10.100.0.0/16 dev gtp0 &&
			ip netns exec $U $PY "$T/bench/gtpkernel.py" pdp gtp0 $UL_TEID $DL_TEID $GNB $UE &&
			ip netns exec $U $PY "$T/bench/gtpkernel.py" pdp-bulk gtp0 $((SESSIONS - 1)) $GNB; then
			settle
			measure_all gtp gtp.ko ggsn $SESSIONS
		else
			fail "gtp.ko setup: $(cat "$T/gtp.out")"
		fi
		ip -n $U link del gtp0 2>/dev/null
		[ -n "$gtp_pid" ] && kill "$gtp_pid" 2>/dev/null && wait "$gtp_pid" 2>/dev/null
	else
		fail "gtp.ko not available"
	fi
fi

# ---- 3. edgedp, 1,000 sessions ----------------------------------------------
# upf0 holds the measured session (SEID 1) and SESSIONS - 1 others of the same
# shape (edpload bulk, indices 0..SESSIONS-2); the control-plane part adds
# CP more (indices SESSIONS..), the scale part grows the table to SCALE.
EDP="ip netns exec $U $T/edpload"
edp_session() { $EDP session upf0 1 $UL_TEID $UE $DL_TEID $GNB "$@"; }
total=0
if part edgedp fast psc cp scale; then
	log "uptime $(uptime_s) s: edgedp"
	if $EDP dev upf0 >/dev/null && ip -n $U link set upf0 up &&
		ip -n $U route add 10.100.0.0/16 dev upf0 &&
		$EDP ep upf0 $N3 1 && $EDP bulk upf0 $((SESSIONS - 1)) 0 $GNB >/dev/null; then
		total=$SESSIONS
	else
		fail "edgedp setup"
	fi
fi
if [ $total -gt 0 ] && part psc; then
	# PDU Session Container: the uplink PDR matches the QFI of the incoming
	# container, the downlink FAR adds one.
	if edp_session $QFI; then
		settle
		measure psc edgedp qfi $total uplink 64 "$N64" $QFI
		measure psc edgedp qfi $total downlink 64 "$N64" $QFI
		$EDP del upf0 1 || fail "edgedp: deleting the PSC session"
	else
		fail "edgedp PSC session"
	fi
fi
if [ $total -gt 0 ] && part edgedp fast cp scale; then
	if edp_session; then
		part edgedp && { settle; measure_all edgedp edgedp plain $total; }
		# The same session through a fast-path endpoint (kmod/gtpu/fastpath.c),
		# uplink only (downlink does not receive), then the socket again.
		if part fast; then
			if ip netns exec $U "$EDGECTL" ep del dev upf0 $N3 &&
				ip netns exec $U "$EDGECTL" ep add dev upf0 $N3 role n3 fastpath; then
				settle
				measure fast edgedp fastpath $total uplink 64 "$N64"
				measure fast edgedp fastpath $total uplink 1400 "$N1400"
			else
				fail "edgedp: a fast-path endpoint"
			fi
			ip netns exec $U "$EDGECTL" ep del dev upf0 $N3 &&
				ip netns exec $U "$EDGECTL" ep add dev upf0 $N3 role n3 ||
				fail "edgedp: the socket endpoint again"
		fi
	else
		fail "edgedp session"
		total=0
	fi
fi

# ---- 5. control plane: install CP sessions, dump them -----------------------
# emit_cp OP TOOL COUNT PRIOR FILE RC [extra json]
emit_cp() {
	local op=$1 tool=$2 count=$3 prior=$4 file=$5 rc=$6 extra=${7:-} el nl cpu busy
	el=$(sed -n 's/.*timeit elapsed_ns=\([0-9]*\).*/\1/p' "$file")
	nl=$(sed -n 's/.*edpload.*elapsed_ns=\([0-9]*\).*/\1/p' "$file")
	cpu=$(sed -n 's/.*timeit .*cpu_ns=\([0-9]*\).*/\1/p' "$file")
	busy=$(sed -n 's/.*timeit .*busy_ns=\([0-9]*\).*/\1/p' "$file")
	emit "{\"kind\":\"cp\",\"op\":$(jstr "$op"),\"tool\":$(jstr "$tool"),\"count\":$count,\"prior\":$prior,\"elapsed_ns\":${el:-0},\"busy_ns\":${busy:-0},\"cpu_ns\":${cpu:-0},\"netlink_ns\":${nl:-0},\"ok\":$([ "$rc" = 0 ] && echo true || echo false)$extra}"
	log "$op ($tool): $count in $(echo "scale=3; ${el:-0} / 1000000000" | bc) s guest, $(echo "scale=3; ${busy:-0} / 1000000000" | bc) s busy, rc $rc"
	[ "$rc" = 0 ] || fail "$op: $(tail -3 "$file" | tr '\n' ' ')"
}
memavail() { awk '/MemAvailable/ {print $2}' /proc/meminfo; }

if [ $total -gt 0 ] && part cp; then
	log "uptime $(uptime_s) s: control plane, $CP sessions"
	# One line per session, the shape of the measured one (2 PDRs, 2 FARs).
	awk -v n="$CP" -v first="$total" -v peer=$GNB 'BEGIN {
		for (i = first; i < first + n; i++) {
			ue = sprintf("10.%d.%d.%d", 128 + int(i / 65536), int(i / 256) % 256, i % 256)
			printf "session add dev upf0 seid %d pdr id 1 precedence 100 src-iface access teid %d ue %s far 1 pdr id 2 precedence 100 src-iface core ue %s far 2 far id 1 action forw dst-iface core far id 2 action forw dst-iface access teid %d peer %s\n",
				268435456 + i, 16777216 + i, ue, ue, 33554432 + i, peer
		} }' >"$T/sessions.batch"
	before=$(memavail)
	if [ -x "$T/edgectl" ] && "$T/edgectl" session help >/dev/null 2>&1; then
		"$T/edgectl" -V >/dev/null 2>&1	# warm: its libraries come over 9p
		prof_snap "cp.edgedp.install.install.0.$CP.a"
		ip netns exec $U "$T/timeit" "$T/edgectl" -force -b "$T/sessions.batch" >"$T/cp.out" 2>&1
		rc=$?
		prof_snap "cp.edgedp.install.install.0.$CP.b"
		tool="edgectl -force -b (pipelined batch, text parsed)"
	else
		log "edgectl has no session command: raw netlink instead"
		ip netns exec $U "$T/timeit" "$T/edpload" bulk upf0 "$CP" "$total" $GNB >"$T/cp.out" 2>&1
		rc=$?
		tool="edpload bulk (raw genl, pipelined; edgectl had no session command)"
	fi
	emit_cp session-install "$tool" "$CP" "$total" "$T/cp.out" $rc ",\"mem_kb\":$((before - $(memavail)))"
	[ $rc = 0 ] && total=$((total + CP))

	prof_snap "cp.edgedp.dump.dump.0.$total.a"
	ip netns exec $U "$T/timeit" "$T/edpload" dump upf0 >"$T/dump.out" 2>&1
	rc=$?
	prof_snap "cp.edgedp.dump.dump.0.$total.b"
	cnt=$(sed -n 's/.*edpload dump count=\([0-9]*\).*/\1/p' "$T/dump.out")
	[ "${cnt:-0}" = $total ] || { log "dump returned ${cnt:-0} of $total sessions"; rc=1; }
	emit_cp session-dump "edpload dump (raw genl, 256 KiB reads)" "${cnt:-0}" 0 "$T/dump.out" $rc
	if [ -x "$T/edgectl" ]; then
		prof_snap "cp.edgedp.show.show.0.$total.a"
		ip netns exec $U "$T/timeit" sh -c "'$T/edgectl' -j session show dev upf0 | wc -c" \
			>"$T/show.out" 2>&1
		rc=$?
		prof_snap "cp.edgedp.show.show.0.$total.b"
		emit_cp session-show "edgectl -j session show (JSON to a pipe)" $total 0 "$T/show.out" $rc \
			",\"bytes\":$(head -1 "$T/show.out" | tr -dc 0-9)"
	fi
fi

# ---- 4b. scale: grow the table, measure again -------------------------------
if [ $total -gt 0 ] && part scale; then
	rest=$((SCALE - total))
	if [ $rest -gt 0 ]; then
		log "uptime $(uptime_s) s: growing to $SCALE sessions"
		before=$(memavail)
		ip netns exec $U "$T/timeit" "$T/edpload" bulk upf0 "$rest" "$total" $GNB >"$T/grow.out" 2>&1
		rc=$?
		emit_cp session-install-grow "edpload bulk (raw genl, pipelined)" $rest $total \
			"$T/grow.out" $rc ",\"mem_kb\":$((before - $(memavail)))"
		[ $rc = 0 ] && total=$SCALE
	fi
	if [ $total -gt $SESSIONS ]; then
		settle
		measure scale edgedp big $total uplink 64 "$N64"
		measure scale edgedp big $total downlink 64 "$N64"
		# The 1k-session reference again, in this memory state: delete the
		# sessions added since (SEIDs 0x10000000 + SESSIONS..total-1, as
		# edpload and the control-plane batch number them). On 6.1 the
		# whole-system cost per packet rose ~2 % after the control-plane
		# part in page allocation and scheduling functions, none of edgedp's.
		if [ -x "$T/edgectl" ]; then
			awk -v a=$SESSIONS -v b=$total 'BEGIN {
				for (i = a; i < b; i++)
					printf "session del dev upf0 seid %d\n", 268435456 + i }' >"$T/del.batch"
			ip netns exec $U "$T/timeit" "$T/edgectl" -force -b "$T/del.batch" >"$T/del-b.out" 2>&1
			rc=$?
			emit_cp session-delete "edgectl -force -b (session del lines)" $((total - SESSIONS)) \
				$total "$T/del-b.out" $rc
			if [ $rc = 0 ]; then
				total=$SESSIONS
				settle
				measure scale edgedp after $total uplink 64 "$N64"
				measure scale edgedp after $total downlink 64 "$N64"
			else
				fail "deleting the large table's sessions: $(tail -2 "$T/del-b.out" | tr '\n' ' ')"
			fi
		fi
	fi
fi
if ip -n $U link show upf0 >/dev/null 2>&1; then
	# Deleting the device frees every session: what a restart costs.
	ip netns exec $U "$T/timeit" ip link del upf0 >"$T/del.out" 2>&1
	emit_cp device-delete "ip link del" $total 0 "$T/del.out" $?
fi

# ---- 5c. ip -batch: CP routes into an empty namespace -----------------------
if part routes; then
	log "uptime $(uptime_s) s: ip -batch $CP routes"
	ip netns add bcp
	ip -n bcp link add d0 type dummy
	ip -n bcp addr add 10.0.9.1/24 dev d0
	ip -n bcp link set d0 up
	awk -v n="$CP" 'BEGIN { for (i = 0; i < n; i++)
		printf "route add 10.%d.%d.%d/32 via 10.0.9.2 dev d0\n", 128 + int(i / 65536), int(i / 256) % 256, i % 256 }' \
		>"$T/routes.batch"
	ip -V >/dev/null
	"$T/timeit" ip -n bcp -batch "$T/routes.batch" >"$T/routes.out" 2>&1
	rc=$?
	n_routes=$(ip -n bcp route show | wc -l)
	emit_cp route-install "ip -batch (iproute2 $(ip -V | sed 's/.*iproute2-//; s/,.*//'))" "$CP" 0 \
		"$T/routes.out" $rc ",\"routes\":$n_routes"
	ip netns del bcp
fi

for ns in $G $U $D; do ip netns del $ns 2>/dev/null; done
log "uptime $(uptime_s) s: done, $failures failure(s)"
[ $failures = 0 ]
exit
}
