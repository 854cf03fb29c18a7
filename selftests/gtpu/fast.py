# SPDX-License-Identifier: GPL-2.0
"""
The packet side of edgedp_gtpu_fastpath.sh, run by agent.py: wire.py's
scenarios (re-exported) plus G-PDUs the fast path must judge as the UDP
layer would: a wrong checksum, a zero checksum, IPv4 fragments, a G-PDU
and an Echo Request sent without waiting for their delivery or answer (the
script counts them in its INPUT rule), and a G-PDU from a source the UPF has
no route to (reverse path filtering drops it).
"""
from scapy.layers.inet import IP, fragment
from scapy.layers.l2 import Ether

import gtpumsg as M
from topo import ECHO_SPORT, env, expect_at_dn, fence, flush, inner, outer, send
from wire import (chains, echo, gpdus, plain, psc_ul, v6_inner,  # noqa: F401
                  v6_outer)
from topo import setup  # noqa: F401 - a command of the agent

ETH = 14


def _udp_csum_off(frame):
    return ETH + (20 if frame[12:14] == b"\x08\x00" else 40) + 6


def bad_csum(teid, ue, family="4"):
    """A G-PDU whose UDP checksum is wrong: dropped, never delivered."""
    flush()
    f = bytearray(outer(M.gtpu(int(teid, 0), inner(ue, 64)), family=int(family)))
    off = _udp_csum_off(f)
    f[off] ^= 0x5a
    send(bytes(f))
    fence()


def zero_csum(teid, ue):
    """An IPv4 G-PDU without a UDP checksum (0): delivered."""
    flush()
    p = inner(ue, 64)
    f = bytearray(outer(M.gtpu(int(teid, 0), p)))
    off = _udp_csum_off(f)
    f[off:off + 2] = b"\0\0"
    send(bytes(f))
    expect_at_dn([p])


def fragments(teid, ue, size="1200"):
    """A G-PDU in IPv4 fragments of 512 octets: reassembled and delivered."""
    flush()
    p = inner(ue, int(size))
    frame = Ether(outer(M.gtpu(int(teid, 0), p)))
    ip = frame[IP]
    ip.flags = 0
    frags = fragment(ip, fragsize=512)
    assert len(frags) >= 2, f"{len(frags)} fragment(s)"
    send(*[bytes(Ether(src=frame.src, dst=frame.dst) / f) for f in frags])
    expect_at_dn([p])
    print(f"{len(frags)} fragments")


def gpdu_nowait(teid, ue, family="4"):
    """A G-PDU; its delivery is not awaited (the script's INPUT rule drops it)."""
    flush()
    send(outer(M.gtpu(int(teid, 0), inner(ue, 64)), family=int(family)))


def echo_nowait(family="4", seq="0x2222"):
    """An Echo Request; its answer is not awaited."""
    from scapy.contrib.gtp import GTPEchoRequest, GTPHeader

    flush()
    req = GTPHeader(gtp_type=1, S=1, seq=int(seq, 0), teid=0) / GTPEchoRequest()
    send(outer(bytes(req), family=int(family), sport=ECHO_SPORT))
    print(f"Echo Request to {env['UPF4'] if family == '4' else env['UPF6']}")


def spoofed(teid, ue, src="198.51.100.7"):
    """
    A G-PDU from @src, which the UPF has no route back to, then the fence:
    with rp_filter on it never reaches the DN.
    """
    flush()
    send(outer(M.gtpu(int(teid, 0), inner(ue, 64)), src=src))
    fence()
