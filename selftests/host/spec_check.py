#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Host test: uapi/edgedp.yaml and uapi/linux/edgedp.h describe one contract.

Validates the YAML spec against the kernel's genetlink schema (when the ynl
tree is cached) and checks that every command, attribute, enum and flag the
spec names has the same value in the C header, and that the header has no
command or attribute the spec lacks.

Then the kernel's side of the contract, read from kmod/: every attribute's
nla_policy entry against the spec attribute's type and checks (min, max,
enum ranges and flag masks, lengths; what ynl-gen-c would generate, compared
by the values accepted, so NLA_POLICY_MASK(NLA_U8, 0xf) equals max 15 and
NLA_POLICY_MAX(NLA_U8, U8_MAX) no check); attributes a request may not carry
rejected (NLA_REJECT or no entry): top-level ones absent from every request
of the set's operations, nested ones documented "(replies only)" or
"(replies and events only)", as the genetlink spec has no field for them.
Each operation's admin-perm against GENL_ADMIN_PERM, its do and dump
handlers, policy table and maxattr; each multicast group's admin-perm
against GENL_MCAST_CAP_NET_ADMIN. Constants are evaluated from the header,
kmod/ and a table of kernel ones; an initialiser or expression the check
cannot read is a failure, never a pass. Prints TAP 13.
"""
import ast
import glob
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


# --- The C policies, ops and groups of kmod/ against the spec ---------------

KMOD = os.path.join(TOP, "kmod")

# Kernel constants a policy may use, the same on every supported kernel.
KERNEL_CONSTS = {
    "IFNAMSIZ": 16, "ETH_ALEN": 6,
    "U8_MAX": (1 << 8) - 1, "U16_MAX": (1 << 16) - 1,
    "U32_MAX": (1 << 32) - 1, "U64_MAX": (1 << 64) - 1,
    "S8_MIN": -(1 << 7), "S8_MAX": (1 << 7) - 1,
    "S16_MIN": -(1 << 15), "S16_MAX": (1 << 15) - 1,
    "S32_MIN": -(1 << 31), "S32_MAX": (1 << 31) - 1,
    "S64_MIN": -(1 << 63), "S64_MAX": (1 << 63) - 1,
}
KERNEL_SIZEOF = {
    "struct in_addr": 4, "struct in6_addr": 16, "struct nla_bitfield32": 8,
    "u8": 1, "u16": 2, "u32": 4, "u64": 8, "__u8": 1, "__u16": 2, "__u32": 4,
    "__u64": 8, "__be16": 2, "__be32": 4, "__be64": 8,
}
C_FUNCS = {
    "BIT": lambda n: 1 << n, "BIT_ULL": lambda n: 1 << n,
    "GENMASK": lambda h, l: ((1 << (h - l + 1)) - 1) << l,
    "GENMASK_ULL": lambda h, l: ((1 << (h - l + 1)) - 1) << l,
}
C_BINOPS = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b, ast.BitOr: lambda a, b: a | b,
    ast.BitAnd: lambda a, b: a & b, ast.BitXor: lambda a, b: a ^ b,
    ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
    ast.Div: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
}

# Netlink integer types with the values they carry.
NLA_INT = {
    "NLA_U8": (0, (1 << 8) - 1), "NLA_U16": (0, (1 << 16) - 1),
    "NLA_U32": (0, (1 << 32) - 1), "NLA_U64": (0, (1 << 64) - 1),
    "NLA_S8": (-(1 << 7), (1 << 7) - 1), "NLA_S16": (-(1 << 15), (1 << 15) - 1),
    "NLA_S32": (-(1 << 31), (1 << 31) - 1), "NLA_S64": (-(1 << 63), (1 << 63) - 1),
    "NLA_BE16": (0, (1 << 16) - 1), "NLA_BE32": (0, (1 << 32) - 1),
    "NLA_UINT": (0, (1 << 64) - 1), "NLA_SINT": (-(1 << 63), (1 << 63) - 1),
}
SPEC_INT = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
            "s8": "NLA_S8", "s16": "NLA_S16", "s32": "NLA_S32", "s64": "NLA_S64",
            "uint": "NLA_UINT", "sint": "NLA_SINT"}
SPEC_BE = {"u16": "NLA_BE16", "u32": "NLA_BE32"}

# A nested attribute the kernel rejects in requests says so in its doc: the
# genetlink spec has no field for it (top-level attributes need none, the
# operations' request lists say which they take).
REPLY_ONLY = re.compile(r"\(replies(?: and events)? only\)")

CMD_FLAGS = {"GENL_ADMIN_PERM": "admin-perm"}
MCAST_FLAGS = {"GENL_MCAST_CAP_NET_ADMIN": "admin-perm"}
DONT_VALIDATE = {"GENL_DONT_VALIDATE_STRICT": "strict",
                 "GENL_DONT_VALIDATE_DUMP": "dump",
                 "GENL_DONT_VALIDATE_DUMP_STRICT": "dump-strict"}


class Unknown(Exception):
    """C the check cannot read or evaluate: a failure, never a pass."""


def strip_comments(text):
    def repl(m):
        s = m.group(0)
        if s.startswith("//"):
            return ""
        if s.startswith("/*"):
            return "\n" * s.count("\n") or " "
        return s
    return re.sub(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  repl, text, flags=re.S)


def split_top(text, sep=","):
    """text split at sep outside brackets and string literals."""
    parts, cur, depth, quote, esc = [], [], 0, None, False
    for ch in text:
        if quote:
            cur.append(ch)
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                raise Unknown(f"unbalanced brackets in '{text.strip()}'")
        if ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if depth or quote:
        raise Unknown(f"unbalanced brackets in '{text.strip()}'")
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


def braced(text, start):
    """The text inside the brace at text[start] and its closing brace."""
    depth = 0
    for m in re.compile(r'"(?:\\.|[^"\\])*"|[{}]').finditer(text, start):
        if m.group(0) == "{":
            depth += 1
        elif m.group(0) == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:m.start()]
    raise Unknown("unterminated initialiser")


def designated(body):
    """{field: expression} of a designated initialiser body."""
    out = {}
    for item in split_top(body):
        m = re.fullmatch(r"\.(\w+)\s*=\s*(.+)", item, flags=re.S)
        if not m:
            raise Unknown(f"not a designated initialiser: '{item}'")
        out[m.group(1)] = m.group(2).strip()
    return out


def flag_names(expr, known, what):
    """The spec flags of a C expression like A | B, every name known."""
    out = set()
    for name in (n.strip() for n in expr.split("|")):
        if name == "0":
            continue
        if name not in known:
            raise Unknown(f"{what} {name}: not one the spec can say")
        out.add(known[name])
    return out


class CSource:
    """kmod/**/*.[ch] (the core, every capability, compat) and the uapi header: constants, initialisers."""

    def __init__(self):
        files = [HDR] + sorted(glob.glob(os.path.join(KMOD, "**", "*.[ch]"), recursive=True))
        self.text = {}
        self.defs = {}
        for f in files:
            text = strip_comments(open(f).read())
            self.text[os.path.relpath(f, TOP)] = text
            text = text.replace("\\\n", " ")
            for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(\(?)(.*)$",
                                 text, flags=re.M):
                if not m.group(2):
                    self.defs.setdefault(m.group(1), set()).add(m.group(3).strip())
            for body in re.findall(r"\benum\s+\w*\s*{(.*?)}", text, flags=re.S):
                prev = None
                for item in split_top(body):
                    m = re.fullmatch(r"(\w+)\s*(?:=\s*(.+))?", item, flags=re.S)
                    if not m:
                        continue
                    expr = m.group(2) or (f"({prev}) + 1" if prev else "0")
                    self.defs.setdefault(m.group(1), set()).add(expr.strip())
                    prev = m.group(1)

    def symbol(self, name, seen):
        if name in seen:
            raise Unknown(f"{name} is defined by itself")
        if name in self.defs:
            if len(self.defs[name]) > 1:
                raise Unknown(f"{name} has several definitions")
            return self.value(next(iter(self.defs[name])), seen + (name,))
        if name in KERNEL_CONSTS:
            return KERNEL_CONSTS[name]
        raise Unknown(f"unknown constant {name}")

    def value(self, expr, seen=()):
        """The value (int or str) of a C constant expression."""
        def sizeof(m):
            t = " ".join(m.group(1).split())
            if t not in KERNEL_SIZEOF:
                raise Unknown(f"unknown sizeof({t})")
            return str(KERNEL_SIZEOF[t])

        def number(m):
            s = m.group(1)
            if s is None:
                return m.group(0)
            if re.fullmatch(r"0[0-7]+", s):
                return str(int(s, 8))
            return str(int(s, 0))
        expr = " ".join(expr.split())
        text = re.sub(r"\bsizeof\s*\(([^()]*)\)", sizeof, expr)
        try:
            text = re.sub(r'"(?:\\.|[^"\\])*"|\b(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b',
                          number, text)
            tree = ast.parse(f"({text})", mode="eval")
        except (SyntaxError, ValueError):
            raise Unknown(f"cannot evaluate '{expr.strip()}'")
        return self._eval(tree.body, expr, seen)

    def _eval(self, node, expr, seen):
        if isinstance(node, ast.Constant) and type(node.value) in (int, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.symbol(node.id, seen)
        if isinstance(node, ast.BinOp) and type(node.op) in C_BINOPS:
            a = self._eval(node.left, expr, seen)
            b = self._eval(node.right, expr, seen)
            if type(a) is int and type(b) is int and a >= 0 and b >= 0 and \
               not (isinstance(node.op, (ast.Div, ast.Mod)) and b == 0):
                return C_BINOPS[type(node.op)](a, b)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            a = self._eval(node.operand, expr, seen)
            if type(a) is int:
                return -a if isinstance(node.op, ast.USub) else a
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in C_FUNCS and not node.keywords:
            args = [self._eval(a, expr, seen) for a in node.args]
            if all(type(a) is int and a >= 0 for a in args):
                try:
                    return C_FUNCS[node.func.id](*args)
                except TypeError:
                    pass
        raise Unknown(f"cannot evaluate '{expr.strip()}'")

    def initialisers(self, ctype, array):
        """(file, name, size, body) of each definition of a struct ctype."""
        decl = re.compile(r"\bstruct\s+" + ctype + r"\s+(\w+)\s*" +
                          (r"\[([^\]]*)\]" if array else r"()") + r"\s*(.)", re.S)
        for f, text in self.text.items():
            for m in decl.finditer(text):
                if m.group(3) == ";":
                    continue
                if m.group(3) != "=":
                    raise Unknown(f"{f}: {m.group(1)}: initialiser not understood")
                i = text.index("{", m.end(3))
                if text[m.end(3):i].strip():
                    raise Unknown(f"{f}: {m.group(1)}: initialiser not understood")
                yield f, m.group(1), m.group(2).strip(), braced(text, i)


def last_value(s):
    """The value of an attribute set's last attribute (its C _MAX)."""
    nxt = 1
    for a in s["attributes"]:
        nxt = a.get("value", nxt) + 1
    return nxt - 1


