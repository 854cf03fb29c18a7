# SPDX-License-Identifier: GPL-2.0
"""
GTP-U messages (TS 29.281) byte by byte, for tests that need headers scapy
would not write: any flags, a Length that lies, extension header chains of
any type, length and termination. And the outer Ethernet/IP/UDP, written
with struct so that thousands of fuzzed packets build quickly under TCG.
"""
import functools
import ipaddress
import struct

GPDU, END_MARKER, ECHO_REQ, ECHO_RESP = 255, 254, 1, 2
EXT_PSC = 0x85
PSC_DL, PSC_UL = 0, 1


def ext(etype, content=b"", words=None, length=None):
    """
    One extension header as (type, bytes without the next-type octet):
    length octet, content padded to 4 * words - 2 octets. @length overrides
    the length octet (to lie about it).
    """
    if words is None:
        words = max(1, (len(content) + 2 + 3) // 4)
    body = content.ljust(4 * words - 2, b"\0")[:4 * words - 2]
    n = words if length is None else length
    return (etype, bytes([n & 0xff]) + body)


def psc(pdu_type, qfi, rqi=False, ppi=None):
    """A PDU Session Container (TS 38.415 5.5.2), as ext() returns it."""
    b1 = pdu_type << 4
    b2 = qfi & 0x3f
    if pdu_type == PSC_DL:
        b2 |= (0x40 if rqi else 0) | (0x80 if ppi is not None else 0)
    if ppi is not None:
        return ext(EXT_PSC, bytes([b1, b2, ppi << 5]), words=2)
    return ext(EXT_PSC, bytes([b1, b2]), words=1)


def gtpu(teid, payload=b"", mtype=GPDU, exts=(), seq=None, npdu=None,
         version=1, pt=1, spare=0, e=None, s=None, pn=None, length=None,
         last_next=0, first_next=None):
    """
    A GTP-U message. The optional field is present when any of E, S, PN is
    set (E defaults to "exts given", S to "seq given", PN to "npdu given").
    Each extension header's next-type octet names the following one; the
    last names @last_next. @length overrides the Length field.
    """
    e = bool(exts) if e is None else e
    s = seq is not None if s is None else s
    pn = npdu is not None if pn is None else pn
    flags = (version << 5) | (pt << 4) | (spare << 3) | (e << 2) | (s << 1) | pn
    opt = b""
    if e or s or pn:
        nxt = first_next if first_next is not None else (exts[0][0] if exts else 0)
        opt = struct.pack("!HBB", seq or 0, npdu or 0, nxt)
    chain = b""
    for i, (_, body) in enumerate(exts):
        nxt = exts[i + 1][0] if i + 1 < len(exts) else last_next
        chain += body + bytes([nxt])
    rest = opt + chain + bytes(payload)
    ln = len(rest) if length is None else length
    return struct.pack("!BBHI", flags, mtype, ln & 0xffff, teid & 0xffffffff) + rest


# ---- outer headers -------------------------------------------------------------

def _csum(data):
    """
    The Internet checksum. The one's complement sum of 16-bit words is the
    number they form modulo 0xffff (a sum of 0xffff comes out as 0: the
    other zero of one's complement, which receivers accept alike).
    """
    if len(data) % 2:
        data += b"\0"
    return ~(int.from_bytes(data, "big") % 0xffff) & 0xffff


@functools.lru_cache(maxsize=64)
def _ip(text):
    return ipaddress.ip_address(text)


def mac(text):
    return bytes(int(x, 16) for x in text.split(":"))


def udp_frame(src_mac, dst_mac, src, dst, sport, dport, payload, ttl=64, tos=0):
    """Ethernet + IPv4 or IPv6 + UDP with correct checksums, as bytes."""
    s, d = _ip(src), _ip(dst)
    ulen = 8 + len(payload)
    if s.version == 4:
        pseudo = s.packed + d.packed + struct.pack("!BBH", 0, 17, ulen)
    else:
        pseudo = s.packed + d.packed + struct.pack("!IxxxB", ulen, 17)
    udp = struct.pack("!HHHH", sport, dport, ulen, 0) + bytes(payload)
    c = _csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    if s.version == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + ulen, 0, 0x4000, ttl, 17, 0,
                         s.packed, d.packed)
        ip = ip[:10] + struct.pack("!H", _csum(ip)) + ip[12:]
        etype = 0x0800
    else:
        ip = struct.pack("!IHBB16s16s", (6 << 28) | (tos << 20), ulen, 17, ttl,
                         s.packed, d.packed)
        etype = 0x86dd
    return dst_mac + src_mac + struct.pack("!H", etype) + ip + udp


def ip_udp(src, dst, sport, dport, payload, ttl=64, tos=0):
    """An inner IPv4 or IPv6 + UDP packet (what a UE sends), as bytes."""
    return udp_frame(b"", b"", src, dst, sport, dport, payload, ttl, tos)[2:]


def forwarded(ip):
    """@ip as a router forwards it: TTL/hop limit less one, checksum fixed."""
    ip = bytearray(ip)
    if ip[0] >> 4 == 4:
        ip[8] -= 1
        ip[10:12] = b"\0\0"
        hl = (ip[0] & 0xf) * 4
        ip[10:12] = struct.pack("!H", _csum(bytes(ip[:hl])))
    else:
        ip[7] -= 1
    return bytes(ip)


# ---- reading frames --------------------------------------------------------------

def l3(frame):
    """(version, IP packet bytes trimmed to its own length) of a frame, or None."""
    et = struct.unpack_from("!H", frame, 12)[0] if len(frame) >= 14 else 0
    p = frame[14:]
    if et == 0x0800 and len(p) >= 20:
        return 4, p[:struct.unpack_from("!H", p, 2)[0]]
    if et == 0x86dd and len(p) >= 40:
        return 6, p[:40 + struct.unpack_from("!H", p, 4)[0]]
    return None


def udp_of(frame):
    """(src, dst, sport, dport, payload) of a UDP frame, or None."""
    r = l3(frame)
    if not r:
        return None
    v, p = r
    if v == 4:
        if p[9] != 17 or (struct.unpack_from("!H", p, 6)[0] & 0x3fff):
            return None
        hl = (p[0] & 0xf) * 4
        src, dst = str(ipaddress.ip_address(p[12:16])), str(ipaddress.ip_address(p[16:20]))
    else:
        if p[6] != 17:
            return None
        hl = 40
        src, dst = str(ipaddress.ip_address(p[8:24])), str(ipaddress.ip_address(p[24:40]))
    u = p[hl:]
    if len(u) < 8:
        return None
    sport, dport, ulen = struct.unpack_from("!HHH", u)
    return src, dst, sport, dport, u[8:ulen]
