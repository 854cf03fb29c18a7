# SPDX-License-Identifier: GPL-2.0
"""
Network namespaces from one process: setns() into a namespace made by
`ip netns add`, open sockets there (a socket keeps the namespace it was
created in), come back. Lets one long-lived Python process (with scapy
imported once, which costs tens of seconds under TCG) send and capture on
interfaces of every namespace of a test.

  with netns("gnb-abc123"):
      s = socket.socket(...)

  Port(ns, ifname)        an AF_PACKET socket: send() raw frames, capture()
  Sink(ns, port)          a UDP socket on [::]:port that swallows datagrams,
                          so the namespace answers no ICMP port unreachable
"""
import contextlib
import ctypes
import os
import select
import socket
import time

CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
SO_RCVBUFFORCE = 33
SO_SNDBUFFORCE = 32
PACKET_OUTGOING = 4

_libc = ctypes.CDLL(None, use_errno=True)
_home = os.open("/proc/self/ns/net", os.O_RDONLY)


def _setns(fd):
    if _libc.setns(fd, CLONE_NEWNET):
        e = ctypes.get_errno()
        raise OSError(e, f"setns: {os.strerror(e)}")


@contextlib.contextmanager
def netns(name):
    """Run the block in namespace @name (None: stay where we are)."""
    if name is None:
        yield
        return
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        _setns(fd)
        yield
    finally:
        _setns(_home)
        os.close(fd)


def enter(name):
    """Move this thread into namespace @name for good."""
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        _setns(fd)
    finally:
        os.close(fd)


class Port:
    """An interface of a namespace, for sending and capturing frames."""

    def __init__(self, ns, ifname, rcvbuf=64 << 20):
        self.ns, self.ifname = ns, ifname
        with netns(ns):
            self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                   socket.htons(ETH_P_ALL))
            self.s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
            self.s.setsockopt(socket.SOL_SOCKET, SO_SNDBUFFORCE, 8 << 20)
            self.s.bind((ifname, ETH_P_ALL))
        self.mac = self.s.getsockname()[4]

    def flush(self):
        """Forget every frame captured so far."""
        n = 0
        while select.select([self.s], [], [], 0)[0]:
            self.s.recv(65536)
            n += 1
        return n

    def send(self, frames):
        for f in frames:
            self.s.send(bytes(f))

    def poll(self, timeout):
        """One received frame (bytes), or None after timeout seconds."""
        end = time.monotonic() + timeout
        while True:
            left = max(0, end - time.monotonic())
            if not select.select([self.s], [], [], left)[0]:
                return None
            data, addr = self.s.recvfrom(65536)
            if addr[2] != PACKET_OUTGOING:
                return data

    def capture(self, match, count, timeout):
        """
        Frames for which match(frame) is true, until count of them arrived or
        no frame came for timeout seconds. Others are discarded.
        """
        got = []
        while len(got) < count:
            f = self.poll(timeout)
            if f is None:
                break
            if match(f):
                got.append(f)
        return got

    def drain(self, match):
        """Every frame already queued that matches: no waiting."""
        got = []
        while True:
            f = self.poll(0)
            if f is None:
                return got
            if match(f):
                got.append(f)


class Sink:
    """UDP sockets on [::]:port (and 0.0.0.0:port) that drop what they get."""

    def __init__(self, ns, port):
        with netns(ns):
            self.s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            self.s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            self.s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 1 << 20)
            self.s.bind(("::", port))

    def flush(self):
        n = 0
        while select.select([self.s], [], [], 0)[0]:
            self.s.recv(65536)
            n += 1
        return n
