#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Helpers of edgedp_gtpu_peer.sh (GTP-U path supervision):

  peer.py responder ADDR RECOVERY [PORT]
        answer GTP-U Echo Requests on ADDR:PORT (2152) with an Echo Response
        carrying Recovery RECOVERY, the way a GTPv1 node with a real restart
        counter does; runs until killed
  peer.py send-resp DST SRC:SPORT...
        send to DST:2152 one Echo Response from each SRC:SPORT, that nobody
        asked for
  peer.py nl IFINDEX
        bad requests: each must fail with its errno and an extack message
Prints kselftest "TEST: name [ OK ]" lines; exits 1 if one failed.
"""
import errno
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl  # noqa: E402
import nltest  # noqa: E402
import uapi as U  # noqa: E402
from edgecfg import u8, u16  # noqa: E402
from genl import attr, u32  # noqa: E402
from nltest import log  # noqa: E402


def a4(addr):
    return attr(U.EDGEDP_A_PEER_ADDR4, socket.inet_pton(socket.AF_INET, addr))


def a6(addr):
    return attr(U.EDGEDP_A_PEER_ADDR6, socket.inet_pton(socket.AF_INET6, addr))


def family_of(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def responder(addr, recovery, port=2152):
    s = socket.socket(family_of(addr), socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    while True:
        data, peer = s.recvfrom(2048)
        # version 1, PT 1, S set, Echo Request, Length >= 4
        if len(data) < 12 or data[0] & 0xf2 != 0x32 or data[1] != 1:
            continue
        seq = data[8:10]
        s.sendto(bytes([0x32, 2, 0, 6, 0, 0, 0, 0]) + seq + bytes([0, 0, 14, recovery]), peer)


def send_resp(dst, sources):
    for src in sources:
        addr, port = src.rsplit(":", 1)
        s = socket.socket(family_of(addr), socket.SOCK_DGRAM)
        s.bind((addr, int(port)))
        s.sendto(bytes([0x32, 2, 0, 6, 0, 0, 0, 0, 0, 1, 0, 0, 14, 7]), (dst, 2152))
        s.close()


def expect(g, name, want, *attrs, cmd=None):
    return nltest.expect(name, g.cmd(U.EDGEDP_CMD_PEER_NEW if cmd is None else cmd, *attrs),
                         want)


def nl(ifindex):
    g = genl.Genl()
    dev = u32(U.EDGEDP_A_PEER_IFINDEX, ifindex)
    new, dele, get = U.EDGEDP_CMD_PEER_NEW, U.EDGEDP_CMD_PEER_DEL, U.EDGEDP_CMD_PEER_GET
    expect(g, "peer-new without an address", errno.EINVAL, dev)
    expect(g, "peer-new with addr4 and addr6", errno.EINVAL, dev, a4("10.0.5.9"),
           a6("2001:db8:5::9"))
    expect(g, "peer-new interval 99 ms", errno.ERANGE, dev, a4("10.0.5.9"),
           u32(U.EDGEDP_A_PEER_INTERVAL, 99))
    expect(g, "peer-new interval 3600001 ms", errno.ERANGE, dev, a4("10.0.5.9"),
           u32(U.EDGEDP_A_PEER_INTERVAL, 3600001))
    expect(g, "peer-new retries 0", errno.ERANGE, dev, a4("10.0.5.9"),
           u8(U.EDGEDP_A_PEER_RETRIES, 0))
    expect(g, "peer-new retries 17", errno.ERANGE, dev, a4("10.0.5.9"),
           u8(U.EDGEDP_A_PEER_RETRIES, 17))
    expect(g, "peer-new port 0", errno.ERANGE, dev, a4("10.0.5.9"),
           u16(U.EDGEDP_A_PEER_PORT, 0))
    expect(g, "peer-new interval as a u16", errno.EINVAL, dev, a4("10.0.5.9"),
           u16(U.EDGEDP_A_PEER_INTERVAL, 1000))
    expect(g, "peer-new addr6 of 4 bytes", errno.ERANGE, dev,
           attr(U.EDGEDP_A_PEER_ADDR6, b"\1\2\3\4"))
    expect(g, "peer-new with a state (read-only)", errno.EINVAL, dev, a4("10.0.5.9"),
           u8(U.EDGEDP_A_PEER_STATE, 1))
    expect(g, "peer-new with echo-tx (read-only)", errno.EINVAL, dev, a4("10.0.5.9"),
           attr(U.EDGEDP_A_PEER_ECHO_TX, struct.pack("=Q", 1)))
    expect(g, "peer-new multicast 224.0.0.1", errno.EINVAL, dev, a4("224.0.0.1"))
    expect(g, "peer-new unspecified ::", errno.EINVAL, dev, a6("::"))
    expect(g, "peer-new attribute past the maximum", errno.EINVAL, dev, a4("10.0.5.9"),
           u32(U.EDGEDP_A_PEER_MAX + 1, 1))
    expect(g, "peer-new without a device", errno.EINVAL, a4("10.0.5.9"))
    expect(g, "peer-new on a missing device", errno.ENODEV,
           u32(U.EDGEDP_A_PEER_IFINDEX, 999999), a4("10.0.5.9"))
    expect(g, "peer-del of an unknown peer", errno.ENOENT, dev, a4("10.0.5.9"), cmd=dele)
    expect(g, "peer-del with an interval", errno.EINVAL, dev, a4("10.0.5.2"),
           u32(U.EDGEDP_A_PEER_INTERVAL, 1000), cmd=dele)
    expect(g, "peer-get of another port", errno.ENOENT, dev, a4("10.0.5.2"),
           u16(U.EDGEDP_A_PEER_PORT, 2153), cmd=get)
    err, ext, _, _ = g.dump(get)
    log("peer-get dump without a device: EINVAL + extack", err == -errno.EINVAL and ext != "",
        f"errno {err} extack '{ext}'")
    err, ext, _, _ = g.dump(get, u32(U.EDGEDP_A_PEER_IFINDEX, 999999))
    log("peer-get dump of a missing device: ENODEV + extack", err == -errno.ENODEV and ext != "",
        f"errno {err} extack '{ext}'")
    return nltest.failed


def main(argv):
    if argv[:1] == ["responder"] and len(argv) in (3, 4):
        responder(argv[1], int(argv[2]), int(argv[3]) if len(argv) == 4 else 2152)
    elif argv[:1] == ["send-resp"] and len(argv) >= 3:
        send_resp(argv[1], argv[2:])
    elif argv[:1] == ["nl"] and len(argv) == 2:
        return nl(int(argv[1]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
