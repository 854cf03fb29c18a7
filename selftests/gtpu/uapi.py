# SPDX-License-Identifier: GPL-2.0
"""
The numbers of uapi/linux/edgedp.h, read from the header itself so that the
tests follow the contract as its enumerations grow:

    import uapi
    uapi.EDGEDP_CMD_SESSION_NEW, uapi.EDGEDP_A_PDR_TEID, uapi.drop_names()
"""
import os
import re

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "..", "..", "uapi", "linux", "edgedp.h")


def _parse(path):
    text = open(path).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    consts = {}
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        val = -1
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                name, expr = (s.strip() for s in item.split("=", 1))
                val = eval(expr, {}, dict(consts))  # "1 << 2", "0", "6"
            else:
                name = item
                val += 1
            consts[name] = val
    for name, expr in re.findall(r"#define\s+(EDGEDP_\w+)\s+\((\w+\s*-\s*1)\)", text):
        consts[name] = eval(expr, {}, dict(consts))
    for name, val in re.findall(r"#define\s+(EDGEDP_\w+)\s+(\d+)\s*$", text, flags=re.M):
        consts[name] = int(val)
    return consts


globals().update(_parse(HEADER))

# edgectl's names of the drop reasons: EDGEDP_DROP_NO_TEID -> "no-teid".
_DROP_NAME_EXCEPTIONS = {"GTPU_HDR": "gtpu-hdr", "GTPU_EXT": "gtpu-ext",
                         "GTPU_TYPE": "gtpu-type"}


def drop_names():
    """{reason number: edgectl name} for every drop reason of the header."""
    out = {}
    for k, v in globals().items():
        if k.startswith("EDGEDP_DROP_") and not k.startswith("EDGEDP_DROP_MAX") \
                and k not in ("EDGEDP_DROP_UNSPEC",) and not k.startswith("__"):
            short = k[len("EDGEDP_DROP_"):]
            out[v] = _DROP_NAME_EXCEPTIONS.get(short, short.lower().replace("_", "-"))
    return out
