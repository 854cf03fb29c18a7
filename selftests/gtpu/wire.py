# SPDX-License-Identifier: GPL-2.0
"""
The packet side of edgedp_gtpu_wire.sh, run by agent.py: scapy (and, for
headers scapy will not write, gtpumsg.py) builds what the gNB, the data
network and the N9 peer send; AF_PACKET sockets send and capture on their
veths. The shell script configures edgedp and checks its counters; each
function here sends, captures and checks the packets themselves.

env (from the script's "set"): GNB UPF DN N9 (namespaces), GNB4 GNB6 UPF4
UPF6 DN4 DN6 N9L N9P (addresses), FENCE_TEID FENCE_UE (a session whose
G-PDUs are delivered: a fence that proves earlier packets were handled).
"""
import ipaddress
import struct

from scapy.contrib.gtp import (GTP_U_Header, GTPEchoRequest, GTPHeader,
                               GTPPDUSessionContainer, IE_Recovery)
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

import gtpumsg as M
from topo import (ECHO_SPORT, P, dn_frame, env, expect_at_dn, flush, inner,
                  is_gtpu_from_upf, outer, send)
from topo import fence, setup  # noqa: F401 - commands of the agent
from topo import payload as _payload


# ---- (a) plain G-PDUs ------------------------------------------------------------

def plain(teid, ue, sizes="20,200,1200"):
    """G-PDUs built by scapy: GTP_U_Header/IP/UDP/payload."""
    flush()
    teid = int(teid, 0)
    sent, frames = [], []
    for size in map(int, sizes.split(",")):
        pkt = (GTP_U_Header(teid=teid, gtp_type=255) /
               IP(src=ue, dst=env["DN4"]) / UDP(sport=5000, dport=9000) /
               Raw(_payload(size)))
        sent.append(bytes(pkt[IP]))
        frames.append(outer(bytes(pkt)))
    send(*frames)
    expect_at_dn(sent)


# ---- (b) extension headers --------------------------------------------------------

def psc_ul(teid, ue, qfi="5"):
    """A G-PDU with a PDU Session Container (UL, QFI), built by scapy."""
    flush()
    pkt = (GTP_U_Header(teid=int(teid, 0), gtp_type=255, E=1, next_ex=0x85) /
           GTPPDUSessionContainer(type=1, QFI=int(qfi)) /
           IP(src=ue, dst=env["DN4"]) / UDP(sport=5001, dport=9000) / Raw(_payload(100)))
    raw = bytes(pkt)
    assert raw[12:16] == bytes([1, 0x10, int(qfi), 0]), f"scapy wrote {raw[:16].hex()}"
    send(outer(raw))
    expect_at_dn([bytes(pkt[IP])])


# (name, extension chain, delivered?) - each chain ends in the inner packet.
CHAINS = [
    ("0x01 (not required) then PSC",
     lambda: [M.ext(0x01, b"\xaa\xbb"), M.psc(M.PSC_UL, 5)], True),
    ("0x42 (01: content dropped) 2 words, 0x01, PSC",
     lambda: [M.ext(0x42, b"x" * 6, words=2), M.ext(0x01, b"yy"), M.psc(M.PSC_UL, 5)], True),
    ("0x20 Service Class Indicator, 0x03, PSC",
     lambda: [M.ext(0x20, b"\x01\x00"), M.ext(0x03, b"\0" * 6, words=2), M.psc(M.PSC_UL, 5)],
     True),
    ("UDP Port then PSC",
     lambda: [M.ext(0x40, struct.pack("!H", 2152)), M.psc(M.PSC_UL, 5)], True),
    ("PSC with 2 words (optional fields)",
     lambda: [M.ext(0x85, bytes([0x10, 5]) + b"\0" * 4, words=2)], True),
    ("0xc1 (11: required) then PSC",
     lambda: [M.ext(0xc1, b"zz"), M.psc(M.PSC_UL, 5)], False),
    ("0x01, then 0xc1 (11: required), then PSC",
     lambda: [M.ext(0x01, b"zz"), M.ext(0xc1, b"zz"), M.psc(M.PSC_UL, 5)], False),
    ("0x81 RAN Container (10: required by the endpoint)",
     lambda: [M.ext(0x81, b"r" * 6, words=2), M.psc(M.PSC_UL, 5)], False),
    ("PSC then 0xff (11: required)",
     lambda: [M.psc(M.PSC_UL, 5), M.ext(0xff, b"zz")], False),
]


