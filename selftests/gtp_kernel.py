#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Drive the kernel's own gtp.ko, an independent GTP-U implementation the
selftests use as the gNB (role sgsn) or as a peer UPF (role ggsn). Debian has
no libgtpnl, so this speaks rtnetlink and the "gtp" genl family directly.

  gtp_kernel.py link NAME sgsn|ggsn      create a gtp device whose sockets
                                          the kernel creates (UDP 2152)
  gtp_kernel.py pdp NAME I_TEI O_TEI PEER MS
                                          add a GTPv1 PDP context: packets for
                                          or from MS go to PEER with O_TEI,
                                          packets with I_TEI are accepted
  gtp_kernel.py pdp6 NAME I_TEI O_TEI PEER MS6
                                          the same for an IPv6 MS address
                                          (GTPA_FAMILY AF_INET6, gtp.ko of
                                          Linux 6.10 and later; IPv4 PEER)
  gtp_kernel.py echo NAME PEER            send an Echo Request to PEER
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl  # noqa: E402
from genl import attr, nest, string, u32  # noqa: E402

NETLINK_ROUTE = 0
RTM_NEWLINK = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
IFLA_GTP_PDP_HASHSIZE, IFLA_GTP_ROLE, IFLA_GTP_CREATE_SOCKETS = 3, 4, 5
GTP_CMD_NEWPDP, GTP_CMD_ECHOREQ = 0, 3
GTPA_LINK, GTPA_VERSION, GTPA_PEER_ADDRESS, GTPA_MS_ADDRESS = 1, 2, 4, 5
GTPA_I_TEI, GTPA_O_TEI = 8, 9
GTPA_MS_ADDR6, GTPA_FAMILY = 12, 13


def link_add(name, role):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    sock.bind((0, 0))
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0)
    body += string(IFLA_IFNAME, name)
    body += nest(IFLA_LINKINFO, string(IFLA_INFO_KIND, "gtp"),
                 nest(IFLA_INFO_DATA,
                      u32(IFLA_GTP_ROLE, {"ggsn": 0, "sgsn": 1}[role]),
                      u32(IFLA_GTP_PDP_HASHSIZE, 1024),
                      attr(IFLA_GTP_CREATE_SOCKETS, b"\1")))
    hdr = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK,
                      NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, 0)
    sock.send(hdr + body)
    data = sock.recv(65536)
    err = struct.unpack_from("=i", data, 16)[0]
    if err:
        raise OSError(-err, f"creating gtp link {name}: {os.strerror(-err)}")


def main(argv):
    if len(argv) >= 3 and argv[0] == "link":
        link_add(argv[1], argv[2])
        return 0
    g = genl.Genl("gtp")
    ifindex = socket.if_nametoindex(argv[1])
    if len(argv) == 6 and argv[0] == "pdp":
        err, ext, _ = g.cmd(GTP_CMD_NEWPDP, u32(GTPA_LINK, ifindex), u32(GTPA_VERSION, 1),
                            u32(GTPA_I_TEI, int(argv[2], 0)), u32(GTPA_O_TEI, int(argv[3], 0)),
                            attr(GTPA_PEER_ADDRESS, socket.inet_aton(argv[4])),
                            attr(GTPA_MS_ADDRESS, socket.inet_aton(argv[5])))
    elif len(argv) == 6 and argv[0] == "pdp6":
        err, ext, _ = g.cmd(GTP_CMD_NEWPDP, u32(GTPA_LINK, ifindex), u32(GTPA_VERSION, 1),
                            attr(GTPA_FAMILY, bytes([socket.AF_INET6])),
                            u32(GTPA_I_TEI, int(argv[2], 0)), u32(GTPA_O_TEI, int(argv[3], 0)),
                            attr(GTPA_PEER_ADDRESS, socket.inet_aton(argv[4])),
                            attr(GTPA_MS_ADDR6, socket.inet_pton(socket.AF_INET6, argv[5])))
    elif len(argv) == 3 and argv[0] == "echo":
        err, ext, _ = g.cmd(GTP_CMD_ECHOREQ, u32(GTPA_LINK, ifindex), u32(GTPA_VERSION, 1),
                            attr(GTPA_PEER_ADDRESS, socket.inet_aton(argv[2])))
    else:
        print(__doc__, file=sys.stderr)
        return 1
    if err:
        print(f"gtp_kernel: {argv[0]}: {os.strerror(-err)} {ext}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
