# SPDX-License-Identifier: GPL-2.0
"""
The packet side of edgedp_ulcl6.sh, run by agent.py: scapy is the gNB (the
kernel's gtp.ko carries no IPv6 inner packets), the MEC app and the
internet host send and capture raw frames on their veths; the N9 link is
captured at the PSA. The shell script configures both edgedp instances and
checks their counters and tshark's view; each function here sends,
captures and checks the packets themselves, byte for byte.

env (from the script's "set"): GNB IUPF MEC PSA INET (namespaces), UE MEC6
INET6 (IPv6 addresses), MAC_* (the veths' fixed MACs), TEID_* (N3 up and
down, N9 up and down), QFI_UL QFI_DL.
"""
import struct

from scapy.contrib.gtp import GTP_U_Header, GTPPDUSessionContainer
from scapy.layers.inet import UDP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrDestOpt
from scapy.packet import Raw

import gtpumsg as M
from netns import Port, Sink

env = {}
P = {}
SINKS = []
PORT = 9000
_serial = [0]


def setup():
    """Capture sockets on the gNB, MEC, internet and PSA N9 veths."""
    P["gnb"] = Port(env["GNB"], "g0")
    P["mec"] = Port(env["MEC"], "m0")
    P["inet"] = Port(env["INET"], "i0")
    P["n9"] = Port(env["PSA"], "n9")
    # Nobody answers ICMP: what arrives is swallowed by a socket.
    SINKS.append(Sink(env["MEC"], PORT))
    SINKS.append(Sink(env["INET"], PORT))
    SINKS.append(Sink(env["GNB"], 2152))


def flush():
    for p in P.values():
        p.flush()
    for s in SINKS:
        s.flush()


def _payload(size, tag):
    _serial[0] += 1
    head = tag + struct.pack("!I", _serial[0])
    return head + bytes((i * 7 + _serial[0]) & 0xff for i in range(max(0, size - len(head))))


def _mac(name):
    return M.mac(env["MAC_" + name])


def _is_gtpu(src, dst):
    def match(f):
        u = M.udp_of(f)
        return u is not None and u[0] == src and u[1] == dst and u[3] == 2152 and \
            len(u[4]) >= 8 and u[4][1] == M.GPDU
    return match


def _is_sink(dst):
    """An IPv6 packet to @dst other than ICMPv6 (extension headers allowed)."""
    a = M._ip(dst).packed

    def match(f):
        r = M.l3(f)
        return r is not None and r[0] == 6 and r[1][24:40] == a and r[1][6] != 58
    return match


def _inner_of(gtp, what):
    """The inner packet of a G-PDU (bytes) and its PSC (type, QFI) or None."""
    h = GTP_U_Header(gtp)
    assert h.version == 1 and h.PT == 1 and h.gtp_type == 255, f"{what}: header {gtp[:8].hex()}"
    assert h.length == len(gtp) - 8, f"{what}: length {h.length} for {len(gtp)} octets"
    if not gtp[0] & 0x07:
        return h.teid, gtp[8:], None
    assert h.E == 1 and h.next_ex == 0x85, f"{what}: no PSC: {gtp[:16].hex()}"
    c = h.payload
    assert isinstance(c, GTPPDUSessionContainer), f"{what}: {gtp[:16].hex()}"
    hl = 12 + 4 * gtp[12]
    assert gtp[hl - 1] == 0, f"{what}: chain not terminated: {gtp[:hl].hex()}"
    return h.teid, gtp[hl:], (c.type, c.QFI)


def _nothing(port, match, what):
    late = P[port].capture(match, 1, 0.3)
    assert not late, f"{what}: unexpected {late[0].hex()}"


