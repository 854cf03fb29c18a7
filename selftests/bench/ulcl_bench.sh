#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# UL CL benchmark (issue 4): uplink instructions per packet with SDF filters
# installed, in one icount VM (the method of gtpu_bench.sh and
# docs/benchmarks.md: one vCPU, -icount shift=0,sleep=off, so guest
# CLOCK_MONOTONIC advances 1 ns per guest instruction; sender and sink in
# lockstep).
#
#   selftests/bench/ulcl_bench.sh --host [--target 6.1|6.12] [--module KO] [--profile]
#       builds the tools and edgedp.ko, boots the VM, runs this script in it
#       and prints the table (scripts/bench.sh --ulcl does the same);
#       --profile also profiles each scenario's first measured run (the
#       edgedp_prof plugin, as scripts/bench.sh --profile): RESULTS/profile.txt
#       lists guest instructions per packet per kernel function;
#   selftests/bench/ulcl_bench.sh           (inside the VM)
#
# Topology (gtpu_bench.sh's):
#
#   gnb ns                  upf ns                          dn ns
#   10.0.1.1 n3 ---veth--- n3 10.0.1.2 | n6 10.0.2.1 ---veth--- n6 10.0.2.2
#   UE 10.100.0.1 on lo     UPF: plain routing / gtp.ko / edgedp
#
# Uplink only, 64 B inner UDP payload, 10.100.0.1:9000 -> 10.0.2.2:PORT in a
# G-PDU with TEID 0x100 (baseline: the inner packet unencapsulated).
#
#   baseline   plain routing
#   gtp        gtp.ko (role ggsn, 1,000 PDP contexts): decapsulation, the reference
#   plain      edgedp, one session, no filters: decapsulation
#   breakout   edgedp UL CL session: default PDR (precedence 65000) to N9,
#              breakout PDRs (precedence 100, 101, ...) of 32 filters each to the
#              local DN; F filters in all, the traffic's session holds
#              min(F, 8000) (250 PDRs x 32), the rest is spread over other
#              sessions (8 PDRs x 32 filters each). The one filter the packets
#              match is the last filter of the last PDR: last by precedence,
#              so every tuple is probed (no pruning). Realistic shapes: server
#              /32 + port (udp), /24 + port range (tcp), /24 -> UE /16 (any
#              protocol), /24 + port (udp). Sink: 10.0.2.2:9000 in dn.
#   worst      the same, but every non-matching filter has its own pair of
#              prefix lengths (33 x 33): one tuple each, up to 1,089 tuples
#              (the documented weak spot, docs/ulcl.md)
#   spread     the largest set again, the traffic's session holding one
#              breakout PDR (32 filters), the rest in other sessions
#   plain-fast, breakout-fast
#              plain decapsulation and the largest breakout set again, the N3
#              endpoint re-added with "fastpath" (kmod/gtpu/fastpath.c: G-PDUs taken
#              at the end of PRE_ROUTING, no input route or UDP layer)
#   breakout-fast-newflow
#              the same, but every packet a new inner flow (4,096 inner
#              source ports in turn, udpblast -F): the classifier's match
#              cache (1,024 slots a CPU) misses on every packet
#   n9         the same session shape, packets to port 9001 that no filter
#              matches: the default PDR re-encapsulates them toward the
#              peer 10.0.2.2:2152 (outer header creation, N9 endpoint
#              10.0.2.1); a plain UDP socket in dn counts the G-PDUs. With 0
#              filters and with the largest filter set.
#
# Knobs: ULCL_N (5000 packets per run), ULCL_REPS (2), ULCL_FILTERS
# ("10 1000 10000"), ULCL_WORST (10000; 0 = skip), ULCL_SPREAD (1: also the largest set with
# only 32 filters in the traffic's session; 0 = skip), ULCL_FAST (1: the
# fast-path rows; 0 = skip). One JSON line per run
# into $EDGEDP_RESULTS/ulcl.jsonl.
set -uo pipefail
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

