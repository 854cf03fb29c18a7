#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload edgedp.ko 50 times with devices alive in several
# namespaces at unload, and one namespace deleted under live devices, then
# check that every device created was destroyed (dynamic debug lines) and
# nothing edgedp is left.
#
#   init ns:  edgedp%d (genl)          nsA: modA0 (genl), modA1 (ip link)
#                                      nsB: modB0, deleted with the netns
source "$(dirname "$0")/lib.sh"

require_edgedp
KO=${EDGEDP_KO:-}
[ -f "$KO" ] || { echo "SKIP: EDGEDP_KO does not name the module file"; exit $ksft_skip; }

cleanup()
{
	cleanup_all_ns
	[ -d /sys/module/edgedp ] || insmod "$KO" dyndbg=+p
}
trap cleanup EXIT

ROUNDS=${ROUNDS:-50}
# The devices of this test (devices of earlier tests may still be dying).
# netdev_dbg() appends the registration state, e.g. "modA0 (unregistered): ".
OURS='(edgedp0|modA0|modA1|modB0)( \([a-z]+\))?'
dmesg -C
setup_ns nsA
fails=0
for i in $(seq 1 "$ROUNDS"); do
	rmmod edgedp || { fails=$((fails + 1)); break; }
	insmod "$KO" dyndbg=+p || { fails=$((fails + 1)); break; }
	"$EDGECTL" dev add >/dev/null || fails=$((fails + 1))
	nsctl "$nsA" dev add modA0 >/dev/null || fails=$((fails + 1))
	ip -n "$nsA" link add modA1 type edgedp || fails=$((fails + 1))
	# Every tenth round, a namespace dies with a live device in it.
	if [ $((i % 10)) = 0 ]; then
		setup_ns nsB
		nsctl "$nsB" dev add modB0 >/dev/null || fails=$((fails + 1))
		ip netns del "$nsB"
	fi
done
check_err $fails "$fails steps failed"
log_test "load, create devices, unload: $ROUNDS rounds"

rmmod edgedp
# netns deletion is asynchronous: wait for the cleanup work to finish.
for _ in $(seq 50); do
	[ "$(klog_count "$OURS: device created")" = "$(klog_count "$OURS: device destroyed")" ] && break
	sleep 0.1
done
created=$(klog_count "$OURS: device created")
destroyed=$(klog_count "$OURS: device destroyed")
check_fail $(( created == 3 * ROUNDS + ROUNDS / 10 )) "created $created, expected $((3 * ROUNDS + ROUNDS / 10))"
check_fail $(( created == destroyed )) "created $created, destroyed $destroyed"
log_test "every device created was destroyed ($created/$destroyed)"

left=$(( $(ip -n "$nsA" -o link show | wc -l) - 1 ))
ip link show edgedp0 >/dev/null 2>&1 && left=$((left + 1))
check_err "$left" "$left edgedp links left"
[ -d /sys/module/edgedp ]
check_fail $? "module still present after rmmod"
log_test "no device and no module left after unload"

exit $EXIT_STATUS
