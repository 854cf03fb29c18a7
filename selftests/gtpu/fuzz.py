# SPDX-License-Identifier: GPL-2.0
"""
The packet side of edgedp_gtpu_fuzz.sh, run by agent.py: malformed GTP-U
that the UPF must drop and count by reason, then thousands of random
G-PDUs and End Markers. The invariant: every datagram that reaches an
endpoint is accounted exactly once by upf0 - delivered (rx_packets), sent on
(tx_packets: relayed) or dropped for one reason:

    sent == delta(rx_packets) + delta(tx_packets) + sum(delta(drops))

(Echo Requests and End Markers on a decapsulating PDR are answered or
consumed without a counter, so the generator sends no Echo Request and no
End Marker with such a TEID; edgedp_gtpu_wire.sh covers both.)

Sessions (edgedp_gtpu_fuzz.sh): TEID 0x101 UE 10.60.0.1 decapsulates,
0x102 UE 10.60.0.2 relays to the N9 peer, 0x103 UE 10.60.0.3 drops (FAR),
0x106 UE 2001:db8:60:1::/64 decapsulates; 0x109 is the fence.
"""
import random
import struct
import threading
import time

from scapy.contrib.gtp import GTP_U_Header
from scapy.packet import Raw, fuzz

import gtpumsg as M
from topo import (P, env, expect_at_dn, fence, flush, inner, is_sink_udp, outer, send,
                  stats, stats_delta, stats_total)
from topo import setup  # noqa: F401 - a command of the agent

UE = {0x101: "10.60.0.1", 0x102: "10.60.0.2", 0x103: "10.60.0.3",
      0x106: "2001:db8:60:1::6"}
DECAP, RELAY, DROP, DECAP6, FENCE = 0x101, 0x102, 0x103, 0x106, 0x109
KNOWN = set(UE) | {FENCE}


def check(name, s0, s1, want):
    got = stats_delta(s0, s1)
    want = {k: v for k, v in want.items() if v}
    ok = got == want
    print(f"{name}: {'ok' if ok else 'MISMATCH'}: counters moved {fmt(got)}"
          + ("" if ok else f", expected {fmt(want)}"))
    return ok


def fmt(d):
    return " ".join(f"{k}+{v}" for k, v in sorted(d.items())) or "nothing"


def run_cases(name, cases):
    """
    cases: (description, GTP-U bytes, what happens: a drop reason, "dn"
    (delivered, reaches the DN), "rx" (delivered, then dropped by the IP
    stack), "tx" (relayed)). All are sent, then the fence; the counters
    must have moved by exactly what the cases say.
    """
    flush()
    s0 = stats()
    want = {"rx_packets": 1}	# the fence
    positives = []
    for desc, msg, fate in cases:
        key = {"dn": "rx_packets", "rx": "rx_packets", "tx": "tx_packets"}.get(fate, fate)
        want[key] = want.get(key, 0) + 1
        if fate == "dn":
            positives.append(desc)
    send(*[outer(msg) for _, msg, _ in cases])
    if positives:
        expect_at_dn([inner_of[d] for d in positives])
    fence()
    ok = check(name, s0, stats(), want)
    if not ok:
        for desc, msg, fate in cases:
            print(f"  {fate:10} {desc}: {msg[:24].hex()}")
    return ok


inner_of = {}


def valid(desc, teid=DECAP, **kw):
    """A G-PDU that would be delivered, remembering its inner packet."""
    p = inner(UE[teid], 60)
    inner_of[desc] = p
    return M.gtpu(teid, p, **kw)


def truncated():
    """Every length 0-15 of a 16-octet header; an empty T-PDU."""
    base = M.gtpu(DECAP, inner(UE[DECAP], 40), exts=[M.psc(M.PSC_UL, 5)], seq=1)
    cases = [(f"first {n} octets", base[:n], "gtpu-hdr") for n in range(16)]
    for n in range(8, 16):
        b = bytearray(base[:n])
        b[2:4] = struct.pack("!H", n - 8)
        cases.append((f"first {n} octets, Length {n - 8}", bytes(b), "gtpu-hdr"))
    cases.append(("8-octet header, Length 0: no T-PDU", M.gtpu(DECAP, b""), "malformed"))
    return run_cases("truncated", cases)


def length():
    """Length longer or shorter than the datagram."""
    p = inner(UE[DECAP], 60)
    n = len(p)
    return run_cases("length", [
        ("Length one more than the datagram", M.gtpu(DECAP, p, length=n + 1), "gtpu-hdr"),
        ("Length 100 more", M.gtpu(DECAP, p, length=n + 100), "gtpu-hdr"),
        ("Length 0xffff", M.gtpu(DECAP, p, length=0xffff), "gtpu-hdr"),
        ("Length 0 with E set", M.gtpu(DECAP, p, exts=[M.psc(M.PSC_UL, 5)], length=0),
         "gtpu-hdr"),
        ("Length 3 with S set", M.gtpu(DECAP, p, seq=1, length=3), "gtpu-hdr"),
        ("Length one less: trailing octet ignored, inner IP cut short",
         M.gtpu(DECAP, p, length=n - 1), "rx"),
        ("Length 10: a 10-octet T-PDU", M.gtpu(DECAP, p, length=10), "malformed"),
    ])


