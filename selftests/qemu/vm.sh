#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boots a target kernel in qemu, runs one command in it and reports.
#
#   vm.sh --target 6.1|6.12|debug [--module PATH.ko] [--bench] [--timeout SECS]
#         [--results DIR] -- COMMAND [ARGS...]
#
# The guest sees the host's / read-only (9p) with tmpfs over /tmp, /run,
# /var/tmp, /var/log; the target's modules over /lib/modules; the results
# directory writable at the same path as on the host. COMMAND runs under the
# host's bash in the caller's working directory with EDGEDP_VM=1,
# EDGEDP_TARGET, EDGEDP_RESULTS, HOME=/tmp (and EDGEDP_MODULE_LOADED=1 when
# --module loaded). Its output is this script's stdout; the kernel log goes to
# RESULTS/console.log and RESULTS/dmesg.txt.
#
# Exit status: COMMAND's, when the VM itself is clean. 125 (after a line
# "vm: FAIL: ...") when it is not: a kernel splat in dmesg or kmemleak, a
# module that did not load or unload, a timeout, or no completion marker.
# RESULTS/vm-status holds "ok" or the reason.
#
# --bench: one vCPU with -icount shift=0,sleep=off (deterministic; guest time
# counts instructions). EDGEDP_VM_APPEND adds kernel parameters,
# EDGEDP_VM_ACCEL=kvm|tcg forces the accelerator. EDGEDP_VM_PLUGIN=PATH.so
# loads a QEMU TCG plugin given dir=RESULTS (the profiler of
# selftests/bench/prof). The debug kernel is built
# by build-debug-kernel.sh, the Debian ones are fetched by scripts/kernels.sh.
set -euo pipefail
# The whole script is one brace group: bash parses it completely before
# running it, so editing this file while a long run is going on is harmless.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}

# Debian modules loaded before COMMAND (missing ones are ignored).
PRELOAD="veth vxlan gtp udp_tunnel ip6_udp_tunnel dummy tun bridge macvlan ipvlan
	ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh ip_vs_mh nf_conntrack nf_nat nf_tables
	nft_nat nft_ct nft_masq nft_chain_nat sch_netem cls_bpf act_bpf sch_ingress
	cls_flower act_mirred act_gact"

# Kernel log lines that fail a run.
SPLAT='WARNING:|BUG:|Oops|circular locking|unreferenced object|KASAN|UBSAN|RCU stall|detected stalls|self-detected stall|possible recursive locking|suspicious RCU usage|general protection|Kernel panic|blocked for more than'

usage() {
	sed -n '5,7p' "$0" | sed 's/^# \?//' >&2
	exit 2
}
say() { echo "# vm: $*"; }
die() { echo "vm: $*" >&2; exit 2; }

target='' module='' bench=0 timeout=900 results=''
while [ $# -gt 0 ]; do
	case "$1" in
	--target) target=$2; shift 2 ;;
	--module) module=$2; shift 2 ;;
	--bench) bench=1; shift ;;
	--timeout) timeout=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--) shift; break ;;
	-h | --help) usage ;;
	*) echo "vm: unknown option $1" >&2; usage ;;
	esac
done
[ -n "$target" ] && [ $# -gt 0 ] || usage
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout takes seconds"

env_file=$CACHE/k/$target.env
if [ ! -f "$env_file" ]; then
	case "$target" in
	debug) die "debug kernel not built: selftests/qemu/build-debug-kernel.sh" ;;
	*) die "no kernel for target $target: scripts/kernels.sh fetch" ;;
	esac
fi
envget() { sed -n "s/^$1=//p" "$env_file"; }
KVER=$(envget KVER)
VERSION=$(envget VERSION)
ROOT=$(envget ROOT)
MODDIR=$(envget MODDIR)
VMLINUZ=$(envget VMLINUZ)
[ -f "$VMLINUZ" ] || die "$VMLINUZ missing: refetch/rebuild target $target"

if [ -n "$module" ]; then
	[ -f "$module" ] || die "module $module not found"
	module=$(realpath "$module")
fi

# ---- results directory ------------------------------------------------------
# The default is unique per run: several VMs may run at once.
if [ -z "$results" ]; then
	mkdir -p "$REPO/results"
	results=$(mktemp -d "$REPO/results/vm-$target.XXXXXX")
fi
mkdir -p "$results"
results=$(realpath "$results")
rm -f "$results"/{vm.conf,vm.cmd,done,booted,qemu.pid,qemu-exit,hang-registers.txt,exit-code,guest-exit,module-status,dmesg-load.txt,dmesg.txt,kmemleak.txt,kmemleak-all.txt,console.log,tainted,vm-status}

