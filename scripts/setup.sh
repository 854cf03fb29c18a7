#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs every Debian package edgedp needs to build, test and benchmark,
# then fetches the Debian kernels the VM selftests boot (scripts/kernels.sh).
# Idempotent: a second run installs nothing and reuses the kernel cache.
set -euo pipefail

PKGS=(
	build-essential make gcc pkg-config bc flex bison libelf-dev libssl-dev
	dwarves kmod cpio xz-utils zstd lz4 rsync
	qemu-system-x86 busybox-static
	libmnl-dev libnftnl-dev libjson-c-dev
	dkms
	iproute2 iputils-ping ethtool bpftool iperf3 netsniff-ng socat tcpdump jq
	python3 python3-yaml python3-jsonschema python3-scapy python3-pyroute2 tshark
	osmo-ggsn ipvsadm nftables
	sparse coccinelle cppcheck shellcheck clang-14 libclang-rt-14-dev
	linux-source-6.1
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	echo 'wireshark-common wireshark-common/install-setuid boolean false' |
		debconf-set-selections
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

exec "$(dirname "$0")/kernels.sh" fetch
