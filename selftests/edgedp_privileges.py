#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
The privilege model of edgedp (d6cf28a, docs/security.md), command by
command: every command of uapi/linux/edgedp.h's enum edgedp_cmd that returns
or changes datapath state is GENL_ADMIN_PERM (CAP_NET_ADMIN in the initial
user namespace), doit and dump alike; only GET_INFO is open; the event-only
commands (*_NTF) and UNSPEC have no handler (EOPNOTSUPP for everyone); the
"events" group needs CAP_NET_ADMIN over the namespace's user namespace; and
`ip link add NAME type edgedp` needs CAP_NET_ADMIN in the initial user
namespace, like genl dev-new.

The commands are read from the header, so a command added later without
GENL_ADMIN_PERM (or without a handler though not an event) fails this test.

In a namespace of its own (lo 10.0.0.1; device priv0 with an endpoint, a
session and a supervised peer), four callers:

  (d) real root: the kernel's op table (CTRL_CMD_GETFAMILY) flags every
      command but GET_INFO GENL_ADMIN_PERM; every read works and returns the
      objects; the events group joins and delivers DEV_ADD_NTF/DEV_DEL_NTF
      for genl and rtnetlink devices. So nothing below passes vacuously.
  (a) uid 65534 without capabilities (setpriv): every command but GET_INFO
      EPERM, doit and dump; joining "events" (setsockopt and bind) EPERM;
      edgectl session show / dev show / monitor exit 2 "Operation not
      permitted".
  (b) root of a new user namespace (unshare -U -r) in this namespace, owned
      by the initial user namespace: the same as (a), although it has every
      capability in its own user namespace.
  (c) root of a new user namespace with a network namespace of its own
      (unshare -U -r -n): rtnetlink newlink of kind edgedp and `ip link add
      e0 type edgedp` EPERM with the extack "edgedp devices need
      CAP_NET_ADMIN in the initial user namespace" (a dummy device works,
      so rtnetlink itself lets it through), genl dev-new EPERM, every other
      command as in (a), and no device exists after. Joining "events"
      there is allowed: GENL_MCAST_CAP_NET_ADMIN is CAP_NET_ADMIN over the
      netns's owner, and no edgedp device can be made in that netns.
Finally the datapath is exactly as before the three unprivileged runs.

