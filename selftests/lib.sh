#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the edgedp selftests, in the style of the kernel's
# tools/testing/selftests/net/lib.sh and forwarding/lib.sh.
#
# Exit codes (kselftest): 0 pass, 1 fail, 2 xfail, 4 skip.

ksft_pass=0
ksft_fail=1
ksft_xfail=2
ksft_skip=4

TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP_DIR=$(cd "$TESTS_DIR/.." && pwd)
EDGECTL=${EDGECTL:-$TOP_DIR/tools/edgectl/edgectl}
PYTHON=/usr/bin/python3

RET=0		# result of the current check
EXIT_STATUS=0	# result of the whole script
NS_LIST=()

log_test()
{
	local name=$1 extra=${2:-}

	if [ "$RET" -ne 0 ]; then
		EXIT_STATUS=$ksft_fail
		printf "TEST: %-60s [FAIL]\n" "$name"
		[ -n "$extra" ] && printf "\t%s\n" "$extra"
		[ -n "${RET_MSG:-}" ] && printf "\t%s\n" "$RET_MSG"
	else
		printf "TEST: %-60s [ OK ]\n" "$name"
	fi
	RET=0
	RET_MSG=
	return 0
}

# check_err VALUE MSG: fail the current check when VALUE is non-zero.
check_err()
{
	local err=$1 msg=${2:-}

	if [ "$RET" -eq 0 ] && [ "$err" -ne 0 ]; then
		RET=$err
		RET_MSG=$msg
	fi
}

# check_fail VALUE MSG: fail the current check when VALUE is zero.
check_fail()
{
	local err=$1 msg=${2:-}

	if [ "$RET" -eq 0 ] && [ "$err" -eq 0 ]; then
		RET=1
		RET_MSG=$msg
	fi
}

require_command()
{
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "SKIP: $1 is not installed"
		exit $ksft_skip
	fi
}

require_edgedp()
{
	if [ ! -d /sys/module/edgedp ]; then
		echo "SKIP: edgedp.ko is not loaded"
		exit $ksft_skip
	fi
	[ -x "$EDGECTL" ] || { echo "FAIL: $EDGECTL not built"; exit $ksft_fail; }
}

# setup_ns VAR...: create namespaces with random suffixes, store their
# names in the named variables, bring lo up in each.
setup_ns()
{
	local var name

	for var in "$@"; do
		name="${var}-$(mktemp -u XXXXXX)"
		ip netns add "$name" || return 1
		ip -n "$name" link set lo up
		NS_LIST+=("$name")
		eval "$var=$name"
	done
}

cleanup_ns()
{
	local ns

	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null
	done
}

cleanup_all_ns()
{
	cleanup_ns "${NS_LIST[@]}"
	NS_LIST=()
}

# edgectl in a namespace.
nsctl()
{
	local ns=$1

	shift
	ip netns exec "$ns" "$EDGECTL" "$@"
}

# Dynamic debug of edgedp: every device logs "device created" and "device
# destroyed", which the leak checks count.
dyndbg_on()
{
	local ctl=/sys/kernel/debug/dynamic_debug/control

	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
	[ -w "$ctl" ] && echo 'module edgedp +p' >"$ctl"
}

# edgedp_reload: unload edgedp with whatever it holds (the caller's state
# in every namespace), check that it went, and load it again. Needs
# EDGEDP_KO (the harness sets it when it loaded the module itself).
edgedp_reload()
{
	rmmod edgedp && [ ! -d /sys/module/edgedp ] || return 1
	insmod "$EDGEDP_KO" dyndbg=+p
}

# edgedp_ensure_loaded: for cleanup traps after a failed edgedp_reload.
edgedp_ensure_loaded()
{
	if [ -n "${EDGEDP_KO:-}" ] && [ ! -d /sys/module/edgedp ]; then
		insmod "$EDGEDP_KO" dyndbg=+p
	fi
}

# Number of kernel log lines matching $1 since the log was cleared.
klog_count()
{
	dmesg | grep -cE -- "$1" || true
}

# jq-like access to JSON on stdin with a Python expression over `j`,
# e.g. `edgectl -j dev show | json_eval '[d["ifname"] for d in j]'`.
json_eval()
{
	"$PYTHON" -c 'import json,sys; j=json.load(sys.stdin); r=eval(sys.argv[1]); print(" ".join(map(str,r)) if isinstance(r,list) else r)' "$1"
}

# The four namespaces of the GTP-U tests, with the kernel's gtp.ko as gNB:
#
#  ue ns            gnb ns                      upf ns                  dn ns
#  10.60.0.1 --- gnb-ue   gtp0 (gtp.ko,  10.0.3.1 --- 10.0.3.2 n3     10.1.0.1 --- 10.1.0.2
#                         role sgsn)      N3 veth       n6 N6 veth
#
# Sets $ue $gnb $upf $dn. gtp.ko sends UE traffic with TEID 100 to 10.0.3.2
# and accepts TEID 200. The UPF namespace forwards but has no UPF yet.
# Skips the test when gtp.ko is missing.
setup_gtp_topology()
{
	local gtpk="$PYTHON $TESTS_DIR/gtp_kernel.py"

	[ -d /sys/module/gtp ] || modprobe gtp 2>/dev/null ||
		{ echo "SKIP: the kernel's gtp module is not available"; exit $ksft_skip; }
	setup_ns ue gnb upf dn
	ip link add ue0 netns "$ue" mtu 1400 type veth peer name gnb-ue netns "$gnb" mtu 1400
	ip link add n3 netns "$gnb" type veth peer name n3 netns "$upf"
	ip link add n6 netns "$upf" type veth peer name dn0 netns "$dn" mtu 1400
	ip -n "$ue" addr add 10.60.0.1/32 dev ue0
	ip -n "$ue" link set ue0 up
	ip -n "$ue" route add default dev ue0
	ip -n "$gnb" link set gnb-ue up
	ip -n "$gnb" route add 10.60.0.1/32 dev gnb-ue
	ip -n "$gnb" addr add 10.0.3.1/24 dev n3
	ip -n "$gnb" link set n3 up
	ip -n "$upf" addr add 10.0.3.2/24 dev n3
	ip -n "$upf" link set n3 up
	ip -n "$upf" addr add 10.1.0.1/24 dev n6
	ip -n "$upf" link set n6 up
	ip -n "$dn" addr add 10.1.0.2/24 dev dn0
	ip -n "$dn" link set dn0 up
	ip -n "$dn" route add 10.60.0.0/16 via 10.1.0.1
	ip netns exec "$gnb" sysctl -qw net.ipv4.ip_forward=1
	ip netns exec "$upf" sysctl -qw net.ipv4.ip_forward=1
	# The UE has no gateway address: the gNB answers ARP for the world.
	ip netns exec "$gnb" sysctl -qw net.ipv4.conf.gnb-ue.proxy_arp=1
	ip netns exec "$gnb" $gtpk link gtp0 sgsn &&
		ip -n "$gnb" link set gtp0 mtu 1400 up &&
		ip -n "$gnb" route add 10.1.0.0/24 dev gtp0 &&
		ip netns exec "$gnb" $gtpk pdp gtp0 200 100 10.0.3.2 10.60.0.1
}