# ---- host side --------------------------------------------------------------
if [ "${1:-}" = --host ]; then
	shift
	target=6.1 module='' plugin=''
	while [ $# -gt 0 ]; do
		case "$1" in
		--target) target=$2; shift 2 ;;
		--module) module=$2; shift 2 ;;
		--profile) plugin=$REPO/selftests/bench/prof/edgedp_prof.so; shift ;;
		*) echo "ulcl_bench: unknown option $1" >&2; exit 2 ;;
		esac
	done
	cd "$REPO" || exit 1
	make -s -C selftests/bench || exit 1
	make -s -C tools >/dev/null || { echo "ulcl_bench: edgectl did not build" >&2; exit 1; }
	results=$REPO/results/ulcl-$target-$(date -u +%Y%m%d-%H%M%S)
	mkdir -p "$results"
	if [ -z "$module" ]; then
		module=$(scripts/build-module.sh "$target") || exit 1
	fi
	cp "$module" "$results/edgedp.ko"
	benv=()
	for v in ULCL_N ULCL_REPS ULCL_FILTERS ULCL_WORST ULCL_SPREAD ULCL_FAST; do
		[ -n "${!v:-}" ] && benv+=("$v=${!v}")
	done
	[ -n "$plugin" ] && benv+=(BENCH_PROFILE=1)
	start=$SECONDS
	EDGEDP_VM_PLUGIN=$plugin selftests/qemu/vm.sh --target "$target" --bench --module "$results/edgedp.ko" \
		--timeout "${BENCH_TIMEOUT:-2700}" --results "$results" -- \
		env "${benv[@]}" selftests/bench/ulcl_bench.sh 2>&1 | tee "$results/ulcl.log"
	rc=${PIPESTATUS[0]}
	echo "ulcl_bench: $target: $((SECONDS - start)) s wall, results in $results"
	[ -s "$results/ulcl.jsonl" ] || { echo "ulcl_bench: no results" >&2; exit 1; }
	if [ -n "$plugin" ]; then
		/usr/bin/python3 selftests/bench/profile.py "$results" >"$results/profile.txt" ||
			rc=1
		echo "ulcl_bench: profile in $results/profile.txt"
	fi
	/usr/bin/python3 - "$results/ulcl.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
meta = [r for r in rows if r["kind"] == "meta"][0]
pk = [r for r in rows if r["kind"] == "pkt"]
def ipp(r): return r["guest_ns"] / r["packets"]
by = {}
for r in pk:
    by.setdefault((r["scenario"], r["filters"]), []).append(r)
base = sum(ipp(r) for r in by[("baseline", 0)]) / len(by[("baseline", 0)])
def added(k): return sum(ipp(r) for r in by[k]) / len(by[k]) - base
print(f"kernel {meta['kernel']}, {meta['n']} packets x {meta['reps']} runs, 64 B")
print(f"{'scenario':10} {'filters':>7} {'tuples':>6} {'instr/pkt (runs)':>28} {'added':>8}")
for k, rs in by.items():
    runs = " / ".join(f"{ipp(r):.1f}" for r in rs)
    ok = all(r["ok"] for r in rs)
    print(f"{k[0]:10} {k[1]:7d} {rs[0].get('tuples', ''):>6} {runs:>28} {added(k):8.1f}{'' if ok else '  FAILED'}")
g = added(("gtp", 0)) if ("gtp", 0) in by else None
bo = sorted((k for k in by if k[0] == "breakout"), key=lambda k: k[1])
if bo:
    lo, hi = bo[0], bo[-1]
    r = added(hi) / added(lo)
    print(f"breakout {hi[1]} / {lo[1]} filters: {r:.3f}x (target <= 1.2x): {'met' if r <= 1.2 else 'MISSED'}")
    if g:
        r = added(hi) / g
        print(f"breakout {hi[1]} filters / gtp.ko decap: {r:.3f}x (target <= 0.8x): {'met' if r <= 0.8 else 'MISSED'}")
