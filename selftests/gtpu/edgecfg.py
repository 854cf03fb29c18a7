# SPDX-License-Identifier: GPL-2.0
"""
edgedp's GTP-U objects over raw generic netlink (selftests/genl.py), for
tests that need what edgectl will not do: build requests from edgectl's
rule grammar and then break them, read counters many times a second, decode
replies attribute by attribute.

  rules("pdr id 1 precedence 1 src-iface access teid 5 ohr gtpu-udp-ipv4 far 1 "
        "far id 1 action forw")          -> [PDR nest, FAR nest] attributes
  dev_stats(ifname)                      -> {"rx_packets", ..., "drops": {name: n}}
  session_show(ifname, seid=None)        -> [{"seid", "pdrs", "fars"}] as edgectl -j
  decode_session(msg)

  PDR := pdr id ID precedence P src-iface access|core|dn|cp far FARID [teid TEID]
         [local ADDR] [ue ADDR[/PLEN]] [qfi Q] [ohr gtpu-udp-ipv4|gtpu-udp-ipv6|gtpu-udp-ip]
  FAR := far id ID action forw|drop|buff[,nocp] [dst-iface IFACE]
         [teid TEID peer ADDR [port PORT] [qfi Q] [dscp D]]
  also: remove-pdr ID, remove-far ID

The netlink socket (g()) belongs to the namespace it was made in: reset()
before using it from another one.
"""
import ipaddress
import os
import socket
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import genl  # noqa: E402
import uapi as U  # noqa: E402
from genl import attr, nest, parse_attrs, u32, u64  # noqa: E402

IFACES = {"access": U.EDGEDP_IFACE_ACCESS, "core": U.EDGEDP_IFACE_CORE,
          "dn": U.EDGEDP_IFACE_DN, "cp": U.EDGEDP_IFACE_CP}
ROLES = {"any": U.EDGEDP_EP_ANY, "n3": U.EDGEDP_EP_N3, "n9": U.EDGEDP_EP_N9}
OHRS = {"gtpu-udp-ipv4": U.EDGEDP_OHR_GTPU_UDP_IPV4,
        "gtpu-udp-ipv6": U.EDGEDP_OHR_GTPU_UDP_IPV6,
        "gtpu-udp-ip": U.EDGEDP_OHR_GTPU_UDP_IP}
ACTIONS = {"drop": U.EDGEDP_FAR_DROP, "forw": U.EDGEDP_FAR_FORW,
           "buff": U.EDGEDP_FAR_BUFF, "nocp": U.EDGEDP_FAR_NOCP}
NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE = 0x100, 0x200, 0x400


class Usage(Exception):
    pass


class KernelError(Exception):
    def __init__(self, err, ext):
        super().__init__(f"{os.strerror(-err)}{': ' + ext if ext else ''}")
        self.err = err
        self.ext = ext


def u8(atype, v):
    return attr(atype, struct.pack("=B", v))


def u16(atype, v):
    return attr(atype, struct.pack("=H", v))


def addr_attr(a4, a6, text):
    ip = ipaddress.ip_address(text)
    return attr(a4 if ip.version == 4 else a6, ip.packed)


def num(s):
    try:
        return int(s, 0)
    except ValueError:
        raise Usage(f'invalid number "{s}"') from None


def ifindex(name):
    try:
        return socket.if_nametoindex(name)
    except OSError:
        raise KernelError(-19, f"no device {name}") from None


class Args:
    def __init__(self, argv):
        self.a = list(argv)

    def more(self):
        return bool(self.a)

    def peek(self):
        return self.a[0] if self.a else None

    def next(self, what="an argument"):
        if not self.a:
            raise Usage(f"missing {what}")
        return self.a.pop(0)

    def expect(self, kw):
        w = self.next(kw)
        if w != kw:
            raise Usage(f'expected "{kw}", got "{w}"')
        return self.next(f"the value of {kw}")