def flags():
    """Version, PT, spare, S/PN without E."""
    cases = [(f"version {v}", valid(f"v{v}", version=v), "gtpu-hdr")
             for v in (0, 2, 3, 4, 5, 6, 7)]
    cases += [
        ("PT 0 (GTP')", valid("pt0", pt=0), "gtpu-hdr"),
        ("spare bit set: not evaluated", valid("spare bit set: not evaluated", spare=1), "dn"),
        ("S and PN, no E", valid("S and PN, no E", seq=0x1234, npdu=9), "dn"),
        ("E clear, next type 0x85 ignored",
         valid("E clear, next type 0x85 ignored", s=1, first_next=0x85), "dn"),
    ]
    return run_cases("flags", cases)


def chains():
    """Extension header chains that run off the message, and bad ones."""
    ones = [M.ext(0x01, b"ab") for _ in range(9)]
    psc = M.psc(M.PSC_UL, 5)
    p = inner(UE[DECAP], 40)
    cases = [
        ("PSC claiming 3 words, 1 left", M.gtpu(DECAP, b"", exts=[M.ext(0x85, b"\x10\x05",
                                                                      words=1, length=3)]),
         "gtpu-hdr"),
        ("last next type 0x01 at the end of the message",
         M.gtpu(DECAP, b"", exts=[M.ext(0x01, b"ab")], last_next=0x01), "gtpu-hdr"),
        ("extension past Length, inside the datagram",
         M.gtpu(DECAP, p, exts=[M.ext(0x01, b"ab", words=2)], length=8), "gtpu-hdr"),
        ("zero-length extension 0x01", M.gtpu(DECAP, p, exts=[M.ext(0x01, b"ab", length=0)]),
         "gtpu-hdr"),
        ("zero-length PSC", M.gtpu(DECAP, p, exts=[M.ext(0x85, b"\x10\x05", length=0)]),
         "gtpu-hdr"),
        ("9 extension headers", M.gtpu(DECAP, p, exts=ones), "gtpu-hdr"),
        ("8 extension headers", valid("8 extension headers", exts=ones[:8]), "dn"),
        ("PSC of PDU type 2", M.gtpu(DECAP, p, exts=[M.ext(0x85, b"\x20\x05")]), "gtpu-hdr"),
        ("two PSCs", M.gtpu(DECAP, p, exts=[psc, psc]), "gtpu-hdr"),
        ("UDP Port extension of 2 words",
         M.gtpu(DECAP, p, exts=[M.ext(0x40, b"\x08\x68", words=2)]), "gtpu-hdr"),
        ("DL PSC with PPP in one word", M.gtpu(DECAP, p, exts=[M.ext(0x85, b"\x00\x85")]),
         "gtpu-hdr"),
        ("PDCP PDU Number 0xc0 (required)", M.gtpu(DECAP, p, exts=[M.ext(0xc0, b"\0\1")]),
         "gtpu-ext"),
        ("a valid PSC, no T-PDU", M.gtpu(DECAP, b"", exts=[psc]), "malformed"),
    ]
    return run_cases("chains", cases)


def types():
    """Message types the UPF does not handle; TEIDs it does not know."""
    p = inner(UE[DECAP], 40)
    cases = [(f"message type {t}", M.gtpu(DECAP, p, mtype=t), "gtpu-type")
             for t in (0, 3, 100, 200, 253)]
    cases += [
        ("G-PDU, unknown TEID", M.gtpu(0xdead, p), "no-teid"),
        ("End Marker, unknown TEID", M.gtpu(0xdead, b"", mtype=M.END_MARKER), "no-teid"),
        ("End Marker, FAR drop", M.gtpu(DROP, b"", mtype=M.END_MARKER), "far"),
        ("End Marker with a PSC, relaying PDR",
         M.gtpu(RELAY, b"", mtype=M.END_MARKER, exts=[M.psc(M.PSC_UL, 1)]), "tx"),
        ("G-PDU from an address no PDR has", M.gtpu(DECAP, inner("10.60.9.9", 40)), "no-pdr"),
    ]
    return run_cases("types", cases)


# ---- random G-PDUs ------------------------------------------------------------------

EXT_POOL = [0x85] * 4 + [0x40, 0x01, 0x02, 0x03, 0x20, 0x42, 0x7f, 0x81, 0x84, 0xc0, 0xc1,
                         0xff, None]


