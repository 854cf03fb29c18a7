#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Debian's own kernels, unpacked (never installed) into a cache outside the
# checkout, for building edgedp.ko and booting it in qemu.
#
#   kernels.sh fetch          fetch every target that is missing or outdated
#   kernels.sh path TARGET    print the unpacked root of TARGET (6.1 or 6.12)
#   kernels.sh kver TARGET    print its uname -r
#   kernels.sh kdir TARGET    print its kbuild directory
#   kernels.sh targets        list the targets
#
# Versions are resolved from the apt index at fetch time, never hard-coded:
# bookworm's linux-image-amd64 (6.1) and bookworm-backports' (6.12, built with
# gcc-12 like bookworm itself). The resolved versions are recorded in
# $CACHE/k/TARGET.env and printed by every test run.
set -euo pipefail

CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}
TARGETS=(6.1 6.12)
BPO_DIR=$CACHE/apt-bpo

die() { echo "kernels: $*" >&2; exit 1; }

# apt options for bookworm-backports without touching the system's sources.
bpo_apt_opts() {
	mkdir -p "$BPO_DIR/lists/partial" "$BPO_DIR/archives/partial"
	if [ ! -f "$BPO_DIR/sources.list" ]; then
		local uri
		uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
		[ -n "$uri" ] || uri=$(awk '$1=="deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
		[ -n "$uri" ] || die "cannot find the Debian mirror in the system's apt sources"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri bookworm-backports main" \
			>"$BPO_DIR/sources.list"
	fi
	echo "-o Dir::Etc::sourcelist=$BPO_DIR/sources.list -o Dir::Etc::sourceparts=/dev/null" \
		"-o Dir::State::lists=$BPO_DIR/lists -o Dir::Cache::archives=$BPO_DIR/archives" \
		"-o APT::Get::List-Cleanup=0"
}

apt_opts() {
	case "$1" in
	6.1) echo "" ;;
	6.12) bpo_apt_opts ;;
	*) die "unknown target $1 (targets: ${TARGETS[*]})" ;;
	esac
}

# The flavour package linux-image-amd64 depends on exactly one linux-image-KVER.
resolve_kver() {
	local opts
	opts=$(apt_opts "$1")
	# shellcheck disable=SC2086
	apt-cache $opts depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)\(-unsigned\)\?$/\1/p' |
		sort -V | tail -1
}

pkg_version() {
	local opts
	opts=$(apt_opts "$1")
	# shellcheck disable=SC2086
	apt-cache $opts show "$2" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1
}

# linux-headers-KVER depends on its -common and on linux-kbuild-*.
header_deps() {
	local opts
	opts=$(apt_opts "$1")
	# shellcheck disable=SC2086
	apt-cache $opts depends "linux-headers-$2" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-headers-[^ ]*-common[^ ]*\|linux-kbuild-[^ ]*\)$/\1/p' |
		sort -u
}

