#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS packaging of edgedp.
#
#   dkms.sh install   add, build and install for the running kernel (an edge
#                     host with its linux-headers installed)
#   dkms.sh remove    remove every installed version
#   dkms.sh test      add + build against the cached headers of every kernel
#                     target, in private DKMS trees (changes nothing on the
#                     host); prints TAP
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=edgedp
VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$REPO/dkms.conf")

# A clean copy of the module source as DKMS wants it: dkms.conf at the top.
stage_source() {
	local dst=$1/$NAME-$VERSION
	mkdir -p "$dst"
	(cd "$REPO" && cp -r Kbuild dkms.conf kmod uapi "$dst/")
	find "$dst" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
}

case "${1:-}" in
install)
	stage_source /usr/src/..
	dkms add -m "$NAME" -v "$VERSION" 2>/dev/null || true
	dkms build -m "$NAME" -v "$VERSION"
	dkms install -m "$NAME" -v "$VERSION"
	;;
remove)
	dkms remove -m "$NAME" -v "$VERSION" --all
	rm -rf "/usr/src/$NAME-$VERSION"
	;;
test)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	stage_source "$tmp/src"
	n=0 fail=0
	echo "TAP version 13"
	targets=$("$REPO/scripts/kernels.sh" targets)
	echo "1..$(( $(echo "$targets" | wc -w) + 1 ))"
	mkdir -p "$tmp/dkms" "$tmp/inst"
	opts=(--dkmstree "$tmp/dkms" --sourcetree "$tmp/src" --installtree "$tmp/inst")
	n=$((n + 1))
	if dkms "${opts[@]}" add -m "$NAME" -v "$VERSION" >"$tmp/add.log" 2>&1; then
		echo "ok $n dkms add $NAME/$VERSION"
	else
		echo "not ok $n dkms add $NAME/$VERSION"; sed 's/^/# /' "$tmp/add.log"; fail=1
	fi
	for t in $targets; do
		n=$((n + 1))
		kver=$("$REPO/scripts/kernels.sh" kver "$t")
		kdir=$("$REPO/scripts/kernels.sh" kdir "$t")
		if dkms "${opts[@]}" build -m "$NAME" -v "$VERSION" -k "$kver" \
			--kernelsourcedir "$kdir" >"$tmp/build-$t.log" 2>&1 &&
			[ -f "$tmp/dkms/$NAME/$VERSION/$kver/x86_64/module/$NAME.ko" -o \
			  -f "$tmp/dkms/$NAME/$VERSION/$kver/x86_64/module/$NAME.ko.xz" ]; then
			echo "ok $n dkms build for $t ($kver)"
		else
			echo "not ok $n dkms build for $t ($kver)"
			sed 's/^/# /' "$tmp/build-$t.log" | tail -20
			find "$tmp/dkms" -name make.log -exec tail -20 {} \; | sed 's/^/# /'
			fail=1
		fi
	done
	exit $fail
	;;
*)
	echo "usage: dkms.sh install|remove|test" >&2
	exit 1
	;;
esac