def rand_ext(rng):
    t = rng.choice(EXT_POOL)
    if t is None:
        t = rng.randrange(1, 256)
    words = rng.choice((1, 1, 1, 1, 2, 3, 0))
    if t == 0x85 and rng.random() < 0.8:
        ptype = rng.choice((0, 1, 1, rng.randrange(16)))
        content = bytes([ptype << 4 | (rng.randrange(16) if rng.random() < 0.2 else 0),
                         rng.randrange(256)]) + rng.randbytes(10)
    else:
        content = rng.randbytes(12)
    return M.ext(t, content, words=max(words, 1), length=words)


def rand_payload(rng, teid, idx):
    r = rng.random()
    if r < 0.75 and teid in UE:
        ue = UE[teid]
        dst = env["DN6"] if ":" in ue else env["DN4"]
        return M.ip_udp(ue, dst, 5000 + idx % 1000, 9000,
                        b"FUZZ" + struct.pack("!I", idx) + rng.randbytes(rng.randrange(400))), True
    if r < 0.85:
        return rng.randbytes(rng.randrange(61)), False
    if r < 0.95:
        return M.ip_udp("10.60.9.9", env["DN4"], 1, 9000, rng.randbytes(20)), False
    return b"", False


def rand_teid(rng, mtype):
    if mtype == M.END_MARKER:
        choices = (RELAY, DROP, None)
    else:
        choices = (DECAP, DECAP, DECAP, DECAP, RELAY, RELAY, DROP, DECAP6, DECAP6, None, None)
    t = rng.choice(choices)
    while t is None or (t not in UE and t in KNOWN):
        t = rng.getrandbits(32)
        if t in KNOWN:
            t = None
    return t


def generate(rng, idx):
    """One random GTP-U message: (bytes, family of the outer header, inner or None)."""
    mtype = M.END_MARKER if rng.random() < 0.15 else M.GPDU
    teid = rand_teid(rng, mtype)
    pl, good = rand_payload(rng, teid, idx) if mtype == M.GPDU else (b"", False)
    chain = [rand_ext(rng) for _ in range(rng.randrange(1, 10))] if rng.random() < 0.5 else []
    last_next = 0 if rng.random() < 0.9 else rng.randrange(256)
    e = 1 if chain and rng.random() < 0.95 else (rng.random() < 0.05)
    if rng.random() < 0.05:
        # scapy's fuzz() draws the flags (version, PT, spare, S, PN) and the
        # optional field; the chain and payload follow as raw bytes. (Only
        # one in 20: scapy builds a header in ~30 ms under TCG.)
        kw = {"gtp_type": mtype, "teid": teid, "E": int(e), "length": None}
        if rng.random() < 0.85:
            kw.update(version=1, PT=1)
        if e or rng.random() < 0.5:
            kw["next_ex"] = chain[0][0] if chain and e else rng.randrange(256)
        rest = b"".join(body + bytes([chain[i + 1][0] if i + 1 < len(chain) else last_next])
                        for i, (_, body) in enumerate(chain))
        msg = bytes(fuzz(GTP_U_Header(**kw)) / Raw(rest + pl))
    else:
        length = None
        if rng.random() < 0.15:
            length = rng.choice((0, 1, 4, rng.randrange(1 << 16), -1, 1, -4))
        msg = M.gtpu(teid, pl, mtype=mtype, exts=chain, e=int(e),
                     seq=rng.randrange(1 << 16) if rng.random() < 0.3 else None,
                     npdu=rng.randrange(256) if rng.random() < 0.1 else None,
                     version=1 if rng.random() < 0.85 else rng.randrange(8),
                     pt=1 if rng.random() < 0.9 else 0,
                     spare=int(rng.random() < 0.1), last_next=last_next)
        if length is not None:
            n = len(msg) - 8 + length if length in (-1, 1, -4) else length
            msg = msg[:2] + struct.pack("!H", max(0, n) & 0xffff) + msg[4:]
    if rng.random() < 0.03:
        msg = msg[:rng.randrange(len(msg) + 1)]
    family = 6 if rng.random() < 0.1 else 4
    return msg, family, (pl if good else None)


def wait_accounted(base, want, stall=20):
    """Poll until upf0 accounted for @want packets since @base; the count seen."""
    seen, last, t = -1, -1, time.monotonic()
    while True:
        seen = stats_total(stats()) - base
        if seen >= want:
            return seen
        if seen != last:
            last, t = seen, time.monotonic()
        elif time.monotonic() - t > stall:
            return seen
        time.sleep(0.02)