The VM runs tests chrooted (selftests/qemu/init.sh), and create_user_ns()
refuses a chrooted caller (EPERM, whatever the sysctls say): the userns
children are then started from a mount namespace of their own whose root is
the chroot (switch_root's move of the root mount, done in a child).
"""
import ctypes
import errno
import json
import os
import re
import select
import socket
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "gtpu"))
import genl  # noqa: E402
import uapi as U  # noqa: E402
import nltest  # noqa: E402
from edgecfg import decode_ep, decode_session, merge_sessions, rules, u16  # noqa: E402
from genl import attr, nest, parse_attrs, string, u32, u64  # noqa: E402
from nltest import log  # noqa: E402

E = errno
EDGECTL = os.environ.get("EDGECTL", os.path.join(HERE, "..", "tools", "edgectl", "edgectl"))
SETPRIV = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           "--inh-caps=-all", "--bounding-set=-all"]
EXTACK_NEWLINK = "edgedp devices need CAP_NET_ADMIN in the initial user namespace"

# include/uapi/linux/genetlink.h
GENL_ADMIN_PERM = 0x01
GENL_CMD_CAP_DO = 0x02
GENL_CMD_CAP_DUMP = 0x04
CTRL_ATTR_OPS = 6
CTRL_ATTR_OP_ID = 1
CTRL_ATTR_OP_FLAGS = 2
# rtnetlink
RTM_NEWLINK = 16
NLM_F_EXCL, NLM_F_CREATE = 0x200, 0x400
IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND = 3, 18, 1

ADDR, PEER, UE, SEID, TEID = "10.0.0.1", "10.0.0.2", "10.60.0.5", 5, 0x500
IFX = 0   # priv0's ifindex (children get it from the context)


# ---- the commands, from the header -------------------------------------------------------

def commands():
    """{value: name} of enum edgedp_cmd, UNSPEC included, __MAX/MAX not."""
    text = open(U.HEADER).read()
    body = re.search(r"enum\s+edgedp_cmd\s*\{(.*?)\}", re.sub(r"/\*.*?\*/", "", text, flags=re.S),
                     flags=re.S).group(1)
    names = [w.strip() for w in body.split(",") if w.strip()]
    return {getattr(U, n): n[len("EDGEDP_CMD_"):] for n in names if not n.startswith("__")}


def kind(name):
    """none: no handler (events only, UNSPEC); open: anyone; admin: CAP_NET_ADMIN."""
    if name == "UNSPEC" or name.endswith("_NTF"):
        return "none"
    return "open" if name == "GET_INFO" else "admin"


def kernel_ops(g):
    """{cmd: op flags} of the family's ops, as the kernel's genl controller reports them."""
    err, ext, msgs = g.request(genl.GENL_ID_CTRL, genl.CTRL_CMD_GETFAMILY,
                               string(genl.CTRL_ATTR_FAMILY_NAME, "edgedp"), version=1)
    if err:
        raise OSError(-err, f"CTRL_CMD_GETFAMILY: {ext}")
    ops = {}
    for op in parse_attrs(parse_attrs(msgs[0][4:]).get(CTRL_ATTR_OPS, [b""])[0]).values():
        a = parse_attrs(op[0])
        ops[struct.unpack("=I", a[CTRL_ATTR_OP_ID][0][:4])[0]] = \
            struct.unpack("=I", a[CTRL_ATTR_OP_FLAGS][0][:4])[0] if CTRL_ATTR_OP_FLAGS in a else 0
    return ops


def a4(atype, addr):
    return attr(atype, socket.inet_aton(addr))


def uplink(teid, ue):
    return (f"pdr id 1 precedence 10 src-iface access teid {teid} ue {ue} ohr gtpu-udp-ipv4 far 1 "
            f"pdr id 2 precedence 10 src-iface core ue {ue} far 2 "
            f"far id 1 action forw dst-iface core "
            f"far id 2 action forw dst-iface access teid {teid + 0x1000} peer {PEER}")


def requests(name):
    """(doit attributes, dump attributes) of a request that, allowed, would work
    on priv0's objects (delete them, add to them, read them). Commands this
    test does not know get none: the permission check comes before parsing."""
    dev = {"EP": U.EDGEDP_A_EP_IFINDEX, "SESSION": U.EDGEDP_A_SESSION_IFINDEX,
           "PEER": U.EDGEDP_A_PEER_IFINDEX, "DEV": U.EDGEDP_A_DEV_IFINDEX}
    obj = name.split("_")[0]
    idx = [u32(dev[obj], IFX)] if obj in dev else []
    table = {
        "DEV_NEW": [string(U.EDGEDP_A_DEV_IFNAME, "pwn0")],
        "DEV_DEL": idx,
        "DEV_GET": [string(U.EDGEDP_A_DEV_IFNAME, "priv0")],
        "EP_NEW": idx + [a4(U.EDGEDP_A_EP_ADDR4, ADDR), u16(U.EDGEDP_A_EP_PORT, 2160)],
        "EP_DEL": idx + [a4(U.EDGEDP_A_EP_ADDR4, ADDR)],
        "EP_GET": idx,
        "SESSION_NEW": idx + [u64(U.EDGEDP_A_SESSION_SEID, 6),
                              *rules(uplink(0x600, "10.60.0.6"))],
        "SESSION_MOD": idx + [u64(U.EDGEDP_A_SESSION_SEID, SEID), *rules("remove-pdr 2")],
        "SESSION_DEL": idx + [u64(U.EDGEDP_A_SESSION_SEID, SEID)],
        "SESSION_GET": idx + [u64(U.EDGEDP_A_SESSION_SEID, SEID)],
        "PEER_NEW": idx + [a4(U.EDGEDP_A_PEER_ADDR4, "10.0.0.9"),
                           u32(U.EDGEDP_A_PEER_INTERVAL, 3600000)],
        "PEER_DEL": idx + [a4(U.EDGEDP_A_PEER_ADDR4, PEER)],
        "PEER_GET": idx + [a4(U.EDGEDP_A_PEER_ADDR4, PEER)],
    }
    dump = idx if obj in ("EP", "SESSION", "PEER") else []
    return table.get(name, []), dump


def do(g, cmd, attrs):
    err, ext, msgs = g.request(g.family, cmd, b"".join(attrs))
    return err, ext, msgs


def dump(g, cmd, attrs):
    err, ext, msgs, _ = g.dump(cmd, *attrs)
    return err, ext, msgs


def ename(err):
    if err == -E.EOPNOTSUPP:
        return "EOPNOTSUPP"   # errorcode has ENOTSUP, its alias
    return errno.errorcode.get(-err, str(err)) if err else "success"


def matrix(who, g, cmds, ops):
    """Every command of the header, doit and dump, as an unprivileged caller."""
    missing = {}
    for cmd, name in sorted(cmds.items()):
        k = kind(name)
        for form, call, cap in (("do", do, GENL_CMD_CAP_DO), ("dump", dump, GENL_CMD_CAP_DUMP)):
            has = cmd in ops and ops[cmd] & cap
            err, ext, msgs = call(g, cmd, requests(name)[form == "dump"])
            got = f"{ename(err)} ({err}), {len(msgs)} repl{'y' if len(msgs) == 1 else 'ies'}" \
                  f"{', extack ' + repr(ext) if ext else ''}"
            if k == "none":
                log(f"{who}: {name} {form}: EOPNOTSUPP (no handler)",
                    err == -E.EOPNOTSUPP and not msgs, got)
            elif k == "open":
                if has:
                    log(f"{who}: {name} {form}: allowed", err == 0 and len(msgs) == 1, got)
                else:
                    log(f"{who}: {name} {form}: EOPNOTSUPP (no {form} handler)",
                        err == -E.EOPNOTSUPP and not msgs, got)
            elif has:
                log(f"{who}: {name} {form}: EPERM", err == -E.EPERM and not msgs, got)
            else:
                # 6.1 checks GENL_ADMIN_PERM before looking for the form's
                # handler, 6.2+ (split ops) after: either refusal is right.
                log(f"{who}: {name} {form} (no {form} handler): EPERM or EOPNOTSUPP",
                    err in (-E.EPERM, -E.EOPNOTSUPP) and not msgs, got)
                missing.setdefault(ename(err), []).append(f"{name} {form}")
    for e, forms in sorted(missing.items()):
        print(f"\t{who}: {e} for the {len(forms)} admin forms without a handler")


def join_events(g, who, want):
    """Join the events group by setsockopt and, when its id fits the bind()
    mask, by bind(): both must give want (0 or -EPERM)."""
    grp = g.mcgrps.get("events")
    if not log(f"{who}: the family has the events group", grp is not None, f"{g.mcgrps}"):
        return
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, genl.NETLINK_GENERIC)
    try:
        s.setsockopt(genl.SOL_NETLINK, genl.NETLINK_ADD_MEMBERSHIP, grp)
        err = 0
    except OSError as e:
        err = -e.errno
    finally:
        s.close()
    w = "allowed" if want == 0 else ename(want)
    log(f"{who}: join events (NETLINK_ADD_MEMBERSHIP): {w}", err == want, f"{ename(err)}")
    if grp > 32:
        print(f"\tevents group id {grp} > 32: no bind() mask for it")
        return
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, genl.NETLINK_GENERIC)
    try:
        s.bind((0, 1 << (grp - 1)))
        err = 0
    except OSError as e:
        err = -e.errno
    finally:
        s.close()
    log(f"{who}: join events (bind, group {grp}): {w}", err == want, f"{ename(err)}")


def rtnl_newlink(name, link_kind):
    """(errno, extack) of RTM_NEWLINK NAME type LINK_KIND."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.setsockopt(genl.SOL_NETLINK, genl.NETLINK_EXT_ACK, 1)
    s.setsockopt(genl.SOL_NETLINK, genl.NETLINK_CAP_ACK, 1)
    s.bind((0, 0))
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + string(IFLA_IFNAME, name) + \
        nest(IFLA_LINKINFO, string(IFLA_INFO_KIND, link_kind))
    s.send(struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, genl.NLM_F_REQUEST |
                       genl.NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, 0) + body)
    data = s.recv(65536)
    s.close()
    mlen, mtype, mflags, _, _ = struct.unpack_from("=IHHII", data)
    return genl.nlmsg_err(mtype, mflags, data[16:mlen])