def set_of_size(size):
    """The attribute set of a policy of [EDGEDP_A_<SET>_MAX + 1] entries."""
    m = re.fullmatch(r"(\w+_)MAX\s*\+\s*1", size)
    sets = {v: k for k, v in SET_PREFIX.items()}
    if not m or m.group(1) not in sets:
        raise Unknown(f"size [{size}] names no attribute set")
    return sets[m.group(1)]


def norm_int(typ, lo=None, hi=None, mask=None):
    tlo, thi = NLA_INT[typ]
    lo = tlo if lo is None else lo
    hi = thi if hi is None else hi
    if mask is not None and mask & (mask + 1) == 0:
        hi, mask = min(hi, mask), None    # a mask of the low bits is a max
    return {"kind": "int", "type": typ, "lo": lo, "hi": hi, "mask": mask}


REJECT = {"kind": "reject"}


def norm_bin(lo=0, hi=None):
    return {"kind": "binary", "lo": lo, "hi": hi}


def describe(p):
    kind = p["kind"]
    if kind == "reject":
        return "rejected in requests"
    if kind == "int":
        s = p["type"][4:].lower()
        if (p["lo"], p["hi"]) != NLA_INT[p["type"]]:
            s += f" {p['lo']}..{p['hi']}"
        if p["mask"] is not None:
            s += f" mask {p['mask']:#x}"
        return s
    if kind == "binary":
        if p["lo"] == p["hi"]:
            return f"binary exact-len {p['lo']}"
        return "binary" + (f" min-len {p['lo']}" if p["lo"] else "") + \
            (f" max-len {p['hi']}" if p["hi"] is not None else "")
    if kind == "string":
        return "string" + (f" max-len {p['hi']}" if p["hi"] is not None else "")
    if kind == "nest":
        return "nest" + (f" of {p['set']}" if p["set"] else "")
    return kind