for k in sorted(k for k in by if k[0] in ("breakout-fast", "breakout-fast-newflow")):
    if g:
        r = added(k) / g
        what = "a new inner flow each packet" if k[0].endswith("newflow") else "one flow"
        print(f"breakout {k[1]} filters, fast-path endpoint, {what} / gtp.ko decap: {r:.3f}x "
              f"(target <= 0.8x): {'met' if r <= 0.8 else 'MISSED'}")
for k in by:
    if k[0] in ("worst", "n9", "spread", "plain-fast") and g:
        print(f"{k[0]} {k[1]} filters / gtp.ko decap: {added(k) / g:.3f}x")
EOF
	exit "$rc"
fi

# ---- guest side ---------------------------------------------------------------
N=${ULCL_N:-5000}
REPS=${ULCL_REPS:-2}
FILTERS=${ULCL_FILTERS:-10 1000 10000}
WORST=${ULCL_WORST:-10000}
SPREAD=${ULCL_SPREAD:-1}
FAST=${ULCL_FAST:-1}
WARMUP=256
SETTLE_MS=200
OUT=${EDGEDP_RESULTS:-/tmp}/ulcl.jsonl
PY=/usr/bin/python3

UE=10.100.0.1
GNB=10.0.1.1
N3=10.0.1.2
N6=10.0.2.1
DN=10.0.2.2
UL_TEID=256
DL_TEID=512
N9_TEID=768
PORT=9000
MISS_PORT=9001
GTPU_PORT=2152

log() { echo "# ulcl: $*"; }
# prof_snap LABEL (BENCH_PROFILE=1): selftests/bench/prof/snap.sh
. "$HERE/prof/snap.sh"
failures=0
fail() { log "FAIL: $*"; failures=$((failures + 1)); }

[ "${EDGEDP_BENCH:-0}" = 1 ] || log "warning: not an icount VM (EDGEDP_BENCH unset): figures are wall-clock noise"
[ -d /sys/module/edgedp ] || { log "FAIL: edgedp.ko is not loaded"; exit 1; }
modprobe -q gtp 2>/dev/null
modprobe -q veth 2>/dev/null

# Measuring programs from tmpfs (VM-NOTES: 9p reads under sleep=off).
T=/dev/shm/edgedp-ulcl
rm -rf "$T"
mkdir -p "$T/bench"
for p in udpblast udpsink; do
	[ -x "$HERE/$p" ] || { log "FAIL: $HERE/$p not built (make -C selftests/bench)"; exit 1; }
	cp "$HERE/$p" "$T/$p"
done
[ -x "$REPO/tools/edgectl/edgectl" ] || { log "FAIL: edgectl not built"; exit 1; }
cp "$REPO/tools/edgectl/edgectl" "$T/edgectl"
cp "$HERE/gtpkernel.py" "$T/bench/"
cp "$REPO/selftests/genl.py" "$T/"
mkdir "$T/sync" && mkfifo "$T/sync/go" "$T/sync/ack"
sync_opt=(-S "$T/sync")
: >"$OUT"
jstr() { printf '"%s"' "$1"; }
emit() { echo "$1" >>"$OUT"; }

if [ -w /sys/kernel/mm/transparent_hugepage/enabled ]; then
	echo never >/sys/kernel/mm/transparent_hugepage/enabled
	echo never >/sys/kernel/mm/transparent_hugepage/defrag
fi
for kv in kernel.watchdog=0 vm.stat_interval=3600 vm.compaction_proactiveness=0; do
	sysctl -qw "$kv" 2>/dev/null
done
emit "{\"kind\":\"meta\",\"kernel\":$(jstr "$(uname -r)"),\"n\":$N,\"reps\":$REPS,\"filters\":$(jstr "$FILTERS"),\"worst\":$WORST,\"bench\":${EDGEDP_BENCH:-0}}"
log "kernel $(uname -r), N=$N reps=$REPS filters=$FILTERS worst=$WORST"

