#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Usage Reporting Rules (TS 29.244 7.5.2.4): scapy sends exactly N uplink
# G-PDUs and the data network exactly M downlink packets of known sizes;
# the URRs of the session count them exactly (packets, inner bytes, per
# direction), a volume threshold gives exactly one report event per
# crossing (edgectl monitor on the "events" group), a reset zeroes and
# re-arms, counters survive an unrelated SESSION_MOD, rules naming missing
# URRs are refused with an extack, and deleting the session frees them. A
# volume quota: the G-PDUs within it are delivered and counted, the rest of
# both directions dropped (urr-quota) with exactly one report; a new grant
# and a reset re-arm it, a change without one lifts it.
#
#  gnb ns                upf ns                                    dn ns
#  g0 10.0.3.1 -------- n3 10.0.3.2       upf0      n6 10.1.0.1 ---- d0 10.1.0.2
#  (scapy: uplink)        (edgedp, session 1:                       (scapy: downlink)
#                          PDR 1 uplink TEID 0x101, PDR 2 downlink
#                          UE 10.60.0.1, both counted by URR 1
#                          (no threshold: per-CPU) and URR 2
#                          (a threshold: atomic sums))
source "$(dirname "$0")/lib.sh"
source "$TESTS_DIR/gtpu/lib.sh"

require_edgedp
require_gtpu

MON_PID=
cleanup()
{
	[ -n "$MON_PID" ] && kill "$MON_PID" 2>/dev/null && wait "$MON_PID" 2>/dev/null
	agent_stop
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d)

N=7	# uplink G-PDUs a burst
M=3	# downlink packets a burst
BIG=1000000000000

agent_start wire
gtpu_topology
check_err $? "building the topology failed"
agent_wait && gtpu_agent_setup
check_err $? "the scapy agent did not start"
log_test "topology: gnb, upf (upf0), dn; scapy agent"
[ $EXIT_STATUS = 0 ] || exit $EXIT_STATUS

feat=$(nsctl "$upf" -j info | jq -r '.features | index("urr") != null and index("urr-quota") != null')
[ "$feat" = true ]
check_err $? "GET_INFO features: $(nsctl "$upf" -j info)"
log_test "GET_INFO advertises the urr and urr-quota features"

PDR1="pdr id 1 precedence 100 src-iface access teid 0x101 ue 10.60.0.1 ohr gtpu-udp-ipv4 far 1"
PDR2="pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2"
# shellcheck disable=SC2086
out=$(nsctl "$upf" session add dev upf0 seid 1 $PDR1 urr 1 urr 2 $PDR2 urr 1 urr 2 \
	far id 1 action forw dst-iface core \
	far id 2 action forw dst-iface access teid 0x201 peer 10.0.3.1 \
	urr id 1 urr id 2 thresh-total $BIG 2>&1)
check_err $? "$out"
log_test "session 1: PDRs 1 and 2 counted by URR 1 (no threshold) and URR 2"

# "ul-packets ul-bytes dl-packets dl-bytes reports" of a URR of session 1.
urr()
{
	nsctl "$upf" -j urr show dev upf0 seid 1 id "$1" |
		jq -r '.[0] | "\(."ul-packets") \(."ul-bytes") \(."dl-packets") \(."dl-bytes") \(.reports)"'
}

# Reports of URR $1 the monitor has printed so far, as "ul-packets ul-bytes reports" lines.
reports()
{
	jq -r --argjson id "$1" 'select(.event == "urr-report" and .seid == 1 and .urr.id == $id) |
		"\(.urr."ul-packets") \(.urr."ul-bytes") \(.urr.reports)"' "$TMP/mon.json"
}

ip netns exec "$upf" "$EDGECTL" -j monitor >"$TMP/mon.json" 2>"$TMP/mon.err" &
MON_PID=$!
sleep 1