def parse_pdr(a):
    out = []
    seen = set()
    while a.more() and a.peek() not in ("pdr", "remove-pdr", "remove-far") and \
            not (a.peek() == "far" and len(a.a) > 1 and a.a[1] == "id"):
        kw = a.next()
        if kw in seen:
            raise Usage(f'duplicate "{kw}"')
        seen.add(kw)
        v = a.next(f"the value of {kw}")
        if kw == "id":
            out.append(u16(U.EDGEDP_A_PDR_ID, num(v)))
        elif kw == "precedence":
            out.append(u32(U.EDGEDP_A_PDR_PRECEDENCE, num(v)))
        elif kw == "src-iface":
            if v not in IFACES:
                raise Usage(f'invalid src-iface "{v}"')
            out.append(u8(U.EDGEDP_A_PDR_SRC_IFACE, IFACES[v]))
        elif kw == "far":
            out.append(u32(U.EDGEDP_A_PDR_FAR_ID, num(v)))
        elif kw == "teid":
            out.append(u32(U.EDGEDP_A_PDR_TEID, num(v)))
        elif kw == "local":
            out.append(addr_attr(U.EDGEDP_A_PDR_LOCAL4, U.EDGEDP_A_PDR_LOCAL6, v))
        elif kw == "ue":
            addr, _, plen = v.partition("/")
            out.append(addr_attr(U.EDGEDP_A_PDR_UE4, U.EDGEDP_A_PDR_UE6, addr))
            if plen:
                out.append(u8(U.EDGEDP_A_PDR_UE6_PLEN, num(plen)))
        elif kw == "qfi":
            out.append(u8(U.EDGEDP_A_PDR_QFI, num(v)))
        elif kw == "ohr":
            if v not in OHRS:
                raise Usage(f'invalid ohr "{v}"')
            out.append(u8(U.EDGEDP_A_PDR_OHR, OHRS[v]))
        else:
            raise Usage(f'unknown PDR keyword "{kw}"')
    return nest(U.EDGEDP_A_SESSION_PDR, *out)


def parse_far(a):
    out = []
    seen = set()
    while a.more() and a.peek() not in ("pdr", "far", "remove-pdr", "remove-far"):
        kw = a.next()
        if kw in seen:
            raise Usage(f'duplicate "{kw}"')
        seen.add(kw)
        v = a.next(f"the value of {kw}")
        if kw == "id":
            out.append(u32(U.EDGEDP_A_FAR_ID, num(v)))
        elif kw == "action":
            bits = 0
            for w in v.split(","):
                if w not in ACTIONS:
                    raise Usage(f'invalid action "{w}"')
                bits |= ACTIONS[w]
            out.append(u8(U.EDGEDP_A_FAR_ACTION, bits))
        elif kw == "dst-iface":
            if v not in IFACES:
                raise Usage(f'invalid dst-iface "{v}"')
            out.append(u8(U.EDGEDP_A_FAR_DST_IFACE, IFACES[v]))
        elif kw == "teid":
            out.append(u32(U.EDGEDP_A_FAR_TEID, num(v)))
        elif kw == "peer":
            out.append(addr_attr(U.EDGEDP_A_FAR_PEER4, U.EDGEDP_A_FAR_PEER6, v))
        elif kw == "port":
            out.append(u16(U.EDGEDP_A_FAR_PORT, num(v)))
        elif kw == "qfi":
            out.append(u8(U.EDGEDP_A_FAR_QFI, num(v)))
        elif kw == "dscp":
            out.append(u8(U.EDGEDP_A_FAR_DSCP, num(v)))
        else:
            raise Usage(f'unknown FAR keyword "{kw}"')
    return nest(U.EDGEDP_A_SESSION_FAR, *out)


def rules(text, allow_remove=True):
    """Attributes of a session request from edgectl's rule grammar."""
    return parse_rules(Args(text.split()), allow_remove)


def parse_rules(a, allow_remove):
    out = []
    while a.more():
        kw = a.next()
        if kw == "pdr":
            out.append(parse_pdr(a))
        elif kw == "far":
            out.append(parse_far(a))
        elif kw == "remove-pdr" and allow_remove:
            out.append(u16(U.EDGEDP_A_SESSION_REMOVE_PDR, num(a.next("a PDR id"))))
        elif kw == "remove-far" and allow_remove:
            out.append(u32(U.EDGEDP_A_SESSION_REMOVE_FAR, num(a.next("a FAR id"))))
        else:
            raise Usage(f'unexpected "{kw}"')
    return out


