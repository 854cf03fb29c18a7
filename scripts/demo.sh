#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, end to end: build edgedp.ko for a Debian kernel (6.1 by
# default) and edgectl, boot that kernel in qemu, load the module, and run
# scripts/demo-guest.sh in the VM: a UE behind the kernel's gtp.ko as gNB,
# edgedp as an I-UPF whose UL CL breaks one server's traffic out to a local
# app while the rest goes over N9 to a second edgedp as PSA; traffic to both,
# edgectl's counters and captures prove each path. Exits non-zero if any
# step fails (the demo doubles as a smoke test).
#
#   make demo            (or: bash scripts/demo.sh [TARGET], TARGET 6.1 or 6.12)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${1:-6.1}

make -s -C "$REPO/tools"
ko=$("$REPO/scripts/build-module.sh" "$TARGET")
# ~2 minutes under TCG; the timeout leaves room for a loaded host.
exec "$REPO/selftests/qemu/vm.sh" --target "$TARGET" --module "$ko" --timeout 900 \
	-- "$REPO/scripts/demo-guest.sh"