def hunt(frames):
    """Replay @frames one by one; those that move no counter (or two)."""
    bad = []
    for i, f in enumerate(frames):
        base = stats_total(stats())
        P["gnb"].send([f])
        n = wait_accounted(base, 1, stall=3)
        if n != 1:
            bad.append((i, n))
            if len(bad) == 5:
                break
    return bad


_pregen = {}


def _generate(count, seed):
    t0 = time.monotonic()
    rng = random.Random(seed)
    msgs = [generate(rng, i) for i in range(count)]
    frames = [outer(m, family=fam) for m, fam, _ in msgs]
    expect = {i: M.forwarded(p) for i, (_, _, p) in enumerate(msgs) if p is not None}
    _pregen.update(msgs=msgs, frames=frames, expect=expect, secs=time.monotonic() - t0)


def pregen(count="10000", seed=None):
    """
    Start generating run()'s messages in a thread: under TCG that takes
    most of a minute, which the other checks hide.
    """
    seed = int(seed) if seed else random.randrange(1 << 32)
    _pregen.update(count=int(count), seed=seed)
    _pregen["thread"] = threading.Thread(target=_generate, args=(int(count), seed),
                                          daemon=True)
    _pregen["thread"].start()


def run(count="10000", seed=None, batch="500"):
    """
    @count random messages in batches of @batch: after each batch, upf0 must
    have accounted for every one of them, exactly once.
    """
    count, batch = int(count), int(batch)
    if "thread" not in _pregen or _pregen["count"] != count or \
            (seed and int(seed) != _pregen["seed"]):
        pregen(count, seed)
    seed = _pregen["seed"]
    print(f"seed {seed} (EDGEDP_FUZZ_SEED={seed} repeats this run)")
    t0 = time.monotonic()
    _pregen["thread"].join()
    msgs, frames, expect = _pregen["msgs"], _pregen["frames"], _pregen["expect"]
    t1 = time.monotonic()
    ems = sum(1 for m in msgs if m[0][1:2] == bytes([M.END_MARKER]))
    v6 = sum(1 for m in msgs if m[1] == 6)
    print(f"generated {count} messages in {_pregen['secs']:.1f} s (waited {t1 - t0:.1f} s): "
          f"{ems} End Markers, {v6} over IPv6")
    flush()
    s0 = stats()
    base = stats_total(s0)
    at_dn, at_n9, wrong = 0, 0, []
    ok = True
    for b in range(0, count, batch):
        chunk = frames[b:b + batch]
        P["gnb"].send(chunk)
        seen = wait_accounted(base, b + len(chunk))
        for f in P["dn"].drain(is_sink_udp):
            u = M.udp_of(f)
            if u[3] != 9000 or not u[4].startswith(b"FUZZ"):
                continue
            i = struct.unpack_from("!I", u[4], 4)[0]
            at_dn += 1
            if expect.get(i) != M.l3(f)[1]:
                wrong.append(i)
        at_n9 += len(P["n9"].drain(lambda f: (M.udp_of(f) or (0, 0, 0, 0))[3] == 2152))
        if seen != b + len(chunk):
            print(f"batch {b // batch}: {b + len(chunk)} sent, {seen} accounted")
            for i, n in hunt(chunk):
                m = msgs[b + i][0]
                print(f"  message {b + i} moved {n} counters: outer IPv{msgs[b + i][1]}, "
                      f"UDP payload {m.hex()}")
            ok = False
            break
    s1 = stats()
    t2 = time.monotonic()
    d = stats_delta(s0, s1)
    print(f"sent {count} in {t2 - t1:.1f} s; counters moved {fmt(d)}")
    print(f"accounted {stats_total(s1) - base} of {count}")
    # What is still on its way to the DN and the N9 peer arrives before
    # the fence does.
    for f in fence(others_ok=True):
        u = M.udp_of(f)
        if u[3] != 9000 or not u[4].startswith(b"FUZZ"):
            continue
        at_dn += 1
        i = struct.unpack_from("!I", u[4], 4)[0]
        if expect.get(i) != M.l3(f)[1]:
            wrong.append(i)
    at_n9 += len(P["n9"].drain(lambda f: (M.udp_of(f) or (0, 0, 0, 0))[3] == 2152))
    print(f"the DN received {at_dn} packets ({len(wrong)} not as sent), "
          f"the N9 peer {at_n9} (tx_packets +{d.get('tx_packets', 0)})")
    if wrong:
        print(f"  first wrong one: message {wrong[0]}: {msgs[wrong[0]][0].hex()}")
        ok = False
    if at_dn > d.get("rx_packets", 0) or at_n9 != d.get("tx_packets", 0):
        print("the DN or the N9 peer got more than upf0 counted (or the peer less)")
        ok = False
    if stats_total(s1) - base != count:
        ok = False
    if at_dn < count // 20:
        print(f"only {at_dn} deliveries: the fuzzer hardly reaches the decapsulation")
        ok = False
    return ok