def info_devices(g):
    err, _, msgs = g.cmd(U.EDGEDP_CMD_GET_INFO)
    if err or not msgs:
        return None
    return struct.unpack("=I", parse_attrs(msgs[0][4:])[U.EDGEDP_A_INFO_DEVICES][0][:4])[0]


# ---- the children ------------------------------------------------------------------------

def caps_eff():
    for line in open("/proc/self/status"):
        if line.startswith("CapEff:"):
            return int(line.split()[1], 16)
    return None


def child(role):
    global IFX
    ctx = json.loads(os.environ["EDGEDP_PRIV_CTX"])
    IFX = ctx["ifindex"]
    netns = os.stat("/proc/self/ns/net").st_ino
    userns = os.stat("/proc/self/ns/user").st_ino
    full = (1 << (int(open("/proc/sys/kernel/cap_last_cap").read()) + 1)) - 1
    if role == "unpriv":
        who = "uid 65534"
        log(f"{who}: uid 65534, no capabilities, in the test's netns",
            os.getuid() == 65534 and caps_eff() == 0 and netns == ctx["netns"],
            f"uid {os.getuid()} CapEff {caps_eff():x} netns {netns} (test {ctx['netns']})")
    else:
        who = "userns root" + (" (own netns)" if role == "userns-netns" else "")
        uid_map = open("/proc/self/uid_map").read().split()
        own_net = netns != ctx["netns"]
        log(f"{who}: uid 0 of a new userns, all its capabilities, "
            f"{'a netns of its own' if role == 'userns-netns' else 'the test netns'}",
            os.getuid() == 0 and uid_map == ["0", "0", "1"] and caps_eff() == full and
            userns != ctx["userns"] and own_net == (role == "userns-netns"),
            f"uid {os.getuid()} uid_map {uid_map} CapEff {caps_eff():x} userns {userns} "
            f"(test {ctx['userns']}) netns {netns} (test {ctx['netns']})")
    g = genl.Genl()
    cmds = commands()
    ops = kernel_ops(g)

    if role == "userns-netns":
        # rtnetlink lets the owner of the netns through (a dummy device
        # works); edgedp's newlink does not.
        err, ext = rtnl_newlink("d0", "dummy")
        log(f"{who}: rtnetlink newlink d0 type dummy works (CAP_NET_ADMIN over its netns)",
            err == 0, f"{ename(err)} {ext}")
        if err == 0:
            subprocess.run(["ip", "link", "del", "d0"])
        err, ext = rtnl_newlink("e1", "edgedp")
        log(f"{who}: rtnetlink newlink e1 type edgedp: EPERM + extack",
            err == -E.EPERM and EXTACK_NEWLINK in ext, f"{ename(err)}, extack '{ext}'")
        r = subprocess.run(["ip", "link", "add", "e0", "type", "edgedp"],
                           capture_output=True, text=True)
        out = (r.stdout + r.stderr).strip()
        # iproute2 prints the extack instead of strerror when there is one.
        log(f"{who}: ip link add e0 type edgedp fails with the extack message",
            r.returncode != 0 and (EXTACK_NEWLINK in out if "Error:" in out
                                   else "Operation not permitted" in out),
            f"exit {r.returncode}: {out}")
        err, ext, msgs = g.cmd(U.EDGEDP_CMD_DEV_NEW, string(U.EDGEDP_A_DEV_IFNAME, "e2"))
        log(f"{who}: genl dev-new e2: EPERM", err == -E.EPERM and not msgs, f"{ename(err)} {ext}")

    matrix(who, g, cmds, ops)

    if role == "userns-netns":
        # GENL_MCAST_CAP_NET_ADMIN is ns_capable(net->user_ns): the owner
        # of a netns may listen there, where no edgedp device can exist.
        join_events(g, who, 0)
        # Kernels with tunnel fallback devices built in (the debug kernel's
        # sit0) have more than lo in a new netns: none may be edgedp's.
        links = json.loads(subprocess.run(["ip", "-d", "-j", "link", "show"],
                                          capture_output=True, text=True).stdout or "[]")
        kinds = {ln["ifname"]: ln.get("linkinfo", {}).get("info_kind") for ln in links}
        log(f"{who}: no device was created (no edgedp link, none named e0/e2)",
            "edgedp" not in kinds.values() and not {"e0", "e2"} & set(kinds),
            f"links {kinds}")
        n = info_devices(g)
        log(f"{who}: get-info: 0 edgedp devices in its netns", n == 0, f"devices {n}")
    else:
        join_events(g, who, -E.EPERM)
        err, ext = rtnl_newlink("e1", "edgedp")
        log(f"{who}: rtnetlink newlink e1 type edgedp in the test netns: EPERM",
            err == -E.EPERM, f"{ename(err)} {ext}")
        n = info_devices(g)
        log(f"{who}: get-info sees the test netns's one device", n == 1, f"devices {n}")
    return nltest.failed