class KernelPolicies:
    """The nla_policy tables of kmod/, per attribute set."""

    def __init__(self, c):
        self.c = c
        self.ranges = {}        # name -> (signed?, {field: expression})
        for kind in ("netlink_range_validation", "netlink_range_validation_signed"):
            for f, name, _, body in c.initialisers(kind, False):
                if name in self.ranges:
                    raise Unknown(f"{f}: range {name} defined twice")
                self.ranges[name] = (kind.endswith("_signed"), designated(body))
        self.tables = []        # (file, name, set, {C attribute: initialiser})
        self.array_set = {}
        for f, name, size, body in c.initialisers("nla_policy", True):
            entries = {}
            for item in split_top(body):
                m = re.fullmatch(r"\[\s*(\w+)\s*\]\s*=\s*(.+)", item, flags=re.S)
                if not m:
                    raise Unknown(f"{f}: {name}: entry '{item}' not understood")
                if m.group(1) in entries:
                    raise Unknown(f"{f}: {name}: {m.group(1)} given twice")
                entries[m.group(1)] = m.group(2).strip()
            if name in self.array_set:
                raise Unknown(f"{f}: policy {name} defined twice")
            sname = set_of_size(size)
            self.array_set[name] = sname
            self.tables.append((f, name, sname, entries))

    def entry(self, text):
        """An initialiser of a policy entry, normalised."""
        c = self.c
        m = re.fullmatch(r"(\w+)\s*\((.*)\)", text, flags=re.S)
        if m:
            macro, args = m.group(1), split_top(m.group(2))
            if not args:
                raise Unknown(f"'{text}' not understood")
            if macro in ("NLA_POLICY_MIN", "NLA_POLICY_MAX", "NLA_POLICY_RANGE",
                         "NLA_POLICY_MASK", "NLA_POLICY_FULL_RANGE",
                         "NLA_POLICY_FULL_RANGE_SIGNED") and args[0] not in NLA_INT:
                if args[0] == "NLA_BINARY" and macro == "NLA_POLICY_RANGE" and len(args) == 3:
                    return norm_bin(c.value(args[1]), c.value(args[2]))
                raise Unknown(f"{macro} of {args[0]}")
            n = {"NLA_POLICY_MIN": 2, "NLA_POLICY_MAX": 2, "NLA_POLICY_RANGE": 3,
                 "NLA_POLICY_MASK": 2, "NLA_POLICY_FULL_RANGE": 2,
                 "NLA_POLICY_FULL_RANGE_SIGNED": 2, "NLA_POLICY_EXACT_LEN": 1,
                 "NLA_POLICY_MIN_LEN": 1, "NLA_POLICY_MAX_LEN": 1,
                 "NLA_POLICY_NESTED": 1}.get(macro)
            if n is None or len(args) != n:
                raise Unknown(f"'{text}' not understood")
            if macro == "NLA_POLICY_MIN":
                return norm_int(args[0], lo=c.value(args[1]))
            if macro == "NLA_POLICY_MAX":
                return norm_int(args[0], hi=c.value(args[1]))
            if macro == "NLA_POLICY_RANGE":
                return norm_int(args[0], c.value(args[1]), c.value(args[2]))
            if macro == "NLA_POLICY_MASK":
                return norm_int(args[0], mask=c.value(args[1]))
            if macro.startswith("NLA_POLICY_FULL_RANGE"):
                r = re.fullmatch(r"&\s*(\w+)", args[1])
                if not r or r.group(1) not in self.ranges:
                    raise Unknown(f"range {args[1]} not found")
                signed, fields = self.ranges[r.group(1)]
                if signed != macro.endswith("_SIGNED") or set(fields) - {"min", "max"}:
                    raise Unknown(f"range {r.group(1)} not understood")
                return norm_int(args[0], c.value(fields.get("min", "0")),
                                c.value(fields.get("max", "0")))
            if macro == "NLA_POLICY_EXACT_LEN":
                return norm_bin(c.value(args[0]), c.value(args[0]))
            if macro == "NLA_POLICY_MIN_LEN":
                return norm_bin(lo=c.value(args[0]))
            if macro == "NLA_POLICY_MAX_LEN":
                return norm_bin(hi=c.value(args[0]))
            if args[0] not in self.array_set:
                raise Unknown(f"nested policy {args[0]} not found")
            return {"kind": "nest", "set": self.array_set[args[0]]}
        if not (text.startswith("{") and text.endswith("}")):
            raise Unknown(f"'{text}' not understood")
        f = designated(text[1:-1])
        typ = f.pop("type", "NLA_UNSPEC")
        length = c.value(f.pop("len")) if "len" in f else 0
        if typ == "NLA_REJECT":
            f.pop("reject_message", None)
        if f:
            raise Unknown(f"'{text}': field .{next(iter(f))} not compared")
        if typ == "NLA_REJECT" or (typ == "NLA_UNSPEC" and not length):
            return REJECT
        if typ == "NLA_UNSPEC":
            return norm_bin(lo=length)          # legacy: a minimum length
        if typ == "NLA_BINARY":
            return norm_bin(hi=length or None)
        if typ == "NLA_NUL_STRING":
            return {"kind": "string", "hi": length or None}
        if typ in NLA_INT and not length:
            return norm_int(typ)
        if typ == "NLA_FLAG" and not length:
            return {"kind": "flag"}
        if typ == "NLA_NESTED" and not length:
            return {"kind": "nest", "set": None}
        raise Unknown(f"'{text}' not understood")


