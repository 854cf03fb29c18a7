#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GTP-U path supervision (TS 29.281 7.2, TS 23.007 20): edgedp sends Echo
# Requests to three independent peers and reports them up, down and
# restarted, through `edgectl monitor` and `edgectl peer show`.
#
#  upf ns                                 ggsn ns
#  upf0 (edgedp)                          gg0 10.0.5.2, 2001:db8:5::2
#  endpoints 10.0.5.1, 2001:db8:5::1        osmo-ggsn (libgtp answers GTP-U Echo
#  br0 10.0.5.1/24 ---------+---------      with its GTPv1 restart counter, kept
#      2001:db8:5::1/64     |               in its state-dir across restarts)
#                           |             responder.py [2001:db8:5::2]:2152
#                           |               (Recovery given on its command line)
#                           |             gnb ns
#                           +------------ gn0 10.0.5.3
#                                           gtp0: the kernel's gtp.ko, which answers
#                                           Echo Requests itself (since 5.17), but
#                                           always with sequence number 0
#
# Checked: UP events and state up for osmo-ggsn and the responder, with
# their restart counters; gtp.ko answers with sequence number 0 whatever the
# request's, so it never matches and goes DOWN; the Echo Request on the wire
# with tshark (version 1, PT 1, S set, type 1, TEID 0, length 4, sequence +1
# each time); osmo-ggsn stopped -> DOWN after
# RETRIES unanswered requests; started again -> UP with its restart counter
# one higher; a restart without a down (new counter, still up) -> one event;
# an unknown Echo Response is counted (gtpu-type) and ignored; changing the
# timers keeps the state; bad requests fail with extack; EPERM without
# CAP_NET_ADMIN; deleting the device and unloading the module with peers
# being supervised are clean (vm.sh scans the kernel log for splats).
source "$(dirname "$0")/lib.sh"

require_edgedp
require_command osmo-ggsn
require_command tshark

PEER="$PYTHON $TESTS_DIR/gtpu/peer.py"
INTERVAL=500
RETRIES=2
pids=()