# ---- initramfs: busybox + init + the 9p/virtio modules ----------------------
# Cached next to the kernel, rebuilt when its inputs change.
build_initramfs() {
	local out=$1 tmp m seen=" "
	tmp=$(mktemp -d)
	mkdir -p "$tmp"/{bin,lib/modules,dev,proc,sys}
	cp /bin/busybox "$tmp/bin/busybox"
	cp "$HERE/init.sh" "$tmp/init"
	chmod 755 "$tmp/init"
	: >"$tmp/modules.order"
	# Dependency order from kmod; drop duplicates and built-ins; busybox
	# insmod cannot read .ko.xz/.ko.zst, so decompress.
	while read -r kind path _; do
		[ "$kind" = insmod ] || continue
		case "$seen" in *" $path "*) continue ;; esac
		seen="$seen$path "
		m=$(basename "$path")
		case "$m" in
		*.xz) xz -dc "$path" >"$tmp/lib/modules/${m%.xz}"; m=${m%.xz} ;;
		*.zst) zstd -qdc "$path" >"$tmp/lib/modules/${m%.zst}"; m=${m%.zst} ;;
		*) cp "$path" "$tmp/lib/modules/$m" ;;
		esac
		echo "$m" >>"$tmp/modules.order"
	done < <(modprobe -d "${MODDIR%/lib/modules/*}" -S "$KVER" -a --show-depends \
		virtio_pci 9pnet_virtio 9p 2>/dev/null)
	if [ ! -s "$tmp/modules.order" ]; then
		rm "$tmp/modules.order"
	fi
	(cd "$tmp" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out.tmp.$$"
	mv -f "$out.tmp.$$" "$out"
	rm -rf "$tmp"
}

initrd_dir=$(dirname "$ROOT")
initrd=$initrd_dir/edgedp-initramfs.cpio
# Bump when build_initramfs changes.
INITRAMFS_FORMAT=1
stamp=$( (echo "$INITRAMFS_FORMAT"; cat "$HERE/init.sh" /bin/busybox) | sha256sum | cut -c1-16)
if [ ! -f "$initrd" ] || [ "$(cat "$initrd.stamp" 2>/dev/null)" != "$stamp" ]; then
	say "building initramfs $initrd"
	build_initramfs "$initrd"
	echo "$stamp" >"$initrd.stamp"
fi

# ---- kernel image: the uncompressed vmlinux when it has a PVH entry ---------
# qemu then starts it directly; decompressing a bzImage under TCG costs ~4 s.
has_pvh() { readelf -n "$1" 2>/dev/null | grep -q 'Unknown note type: (0x00000012)'; }
extract_vmlinux() {
	python3 - "$1" "$2" <<'PY'
import gzip, lzma, struct, subprocess, sys
d = open(sys.argv[1], "rb").read()
off = ((d[0x1f1] or 4) + 1) * 512                # protected-mode code after setup
poff, plen = struct.unpack_from("<II", d, 0x248)  # payload_offset, payload_length
p = d[off + poff:off + poff + plen]
if p[:6] == b"\xfd7zXZ\x00":
    out = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(p)
elif p[:4] == b"\x28\xb5\x2f\xfd":
    # zstd complains about the size trailer after the frame; the output
    # is complete (checked below).
    out = subprocess.run(["zstd", "-qdc"], input=p, capture_output=True).stdout
elif p[:2] == b"\x1f\x8b":
    out = gzip.decompress(p)
else:
    sys.exit(1)
if out[:4] != b"\x7fELF":
    sys.exit(1)
open(sys.argv[2], "wb").write(out)
PY
}
# (Not for the debug kernel: 6.1's PVH entry is KASAN-instrumented and
# triple-faults before the shadow exists.)
kernel=$VMLINUZ
if [ "$target" != debug ]; then
	pvh=$initrd_dir/vmlinux.pvh
	if [ ! -f "$pvh" ] || [ "$pvh" -ot "$VMLINUZ" ]; then
		rm -f "$pvh"
		if extract_vmlinux "$VMLINUZ" "$pvh.tmp.$$" 2>/dev/null && has_pvh "$pvh.tmp.$$"; then
			mv -f "$pvh.tmp.$$" "$pvh"
		else
			rm -f "$pvh.tmp.$$"
		fi
	fi
	[ -f "$pvh" ] && kernel=$pvh
fi

# The guest binds the target's modules over /lib/modules: the mount point
# has to exist in the host's tree (merged /usr has no /lib/modules by default).
[ -d /lib/modules ] || mkdir -p /lib/modules 2>/dev/null ||
	die "/lib/modules missing on the host and cannot be created (run as root)"

# ---- run settings for the guest -------------------------------------------
# Which of PRELOAD this kernel has (modules or built-in), decided on the host.
preload='' preload_missing=''
for m in $PRELOAD; do
	if modprobe -d "${MODDIR%/lib/modules/*}" -S "$KVER" -n -q "$m" 2>/dev/null; then
		preload="$preload $m"
	else
		preload_missing="$preload_missing $m"
	fi
