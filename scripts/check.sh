#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Everything `make check` verifies, with one line of totals at the end:
#
#   1. host unit tests: `make -C tools test` and `make -C selftests/host
#      test` (TAP), for each Makefile that has a test target;
#   2. per kernel target (6.1, 6.12, and debug once it is built): build
#      edgedp.ko (scripts/build-module.sh, warnings fail), build the tools,
#      boot the kernel once (selftests/qemu/vm.sh --module) and run
#      selftests/run_tests.sh in it (TAP); then, with 6.1, the module
#      built with CONFIG_EDGEDP_DEBUG=y, whose self tests run at load (two
#      tests: each self test reported its pass in dmesg);
#   3. DKMS: scripts/dkms.sh test adds the tree to a private DKMS tree and
#      builds it against every cached target's headers (TAP).
#
#   check.sh                 host tests + 6.1 + 6.12 (+ debug when built)
#   check.sh --host-only     host tests only
#   check.sh --debug         the debug kernel only; builds it first if missing
#   check.sh --target T      one target only (repeatable)
#
# Counting: each host unit test is one test; each selftest program on each
# target is one test (an expected test that never reported counts as
# failed); a module or tools build failure and a failed VM run (kernel
# splat, leak, timeout, no completion marker) count one failure each.
# Results and logs: results/check/. Exit status 1 on any failure.
#
# Environment: EDGEDP_VM_TIMEOUT caps one VM run (default 2700 s, debug
# 2400 s); EDGEDP_CACHE as for the other scripts.
set -euo pipefail
# The whole script is one brace group: bash parses it completely before
# running it, so editing this file while a long run is going on is harmless.
{

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}
OUT=$REPO/results/check
cd "$REPO"

host=1 debug_only=0 targets=()
while [ $# -gt 0 ]; do
	case "$1" in
	--host-only) targets=(); host=1; hostonly=1; shift ;;
	--debug) debug_only=1; host=0; shift ;;
	--target) targets+=("$2"); host=0; shift 2 ;;
	-h | --help) sed -n '3,25p' "$0" | sed 's/^# \?//'; exit 0 ;;
	*) echo "check: unknown option $1" >&2; exit 2 ;;
	esac
done
hostonly=${hostonly:-0}

debug_built() {
	[ -f "$CACHE/k/debug.env" ] &&
		[ -f "$(sed -n 's/^VMLINUZ=//p' "$CACHE/k/debug.env")" ]
}

if [ "$hostonly" = 1 ]; then
	targets=()
elif [ $debug_only = 1 ]; then
	if ! debug_built; then
		echo "check: building the debug kernel first (~30 min)"
		bash "$REPO/selftests/qemu/build-debug-kernel.sh"
	fi
	targets=(debug)
