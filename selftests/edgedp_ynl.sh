#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own YNL CLI (tools/net/ynl from linux-source-6.12) drives the
# family from uapi/edgedp.yaml with no edgedp code on the client side.
source "$(dirname "$0")/lib.sh"

require_edgedp
YNL=${YNL:-${EDGEDP_CACHE:-/var/cache/edgedp}/ynl/tools/net/ynl/cli.py}
[ -f "$YNL" ] || { echo "SKIP: ynl not cached (scripts/kernels.sh fetch)"; exit $ksft_skip; }
trap cleanup_all_ns EXIT
setup_ns ns
SPEC=$TOP_DIR/uapi/edgedp.yaml
ynl() { ip netns exec "$ns" "$PYTHON" "$YNL" --spec "$SPEC" --no-schema "$@"; }

out=$(ynl --do get-info)
echo "$out" | grep -q "'genl-version': 1"
check_err $? "get-info: $out"
log_test "ynl get-info"

out=$(ynl --do dev-new --json '{"ifname": "ynl0"}')
echo "$out" | grep -q "'ifname': 'ynl0'"
check_err $? "dev-new: $out"
log_test "ynl dev-new"

out=$(ynl --dump dev-get)
echo "$out" | grep -q "'ifname': 'ynl0'" && echo "$out" | grep -q "'no-session': 0"
check_err $? "dev-get dump: $out"
log_test "ynl dev-get dump decodes stats and drop reasons"

out=$(ynl --do dev-get --json '{"ifname": "nosuch"}' 2>&1)
echo "$out" | grep -q "no such edgedp device"
check_err $? "missing device: $out"
log_test "ynl shows the kernel's extack message"

ynl --do dev-del --json '{"ifname": "ynl0"}' >/dev/null
check_err $? "dev-del failed"
ip -n "$ns" link show ynl0 >/dev/null 2>&1
check_fail $? "ynl0 still there"
log_test "ynl dev-del"

exit $EXIT_STATUS
