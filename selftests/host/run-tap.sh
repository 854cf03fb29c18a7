#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs TAP 13 test programs, shows their output, and ends with one summary
# line over all of them: "N passed, N failed" (", N skipped" when some were).
# Each argument is one command line. A program that exits non-zero without
# reporting a failure, or that never prints its plan (it crashed), counts as
# one more failure. Exits non-zero if anything failed.
#
#   run-tap.sh "prog1 args" "prog2 args" ...

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
skipped=0

for cmd in "$@"; do
	echo "# running: $cmd"
	sh -c "$cmd" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -E -c '^ok ' "$log")
	s=$(grep -E -c '^ok .*# *SKIP' "$log")
	f=$(grep -E -c '^not ok ' "$log")
	if ! grep -q -E '^1\.\.[0-9]+' "$log"; then
		echo "not ok - $cmd: no TAP plan (exit $rc)"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $cmd: exit $rc"
		f=$((f + 1))
	fi
	passed=$((passed + p - s))
	skipped=$((skipped + s))
	failed=$((failed + f))
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
