#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Host test: uapi/edgedp.yaml and uapi/linux/edgedp.h describe one contract.

Validates the YAML spec against the kernel's genetlink schema (when the ynl
tree is cached) and checks that every command, attribute, enum and flag the
spec names has the same value in the C header, and that the header has no
command or attribute the spec lacks. Prints TAP 13.
"""
import os
import re
import sys

import yaml

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SPEC = os.path.join(TOP, "uapi", "edgedp.yaml")
HDR = os.path.join(TOP, "uapi", "linux", "edgedp.h")
SCHEMA = os.path.join(os.environ.get("EDGEDP_CACHE", "/var/cache/edgedp"),
                      "ynl", "Documentation", "netlink", "genetlink.yaml")

# attribute-set name -> C prefix
SET_PREFIX = {"info": "EDGEDP_A_INFO_", "dev": "EDGEDP_A_DEV_",
              "stats": "EDGEDP_A_STATS_", "drops": "EDGEDP_DROP_",
              "ep": "EDGEDP_A_EP_", "session": "EDGEDP_A_SESSION_",
              "pdr": "EDGEDP_A_PDR_", "far": "EDGEDP_A_FAR_",
              "rstats": "EDGEDP_A_RSTATS_", "qer": "EDGEDP_A_QER_",
              "urr": "EDGEDP_A_URR_", "sdf": "EDGEDP_A_SDF_",
              "peer": "EDGEDP_A_PEER_"}
# definitions name -> C prefix
DEF_PREFIX = {"feature": "EDGEDP_FEATURE_", "drop-reason": "EDGEDP_DROP_",
              "iface": "EDGEDP_IFACE_", "ep-role": "EDGEDP_EP_",
              "far-action": "EDGEDP_FAR_", "ohr": "EDGEDP_OHR_",
              "gate": "EDGEDP_GATE_", "mod-flags": "EDGEDP_MOD_",
              "peer-state": "EDGEDP_PEER_", "ep-flags": "EDGEDP_EPF_"}


def c_name(prefix, name):
    return prefix + name.upper().replace("-", "_")


def header_values():
    """Every enumerator of the header with its value."""
    text = open(HDR).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    vals = {}
    for body in re.findall(r"enum\s+\w+\s*{(.*?)}", text, flags=re.S):
        nxt = 0
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            m = re.match(r"(\w+)\s*(?:=\s*(.+))?$", item)
            name, expr = m.group(1), m.group(2)
            if expr is not None:
                nxt = eval(expr, {}, {})
            vals[name] = nxt
            nxt += 1
    return vals


def spec_values(spec):
    want = {}
    for d in spec.get("definitions", []):
        prefix = DEF_PREFIX[d["name"]]
        nxt = 0
        for e in d["entries"]:
            if isinstance(e, dict):
                nxt = e.get("value", nxt)
                e = e["name"]
            want[c_name(prefix, e)] = nxt if d["type"] == "enum" else 1 << nxt
            nxt += 1
    for s in spec["attribute-sets"]:
        nxt = 1
        for a in s["attributes"]:
            nxt = a.get("value", nxt)
            want[c_name(SET_PREFIX[s["name"]], a["name"])] = nxt
            nxt += 1
    nxt = 1
    for op in spec["operations"]["list"]:
        nxt = op.get("value", nxt)
        want[c_name("EDGEDP_CMD_", op["name"])] = nxt
        nxt += 1
    return want


def main():
    results = []
    spec = yaml.safe_load(open(SPEC))

    if os.path.exists(SCHEMA):
        import jsonschema
        try:
            jsonschema.validate(spec, yaml.safe_load(open(SCHEMA)))
            results.append((True, "spec validates against genetlink.yaml", ""))
        except jsonschema.ValidationError as e:
            results.append((False, "spec validates against genetlink.yaml", e.message))
    else:
        results.append((None, "spec validates against genetlink.yaml", "no cached schema"))

    have = header_values()
    want = spec_values(spec)
    bad = [f"{k}: spec {v}, header {have.get(k)}" for k, v in want.items()
           if have.get(k) != v]
    results.append((not bad, "spec values equal header values", "; ".join(bad)))

    # Everything the header exports must be in the spec (besides markers).
    skip = re.compile(r"(UNSPEC|^__|_MAX$)")
    prefixes = tuple(SET_PREFIX.values()) + tuple(DEF_PREFIX.values()) + ("EDGEDP_CMD_",)
    extra = [k for k in have if k.startswith(prefixes) and not skip.search(k)
             and k not in want]
    results.append((not extra, "header has nothing the spec lacks", ", ".join(extra)))

    print("TAP version 13")
    print(f"1..{len(results)}")
    fails = 0
    for i, (ok, name, why) in enumerate(results, 1):
        if ok is None:
            print(f"ok {i} {name} # SKIP {why}")
        elif ok:
            print(f"ok {i} {name}")
        else:
            fails += 1
            print(f"not ok {i} {name}\n# {why}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
