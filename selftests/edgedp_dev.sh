#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Device life cycle through edgectl, genl events and rtnetlink:
#
#   ns: dev0 (edgectl dev add)   edgedp0 (dev add, kernel-chosen name)
#       link0 (ip link add type edgedp)
#   packets routed into dev0 are dropped and counted as no-session until
#   sessions exist; non-IP is impossible through routing, so only IP counts.
source "$(dirname "$0")/lib.sh"

require_edgedp
cleanup() { [ -n "${MON:-}" ] && kill "$MON" 2>/dev/null; cleanup_all_ns; }
trap cleanup EXIT
setup_ns ns
TMP=$(mktemp -d)

# Events: every add and delete is multicast to listeners.
nsctl "$ns" -j monitor >"$TMP/events" 2>&1 &
MON=$!
sleep 0.5

nsctl "$ns" dev add dev0 >/dev/null
check_err $? "dev add dev0 failed"
ip -n "$ns" link show dev0 >/dev/null 2>&1
check_err $? "dev0 not visible to ip link"
log_test "edgectl dev add NAME creates a visible device"

name=$(nsctl "$ns" -j dev add | json_eval 'j[0]["ifname"] if isinstance(j, list) else j["ifname"]')
[ "$name" = edgedp0 ]
check_err $? "kernel-chosen name was '$name'"
log_test "edgectl dev add without a name gets edgedp%d"

ip -n "$ns" link add link0 type edgedp
check_err $? "ip link add type edgedp failed"
names=$(nsctl "$ns" -j dev show | json_eval 'sorted(d["ifname"] for d in j)')
[ "$names" = "dev0 edgedp0 link0" ]
check_err $? "dev show lists '$names'"
log_test "dev show dumps every device (genl and rtnetlink created)"

nsctl "$ns" dev add dev0 >"$TMP/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -qi "exists" "$TMP/out"
check_err $? "rc=$rc: $(cat "$TMP/out")"
log_test "duplicate name: exit 2 with the kernel's message"

nsctl "$ns" dev show nosuch0 >"$TMP/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -qi "no such edgedp device" "$TMP/out"
check_err $? "rc=$rc: $(cat "$TMP/out")"
log_test "show of a missing device: exit 2 with extack"

nsctl "$ns" dev frobnicate >"$TMP/out" 2>&1
[ $? -eq 1 ]
check_err $? "bad subcommand exit code"
log_test "bad arguments: exit 1"

# Traffic into the device is counted per drop reason.
no_session() { nsctl "$ns" -j dev show dev0 -s | json_eval 'j[0]["stats"]["drops"].get("no-session", 0)'; }
ip -n "$ns" link set dev0 up
ip -n "$ns" route add 10.60.0.0/16 dev dev0
d0=$(no_session)
out=$(ip netns exec "$ns" ping -c 3 -i 0.2 -W 0.2 10.60.0.1 2>&1)
d1=$(no_session)
[ $((d1 - d0)) -ge 3 ]
check_err $? "3 IPv4 pings: no-session $d0 -> $d1: $out"
ip -n "$ns" -6 route add 2001:db8:60::/48 dev dev0
out=$(ip netns exec "$ns" ping -6 -c 2 -i 0.2 -W 0.2 2001:db8:60::1 2>&1)
d2=$(no_session)
[ $((d2 - d1)) -ge 2 ]
check_err $? "2 IPv6 pings: no-session $d1 -> $d2: $out"
# ip -s link sums every drop reason; IPv6 chatter (MLD, RS) may add more.
txd=$(ip -n "$ns" -s -j link show dev0 | json_eval 'j[0]["stats64"]["tx"]["dropped"]')
[ "$txd" -ge "$d2" ]
check_err $? "ip -s link tx dropped: '$txd', edgectl no-session $d2"
log_test "packets routed to a device without sessions: counted as no-session"

nsctl "$ns" dev del dev0 && nsctl "$ns" dev del edgedp0 && ip -n "$ns" link del link0
check_err $? "deleting devices failed"
left=$(nsctl "$ns" -j dev show | json_eval 'len(j)')
[ "$left" = 0 ]
check_err $? "$left devices left"
log_test "dev del and ip link del remove devices"

nsctl "$ns" -b - >"$TMP/out" 2>&1 <<'BATCH'
# a batch
dev add b0
dev add b1
dev del b0
dev show b1
BATCH
check_err $? "batch failed: $(cat "$TMP/out")"
printf 'dev add b2\ndev add b1\ndev add b3\n' | nsctl "$ns" -b - >"$TMP/out" 2>&1
rc=$?
ip -n "$ns" link show b3 >/dev/null 2>&1
b3=$?
[ $rc -eq 2 ] && [ $b3 -ne 0 ] && grep -q "Command failed -:2" "$TMP/out"
check_err $? "rc=$rc b3=$b3 $(cat "$TMP/out")"
log_test "batch: runs in order, stops at the first error with its line"

sleep 0.3
kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null; MON=
adds=$(grep -c '"dev-add"\|DEV_ADD\|dev-add' "$TMP/events" || true)
dels=$(grep -c '"dev-del"\|DEV_DEL\|dev-del' "$TMP/events" || true)
[ "$adds" = 6 ] && [ "$dels" = 4 ]
check_err $? "events: $adds adds, $dels dels: $(head -c 600 "$TMP/events")"
log_test "monitor sees every add and delete event"

rm -rf "$TMP"
exit $EXIT_STATUS