_genl = None


def g():
    global _genl
    if _genl is None:
        _genl = genl.Genl()
    return _genl


def reset():
    """Forget the netlink socket (its namespace is fixed at creation)."""
    global _genl
    if _genl is not None:
        _genl.sock.close()
    _genl = None


def check(res):
    err, ext, msgs = res
    if err:
        raise KernelError(err, ext)
    return msgs


# ---- decoding replies ------------------------------------------------------

def _u(b):
    return int.from_bytes(b[:{1: 1, 2: 2, 4: 4, 8: 8}.get(len(b), len(b))], sys.byteorder)


def _addr(b):
    return str(ipaddress.ip_address(bytes(b[:16] if len(b) >= 16 else b[:4])))


def _name(table, v):
    for k, n in table.items():
        if n == v:
            return k
    return str(v)


def _rstats(b):
    t = parse_attrs(b)
    return {"packets": _u(t[U.EDGEDP_A_RSTATS_PACKETS][0]),
            "bytes": _u(t[U.EDGEDP_A_RSTATS_BYTES][0])}


def decode_pdr(b, stats):
    t = parse_attrs(b)
    p = {"id": _u(t[U.EDGEDP_A_PDR_ID][0]),
         "precedence": _u(t[U.EDGEDP_A_PDR_PRECEDENCE][0]),
         "src-iface": _name(IFACES, _u(t[U.EDGEDP_A_PDR_SRC_IFACE][0]))}
    if U.EDGEDP_A_PDR_TEID in t:
        p["teid"] = _u(t[U.EDGEDP_A_PDR_TEID][0])
    if U.EDGEDP_A_PDR_OHR in t:
        p["ohr"] = _name(OHRS, _u(t[U.EDGEDP_A_PDR_OHR][0]))
    if U.EDGEDP_A_PDR_LOCAL4 in t:
        p["local"] = _addr(t[U.EDGEDP_A_PDR_LOCAL4][0])
    if U.EDGEDP_A_PDR_LOCAL6 in t:
        p["local"] = _addr(t[U.EDGEDP_A_PDR_LOCAL6][0])
    if U.EDGEDP_A_PDR_UE4 in t:
        p["ue"] = _addr(t[U.EDGEDP_A_PDR_UE4][0])
    if U.EDGEDP_A_PDR_UE6 in t:
        p["ue"] = f"{_addr(t[U.EDGEDP_A_PDR_UE6][0])}/{_u(t[U.EDGEDP_A_PDR_UE6_PLEN][0])}"
    p["far"] = _u(t[U.EDGEDP_A_PDR_FAR_ID][0])
    if U.EDGEDP_A_PDR_QFI in t:
        p["qfi"] = _u(t[U.EDGEDP_A_PDR_QFI][0])
    if stats and U.EDGEDP_A_PDR_STATS in t:
        p["stats"] = _rstats(t[U.EDGEDP_A_PDR_STATS][0])
    return p


def decode_far(b):
    t = parse_attrs(b)
    act = _u(t[U.EDGEDP_A_FAR_ACTION][0])
    f = {"id": _u(t[U.EDGEDP_A_FAR_ID][0]),
         "action": ",".join(k for k, v in ACTIONS.items() if act & v),
         "dst-iface": _name(IFACES, _u(t[U.EDGEDP_A_FAR_DST_IFACE][0]))}
    if U.EDGEDP_A_FAR_TEID in t:
        f["teid"] = _u(t[U.EDGEDP_A_FAR_TEID][0])
    for a in (U.EDGEDP_A_FAR_PEER4, U.EDGEDP_A_FAR_PEER6):
        if a in t:
            f["peer"] = _addr(t[a][0])
    if U.EDGEDP_A_FAR_PORT in t:
        f["port"] = _u(t[U.EDGEDP_A_FAR_PORT][0])
    if U.EDGEDP_A_FAR_QFI in t:
        f["qfi"] = _u(t[U.EDGEDP_A_FAR_QFI][0])
    if U.EDGEDP_A_FAR_DSCP in t:
        f["dscp"] = _u(t[U.EDGEDP_A_FAR_DSCP][0])
    return f


