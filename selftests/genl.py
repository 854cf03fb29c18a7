# SPDX-License-Identifier: GPL-2.0
"""
A raw generic netlink client for the selftests: builds requests byte by byte
so tests can send exactly the malformed attributes a buggy or hostile client
would, and returns the kernel's errno and extack message.
"""
import os
import socket
import struct

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NETLINK_CAP_ACK = 10
NETLINK_ADD_MEMBERSHIP = 1

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7


def attr(atype, payload):
    """One netlink attribute, padded to 4 bytes."""
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def u32(atype, v):
    return attr(atype, struct.pack("=I", v))


def u64(atype, v):
    return attr(atype, struct.pack("=Q", v))


def string(atype, s):
    return attr(atype, s.encode() + b"\0")


NLA_F_NESTED = 0x8000


def nest(atype, *attrs):
    return attr(atype | NLA_F_NESTED, b"".join(attrs))


def parse_attrs(buf):
    out = {}
    while len(buf) >= 4:
        alen, atype = struct.unpack_from("=HH", buf)
        if alen < 4:
            break
        out.setdefault(atype & 0x3FFF, []).append(buf[4:alen])
        buf = buf[(alen + 3) & ~3:]
    return out


def nlmsg_err(mtype, mflags, msg):
    """(errno, extack message) of an NLMSG_ERROR, or of an NLMSG_DONE ending a
    dump, from its payload msg."""
    err = struct.unpack_from("=i", msg)[0] if len(msg) >= 4 else 0
    ext = ""
    if mflags & NLM_F_ACK_TLVS:
        # errno (+ the request's nlmsghdr, capped, in an error), then TLVs
        tlv = parse_attrs(msg[4 + (16 if mtype == NLMSG_ERROR else 0):])
        if NLMSGERR_ATTR_MSG in tlv:
            ext = tlv[NLMSGERR_ATTR_MSG][0].rstrip(b"\0").decode()
    return err, ext


class Genl:
    def __init__(self, family="edgedp"):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1
        err, _, msgs = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                    string(CTRL_ATTR_FAMILY_NAME, family), version=1)
        if err:
            raise OSError(-err, f"family {family} not found")
        attrs = parse_attrs(msgs[0][4:])
        self.family = struct.unpack("=H", attrs[CTRL_ATTR_FAMILY_ID][0][:2])[0]
        self.mcgrps = {}
        for grp in parse_attrs(attrs.get(CTRL_ATTR_MCAST_GROUPS, [b""])[0]).values():
            g = parse_attrs(grp[0])
            self.mcgrps[g[1][0].rstrip(b"\0").decode()] = struct.unpack("=I", g[2][0])[0]

    def send(self, family, cmd, payload=b"", flags=NLM_F_ACK, version=1, reserved=0):
        """Send one request, with NLM_F_REQUEST and flags."""
        seq = self.seq
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, reserved) + payload
        self.sock.send(struct.pack("=IHHII", 16 + len(body), family,
                                   NLM_F_REQUEST | flags, seq, 0) + body)

    def _recv(self, single=False):
        """Read replies up to the NLMSG_ERROR or NLMSG_DONE that ends them
        (if single, up to the first without NLM_F_MULTI too): (the last
        one's type, or None for such a reply, its flags and payload, [the
        other replies and such a one], whether one had NLM_F_DUMP_INTR)."""
        replies, intr = [], False
        while True:
            data = self.sock.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                mlen, mtype, mflags, _, _ = struct.unpack_from("=IHHII", data, off)
                msg = data[off + 16:off + mlen]
                off += (mlen + 3) & ~3
                intr |= bool(mflags & NLM_F_DUMP_INTR)
                if mtype in (NLMSG_ERROR, NLMSG_DONE):
                    return mtype, mflags, msg, replies, intr
                replies.append(msg)
                if single and not (mflags & NLM_F_MULTI):
                    return None, mflags, msg, replies, intr

    def request(self, family, cmd, payload=b"", flags=NLM_F_ACK, version=1,
                reserved=0):
        """Send one request; return (errno or 0, extack message, replies)."""
        self.send(family, cmd, payload, flags, version, reserved)
        mtype, mflags, msg, replies, _ = self._recv(single=not (flags & NLM_F_ACK))
        if mtype == NLMSG_ERROR:
            return (*nlmsg_err(mtype, mflags, msg), replies)
        return 0, "", replies

    def cmd(self, cmd, *attrs, **kw):
        return self.request(self.family, cmd, b"".join(attrs), **kw)

    def dump_start(self, cmd, *attrs):
        """Send a dump request of the family; its replies are read from sock."""
        self.send(self.family, cmd, b"".join(attrs), flags=NLM_F_DUMP)

    def dump(self, cmd, *attrs):
        """(errno, extack, [messages], interrupted?) of a dump of the family,
        read part by part: the errno and extack of its NLMSG_ERROR, or of its
        NLMSG_DONE's payload; interrupted if a part had NLM_F_DUMP_INTR."""
        self.dump_start(cmd, *attrs)
        mtype, mflags, msg, msgs, intr = self._recv()
        return (*nlmsg_err(mtype, mflags, msg), msgs, intr)

    def subscribe(self, group):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.mcgrps[group])


# uapi/linux/edgedp.h, as the tests use it
CMD_GET_INFO, CMD_DEV_NEW, CMD_DEV_DEL, CMD_DEV_GET = 1, 2, 3, 4
CMD_DEV_ADD_NTF, CMD_DEV_DEL_NTF = 5, 6
A_INFO_VERSION, A_INFO_GENL_VERSION, A_INFO_FEATURES, A_INFO_DEVICES = 2, 3, 4, 5
A_DEV_IFINDEX, A_DEV_IFNAME, A_DEV_STATS = 2, 3, 4