# ---- topology (gtpu_bench.sh's) --------------------------------------------
G=ugnb U=uupf D=udn
for ns in $G $U $D; do ip netns del $ns 2>/dev/null; done
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
mac() { ip -n "$1" -br link show dev "$2" | awk '{print $3}'; }
ip -n $G neigh replace $N3 lladdr "$(mac $U n3)" dev n3 nud permanent &&
	ip -n $U neigh replace $GNB lladdr "$(mac $G n3)" dev n3 nud permanent &&
	ip -n $U neigh replace $DN lladdr "$(mac $D n6)" dev n6 nud permanent &&
	ip -n $D neigh replace $N6 lladdr "$(mac $U n6)" dev n6 nud permanent ||
	{ log "FAIL: neighbours"; exit 1; }

# ---- one measurement (gtpu_bench.sh's run_one) ------------------------------
run_one() {
	local n=$1 saddr=$2 sport=$3 elen=$4
	shift 4
	local ready=$T/ready sink blast got start last llen pid

	rm -f "$ready" "$T/sink.out" "$T/blast.out"
	ip netns exec $D "$T/udpsink" "${sync_opt[@]}" -l "$saddr" -p "$sport" -n "$n" \
		-t 2000 -r "$ready" >"$T/sink.out" 2>&1 &
	pid=$!
	while [ ! -e "$ready" ]; do
		kill -0 $pid 2>/dev/null || break
		sleep 0.01
	done
	sleep 0.05
	ip netns exec $G "$T/udpblast" "${sync_opt[@]}" -w $SETTLE_MS -n "$n" -s 64 "$@" \
		>"$T/blast.out" 2>&1
	wait $pid
	sink=$(cat "$T/sink.out") blast=$(cat "$T/blast.out")
	got=$(sed -n 's/.*received=\([0-9]*\).*/\1/p' <<<"$sink")
	llen=$(sed -n 's/.*last_len=\([0-9]*\).*/\1/p' <<<"$sink")
	last=$(sed -n 's/.*last_ns=\([0-9]*\).*/\1/p' <<<"$sink")
	start=$(sed -n 's/.*start_ns=\([0-9]*\).*/\1/p' <<<"$blast")
	R_GOT=${got:-0}
	if [ "${got:-0}" != "$n" ] || [ "${llen:-0}" != "$elen" ] || [ -z "$start" ]; then
		log "received ${got:-?}/$n, last length ${llen:-?} (expected $elen): $sink / $blast"
		return 1
	fi
	R_NS=$((last - start))
}

# measure SCENARIO FILTERS TUPLES MODE: MODE plain (no tunnel), decap (to
# the DN's port 9000), decap-flows (the same, a new inner source port each
# packet), n9 (inner port 9001, G-PDU counted at the peer).
measure() {
	local scen=$1 nf=$2 tup=$3 mode=$4 args saddr=$DN sport=$PORT elen=64 rep

	case $mode in
	plain) args=(-d "$DN" -p "$PORT" -b "$UE" -P "$PORT") ;;
	decap) args=(-d "$N3" -p "$GTPU_PORT" -b "$GNB" -P "$GTPU_PORT" -g "$UL_TEID"
		-i "$UE" -o "$DN" -I "$PORT" -O "$PORT") ;;
	decap-flows) args=(-d "$N3" -p "$GTPU_PORT" -b "$GNB" -P "$GTPU_PORT" -g "$UL_TEID"
		-i "$UE" -o "$DN" -I 20000 -O "$PORT" -F 4096) ;;
	n9) args=(-d "$N3" -p "$GTPU_PORT" -b "$GNB" -P "$GTPU_PORT" -g "$UL_TEID"
		-i "$UE" -o "$DN" -I "$PORT" -O "$MISS_PORT")
		sport=$GTPU_PORT elen=$((8 + 20 + 8 + 64)) ;;
	esac
	run_one "$WARMUP" "$saddr" "$sport" "$elen" "${args[@]}" ||
		{ fail "$scen $nf: warm-up"; return 1; }
	for rep in $(seq 1 "$REPS"); do
		local ok=true label=$scen.edgedp.$nf.uplink.64.$N
		[ "$rep" = 1 ] && prof_snap "$label.a"
		if ! run_one "$N" "$saddr" "$sport" "$elen" "${args[@]}"; then
			fail "$scen $nf rep $rep"
			ok=false R_NS=0
		fi
		[ "$rep" = 1 ] && prof_snap "$label.b"
		emit "{\"kind\":\"pkt\",\"scenario\":$(jstr "$scen"),\"filters\":$nf,\"tuples\":$tup,\"packets\":$N,\"rep\":$rep,\"guest_ns\":$R_NS,\"received\":${R_GOT:-0},\"ok\":$ok}"
		log "$(printf '%-9s %6d filters rep %d: %s instructions/packet' "$scen" "$nf" "$rep" \
			"$(echo "scale=1; $R_NS / $N" | bc)")"
	done
}