def decode_session(msg, stats=True):
    t = parse_attrs(msg[4:])
    return {"ifindex": _u(t[U.EDGEDP_A_SESSION_IFINDEX][0]),
            "seid": _u(t[U.EDGEDP_A_SESSION_SEID][0]),
            "pdrs": [decode_pdr(b, stats) for b in t.get(U.EDGEDP_A_SESSION_PDR, [])],
            "fars": [decode_far(b) for b in t.get(U.EDGEDP_A_SESSION_FAR, [])]}


def merge_sessions(msgs):
    """Session dump messages with each session whole: the kernel splits a
    session too big for one message across several in a row, continuations
    carrying IFINDEX, SEID and the rules left (which are appended here)."""
    out, key = [], None
    for m in msgs:
        t = parse_attrs(m[4:])
        k = (t[U.EDGEDP_A_SESSION_IFINDEX][0], t[U.EDGEDP_A_SESSION_SEID][0])
        if k != key:
            out.append(m)
            key = k
            continue
        rest, buf = b"", m[4:]
        while len(buf) >= 4:
            alen, atype = struct.unpack_from("=HH", buf)
            step = (alen + 3) & ~3
            if (atype & 0x3FFF) not in (U.EDGEDP_A_SESSION_IFINDEX, U.EDGEDP_A_SESSION_SEID,
                                        U.EDGEDP_A_SESSION_PAD):
                rest += buf[:alen] + bytes(step - alen)
            buf = buf[step:]
        prev = out[-1]
        out[-1] = prev + bytes(((len(prev) + 3) & ~3) - len(prev)) + rest
    return out


def decode_ep(msg):
    t = parse_attrs(msg[4:])
    a = t.get(U.EDGEDP_A_EP_ADDR4) or t.get(U.EDGEDP_A_EP_ADDR6)
    return {"ifindex": _u(t[U.EDGEDP_A_EP_IFINDEX][0]), "addr": _addr(a[0]),
            "port": _u(t[U.EDGEDP_A_EP_PORT][0]),
            "role": _name(ROLES, _u(t[U.EDGEDP_A_EP_ROLE][0]))}


# ---- library -----------------------------------------------------------------

def dev_stats(ifname):
    """Counters of an edgedp device: rx/tx packets/bytes, drops by name."""
    msgs = check(g().cmd(genl.CMD_DEV_GET, genl.string(genl.A_DEV_IFNAME, ifname)))
    t = parse_attrs(msgs[0][4:])
    s = parse_attrs(t[genl.A_DEV_STATS][0])
    names = U.drop_names()
    drops = {}
    for k, v in parse_attrs(s.get(U.EDGEDP_A_STATS_DROPS, [b""])[0]).items():
        if k:
            drops[names.get(k, f"reason-{k}")] = _u(v[0])
    return {"rx_packets": _u(s[U.EDGEDP_A_STATS_RX_PACKETS][0]),
            "rx_bytes": _u(s[U.EDGEDP_A_STATS_RX_BYTES][0]),
            "tx_packets": _u(s[U.EDGEDP_A_STATS_TX_PACKETS][0]),
            "tx_bytes": _u(s[U.EDGEDP_A_STATS_TX_BYTES][0]),
            "drops": drops}


def session_show(ifname, seid=None, stats=True):
    idx = u32(U.EDGEDP_A_SESSION_IFINDEX, ifindex(ifname))
    if seid is None:
        msgs = check(g().cmd(U.EDGEDP_CMD_SESSION_GET, idx, flags=genl.NLM_F_DUMP))
    else:
        msgs = check(g().cmd(U.EDGEDP_CMD_SESSION_GET, idx,
                             u64(U.EDGEDP_A_SESSION_SEID, seid), flags=0))
    return [decode_session(m, stats) for m in merge_sessions(msgs)]