def chains(teid, ue):
    """Every chain of CHAINS, interleaved; only the deliverable ones arrive."""
    flush()
    teid = int(teid, 0)
    good, frames = [], []
    for name, mk, ok in CHAINS:
        p = inner(ue, 80, sport=5002)
        frames.append(outer(M.gtpu(teid, p, exts=mk(), seq=7)))
        if ok:
            good.append(p)
    send(*frames)
    expect_at_dn(good)
    fence()
    print(f"{len(good)} delivered, {len(CHAINS) - len(good)} with a required unknown type")


# ---- (c) address families ------------------------------------------------------

def v6_outer(teid, ue, count="3"):
    """IPv6 outer header (endpoint on an IPv6 address), IPv4 inner."""
    flush()
    sent = [inner(ue, 60 + 100 * i) for i in range(int(count))]
    send(*[outer(M.gtpu(int(teid, 0), p), family=6) for p in sent])
    expect_at_dn(sent)


def v6_inner(teid, ue, count="3"):
    """IPv4 outer header, IPv6 inner from the UE's prefix."""
    flush()
    sent = [inner(ue, 60 + 100 * i) for i in range(int(count))]
    send(*[outer(M.gtpu(int(teid, 0), p)) for p in sent])
    expect_at_dn(sent)


# ---- (d) downlink ------------------------------------------------------------------