def spec_defs(spec):
    """definitions name -> (type, [raw entry values], value of a const)."""
    out = {}
    for d in spec.get("definitions", []):
        vals, nxt = [], d.get("value-start", 0)
        for e in d.get("entries", []):
            if isinstance(e, dict):
                nxt = e.get("value", nxt)
            vals.append(nxt)
            nxt += 1
        out[d["name"]] = (d["type"], vals, d.get("value"))
    return out


def spec_limit(defs, v):
    if type(v) is int:
        return v
    m = re.fullmatch(r"([su])(8|16|32|64)-(min|max)", str(v))
    if m:
        bits = int(m.group(2)) - (m.group(1) == "s")
        lo = -(1 << bits) if m.group(1) == "s" else 0
        return lo if m.group(3) == "min" else (1 << bits) - 1
    m = re.fullmatch(r"([\w-]+)( - 1)?", str(v))
    if m and m.group(1) in defs and defs[m.group(1)][0] == "const":
        return defs[m.group(1)][2] - (1 if m.group(2) else 0)
    raise Unknown(f"limit '{v}' not understood")


def spec_policy(defs, a):
    """What ynl-gen-c would make of a spec attribute taken in requests, normalised."""
    t = a["type"]
    checks = dict(a.get("checks", {}))
    known = {"min", "max", "flags-mask", "min-len", "max-len", "exact-len"}
    if set(checks) - known:
        raise Unknown(f"check {sorted(set(checks) - known)[0]} not compared")
    lim = {k: spec_limit(defs, v) for k, v in checks.items() if k != "flags-mask"}
    if t == "pad":
        return REJECT
    if t in SPEC_INT:
        if set(lim) & {"min-len", "max-len", "exact-len"}:
            raise Unknown("a length check on an integer")
        order = a.get("byte-order")
        if order == "big-endian" and t in SPEC_BE:
            typ = SPEC_BE[t]
        elif order is None:
            typ = SPEC_INT[t]
        else:
            raise Unknown(f"{order} {t}")
        lo = hi = mask = None
        if "enum" in a:
            etype, vals, _ = defs[a["enum"]]
            if etype == "flags" or a.get("enum-as-flags"):
                mask = 0
                for v in vals:
                    mask |= 1 << v
            else:
                if min(vals) != 0 or t[0] == "s":
                    lo = min(vals)
                hi = max(vals)
        if "flags-mask" in checks:
            mask = 0
            for v in defs[checks["flags-mask"]][1]:
                mask |= 1 << v
        lo = lim.get("min", lo)
        hi = lim.get("max", hi)
        return norm_int(typ, lo, hi, mask)
    if set(lim) & {"min", "max"} or "flags-mask" in checks:
        raise Unknown(f"a value check on a {t}")
    if t == "string":
        if "exact-len" in lim:
            return norm_bin(lim["exact-len"], lim["exact-len"])
        if "min-len" in lim:
            raise Unknown("min-len of a string")
        return {"kind": "string", "hi": lim.get("max-len")}
    if t == "binary":
        if "exact-len" in lim:
            return norm_bin(lim["exact-len"], lim["exact-len"])
        return norm_bin(lim.get("min-len", 0), lim.get("max-len"))
    if t == "flag" and not lim:
        return {"kind": "flag"}
    if t == "nest" and not lim:
        return {"kind": "nest", "set": a.get("nested-attributes")}
    raise Unknown(f"type {t} not compared")


