# SPDX-License-Identifier: GPL-2.0
"""
What the raw-netlink tests (edgedp_gtpu_nl.py, edgedp_sdf_nl.py, peer.py nl)
share: their kselftest "TEST: name [ OK ]" lines, the errno-and-extack check
of a rejected request, and a namespace of their own with an edgedp device.

  log(name, ok, why)             one TEST line (why under a FAIL); returns ok
  failed                         1 once a log() failed: the exit status
  expect(name, res, want)        res, (errno, extack, replies) of genl.Genl
                                 cmd(), is -want with an extack message
  with namespace("nl", cmds...): a new namespace nl-PID, entered, lo up,
                                 the ip commands run; deleted after
  dev_new(g, "nl0")              the ifindex of a new edgedp device, or None
"""
import contextlib
import errno
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import genl  # noqa: E402
import netns  # noqa: E402

failed = 0


def log(name, ok, why=""):
    global failed
    print(f"TEST: {name:<60} [{' OK ' if ok else 'FAIL'}]")
    if not ok:
        failed = 1
        print(f"\t{why}")
    return ok


def expect(name, res, want, extack=True):
    """@res (errno, extack, replies) failed with -@want and, if asked, a message."""
    err, ext, _ = res
    ok = err == -want and (not extack or ext != "")
    return log(f"{name}: {errno.errorcode.get(want, want)}{' + extack' if extack else ''}",
               ok, f"errno {err} ({os.strerror(-err) if err else 'success'}), "
               f"want -{want}; extack '{ext}'")


@contextlib.contextmanager
def namespace(prefix, *cmds):
    """Run the block in a new network namespace PREFIX-PID with lo up and
    the commands cmds (argv lists) run; delete it afterwards."""
    name = f"{prefix}-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        netns.enter(name)
        for cmd in (["ip", "link", "set", "lo", "up"], *cmds):
            subprocess.run(cmd, check=True)
        yield name
    finally:
        os.chdir("/")
        subprocess.run(["ip", "netns", "del", name])


def dev_new(g, ifname):
    """The ifindex of a new edgedp device ifname; None after a FAIL line."""
    err, ext, msgs = g.cmd(genl.CMD_DEV_NEW, genl.string(genl.A_DEV_IFNAME, ifname))
    if err:
        print(f"FAIL: dev-new: {os.strerror(-err)} {ext}")
        return None
    attrs = genl.parse_attrs(msgs[0][4:])
    return struct.unpack("=I", attrs[genl.A_DEV_IFINDEX][0][:4])[0]
