#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
SDF filters (UL CL traffic filters) of PDRs over the edgedp genl family,
with raw netlink (selftests/genl.py): every malformed filter is rejected with
the right errno and an extack message that names the field, and leaves no
session behind; valid filters read back attribute for attribute (downlink
form, as written); a SESSION_MOD replaces a PDR's filters atomically; the
per-PDR limit holds.

Runs in a namespace of its own (device sdf0).
"""
import errno
import os
import socket
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "gtpu"))
import genl  # noqa: E402
import uapi as U  # noqa: E402
import nltest  # noqa: E402
from edgecfg import u8, u16  # noqa: E402
from genl import attr, nest, parse_attrs, u32, u64  # noqa: E402
from nltest import log  # noqa: E402

E = errno
g = None
IFX = 0
TCP, UDP, ICMP, ESP = 6, 17, 1, 50


def a4(t, s):
    return attr(t, socket.inet_aton(s))


def a6(t, s):
    return attr(t, socket.inet_pton(socket.AF_INET6, s))


def sdf(*attrs):
    return nest(U.EDGEDP_A_PDR_SDF, *attrs)


def pdr(pid, prec, *extra, iface=U.EDGEDP_IFACE_ACCESS, far=1):
    a = [u16(U.EDGEDP_A_PDR_ID, pid), u32(U.EDGEDP_A_PDR_PRECEDENCE, prec),
         u8(U.EDGEDP_A_PDR_SRC_IFACE, iface), u32(U.EDGEDP_A_PDR_FAR_ID, far)]
    if iface == U.EDGEDP_IFACE_ACCESS:
        a += [u32(U.EDGEDP_A_PDR_TEID, 0x100), u8(U.EDGEDP_A_PDR_OHR, 0)]
    else:
        a += [a4(U.EDGEDP_A_PDR_UE4, "10.60.0.1")]
    return nest(U.EDGEDP_A_SESSION_PDR, *a, *extra)


FAR = nest(U.EDGEDP_A_SESSION_FAR, u32(U.EDGEDP_A_FAR_ID, 1),
           u8(U.EDGEDP_A_FAR_ACTION, U.EDGEDP_FAR_FORW),
           u8(U.EDGEDP_A_FAR_DST_IFACE, U.EDGEDP_IFACE_CORE))


def req(cmd, *attrs, flags=genl.NLM_F_ACK):
    return g.cmd(cmd, *attrs, flags=flags)


def dev():
    return u32(U.EDGEDP_A_SESSION_IFINDEX, IFX)


def new(n, *attrs):
    return req(U.EDGEDP_CMD_SESSION_NEW, dev(), u64(U.EDGEDP_A_SESSION_SEID, n), *attrs)


def exists(n):
    err, _, _ = req(U.EDGEDP_CMD_SESSION_GET, dev(), u64(U.EDGEDP_A_SESSION_SEID, n), flags=0)
    return err == 0


def get_sdfs(n):
    """[(pdr id, [{attr type: raw bytes}])] of session n."""
    err, ext, msgs = req(U.EDGEDP_CMD_SESSION_GET, dev(), u64(U.EDGEDP_A_SESSION_SEID, n),
                         flags=0)
    if err:
        return None
    out = []
    for m in msgs:
        t = parse_attrs(m[4:])
        for p in t.get(U.EDGEDP_A_SESSION_PDR, []):
            pt = parse_attrs(p)
            pid = struct.unpack("=H", pt[U.EDGEDP_A_PDR_ID][0][:2])[0]
            out.append((pid, [{k: v[0] for k, v in parse_attrs(s).items()}
                              for s in pt.get(U.EDGEDP_A_PDR_SDF, [])]))
    return sorted(out)


def rejected(name, filt, want, word):
    """A session whose PDR has this one filter fails with -want; the extack names word."""
    err, ext, _ = new(50, pdr(1, 10, sdf(*filt)), FAR)
    log(f"{name}: {E.errorcode.get(want, want)}, extack names '{word}'",
        err == -want and word in ext and not exists(50),
        f"errno {err}, extack '{ext}', session left: {exists(50)}")


def validation():
    rejected("src4 and src6", [a4(U.EDGEDP_A_SDF_SRC4, "192.0.2.0"),
                               a6(U.EDGEDP_A_SDF_SRC6, "2001:db8::")], E.EINVAL, "address")
    rejected("IPv4 source, IPv6 destination", [a4(U.EDGEDP_A_SDF_SRC4, "192.0.2.0"),
                                               a6(U.EDGEDP_A_SDF_DST6, "2001:db8::")],
             E.EINVAL, "families")
    rejected("IPv4 prefix length 33", [a4(U.EDGEDP_A_SDF_SRC4, "192.0.2.0"),
                                       u8(U.EDGEDP_A_SDF_SRC_PLEN, 33)], E.EINVAL, "prefix length")
    rejected("prefix length 129", [a6(U.EDGEDP_A_SDF_DST6, "2001:db8::"),
                                   u8(U.EDGEDP_A_SDF_DST_PLEN, 129)], E.ERANGE, "")
    rejected("prefix length without address", [u8(U.EDGEDP_A_SDF_DST_PLEN, 24)],
             E.EINVAL, "prefix length")
    rejected("ports without proto", [u16(U.EDGEDP_A_SDF_DST_PORT_MIN, 80)], E.EINVAL, "proto")
    rejected("ports with icmp", [u8(U.EDGEDP_A_SDF_PROTO, ICMP),
                                 u16(U.EDGEDP_A_SDF_SRC_PORT_MIN, 80)], E.EINVAL, "proto")
    rejected("port range reversed", [u8(U.EDGEDP_A_SDF_PROTO, UDP),
                                     u16(U.EDGEDP_A_SDF_SRC_PORT_MIN, 5100),
                                     u16(U.EDGEDP_A_SDF_SRC_PORT_MAX, 5000)], E.EINVAL, "range")
    rejected("port maximum without minimum", [u8(U.EDGEDP_A_SDF_PROTO, TCP),
                                              u16(U.EDGEDP_A_SDF_DST_PORT_MAX, 80)],
             E.EINVAL, "minimum")
    rejected("tos mask without tos", [u8(U.EDGEDP_A_SDF_TOS_MASK, 0xfc)], E.EINVAL, "TOS")
    rejected("spi with udp", [u8(U.EDGEDP_A_SDF_PROTO, UDP), u32(U.EDGEDP_A_SDF_SPI, 7)],
             E.EINVAL, "SPI")
    rejected("flow label with IPv4", [a4(U.EDGEDP_A_SDF_SRC4, "192.0.2.0"),
                                      u32(U.EDGEDP_A_SDF_FLOW_LABEL, 5)], E.EINVAL, "flow label")
    rejected("flow label of 21 bits", [u32(U.EDGEDP_A_SDF_FLOW_LABEL, 1 << 20)],
             E.ERANGE, "out of range")
    rejected("statistics given", [attr(U.EDGEDP_A_SDF_STATS, b"")], E.EINVAL, "read-only")
    rejected("a 2-octet src4", [attr(U.EDGEDP_A_SDF_SRC4, b"\1\2")], E.EINVAL, "")
    rejected("unknown attribute 200", [attr(200, b"\0\0\0\0")], E.EINVAL, "")
    many = [sdf(u8(U.EDGEDP_A_SDF_PROTO, UDP), u16(U.EDGEDP_A_SDF_DST_PORT_MIN, i))
            for i in range(33)]
    err, ext, _ = new(50, pdr(1, 10, *many), FAR)
    log("33 filters in one PDR: E2BIG + extack", err == -E.E2BIG and ext and not exists(50),
        f"errno {err}, extack '{ext}'")
    err, ext, _ = new(50, pdr(1, 10, *many[:32]), FAR)
    log("32 filters in one PDR are accepted", err == 0, f"errno {err}, extack '{ext}'")
    s = get_sdfs(50)
    log("... and read back, all 32", s is not None and len(s[0][1]) == 32, f"{s and len(s[0][1])}")
    req(U.EDGEDP_CMD_SESSION_DEL, dev(), u64(U.EDGEDP_A_SESSION_SEID, 50))


def roundtrip():
    f1 = [u32(U.EDGEDP_A_SDF_ID, 7), u8(U.EDGEDP_A_SDF_PROTO, UDP),
          a4(U.EDGEDP_A_SDF_SRC4, "192.0.2.0"), u8(U.EDGEDP_A_SDF_SRC_PLEN, 24),
          u16(U.EDGEDP_A_SDF_SRC_PORT_MIN, 5000), u16(U.EDGEDP_A_SDF_SRC_PORT_MAX, 5100),
          a4(U.EDGEDP_A_SDF_DST4, "10.60.0.0"), u8(U.EDGEDP_A_SDF_DST_PLEN, 16),
          u8(U.EDGEDP_A_SDF_TOS, 0xb8), u8(U.EDGEDP_A_SDF_TOS_MASK, 0xfc)]
    f2 = [a6(U.EDGEDP_A_SDF_SRC6, "2001:db8:e::"), u8(U.EDGEDP_A_SDF_SRC_PLEN, 48),
          u32(U.EDGEDP_A_SDF_FLOW_LABEL, 0xabcde)]
    f3 = [u8(U.EDGEDP_A_SDF_PROTO, ESP), u32(U.EDGEDP_A_SDF_SPI, 0x1234)]
    f4 = [u8(U.EDGEDP_A_SDF_PROTO, TCP), u16(U.EDGEDP_A_SDF_DST_PORT_MIN, 443),
          a4(U.EDGEDP_A_SDF_DST4, "10.60.0.1")]
    err, ext, _ = new(1, pdr(1, 10, sdf(*f1), sdf(*f2), sdf(*f3)),
                      pdr(2, 20, sdf(*f4), iface=U.EDGEDP_IFACE_CORE),
                      pdr(3, 30), FAR)
    log("session with 3 PDRs, 4 filters (v4, v6, esp, tcp)", err == 0, f"errno {err} {ext}")
    got = get_sdfs(1)

    def want(attrs, extra=()):
        d = {}
        for a in list(attrs) + list(extra):
            t = struct.unpack_from("=H", a, 2)[0] & 0x3fff
            d[t] = a[4:struct.unpack_from("=H", a)[0]]
        return d

    def strip(d):
        return {k: v for k, v in d.items() if k != U.EDGEDP_A_SDF_STATS}

    exp = [(1, [want(f1), want(f2), want(f3)]),
           (2, [want(f4, [u16(U.EDGEDP_A_SDF_DST_PORT_MAX, 443),
                          u8(U.EDGEDP_A_SDF_DST_PLEN, 32)])]),
           (3, [])]
    ok = got is not None and [(p, [strip(s) for s in ss]) for p, ss in got] == exp
    log("filters read back as written (defaults filled in)", ok, f"got {got}\nwant {exp}")
    stats = got and all(U.EDGEDP_A_SDF_STATS in s for _, ss in got for s in ss)
    log("every filter reports its counters", bool(stats), f"{got}")

    # Replace PDR 1's filters in one SESSION_MOD; PDR 2 keeps its filter.
    err, ext, _ = req(U.EDGEDP_CMD_SESSION_MOD, dev(), u64(U.EDGEDP_A_SESSION_SEID, 1),
                      pdr(1, 10, sdf(*f4)))
    got = get_sdfs(1)
    ok = err == 0 and got is not None and \
        [(p, [strip(s) for s in ss]) for p, ss in got] == \
        [(1, exp[1][1]), (2, exp[1][1]), (3, [])]
    log("session-mod replaces a PDR's filters as a whole", ok, f"errno {err} {ext}: {got}")
    # A bad filter in a mod changes nothing.
    err, ext, _ = req(U.EDGEDP_CMD_SESSION_MOD, dev(), u64(U.EDGEDP_A_SESSION_SEID, 1),
                      pdr(1, 10, sdf(u16(U.EDGEDP_A_SDF_DST_PORT_MIN, 1))))
    log("a bad filter in session-mod changes nothing", err == -E.EINVAL and get_sdfs(1) == got,
        f"errno {err} {ext}")
    err, ext, _ = req(U.EDGEDP_CMD_SESSION_DEL, dev(), u64(U.EDGEDP_A_SESSION_SEID, 1))
    log("session-del of a session with filters", err == 0 and not exists(1), f"errno {err}")


def main():
    global g, IFX
    with nltest.namespace("sdf"):
        g = genl.Genl()
        IFX = nltest.dev_new(g, "sdf0")
        if IFX is None:
            return 1
        validation()
        roundtrip()
        g.cmd(genl.CMD_DEV_DEL, u32(genl.A_DEV_IFINDEX, IFX))
    return nltest.failed


if __name__ == "__main__":
    sys.exit(main())
