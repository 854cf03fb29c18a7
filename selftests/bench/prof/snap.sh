# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the benchmark scripts in the guest (gtpu_bench.sh,
# ulcl_bench.sh).
#
# prof_snap LABEL: with BENCH_PROFILE=1 (scripts/bench.sh --profile or
# --ulcl --profile: the edgedp_prof plugin loaded), the instructions executed
# so far per block, into $EDGEDP_RESULTS/prof-LABEL.tsv; the guest waits
# until it is written. selftests/bench/profile.py reads the pairs.
prof_snap() {
	local req=$EDGEDP_RESULTS/prof.req i=0

	[ "${BENCH_PROFILE:-0}" = 1 ] || return 0
	[ -f "$EDGEDP_RESULTS/kallsyms" ] || cat /proc/kallsyms >"$EDGEDP_RESULTS/kallsyms"
	echo "$1" >"$req.tmp" && mv "$req.tmp" "$req"
	while [ -e "$req" ] && [ $i -lt 3000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	[ ! -e "$req" ] || { echo "# profile snapshot $1: no answer from the plugin"; rm -f "$req"; }
}
