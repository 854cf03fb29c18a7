#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# GTP-U datapath and control-plane benchmarks in one icount VM per kernel
# target (docs/benchmarks.md has the method and the latest figures). A
# default run takes 5-6 min of wall time on an idle 2-core host, ~13 min
# when other VMs compete for it; the guest's instruction counts do not
# depend on that.
#
#   scripts/bench.sh [--target 6.1|6.12|all] [--quick] [--module KO]
#                    [--results DIR] [--no-docs] [--tag TAG]
#
#   --target   kernel target(s) to measure (default 6.1; all = 6.1 then 6.12)
#   --quick    small counts (a smoke run of the whole sequence, ~2-3 min);
#              docs/benchmarks.md is not touched
#   --module   use this edgedp.ko instead of building one (single target)
#   --results  results directory (default results/bench-TARGET-DATE)
#   --no-docs  do not rewrite docs/benchmarks.md
#   --tag      file the run as its own section of docs/benchmarks.md,
#              TARGET-TAG (e.g. BENCH_SCALE=1000000 BENCH_PARTS="baseline
#              edgedp scale" --tag scale1m)
#   --profile  also profile each scenario's first measured run: a QEMU
#              plugin (selftests/bench/prof) counts the guest instructions
#              per kernel function; RESULTS/profile.txt lists, per scenario,
#              the functions' instructions per packet (implies --no-docs:
#              the plugin slows qemu, not the guest's instruction counts)
#   --ulcl     the UL CL (SDF filter) benchmark instead, first option only:
#              scripts/bench.sh --ulcl [--target T] [--module KO]; runs
#              selftests/bench/ulcl_bench.sh --host (ULCL_* knobs there)
#
# The counts can be overridden from the environment: BENCH_N64, BENCH_N1400,
# BENCH_REPS, BENCH_SESSIONS, BENCH_CP, BENCH_SCALE, BENCH_WARMUP,
# BENCH_PARTS, BENCH_SYNC (see selftests/bench/gtpu_bench.sh).
#
# Prints a summary with every target reported as met or missed. Exits non-zero
# only when a run failed (build, VM, a measurement); a missed target is not
# a failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
if [ "${1:-}" = --ulcl ]; then
	shift
	exec selftests/bench/ulcl_bench.sh --host "$@"
fi

targets=6.1 quick=0 module='' results_arg='' docs=1 tag='' profile=0
while [ $# -gt 0 ]; do
	case "$1" in
	--target) targets=$2; shift 2 ;;
	--quick) quick=1; docs=0; shift ;;
	--module) module=$2; shift 2 ;;
	--results) results_arg=$2; shift 2 ;;
	--no-docs) docs=0; shift ;;
	--tag) tag=$2; shift 2 ;;
	--profile) profile=1; docs=0; shift ;;
	-h | --help) sed -n '4,37p' "$0" | sed 's/^# \?//'; exit 0 ;;
	*) echo "bench: unknown option $1" >&2; exit 2 ;;
	esac
done
[ "$targets" = all ] && targets="6.1 6.12"
if [ -n "$module" ] && [ "$(wc -w <<<"$targets")" != 1 ]; then
	echo "bench: --module goes with a single --target" >&2
	exit 2
fi

if [ $quick = 1 ]; then
	: "${BENCH_N64:=2000}" "${BENCH_N1400:=1000}" "${BENCH_CP:=2000}"
fi
benv=()
for v in BENCH_N64 BENCH_N1400 BENCH_REPS BENCH_SESSIONS BENCH_CP BENCH_SCALE BENCH_WARMUP \
	BENCH_PARTS BENCH_SYNC; do
	[ -n "${!v:-}" ] && benv+=("$v=${!v}")
done
[ $profile = 1 ] && benv+=(BENCH_PROFILE=1)

echo "bench: building the benchmark tools"
make -s -C selftests/bench
# edgectl installs the control-plane scenario's sessions (edpload when it
# has no session command or does not build).
make -s -C tools >/dev/null 2>&1 || echo "bench: warning: edgectl did not build (edpload replaces it)"

status=0
for target in $targets; do
	stamp=$(date -u +%Y%m%d-%H%M%S)
	results=${results_arg:-$REPO/results/bench-$target${tag:+-$tag}-$stamp}
	[ -n "$results_arg" ] && [ "$(wc -w <<<"$targets")" -gt 1 ] && results=$results_arg/$target
	mkdir -p "$results"
	results=$(realpath "$results")

	# A private copy of the module: another shell may rebuild .build/TARGET.
	if [ -n "$module" ]; then
		cp "$module" "$results/edgedp.ko"
	else
		echo "bench: building edgedp.ko for $target"
		if ! ko=$(scripts/build-module.sh "$target"); then
			echo "bench: FAIL: module build for $target" >&2
			status=1
			continue
		fi
		cp "$ko" "$results/edgedp.ko"
	fi

	env_file=${EDGEDP_CACHE:-/var/cache/edgedp}/k/$target.env
	commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
	git diff --quiet HEAD -- kmod uapi Kbuild 2>/dev/null || commit="$commit+dirty"
	python3=/usr/bin/python3
	$python3 - "$results/host.json" <<EOF
import json, sys
json.dump({
    "target": "$target",
    "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
    "qemu": "$(qemu-system-x86_64 --version | head -1 | sed 's/^QEMU emulator version //')",
    "host_cpu": "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)",
    "commit": "$commit",
    "kernel_package": "$(sed -n 's/^VERSION=//p' "$env_file" 2>/dev/null)",
}, open(sys.argv[1], "w"), indent=1)
EOF

	echo "bench: target $target, results in $results"
	start=$SECONDS
	set +e
	# Host-side elapsed seconds on every line: where the wall time goes.
	plugin=
	[ $profile = 1 ] && plugin=$REPO/selftests/bench/prof/edgedp_prof.so
	EDGEDP_VM_PLUGIN=$plugin \
		selftests/qemu/vm.sh --target "$target" --bench --module "$results/edgedp.ko" \
		--timeout "${BENCH_TIMEOUT:-2700}" --results "$results" -- \
		env "${benv[@]}" selftests/bench/gtpu_bench.sh 2>&1 |
		while IFS= read -r line; do
			printf '[%4d s] %s\n' $((SECONDS - start)) "$line"
		done | tee "$results/bench.log"
	vm_rc=${PIPESTATUS[0]}
	set -e
	wall=$((SECONDS - start))
	$python3 - "$results/host.json" "$wall" <<'EOF'
import json, sys
h = json.load(open(sys.argv[1])); h["wall_s"] = int(sys.argv[2])
json.dump(h, open(sys.argv[1], "w"), indent=1)
EOF

	if [ ! -s "$results/bench.jsonl" ]; then
		echo "bench: FAIL: $target: no results (vm.sh exit $vm_rc)" >&2
		status=1
		continue
	fi
	report=(selftests/bench/report.py "$results" --target "$target")
	[ -n "$tag" ] && report+=(--tag "$tag")
	[ $docs = 1 ] && report+=(--docs docs/benchmarks.md)
	echo
	$python3 "${report[@]}" || status=1
	if [ "$vm_rc" != 0 ]; then
		echo "bench: FAIL: $target: the VM run exited $vm_rc (see $results)" >&2
		status=1
	fi
	if [ $profile = 1 ]; then
		$python3 selftests/bench/profile.py "$results" >"$results/profile.txt" || status=1
		echo "bench: profile in $results/profile.txt"
	fi
	[ $docs = 1 ] && echo "bench: docs/benchmarks.md updated: section $target${tag:+-$tag}"
	echo "bench: $target took $wall s wall"
done
exit $status