fetch_one() {
	local t=$1 opts kver root env deps
	opts=$(apt_opts "$t")
	env=$CACHE/k/$t.env
	if [ "$t" = 6.12 ]; then
		# shellcheck disable=SC2086
		if ! apt-get $opts update -qq; then
			[ -f "$env" ] || die "apt-get update for bookworm-backports failed"
			echo "kernels: apt-get update for bookworm-backports failed, keeping the cached $t" >&2
			return 0
		fi
	fi
	kver=$(resolve_kver "$t")
	[ -n "$kver" ] || die "cannot resolve linux-image-amd64 for $t (run apt-get update?)"
	root=$CACHE/k/$kver
	if [ -f "$env" ] && grep -qx "KVER=$kver" "$env" && [ -f "$root/.complete" ]; then
		echo "kernels: $t is $kver (cached)"
		touch "$root/.target-$t"
		return 0
	fi
	echo "kernels: fetching $t = $kver"
	deps=$(header_deps "$t" "$kver")
	rm -rf "$root" && mkdir -p "$root/debs"
	(
		cd "$root/debs"
		# shellcheck disable=SC2086
		apt-get $opts -o APT::Sandbox::User=root download -qq \
			"linux-image-$kver" "linux-headers-$kver" $deps
	) || die "apt-get download failed for $kver"
	for d in "$root"/debs/*.deb; do
		dpkg -x "$d" "$root/root"
	done
	rm -rf "$root/debs"
	local hdr=$root/root/usr/src/linux-headers-$kver
	[ -d "$hdr" ] || die "headers for $kver missing after unpacking"
	# The arch headers' Makefile includes the -common tree by absolute path.
	sed -i "s|^include /usr/src/|include $root/root/usr/src/|" "$hdr/Makefile"
	local moddir=$root/root/lib/modules/$kver
	[ -d "$moddir" ] || moddir=$root/root/usr/lib/modules/$kver
	[ -d "$moddir" ] || die "no modules tree for $kver"
	# The build and source links point into /usr/src of the host: point
	# them at our copy (relative, so they also resolve inside the VM).
	local rel=../../..
	case "$moddir" in */usr/lib/modules/*) rel=../../../.. ;; esac
	ln -sfn "$rel/usr/src/linux-headers-$kver" "$moddir/build"
	local common
	common=$(basename "$(readlink "$moddir/source" 2>/dev/null || echo none)")
	[ -d "$root/root/usr/src/$common" ] && ln -sfn "$rel/usr/src/$common" "$moddir/source"
	# 6.12 ships .ko.xz: decompress once here, every modprobe in the TCG
	# guest would otherwise run xz (~5 s per boot for the preloaded set).
	find "$moddir" -name '*.ko.xz' -print0 | xargs -0 -r -P "$(nproc)" -n 64 unxz
	find "$moddir" -name '*.ko.zst' -print0 | xargs -0 -r -P "$(nproc)" -n 64 zstd -q -d --rm
	depmod -b "$root/root" "$kver" 2>/dev/null || depmod -b "$root/root/usr" "$kver"
	{
		echo "TARGET=$t"
		echo "KVER=$kver"
		echo "VERSION=$(pkg_version "$t" "linux-image-$kver")"
		echo "ROOT=$root/root"
		echo "MODDIR=$moddir"
		echo "KDIR=$hdr"
		echo "VMLINUZ=$root/root/boot/vmlinuz-$kver"
	} >"$env"
	touch "$root/.complete"
	echo "kernels: $t = $kver ready in $root"
	# Drop the trees of older builds of this target.
	local d
	for d in "$CACHE"/k/*/; do
		d=${d%/}
		if [ "$d" != "$root" ] && [ -f "$d/.target-$t" ]; then
			rm -rf "$d"
		fi
	done
	touch "$root/.target-$t"
}

# linux-source-6.12 from bookworm-backports carries tools/net/ynl.
fetch_ynl() {
	local dst=$CACHE/ynl opts ver
	opts=$(bpo_apt_opts)
	# shellcheck disable=SC2086
	ver=$(apt-cache $opts show linux-source-6.12 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
	[ -n "$ver" ] || die "linux-source-6.12 not found in bookworm-backports"
	if [ -f "$dst/.version" ] && [ "$(cat "$dst/.version")" = "$ver" ]; then
		return 0
	fi
	echo "kernels: fetching ynl from linux-source-6.12 $ver"
	local tmp
	tmp=$(mktemp -d)
	# shellcheck disable=SC2086
	(cd "$tmp" && apt-get $opts -o APT::Sandbox::User=root download -qq linux-source-6.12) ||
		die "download of linux-source-6.12 failed"
	dpkg -x "$tmp"/linux-source-6.12_*.deb "$tmp/x"
	rm -rf "$dst" && mkdir -p "$dst"
	tar -C "$dst" --strip-components=1 -xaf "$tmp"/x/usr/src/linux-source-6.12.tar.* \
		--wildcards 'linux-source-6.12/tools/net/ynl' 'linux-source-6.12/Documentation/netlink/*.yaml'
	rm -rf "$tmp"
	echo "$ver" >"$dst/.version"
}

envval() {
	local f=$CACHE/k/$1.env
	[ -f "$f" ] || die "target $1 not fetched: run scripts/kernels.sh fetch"
	sed -n "s/^$2=//p" "$f"
}

case "${1:-fetch}" in
fetch)
	for t in "${TARGETS[@]}"; do fetch_one "$t"; done
	fetch_ynl
	;;
path) envval "$2" ROOT ;;
kver) envval "$2" KVER ;;
kdir) envval "$2" KDIR ;;
env) cat "$CACHE/k/$2.env" ;;
targets) echo "${TARGETS[@]}" ;;
*) die "usage: kernels.sh fetch|path|kver|kdir|env TARGET|targets" ;;
esac