def request_attrs(spec, bad):
    """attribute-set name -> names of the attributes a request may carry."""
    sets = {s["name"]: {a["name"]: a for a in s["attributes"]}
            for s in spec["attribute-sets"]}
    acc = {name: set() for name in sets}
    todo = []
    for op in spec["operations"]["list"]:
        for mode in ("do", "dump"):
            req = (op.get(mode) or {}).get("request") or {}
            for name in req.get("attributes", []):
                a = sets[op["attribute-set"]].get(name)
                if a is None:
                    bad.append(f"{op['name']} requests {name}, not in set {op['attribute-set']}")
                elif REPLY_ONLY.search(a.get("doc", "")):
                    bad.append(f"{op['name']} requests {name}, documented replies only")
                else:
                    todo.append((op["attribute-set"], name))
    while todo:
        sname, name = todo.pop()
        if name in acc[sname]:
            continue
        acc[sname].add(name)
        a = sets[sname][name]
        if a["type"] == "nest":
            inner = a["nested-attributes"]
            todo += [(inner, b["name"]) for b in sets[inner].values()
                     if b["type"] != "pad" and not REPLY_ONLY.search(b.get("doc", ""))]
    return acc


def check_policies(spec, kp):
    """(ok, name, why) per attribute set: its C policy against the spec."""
    defs = spec_defs(spec)
    general = []
    acc = request_attrs(spec, general)
    results = []
    for s in spec["attribute-sets"]:
        sname, prefix = s["name"], SET_PREFIX[s["name"]]
        bad = []
        tables = [t for t in kp.tables if t[2] == sname]
        for a in s["attributes"]:
            cname = c_name(prefix, a["name"])
            try:
                want = spec_policy(defs, a) if a["name"] in acc[sname] else REJECT
            except (Unknown, KeyError) as e:
                bad.append(f"{a['name']}: spec: {e}")
                continue
            if not tables and want != REJECT:
                bad.append(f"{a['name']}: spec takes {describe(want)} in requests, "
                           "the kernel has no policy for the set")
            for f, tname, _, entries in tables:
                try:
                    have = kp.entry(entries[cname]) if cname in entries else REJECT
                except Unknown as e:
                    bad.append(f"{a['name']}: {f}: {tname}: {e}")
                    continue
                if have != want:
                    bad.append(f"{a['name']}: spec {describe(want)}, "
                               f"kernel ({tname}) {describe(have)}")
        names = {c_name(prefix, a["name"]) for a in s["attributes"]}
        for f, tname, _, entries in tables:
            bad += [f"{f}: {tname}: {k} is not in the spec" for k in entries if k not in names]
        results.append((not bad, f"policy of the {sname} attributes equals the spec",
                        "; ".join(bad)))
    results.append((not general, "requests name only attributes taken in requests",
                    "; ".join(general)))
    return results