# (a) exact counters -----------------------------------------------------------
out=$(agent burst 0x101 10.60.0.1 $N 40)
check_err $? "$out"
ub=$(sed -n 's/^inner_bytes=//p' <<<"$out")
out=$(agent dl_burst 10.60.0.1 $M 50)
check_err $? "$out"
db=$(sed -n 's/^inner_bytes=//p' <<<"$out")
log_test "traffic: $N uplink G-PDUs ($ub inner bytes), $M downlink packets ($db)"

u1=$(urr 1)
[ "$u1" = "$N $ub $M $db 0" ]
check_err $? "URR 1: '$u1', want '$N $ub $M $db 0'"
log_test "URR 1 (per-CPU): exact packets and inner bytes per direction"
u2=$(urr 2)
[ "$u2" = "$N $ub $M $db 0" ]
check_err $? "URR 2: '$u2', want '$N $ub $M $db 0'"
log_test "URR 2 (atomic, threshold not reached): the same, no report"
up=$(pdr_stats 1 1)
dp=$(pdr_stats 1 2)
[ "$up" = "$N $ub" ] && [ "$dp" = "$M $db" ]
check_err $? "PDR 1 '$up', PDR 2 '$dp'"
log_test "PDR counters agree with the URRs"

# (b) reset --------------------------------------------------------------------
out=$(nsctl "$upf" urr reset dev upf0 seid 1 id 2 2>&1)
check_err $? "$out"
u2=$(urr 2)
u1=$(urr 1)
[ "$u2" = "0 0 0 0 0" ] && [ "$u1" = "$N $ub $M $db 0" ]
check_err $? "after reset: URR 2 '$u2' (want zeros), URR 1 '$u1' (want unchanged)"
log_test "urr reset zeroes URR 2 only"

# (c) a threshold: exactly one report per crossing -----------------------------
out=$(nsctl "$upf" urr change dev upf0 seid 1 id 2 thresh-ul "$ub" 2>&1)
check_err $? "$out"
u2=$(urr 2)
[ "$u2" = "0 0 0 0 0" ]
check_err $? "after urr change: URR 2 '$u2'"
log_test "urr change: thresh-ul $ub (one burst), counters kept"

out=$(agent burst 0x101 10.60.0.1 $N 40)
check_err $? "$out"
sleep 1
r=$(reports 2)
[ "$r" = "$N $ub 1" ]
check_err $? "reports after one burst: '$r', want '$N $ub 1'"
log_test "first crossing: exactly one report, at the crossing packet"

out=$(agent burst 0x101 10.60.0.1 $((N - 1)) 40)
check_err $? "$out"
sleep 1
r=$(reports 2 | wc -l)
[ "$r" = 1 ]
check_err $? "$r reports after $((N - 1)) more packets, want still 1"
log_test "below the threshold again: no report"

out=$(agent burst 0x101 10.60.0.1 $N 40)
check_err $? "$out"
sleep 1
ub2=$(sed -n 's/^inner_bytes=//p' <<<"$out")
r=$(reports 2 | tail -n +2)
n2=$((N + N - 1))
[ "$(reports 2 | wc -l)" = 2 ] && [ "${r%% *}" -ge $((N + 1)) ] && [ "${r##* }" = 2 ] &&
	[ "${r%% *}" -le $((n2 + N)) ]
check_err $? "reports: $(reports 2 | tr '\n' ';'), want a second one"
log_test "second crossing: exactly one more report (reports 2)"
u2=$(urr 2)
want_ul=$((N + N - 1 + N))
[ "${u2%% *}" = "$want_ul" ] && [ "${u2##* }" = 2 ]
check_err $? "URR 2 '$u2': want $want_ul uplink packets, 2 reports"
log_test "URR 2 counts every packet across crossings"
r=$(reports 1 | wc -l)
[ "$r" = 0 ]
check_err $? "URR 1 has no threshold but $r reports"
log_test "a URR without a threshold never reports"

# (d) counters survive an unrelated SESSION_MOD ------------------------------------
b1=$(urr 1)
b2=$(urr 2)
out=$(nsctl "$upf" far add dev upf0 seid 1 id 3 action drop 2>&1 &&
	nsctl "$upf" session mod dev upf0 seid 1 peer-check off 2>&1)