done
# Host paths that must stay visible in the guest even when they are under a
# directory the guest covers with tmpfs (a checkout in /tmp, say).
keep="$REPO $PWD"
[ -n "$module" ] && keep="$keep $(dirname "$module")"
{
	echo "VM_TARGET=$target"
	echo "VM_RESULTS=$results"
	echo "VM_MODDIR=$MODDIR"
	echo "VM_REPO=$REPO"
	echo "VM_CWD=$PWD"
	echo "VM_KEEP='$keep'"
	echo "VM_MODULE=$module"
	echo "VM_BENCH=$bench"
	echo "VM_PRELOAD='${preload# }'"
	echo "VM_PRELOAD_MISSING='${preload_missing# }'"
} >"$results/vm.conf"
{
	printf 'VM_CMD=('
	printf ' %q' "$@"
	printf ' )\n'
} >"$results/vm.cmd"

# ---- qemu -------------------------------------------------------------------
# (The output passes through tr: the 8250 emits a stray 0xff byte when the
# guest opens ttyS1; neither it nor NUL occurs in text.)
# KVM when the host has a usable one: /dev/kvm backed by kvm_intel/kvm_amd.
# (These machines expose kvm_pvm, which only runs PVM-built guests; Debian's
# kernels hang there.) EDGEDP_VM_ACCEL=kvm|tcg overrides.
accel_kind=${EDGEDP_VM_ACCEL:-}
if [ -z "$accel_kind" ]; then
	accel_kind=tcg
	if [ -w /dev/kvm ] && { [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
		accel_kind=kvm
	fi
fi
if [ $bench = 1 ]; then
	# shellcheck disable=SC2054 # qemu's commas
	accel=(-accel tcg -cpu max -smp 1 -icount shift=0,sleep=off)
elif [ "$accel_kind" = kvm ]; then
	accel=(-accel kvm -cpu host -smp 2)
else
	accel=(-accel tcg -cpu max -smp 2)
fi
# loglevel=5: warnings and worse reach console.log as they happen, so a
# test that clears the ring buffer (dmesg -C) cannot hide a splat.
append="console=ttyS0 loglevel=5 panic=-1 rdinit=/init mitigations=off"
append+=" tsc=reliable no_timer_check random.trust_cpu=on"
# The ACPI interpreter under KASAN+TCG costs ~30 s of the debug kernel's boot;
# without ACPI it finds the PCI devices through the legacy tables.
# nokaslr: the decompressor then skips relocating (~6 s); it also makes
# KASAN/lockdep addresses match the build's System.map.
# no5lvl: -cpu max offers LA57; while identify_boot_cpu() has the feature
# words cleared, an interrupt's KASAN check sees the 5-level direct map as
# a wild address (a false "BUG: KASAN: wild-memory-access" in boot, seen once).
[ "$target" = debug ] && append+=" acpi=off nokaslr no5lvl"
# EDGEDP_VM_APPEND: extra kernel parameters, e.g. loglevel=7 to debug a boot.
append+=${EDGEDP_VM_APPEND:+ $EDGEDP_VM_APPEND}
plugin=()
[ -n "${EDGEDP_VM_PLUGIN:-}" ] && plugin=(-plugin "file=$EDGEDP_VM_PLUGIN,dir=$results")

say "target $target: kernel $KVER, package $VERSION"
[ -n "$module" ] && say "module $module"
say "results in $results"

# qboot boots a -kernel faster than SeaBIOS; -nodefaults drops the NIC and
# its iPXE ROM.
bios=()
[ -f /usr/share/qemu/qboot.rom ] && bios=(-bios /usr/share/qemu/qboot.rom)

# guest.sh touches RESULTS/booted when it starts (before any module is
# loaded): a boot that hangs is killed after boot_timeout, and retried once,
# instead of costing the whole --timeout.
boot_timeout=${EDGEDP_VM_BOOT_TIMEOUT:-240}
[ "$target" = debug ] && boot_timeout=${EDGEDP_VM_BOOT_TIMEOUT:-900}
[ "$boot_timeout" -lt "$timeout" ] || boot_timeout=$timeout
# A monitor socket, to save the vCPUs' registers of a hung guest.
mon=/tmp/edgedp-vm-$$.mon
dump_registers() {
	[ -S "$mon" ] || return 0
	printf 'info registers -a\n' | timeout 10 socat - "UNIX-CONNECT:$mon" 2>&1 |
		sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >"$results/hang-registers.txt" || true
}

# run_qemu: one boot; sets status (qemu's exit), boot_hang and boot_crash
# (qemu gone before guest.sh started: a panic in the kernel's own boot).
run_qemu() {
	boot_hang=0 boot_crash=0
	rm -f "$mon" "$results/booted" "$results/qemu.pid" "$results/qemu-exit"

	t0=$(date +%s)
	{
		rc=0
		timeout -k 10 "$timeout" qemu-system-x86_64 \
			"${accel[@]}" "${plugin[@]}" -m 2G \
			-nodefaults -nographic -no-reboot "${bios[@]}" \
			-monitor "unix:$mon,server=on,wait=off" -pidfile "$results/qemu.pid" \
			-kernel "$kernel" -initrd "$initrd" -append "$append" \
			-serial "file:$results/console.log" -serial stdio \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
			-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
			-fsdev local,id=results,path="$results",security_model=none,multidevs=remap \
			-device virtio-9p-pci,fsdev=results,mount_tag=results \
			</dev/null || rc=$?
		echo $rc >"$results/qemu-exit"
	} | stdbuf -o0 tr -d '\000\377' &
	qpipe=$!
	while kill -0 $qpipe 2>/dev/null; do
		if [ ! -f "$results/booted" ] && [ $(($(date +%s) - t0)) -ge "$boot_timeout" ]; then
			boot_hang=1
			dump_registers
			kill "$(cat "$results/qemu.pid" 2>/dev/null)" 2>/dev/null || true
			break
		fi
		# Save the registers shortly before timeout(1) kills qemu.
		if [ $(($(date +%s) - t0)) -eq $((timeout - 3)) ]; then
			dump_registers
		fi
		sleep 1
	done
	wait $qpipe || true
	rm -f "$mon"
	status=$(cat "$results/qemu-exit" 2>/dev/null || echo 255)
	if [ $boot_hang = 0 ] && [ ! -f "$results/booted" ] && [ "$status" != 124 ] &&
		[ "$status" != 137 ]; then
		boot_crash=1
	fi
}

start=$(date +%s.%N)
for attempt in 1 2; do
	run_qemu
	[ $boot_hang = 1 ] || [ $boot_crash = 1 ] || break
	[ $attempt = 1 ] || break
	# Nothing of edgedp is loaded before guest.sh starts: a hang or a panic
	# there is the emulation's (a hang seen once in ~100 boots under load; a
	# stray int3 in sched_clock_cpu() on the second vCPU of 6.12's TCG boot,
	# once with five VMs on two host cores), retry once.
	if [ $boot_hang = 1 ]; then
		mv -f "$results/console.log" "$results/console-hang1.log"
		mv -f "$results/hang-registers.txt" "$results/hang-registers-1.txt" 2>/dev/null || true
		say "guest.sh not started within ${boot_timeout}s (boot hang, before any module), retrying once"
	else
		mv -f "$results/console.log" "$results/console-crash1.log"
		say "qemu exited $status before guest.sh started (boot crash, before any module), retrying once"
	fi
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

# ---- verdict ----------------------------------------------------------------
fail() {
	echo "$1" >"$results/vm-status"
	echo "vm: FAIL: $2 (target $target, $KVER; see $results)"
	exit 125
}

if [ $boot_crash = 1 ]; then
	tail -n 30 "$results/console.log" 2>/dev/null | sed 's/^/# console: /'
	fail boot-crash "qemu exited $status before guest.sh started, twice (see console-crash1.log)"
fi
if [ $boot_hang = 1 ]; then
	tail -n 30 "$results/console.log" 2>/dev/null | sed 's/^/# console: /'
	fail boot-hang "the guest did not reach guest.sh within $boot_timeout s, twice, qemu killed (registers: hang-registers.txt)"
fi
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
	tail -n 30 "$results/console.log" 2>/dev/null | sed 's/^/# console: /'
	fail timeout "no result within $timeout s, qemu killed"
fi
if [ ! -f "$results/done" ]; then
	tail -n 50 "$results/console.log" 2>/dev/null | sed 's/^/# console: /'
	fail no-marker "the guest stopped without its completion marker (qemu exit $status)"
fi

splats=$(cat "$results/console.log" "$results/dmesg.txt" "$results/kmemleak.txt" 2>/dev/null |
	tr -d '\r' | grep -aE "$SPLAT" | awk '!seen[$0]++' || true)
if [ -n "$splats" ]; then
	echo "$splats" | head -n 20 | sed 's/^/# splat: /'
	fail splat "kernel log has warnings/splats (dmesg.txt, kmemleak.txt)"
fi
case "$(cat "$results/module-status")" in
insmod-failed) fail insmod "edgedp did not load cleanly" ;;
rmmod-failed) fail rmmod "edgedp did not unload" ;;
esac

echo ok >"$results/vm-status"
rc=$(cat "$results/exit-code")
say "$(printf '%s: exit %s in %.1f s wall' "$target" "$rc" "$elapsed")"
exit "$rc"
exit
}