cleanup()
{
	local p

	for p in "${pids[@]}"; do
		kill -9 "$p" 2>/dev/null
	done
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
	edgedp_ensure_loaded
}
trap cleanup EXIT
TMP=$(mktemp -d)

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
wait_for()
{
	local n=$(($1 * 10))

	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# The JSON events of the monitor about ADDR, one per line.
events() { grep -F "\"addr\":\"$1\"" "$TMP/events" 2>/dev/null; }
n_events() { events "$1" | wc -l; }
# has_event N ADDR STATE [RECOVERY]: the Nth event of ADDR says so.
has_event()
{
	local line

	line=$(events "$2" | sed -n "$1p")
	[[ $line == *"\"state\":\"$3\""* ]] || return 1
	[ -z "${4:-}" ] || [[ $line == *"\"recovery\":$4"[,}]* ]]
}
peer_json() { nsctl "$upf" -j peer show dev upf0 "$@"; }
# peer_field ADDR KEY: KEY's value in the text of `peer show` (no python: fast).
peer_field()
{
	nsctl "$upf" peer show dev upf0 "$1" |
		awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

start_ggsn()
{
	ip netns exec "$ggsn" osmo-ggsn -c "$TMP/ggsn.cfg" >>"$TMP/ggsn.log" 2>&1 &
	ggsn_pid=$!
	disown
	pids+=("$ggsn_pid")
}

stop_ggsn()
{
	kill "$ggsn_pid"
	timeout 10 tail --pid="$ggsn_pid" -f /dev/null || kill -9 "$ggsn_pid"
	return 0
}

# ---- topology ----------------------------------------------------------------
[ -d /sys/module/gtp ] || modprobe gtp 2>/dev/null ||
	{ echo "SKIP: the kernel's gtp module is not available"; exit $ksft_skip; }
setup_ns upf ggsn gnb
ip -n "$upf" link add br0 type bridge &&
	ip link add gg0 netns "$ggsn" type veth peer name p-ggsn netns "$upf" &&
	ip link add gn0 netns "$gnb" type veth peer name p-gnb netns "$upf" &&
	ip -n "$upf" link set p-ggsn master br0 up &&
	ip -n "$upf" link set p-gnb master br0 up &&
	ip -n "$upf" addr add 10.0.5.1/24 dev br0 &&
	ip -n "$upf" addr add 2001:db8:5::1/64 dev br0 nodad &&
	ip -n "$upf" link set br0 up &&
	ip -n "$ggsn" addr add 10.0.5.2/24 dev gg0 &&
	ip -n "$ggsn" addr add 2001:db8:5::2/64 dev gg0 nodad &&
	ip -n "$ggsn" link set gg0 up &&
	ip -n "$gnb" addr add 10.0.5.3/24 dev gn0 &&
	ip -n "$gnb" link set gn0 up &&
	ip netns exec "$gnb" "$PYTHON" "$TESTS_DIR/gtp_kernel.py" link gtp0 ggsn &&
	ip -n "$gnb" link set gtp0 up
check_err $? "building the topology failed"
nsctl "$upf" dev add upf0 >/dev/null &&
	ip -n "$upf" link set upf0 up &&
	nsctl "$upf" ep add dev upf0 10.0.5.1 &&
	nsctl "$upf" ep add dev upf0 2001:db8:5::1
check_err $? "configuring edgedp failed"
upf0=$(ip netns exec "$upf" cat /sys/class/net/upf0/ifindex)
nsctl "$upf" info | grep -qE '^features .*\bpeer\b'
check_err $? "GET_INFO lacks the peer feature: $(nsctl "$upf" info)"
log_test "topology: upf0 with endpoints, osmo-ggsn, a responder and gtp.ko as peers"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS

# osmo-ggsn, minimal: GTP-U in userspace (tun mode) on 10.0.5.2, one APN.
mkdir -p "$TMP/ggsn-state"
cat >"$TMP/ggsn.cfg" <<EOF
log stderr
 logging filter all 1
 logging color 0
 logging print category 1
 logging level lgtp info
line vty
 no login
ggsn ggsn0
 gtp state-dir $TMP/ggsn-state
 gtp bind-ip 10.0.5.2
 apn internet
  gtpu-mode tun
  tun-device tunpeer0
  type-support v4
  ip prefix dynamic 172.16.222.0/24
  ip ifconfig 172.16.222.0/24
  no shutdown
 default-apn internet
 no shutdown ggsn
EOF
[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
start_ggsn
ip netns exec "$ggsn" $PEER responder 2001:db8:5::2 40 &
resp_pid=$!
disown
pids+=("$resp_pid")
ip netns exec "$upf" "$EDGECTL" -j monitor >"$TMP/events" 2>"$TMP/monitor.err" &
pids+=($!)
disown
# Requests to osmo-ggsn and gtp.ko's answers, from the first ones on:
# tcpdump writes each packet at once (-U), tshark decodes them later.
ip netns exec "$upf" tcpdump -n -U -i br0 -w "$TMP/echo.pcap" \
	"udp port 2152 and (dst host 10.0.5.2 or src host 10.0.5.3)" >"$TMP/tcpdump.log" 2>&1 &
tcpdump_pid=$!
disown
pids+=("$tcpdump_pid")
wait_for 30 grep -q "listening on" "$TMP/tcpdump.log"
check_err $? "tcpdump did not start: $(cat "$TMP/tcpdump.log")"
ggsn_listens() { ip netns exec "$ggsn" ss -uln | grep -q '10.0.5.2:2152'; }
wait_for 10 ggsn_listens
check_err $? "osmo-ggsn is not listening: $(tail -5 "$TMP/ggsn.log")"
log_test "osmo-ggsn, the responder, tcpdump and the monitor started"

# ---- up ------------------------------------------------------------------------
for p in 10.0.5.2 10.0.5.3; do
	nsctl "$upf" peer add dev upf0 $p interval $INTERVAL retries $RETRIES ||
		check_err 1 "peer add $p failed"
done
# Python under TCG may take seconds to start again: this one is patient.
nsctl "$upf" peer add dev upf0 2001:db8:5::2 interval 1000 retries 16 ||
	check_err 1 "peer add 2001:db8:5::2 failed"
wait_for 20 has_event 1 10.0.5.2 up
check_err $? "no up event for osmo-ggsn: $(cat "$TMP/events")"
wait_for 10 has_event 1 2001:db8:5::2 up 40
check_err $? "no up event with recovery 40 for the responder: $(cat "$TMP/events")"
log_test "PEER_NTF up for osmo-ggsn and the IPv6 responder"

rec1=$(peer_field 10.0.5.2 recovery)
s=$(peer_json 10.0.5.2)
[ -n "$rec1" ] && [ "$rec1" -ge 1 ] && has_event 1 10.0.5.2 up "$rec1" &&
	[ "$(peer_field 2001:db8:5::2 state)" = up ]
check_err $? "peer show: $(peer_json)"
ok=$(peer_json | json_eval '(all(p["port"] == 2152 and p["echo-tx"] >= 1 for p in j) and
	[(p["interval"], p["retries"]) for p in j] == [('$INTERVAL', '$RETRIES')] * 2 + [(1000, 16)] and
	all(1 <= p["echo-rx"] <= p["echo-tx"] for p in j if p["state"] == "up"))')
[ "$ok" = True ]
check_err $? "peer show: $(peer_json)"
log_test "peer show: both up, osmo-ggsn restart counter $rec1, counters"

# gtp.ko answers every Echo Request, but with sequence number 0 (its
# gtp1u_send_echo_resp() clears the header it builds and never copies the
# request's): no answer matches, the peer goes down, never up.
wait_for 10 has_event 1 10.0.5.3 down
check_err $? "no down event for gtp.ko: $(events 10.0.5.3)"
[ "$(n_events 10.0.5.3)" = 1 ] && [ "$(peer_field 10.0.5.3 echo-rx)" = 0 ]
check_err $? "gtp.ko: $(events 10.0.5.3) $(peer_json 10.0.5.3)"
log_test "gtp.ko answers with sequence 0: no match, down, echo-rx 0"

# ---- the Echo Request on the wire ---------------------------------------------------
# Enough of them captured, however fast the peers came up.
enough() { [ "$(peer_field 10.0.5.2 echo-tx)" -ge 6 ] && [ "$(peer_field 10.0.5.3 echo-tx)" -ge 4 ]; }
wait_for 20 enough
check_err $? "too few Echo Requests sent: $(peer_json)"
sleep 0.3	# the last answers
kill "$tcpdump_pid"
timeout 10 tail --pid="$tcpdump_pid" -f /dev/null
F=(ip.src ip.dst udp.srcport udp.dstport gtp.flags.version gtp.flags.payload gtp.flags.e
   gtp.flags.s gtp.flags.pn gtp.message gtp.length gtp.teid gtp.seq_number)
tshark -n -r "$TMP/echo.pcap" -T fields -E separator='|' "${F[@]/#/-e}" >"$TMP/echo.txt" \
	2>"$TMP/tshark.err"
check_err $? "tshark: $(cat "$TMP/tshark.err")"
bad=$("$PYTHON" - "$TMP/echo.txt" <<'PYEOF'
import sys
req, resp, bad = [], [], []
for n, line in enumerate(open(sys.argv[1]), 1):
    f = line.rstrip("\n").split("|")
    src, dst, sport, dport, ver, pt, e, s, pn, msg, length, teid, seq = f
    hdr = (ver, pt, e, s, pn, int(length), int(teid, 0))
    msg = int(msg, 0)
    if dst == "10.0.5.2":
        if (src, sport, dport, msg) != ("10.0.5.1", "2152", "2152", 1):
            bad.append(f"request {n}: addresses, ports or type: {line}")
        if hdr != ("1", "1", "0", "1", "0", 4, 0):
            bad.append(f"request {n}: version/PT/E/S/PN/length/TEID: {line}")
        req.append(int(seq, 0))
    elif src == "10.0.5.3" and msg == 2:
        resp.append(int(seq, 0))
for a, b in zip(req, req[1:]):
    if b != (a + 1) % 65536:
        bad.append(f"sequence {b} after {a}")
if len(req) < 5 or len(resp) < 3:
    bad.append(f"{len(req)} requests to osmo-ggsn, {len(resp)} responses of gtp.ko")
if any(resp):
    bad.append(f"gtp.ko's sequence numbers: {resp}")
print("; ".join(bad))
sys.exit(1 if bad else 0)
PYEOF
)
check_err $? "$bad ($(tshark -n -r "$TMP/echo.pcap" 2>&1 | wc -l) packets; $(tail -2 "$TMP/tcpdump.log"))"
log_test "tshark: Echo Request v1, PT 1, S set, TEID 0, length 4, seq +1 each"

# ---- down and up again -------------------------------------------------------------
n0=$(n_events 10.0.5.2)
t0=$(date +%s%N)
stop_ggsn
wait_for 15 has_event $((n0 + 1)) 10.0.5.2 down
check_err $? "no down event: $(events 10.0.5.2)"
ms=$((($(date +%s%N) - t0) / 1000000))
# RETRIES requests unanswered, each given one interval: between RETRIES and
# RETRIES + 1 intervals, plus what TCG adds.
[ "$ms" -ge $((RETRIES * INTERVAL - INTERVAL / 2)) ]
check_err $? "down after only $ms ms"
[ "$(peer_field 10.0.5.2 state)" = down ] && [ "$(peer_field 2001:db8:5::2 state)" = up ]
check_err $? "peer show after the stop: $(peer_json)"
log_test "osmo-ggsn stopped: PEER_NTF down after $ms ms, the responder still up"

start_ggsn
wait_for 20 has_event $((n0 + 2)) 10.0.5.2 up
check_err $? "no up event after the restart: $(events 10.0.5.2)"
rec2=$(peer_field 10.0.5.2 recovery)
state_file=$(cat "$TMP/ggsn-state/gsn_restart" 2>/dev/null)
[ "$rec2" = $(((rec1 + 1) % 256)) ] && has_event $((n0 + 2)) 10.0.5.2 up "$rec2" &&
	[ "$state_file" = "$rec2" ]
check_err $? "recovery $rec1 -> '$rec2' (state file '$state_file'): $(events 10.0.5.2)"
log_test "osmo-ggsn started again: PEER_NTF up, restart counter $rec1 -> $rec2"

# The responder restarts faster than the peer can go down: state stays up,
# one event carries the new restart counter.
kill -9 "$resp_pid"
sleep 0.2
ip netns exec "$ggsn" $PEER responder 2001:db8:5::2 41 &
pids+=($!)
disown
wait_for 10 has_event 2 2001:db8:5::2 up 41
check_err $? "no restart event: $(events 2001:db8:5::2)"
sleep 1
[ "$(n_events 2001:db8:5::2)" = 2 ]
check_err $? "events: $(events 2001:db8:5::2)"
log_test "restart without a down: one PEER_NTF, still up, recovery 40 -> 41"

# ---- timers, unknown Echo Responses ----------------------------------------------------
nsctl "$upf" peer add dev upf0 10.0.5.3 interval 3600000 &&
	[ "$(peer_field 10.0.5.3 interval)" = 3600000 ] &&
	[ "$(peer_field 10.0.5.3 retries)" = $RETRIES ] &&
	[ "$(peer_field 10.0.5.3 state)" = down ]
check_err $? "after peer add on an existing peer: $(peer_json 10.0.5.3)"
tx=$(peer_field 10.0.5.3 echo-tx)
sleep 2
tx2=$(peer_field 10.0.5.3 echo-tx)
[ "$tx2" -le $((tx + 1)) ]
check_err $? "echo-tx $tx -> $tx2 in 2 s with a 1 h interval"
nsctl "$upf" peer del dev upf0 10.0.5.3 && ! nsctl "$upf" peer show dev upf0 10.0.5.3 2>/dev/null
check_err $? "peer del"
log_test "peer add on an existing peer changes its timers only; peer del"

# The gtpu-type drop counter, from the text of `dev show -s` (absent: 0).
drops() {
	nsctl "$upf" dev show upf0 -s |
		awk '$1 == "drops" { for (i = 2; i < NF; i++) if ($i == "gtpu-type") n = $(i + 1) }
		     END { print n + 0 }'
}
# Late answers to the supervised peers' requests would count too (a
# response to an earlier sequence number): stop their requests first.
nsctl "$upf" peer add dev upf0 10.0.5.2 interval 3600000 &&
	nsctl "$upf" peer add dev upf0 2001:db8:5::2 interval 3600000
check_err $? "setting a 1 h interval failed"
sleep 1.5	# the last requests on the old timers, and their answers
d0=$(drops)
# From a port no peer has, and from an address that is no peer.
ip -n "$ggsn" addr add 10.0.5.4/24 dev gg0 &&
	ip netns exec "$ggsn" $PEER send-resp 10.0.5.1 10.0.5.2:3000 10.0.5.4:2152
check_err $? "sending unknown Echo Responses failed"
wait_for 5 test "$(drops)" = $((d0 + 2))
check_err $? "gtpu-type drops $d0 -> $(drops), want +2"
log_test "unknown Echo Responses counted as gtpu-type, exactly 2"

# ---- bad requests, privileges ---------------------------------------------------------------
ip netns exec "$upf" $PEER nl "$upf0" ||
	EXIT_STATUS=$ksft_fail
# Without CAP_NET_ADMIN: peer-new, peer-del and peer-get are EPERM (docs/security.md).
unpriv() {
	ip netns exec "$upf" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all "$EDGECTL" "$@" 2>&1
}
out=$(unpriv peer add dev upf0 10.0.5.9)
[ $? = 2 ] && [[ $out == *"Operation not permitted"* ]]
check_err $? "unprivileged peer add: $out"
out=$(unpriv peer del dev upf0 10.0.5.2)
[ $? = 2 ] && [[ $out == *"Operation not permitted"* ]]
check_err $? "unprivileged peer del: $out"
out=$(unpriv peer show dev upf0 10.0.5.2)
[ $? = 2 ] && [[ $out == *"Operation not permitted"* ]]
check_err $? "unprivileged peer show: $out"
out=$(unpriv peer show dev upf0)
[ $? = 2 ] && [[ $out == *"Operation not permitted"* ]]
check_err $? "unprivileged peer show (dump): $out"
log_test "without CAP_NET_ADMIN: peer add/del/show EPERM"
out=$(nsctl "$upf" peer add dev upf0 10.0.5.9 interval 99 2>&1)
[ $? = 1 ] && [[ $out == *"invalid MS \"99\""* ]]
check_err $? "edgectl: $out"
log_test "edgectl peer add checks the interval itself"

# ---- teardown under supervision ------------------------------------------------------------
nsctl "$upf" peer add dev upf0 10.0.5.3 interval 100 retries 1 &&
	nsctl "$upf" peer add dev upf0 10.0.5.99 interval 100 retries 1
check_err $? "re-adding peers failed"
sleep 0.5
nsctl "$upf" dev del upf0 && ! ip -n "$upf" link show upf0 >/dev/null 2>&1
check_err $? "dev del with 4 peers supervised"
log_test "device deleted while 4 peers are supervised"

if [ -n "${EDGEDP_KO:-}" ]; then
	nsctl "$upf" dev add upf1 >/dev/null && ip -n "$upf" link set upf1 up &&
		nsctl "$upf" ep add dev upf1 10.0.5.1 &&
		nsctl "$upf" peer add dev upf1 10.0.5.2 interval 100 &&
		nsctl "$upf" peer add dev upf1 10.0.5.3 interval 100 &&
		setup_ns other && nsctl "$other" dev add upf2 >/dev/null &&
		nsctl "$other" peer add dev upf2 192.0.2.1 interval 100
	check_err $? "setting up devices with peers failed"
	sleep 1
	kill -9 "${pids[@]}" 2>/dev/null
	sleep 0.5
	pids=()
	edgedp_reload
	check_err $? "rmmod with peers supervised, or insmod again"
	log_test "module unloaded while peers in two namespaces are supervised"
fi

exit $EXIT_STATUS