def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("=IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("=IIII", i, 0, len(fr), len(fr)) + fr)


def downlink(pcap, *flows):
    """
    The DN sends to UEs; what reaches the gNB is written to @pcap for tshark.
    Each flow is UE,SPORT,DPORT,COUNT,TOS. The inner packets must arrive
    byte for byte (TTL less one) inside GTP-U from the UPF's N3 address.
    """
    flush()
    sent, frames = [], []
    for fl in flows:
        ue, sport, dport, count, tos = fl.split(",")
        v6 = ipaddress.ip_address(ue).version == 6
        for _ in range(int(count)):
            p = M.ip_udp(env["DN6"] if v6 else env["DN4"], ue, int(sport), int(dport),
                         _payload(100), tos=int(tos, 0))
            sent.append(p)
            frames.append(dn_frame(p))
    P["dn"].send(frames)
    got = P["gnb"].capture(is_gtpu_from_upf, len(sent), 30)
    write_pcap(pcap, got)
    assert len(got) == len(sent), f"gnb: {len(got)} of {len(sent)} GTP-U packets arrived"
    # The inner packets, in order, exactly as the UPF forwarded them.
    for i, (f, p) in enumerate(zip(got, sent)):
        g = M.udp_of(f)[4]
        hl = 8 + (4 + 4 * g[12] if g[0] & 0x04 else (4 if g[0] & 0x03 else 0))
        if g[0] & 0x04:
            assert g[11] == 0x85 and g[12 + 4 * g[12] - 1] == 0, f"packet {i}: chain {g.hex()}"
        assert g[hl:] == M.forwarded(p), f"packet {i}: inner differs: {g.hex()}"
    print(f"gnb received all {len(sent)} packets; inner packets byte for byte")


# ---- (e) echo ------------------------------------------------------------------------

def echo(family="4", seq="0x1234"):
    """Echo Request from an unusual port: the Echo Response goes back there."""
    flush()
    family, seq = int(family), int(seq, 0)
    req = GTPHeader(gtp_type=1, S=1, seq=seq, teid=0) / GTPEchoRequest()
    send(outer(bytes(req), family=family, sport=ECHO_SPORT))
    got = P["gnb"].capture(lambda f: (M.udp_of(f) or (0, 0, 0, 0))[3] == ECHO_SPORT, 1, 20)
    assert got, "no Echo Response"
    src, dst, sport, dport, pl = M.udp_of(got[0])
    upf = env["UPF4"] if family == 4 else env["UPF6"]
    assert src == upf and sport == 2152, f"response from {src}:{sport}"
    r = GTPHeader(pl)
    assert r.version == 1 and r.PT == 1, f"version {r.version} PT {r.PT}"
    assert r.gtp_type == 2, f"message type {r.gtp_type}"
    assert r.S == 1 and r.seq == seq, f"S {r.S} seq {r.seq:#x}"
    assert r.teid == 0, f"TEID {r.teid:#x}"
    assert r.length == len(pl) - 8, f"length {r.length}, {len(pl)} octets"
    ies = r.payload.IE_list if hasattr(r.payload, "IE_list") else []
    rec = [ie for ie in ies if isinstance(ie, IE_Recovery)]
    assert rec, f"no Recovery IE in {pl.hex()}"
    assert pl[12] == 14, f"first IE type {pl[12]}"
    print(f"Echo Response {src}:2152 -> {dst}:{dport} seq {r.seq:#x} "
          f"Recovery {rec[0].restart_counter}")


# ---- raw sends for the script's counter checks -----------------------------------

def gpdus(teid, ue, count="1", family="4", size="64"):
    """@count plain G-PDUs; the inner bytes total is printed."""
    _gpdus(teid, ue, count, family, size)


def _gpdus(teid, ue, count, family="4", size="64"):
    flush()
    sent = [inner(ue, int(size) + 7 * i) for i in range(int(count))]
    send(*[outer(M.gtpu(int(teid, 0), p), family=int(family)) for p in sent])
    print(f"inner_bytes={sum(len(p) for p in sent)}")
    return sent


def burst(teid, ue, count="5", size="40"):
    """@count G-PDUs of growing size that must all arrive at the DN."""
    sent = _gpdus(teid, ue, count, size=size)
    expect_at_dn(sent)


def burst_upto(teid, ue, count, size, expect):
    """burst()'s G-PDUs, of which only the first @expect may reach the DN (a URR quota)."""
    sent = _gpdus(teid, ue, count, size=size)
    expect_at_dn(sent[:int(expect)])


def dl_burst_upto(ue, count, size, expect):
    """dl_burst()'s packets, of which only the first @expect may reach the gNB."""
    flush()
    sent = [M.ip_udp(env["DN4"], ue, 7000, 7000, _payload(int(size) + 11 * i))
            for i in range(int(count))]
    P["dn"].send([dn_frame(p) for p in sent])
    want = int(expect)
    got = P["gnb"].capture(is_gtpu_from_upf, want, 30) if want else []
    assert len(got) == want, f"gnb: {len(got)} of {want} arrived"
    late = P["gnb"].capture(is_gtpu_from_upf, 1, 0.5)
    assert not late, f"gnb: {want + len(late)} arrived, want {want}"
    print(f"gnb received {want} of {len(sent)}")


def end_marker(teid, qfi=None):
    flush()
    exts = [M.psc(M.PSC_UL, int(qfi))] if qfi else []
    send(outer(M.gtpu(int(teid, 0), b"", mtype=M.END_MARKER, exts=exts)))


def dl_burst(ue, count="3", size="50"):
    """The DN sends to a UE; every packet reaches the gNB in GTP-U."""
    flush()
    v6 = ipaddress.ip_address(ue).version == 6
    sent = [M.ip_udp(env["DN6"] if v6 else env["DN4"], ue, 7000, 7000,
                     _payload(int(size) + 11 * i)) for i in range(int(count))]
    P["dn"].send([dn_frame(p) for p in sent])
    got = P["gnb"].capture(is_gtpu_from_upf, len(sent), 30)
    assert len(got) == len(sent), f"gnb: {len(got)} of {len(sent)} arrived"
    print(f"inner_bytes={sum(len(p) for p in sent)}")


# ---- (g), (j) relay toward the N9 peer --------------------------------------------

def _n9_frames(count, timeout=30):
    got = P["n9"].capture(lambda f: (M.udp_of(f) or (0, 0, 0, 0))[3] == 2152, count, timeout)
    assert len(got) == count, f"n9 peer: {len(got)} of {count} GTP-U packets arrived"
    for f in got:
        src, dst = M.udp_of(f)[:2]
        assert src == env["N9L"] and dst == env["N9P"], f"outer {src} -> {dst}"
    return got


def _n9_gtpu(count, timeout=30):
    return [GTP_U_Header(M.udp_of(f)[4]) for f in _n9_frames(count, timeout)]


def relay_end_marker(teid, n9teid):
    """
    An End Marker on a relaying PDR goes on to the peer with its TEID. This
    one carries octets past its Length (which a receiver ignores) whose value
    must not leak into the new outer header: an End Marker has no inner
    packet whose DSCP could be copied, so the outer TOS is 0.
    """
    flush()
    send(outer(M.gtpu(int(teid, 0), b"\xff" * 4, mtype=M.END_MARKER, length=0)))
    f = _n9_frames(1)[0]
    h = GTP_U_Header(M.udp_of(f)[4])
    assert h.version == 1 and h.PT == 1 and h.gtp_type == 254, \
        f"version {h.version} PT {h.PT} type {h.gtp_type}"
    assert h.teid == int(n9teid, 0), f"TEID {h.teid:#x}"
    assert len(bytes(h)) == 8 + h.length and not bytes(h.payload), \
        f"End Marker with a payload: {bytes(h).hex()}"
    tos = M.l3(f)[1][1]
    assert tos == 0, f"the relayed End Marker's outer TOS is {tos:#04x}, not 0: " \
        f"read past the end of the (empty) packet"
    print(f"End Marker TEID {h.teid:#x} length {h.length} TOS {tos:#x} at the N9 peer")


def relay(teid, ue, n9teid, qfi="7", count="3"):
    """G-PDUs with a PSC (UL, QFI) and without one, relayed to the N9 peer."""
    flush()
    n, q = int(count), int(qfi)
    sent, frames = [], []
    for i in range(n):
        p = inner(ue, 90 + 50 * i)
        sent.append((p, q))
        frames.append(outer(M.gtpu(int(teid, 0), p, exts=[M.psc(M.PSC_UL, q)])))
    p = inner(ue, 70)
    sent.append((p, None))
    frames.append(outer(M.gtpu(int(teid, 0), p)))
    send(*frames)
    got = _n9_gtpu(len(sent))
    for h, (p, q) in zip(got, sent):
        raw = bytes(h)
        assert h.version == 1 and h.PT == 1 and h.gtp_type == 255, f"header {raw[:8].hex()}"
        assert h.teid == int(n9teid, 0), f"TEID {h.teid:#x}"
        assert h.length == len(raw) - 8, f"length {h.length} for {len(raw)} octets"
        if q is None:
            assert raw[0] & 0x07 == 0 and raw[8:] == p, f"no-PSC relay: {raw.hex()}"
            continue
        assert h.E == 1 and h.next_ex == 0x85, f"no PSC: {raw[:16].hex()}"
        c = h.payload
        assert isinstance(c, GTPPDUSessionContainer), f"{raw[:16].hex()}"
        assert c.type == 1 and c.QFI == q, f"PSC type {c.type} QFI {c.QFI}"
        hl = 12 + 4 * raw[12]
        assert raw[hl - 1] == 0 and raw[hl:] == p, f"inner differs: {raw.hex()}"
    print(f"n9 peer: {len(got)} G-PDUs, TEID {int(n9teid, 0):#x}, QFI {qfi} kept, "
          f"inner byte for byte")