check_err $? "$out"
a1=$(urr 1)
a2=$(urr 2)
[ "$a1" = "$b1" ] && [ "$a2" = "$b2" ]
check_err $? "URR 1 '$b1' -> '$a1', URR 2 '$b2' -> '$a2'"
log_test "an unrelated session-mod keeps the URRs' counters and reports"
out=$(agent burst 0x101 10.60.0.1 1 40)
check_err $? "$out"
a1=$(urr 1)
[ "${a1%% *}" = $((${b1%% *} + 1)) ]
check_err $? "URR 1 '$b1' -> '$a1' after one more packet"
log_test "... and keeps counting on the new rule set"

# (e) references ------------------------------------------------------------------
# shellcheck disable=SC2086
out=$(nsctl "$upf" pdr change dev upf0 seid 1 ${PDR2#pdr } urr 99 2>&1)
rc=$?
[ $rc = 2 ] && grep -q "URR" <<<"$out" && grep -q "No such file" <<<"$out"
check_err $? "rc $rc: $out"
log_test "a PDR naming a missing URR: ENOENT, extack names the URR"
echo "	$(head -1 <<<"$out")"
out=$(nsctl "$upf" urr del dev upf0 seid 1 id 1 2>&1)
rc=$?
[ $rc = 2 ] && grep -q "URR" <<<"$out" && grep -q "busy" <<<"$out"
check_err $? "rc $rc: $out"
log_test "removing a URR a PDR still uses: EBUSY, extack names it"
echo "	$(head -1 <<<"$out")"
out=$(nsctl "$upf" urr reset dev upf0 seid 1 id 42 2>&1)
[ $? = 2 ] && grep -q "URR" <<<"$out"
check_err $? "$out"
log_test "resetting a missing URR: refused with an extack"
out=$(nsctl "$upf" urr add dev upf0 seid 1 id 2 2>&1)
[ $? = 2 ] && grep -q "exists" <<<"$out"
check_err $? "$out"
log_test "urr add of an existing URR: EEXIST"
n=$(nsctl "$upf" -j urr show dev upf0 seid 1 | jq length)
a1=$(urr 1)
[ "$n" = 2 ] && [ "${a1%% *}" = $((${b1%% *} + 1)) ]
check_err $? "$n URRs, URR 1 '$a1'"
log_test "the refused requests changed nothing"

# A URR no PDR uses can go; then the session with all its rules.
# shellcheck disable=SC2086
out=$(nsctl "$upf" session mod dev upf0 seid 1 $PDR1 urr 1 $PDR2 urr 1 remove-urr 2 2>&1)
check_err $? "$out"
n=$(nsctl "$upf" -j urr show dev upf0 seid 1 | jq length)
[ "$n" = 1 ]
check_err $? "$n URRs left"
log_test "session-mod: PDRs stop naming URR 2 and it is removed, atomically"

# (f) a volume quota (TS 29.244 5.2.2.2.1) ------------------------------------------
# Session 2: PDR 1 uplink TEID 0x102, PDR 2 downlink, both counted by URR 1.
# burst_upto's G-PDUs carry 40 + 7i payload octets: 68 + 7i inner bytes.
drops() { nsctl "$upf" -j dev show upf0 -s | jq -r ".[0].stats.drops.\"$1\" // 0"; }
# Inner bytes of the first $1 G-PDUs of a burst.
upto() { echo $((68 * $1 + 7 * $1 * ($1 - 1) / 2)); }
q=$(upto 4)
# shellcheck disable=SC2086
out=$(nsctl "$upf" session add dev upf0 seid 2 \
	pdr id 1 precedence 100 src-iface access teid 0x102 ue 10.60.0.2 ohr gtpu-udp-ipv4 far 1 urr 1 \
	pdr id 2 precedence 100 src-iface core ue 10.60.0.2 far 2 urr 1 \
	far id 1 action forw dst-iface core \
	far id 2 action forw dst-iface access teid 0x202 peer 10.0.3.1 \
	urr id 1 quota-total "$q" 2>&1)
check_err $? "$out"
q2=$(nsctl "$upf" -j urr show dev upf0 seid 2 id 1 | jq -r '.[0]."quota-total"')
[ "$q2" = "$q" ]
check_err $? "urr show: quota-total '$q2', want $q"
log_test "session 2: URR 1 with quota-total $q (the first 4 G-PDUs of a burst)"

d0=$(drops urr-quota)
out=$(agent burst_upto 0x102 10.60.0.2 $N 40 4)
check_err $? "$out"
sleep 1
u=$(nsctl "$upf" -j urr show dev upf0 seid 2 id 1 |
	jq -r '.[0] | "\(."ul-packets") \(."ul-bytes") \(.reports) \(."quota-exhausted" // false)"')
[ "$u" = "4 $q 1 true" ]
check_err $? "URR 1 of session 2: '$u', want '4 $q 1 true'"
[ "$(drops urr-quota)" = $((d0 + N - 4)) ]
check_err $? "urr-quota drops $d0 -> $(drops urr-quota), want +$((N - 4))"
log_test "$N G-PDUs: the 4 within the quota delivered and counted, $((N - 4)) dropped (urr-quota)"

r=$(jq -r 'select(.event == "urr-report" and .seid == 2) |
	"\(.urr."ul-packets") \(.urr."ul-bytes") \(.urr."quota-exhausted" // false)"' "$TMP/mon.json")
[ "$r" = "4 $q true" ]
check_err $? "reports of session 2: '$r', want one '4 $q true'"
log_test "exactly one report, quota-exhausted, with the counters at the last packet"

out=$(agent dl_burst_upto 10.60.0.2 $M 50 0)
check_err $? "$out"
[ "$(drops urr-quota)" = $((d0 + N - 4 + M)) ]
check_err $? "urr-quota drops $(drops urr-quota), want $((d0 + N - 4 + M))"
log_test "downlink on a PDR naming the exhausted URR: dropped too"

# A new grant: the URR sent again with a quota counts from the request.
out=$(nsctl "$upf" urr change dev upf0 seid 2 id 1 quota-ul "$(upto 2)" 2>&1)
check_err $? "$out"
out=$(agent burst_upto 0x102 10.60.0.2 $N 40 2)
check_err $? "$out"
sleep 1
u=$(nsctl "$upf" -j urr show dev upf0 seid 2 id 1 |
	jq -r '.[0] | "\(."ul-packets") \(.reports) \(."quota-exhausted" // false)"')
[ "$u" = "6 2 true" ]
check_err $? "after the new grant: '$u', want '6 2 true'"
log_test "urr change with quota-ul $(upto 2): a new grant, 2 more G-PDUs, exhausted again"

# A reset re-arms the quota; a change without one lifts it.
out=$(nsctl "$upf" urr reset dev upf0 seid 2 id 1 2>&1)
check_err $? "$out"
out=$(agent burst_upto 0x102 10.60.0.2 $N 40 2)
check_err $? "$out"
log_test "urr reset: the quota counts again from zero"
out=$(nsctl "$upf" urr change dev upf0 seid 2 id 1 2>&1 &&
	agent burst 0x102 10.60.0.2 $N 40 && agent dl_burst 10.60.0.2 $M 50)
check_err $? "$out"
ex=$(nsctl "$upf" -j urr show dev upf0 seid 2 id 1 | jq -r '.[0]."quota-exhausted" // false')
[ "$ex" = false ]
check_err $? "quota-exhausted '$ex' without a quota"
log_test "urr change without a quota: every packet forwarded both ways"
out=$(nsctl "$upf" session del dev upf0 seid 2 2>&1)
check_err $? "$out"

# (g) teardown -------------------------------------------------------------------
out=$(nsctl "$upf" session del dev upf0 seid 1 2>&1)
check_err $? "$out"
n=$(nsctl "$upf" -j session show dev upf0 | jq length)
[ "$n" = 0 ]
check_err $? "$n sessions left"
log_test "session delete frees the session, its rules and URR state"

exit $EXIT_STATUS
