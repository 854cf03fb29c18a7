#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the demo VM with edgedp.ko loaded: shows edgectl driving the
# datapath in a fresh network namespace, each command echoed before it runs.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATH=$REPO/tools/edgectl:$PATH
NS=demo-$$
run() { printf '\n$ %s\n' "$*"; "$@"; }

ip netns add "$NS"
trap 'ip netns del "$NS"' EXIT
in_ns() { ip netns exec "$NS" "$@"; }

echo "edgedp demo on $(uname -r)"
run in_ns edgectl info
run in_ns edgectl dev add upf0
run in_ns edgectl dev add
run in_ns ip -d link show upf0
run in_ns ip link set upf0 up
run in_ns ip route add 10.60.0.0/16 dev upf0
echo "(no session matches yet: packets routed to upf0 are dropped and counted)"
run in_ns ping -c 3 -i 0.2 -W 0.2 10.60.0.7 || true
run in_ns edgectl dev show upf0 -s
run in_ns edgectl -j -p dev show
run in_ns edgectl dev del edgedp0
run in_ns edgectl dev show
echo
echo "demo: OK"
