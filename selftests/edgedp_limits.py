#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Resource limits of a device and the ENOMEM paths of session setup.

  lim0 (genl, max-sessions 3, max-rules 10)    ip0 (ip link: the defaults)

A device accepts at most max-sessions sessions and max-rules rules (PDRs,
FARs, QERs, URRs and SDF filters of all its sessions); a request that would
go over is refused with ENOSPC and an extack message, and changes nothing
(counts, the session, its keys). dev-set changes the limits; a limit below
what the device holds refuses new work and removes nothing. The counts follow
every add, modify and delete.

With fault injection (the debug kernel: CONFIG_FAILSLAB, /proc/thread-self/
fail-nth), every allocation of a session-new, a session-mod, an ep-new and a
dev-new is failed in turn: each request is then either refused whole (the
device holds what it held, the TEID and UE address are free again) or, when
only its reply could not be sent, applied whole; never half. vm.sh's
kmemleak scan checks that nothing leaked.
"""
import errno
import os
import socket
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "gtpu"))

import genl  # noqa: E402
import uapi as U  # noqa: E402
import nltest  # noqa: E402
from edgecfg import u8, u16  # noqa: E402
from genl import attr, nest, parse_attrs, string, u32, u64  # noqa: E402
from nltest import expect, log  # noqa: E402

E = errno
EDGECTL = os.environ.get("EDGECTL", os.path.join(HERE, "..", "tools", "edgectl", "edgectl"))
g = None
IFX = 0


def a4(t, s):
    return attr(t, socket.inet_aton(s))


def dev_attrs(msg):
    t = parse_attrs(msg[4:])
    get = lambda a: struct.unpack("=I", t[a][0][:4])[0] if a in t else None  # noqa: E731
    return {"max_sessions": get(U.EDGEDP_A_DEV_MAX_SESSIONS),
            "max_rules": get(U.EDGEDP_A_DEV_MAX_RULES),
            "sessions": get(U.EDGEDP_A_DEV_SESSIONS), "rules": get(U.EDGEDP_A_DEV_RULES)}


def dev_get(name="lim0"):
    err, ext, msgs = g.cmd(U.EDGEDP_CMD_DEV_GET, string(U.EDGEDP_A_DEV_IFNAME, name))
    return dev_attrs(msgs[0]) if not err else {"errno": err, "extack": ext}


def counts():
    d = dev_get()
    return d.get("sessions"), d.get("rules")


def session(n, npdr=1, sdfs=0, qer=False, urr=False, teid=None, ue=None):
    """A session of npdr uplink PDRs (each sdfs SDF filters) and one FAR:
    npdr + 1 + sdfs * npdr (+1 QER, +1 URR) rules."""
    teid = 0x1000 * n if teid is None else teid
    ue = f"10.60.{n // 256}.{n % 256}" if ue is None else ue
    pdrs = []
    for i in range(npdr):
        extra = [nest(U.EDGEDP_A_PDR_SDF, u8(U.EDGEDP_A_SDF_PROTO, 17),
                      u16(U.EDGEDP_A_SDF_DST_PORT_MIN, 1000 + j),
                      u16(U.EDGEDP_A_SDF_DST_PORT_MAX, 1000 + j)) for j in range(sdfs)]
        if qer:
            extra.append(u32(U.EDGEDP_A_PDR_QER_ID, 1))
        if urr:
            extra.append(u32(U.EDGEDP_A_PDR_URR_ID, 1))
        pdrs.append(nest(U.EDGEDP_A_SESSION_PDR, u16(U.EDGEDP_A_PDR_ID, i + 1),
                         u32(U.EDGEDP_A_PDR_PRECEDENCE, 10 + i),
                         u8(U.EDGEDP_A_PDR_SRC_IFACE, U.EDGEDP_IFACE_ACCESS),
                         u32(U.EDGEDP_A_PDR_TEID, teid), a4(U.EDGEDP_A_PDR_UE4, ue),
                         u8(U.EDGEDP_A_PDR_OHR, 0), u32(U.EDGEDP_A_PDR_FAR_ID, 1), *extra))
    rest = [nest(U.EDGEDP_A_SESSION_FAR, u32(U.EDGEDP_A_FAR_ID, 1),
                 u8(U.EDGEDP_A_FAR_ACTION, U.EDGEDP_FAR_FORW),
                 u8(U.EDGEDP_A_FAR_DST_IFACE, U.EDGEDP_IFACE_CORE))]
    if qer:
        rest.append(nest(U.EDGEDP_A_SESSION_QER, u32(U.EDGEDP_A_QER_ID, 1),
                         u64(U.EDGEDP_A_QER_MBR_UL, 100000)))
    if urr:
        rest.append(nest(U.EDGEDP_A_SESSION_URR, u32(U.EDGEDP_A_URR_ID, 1),
                         u64(U.EDGEDP_A_URR_VOL_THRESH_TOTAL, 1 << 30)))
    return [u32(U.EDGEDP_A_SESSION_IFINDEX, IFX), u64(U.EDGEDP_A_SESSION_SEID, n), *pdrs, *rest]


def new(n, **kw):
    return g.cmd(U.EDGEDP_CMD_SESSION_NEW, *session(n, **kw))


def delete(n):
    return g.cmd(U.EDGEDP_CMD_SESSION_DEL, u32(U.EDGEDP_A_SESSION_IFINDEX, IFX),
                 u64(U.EDGEDP_A_SESSION_SEID, n))


def get(n):
    err, _, msgs = g.cmd(U.EDGEDP_CMD_SESSION_GET, u32(U.EDGEDP_A_SESSION_IFINDEX, IFX),
                         u64(U.EDGEDP_A_SESSION_SEID, n), flags=0)
    return None if err else msgs[0][4:]


def add_far(n, far_id):
    return g.cmd(U.EDGEDP_CMD_SESSION_MOD, u32(U.EDGEDP_A_SESSION_IFINDEX, IFX),
                 u64(U.EDGEDP_A_SESSION_SEID, n),
                 nest(U.EDGEDP_A_SESSION_FAR, u32(U.EDGEDP_A_FAR_ID, far_id),
                      u8(U.EDGEDP_A_FAR_ACTION, U.EDGEDP_FAR_DROP)))


def rm_far(n, far_id):
    return g.cmd(U.EDGEDP_CMD_SESSION_MOD, u32(U.EDGEDP_A_SESSION_IFINDEX, IFX),
                 u64(U.EDGEDP_A_SESSION_SEID, n), u32(U.EDGEDP_A_SESSION_REMOVE_FAR, far_id))


def dev_set(*attrs, name="lim0"):
    return g.cmd(U.EDGEDP_CMD_DEV_SET, string(U.EDGEDP_A_DEV_IFNAME, name), *attrs)


def enospc(name, res, word):
    err, ext, _ = res
    return log(f"{name}: ENOSPC + extack", err == -E.ENOSPC and word in ext,
               f"errno {err}, extack '{ext}'")


def limits():
    d = dev_get()
    log("dev-new with limits: read back, nothing used",
        d == {"max_sessions": 3, "max_rules": 10, "sessions": 0, "rules": 0}, str(d))
    expect("session 1 (2 rules)", new(1), 0, extack=False)
    expect("session 2 (1 PDR, 1 SDF filter, QER, URR: 5 rules)",
           new(2, sdfs=1, qer=True, urr=True), 0, extack=False)
    log("counts after two sessions", counts() == (2, 7), str(counts()))
    # 2 PDRs + 2 SDF filters + FAR = 5: 12 > 10.
    enospc("a session over the rule limit", new(3, npdr=2, sdfs=1), "rule limit")
    log("the refused session left nothing", counts() == (2, 7) and get(3) is None,
        str(counts()))
    expect("its TEID and UE address are free: a smaller session takes them", new(3), 0,
           extack=False)
    log("counts after three sessions", counts() == (3, 9), str(counts()))
    enospc("a fourth session", new(4), "session limit")
    log("the refused session left nothing", counts() == (3, 9) and get(4) is None,
        str(counts()))

    # Modify: growing over the limit is refused whole; shrinking gives back.
    before = get(1)
    expect("session-mod adding a FAR (10 rules: at the limit)", add_far(1, 2), 0,
           extack=False)
    enospc("session-mod adding one more", add_far(1, 3), "rule limit")
    log("the refused mod changed nothing", counts() == (3, 10), str(counts()))
    expect("session-mod removing the FAR", rm_far(1, 2), 0, extack=False)
    log("session 1 as before, rules given back", get(1) == before and counts() == (3, 9),
        str(counts()))

    # dev-set: raise, lower below use, bad requests.
    expect("dev-set max-rules 100", dev_set(u32(U.EDGEDP_A_DEV_MAX_RULES, 100)), 0,
           extack=False)
    expect("dev-set max-sessions 1 (below the 3 held)",
           dev_set(u32(U.EDGEDP_A_DEV_MAX_SESSIONS, 1)), 0, extack=False)
    d = dev_get()
    log("limits read back, nothing removed",
        d == {"max_sessions": 1, "max_rules": 100, "sessions": 3, "rules": 9}, str(d))
    enospc("a session while over the lowered limit", new(4), "session limit")
    expect("session-mod still allowed under the lowered session limit", add_far(1, 2), 0,
           extack=False)
    for n in (1, 2, 3):
        expect(f"session-del {n}", delete(n), 0, extack=False)
    log("all counts back to zero", counts() == (0, 0), str(counts()))
    expect("a session fits again", new(4), 0, extack=False)
    expect("session-del 4", delete(4), 0, extack=False)
    expect("dev-set with no limit", dev_set(), E.EINVAL)
    expect("dev-set max-sessions 0", dev_set(u32(U.EDGEDP_A_DEV_MAX_SESSIONS, 0)), E.ERANGE)
    expect("dev-set of the read-only session count",
           dev_set(u32(U.EDGEDP_A_DEV_SESSIONS, 5)), E.EINVAL)
    expect("dev-set of a missing device",
           dev_set(u32(U.EDGEDP_A_DEV_MAX_RULES, 5), name="nope0"), E.ENODEV)

    d = dev_get("ip0")
    log("ip link add: the documented defaults",
        d == {"max_sessions": U.EDGEDP_DEV_MAX_SESSIONS_DEFAULT,
              "max_rules": U.EDGEDP_DEV_MAX_RULES_DEFAULT, "sessions": 0, "rules": 0}, str(d))

    # edgectl's view.
    r = subprocess.run([EDGECTL, "dev", "set", "lim0", "max-sessions", "7", "max-rules", "70"],
                       capture_output=True, text=True)
    log("edgectl dev set prints the device with its limits",
        r.returncode == 0 and "sessions 0 max 7 rules 0 max 70" in r.stdout,
        r.stdout + r.stderr)
    r = subprocess.run([EDGECTL, "-j", "dev", "show", "lim0", "-s"], capture_output=True,
                       text=True)
    log("edgectl -j dev show -s has the limits",
        r.returncode == 0 and '"max_sessions":7' in r.stdout and '"max_rules":70' in r.stdout,
        r.stdout + r.stderr)
    expect("dev-set back to max-sessions 3, max-rules 10",
           dev_set(u32(U.EDGEDP_A_DEV_MAX_SESSIONS, 3), u32(U.EDGEDP_A_DEV_MAX_RULES, 10)), 0,
           extack=False)


# ---- fault injection --------------------------------------------------------------------

FAIL_NTH = "/proc/thread-self/fail-nth"
FAILSLAB = "/sys/kernel/debug/failslab"


def can_inject():
    if not os.path.exists(FAIL_NTH):
        return False
    if not os.path.isdir(FAILSLAB):
        subprocess.run(["mount", "-t", "debugfs", "none", "/sys/kernel/debug"],
                       capture_output=True)
    if not os.path.isdir(FAILSLAB):
        return False
    for k, v in (("ignore-gfp-wait", "N"), ("verbose", "0"), ("probability", "0"),
                 ("times", "-1")):
        with open(os.path.join(FAILSLAB, k), "w") as f:
            f.write(v)
    return True


_fail_nth = None


def injected(n, request):
    """Run request() with the n-th allocation of this thread failing. Returns
    (result or an OSError, whether the fault was injected). fail-nth is read
    and reset through one fd opened beforehand: neither allocates, so a
    countdown the request did not reach cannot hit anything else."""
    global _fail_nth
    if _fail_nth is None:
        _fail_nth = os.open(FAIL_NTH, os.O_RDWR)
    os.pwrite(_fail_nth, str(n).encode(), 0)
    try:
        res = request()
    except OSError as e:
        res = e
    left = int(os.pread(_fail_nth, 32, 0))
    os.pwrite(_fail_nth, b"0", 0)
    return res, left == 0


def walk(name, request, applied, undo, state):
    """Fail each allocation of request() in turn until one run hits none.
    applied() tells whether the request took effect; state() is what must
    not change when it did not; undo() takes an applied request back."""
    global g
    base = state()
    n, bad, refused, whole = 0, [], 0, 0
    while n < 400:
        n += 1
        res, hit = injected(n, request)
        if isinstance(res, OSError):
            # The ack could not be sent, or the socket failed: a new one.
            g = genl.Genl()
        if applied():
            whole += 1
            undo()
        else:
            refused += 1
            err = res[0] if isinstance(res, tuple) else -(res.errno or 1)
            if err == 0:
                bad.append(f"n={n}: success reported, nothing applied")
        if state() != base:
            bad.append(f"n={n}: state {state()} != {base}")
            break
        if not hit:
            break
    log(f"{name}: every allocation failed in turn ({n - 1}), all or nothing each time",
        not bad and n > 1 and n < 400,
        f"{refused} refused, {whole} applied whole; {'; '.join(bad[:3])}")


def faults():
    global g
    if not can_inject():
        print("# fault injection: no fail-nth/failslab on this kernel (the debug kernel has them)")
        return False
    expect("dev-set max-rules 1000", dev_set(u32(U.EDGEDP_A_DEV_MAX_RULES, 1000)), 0,
           extack=False)
    expect("session 1 (kept during the walk)", new(1, npdr=2, sdfs=2, qer=True, urr=True), 0,
           extack=False)
    rich = dict(npdr=3, sdfs=3, qer=True, urr=True, teid=0x7700, ue="10.61.0.1")

    def state():
        return counts(), get(1)

    walk("session-new", lambda: new(9, **rich), lambda: get(9) is not None,
         lambda: delete(9), state)
    # After the walk the TEID and UE address of session 9 must be free.
    expect("session 9 after the walk", new(9, **rich), 0, extack=False)
    expect("session-del 9", delete(9), 0, extack=False)

    def mod():
        return g.cmd(U.EDGEDP_CMD_SESSION_MOD, *session(1, npdr=3, sdfs=3, qer=True, urr=True,
                                                          teid=0x7800, ue="10.61.0.2"))

    before = get(1)
    walk("session-mod (new TEID and UE address, more PDRs and filters)", mod,
         lambda: get(1) != before,
         lambda: (delete(1), new(1, npdr=2, sdfs=2, qer=True, urr=True)),
         lambda: counts())

    def ep_new():
        return g.cmd(U.EDGEDP_CMD_EP_NEW, u32(U.EDGEDP_A_EP_IFINDEX, IFX),
                     a4(U.EDGEDP_A_EP_ADDR4, "10.0.0.1"))

    def ep_count():
        err, _, msgs, _ = g.dump(U.EDGEDP_CMD_EP_GET, u32(U.EDGEDP_A_EP_IFINDEX, IFX))
        return len(msgs)

    walk("ep-new", ep_new, lambda: ep_count() == 1,
         lambda: g.cmd(U.EDGEDP_CMD_EP_DEL, u32(U.EDGEDP_A_EP_IFINDEX, IFX),
                       a4(U.EDGEDP_A_EP_ADDR4, "10.0.0.1")),
         ep_count)

    def dev_names():
        err, _, msgs = g.cmd(U.EDGEDP_CMD_DEV_GET, flags=genl.NLM_F_DUMP)
        return sorted(parse_attrs(m[4:])[U.EDGEDP_A_DEV_IFNAME][0].rstrip(b"\0").decode()
                      for m in msgs)

    walk("dev-new", lambda: g.cmd(U.EDGEDP_CMD_DEV_NEW, string(U.EDGEDP_A_DEV_IFNAME, "fi0")),
         lambda: "fi0" in dev_names(),
         lambda: g.cmd(U.EDGEDP_CMD_DEV_DEL, string(U.EDGEDP_A_DEV_IFNAME, "fi0")),
         dev_names)
    expect("session-del 1", delete(1), 0, extack=False)
    log("counts back to zero after the walks", counts() == (0, 0), str(counts()))
    return True


def main():
    global g, IFX
    with nltest.namespace("lim", ["ip", "addr", "add", "10.0.0.1/32", "dev", "lo"]):
        g = genl.Genl()
        err, ext, msgs = g.cmd(U.EDGEDP_CMD_DEV_NEW, string(U.EDGEDP_A_DEV_IFNAME, "lim0"),
                               u32(U.EDGEDP_A_DEV_MAX_SESSIONS, 3),
                               u32(U.EDGEDP_A_DEV_MAX_RULES, 10))
        if err:
            print(f"FAIL: dev-new: {os.strerror(-err)} {ext}")
            return 1
        IFX = struct.unpack("=I", parse_attrs(msgs[0][4:])[U.EDGEDP_A_DEV_IFINDEX][0][:4])[0]
        subprocess.run(["ip", "link", "add", "ip0", "type", "edgedp"], check=True)
        limits()
        faulted = faults()
        subprocess.run(["ip", "link", "del", "ip0"])
        g.cmd(U.EDGEDP_CMD_DEV_DEL, string(U.EDGEDP_A_DEV_IFNAME, "lim0"))
    if nltest.failed:
        return 1
    return 0 if faulted or os.environ.get("EDGEDP_TARGET") != "debug" else 1


if __name__ == "__main__":
    sys.exit(main())