settle() { sleep 1; }

# ---- baseline ------------------------------------------------------------------
log "baseline"
settle
measure baseline 0 0 plain

# ---- gtp.ko --------------------------------------------------------------------
log "gtp.ko"
if [ -d /sys/module/gtp ]; then
	ip netns exec $U $PY "$T/bench/gtpkernel.py" link gtp0 ggsn >"$T/gtp.out" 2>&1 &
	gtp_pid=$!
	for _ in $(seq 100); do
		ip -n $U link show gtp0 >/dev/null 2>&1 && break
		kill -0 $gtp_pid 2>/dev/null || break
		sleep 0.1
	done
	kill -0 $gtp_pid 2>/dev/null || { wait $gtp_pid; gtp_pid=; }
	if ip -n $U link set gtp0 up &&
		ip -n $U route add 10.100.0.0/16 dev gtp0 &&
		ip netns exec $U $PY "$T/bench/gtpkernel.py" pdp gtp0 $UL_TEID $DL_TEID $GNB $UE &&
		ip netns exec $U $PY "$T/bench/gtpkernel.py" pdp-bulk gtp0 999 $GNB; then
		settle
		measure gtp 0 0 decap
	else
		fail "gtp.ko setup: $(cat "$T/gtp.out")"
	fi
	ip -n $U link del gtp0 2>/dev/null
	[ -n "$gtp_pid" ] && kill "$gtp_pid" 2>/dev/null && wait "$gtp_pid" 2>/dev/null
else
	fail "gtp.ko not available"
fi

# ---- edgedp ----------------------------------------------------------------------
ECTL="ip netns exec $U $T/edgectl"
# upf_fresh: a new device with the N3 and N9 endpoints.
upf_fresh() {
	ip -n $U link del upf0 2>/dev/null
	$ECTL dev add upf0 >/dev/null &&
		ip -n $U link set upf0 up &&
		ip -n $U route add 10.100.0.0/16 dev upf0 &&
		$ECTL ep add dev upf0 $N3 role n3 &&
		$ECTL ep add dev upf0 $N6 role n9
}