def check_ops(spec, c, kp):
    """Each operation's admin-perm; its do, dump, policy and maxattr."""
    ops = {}
    for kind in ("genl_ops", "genl_small_ops", "genl_split_ops"):
        for f, name, _, body in c.initialisers(kind, True):
            if kind == "genl_split_ops":
                raise Unknown(f"{f}: {name}: split ops are not compared")
            for item in split_top(body):
                if not (item.startswith("{") and item.endswith("}")):
                    raise Unknown(f"{f}: {name}: entry '{item}' not understood")
                fields = designated(item[1:-1])
                cmd = fields.get("cmd", "?")
                if cmd in ops:
                    raise Unknown(f"{cmd} twice in the ops")
                ops[cmd] = fields
    perm, other = [], []
    sets = {s["name"]: s for s in spec["attribute-sets"]}
    for op in spec["operations"]["list"]:
        cmd = c_name("EDGEDP_CMD_", op["name"])
        fields = ops.pop(cmd, None)
        handled = "do" in op or "dump" in op
        if fields is None:
            if handled:
                other.append(f"{op['name']}: not in the kernel's ops")
            continue
        if not handled:
            other.append(f"{op['name']}: a notification in the spec, an op in the kernel")
            continue
        known = {"cmd", "doit", "dumpit", "start", "done", "policy", "maxattr",
                 "flags", "validate"}
        if set(fields) - known:
            other.append(f"{op['name']}: .{sorted(set(fields) - known)[0]} not compared")
        try:
            have = flag_names(fields.get("flags", "0"), CMD_FLAGS, "flag")
        except Unknown as e:
            perm.append(f"{op['name']}: {e}")
        else:
            want = set(op.get("flags", []))
            if have != want:
                perm.append(f"{op['name']}: spec {sorted(want) or 'no flags'}, "
                            f"kernel {sorted(have) or 'no flags'}")
        for mode, fn in (("do", "doit"), ("dump", "dumpit")):
            if (mode in op) != (fn in fields):
                other.append(f"{op['name']}: {mode} in the " +
                             ("spec only" if mode in op else "kernel only"))
        try:
            dv = flag_names(fields.get("validate", "0"), DONT_VALIDATE, "validate")
            if dv != set(op.get("dont-validate", [])):
                other.append(f"{op['name']}: dont-validate spec "
                             f"{sorted(op.get('dont-validate', []))}, kernel {sorted(dv)}")
            sname = op["attribute-set"]
            pol = fields.get("policy")
            if kp.array_set.get(pol) != sname:
                other.append(f"{op['name']}: spec set {sname}, kernel policy {pol}")
            last = last_value(sets[sname])
            if "maxattr" not in fields or c.value(fields["maxattr"]) != last:
                other.append(f"{op['name']}: maxattr {fields.get('maxattr')}, "
                             f"the set's last attribute is {last}")
        except Unknown as e:
            other.append(f"{op['name']}: {e}")
    other += [f"{cmd}: in the kernel's ops, not in the spec" for cmd in ops]
    return [(not perm, "operations' admin-perm equals GENL_ADMIN_PERM", "; ".join(perm)),
            (not other, "operations' do, dump, policy and maxattr equal the spec",
             "; ".join(other))]


