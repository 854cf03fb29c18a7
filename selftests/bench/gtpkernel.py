#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
The kernel's gtp.ko as the reference UPF of the benchmarks (role ggsn), or
as a gNB (role sgsn). Debian has no libgtpnl: this speaks rtnetlink and the
"gtp" genl family directly (selftests/genl.py).

  gtpkernel.py link NAME ggsn|sgsn [--fd]
      create a gtp device. By default the kernel creates its UDP sockets
      (IFLA_GTP_CREATE_SOCKETS, 5.19+; v0 on 3386, v1 on 2152). With --fd
      (or when the kernel rejects CREATE_SOCKETS) this process creates them,
      passes them in IFLA_GTP_FD0/FD1 and stays in the foreground holding
      them until it is killed: run it in the background then.
  gtpkernel.py pdp NAME I_TEI O_TEI PEER MS
      add a GTPv1 PDP context: packets routed to MS leave with O_TEI toward
      PEER; G-PDUs with I_TEI (and, as ggsn, inner source MS) are accepted.
  gtpkernel.py pdp-bulk NAME COUNT PEER
      add COUNT more contexts toward PEER, i = 0..COUNT-1: I_TEI 0x1000000+i,
      O_TEI 0x2000000+i, MS 10.128.0.0+i (one genl socket, acked one by one)
"""
import errno
import os
import signal
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import genl  # noqa: E402
from genl import attr, nest, string, u32  # noqa: E402

NETLINK_ROUTE = 0
RTM_NEWLINK = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
IFLA_GTP_FD0, IFLA_GTP_FD1, IFLA_GTP_PDP_HASHSIZE, IFLA_GTP_ROLE = 1, 2, 3, 4
IFLA_GTP_CREATE_SOCKETS = 5
GTP_CMD_NEWPDP = 0
GTPA_LINK, GTPA_VERSION, GTPA_PEER_ADDRESS, GTPA_MS_ADDRESS = 1, 2, 4, 5
GTPA_I_TEI, GTPA_O_TEI = 8, 9
ROLES = {"ggsn": 0, "sgsn": 1}


def newlink(name, data):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    sock.bind((0, 0))
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0)
    body += string(IFLA_IFNAME, name)
    body += nest(IFLA_LINKINFO, string(IFLA_INFO_KIND, "gtp"),
                 nest(IFLA_INFO_DATA, *data))
    hdr = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK,
                      NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, 0)
    sock.send(hdr + body)
    data = sock.recv(65536)
    sock.close()
    return struct.unpack_from("=i", data, 16)[0]


def udp_socket(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    return s


def link(name, role, use_fd):
    common = [u32(IFLA_GTP_ROLE, ROLES[role]), u32(IFLA_GTP_PDP_HASHSIZE, 1024)]
    if not use_fd:
        err = newlink(name, common + [attr(IFLA_GTP_CREATE_SOCKETS, b"\1")])
        if err == 0:
            return 0
        if err not in (-errno.EINVAL, -errno.EOPNOTSUPP):
            raise OSError(-err, f"creating gtp link {name}: {os.strerror(-err)}")
    s0, s1 = udp_socket(3386), udp_socket(2152)
    err = newlink(name, common + [u32(IFLA_GTP_FD0, s0.fileno()),
                                  u32(IFLA_GTP_FD1, s1.fileno())])
    if err:
        raise OSError(-err, f"creating gtp link {name}: {os.strerror(-err)}")
    # The link uses these sockets for as long as they are open.
    print(f"gtpkernel: {name} up, holding its sockets (pid {os.getpid()})", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


def pdp(name, i_tei, o_tei, peer, ms):
    g = genl.Genl("gtp")
    err, ext, _ = g.cmd(GTP_CMD_NEWPDP, u32(GTPA_LINK, socket.if_nametoindex(name)),
                        u32(GTPA_VERSION, 1), u32(GTPA_I_TEI, i_tei),
                        u32(GTPA_O_TEI, o_tei),
                        attr(GTPA_PEER_ADDRESS, socket.inet_aton(peer)),
                        attr(GTPA_MS_ADDRESS, socket.inet_aton(ms)))
    if err:
        raise OSError(-err, f"gtp pdp on {name}: {os.strerror(-err)} {ext}")


def pdp_bulk(name, count, peer):
    g = genl.Genl("gtp")
    link = u32(GTPA_LINK, socket.if_nametoindex(name))
    peer = attr(GTPA_PEER_ADDRESS, socket.inet_aton(peer))
    base = struct.unpack("!I", socket.inet_aton("10.128.0.0"))[0]
    for i in range(count):
        err, ext, _ = g.cmd(GTP_CMD_NEWPDP, link, u32(GTPA_VERSION, 1),
                            u32(GTPA_I_TEI, 0x1000000 + i), u32(GTPA_O_TEI, 0x2000000 + i),
                            peer, attr(GTPA_MS_ADDRESS, struct.pack("!I", base + i)))
        if err:
            raise OSError(-err, f"gtp pdp {i} on {name}: {os.strerror(-err)} {ext}")


def main(argv):
    if len(argv) in (3, 4) and argv[0] == "link" and argv[2] in ROLES:
        return link(argv[1], argv[2], len(argv) == 4 and argv[3] == "--fd")
    if len(argv) == 4 and argv[0] == "pdp-bulk":
        pdp_bulk(argv[1], int(argv[2], 0), argv[3])
        return 0
    if len(argv) == 6 and argv[0] == "pdp":
        pdp(argv[1], int(argv[2], 0), int(argv[3], 0), argv[4], argv[5])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except OSError as e:
        print(f"gtpkernel: {e}", file=sys.stderr)
        sys.exit(1)
