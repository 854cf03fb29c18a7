#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest-side selftest runner, in the manner of the kernel's
# tools/testing/selftests/kselftest/runner.sh: runs each program of
# TEST_PROGS (selftests/Makefile) in order, each under the timeout of
# ./settings, and prints TAP 13. Test output is indented with '# '.
#
#   run_tests.sh [NAME...]        run all (or only the named) tests
#   run_tests.sh --list           print the tests this target would run
#
# Exit codes of a test: 0 pass, 4 skip, anything else (timeout included)
# fail. On the debug kernel (EDGEDP_TARGET=debug) TEST_PROGS_DEBUG, when
# not empty, replaces TEST_PROGS and timeouts are multiplied by
# EDGEDP_TIMEOUT_SCALE (default 3 there, 1 elsewhere).
# Exits 0 when nothing failed, 1 otherwise.
set -uo pipefail
# One brace group: parsed completely before it runs (edits during a run are harmless).
{

DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$DIR" || exit 1

make_var() {
	make -s --no-print-directory -f Makefile \
		--eval="__edgedp_print_var: ; @echo \$($1)" __edgedp_print_var 2>/dev/null
}

target=${EDGEDP_TARGET:-host}
read -r -a progs <<<"$(make_var TEST_PROGS)"
if [ "$target" = debug ]; then
	read -r -a dprogs <<<"$(make_var TEST_PROGS_DEBUG)"
	[ ${#dprogs[@]} = 0 ] || progs=("${dprogs[@]}")
fi
if [ "${1:-}" = --list ]; then
	printf '%s\n' "${progs[@]}"
	exit 0
fi
[ $# = 0 ] || progs=("$@")

timeout=$(sed -n 's/^timeout=\([0-9]\+\)$/\1/p' settings 2>/dev/null)
timeout=${timeout:-300}
scale=${EDGEDP_TIMEOUT_SCALE:-}
[ -n "$scale" ] || { [ "$target" = debug ] && scale=3 || scale=1; }
timeout=$((timeout * scale))

kmsg() { echo "edgedp-selftest: $*" >/dev/kmsg 2>/dev/null || true; }

echo "TAP version 13"
echo "1..${#progs[@]}"
n=0 pass=0 fail=0 skip=0
failed=()
for t in "${progs[@]}"; do
	n=$((n + 1))
	echo "# selftests: edgedp: $t"
	if [ ! -f "$t" ]; then
		echo "not ok $n selftests: edgedp: $t # missing"
		fail=$((fail + 1)); failed+=("$t")
		continue
	fi
	cmd=("./$t")
	if [ ! -x "$t" ]; then
		case "$t" in
		*.sh) cmd=(bash "./$t") ;;
		*.py) cmd=(/usr/bin/python3 "./$t") ;;
		esac
	fi
	kmsg "start $t"
	start=$(date +%s)
	timeout -k 10 "$timeout" "${cmd[@]}" </dev/null 2>&1 | sed -u 's/^/# /'
	rc=${PIPESTATUS[0]}
	secs=$(($(date +%s) - start))
	kmsg "end $t rc=$rc"
	case $rc in
	0)
		echo "ok $n selftests: edgedp: $t # ${secs}s"
		pass=$((pass + 1)) ;;
	4)
		echo "ok $n selftests: edgedp: $t # SKIP"
		skip=$((skip + 1)) ;;
	124 | 137)
		echo "not ok $n selftests: edgedp: $t # TIMEOUT $timeout seconds"
		fail=$((fail + 1)); failed+=("$t") ;;
	*)
		echo "not ok $n selftests: edgedp: $t # exit=$rc"
		fail=$((fail + 1)); failed+=("$t") ;;
	esac
done

echo "# $target ($(uname -r)): $pass pass, $fail fail, $skip skip${failed:+ (failed: ${failed[*]})}"
[ $fail = 0 ]
exit
}
