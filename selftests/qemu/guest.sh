#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Second stage of the test VM, run by init.sh with the host's bash inside the
# chroot of the host's root (read-only 9p). Loads the Debian modules the tests
# use and edgedp.ko, runs the command, unloads edgedp, scans kmemleak and
# saves dmesg to the results share. Its stdout is the host's stdout; its
# own lines start with '# ' so TAP output stays valid.
#
# Results (the run's results directory, same path as on the host):
#   exit-code     the command's exit status
#   module-status loaded / insmod-failed / rmmod-failed / unloaded / none
#   dmesg-load.txt the kernel log right after the module loaded (tests
#                 may clear the log; a DEBUG build's self tests report here)
#   dmesg.txt     the kernel log after the run
#   kmemleak.txt  kmemleak's report of objects allocated during the run
#                 (kmemleak-all.txt: everything it reported)
#   done          completion marker, written last
set -u
# One brace group: parsed completely before it runs (edits during a run are harmless).
{

# init.sh passes VM_RESULTS, the results directory (same path as on the host).
: "${VM_RESULTS:?}"
# shellcheck source=/dev/null
. "$VM_RESULTS/vm.conf"
# shellcheck source=/dev/null
. "$VM_RESULTS/vm.cmd"   # VM_CMD=( ... )

log() { echo "# vm: $*"; }
R=$VM_RESULTS

export EDGEDP_VM=1
export EDGEDP_TARGET=$VM_TARGET
export EDGEDP_RESULTS=$R
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp
export TERM=dumb
export LANG=C.UTF-8
[ "$VM_BENCH" = 1 ] && export EDGEDP_BENCH=1

log "guest: $(uname -r) up $(cut -d' ' -f1 /proc/uptime) s, $(nproc) cpu(s)"
: >"$R/booted"   # vm.sh's boot watchdog: nothing is loaded yet

# Debian modules the tests use, filtered on the host to the ones this kernel
# has (built-in ones are no-ops). One modprobe: each exec costs ~0.5 s here.
if [ -n "$VM_PRELOAD" ]; then
	# shellcheck disable=SC2086
	modprobe -a $VM_PRELOAD || log "modprobe -a $VM_PRELOAD failed"
fi
[ -z "$VM_PRELOAD_MISSING" ] || log "modules not in this kernel: $VM_PRELOAD_MISSING"

has_kmemleak=0
[ -w /sys/kernel/debug/kmemleak ] && has_kmemleak=1
# Leaks from boot are not ours: kmemleak reports the jiffies at which each
# object was allocated, and only objects allocated after this point are kept
# (cheaper than a baseline scan, which takes ~45 s on the debug kernel).
mark=$(awk '/^jiffies:/ { print $2; exit }' /proc/timer_list 2>/dev/null)
mark=${mark:-0}

modname=
echo none >"$R/module-status"
if [ -n "$VM_MODULE" ]; then
	modname=$(basename "$VM_MODULE" .ko)
	modname=${modname//-/_}
	taint0=$(cat /proc/sys/kernel/tainted)
	if insmod "$VM_MODULE"; then
		dmesg >"$R/dmesg-load.txt"
		taint1=$(cat /proc/sys/kernel/tainted)
		# O (out-of-tree, 4096) and E (unsigned, 8192) are expected.
		extra=$(((taint1 & ~taint0) & ~(4096 | 8192)))
		if [ -d "/sys/module/$modname" ] && [ $extra = 0 ]; then
			echo loaded >"$R/module-status"
			export EDGEDP_MODULE_LOADED=1
			export EDGEDP_KO=$VM_MODULE
			log "loaded $modname (taint $taint0 -> $taint1)"
		else
			echo insmod-failed >"$R/module-status"
			log "FAIL: $modname loaded with unexpected taint $taint1 or is missing from /sys/module"
		fi
	else
		echo insmod-failed >"$R/module-status"
		log "FAIL: insmod $VM_MODULE failed"
	fi
fi

rc=0
if [ "$(cat "$R/module-status")" != insmod-failed ]; then
	log "uptime $(cut -d' ' -f1 /proc/uptime) s: running ${VM_CMD[*]}"
	cd "$VM_CWD" || exit 1
	"${VM_CMD[@]}" </dev/null
	rc=$?
	cd /
else
	rc=1
fi
echo "$rc" >"$R/exit-code"

if [ "$(cat "$R/module-status")" = loaded ]; then
	if [ ! -d "/sys/module/$modname" ]; then
		log "$modname was unloaded by the command"
		echo unloaded >"$R/module-status"
	elif rmmod "$modname" && [ ! -d "/sys/module/$modname" ]; then
		echo unloaded >"$R/module-status"
	else
		echo rmmod-failed >"$R/module-status"
		log "FAIL: rmmod $modname failed"
	fi
fi

if [ $has_kmemleak = 1 ]; then
	# Objects are reported once they stay unreferenced across scans; give
	# RCU callbacks and deferred frees time to run first.
	sleep 2
	echo scan >/sys/kernel/debug/kmemleak
	sleep 2
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >"$R/kmemleak-all.txt"
	awk -v mark="$mark" '
		function flush() { if (blk != "" && keep) printf "%s", blk; blk = "" }
		/^unreferenced object/ { flush(); keep = 1 }
		/^  comm .* jiffies [0-9]+/ {
			j = $0; sub(/.* jiffies /, "", j); sub(/[^0-9].*/, "", j)
			keep = (j + 0 >= mark + 0)
		}
		{ blk = blk $0 "\n" }
		END { flush() }' "$R/kmemleak-all.txt" >"$R/kmemleak.txt"
	n=$(grep -c '^unreferenced object' "$R/kmemleak.txt")
	log "kmemleak: $n new unreferenced object(s) ($(grep -c '^unreferenced object' "$R/kmemleak-all.txt") in all)"
fi

dmesg >"$R/dmesg.txt"
cat /proc/sys/kernel/tainted >"$R/tainted"
log "done, exit $rc, uptime $(cut -d' ' -f1 /proc/uptime) s"
sync
echo complete >"$R/done"
sync
exit
}
