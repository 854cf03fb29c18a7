#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of the edgedp test initramfs (built by vm.sh; busybox + the 9p/virtio
# modules a Debian kernel needs, nothing else).
#
# 1. mount proc/sys/dev, load the 9p modules listed in /modules.order
# 2. mount the writable results share and read the run's settings (vm.conf,
#    written by vm.sh on the host)
# 3. mount the host's / read-only over 9p at /host, tmpfs over its scratch
#    directories, proc/sys/dev/debugfs inside, the target's lib/modules over
#    /lib/modules and the results share back at its host path
# 4. point the kernel's modprobe at a wrapper that runs kmod's modprobe in
#    the chroot, then run guest.sh (host bash) in the chroot
# 5. exit qemu through isa-debug-exit
#
# Console: ttyS0 carries the kernel log (a file on the host), ttyS1 carries
# the test output (the host's stdout).
set -u
export PATH=/bin

/bin/busybox mkdir -p /bin /proc /sys /dev /host /results /keep
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
OUT=/dev/ttyS1
stty -F $OUT raw -echo 2>/dev/null
exec >$OUT 2>&1

fatal() {
	echo "# vm-init: FATAL: $*"
	echo "vm-init: FATAL: $*" >/dev/kmsg
	sync
	poweroff -f
}

# Modules (none for the debug kernel, everything is built in).
if [ -f /modules.order ]; then
	while read -r m; do
		insmod "/lib/modules/$m" || fatal "insmod $m failed"
	done </modules.order
fi

P9="trans=virtio,version=9p2000.L,msize=512000"
mount -t 9p -o "$P9" results /results || fatal "cannot mount the results share"
[ -f /results/vm.conf ] || fatal "no vm.conf in the results share"
. /results/vm.conf
# vm.conf sets: VM_TARGET VM_RESULTS VM_MODDIR VM_REPO VM_CWD VM_KEEP

mount -t 9p -o "$P9,ro,cache=loose" hostroot /host || fatal "cannot mount the host root share"

# Host paths the run needs (checkout, cwd, module) that live below a
# directory about to be covered by tmpfs: bind them aside first.
SCRATCH="/tmp /run /var/tmp /var/log"
i=0
for p in $VM_KEEP; do
	for s in $SCRATCH; do
		case "$p/" in "$s"/*)
			mkdir -p /keep/$i
			mount --bind "/host$p" /keep/$i && echo "$i $p" >>/keep/list
			i=$((i + 1))
			break ;;
		esac
	done
done

for s in $SCRATCH; do
	mount -t tmpfs -o mode=1777 tmpfs "/host$s" || fatal "tmpfs on $s"
done
mount -t proc proc /host/proc
mount -t sysfs sysfs /host/sys
mount -t devtmpfs devtmpfs /host/dev
mkdir -p /host/dev/pts /host/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /host/dev/pts
mount -t tmpfs -o mode=1777 tmpfs /host/dev/shm
ln -sf /proc/self/fd /host/dev/fd
ln -sf /proc/self/fd/0 /host/dev/stdin
ln -sf /proc/self/fd/1 /host/dev/stdout
ln -sf /proc/self/fd/2 /host/dev/stderr
mount -t debugfs debugfs /host/sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /host/sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /host/sys/fs/cgroup 2>/dev/null
mount -t bpf bpf /host/sys/fs/bpf 2>/dev/null
mkdir -p /host/run/netns /host/var/run 2>/dev/null

if [ -f /keep/list ]; then
	while read -r i p; do
		mkdir -p "/host$p" && mount --bind "/keep/$i" "/host$p" ||
			fatal "cannot keep $p visible"
	done </keep/list
fi

if [ -n "$VM_MODDIR" ]; then
	mount --bind "/host${VM_MODDIR%/*}" /host/lib/modules ||
		fatal "cannot bind $VM_MODDIR over /lib/modules"
fi
mkdir -p "/host$VM_RESULTS" 2>/dev/null
mount --bind /results "/host$VM_RESULTS" || fatal "cannot bind the results share at $VM_RESULTS"

# request_module() runs modprobe in this root, not in the chroot.
cat >/sbin-modprobe <<'EOF'
#!/bin/busybox sh
exec /bin/busybox chroot /host /sbin/modprobe "$@"
EOF
chmod 755 /sbin-modprobe
echo /sbin-modprobe >/proc/sys/kernel/modprobe

hostname edgedp-vm
VM_RESULTS="$VM_RESULTS" chroot /host /bin/bash "$VM_REPO/selftests/qemu/guest.sh" </dev/null
echo "$?" >/results/guest-exit

sync
umount "/host$VM_RESULTS" 2>/dev/null
umount /results 2>/dev/null
sync
# isa-debug-exit at 0xf4: qemu exits with (0 << 1) | 1 = 1.
printf '\000' | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
poweroff -f