elif [ ${#targets[@]} = 0 ]; then
	targets=(6.1 6.12)
	if debug_built; then
		targets+=(debug)
	else
		echo "check: debug kernel not built, skipping it" \
			"(selftests/qemu/build-debug-kernel.sh --bg; $(bash "$REPO/selftests/qemu/build-debug-kernel.sh" --status))"
	fi
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# Per row (host, build, and each target): counts, a description, notes.
declare -A PASS FAIL SKIP DESC NOTE SECS
rows=()
failures=()
row() { rows+=("$1"); PASS[$1]=0; FAIL[$1]=0; SKIP[$1]=0; DESC[$1]=$2; NOTE[$1]=; SECS[$1]=0; }
note() { NOTE[$1]="${NOTE[$1]:+${NOTE[$1]}; }$2"; }
failed() { FAIL[$1]=$((FAIL[$1] + 1)); failures+=("$1: $2"); }

# parse_tap ROW FILE: count top-level TAP results ("ok N name # SKIP").
parse_tap() {
	local r=$1 f=$2 line name
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		"not ok "[0-9]*)
			name=${line#not ok }
			if [[ $line =~ \#\ *(TODO|todo) ]]; then
				SKIP[$r]=$((SKIP[$r] + 1))
			else
				failed "$r" "$name"
			fi
			;;
		"ok "[0-9]*)
			if [[ $line =~ \#\ *(SKIP|skip) ]]; then
				SKIP[$r]=$((SKIP[$r] + 1))
			else
				PASS[$r]=$((PASS[$r] + 1))
			fi
			;;
		esac
	done <"$f"
}

now() { date +%s; }

# ---- 1. host unit tests ------------------------------------------------------
if [ $host = 1 ]; then
	row host "host unit tests (make test)"
	t0=$(now)
	suites=0
	for dir in tools selftests/host; do
		[ -f "$dir/Makefile" ] && grep -qE '^test:' "$dir/Makefile" || continue
		suites=$((suites + 1))
		log=$OUT/host-${dir//\//-}.txt
		echo "== host unit tests: make -C $dir test"
		f0=${FAIL[host]} n0=$((PASS[host] + FAIL[host] + SKIP[host]))
		rc=0
		make -C "$dir" test >"$log" 2>&1 || rc=$?
		# Only what went wrong, and the suite's own summary.
		grep -avE '^ok ' "$log" |
			grep -aE '^not ok |^Bail out!|Sanitizer|runtime error' || true
		grep -avE '^make|^ok |^#|^1\.\.|^TAP' "$log" | tail -n 2
		parse_tap host "$log"
		n=$((PASS[host] + FAIL[host] + SKIP[host] - n0))
		if [ $rc != 0 ] && [ "${FAIL[host]}" = "$f0" ]; then
			failed host "make -C $dir test exited $rc after $n results (see $log)"
		fi
		[ $n != 0 ] || note host "$dir: no TAP results"
	done
	[ $suites != 0 ] || note host "no test target in tools/ or selftests/host/: 0 tests"
	SECS[host]=$(($(now) - t0))
fi

# ---- 2. kernel targets -------------------------------------------------------
if [ ${#targets[@]} -gt 0 ]; then
	row build "userspace tools (make -C tools)"
	if [ -f tools/Makefile ]; then
		echo "== make -C tools"
		t0=$(now)
		make -C tools >"$OUT/tools-build.txt" 2>&1 || {
			cat "$OUT/tools-build.txt"
			failed build "make -C tools"
		}
		SECS[build]=$(($(now) - t0))
		[ "${FAIL[build]}" != 0 ] || note build "built"
	else
		note build "no tools/Makefile"
	fi
fi

for t in "${targets[@]}"; do
	row "$t" "target $t"
	t0=$(now)
	res=$OUT/$t
	mkdir -p "$res"
	env_file=$CACHE/k/$t.env
	if [ ! -f "$env_file" ] && [ "$t" != debug ]; then
		bash "$REPO/scripts/kernels.sh" fetch
	fi
	if [ ! -f "$env_file" ]; then
		failed "$t" "no kernel for target $t"
		continue
	fi
	DESC[$t]="$(sed -n 's/^KVER=//p' "$env_file") ($(sed -n 's/^VERSION=//p' "$env_file" | cut -d' ' -f1-2))"
	mapfile -t expected < <(EDGEDP_TARGET=$t bash selftests/run_tests.sh --list)

	echo "== $t: build edgedp.ko"
	if ! ko=$(bash scripts/build-module.sh "$t" 2>"$res/build-module.txt"); then
		cat "$res/build-module.txt"
		failed "$t" "module build"
		for p in "${expected[@]}"; do failed "$t" "$p (not run)"; done
		SECS[$t]=$(($(now) - t0))
		continue
	fi

	# Generous VM timeout: every test's own timeout plus boot, capped.
	per=$(sed -n 's/^timeout=\([0-9]\+\)$/\1/p' selftests/settings 2>/dev/null)
	per=${per:-300}
	scale=1 cap=${EDGEDP_VM_TIMEOUT:-2700}
	[ "$t" = debug ] && scale=3 cap=${EDGEDP_VM_TIMEOUT:-3600}
	vmt=$((${#expected[@]} * per * scale + 180))
	[ $vmt -le "$cap" ] || vmt=$cap

	echo "== $t: selftests in the VM (timeout ${vmt}s)"
	rc=0
	bash selftests/qemu/vm.sh --target "$t" --module "$ko" --timeout "$vmt" \
		--results "$res" -- selftests/run_tests.sh 2>&1 | tee "$res/output.txt" || rc=${PIPESTATUS[0]}
	parse_tap "$t" "$res/output.txt"

	# Expected tests that never reported.
	for p in "${expected[@]}"; do
		grep -qE "^(not )?ok [0-9]+ selftests: edgedp: $p( |$)" "$res/output.txt" ||
			failed "$t" "$p (no result)"
	done
	if [ "$rc" = 125 ]; then
		failed "$t" "VM run: $(cat "$res/vm-status" 2>/dev/null || echo failed) (see $res)"
	elif [ "$rc" != 0 ] && [ "${FAIL[$t]}" = 0 ]; then
		failed "$t" "run_tests.sh exited $rc"
	fi
	SECS[$t]=$(($(now) - t0))
done

# ---- 2b. the pure logic's self tests in the kernel (CONFIG_EDGEDP_DEBUG=y) -----
# The module built with DEBUG runs the GTP-U parser's and the UL CL
# classifier's self tests (with the match cache) at load and refuses to load
# when one fails; booted once on 6.1, with one short test.
if [ $debug_only = 0 ] && printf '%s\n' "${targets[@]}" | grep -qx 6.1; then
	row selftest "in-kernel self tests at module load (CONFIG_EDGEDP_DEBUG=y, 6.1)"
	t0=$(now)
	res=$OUT/selftest
	mkdir -p "$res"
	echo "== selftest: edgedp.ko with CONFIG_EDGEDP_DEBUG=y, loaded on 6.1"
	if ! ko=$(EDGEDP_SELFTEST=1 bash scripts/build-module.sh 6.1 2>"$res/build-module.txt"); then
		cat "$res/build-module.txt"
		failed selftest "module build with CONFIG_EDGEDP_DEBUG=y"
	else
		rc=0
		bash selftests/qemu/vm.sh --target 6.1 --module "$ko" --timeout 900 \
			--results "$res" -- selftests/run_tests.sh edgedp_netns.sh 2>&1 |
			tee "$res/output.txt" || rc=${PIPESTATUS[0]}
		parse_tap selftest "$res/output.txt"
		for msg in "gtpu self-tests: pass" "classifier self-test: pass"; do
			if grep -aq "$msg" "$res/dmesg-load.txt" 2>/dev/null; then
				PASS[selftest]=$((PASS[selftest] + 1))
			else
				failed selftest "no \"$msg\" at module load (see $res)"
			fi
		done
		[ "$rc" = 0 ] || [ "${FAIL[selftest]}" != 0 ] ||
			failed selftest "VM run exited $rc (see $res)"
	fi
	SECS[selftest]=$(($(now) - t0))
fi

# ---- 3. packaging: DKMS add + build against every cached target's headers ----
if [ ${#targets[@]} -gt 0 ] && [ $debug_only = 0 ]; then
	row dkms "DKMS add + build (scripts/dkms.sh test)"
	t0=$(now)
	echo "== dkms: add and build edgedp against each target's headers"
	rc=0
	bash scripts/dkms.sh test >"$OUT/dkms.txt" 2>&1 || rc=$?
	grep -aE '^not ok ' "$OUT/dkms.txt" || true
	f0=${FAIL[dkms]}
	parse_tap dkms "$OUT/dkms.txt"
	if [ $rc != 0 ] && [ "${FAIL[dkms]}" = "$f0" ]; then
		failed dkms "scripts/dkms.sh test exited $rc (see $OUT/dkms.txt)"
	fi
	SECS[dkms]=$(($(now) - t0))
fi

# ---- summary -------------------------------------------------------------------
tp=0 tf=0 ts=0
for r in "${rows[@]}"; do
	tp=$((tp + PASS[$r])) tf=$((tf + FAIL[$r])) ts=$((ts + SKIP[$r]))
done
{
	echo
	printf '%-7s %-44s %6s %6s %7s %6s  %s\n' target kernel passed failed skipped time notes
	for r in "${rows[@]}"; do
		printf '%-7s %-44s %6d %6d %7d %5ds  %s\n' "$r" "${DESC[$r]}" \
			"${PASS[$r]}" "${FAIL[$r]}" "${SKIP[$r]}" "${SECS[$r]}" "${NOTE[$r]}"
	done
	if [ ${#failures[@]} -gt 0 ]; then
		echo
		echo "failures:"
		printf '  %s\n' "${failures[@]}"
		# Why, where the output says: each failed check and its message
		# (CI may keep only the tail of this run's output).
		for t in "${targets[@]}"; do
			[ -f "$OUT/$t/output.txt" ] || continue
			grep -aA3 -E '^# *TEST: .*\[FAIL\]' "$OUT/$t/output.txt" |
				cut -c1-400 | head -n 40 | sed "s/^/  $t| /"
		done
	fi
	echo
	echo "$tp passed, $tf failed, $ts skipped"
} | tee "$OUT/summary.txt"

[ "$tf" = 0 ]
exit
}