def uplink(to, count="10", size="100"):
    """
    The UE sends @count UDP packets to the MEC app (@to mec) or to the
    internet host (@to inet) in G-PDUs with TEID_UL and a PSC (UL, QFI_UL).
    mec: each arrives at the MEC app once, byte for byte as the I-UPF routes
    it (hop limit less one), and none crosses N9. Source ports cycle through
    5000-5003; the packets from odd ports carry a Destination Options
    header, which the classifier must skip to read the ports (the script's
    second breakout filter matches port 5003 only). inet: each crosses N9
    once, TEID_N9UL, PSC kept, inner unchanged, then reaches the internet
    host as the PSA routes it; none reaches the MEC app.
    """
    flush()
    n, sz = int(count), int(size)
    dst = env["MEC6"] if to == "mec" else env["INET6"]
    qfi = int(env["QFI_UL"])
    # scapy writes the G-PDUs (GTP-U, PSC, IPv6, UDP), gtpumsg the outer header.
    sent, frames = [], []
    for i in range(n):
        ip6 = IPv6(src=env["UE"], dst=dst, hlim=64)
        if i % 2:
            ip6 = ip6 / IPv6ExtHdrDestOpt()
        pkt = (GTP_U_Header(teid=int(env["TEID_UL"], 0), gtp_type=255, E=1, next_ex=0x85) /
               GTPPDUSessionContainer(type=1, QFI=qfi) / ip6 /
               UDP(sport=5000 + i % 4, dport=PORT) /
               Raw(_payload(sz + 13 * i, b"UL6" + to[0].encode())))
        raw = bytes(pkt)
        assert raw[12:16] == bytes([1, 0x10, qfi, 0]), f"scapy wrote {raw[:16].hex()}"
        sent.append(bytes(pkt[IPv6]))
        frames.append(M.udp_frame(_mac("GNB"), _mac("N3"), "10.0.3.1", "10.0.3.2",
                                  2152, 2152, raw))
    P["gnb"].send(frames)
    want = [M.forwarded(p) for p in sent]
    if to == "mec":
        got = [M.l3(f)[1] for f in P["mec"].capture(_is_sink(dst), n, 20)]
        assert got == want, f"mec: {len(got)} of {n} arrived" + \
            ("" if len(got) != n else ", not byte for byte or out of order")
        _nothing("mec", _is_sink(dst), "mec")
        _nothing("n9", _is_gtpu("10.0.9.1", "10.0.9.2"), "n9 (breakout traffic on N9)")
        _nothing("inet", _is_sink(env["INET6"]), "inet")
        print(f"mec app received all {n} IPv6 packets in order, byte for byte; none on N9")
        return
    n9 = P["n9"].capture(_is_gtpu("10.0.9.1", "10.0.9.2"), n, 20)
    assert len(n9) == n, f"n9: {len(n9)} of {n} G-PDUs"
    for i, (f, p) in enumerate(zip(n9, sent)):
        teid, ip, psc = _inner_of(M.udp_of(f)[4], f"n9 packet {i}")
        assert teid == int(env["TEID_N9UL"], 0), f"n9 packet {i}: TEID {teid:#x}"
        assert psc == (1, qfi), f"n9 packet {i}: PSC {psc}"
        assert ip == p, f"n9 packet {i}: inner differs: {ip.hex()}"
    got = [M.l3(f)[1] for f in P["inet"].capture(_is_sink(dst), n, 20)]
    assert got == want, f"inet: {len(got)} of {n} arrived" + \
        ("" if len(got) != n else ", not byte for byte or out of order")
    _nothing("inet", _is_sink(dst), "inet")
    _nothing("mec", _is_sink(env["MEC6"]), "mec")
    print(f"n9: {n} G-PDUs TEID {int(env['TEID_N9UL'], 0):#x} QFI {qfi}, inner unchanged; "
          f"internet host received all {n} in order")


def downlink(frm, count="10", size="120"):
    """
    The MEC app (@frm mec) or the internet host (@frm inet) sends @count
    UDP packets to the UE. Each reaches the gNB once from 10.0.3.2 in a
    G-PDU with TEID_DL and a PSC (DL, QFI_DL), the inner packet as routed
    (hop limit less one: the I-UPF for mec, the PSA for inet, the N9 relay
    changes nothing), in order. inet: each crossed N9 with TEID_N9DL first.
    """
    flush()
    n, sz = int(count), int(size)
    src = env["MEC6"] if frm == "mec" else env["INET6"]
    sent = [M.ip_udp(src, env["UE"], PORT, 6000 + i % 3, _payload(sz + 11 * i, b"DL6" + frm[0].encode()))
            for i in range(n)]
    if frm == "mec":
        P["mec"].send([_mac("IUPF_N6") + _mac("MEC") + b"\x86\xdd" + p for p in sent])
    else:
        P["inet"].send([_mac("PSA_N6") + _mac("INET") + b"\x86\xdd" + p for p in sent])
    got = P["gnb"].capture(_is_gtpu("10.0.3.2", "10.0.3.1"), n, 20)
    assert len(got) == n, f"gnb: {len(got)} of {n} G-PDUs"
    qfi = int(env["QFI_DL"])
    for i, (f, p) in enumerate(zip(got, sent)):
        teid, ip, psc = _inner_of(M.udp_of(f)[4], f"gnb packet {i}")
        assert teid == int(env["TEID_DL"], 0), f"gnb packet {i}: TEID {teid:#x}"
        assert psc == (0, qfi), f"gnb packet {i}: PSC {psc}"
        assert ip == M.forwarded(p), f"gnb packet {i}: inner differs: {ip.hex()}"
    _nothing("gnb", _is_gtpu("10.0.3.2", "10.0.3.1"), "gnb")
    if frm == "inet":
        n9 = P["n9"].drain(lambda f: M.udp_of(f) is not None)
        assert not n9, f"n9 capture at the PSA saw {len(n9)} frames toward it"
    print(f"gnb received all {n} G-PDUs TEID {int(env['TEID_DL'], 0):#x} QFI {qfi}, "
          f"in order, inner as routed")
