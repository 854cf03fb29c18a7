#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Kernel style and static checks of kmod/ and uapi/:
#   checkpatch.pl --strict (from Debian's linux-source-6.1 tarball, with its
#   spelling list) and sparse (make C=2) against the cached 6.1 headers.
# Prints TAP; exits non-zero when either reports anything.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${EDGEDP_CACHE:-/var/cache/edgedp}
CP=$CACHE/checkpatch

if [ ! -x "$CP/scripts/checkpatch.pl" ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -1)
	[ -n "$tarball" ] || { echo "style: linux-source-6.1 is not installed (make setup)" >&2; exit 1; }
	mkdir -p "$CP"
	tar -C "$CP" --strip-components=1 -xaf "$tarball" \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi

cd "$REPO"
fail=0
echo "TAP version 13"
echo "1..2"
files=$(git ls-files 'kmod/*.c' 'kmod/*.h' 'uapi/*.h' 2>/dev/null || find kmod uapi -name '*.[ch]')
# Out-of-tree specifics checkpatch cannot know: the SPDX line is checked by
# the hook, the compat header uses version-independent probes.
if out=$("$CP/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,LINUX_VERSION_CODE \
	-f $files 2>&1); then
	echo "ok 1 checkpatch --strict"
else
	echo "not ok 1 checkpatch --strict"
	echo "$out" | grep -v '^total:' | sed 's/^/# /'
	fail=1
fi

KDIR=$("$REPO/scripts/kernels.sh" kdir 6.1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r Kbuild kmod uapi "$tmp/"
if make -C "$KDIR" M="$tmp" C=2 CHECK=sparse \
	modules >"$tmp/sparse.log" 2>&1 && ! grep -E 'warning:|error:' "$tmp/sparse.log" | grep -q "$tmp"; then
	echo "ok 2 sparse"
else
	echo "not ok 2 sparse"
	grep -E 'warning:|error:' "$tmp/sparse.log" | sed "s|$tmp/||; s/^/# /"
	fail=1
fi
exit $fail
