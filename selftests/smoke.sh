#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of the test VM itself: the kernel under test, edgedp.ko loaded
# when the runner says so, and network namespaces working. If this fails,
# every other result of the run is suspect.
set -euo pipefail

ksft_skip=4
fails=0

check() {
	local name=$1
	shift
	if "$@"; then
		printf 'TEST: %-60s [ OK ]\n' "$name"
	else
		printf 'TEST: %-60s [FAIL]\n' "$name"
		fails=$((fails + 1))
	fi
}

[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit $ksft_skip; }

kver=$(uname -r)
echo "kernel: $kver, target: ${EDGEDP_TARGET:-none}"
check "uname -r names a kernel" test -n "$kver"

if [ "${EDGEDP_VM:-0}" = 1 ]; then
	case "${EDGEDP_TARGET:-}" in
	6.1) check "kernel is a 6.1 kernel" test "${kver#6.1.}" != "$kver" ;;
	6.12) check "kernel is a 6.12 kernel" test "${kver#6.12.}" != "$kver" ;;
	debug) check "kernel is the debug kernel" test "${kver%-edgedp-debug}" != "$kver" ;;
	esac
	check "/tmp is writable" touch /tmp/smoke.$$
	rm -f /tmp/smoke.$$
fi

if [ "${EDGEDP_MODULE_LOADED:-0}" = 1 ]; then
	check "edgedp is loaded (/sys/module/edgedp)" test -d /sys/module/edgedp
fi

ns=smoke-$$
netns_works() {
	ip netns add "$ns" &&
		ip -n "$ns" link set lo up &&
		ip -n "$ns" addr show dev lo | grep -q 'inet 127.0.0.1' &&
		ip netns del "$ns"
}
check "ip netns add/del" netns_works
ip netns del "$ns" 2>/dev/null || true

veth_works() {
	ip netns add "$ns" &&
		ip link add "sm$$a" type veth peer name "sm$$b" netns "$ns" &&
		ip link del "sm$$a"
}
check "veth pair across namespaces" veth_works
ip link del "sm$$a" 2>/dev/null || true
ip netns del "$ns" 2>/dev/null || true

[ $fails = 0 ]