# gen_batch FILTERS WORST FILE [CAP]: the edgectl batch of one UL CL rule
# set, at most CAP (8000) filters in the traffic's session.
# Filters are in downlink form (from = the DN side); the uplink PDRs match
# them swapped. Non-matching filters never match the measured packets
# (10.100.0.1:9000 -> 10.0.2.2:9000 or :9001, UDP): their server-side
# addresses are outside 10.0.2.0/24, or their protocol is tcp.
gen_batch() {
	awk -v F="$1" -v worst="$2" -v cap="${4:-8000}" -v ue=$UE -v teid=$UL_TEID -v dl=$DL_TEID \
		-v n9=$N9_TEID -v gnb=$GNB -v dn=$DN -v port=$PORT '
	function ip(a) { return sprintf("%d.%d.%d.%d", int(a / 16777216) % 256,
		int(a / 65536) % 256, int(a / 256) % 256, a % 256) }
	function pfx(a, l,   m) { m = 2 ^ (32 - l); return ip(a - a % m) "/" l }
	# filter i of the whole set (0 .. F-2); the last one (F-1) matches.
	function filt(i,   s, l1, l2) {
		if (worst) {
			l1 = i % 33; l2 = int(i / 33) % 33
			return "permit out tcp from " pfx(2886729728 + i * 4099, l1) \
				" to " pfx(167772160 + 100 * 65536 + i * 13, l2)
		}
		s = i % 4
		if (s == 0)
			return sprintf("permit out udp from 198.18.%d.%d %d to assigned",
				int(i / 256) % 256, i % 256, 1000 + i % 5000)
		if (s == 1)
			return sprintf("permit out tcp from 198.19.%d.0/24 %d-%d to assigned",
				int(i / 256) % 256, 8000 + i % 100, 8100 + i % 100)
		if (s == 2)
			return sprintf("permit out ip from 100.%d.%d.0/24 to 10.100.0.0/16",
				64 + i % 64, int(i / 64) % 256)
		return sprintf("permit out udp from 203.0.%d.0/24 %d to assigned",
			i % 256, 5000 + i % 1000)
	}
	BEGIN {
		intraffic = F < cap ? F : cap
		rest = F - intraffic
		# The traffic session: default PDR to N9, downlink PDR, breakout PDRs.
		printf "session add dev upf0 seid 1" \
			" pdr id 1 precedence 65000 src-iface access teid %d far 1" \
			" pdr id 2 precedence 100 src-iface core ue %s far 2" \
			" far id 1 action forw dst-iface core teid %d peer %s" \
			" far id 2 action forw dst-iface access teid %d peer %s" \
			" far id 3 action forw dst-iface core\n", teid, ue, n9, dn, dl, gnb
		# Filters of the traffic session are numbered rest .. F-1: the
		# last is the matching one.
		k = rest; pdr = 0
		while (k < F) {
			line = "session mod dev upf0 seid 1"
			for (j = 0; j < 8 && k < F; j++) {
				line = line sprintf(" pdr id %d precedence %d src-iface access teid %d far 3",
					10 + pdr, 100 + pdr, teid)
				for (f = 0; f < 32 && k < F; f++) {
					if (k == F - 1)
						line = line sprintf(" sdf \"permit out udp from %s %d to assigned\"", dn, port)
					else
						line = line " sdf \"" filt(k) "\""
					k++
				}
				pdr++
			}
			print line
		}
		# Other sessions: 8 PDRs x 32 filters each, own TEIDs and UEs.
		k = 0; s = 0
		while (k < rest) {
			line = sprintf("session add dev upf0 seid %d far id 1 action forw dst-iface core", 100 + s)
			for (j = 0; j < 8 && k < rest; j++) {
				line = line sprintf(" pdr id %d precedence %d src-iface access teid %d far 1",
					10 + j, 100 + j, 65536 + s)
				for (f = 0; f < 32 && k < rest; f++)
					line = line " sdf \"" filt(k++) "\""
			}
			print line
			s++
		}
	}' >"$3"
}

