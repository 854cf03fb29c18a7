#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, end to end: build edgedp.ko for Debian's 6.1 kernel and
# edgectl, boot that kernel in qemu, load the module and drive it with
# edgectl (scripts/demo-guest.sh runs inside the VM).
#
#   make demo            (or: bash scripts/demo.sh [TARGET])
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${1:-6.1}

make -s -C "$REPO/tools"
ko=$("$REPO/scripts/build-module.sh" "$TARGET")
exec "$REPO/selftests/qemu/vm.sh" --target "$TARGET" --module "$ko" --timeout 300 \
	-- "$REPO/scripts/demo-guest.sh"
