#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds the debug kernel the "debug" selftest target boots: Debian's
# linux-source-6.1 with x86_64_defconfig + kvm_guest.config + debug.config
# (KASAN, UBSAN, lockdep, PROVE_RCU, kmemleak; everything the tests use is
# built in). The build tree stays usable for out-of-tree module builds
# (make -C $KDIR M=... modules), and $CACHE/k/debug.env is written in the
# same format as the Debian targets' env files once the build has finished.
#
#   build-debug-kernel.sh            build (or do nothing if up to date)
#   build-debug-kernel.sh --bg       same, detached; log in $CACHE/debug/build.log
#   build-debug-kernel.sh --force    rebuild the config and the kernel
#   build-debug-kernel.sh --status   say whether it is built, building or missing
#
# ~30 min with make -j2 on a 2-core host; run once, cached outside the checkout.
set -euo pipefail
# The whole script is one brace group: bash parses it completely before
# running it, so editing this file while a long run is going on is harmless.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}
DBG=$CACHE/debug
SRC=$DBG/src
OUT=$DBG/build
LOG=$DBG/build.log
TARBALL=${EDGEDP_DEBUG_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
FRAGMENT=$HERE/debug.config
ENV_FILE=$CACHE/k/debug.env
JOBS=${JOBS:-$(nproc)}

# Must be =y in the final .config or the debug target is pointless.
REQUIRED=(KASAN KASAN_INLINE UBSAN PROVE_LOCKING PROVE_RCU DEBUG_ATOMIC_SLEEP KERNEL_LZ4 FAILSLAB
	DEBUG_KMEMLEAK DYNAMIC_DEBUG MODULES MODULE_UNLOAD NET_9P NET_9P_VIRTIO 9P_FS VIRTIO_PCI
	VIRTIO_NET VETH VXLAN GTP NET_UDP_TUNNEL IPV6 NET_NS DEVTMPFS TMPFS
	BLK_DEV_INITRD SERIAL_8250_CONSOLE)

die() { echo "build-debug-kernel: $*" >&2; exit 1; }
say() { echo "build-debug-kernel: $*"; }

force=0
case "${1:-}" in
--bg)
	shift
	mkdir -p "$DBG"
	nohup "$0" "$@" >"$LOG" 2>&1 </dev/null &
	say "building in the background (pid $!), log: $LOG"
	exit 0
	;;
--force) force=1 ;;
--status)
	if [ -f "$ENV_FILE" ] && [ -f "$OUT/arch/x86/boot/bzImage" ]; then
		say "built: $(sed -n 's/^KVER=//p' "$ENV_FILE")"
	elif [ -f "$DBG/.lock" ] && ! flock -n "$DBG/.lock" true; then
		say "building since $(date -u -r "$OUT/.edgedp-build-start" +%H:%M:%SZ 2>/dev/null), log: $LOG" \
			"($(find "$OUT" -name '*.o' -newer "$OUT/.edgedp-build-start" 2>/dev/null | wc -l) of ~2500 objects compiled)"
	else
		say "not built"
	fi
	exit 0
	;;
"") ;;
*) die "usage: build-debug-kernel.sh [--bg|--force|--status]" ;;
esac

[ -f "$TARBALL" ] || die "$TARBALL missing: apt-get install linux-source-6.1 (scripts/setup.sh)"
[ -f "$FRAGMENT" ] || die "$FRAGMENT missing"
mkdir -p "$DBG" "$CACHE/k"

# One build at a time.
exec 9>"$DBG/.lock"
if ! flock -n 9; then
	say "another build is running (log: $LOG), waiting for it"
	flock 9
fi

src_version=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || stat -c %Y "$TARBALL")
stamp="$src_version $(sha256sum <"$FRAGMENT" | cut -c1-16)"

if [ $force = 0 ] && [ -f "$OUT/.edgedp-stamp" ] && [ "$(cat "$OUT/.edgedp-stamp")" = "$stamp" ] &&
	[ -f "$OUT/arch/x86/boot/bzImage" ] && [ -f "$OUT/Module.symvers" ] && [ -f "$ENV_FILE" ]; then
	say "up to date: $(sed -n 's/^KVER=//p' "$ENV_FILE")"
	exit 0
fi
rm -f "$ENV_FILE"

# 1. Source: unpack once per linux-source-6.1 version.
if [ ! -f "$SRC/.edgedp-version" ] || [ "$(cat "$SRC/.edgedp-version")" != "$src_version" ]; then
	say "unpacking $TARBALL ($src_version)"
	rm -rf "$SRC" "$OUT"
	mkdir -p "$SRC"
	tar -C "$SRC" --strip-components=1 -xJf "$TARBALL"
	echo "$src_version" >"$SRC/.edgedp-version"
fi

# 2. Config.
mkdir -p "$OUT"
say "configuring in $OUT"
make -s -C "$SRC" O="$OUT" x86_64_defconfig
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" \
	"$SRC/kernel/configs/kvm_guest.config" "$FRAGMENT" >/dev/null
make -s -C "$SRC" O="$OUT" olddefconfig

missing=()
for opt in "${REQUIRED[@]}"; do
	grep -qx "CONFIG_$opt=y" "$OUT/.config" || missing+=("$opt")
done
[ ${#missing[@]} = 0 ] || die "not =y after olddefconfig: ${missing[*]}"
# Options of the fragment that this kernel does not know or refused.
dropped=$(grep -o '^CONFIG_[A-Z0-9_]*=[^n].*' "$FRAGMENT" | while IFS= read -r line; do
	grep -qxF "$line" "$OUT/.config" || echo "${line%%=*}"
done | tr '\n' ' ')
[ -z "$dropped" ] || say "note: not applied as written (unknown in 6.1 or overridden): $dropped"
grep -q '^CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF=y' "$OUT/.config" && die "kmemleak would be off by default"

# 3. Build: the full build leaves Module.symvers and the prepared scripts
#    that out-of-tree module builds need.
start=$(date +%s)
touch "$OUT/.edgedp-build-start"
say "make -j$JOBS (started $(date -u +%H:%M:%SZ))"
nice -n 10 make -s -C "$SRC" O="$OUT" -j"$JOBS" all
[ -f "$OUT/arch/x86/boot/bzImage" ] && [ -f "$OUT/Module.symvers" ] || die "build produced no bzImage/Module.symvers"
say "built in $(($(date +%s) - start)) s"

# 4. A lib/modules tree (the few =m modules, modules.builtin, depmod) so
#    modprobe in the guest knows what is built in.
kver=$(make -s -C "$SRC" O="$OUT" kernelrelease)
rm -rf "$DBG/root"
make -s -C "$SRC" O="$OUT" INSTALL_MOD_PATH="$DBG/root" modules_install >/dev/null
rm -f "$DBG/root/lib/modules/$kver/build" "$DBG/root/lib/modules/$kver/source"
ln -s "$OUT" "$DBG/root/lib/modules/$kver/build"

# 5. Env file, same keys as scripts/kernels.sh writes.
{
	echo "TARGET=debug"
	echo "KVER=$kver"
	echo "VERSION=linux-source-6.1 $src_version + selftests/qemu/debug.config"
	echo "ROOT=$DBG/root"
	echo "MODDIR=$DBG/root/lib/modules/$kver"
	echo "KDIR=$OUT"
	echo "VMLINUZ=$OUT/arch/x86/boot/bzImage"
} >"$ENV_FILE"
echo "$stamp" >"$OUT/.edgedp-stamp"
say "debug kernel $kver ready ($ENV_FILE)"
exit
}