# install FILTERS WORST [CAP]: a fresh device with the rule set. Sets TUPLES (the
# distinct filter shapes of the traffic session, counted from the batch).
install() {
	local b=$T/rules.batch
	gen_batch "$1" "$2" "$b" "${3:-}"
	upf_fresh || { fail "edgedp device"; return 1; }
	log "installing $1 filters ($(wc -l <"$b") requests, $(wc -c <"$b") bytes)"
	if ! $ECTL -force -b "$b" >"$T/install.out" 2>&1; then
		fail "installing $1 filters: $(head -5 "$T/install.out")"
		return 1
	fi
	local got
	got=$($ECTL -j session show dev upf0 |
		$PY -c 'import json, sys; j = json.load(sys.stdin); print(sum(len(p.get("sdf", [])) for s in j for p in s["pdrs"]))')
	[ "$got" = "$1" ] || { fail "installed $got filters, wanted $1"; return 1; }
	# Shapes of the traffic session's filters (the "seid 1" lines).
	TUPLES=$(grep '^session mod dev upf0 seid 1 ' "$b" | grep -o 'sdf "[^"]*"' |
		sed 's/sdf "permit out \([a-z]*\) from \([^ ]*\) \([0-9-]*\) \?to \([^ "]*\).*/\1 \2 \3 \4/' |
		awk '{ p = ($1 == "ip") ? 0 : 1
			l1 = ($2 ~ /\//) ? substr($2, index($2, "/") + 1) : 32
			l2 = ($NF == "assigned") ? 0 : (($NF ~ /\//) ? substr($NF, index($NF, "/") + 1) : 32)
			port = ($3 ~ /^[0-9]+$/) ? 1 : 0
			print p, l1, l2, port }' | sort -u | wc -l)
	log "installed $got filters; traffic session: $TUPLES filter shapes (+1 catch-all)"
}

# fast_n3: the N3 endpoint again, with the receive fast path.
fast_n3() {
	$ECTL ep del dev upf0 $N3 && $ECTL ep add dev upf0 $N3 role n3 fastpath
}

log "edgedp plain decapsulation"
if upf_fresh && $ECTL session add dev upf0 seid 1 \
	pdr id 1 precedence 100 src-iface access teid $UL_TEID far 1 \
	pdr id 2 precedence 100 src-iface core ue $UE far 2 \
	far id 1 action forw dst-iface core \
	far id 2 action forw dst-iface access teid $DL_TEID peer $GNB; then
	settle
	measure plain 0 0 decap
	if [ "$FAST" = 1 ]; then
		if fast_n3; then
			settle
			measure plain-fast 0 0 decap
		else
			fail "a fast-path N3 endpoint"
		fi
	fi
else
	fail "edgedp plain session"
fi

log "edgedp N9 relay, no filters"
if install 0 0; then
	settle
	measure n9 0 0 n9
fi

for nf in $FILTERS; do
	log "edgedp breakout, $nf filters"
	install "$nf" 0 || continue
	settle
	measure breakout "$nf" "$TUPLES" decap
	last=$nf
done
# The largest set stays installed: packets that no filter matches.
if [ -n "${last:-}" ]; then
	log "edgedp N9 relay with $last filters (no filter matches)"
	measure n9 "$last" "$TUPLES" n9
fi
# ... and the breakout again through a fast-path N3 endpoint.
if [ -n "${last:-}" ] && [ "$FAST" = 1 ]; then
	log "edgedp breakout, $last filters, fast-path N3 endpoint"
	if fast_n3; then
		settle
		measure breakout-fast "$last" "$TUPLES" decap
		measure breakout-fast-newflow "$last" "$TUPLES" decap-flows
	else
		fail "a fast-path N3 endpoint"
	fi
fi
# The same total, but the traffic's session holds one PDR of 32 filters:
# what the other sessions' filters cost it (the classifier is per session).
if [ -n "${last:-}" ] && [ "$SPREAD" = 1 ]; then
	log "edgedp breakout, $last filters, 32 in the traffic's session"
	install "$last" 0 32 && { settle; measure spread "$last" "$TUPLES" decap; }
fi
if [ "$WORST" -gt 0 ]; then
	log "edgedp breakout, worst case: $WORST filters of distinct prefix lengths"
	install "$WORST" 1 && { settle; measure worst "$WORST" "$TUPLES" decap; }
fi

ip -n $U link del upf0 2>/dev/null
for ns in $G $U $D; do ip netns del $ns 2>/dev/null; done
log "done, $failures failure(s)"
[ $failures = 0 ]
exit
}
