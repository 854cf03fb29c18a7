#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-namespace isolation:
#
#   nsA: dp0, dp1        nsB: dp0 (same name, another datapath)
#   nsC: dp0, deleted while live: its devices go with it
source "$(dirname "$0")/lib.sh"

require_edgedp
trap cleanup_all_ns EXIT
setup_ns nsA nsB nsC
dyndbg_on
dmesg -C

nsctl "$nsA" dev add dp0 >/dev/null && nsctl "$nsA" dev add dp1 >/dev/null &&
	nsctl "$nsB" dev add dp0 >/dev/null
check_err $? "creating devices failed"
log_test "the same device name in two namespaces"

a=$(nsctl "$nsA" -j dev show | json_eval 'sorted(d["ifname"] for d in j)')
b=$(nsctl "$nsB" -j dev show | json_eval 'sorted(d["ifname"] for d in j)')
c=$(nsctl "$nsC" -j dev show | json_eval 'len(j)')
[ "$a" = "dp0 dp1" ] && [ "$b" = dp0 ] && [ "$c" = 0 ]
check_err $? "nsA '$a' nsB '$b' nsC '$c'"
na=$(nsctl "$nsA" -j info | json_eval 'j["devices"]')
nb=$(nsctl "$nsB" -j info | json_eval 'j["devices"]')
[ "$na" = 2 ] && [ "$nb" = 1 ]
check_err $? "info device counts nsA=$na nsB=$nb"
log_test "each namespace sees only its own devices"

nsctl "$nsB" dev del dp1 >/dev/null 2>&1
check_fail $? "nsB deleted nsA's dp1"
ip -n "$nsA" link show dp1 >/dev/null
check_err $? "dp1 vanished"
log_test "a namespace cannot delete another's device"

ip -n "$nsA" link set dp0 netns "$nsC" 2>/dev/null
check_fail $? "dp0 moved to another namespace"
log_test "devices are namespace-local (cannot be moved)"

nsctl "$nsC" dev add dp0 >/dev/null && nsctl "$nsC" dev add dp1 >/dev/null &&
	ip -n "$nsC" link set dp0 up
check_err $? "creating devices in nsC failed"
ip netns del "$nsC"
for _ in $(seq 50); do
	[ "$(klog_count 'device destroyed')" -ge 2 ] && break
	sleep 0.1
done
d=$(klog_count 'device destroyed')
[ "$d" = 2 ]
check_err $? "$d devices destroyed"
a=$(nsctl "$nsA" -j dev show | json_eval 'len(j)')
[ "$a" = 2 ]
check_err $? "nsA now has $a devices"
log_test "deleting a namespace with live devices is clean"

exit $EXIT_STATUS