# ---- user namespaces in the VM -----------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS = 0x00020000
MS_MOVE, MS_REC, MS_PRIVATE = 0x2000, 0x4000, 0x40000


def _escape_chroot():
    """preexec_fn: make the chroot the root of a new mount namespace.
    create_user_ns() refuses a caller whose root is not its mount
    namespace's (current_chrooted()). Only libc calls between the chroots."""
    def ck(ret, what):
        if ret != 0:
            raise OSError(ctypes.get_errno(), what)
    ck(_libc.chroot(b"/proc/1/root"), "chroot /proc/1/root")
    ck(_libc.chdir(b"/"), "chdir /")
    ck(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    ck(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make-rprivate /")
    ck(_libc.chdir(CHROOT), "chdir to the chroot")
    ck(_libc.mount(b".", b"/", None, MS_MOVE, None), "move the chroot onto /")
    ck(_libc.chroot(b"."), "chroot .")
    ck(_libc.chdir(b"/"), "chdir /")


CHROOT = b""
_restore = []


def chroot_dir():
    """The path of our root as pid 1 sees it, if we are chrooted under its root."""
    me = os.stat("/")
    if (me.st_dev, me.st_ino) == (os.stat("/proc/1/root/").st_dev, os.stat("/proc/1/root/").st_ino):
        return None
    for ent in os.listdir("/proc/1/root"):
        p = os.path.join("/proc/1/root", ent)
        try:
            st = os.stat(p)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (me.st_dev, me.st_ino):
            return "/" + ent
    return None


def try_unshare(preexec):
    try:
        r = subprocess.run(["unshare", "-U", "-r", "-n", "true"], capture_output=True,
                           text=True, preexec_fn=preexec)
        return r.returncode == 0, (r.stdout + r.stderr).strip()
    except (OSError, subprocess.SubprocessError) as e:
        return False, str(e)


def userns_setup():
    """A preexec_fn for `unshare -U` children (None: none needed), or False."""
    global CHROOT
    works, why = try_unshare(None)
    if works:
        log("root can create user namespaces here", True)
        return None
    print(f"\tunshare -U -r -n: {why}")
    for path, want in (("/proc/sys/user/max_user_namespaces", "64"),
                       ("/proc/sys/kernel/unprivileged_userns_clone", "1")):
        try:
            old = open(path).read().strip()
        except OSError:
            continue
        print(f"\t{path[len('/proc/sys/'):].replace('/', '.')} = {old}")
        if old == "0":
            with open(path, "w") as f:
                f.write(want)
            _restore.append((path, old))
    if _restore:
        works, why = try_unshare(None)
        if works:
            log("root can create user namespaces after raising the sysctls", True)
            return None
    where = chroot_dir()
    if where is None:
        log("root can create user namespaces here", False, why)
        return False
    print(f"\tchrooted at {where} under pid 1's root: create_user_ns() refuses a chrooted "
          "caller; the userns children start from a mount namespace rooted at the chroot")
    CHROOT = where.encode()
    works, why = try_unshare(_escape_chroot)
    log("user namespaces from a mount namespace rooted at the chroot", works, why)
    return _escape_chroot if works else False


# ---- real root ---------------------------------------------------------------------------

def snapshot(g):
    """priv0's objects as root reads them (every read must work), or None."""
    dev = [u32(U.EDGEDP_A_SESSION_IFINDEX, IFX)]
    err1, _, devs = dump(g, U.EDGEDP_CMD_DEV_GET, [])
    err2, _, eps = dump(g, U.EDGEDP_CMD_EP_GET, dev)
    err3, _, sess = dump(g, U.EDGEDP_CMD_SESSION_GET, dev)
    err4, _, peers = dump(g, U.EDGEDP_CMD_PEER_GET, dev)
    if err1 or err2 or err3 or err4:
        print(f"\tsnapshot: dev {err1} ep {err2} session {err3} peer {err4}")
        return None

    def peer(m):
        t = parse_attrs(m[4:])
        return (socket.inet_ntoa(t[U.EDGEDP_A_PEER_ADDR4][0][:4]),
                struct.unpack("=H", t[U.EDGEDP_A_PEER_PORT][0][:2])[0])
    sessions = [decode_session(m, stats=False) for m in merge_sessions(sess)]
    return {"devices": [parse_attrs(m[4:])[U.EDGEDP_A_DEV_IFNAME][0].rstrip(b"\0").decode()
                        for m in devs],
            "endpoints": [decode_ep(m) for m in eps],
            "sessions": [(s["seid"], s["pdrs"], s["fars"]) for s in sessions],
            "peers": [peer(m) for m in peers]}


def op_table(cmds, ops):
    """The kernel's op table against the header."""
    print(f"\t{len(cmds)} commands in uapi/linux/edgedp.h: "
          + " ".join(f"{n}={c}" for c, n in sorted(cmds.items())))
    extra = sorted(set(ops) - set(cmds))
    log("kernel: every op of the family is a command of the header", not extra,
        f"ops {extra} are not in enum edgedp_cmd")
    for cmd, name in sorted(cmds.items()):
        k = kind(name)
        if k == "none":
            log(f"kernel: {name} has no handler (events only)", cmd not in ops,
                f"op flags {ops.get(cmd, 0):#x}")
        elif k == "open":
            log(f"kernel: {name} has a doit", cmd in ops and ops[cmd] & GENL_CMD_CAP_DO,
                f"op flags {ops.get(cmd)}")
        else:
            log(f"kernel: {name} is GENL_ADMIN_PERM", cmd in ops and ops[cmd] & GENL_ADMIN_PERM,
                "no such op" if cmd not in ops else f"op flags {ops[cmd]:#x}")


def root_reads(g, cmds, ops):
    """(d): as root, every command's forms: reads work, no-handler forms are
    EOPNOTSUPP (mutating forms with a handler ran in the setup)."""
    for cmd, name in sorted(cmds.items()):
        for form, call, cap in (("do", do, GENL_CMD_CAP_DO), ("dump", dump, GENL_CMD_CAP_DUMP)):
            has = cmd in ops and ops[cmd] & cap
            if has and kind(name) == "admin" and not name.endswith("_GET"):
                continue
            err, ext, msgs = call(g, cmd, requests(name)[form == "dump"])
            got = f"{ename(err)}, {len(msgs)} replies {ext}"
            if not has:
                log(f"root: {name} {form}: EOPNOTSUPP (no {form} handler)",
                    err == -E.EOPNOTSUPP and not msgs, got)
            else:
                log(f"root: {name} {form}: allowed, returns the object(s)",
                    err == 0 and len(msgs) >= 1, got)


class Listener:
    """A socket in the events group (joined as root)."""

    def __init__(self, g):
        self.family = g.family
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, genl.NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.setsockopt(genl.SOL_NETLINK, genl.NETLINK_ADD_MEMBERSHIP, g.mcgrps["events"])

    def wait(self, cmd, ifname, timeout=5.0):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return False
            data = self.s.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                mlen, mtype, _, _, _ = struct.unpack_from("=IHHII", data, off)
                msg = data[off + 16:off + mlen]
                off += (mlen + 3) & ~3
                if mtype != self.family or msg[0] != cmd:
                    continue
                t = parse_attrs(msg[4:])
                if t.get(U.EDGEDP_A_DEV_IFNAME, [b""])[0].rstrip(b"\0").decode() == ifname:
                    return True


def root_events(g):
    try:
        ls = Listener(g)
    except OSError as e:
        log("root: join events", False, str(e))
        return
    log("root: join events", True)
    err, ext, _ = g.cmd(U.EDGEDP_CMD_DEV_NEW, string(U.EDGEDP_A_DEV_IFNAME, "priv1"))
    log("root: genl dev-new priv1", err == 0, f"{ename(err)} {ext}")
    log("root: events delivers DEV_ADD_NTF priv1", ls.wait(U.EDGEDP_CMD_DEV_ADD_NTF, "priv1"))
    err, ext, _ = g.cmd(U.EDGEDP_CMD_DEV_DEL, string(U.EDGEDP_A_DEV_IFNAME, "priv1"))
    log("root: genl dev-del priv1", err == 0, f"{ename(err)} {ext}")
    log("root: events delivers DEV_DEL_NTF priv1", ls.wait(U.EDGEDP_CMD_DEV_DEL_NTF, "priv1"))
    r = subprocess.run(["ip", "link", "add", "priv2", "type", "edgedp"],
                       capture_output=True, text=True)
    log("root: ip link add priv2 type edgedp (capable(CAP_NET_ADMIN))", r.returncode == 0,
        r.stderr.strip())
    log("root: events delivers DEV_ADD_NTF priv2 (rtnetlink)",
        ls.wait(U.EDGEDP_CMD_DEV_ADD_NTF, "priv2"))
    subprocess.run(["ip", "link", "del", "priv2"])
    log("root: events delivers DEV_DEL_NTF priv2 (rtnetlink)",
        ls.wait(U.EDGEDP_CMD_DEV_DEL_NTF, "priv2"))
    ls.s.close()


def run_child(name, argv, env, preexec=None):
    try:
        r = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300,
                           preexec_fn=preexec)
        sys.stdout.write(r.stdout)
        log(f"{name} run", r.returncode == 0, f"exit {r.returncode}: {r.stderr.strip()[-800:]}")
    except (OSError, subprocess.SubprocessError) as e:
        log(f"{name} run", False, str(e))
    sys.stdout.flush()


def edgectl_unpriv():
    """edgectl as uid 65534: exit 2 (kernel error) with EPERM's message."""
    r = subprocess.run(SETPRIV + [EDGECTL, "info"], capture_output=True, text=True, timeout=30)
    log("uid 65534: edgectl info works (get-info is open)", r.returncode == 0,
        f"exit {r.returncode}: {r.stdout}{r.stderr}")
    for args in (["-j", "session", "show", "dev", "priv0"], ["session", "show", "dev", "priv0",
                                                            "seid", str(SEID)],
                 ["dev", "show"], ["dev", "show", "priv0"], ["-j", "ep", "show", "dev", "priv0"],
                 ["peer", "show", "dev", "priv0"], ["monitor"]):
        line = "edgectl " + " ".join(args)
        try:
            r = subprocess.run(SETPRIV + [EDGECTL, *args], capture_output=True, text=True,
                               timeout=20)
            rc, out, leak = r.returncode, (r.stdout + r.stderr).strip(), r.stdout
        except subprocess.TimeoutExpired:
            rc, out, leak = None, "still running after 20 s: it joined the group", ""
        # Nothing of the datapath on stdout (a JSON dump may open its array).
        leak = [w for w in ("priv0", "seid", ADDR, PEER) if w in leak]
        log(f"uid 65534: {line}: exit 2, Operation not permitted",
            rc == 2 and "Operation not permitted" in out and not leak,
            f"exit {rc}: {out}{f' (leaks {leak})' if leak else ''}")


def main():
    global IFX
    if len(sys.argv) == 3 and sys.argv[1] == "--role":
        return child(sys.argv[2])
    if os.geteuid() != 0:
        print("needs root")
        return 4
    cmds = commands()
    with nltest.namespace("priv", ["ip", "addr", "add", f"{ADDR}/32", "dev", "lo"]):
        g = genl.Genl()
        ops = kernel_ops(g)
        op_table(cmds, ops)

        IFX = nltest.dev_new(g, "priv0")
        if IFX is None:
            return 1
        for what, cmd, attrs in (
                ("ep-new", U.EDGEDP_CMD_EP_NEW, [u32(U.EDGEDP_A_EP_IFINDEX, IFX),
                                                 a4(U.EDGEDP_A_EP_ADDR4, ADDR)]),
                ("session-new", U.EDGEDP_CMD_SESSION_NEW,
                 [u32(U.EDGEDP_A_SESSION_IFINDEX, IFX), u64(U.EDGEDP_A_SESSION_SEID, SEID),
                  *rules(uplink(TEID, UE))]),
                ("peer-new", U.EDGEDP_CMD_PEER_NEW,
                 [u32(U.EDGEDP_A_PEER_IFINDEX, IFX), a4(U.EDGEDP_A_PEER_ADDR4, PEER),
                  u32(U.EDGEDP_A_PEER_INTERVAL, 3600000)])):
            err, ext, _ = g.cmd(cmd, *attrs)
            log(f"root: {what}", err == 0, f"{ename(err)} {ext}")
        before = snapshot(g)
        log("root: dumps of devices, endpoints, sessions and peers work", before is not None and
            before["devices"] == ["priv0"] and len(before["endpoints"]) == 1 and
            [s[0] for s in before["sessions"]] == [SEID] and before["peers"] == [(PEER, 2152)],
            f"{before}")
        root_reads(g, cmds, ops)
        root_events(g)

        ctx = json.dumps({"ifindex": IFX, "netns": os.stat("/proc/self/ns/net").st_ino,
                          "userns": os.stat("/proc/self/ns/user").st_ino})
        env = dict(os.environ, EDGEDP_PRIV_CTX=ctx)
        me = [sys.executable, os.path.abspath(__file__), "--role"]
        run_child("uid 65534", SETPRIV + me + ["unpriv"], env)
        edgectl_unpriv()
        pre = userns_setup()
        if pre is not False:
            run_child("userns root", ["unshare", "-U", "-r"] + me + ["userns"], env, pre)
            run_child("userns root (own netns)", ["unshare", "-U", "-r", "-n"] + me +
                      ["userns-netns"], env, pre)

        after = snapshot(g)
        log("the unprivileged attempts changed nothing", after == before,
            f"before {before}\n\tafter  {after}")
        err, ext, _ = g.cmd(U.EDGEDP_CMD_DEV_DEL, u32(U.EDGEDP_A_DEV_IFINDEX, IFX))
        log("root: dev-del priv0", err == 0, f"{ename(err)} {ext}")
    for path, old in _restore:
        with open(path, "w") as f:
            f.write(old)
    return nltest.failed


if __name__ == "__main__":
    sys.exit(main())
