#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds edgedp.ko for one kernel target (6.1, 6.12, debug) in a private
# copy of the sources, .build/TARGET/, so the targets never share objects.
# Fails on any compiler warning. Prints the path of the .ko on stdout; the
# build log is .build/TARGET/build.log (shown on stderr when it fails).
#
#   scripts/build-module.sh TARGET [-v]
#
# EDGEDP_SELFTEST=1 builds it with CONFIG_EDGEDP_DEBUG=y (DEBUG: the pure
# logic's self tests, GTP-U parser and UL CL classifier with its match
# cache, run at module load and fail it) into .build/TARGET-selftest/.
#
# EDGEDP_SRC=DIR builds another module tree (with a Kbuild at its top) instead
# of this checkout; used to test the script itself.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}
SRCDIR=${EDGEDP_SRC:-$REPO}

die() { echo "build-module: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: build-module.sh TARGET [-v]  (targets: 6.1 6.12 debug)"
target=$1
verbose=0
[ "${2:-}" = -v ] && verbose=1

env_file=$CACHE/k/$target.env
if [ ! -f "$env_file" ]; then
	case "$target" in
	debug) die "debug kernel not built: selftests/qemu/build-debug-kernel.sh" ;;
	*) die "kernel $target not fetched: scripts/kernels.sh fetch" ;;
	esac
fi
KDIR=$(sed -n 's/^KDIR=//p' "$env_file")
KVER=$(sed -n 's/^KVER=//p' "$env_file")
[ -f "$KDIR/Makefile" ] || die "$KDIR/Makefile missing: refetch the $target kernel"
[ -f "$SRCDIR/Kbuild" ] || die "no Kbuild in $SRCDIR"

out=$REPO/.build/$target
kconf=()
if [ "${EDGEDP_SELFTEST:-0}" = 1 ]; then
	out=$REPO/.build/$target-selftest
	kconf=(CONFIG_EDGEDP_DEBUG=y)
fi
mkdir -p "$out"
# One build per target at a time (several shells may share the checkout).
exec 9>"$out.lock"
flock 9
# Mirror the sources; keep the objects of the previous build (protect
# filters) so unchanged files are not recompiled.
srcs=(Kbuild)
for d in kmod uapi; do [ -d "$SRCDIR/$d" ] && srcs+=("$d"); done
(cd "$SRCDIR" && rsync -a --delete \
	--filter='P *.o' --filter='P *.ko' --filter='P *.mod' --filter='P *.mod.c' \
	--filter='P .*.cmd' --filter='P *.a' --filter='P Module.symvers' \
	--filter='P modules.order' --filter='P build.log' --filter='P .*.d' \
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='.*.cmd' --exclude='*.a' \
	"${srcs[@]}" "$out/")

log=$out/build.log
start=$(date +%s.%N)
status=0
make -C "$KDIR" M="$out" "${kconf[@]}" modules >"$log" 2>&1 || status=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)

if [ $status != 0 ] || grep -q 'warning:' "$log"; then
	cat "$log" >&2
	# Objects that compiled with warnings would not be rebuilt next time.
	make -C "$KDIR" M="$out" clean >/dev/null 2>&1 || true
	if [ $status != 0 ]; then
		die "build for $target ($KVER) failed"
	fi
	die "build for $target ($KVER) has compiler warnings"
fi
[ $verbose = 1 ] && cat "$log" >&2

ko=$(find "$out" -maxdepth 1 -name '*.ko' | head -1)
[ -n "$ko" ] || die "no .ko produced in $out"
printf 'build-module: %s for %s in %.1f s\n' "${ko##*/}" "$KVER" "$secs" >&2
echo "$ko"
