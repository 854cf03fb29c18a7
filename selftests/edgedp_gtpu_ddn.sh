#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Buffer-notify (PFCP Apply Action BUFF/NOCP): edgedp does not buffer, so a
# downlink packet for a UE whose FAR says buff,nocp is dropped (counted as
# "far") and the CP hears of it once per session with a dl-data event
# (EDGEDP_CMD_DL_DATA_NTF, a Downlink Data Report), however many packets
# follow, until a session mod re-arms it.
#
#   upf ns: upf0 (edgedp), route 10.60.0.0/16 dev upf0
#           session 9: PDR 2 (core, ue 10.60.0.1) -> FAR 2 action buff,nocp
source "$(dirname "$0")/lib.sh"

require_edgedp
cleanup()
{
	[ -n "${mon:-}" ] && kill "$mon" 2>/dev/null
	cleanup_all_ns
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
}
trap cleanup EXIT
TMP=$(mktemp -d /work/.edgedp-ddn.XXXXXX 2>/dev/null || mktemp -d)

setup_ns upf
nsctl "$upf" dev add upf0 >/dev/null &&
	ip -n "$upf" link set upf0 up &&
	ip -n "$upf" route add 10.60.0.0/16 dev upf0 &&
	nsctl "$upf" session add dev upf0 seid 9 \
		pdr id 2 precedence 100 src-iface core ue 10.60.0.1 far 2 \
		far id 2 action buff,nocp dst-iface access
check_err $? "configuring edgedp failed"
log_test "session with a buff,nocp FAR"

ip netns exec "$upf" "$EDGECTL" -j monitor >"$TMP/events" 2>"$TMP/monitor.err" &
mon=$!
sleep 1

far_drops() { nsctl "$upf" -j dev show upf0 -s | json_eval 'j[0]["stats"]["drops"].get("far", 0)'; }
ddn_events() { grep -c '"event":"dl-data"' "$TMP/events"; }

d0=$(far_drops)
ip netns exec "$upf" ping -c 5 -i 0.1 -W 1 10.60.0.1 >/dev/null 2>&1
sleep 1
d1=$(far_drops)
n=$(ddn_events)
[ "$((d1 - d0))" = 5 ] && [ "$n" = 1 ]
check_err $? "far drops $d0 -> $d1, dl-data events $n: $(cat "$TMP/events" "$TMP/monitor.err")"
log_test "5 downlink packets: 5 dropped as \"far\", one dl-data event"

ev=$(grep '"event":"dl-data"' "$TMP/events" | head -1)
echo "$ev" | json_eval 'j["seid"] == 9 and j["pdr"] == 2 and j["far"] == 2 and j["ifindex"] > 0' |
	grep -qx True
check_err $? "event: $ev"
log_test "the event names the session, the PDR and its FAR"

nsctl "$upf" session mod dev upf0 seid 9 peer-check off &&
	ip netns exec "$upf" ping -c 3 -i 0.1 -W 1 10.60.0.1 >/dev/null 2>&1
sleep 1
n=$(ddn_events)
[ "$n" = 2 ]
check_err $? "dl-data events after the session mod: $n: $(cat "$TMP/events")"
log_test "a session mod re-arms it: one more event for 3 more packets"

nsctl "$upf" session mod dev upf0 seid 9 far id 2 action drop dst-iface access &&
	ip netns exec "$upf" ping -c 2 -i 0.1 -W 1 10.60.0.1 >/dev/null 2>&1
sleep 1
n=$(ddn_events)
[ "$n" = 2 ]
check_err $? "dl-data events with a plain drop FAR: $n"
log_test "a plain drop FAR notifies nobody"

exit $EXIT_STATUS