def check_mcgrps(spec, c):
    """Each multicast group and its admin-perm."""
    have = {}
    bad = []
    for f, name, _, body in c.initialisers("genl_multicast_group", True):
        for item in split_top(body):
            m = re.fullmatch(r"(?:\[[^\]]*\]\s*=\s*)?{(.*)}", item, flags=re.S)
            if not m:
                raise Unknown(f"{f}: {name}: entry '{item}' not understood")
            parts = split_top(m.group(1))
            if parts and parts[0].startswith("."):
                fields = designated(m.group(1))
            else:
                fields = dict(zip(("name", "flags"), parts))
            if set(fields) - {"name", "flags"} or "name" not in fields:
                raise Unknown(f"{f}: {name}: entry '{item}' not understood")
            gname = c.value(fields["name"])
            have[gname] = flag_names(fields.get("flags", "0"), MCAST_FLAGS, "group flag")
    want = {g["name"]: set(g.get("flags", []))
            for g in spec.get("mcast-groups", {}).get("list", [])}
    for g in sorted(set(want) | set(have), key=str):
        if g not in have or g not in want:
            bad.append(f"group {g}: only in the " + ("spec" if g in want else "kernel"))
        elif have[g] != want[g]:
            bad.append(f"group {g}: spec {sorted(want[g]) or 'no flags'}, "
                       f"kernel {sorted(have[g]) or 'no flags'}")
    return [(not bad, "multicast groups and their flags equal the spec", "; ".join(bad))]


def kernel_checks(spec):
    """The policy, ops and group checks; one failure if kmod/ cannot be read."""
    try:
        c = CSource()
        kp = KernelPolicies(c)
    except Unknown as e:
        return [(False, "kmod/ policy tables are understood", str(e))]
    results = check_policies(spec, kp)
    try:
        results += check_ops(spec, c, kp)
    except Unknown as e:
        results.append((False, "kmod/ ops table is understood", str(e)))
    try:
        results += check_mcgrps(spec, c)
    except Unknown as e:
        results.append((False, "kmod/ multicast groups are understood", str(e)))
    return results


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

    results += kernel_checks(spec)

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
            print(f"not ok {i} {name}")
            for line in " ".join(why.split()).split("; "):
                print(f"# {line}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
