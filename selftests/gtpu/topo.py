# SPDX-License-Identifier: GPL-2.0
"""
The test topology as the agent's functions see it (gtpu/lib.sh,
gtpu_topology, builds it): capture/send sockets on the gNB, DN and N9 peer
veths, UDP sinks, and the fence.

env (the script's "agent set"): GNB UPF DN N9 (namespaces), GNB4 GNB6 UPF4
UPF6 DN4 DN6 N9L N9P (addresses), FENCE_TEID FENCE_UE (a session whose
G-PDUs are delivered to the DN).
"""
import ipaddress
import itertools
import random
import struct

import edgecfg
import gtpumsg as M
from netns import Port, Sink, netns

env = {}
P = {}			# Ports by name
SINKS = []
SINK_PORTS = (9000, 9001, 9002, 9003)
ECHO_SPORT = 40001
_serial = itertools.count(1)


def setup():
    """Capture sockets on every veth, sinks so that nobody answers ICMP."""
    P["gnb"] = Port(env["GNB"], "g0")
    P["upf_n3"] = Port(env["UPF"], "n3", rcvbuf=1 << 16)
    P["upf_n6"] = Port(env["UPF"], "n6", rcvbuf=1 << 16)
    P["dn"] = Port(env["DN"], "d0")
    P["n9"] = Port(env["N9"], "p0")
    for port in SINK_PORTS:
        SINKS.append(Sink(env["DN"], port))
    SINKS.append(Sink(env["GNB"], 2152))
    SINKS.append(Sink(env["GNB"], ECHO_SPORT))
    SINKS.append(Sink(env["N9"], 2152))
    with netns(env["UPF"]):
        edgecfg.reset()
        edgecfg.g()		# a genl socket of the UPF's namespace


def flush():
    for p in P.values():
        p.flush()
    for s in SINKS:
        s.flush()


def stats():
    """upf0's counters (edgecfg.dev_stats), read over the UPF's genl socket."""
    return edgecfg.dev_stats("upf0")


def stats_total(s):
    """Every packet upf0 accounted for: delivered, sent, or dropped."""
    return s["rx_packets"] + s["tx_packets"] + sum(s["drops"].values())


def stats_delta(a, b):
    """{counter: increase} of what moved between two stats() snapshots."""
    d = {k: b[k] - a[k] for k in ("rx_packets", "tx_packets") if b[k] != a[k]}
    for k, v in b["drops"].items():
        if v != a["drops"].get(k, 0):
            d[k] = v - a["drops"].get(k, 0)
    return d


def payload(size, tag=b"EDGE"):
    n = next(_serial)
    head = tag + struct.pack("!I", n)
    return head + random.randbytes(max(0, size - len(head)))


def inner(ue, size=64, sport=5000, dport=9000, tos=0):
    """A UE's packet toward the DN."""
    v6 = ipaddress.ip_address(ue).version == 6
    dst = env["DN6"] if v6 else env["DN4"]
    return M.ip_udp(ue, dst, sport, dport, payload(size), tos=tos)


def outer(gtp_bytes, family=4, sport=2152, src=None):
    """
    Ethernet/IP/UDP from the gNB (or from @src, on the gNB's wire) to the
    UPF's N3 endpoint around @gtp_bytes.
    """
    gnb, dst = (env["GNB4"], env["UPF4"]) if family == 4 else (env["GNB6"], env["UPF6"])
    return M.udp_frame(P["gnb"].mac, P["upf_n3"].mac, src or gnb, dst, sport, 2152, gtp_bytes)


def dn_frame(ip):
    """An IP packet from the DN to the UPF's N6 veth, as an Ethernet frame."""
    return P["upf_n6"].mac + P["dn"].mac + \
        struct.pack("!H", 0x86dd if ip[0] >> 4 == 6 else 0x0800) + ip


def is_sink_udp(frame):
    u = M.udp_of(frame)
    return u is not None and u[3] in SINK_PORTS


def is_gtpu_from_upf(frame):
    """A G-PDU from one of the UPF's endpoints (not an Error Indication...)."""
    u = M.udp_of(frame)
    return u is not None and u[3] == 2152 and len(u[4]) >= 8 and u[4][1] == M.GPDU and \
        u[0] in (env["UPF4"], env["UPF6"], env["N9L"])


def send(*frames):
    P["gnb"].send(frames)


def fence(others_ok=False):
    """
    A G-PDU of the fence session, sent after packets that must not arrive:
    when it reaches the DN every earlier packet was handled (the agent runs
    on one CPU, so all it sends goes through that CPU's queues in order),
    and the counters are final. Fails if anything else reached the DN
    meanwhile, unless @others_ok: then returns those frames.
    """
    p = M.ip_udp(env["FENCE_UE"], env["DN4"], 5999, 9000, payload(32, b"FNCE"))
    send(outer(M.gtpu(int(env["FENCE_TEID"], 0), p)))
    want = M.forwarded(p)
    others = []
    while True:
        f = P["dn"].capture(is_sink_udp, 1, 30)
        assert f, "the fence G-PDU never reached the DN"
        if M.l3(f[0])[1] == want:
            break
        others.append(f[0])
    if others_ok:
        return others
    assert not others, f"{len(others)} packet(s) reached the DN before the fence: " \
        f"{M.l3(others[0])[1].hex()}"
    return None


def expect_at_dn(sent, timeout=30):
    """
    Every inner packet of @sent (bytes) arrives at the DN exactly as the UPF
    forwards it (TTL less one), once, and nothing else does.
    """
    want = {M.forwarded(p) for p in sent}
    got = P["dn"].capture(is_sink_udp, len(sent), timeout)
    got_ip = [M.l3(f)[1] for f in got]
    missing = want - set(got_ip)
    extra = [g for g in got_ip if g not in want]
    assert not missing and not extra, \
        f"dn: {len(got)} of {len(sent)} arrived, {len(missing)} missing, " \
        f"{len(extra)} unexpected (first: {(list(missing) or extra)[0].hex()})"
    late = P["dn"].capture(is_sink_udp, 1, 0.2)
    assert not late, f"dn: an unexpected extra packet {M.l3(late[0])[1].hex()}"
    print(f"dn received all {len(sent)} packets byte for byte")
