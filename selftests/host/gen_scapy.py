#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Writes GTP-U packets built with scapy (scapy.contrib.gtp), and scapy's own
view of them, for test_scapy to check kmod/gtpu/wire.c against.

    gen_scapy.py OUT [COUNT]

Each line of OUT is one packet: space-separated key=value pairs.

    kind     what was built (test_scapy reports per kind)
    parser   gtpu, echo or errind: the edgedp function to call
    hex      the UDP payload
    verdict  "ok" or the edgedp_gtpu_err_name() the parser must return

and for "ok" packets, the fields the parser must report ("-" when absent):
type teid hdr_len payload_len seq qfi pdu_type rqi ppi udp_port recovery
ie_teid addr. For packets scapy builds and dissects, these come from
scapy's dissection of the bytes, not from the values used to build them.
Malformed packets are valid ones with one mutation; their verdict is what
TS 29.281 says of that mutation.

If scapy cannot be imported, OUT holds one line "skip REASON".
Seeded from $EDGEDP_SEED (default 1): the same file every run.
"""
import os
import random
import sys

OUT = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 400

try:
    from scapy.packet import NoPayload, Raw
    from scapy.contrib.gtp import (GTP_U_Header, GTPPDUSessionContainer,
                                   GTPEchoRequest, GTPEchoResponse,
                                   GTPErrorIndication, GTP_UDPPort_ExtensionHeader,
                                   IE_Recovery, IE_TEIDI, IE_GSNAddress)
except Exception as e:  # noqa: BLE001 - any import failure means skip
    with open(OUT, "w") as f:
        f.write(f"skip scapy.contrib.gtp not importable: {type(e).__name__}\n")
    sys.exit(0)

rnd = random.Random(int(os.environ.get("EDGEDP_SEED", "1"), 0))
FIELDS = ("type", "teid", "hdr_len", "payload_len", "seq", "qfi", "pdu_type",
          "rqi", "ppi", "udp_port", "recovery", "ie_teid", "addr")
GTP_LAYERS = (GTP_U_Header, GTPPDUSessionContainer, GTP_UDPPort_ExtensionHeader)


def rbytes(n):
    return bytes(rnd.getrandbits(8) for _ in range(n))


def scapy_view(raw):
    """The fields as scapy dissects them from raw."""
    q = GTP_U_Header(raw)
    v = dict.fromkeys(FIELDS, "-")
    v["type"] = q.gtp_type
    v["teid"] = q.teid
    if q.S:
        v["seq"] = q.seq
    # The payload starts where the last GTP-U header layer ends.
    last = q
    layer = q.payload
    while not isinstance(layer, NoPayload):
        if isinstance(layer, GTP_LAYERS):
            last = layer
        layer = layer.payload
    rest = last.payload
    v["hdr_len"] = len(raw) - (0 if isinstance(rest, NoPayload) else len(rest.original))
    v["payload_len"] = 8 + q.length - v["hdr_len"]
    if GTPPDUSessionContainer in q:
        psc = q[GTPPDUSessionContainer]
        v["qfi"] = psc.QFI
        v["pdu_type"] = psc.type
        v["rqi"] = psc.RQI if psc.type == 0 else 0
        if psc.type == 0 and psc.PPP:
            v["ppi"] = psc.PPI
    if GTP_UDPPort_ExtensionHeader in q:
        v["udp_port"] = q[GTP_UDPPort_ExtensionHeader].udp_port
    if IE_Recovery in q:
        v["recovery"] = q[IE_Recovery].restart_counter
    if IE_TEIDI in q:
        v["ie_teid"] = q[IE_TEIDI].TEIDI
    if IE_GSNAddress in q:
        g = q[IE_GSNAddress]
        v["addr"] = (g.ipv4_address if g.length == 4 else g.ipv6_address)
    return v


def psc_layer(pdu_type):
    if pdu_type == 0:
        ppp = rnd.random() < 0.3
        return GTPPDUSessionContainer(
            type=0, QFI=rnd.randrange(64), RQI=rnd.randrange(2), PPP=int(ppp),
            PPI=rnd.randrange(8) if ppp else 0, QMP=int(rnd.random() < 0.2),
            SNP=int(rnd.random() < 0.2))
    return GTPPDUSessionContainer(
        type=1, QFI=rnd.randrange(64), QMP=int(rnd.random() < 0.2),
        dlDelayInd=int(rnd.random() < 0.2), ulDelayInd=int(rnd.random() < 0.2),
        SNP=int(rnd.random() < 0.2), N3N9DelayInd=int(rnd.random() < 0.2))


def tpdu():
    # Raw bytes that scapy leaves alone as far as lengths go.
    return Raw(rbytes(rnd.randrange(0, 80)))


def gen_gpdu():
    h = dict(teid=rnd.getrandbits(32), gtp_type=255)
    kind = "gpdu"
    if rnd.random() < 0.4:
        h.update(S=1, seq=rnd.getrandbits(16))
        kind += "-seq"
    if rnd.random() < 0.2:
        h.update(PN=1, npdu=rnd.getrandbits(8))
        kind += "-pn"
    return kind, GTP_U_Header(**h) / tpdu()


def gen_psc():
    pdu_type = rnd.randrange(2)
    h = dict(teid=rnd.getrandbits(32), gtp_type=255, E=1, next_ex=0x85)
    if rnd.random() < 0.3:
        h.update(S=1, seq=rnd.getrandbits(16))
    return ("psc-dl" if pdu_type == 0 else "psc-ul"), \
        GTP_U_Header(**h) / psc_layer(pdu_type) / tpdu()


def gen_end_marker():
    h = dict(teid=rnd.getrandbits(32), gtp_type=254)
    if rnd.random() < 0.5:
        return "end-marker-psc", GTP_U_Header(E=1, next_ex=0x85, **h) / psc_layer(0)
    return "end-marker", GTP_U_Header(**h)


def gen_echo():
    seq = rnd.getrandbits(16)
    if rnd.random() < 0.5:
        # Echo Request: scapy has no IE list for it; a Recovery IE in raw.
        p = GTP_U_Header(gtp_type=1, S=1, seq=seq) / GTPEchoRequest()
        if rnd.random() < 0.5:
            p = p / Raw(bytes([14, rnd.getrandbits(8)]))
        return "echo-request", p
    p = GTP_U_Header(gtp_type=2, S=1, seq=seq) / \
        GTPEchoResponse(IE_list=[IE_Recovery(restart_counter=rnd.getrandbits(8))])
    if rnd.random() < 0.5:
        # TS 29.281 8.6: Length, a 2-octet Extension Identifier, the value.
        # (scapy's IE_PrivateExtension keeps Length 1 whatever the value.)
        value = rbytes(rnd.randrange(0, 8))
        p = p / Raw(bytes([255]) + (2 + len(value)).to_bytes(2, "big") +
                    rbytes(2) + value)
    return "echo-response", p


def gen_error_ind():
    if rnd.random() < 0.5:
        addr = IE_GSNAddress(length=4, ipv4_address=".".join(
            str(rnd.randrange(256)) for _ in range(4)))
    else:
        addr = IE_GSNAddress(length=16, ipv6_address="2001:db8::%x" % rnd.getrandbits(16))
    ies = GTPErrorIndication(IE_list=[IE_TEIDI(TEIDI=rnd.getrandbits(32)), addr])
    seq = rnd.getrandbits(16)
    return "error-ind", GTP_U_Header(gtp_type=26, S=1, seq=seq) / ies


def gen_error_ind_port():
    # With the UDP Port extension header scapy leaves the IEs raw: only
    # the header fields and the port are scapy's view here.
    p = GTP_U_Header(gtp_type=26, S=1, seq=rnd.getrandbits(16), E=1, next_ex=0x40) / \
        GTP_UDPPort_ExtensionHeader(udp_port=rnd.randrange(1, 65536)) / \
        Raw(bytes(IE_TEIDI(TEIDI=rnd.getrandbits(32))) +
            bytes(IE_GSNAddress(length=4, ipv4_address="10.0.0.1")))
    return "error-ind-port", p


PARSER = {"echo-request": "echo", "echo-response": "echo", "error-ind": "errind",
          "error-ind-port": "errind"}


def record(kind, parser, raw, verdict, view=None):
    parts = [f"kind={kind}", f"parser={parser}", f"hex={raw.hex()}", f"verdict={verdict}"]
    if view:
        parts += [f"{k}={view[k]}" for k in FIELDS]
    return " ".join(parts)


def valid():
    gen = rnd.choice([gen_gpdu, gen_gpdu, gen_psc, gen_psc, gen_psc, gen_end_marker,
                      gen_echo, gen_error_ind, gen_error_ind_port])
    kind, p = gen()
    raw = bytes(p)
    parser = PARSER.get(kind, "gtpu")
    view = scapy_view(raw)
    if parser == "errind" and view["ie_teid"] == "-":
        # The raw IEs of gen_error_ind_port: parse them by hand.
        ies = raw[view["hdr_len"]:]
        view["ie_teid"] = int.from_bytes(ies[1:5], "big")
        view["addr"] = ".".join(str(b) for b in ies[8:12])
    if parser == "echo" and view["recovery"] == "-" and len(raw) > view["hdr_len"]:
        view["recovery"] = raw[view["hdr_len"] + 1]
    if rnd.random() < 0.2:
        raw += rbytes(rnd.randrange(1, 16))   # beyond Length: ignored
        kind += "+trailer"
    return record(kind, parser, raw, "ok", view)


def psc_packet():
    return bytearray(bytes(GTP_U_Header(teid=rnd.getrandbits(32), gtp_type=255, E=1,
                                        next_ex=0x85) / psc_layer(rnd.randrange(2)) / tpdu()))


def malformed():
    """A valid packet with one mutation, and what the parser must say."""
    m = rnd.choice(["truncated", "version", "pt", "length", "ext-zero", "ext-overrun",
                    "ext-unsupported", "ext-skipped", "psc-type", "ie-overrun"])
    if m == "truncated":
        raw = bytes(rnd.choice([gen_gpdu, gen_psc, gen_echo, gen_error_ind])()[1])
        return record("bad-truncated", "gtpu", raw[:rnd.randrange(len(raw))], "truncated")
    if m in ("version", "pt"):
        raw = bytearray(bytes(gen_gpdu()[1]))
        if m == "version":
            raw[0] = (raw[0] & 0x1f) | (rnd.choice([0, 2, 3, 4, 5, 6, 7]) << 5)
            return record("bad-version", "gtpu", bytes(raw), "bad_version")
        raw[0] &= ~0x10
        return record("bad-pt", "gtpu", bytes(raw), "bad_pt")
    if m == "length":
        raw = psc_packet()
        raw[2:4] = rnd.randrange(4).to_bytes(2, "big")
        return record("bad-length", "gtpu", bytes(raw), "bad_length")
    if m == "ext-zero":
        raw = psc_packet()
        raw[12] = 0
        return record("bad-ext-zero", "gtpu", bytes(raw), "ext_zero_len")
    if m == "ext-overrun":
        raw = psc_packet()
        length = int.from_bytes(raw[2:4], "big")
        raw[12] = (length - 4) // 4 + 1 + rnd.randrange(8)
        return record("bad-ext-overrun", "gtpu", bytes(raw), "ext_overrun")
    if m in ("ext-unsupported", "ext-skipped"):
        raw = psc_packet()
        unsupp = m == "ext-unsupported"
        while True:
            t = rnd.randrange(0x80, 0x100) if unsupp else rnd.randrange(1, 0x80)
            if t not in (0x40, 0x85):
                break
        raw[11] = t
        if unsupp:
            return record("bad-ext-unsupported", "gtpu", bytes(raw), "ext_unsupported")
        # Skipped: the container is now an unknown header, not a PSC.
        words = raw[12]
        view = dict.fromkeys(FIELDS, "-")
        view.update(type=255, teid=int.from_bytes(raw[4:8], "big"),
                    hdr_len=12 + 4 * words,
                    payload_len=int.from_bytes(raw[2:4], "big") - 4 - 4 * words)
        return record("ext-skipped", "gtpu", bytes(raw), "ok", view)
    if m == "psc-type":
        raw = psc_packet()
        raw[13] = (raw[13] & 0x0f) | (rnd.randrange(2, 16) << 4)
        return record("bad-psc-type", "gtpu", bytes(raw), "psc_bad_type")
    # ie-overrun: an Echo Response whose Length cuts its Recovery IE.
    raw = bytearray(bytes(GTP_U_Header(gtp_type=2, S=1, seq=1) /
                          GTPEchoResponse(IE_list=[IE_Recovery(restart_counter=1)])))
    raw[2:4] = (int.from_bytes(raw[2:4], "big") - 1).to_bytes(2, "big")
    return record("bad-ie-overrun", "echo", bytes(raw[:-1]), "ie_overrun")


def main():
    lines = []
    for i in range(COUNT):
        lines.append(valid() if i % 3 else malformed())
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
