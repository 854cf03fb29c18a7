#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
The GTP-U commands of the edgedp genl family (EP_NEW/DEL/GET,
SESSION_NEW/MOD/DEL/GET), driven with raw netlink (selftests/genl.py):
every rejected request fails with the right errno and an extack message and
changes nothing; keys (TEIDs, UE addresses) are exclusive between sessions
and freed with them; dumps return every session; an unprivileged caller
gets EPERM on every mutating command.

Runs in a namespace of its own (ns: lo with 10.0.0.1, 2001:db8::1; device
nl0), so nothing it leaves behind outlives it.
"""
import errno
import json
import os
import socket
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "gtpu"))
import genl  # noqa: E402
import uapi as U  # noqa: E402
import nltest  # noqa: E402
from edgecfg import decode_session, merge_sessions, rules, u8, u16  # noqa: E402
from genl import attr, nest, parse_attrs, u32, u64  # noqa: E402
from nltest import expect, log  # noqa: E402

NLM_F_ACK, NLM_F_DUMP = genl.NLM_F_ACK, genl.NLM_F_DUMP
NLM_F_EXCL = 0x200
NLM_F_DUMP_INTR = genl.NLM_F_DUMP_INTR
EDGECTL = os.environ.get("EDGECTL", os.path.join(HERE, "..", "tools", "edgectl", "edgectl"))
E = errno
g = None
IFX = 0


def req(cmd, *attrs, flags=NLM_F_ACK):
    return g.cmd(cmd, *attrs, flags=flags)


def ok(name, res):
    err, ext, _ = res
    return log(name, err == 0, f"errno {err} ({os.strerror(-err) if err else ''}): {ext}")


# ---- attribute helpers ---------------------------------------------------------------

def dev():
    return u32(U.EDGEDP_A_SESSION_IFINDEX, IFX)


def seid(n):
    return u64(U.EDGEDP_A_SESSION_SEID, n)


def ep(addr=None, port=None, role=None, ifindex=None):
    a = [u32(U.EDGEDP_A_EP_IFINDEX, IFX if ifindex is None else ifindex)]
    if addr is not None:
        b = socket.inet_pton(socket.AF_INET6 if ":" in addr else socket.AF_INET, addr)
        a.append(attr(U.EDGEDP_A_EP_ADDR6 if len(b) == 16 else U.EDGEDP_A_EP_ADDR4, b))
    if port is not None:
        a.append(u16(U.EDGEDP_A_EP_PORT, port))
    if role is not None:
        a.append(u8(U.EDGEDP_A_EP_ROLE, role))
    return a


def pdr(*attrs):
    return nest(U.EDGEDP_A_SESSION_PDR, *attrs)


def far(*attrs):
    return nest(U.EDGEDP_A_SESSION_FAR, *attrs)


def uplink(teid, ue, pid=1, far_id=1):
    """edgectl grammar of an uplink PDR, a downlink PDR and their FARs."""
    return (f"pdr id {pid} precedence 10 src-iface access teid {teid} ue {ue} "
            f"ohr gtpu-udp-ipv4 far {far_id} "
            f"pdr id {pid + 1} precedence 10 src-iface core ue {ue} far {far_id + 1} "
            f"far id {far_id} action forw dst-iface core "
            f"far id {far_id + 1} action forw dst-iface access teid {teid + 0x1000} "
            f"peer 10.0.0.2")


def new(n, text="", *extra, flags=NLM_F_ACK):
    return req(U.EDGEDP_CMD_SESSION_NEW, dev(), seid(n), *rules(text), *extra, flags=flags)


def mod(n, text="", *extra, flags=NLM_F_ACK):
    return req(U.EDGEDP_CMD_SESSION_MOD, dev(), seid(n), *rules(text), *extra, flags=flags)


def mflags(v):
    return u32(U.EDGEDP_A_SESSION_MOD_FLAGS, v)


def delete(n):
    return req(U.EDGEDP_CMD_SESSION_DEL, dev(), seid(n))


def get(n):
    """The raw attributes of one session (GET do), or None."""
    err, _, msgs = req(U.EDGEDP_CMD_SESSION_GET, dev(), seid(n), flags=0)
    return None if err else msgs[0][4:]


# ---- endpoints ---------------------------------------------------------------------------

def endpoints():
    expect("ep-new without ifindex", req(U.EDGEDP_CMD_EP_NEW, ep("10.0.0.1")[1]), E.EINVAL)
    expect("ep-new without an address", req(U.EDGEDP_CMD_EP_NEW, *ep()), E.EINVAL)
    expect("ep-new with addr4 and addr6",
           req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1"), ep("2001:db8::1")[1]), E.EINVAL)
    expect("ep-new with a 4-octet addr6",
           req(U.EDGEDP_CMD_EP_NEW, ep()[0], attr(U.EDGEDP_A_EP_ADDR6, b"\1\2\3\4")), E.ERANGE)
    expect("ep-new with a 2-octet addr4",
           req(U.EDGEDP_CMD_EP_NEW, ep()[0], attr(U.EDGEDP_A_EP_ADDR4, b"\1\2")), E.EINVAL)
    expect("ep-new with role 3", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", role=3)), E.ERANGE)
    expect("ep-new with port 0", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", port=0)), E.ERANGE)
    expect("ep-new on lo (not an edgedp device)",
           req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", ifindex=1)), E.ENODEV)
    expect("ep-new on ifindex 0", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", ifindex=0)),
           E.ERANGE)
    for bad in ["0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.1", "239.1.1.1", "255.255.255.255",
                "::", "::1", "ff02::1", "::ffff:10.0.0.1"]:
        expect(f"ep-new on {bad}", req(U.EDGEDP_CMD_EP_NEW, *ep(bad)), E.EINVAL)
    expect("ep-new on an address not in the namespace",
           req(U.EDGEDP_CMD_EP_NEW, *ep("10.99.99.99")), E.EADDRNOTAVAIL)
    expect("ep-new on an IPv6 address not in the namespace",
           req(U.EDGEDP_CMD_EP_NEW, *ep("2001:db8::99")), E.EADDRNOTAVAIL)
    ok("ep-new 10.0.0.1 role n3", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", role=U.EDGEDP_EP_N3)))
    expect("ep-new of the same endpoint again", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1")),
           E.EEXIST)
    expect("ep-new of the same endpoint, other role",
           req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", role=U.EDGEDP_EP_N9)), E.EEXIST)
    ok("ep-new 10.0.0.1 port 2153", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", port=2153)))
    ok("ep-new 2001:db8::1", req(U.EDGEDP_CMD_EP_NEW, *ep("2001:db8::1")))
    # Someone else's socket on the port.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.0.0.1", 2154))
    expect("ep-new on a port a socket holds", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", port=2154)),
           E.EADDRINUSE)
    s.close()
    err, ext, msgs, _ = g.dump(U.EDGEDP_CMD_EP_GET, ep()[0])
    got = sorted((socket.inet_ntop(socket.AF_INET6 if U.EDGEDP_A_EP_ADDR6 in t else socket.AF_INET,
                                   (t.get(U.EDGEDP_A_EP_ADDR4) or t[U.EDGEDP_A_EP_ADDR6])[0]),
                  struct.unpack("=H", t[U.EDGEDP_A_EP_PORT][0][:2])[0])
                 for t in (parse_attrs(m[4:]) for m in msgs))
    log("ep-get dumps the three endpoints", err == 0 and got == [
        ("10.0.0.1", 2152), ("10.0.0.1", 2153), ("2001:db8::1", 2152)], f"{err} {ext} {got}")
    err, ext, _, _ = g.dump(U.EDGEDP_CMD_EP_GET)
    log("ep-get dump without ifindex: errno + extack", err < 0 and ext != "",
        f"errno {err} extack '{ext}'")
    expect("ep-del without an address", req(U.EDGEDP_CMD_EP_DEL, *ep()), E.EINVAL)
    expect("ep-del of a missing endpoint", req(U.EDGEDP_CMD_EP_DEL, *ep("10.0.0.1", port=2999)),
           E.ENOENT)
    ok("ep-del 10.0.0.1 port 2153", req(U.EDGEDP_CMD_EP_DEL, *ep("10.0.0.1", port=2153)))
    expect("ep-del of it again", req(U.EDGEDP_CMD_EP_DEL, *ep("10.0.0.1", port=2153)), E.ENOENT)
    # The port is free again: a plain socket can have it.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("10.0.0.1", 2153))
        log("ep-del released the UDP port", True)
    except OSError as e:
        log("ep-del released the UDP port", False, str(e))
    s.close()


# ---- sessions: validation ----------------------------------------------------------------

GOOD_PDR = "pdr id 1 precedence 1 src-iface access teid 0x10 ue 10.60.0.1 ohr gtpu-udp-ipv4 far 1"
GOOD_FAR = "far id 1 action forw dst-iface core"


def pdr_with(_extra=(), **kv):
    """A valid uplink PDR nest with some attributes replaced (None: left out)."""
    base = {U.EDGEDP_A_PDR_ID: u16(U.EDGEDP_A_PDR_ID, 1),
            U.EDGEDP_A_PDR_PRECEDENCE: u32(U.EDGEDP_A_PDR_PRECEDENCE, 1),
            U.EDGEDP_A_PDR_SRC_IFACE: u8(U.EDGEDP_A_PDR_SRC_IFACE, U.EDGEDP_IFACE_ACCESS),
            U.EDGEDP_A_PDR_TEID: u32(U.EDGEDP_A_PDR_TEID, 0x10),
            U.EDGEDP_A_PDR_UE4: attr(U.EDGEDP_A_PDR_UE4, socket.inet_aton("10.60.0.1")),
            U.EDGEDP_A_PDR_OHR: u8(U.EDGEDP_A_PDR_OHR, U.EDGEDP_OHR_GTPU_UDP_IPV4),
            U.EDGEDP_A_PDR_FAR_ID: u32(U.EDGEDP_A_PDR_FAR_ID, 1)}
    for k, v in kv.items():
        base[getattr(U, "EDGEDP_A_PDR_" + k)] = v
    return pdr(*[v for v in base.values() if v is not None], *_extra)


def far_with(**kv):
    base = {U.EDGEDP_A_FAR_ID: u32(U.EDGEDP_A_FAR_ID, 1),
            U.EDGEDP_A_FAR_ACTION: u8(U.EDGEDP_A_FAR_ACTION, U.EDGEDP_FAR_FORW),
            U.EDGEDP_A_FAR_DST_IFACE: u8(U.EDGEDP_A_FAR_DST_IFACE, U.EDGEDP_IFACE_CORE)}
    for k, v in kv.items():
        base[getattr(U, "EDGEDP_A_FAR_" + k)] = v
    return far(*[v for v in base.values() if v is not None])


def urr(i, *attrs):
    return nest(U.EDGEDP_A_SESSION_URR, u32(U.EDGEDP_A_URR_ID, i), *attrs)


def qer(i, *attrs):
    return nest(U.EDGEDP_A_SESSION_QER, u32(U.EDGEDP_A_QER_ID, i), *attrs)


def newraw(*attrs, n=100):
    return req(U.EDGEDP_CMD_SESSION_NEW, dev(), seid(n), *attrs)


def validation():
    ue6 = attr(U.EDGEDP_A_PDR_UE6, socket.inet_pton(socket.AF_INET6, "2001:db8:60::"))
    cases = [
        ("session-new without seid",
         req(U.EDGEDP_CMD_SESSION_NEW, dev(), pdr_with(), far_with()), E.EINVAL),
        ("session-new without ifindex",
         req(U.EDGEDP_CMD_SESSION_NEW, seid(100), pdr_with(), far_with()), E.EINVAL),
        ("session-new on lo", req(U.EDGEDP_CMD_SESSION_NEW, u32(U.EDGEDP_A_SESSION_IFINDEX, 1),
                                  seid(100), pdr_with(), far_with()), E.ENODEV),
        ("PDR without id", newraw(pdr_with(ID=None), far_with()), E.EINVAL),
        ("PDR without precedence", newraw(pdr_with(PRECEDENCE=None), far_with()), E.EINVAL),
        ("PDR without src-iface", newraw(pdr_with(SRC_IFACE=None), far_with()), E.EINVAL),
        ("PDR without far-id", newraw(pdr_with(FAR_ID=None), far_with()), E.EINVAL),
        ("PDR with a TEID, no outer-header-removal", newraw(pdr_with(OHR=None), far_with()),
         E.EINVAL),
        ("access PDR without a TEID", newraw(pdr_with(TEID=None, OHR=None), far_with()),
         E.EINVAL),
        ("core PDR with neither TEID nor UE",
         newraw(pdr_with(TEID=None, OHR=None, UE4=None,
                         SRC_IFACE=u8(U.EDGEDP_A_PDR_SRC_IFACE, U.EDGEDP_IFACE_CORE)),
                far_with()), E.EINVAL),
        ("PDR with ue4 and ue6", newraw(pdr_with(UE6=ue6), far_with()), E.EINVAL),
        ("PDR qfi 64", newraw(pdr_with(QFI=u8(U.EDGEDP_A_PDR_QFI, 64)), far_with()), E.ERANGE),
        ("PDR ue6-plen 63", newraw(pdr_with(UE4=None, UE6=ue6,
                                            UE6_PLEN=u8(U.EDGEDP_A_PDR_UE6_PLEN, 63)),
                                   far_with()), E.ERANGE),
        ("PDR ue6-plen 129", newraw(pdr_with(UE4=None, UE6=ue6,
                                             UE6_PLEN=u8(U.EDGEDP_A_PDR_UE6_PLEN, 129)),
                                    far_with()), E.ERANGE),
        ("PDR src-iface 9", newraw(pdr_with(SRC_IFACE=u8(U.EDGEDP_A_PDR_SRC_IFACE, 9)),
                                   far_with()), E.ERANGE),
        ("PDR ohr 7", newraw(pdr_with(OHR=u8(U.EDGEDP_A_PDR_OHR, 7)), far_with()), E.ERANGE),
        # 3 (GTP-U/UDP/IPv6 in PFCP's numbering of 29.244 8.2.64 is 1;
        # 2-5 are UDP/IP-only removals): valid PFCP, not offered.
        ("PDR ohr 3 (not GTP-U)", newraw(pdr_with(OHR=u8(U.EDGEDP_A_PDR_OHR, 3)), far_with()),
         E.EOPNOTSUPP),
        ("PDR teid 0", newraw(pdr_with(TEID=u32(U.EDGEDP_A_PDR_TEID, 0)), far_with()), E.ERANGE),
        ("PDR id as 4 octets", newraw(pdr_with(ID=u32(U.EDGEDP_A_PDR_ID, 1)), far_with()),
         E.EINVAL),
        ("PDR teid as 2 octets", newraw(pdr_with(TEID=u16(U.EDGEDP_A_PDR_TEID, 1)), far_with()),
         E.EINVAL),
        ("PDR ue4 as 16 octets", newraw(pdr_with(UE4=attr(U.EDGEDP_A_PDR_UE4, bytes(16))),
                                        far_with()), E.EINVAL),
        ("PDR with statistics", newraw(pdr_with(STATS=nest(U.EDGEDP_A_PDR_STATS,
                                                           u64(U.EDGEDP_A_RSTATS_PACKETS, 1))),
                                       far_with()), E.EINVAL),
        ("PDR with an unknown attribute", newraw(pdr_with(_extra=[u32(60, 1)]), far_with()),
         E.EINVAL),
        ("PDR nest without NLA_F_NESTED",
         newraw(attr(U.EDGEDP_A_SESSION_PDR, pdr_with()[4:]), far_with()), E.EINVAL),
        ("FAR without action", newraw(pdr_with(), far_with(ACTION=None)), E.EINVAL),
        ("FAR without id", newraw(pdr_with(), far_with(ID=None)), E.EINVAL),
        ("FAR action drop|forw",
         newraw(pdr_with(), far_with(ACTION=u8(U.EDGEDP_A_FAR_ACTION, 3))), E.EINVAL),
        ("FAR action 0x10 (unknown bit)",
         newraw(pdr_with(), far_with(ACTION=u8(U.EDGEDP_A_FAR_ACTION, 0x10))), E.EINVAL),
        ("FAR teid without peer",
         newraw(pdr_with(), far_with(TEID=u32(U.EDGEDP_A_FAR_TEID, 5))), E.EINVAL),
        ("FAR peer without teid",
         newraw(pdr_with(), far_with(PEER4=attr(U.EDGEDP_A_FAR_PEER4,
                                                socket.inet_aton("10.0.0.2")))), E.EINVAL),
        ("FAR qfi without outer header creation",
         newraw(pdr_with(), far_with(QFI=u8(U.EDGEDP_A_FAR_QFI, 5))), E.EINVAL),
        ("FAR qfi 64", newraw(pdr_with(), far_with(
            TEID=u32(U.EDGEDP_A_FAR_TEID, 5), PEER4=attr(U.EDGEDP_A_FAR_PEER4, bytes(4)),
            QFI=u8(U.EDGEDP_A_FAR_QFI, 64))), E.ERANGE),
        ("FAR dscp 64", newraw(pdr_with(), far_with(
            TEID=u32(U.EDGEDP_A_FAR_TEID, 5), PEER4=attr(U.EDGEDP_A_FAR_PEER4, bytes(4)),
            DSCP=u8(U.EDGEDP_A_FAR_DSCP, 64))), E.ERANGE),
        ("FAR dst-iface 4", newraw(pdr_with(), far_with(
            DST_IFACE=u8(U.EDGEDP_A_FAR_DST_IFACE, 4))), E.ERANGE),
        ("FAR port 0", newraw(pdr_with(), far_with(
            TEID=u32(U.EDGEDP_A_FAR_TEID, 5), PEER4=attr(U.EDGEDP_A_FAR_PEER4, bytes(4)),
            PORT=u16(U.EDGEDP_A_FAR_PORT, 0))), E.ERANGE),
        ("remove-pdr in a new session",
         new(100, GOOD_PDR + " " + GOOD_FAR + " remove-pdr 1"), E.EINVAL),
        ("two PDRs with id 1", new(100, GOOD_PDR + " pdr id 1 precedence 2 src-iface core "
                                   "ue 10.60.0.1 far 1 " + GOOD_FAR), E.EEXIST),
        ("two FARs with id 1", new(100, GOOD_PDR + " " + GOOD_FAR + " " + GOOD_FAR), E.EEXIST),
        ("a PDR whose FAR does not exist", new(100, GOOD_PDR.replace("far 1", "far 7") + " "
                                               + GOOD_FAR), E.ENOENT),
        ("257 PDRs", new(100, " ".join(
            f"pdr id {i} precedence 1 src-iface core ue 10.61.{i // 256}.{i % 256} far 1"
            for i in range(257)) + " " + GOOD_FAR), E.E2BIG),
        ("an unknown top-level attribute", newraw(pdr_with(), far_with(), u32(60, 1)), E.EINVAL),
        ("a PDR naming a missing URR",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_URR_ID, 5)]), far_with()), E.ENOENT),
        ("a PDR naming 5 URRs",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_URR_ID, i) for i in range(5)]), far_with(),
                *[urr(i) for i in range(5)]), E.EINVAL),
        ("a PDR naming URR 1 twice",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_URR_ID, 1)] * 2), far_with(), urr(1)),
         E.EINVAL),
        ("a PDR naming a missing second QER",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_QER_ID, 1), u32(U.EDGEDP_A_PDR_QER_ID, 2)]),
                far_with(), qer(1)), E.ENOENT),
        ("a PDR naming 5 QERs",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_QER_ID, i) for i in range(5)]), far_with(),
                *[qer(i) for i in range(5)]), E.EINVAL),
        ("a PDR naming QER 1 twice",
         newraw(pdr_with(_extra=[u32(U.EDGEDP_A_PDR_QER_ID, 1)] * 2), far_with(), qer(1)),
         E.EINVAL),
        ("URR without id", newraw(pdr_with(), far_with(),
                                  nest(U.EDGEDP_A_SESSION_URR,
                                       u64(U.EDGEDP_A_URR_VOL_THRESH_UL, 1))), E.EINVAL),
        ("URR with counters (read-only)",
         newraw(pdr_with(), far_with(), urr(1, u64(U.EDGEDP_A_URR_UL_PACKETS, 1))), E.EINVAL),
        ("two URRs with id 1", newraw(pdr_with(), far_with(), urr(1), urr(1)), E.EEXIST),
        ("reset-urr in a new session",
         newraw(pdr_with(), far_with(), urr(1), u32(U.EDGEDP_A_SESSION_RESET_URR, 1)), E.EINVAL),
        ("remove-urr in a new session",
         newraw(pdr_with(), far_with(), u32(U.EDGEDP_A_SESSION_REMOVE_URR, 1)), E.EINVAL),
        ("65 URRs", newraw(pdr_with(), far_with(), *[urr(i) for i in range(65)]), E.E2BIG),
    ]
    for name, res, want in cases:
        expect(name, res, want)
    err, ext, _, _ = g.dump(U.EDGEDP_CMD_SESSION_GET)
    log("session-get dump without ifindex: errno + extack", err < 0 and ext != "",
        f"errno {err} extack '{ext}'")
    err, _, msgs, _ = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())
    log("rejected requests left no session behind", err == 0 and not msgs,
        f"errno {err}, {len(msgs)} sessions")


# ---- sessions: keys, modifications -------------------------------------------------

def keys():
    ok("session 1: TEID 0x100, UE 10.60.0.1", new(1, uplink(0x100, "10.60.0.1")))
    expect("session 1 again", new(1, uplink(0x200, "10.60.0.2")), E.EEXIST)
    expect("session 2 with session 1's TEID", new(2, uplink(0x100, "10.60.0.2")), E.EEXIST)
    err, ext, _ = new(2, uplink(0x100, "10.60.0.2"))
    log(f"... whose extack names the TEID ('{ext}')", "TEID" in ext, f"extack '{ext}'")
    expect("session 2 with session 1's UE address", new(2, uplink(0x200, "10.60.0.1")), E.EEXIST)
    ok("session 2: TEID 0x200, UE 10.60.0.2", new(2, uplink(0x200, "10.60.0.2")))
    ok("session 3: UE prefix 2001:db8:60:1::/64",
       new(3, "pdr id 1 precedence 1 src-iface core ue 2001:db8:60:1::/64 far 1 "
              "far id 1 action forw dst-iface access teid 9 peer 10.0.0.2"))
    expect("session 4 with an address inside session 3's /64",
           new(4, "pdr id 1 precedence 1 src-iface core ue 2001:db8:60:1::77/64 far 1 "
                  "far id 1 action forw dst-iface access teid 9 peer 10.0.0.2"), E.EEXIST)
    before = get(2)
    expect("mod session 2 to session 1's TEID",
           mod(2, "pdr id 1 precedence 10 src-iface access teid 0x100 ue 10.60.0.2 "
                  "ohr gtpu-udp-ipv4 far 1"), E.EEXIST)
    log("... session 2 unchanged", get(2) == before, "GET differs")

    # Deleting a session frees its keys.
    ok("session-del 1", delete(1))
    expect("session-del 1 again", delete(1), E.ENOENT)
    expect("session-get of it", req(U.EDGEDP_CMD_SESSION_GET, dev(), seid(1), flags=0), E.ENOENT)
    ok("session 5 reuses session 1's TEID and UE", new(5, uplink(0x100, "10.60.0.1")))
    # Removing a PDR frees its TEID; the UE stays with the other PDR.
    ok("mod session 5: remove-pdr 1 (the TEID's PDR)", mod(5, "remove-pdr 1"))
    ok("session 6 takes TEID 0x100", new(6, "pdr id 1 precedence 1 src-iface access teid 0x100 "
                                            "ohr gtpu-udp-ipv4 far 1 " + GOOD_FAR))
    expect("session 7 wants session 5's UE (still its PDR 2's)",
           new(7, uplink(0x700, "10.60.0.1")), E.EEXIST)


def modify():
    base = uplink(0x800, "10.60.0.8")
    ok("session 8", new(8, base))
    before = get(8)
    expect("session-mod without seid", req(U.EDGEDP_CMD_SESSION_MOD, dev(), *rules(GOOD_FAR)),
           E.EINVAL)
    expect("session-mod of a missing session", mod(999, GOOD_FAR), E.ENOENT)
    expect("mod, mod-flags create, PDR 1 again",
           mod(8, "pdr id 1 precedence 5 src-iface access teid 0x800 ue 10.60.0.8 "
                  "ohr gtpu-udp-ipv4 far 1", mflags(U.EDGEDP_MOD_CREATE)), E.EEXIST)
    expect("mod, mod-flags create, FAR 1 again",
           mod(8, "far id 1 action drop", mflags(U.EDGEDP_MOD_CREATE)), E.EEXIST)
    expect("mod, mod-flags replace, missing PDR 9",
           mod(8, "pdr id 9 precedence 5 src-iface core ue 10.60.0.8 far 1",
               mflags(U.EDGEDP_MOD_REPLACE)), E.ENOENT)
    expect("mod, mod-flags replace, missing FAR 9",
           mod(8, "far id 9 action drop", mflags(U.EDGEDP_MOD_REPLACE)), E.ENOENT)
    expect("mod, mod-flags create|replace",
           mod(8, "far id 9 action drop",
               mflags(U.EDGEDP_MOD_CREATE | U.EDGEDP_MOD_REPLACE)), E.EINVAL)
    expect("mod, mod-flags with an unknown bit (4)",
           mod(8, "far id 9 action drop", mflags(4)), E.EINVAL)
    expect("mod-flags on session-new",
           new(9, GOOD_PDR + " " + GOOD_FAR, mflags(U.EDGEDP_MOD_CREATE)), E.EINVAL)
    expect("mod, NLM_F_EXCL (the genl core refuses nlmsg flags)",
           mod(8, "far id 9 action drop", flags=NLM_F_ACK | NLM_F_EXCL), E.EINVAL, extack=False)
    expect("mod: remove-pdr of a missing id", mod(8, "remove-pdr 77"), E.ENOENT)
    expect("mod: remove-far of a missing id", mod(8, "remove-far 77"), E.ENOENT)
    expect("mod: remove-far of a FAR a PDR uses", mod(8, "remove-far 1"), E.ENOENT)
    expect("mod: a valid change plus a bad removal (all or nothing)",
           mod(8, "far id 1 action drop remove-pdr 77"), E.ENOENT)
    expect("mod: a PDR whose FAR does not exist",
           mod(8, "pdr id 5 precedence 1 src-iface core ue 10.60.0.8 far 55"), E.ENOENT)
    log("after all that, session 8 is unchanged", get(8) == before, "GET differs")
    ok("mod: FAR 1 to drop (no flags: create or replace)", mod(8, "far id 1 action drop"))
    s = decode_session(struct.pack("=BBH", 0, 0, 0) + get(8))
    acts = {f["id"]: f["action"] for f in s["fars"]}
    log("... FAR 1 is drop, FAR 2 untouched", acts == {1: "drop", 2: "forw"}, f"{acts}")
    ok("mod: a new PDR 3", mod(8, "pdr id 3 precedence 1 src-iface core ue 10.60.0.8 far 2"))
    # The mod-flags edgectl's pdr/far add (create), change (replace) and
    # replace (none) send, on ids that exist or not.
    ok("mod, mod-flags replace, existing FAR 1 back to forw",
       mod(8, "far id 1 action forw dst-iface core", mflags(U.EDGEDP_MOD_REPLACE)))
    ok("mod, mod-flags create, a new FAR 4",
       mod(8, "far id 4 action drop", mflags(U.EDGEDP_MOD_CREATE)))
    ok("mod, no mod-flags, a new FAR 5", mod(8, "far id 5 action drop"))
    ok("mod, no mod-flags, the existing FAR 5", mod(8, "far id 5 action forw dst-iface core"))
    ok("mod, mod-flags create, PDR 4 and FAR 6, both new",
       mod(8, "pdr id 4 precedence 1 src-iface core ue 10.60.0.8 far 6 far id 6 action drop",
           mflags(U.EDGEDP_MOD_CREATE)))
    expect("mod, mod-flags create, new FAR 7 with existing FAR 6 (all or nothing)",
           mod(8, "far id 7 action drop far id 6 action drop", mflags(U.EDGEDP_MOD_CREATE)),
           E.EEXIST)
    s = decode_session(struct.pack("=BBH", 0, 0, 0) + get(8))
    log("... FAR 7 was not created", 7 not in [f["id"] for f in s["fars"]], f"{s['fars']}")
    ok("mod: remove-pdr 4, remove-far 6", mod(8, "remove-pdr 4 remove-far 6"))
    # URRs follow the same create/replace/remove rules.
    ok("mod: URR 1 with mod-flags create", mod(8, "", urr(1), mflags(U.EDGEDP_MOD_CREATE)))
    expect("mod: URR 1 again with mod-flags create",
           mod(8, "", urr(1), mflags(U.EDGEDP_MOD_CREATE)), E.EEXIST)
    expect("mod: URR 2 with mod-flags replace", mod(8, "", urr(2), mflags(U.EDGEDP_MOD_REPLACE)),
           E.ENOENT)
    expect("mod: reset-urr 2 (missing)", mod(8, "", u32(U.EDGEDP_A_SESSION_RESET_URR, 2)),
           E.ENOENT)
    ok("mod: reset-urr 1", mod(8, "", u32(U.EDGEDP_A_SESSION_RESET_URR, 1)))
    ok("mod: remove-urr 1", mod(8, "", u32(U.EDGEDP_A_SESSION_REMOVE_URR, 1)))
    expect("mod: remove-urr 1 again", mod(8, "", u32(U.EDGEDP_A_SESSION_REMOVE_URR, 1)),
           E.ENOENT)
    ok("mod: remove-pdr 3", mod(8, "remove-pdr 3"))
    mod(8, "remove-far 4 remove-far 5")
    ok("mod: remove-pdr 1, remove-far 1 together", mod(8, "remove-pdr 1 remove-far 1"))
    s = decode_session(struct.pack("=BBH", 0, 0, 0) + get(8))
    log("... session 8 has PDR 2 and FAR 2 left",
        [p["id"] for p in s["pdrs"]] == [2] and [f["id"] for f in s["fars"]] == [2], f"{s}")
    expect("session-del without seid", req(U.EDGEDP_CMD_SESSION_DEL, dev()), E.EINVAL)
    expect("session-get without seid", req(U.EDGEDP_CMD_SESSION_GET, dev(), flags=0), E.EINVAL)


# ---- dumps ---------------------------------------------------------------------------------

def dumps():
    err, _, msgs, _ = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())
    have = {decode_session(m)["seid"] for m in msgs} if not err else set()
    for i in range(300):
        n = 1000 + i
        res = new(n, uplink(0x10000 + 16 * i, f"10.70.{i // 256}.{i % 256}"))
        if res[0]:
            log(f"creating session {n}", False, f"errno {res[0]} {res[1]}")
            return
    err, ext, msgs, intr = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())
    # Sessions that fit an skb are never split: one message each.
    sessions = [decode_session(m) for m in msgs]
    seids = [s["seid"] for s in sessions]
    want = have | set(range(1000, 1300))
    log(f"session dump: all {len(want)} sessions, each once, one message each",
        err == 0 and not intr and sorted(seids) == sorted(want),
        f"errno {err} '{ext}', interrupted {intr}, {len(seids)} messages, "
        f"{len(set(seids))} distinct, missing {sorted(want - set(seids))[:5]}")
    bad = [s["seid"] for s in sessions if s["seid"] >= 1000 and (
        sorted(p["id"] for p in s["pdrs"]) != [1, 2] or
        sorted(f["id"] for f in s["fars"]) != [1, 2] or
        {p["far"] for p in s["pdrs"]} != {1, 2} or
        [p.get("teid") for p in s["pdrs"] if p["id"] == 1] != [0x10000 + 16 * (s["seid"] - 1000)])]
    log("every dumped session is whole and its own", not bad, f"bad: {bad[:5]}")
    n = sum(1 for s in sessions for p in s["pdrs"] if "stats" in p)
    log("every dumped PDR carries its counters", n == sum(len(s["pdrs"]) for s in sessions),
        f"{n} with stats")

    # A session as big as a session may be: 256 PDRs with IPv6 UE
    # prefixes and counters, 256 FARs with IPv6 peers. It does not fit one
    # dump skb: the kernel splits it across messages (continuations carry
    # ifindex and SEID), and every rule arrives exactly once.
    text = " ".join(f"pdr id {i} precedence {i} src-iface core ue 2001:db8:70:{i:x}::/64 "
                    f"far {i}" for i in range(256))
    text += " " + " ".join(f"far id {i} action forw dst-iface access teid {i + 1} "
                           f"peer 2001:db8::{i + 2:x} qfi 9 dscp 10" for i in range(256))
    if not ok("session 2000: 256 PDRs, 256 FARs", new(2000, text)):
        return
    big = get(2000)
    log(f"session-get of it: one message of {len(big or b'')} octets", big is not None)
    for i in range(5):
        new(2001 + i, uplink(0x30000 + 16 * i, f"10.71.0.{i}"))
    err, ext, msgs, intr = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())
    parts = [decode_session(m) for m in msgs]
    n2000 = [p for p in parts if p["seid"] == 2000]
    log(f"session 2000 is split across {len(n2000)} messages, in a row",
        len(n2000) > 1 and [p["seid"] for p in parts].count(2000) == len(n2000) and
        all(parts[i]["seid"] == 2000 for i in range(parts.index(n2000[0]),
                                                    parts.index(n2000[0]) + len(n2000))),
        f"{len(n2000)} messages")
    sessions = [decode_session(m) for m in merge_sessions(msgs)]
    seids = [s["seid"] for s in sessions]
    want = set(range(1000, 1300)) | {2000, 2001, 2002, 2003, 2004, 2005}
    log("session dump with the 256-rule session: every session once",
        err == 0 and not intr and want <= set(seids) and len(seids) == len(set(seids)),
        f"errno {err} '{ext}' intr {intr}: {len(seids)} sessions, {len(set(seids))} distinct, "
        f"missing {sorted(want - set(seids))[:5]}")
    s = [x for x in sessions if x["seid"] == 2000]
    pdrs = sorted(p["id"] for x in s for p in x["pdrs"])
    fars = sorted(f["id"] for x in s for f in x["fars"])
    log("raw dump: every PDR and FAR of session 2000 exactly once, with its counters",
        pdrs == list(range(256)) and fars == list(range(256)) and
        all("stats" in p and p["far"] == p["id"] for x in s for p in x["pdrs"]),
        f"{len(pdrs)} PDRs ({len(set(pdrs))} distinct), {len(fars)} FARs")
    whole = decode_session(struct.pack("=BBH", 0, 0, 0) + big)
    log("raw dump: session 2000 merged equals session-get of it",
        s and s[0]["pdrs"] == whole["pdrs"] and s[0]["fars"] == whole["fars"], "differs")
    r = subprocess.run([EDGECTL, "-j", "session", "show", "dev", "index", str(IFX), "-s"],
                       capture_output=True, text=True)
    try:
        js = json.loads(r.stdout)
    except ValueError:
        js = []
    e2000 = [x for x in js if x.get("seid") == 2000]
    jseids = [x.get("seid") for x in js]
    log("edgectl -j session show: session 2000 once, 256 PDRs and 256 FARs, each once",
        r.returncode == 0 and len(e2000) == 1 and
        sorted(p["id"] for p in e2000[0]["pdrs"]) == list(range(256)) and
        sorted(f["id"] for f in e2000[0]["fars"]) == list(range(256)) and
        all("stats" in p for p in e2000[0]["pdrs"]) and
        len(jseids) == len(set(jseids)) and want <= set(jseids),
        f"rc {r.returncode} {r.stderr.strip()[:200]}: {len(e2000)} objects for 2000, "
        f"{len(js)} sessions")

    # A dump paused (after its first skb) while the sessions it has not
    # reached yet, its cursor's among them, are deleted: it ends, flagged
    # NLM_F_DUMP_INTR, and the reader knows to retry.
    s = g.sock
    g.dump_start(U.EDGEDP_CMD_SESSION_GET, dev())
    data = s.recv(1 << 16)
    g2 = genl.Genl()
    gone = [1000 + i for i in range(300)] + [2000 + i for i in range(6)]
    errs = [g2.cmd(U.EDGEDP_CMD_SESSION_DEL, dev(), seid(n))[0] for n in gone]
    got_intr, done, seen = False, False, set()
    while True:
        off = 0
        while off + 16 <= len(data):
            mlen, mtype, mflags, _, _ = struct.unpack_from("=IHHII", data, off)
            got_intr |= bool(mflags & NLM_F_DUMP_INTR)
            done |= mtype in (genl.NLMSG_DONE, genl.NLMSG_ERROR)
            if mtype not in (genl.NLMSG_DONE, genl.NLMSG_ERROR):
                seen.add(decode_session(data[off + 16:off + mlen])["seid"])
            off += (mlen + 3) & ~3
        if done:
            break
        data = s.recv(1 << 16)
    log("a dump paused while the sessions ahead of it go: it ends, NLM_F_DUMP_INTR",
        not any(errs) and got_intr and not {2001, 2002, 2003, 2004, 2005} <= seen,
        f"delete errors {[e for e in errs if e][:3]}, intr {got_intr}, {len(seen)} seen")
    g2.sock.close()
    # Put them back for the device deletion with many sessions.
    for i in range(300):
        new(1000 + i, uplink(0x10000 + 16 * i, f"10.70.{i // 256}.{i % 256}"))


# ---- unprivileged -----------------------------------------------------------------------

def unprivileged():
    global IFX, g
    IFX = int(os.environ["EDGEDP_IFINDEX"])
    g = genl.Genl()
    cases = [
        ("ep-new", req(U.EDGEDP_CMD_EP_NEW, *ep("10.0.0.1", port=3000))),
        ("ep-del", req(U.EDGEDP_CMD_EP_DEL, *ep("10.0.0.1"))),
        ("session-new", new(3000, uplink(0x3000, "10.60.30.1"))),
        ("session-mod", mod(5, "far id 1 action drop")),
        ("session-mod with nothing to change", mod(5)),
        ("session-del", delete(5)),
    ]
    for name, res in cases:
        expect(f"unprivileged {name}", res, E.EPERM, extack=False)
    err, _, msgs = req(U.EDGEDP_CMD_SESSION_GET, dev(), seid(5), flags=0)
    log("unprivileged session-get: EPERM", err == -E.EPERM and not msgs, f"errno {err}")
    err, _, msgs, _ = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())
    log("unprivileged session dump: EPERM", err == -E.EPERM and not msgs, f"errno {err}")
    err, _, msgs, _ = g.dump(U.EDGEDP_CMD_EP_GET, dev())
    log("unprivileged endpoint dump: EPERM", err == -E.EPERM and not msgs, f"errno {err}")
    return nltest.failed


def main():
    global g, IFX
    if os.environ.get("EDGEDP_UNPRIV") == "1":
        return unprivileged()

    with nltest.namespace("nl", ["ip", "addr", "add", "10.0.0.1/32", "dev", "lo"],
                          ["ip", "addr", "add", "2001:db8::1/128", "dev", "lo", "nodad"]):
        g = genl.Genl()
        IFX = nltest.dev_new(g, "nl0")
        if IFX is None:
            return 1
        endpoints()
        validation()
        keys()
        modify()
        # Unprivileged, while sessions 2, 3, 5, 6 and 8 exist.
        before = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())[2]
        env = dict(os.environ, EDGEDP_UNPRIV="1", EDGEDP_IFINDEX=str(IFX))
        r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            "--inh-caps=-all", "--bounding-set=-all", sys.executable,
                            os.path.abspath(__file__)], env=env, capture_output=True, text=True)
        sys.stdout.write(r.stdout)
        log("unprivileged run", r.returncode == 0, r.stderr.strip()[-500:])
        after = g.dump(U.EDGEDP_CMD_SESSION_GET, dev())[2]
        log("the unprivileged attempts changed nothing", before == after,
            f"{len(before)} -> {len(after)} sessions")
        dumps()
        err, ext, _ = g.cmd(genl.CMD_DEV_DEL, u32(genl.A_DEV_IFINDEX, IFX))
        log("dev-del with 300+ sessions and endpoints", err == 0, f"errno {err} {ext}")
    return nltest.failed


if __name__ == "__main__":
    sys.exit(main())
