#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Every edgedp genl command, given bad attributes, fails with an errno and an
extack message, and leaves no state behind; an unprivileged caller gets EPERM
on every mutating command; dumps are well-formed.
"""
import errno
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gtpu"))
import genl  # noqa: E402
import nltest  # noqa: E402
from genl import (A_DEV_IFINDEX, A_DEV_IFNAME, A_DEV_STATS, CMD_DEV_DEL,  # noqa: E402
                  CMD_DEV_GET, CMD_DEV_NEW, CMD_GET_INFO, attr, nest, string, u32, u64)
from nltest import log  # noqa: E402


def main():
    if os.environ.get("EDGEDP_UNPRIV") == "1":
        return unprivileged()

    g = genl.Genl()
    err, _, _ = g.cmd(CMD_DEV_NEW, string(A_DEV_IFNAME, "bad0"))
    log("dev-new with a valid name succeeds", err == 0, f"errno {err}")
    err, _, _ = g.cmd(CMD_DEV_NEW, string(A_DEV_IFNAME, "bad0"))
    log("dev-new with a name in use: EEXIST + extack", err == -errno.EEXIST, f"errno {err}")

    long_name = "x" * 16
    cases = [
        # (name, cmd, payload, expected errno or None for any)
        ("get-info with an attribute", CMD_GET_INFO, u32(2, 1), -errno.EINVAL),
        ("get-info with an unknown attribute type", CMD_GET_INFO, u32(40, 1), -errno.EINVAL),
        ("dev-new with an ifindex", CMD_DEV_NEW, u32(A_DEV_IFINDEX, 7), -errno.EINVAL),
        ("dev-new with a 16-byte name", CMD_DEV_NEW, string(A_DEV_IFNAME, long_name), -errno.EINVAL),
        ("dev-new with an unterminated name", CMD_DEV_NEW, attr(A_DEV_IFNAME, b"abc"), -errno.EINVAL),
        ("dev-new with name '..'", CMD_DEV_NEW, string(A_DEV_IFNAME, ".."), -errno.EINVAL),
        ("dev-new with a '/' in the name", CMD_DEV_NEW, string(A_DEV_IFNAME, "a/b"), -errno.EINVAL),
        ("dev-new with stats", CMD_DEV_NEW, nest(A_DEV_STATS, u64(2, 1)), -errno.EINVAL),
        ("dev-new with an unknown attribute type", CMD_DEV_NEW, u32(99, 1), -errno.EINVAL),
        ("dev-del without a device", CMD_DEV_DEL, b"", -errno.EINVAL),
        ("dev-del with ifindex 0", CMD_DEV_DEL, u32(A_DEV_IFINDEX, 0), -errno.ERANGE),
        ("dev-del with a short ifindex", CMD_DEV_DEL, attr(A_DEV_IFINDEX, b"\1\0"), -errno.EINVAL),
        ("dev-del of a missing device", CMD_DEV_DEL, string(A_DEV_IFNAME, "nosuch0"), -errno.ENODEV),
        ("dev-del of a non-edgedp device", CMD_DEV_DEL, string(A_DEV_IFNAME, "lo"), -errno.ENODEV),
        ("dev-del with ifindex and ifname disagreeing", CMD_DEV_DEL,
         u32(A_DEV_IFINDEX, 1) + string(A_DEV_IFNAME, "bad0"), -errno.ENODEV),
        ("dev-get without a device", CMD_DEV_GET, b"", -errno.EINVAL),
        ("dev-get of lo", CMD_DEV_GET, string(A_DEV_IFNAME, "lo"), -errno.ENODEV),
        ("dev-get with stats in the request", CMD_DEV_GET, nest(A_DEV_STATS), -errno.EINVAL),
        ("unknown command 200", 200, b"", -errno.EOPNOTSUPP),
    ]
    for name, cmd, payload, want in cases:
        err, ext, _ = g.request(g.family, cmd, payload)
        ok = err == want and (ext != "" or cmd == 200)
        log(f"{name}: errno + extack", ok, f"errno {err} (want {want}) extack '{ext}'")

    # Reserved genl header bytes must be zero for this family.
    err, ext, _ = g.request(g.family, CMD_GET_INFO, reserved=1)
    log("nonzero reserved header field rejected", err == -errno.EINVAL, f"errno {err}")

    # The device created above must be the only one: nothing half-made.
    err, _, msgs = g.cmd(CMD_DEV_GET, flags=genl.NLM_F_DUMP)
    names = [genl.parse_attrs(m[4:])[A_DEV_IFNAME][0].rstrip(b"\0").decode() for m in msgs]
    log("failed requests left no device behind", err == 0 and names == ["bad0"], f"{err} {names}")

    # Both names of one device work together; the device then goes.
    idx = int(open("/sys/class/net/bad0/ifindex").read())
    err, ext, _ = g.cmd(CMD_DEV_DEL, u32(A_DEV_IFINDEX, idx), string(A_DEV_IFNAME, "bad0"))
    log("dev-del with matching ifindex and ifname", err == 0, f"errno {err} {ext}")

    # Unprivileged: the same script again without CAP_NET_ADMIN.
    err, _, _ = g.cmd(CMD_DEV_NEW, string(A_DEV_IFNAME, "priv0"))
    env = dict(os.environ, EDGEDP_UNPRIV="1")
    r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "--inh-caps=-all", "--bounding-set=-all", sys.executable,
                        os.path.abspath(__file__)], env=env, capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    log("unprivileged run", r.returncode == 0, r.stderr.strip())
    err, _, _ = g.cmd(CMD_DEV_DEL, string(A_DEV_IFNAME, "priv0"))
    log("priv0 still there after unprivileged attempts", err == 0, f"errno {err}")
    return nltest.failed


def unprivileged():
    g = genl.Genl()
    for name, cmd, payload in [("dev-new", CMD_DEV_NEW, string(A_DEV_IFNAME, "x0")),
                               ("dev-del", CMD_DEV_DEL, string(A_DEV_IFNAME, "priv0"))]:
        err, _, _ = g.cmd(cmd, payload)
        log(f"unprivileged {name}: EPERM", err == -errno.EPERM, f"errno {err}")
    err, _, msgs = g.cmd(CMD_GET_INFO)
    log("unprivileged get-info allowed", err == 0 and len(msgs) == 1, f"errno {err}")
    err, _, msgs = g.cmd(CMD_DEV_GET, string(A_DEV_IFNAME, "priv0"))
    log("unprivileged dev-get: EPERM", err == -errno.EPERM and not msgs, f"errno {err}")
    err, _, msgs = g.cmd(CMD_DEV_GET, flags=genl.NLM_F_DUMP)
    log("unprivileged dev-get dump: EPERM", err == -errno.EPERM and not msgs, f"errno {err}")
    try:
        g.subscribe("events")
        err = 0
    except PermissionError:
        err = -errno.EPERM
    log("unprivileged join of the events group: EPERM", err == -errno.EPERM, f"errno {err}")
    return nltest.failed


if __name__ == "__main__":
    sys.exit(main())
