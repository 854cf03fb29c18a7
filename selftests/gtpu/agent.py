#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
A long-lived helper of the edgedp_gtpu_*.sh tests: imports scapy once (tens
of seconds under TCG) and then runs commands from its stdin, one per line,
against the test's namespaces:

    agent.py MODULE            MODULE is wire or fuzz (selftests/gtpu/*.py)

  A line is a function of MODULE (or a built-in) and its arguments,
  shell-quoted; KEY=VALUE arguments are keyword arguments. The function's
  output comes back as lines, then "@@END RC": RC 0 when it returned None
  or True, 1 when it returned False or failed an assertion (the message is
  printed), 2 when it raised anything else (the traceback is printed).

  Built-in:
    set KEY=VALUE...       values the functions read from MODULE.env
  "@@READY" is printed once everything is imported.
"""
import importlib
import os
import shlex
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

env = {}


def builtin_set(*args, **kw):
    env.update(kw)


def run(mod, line):
    words = shlex.split(line)
    if not words:
        return 0
    name, args, kw = words[0], [], {}
    for w in words[1:]:
        k, eq, v = w.partition("=")
        if eq and k.isidentifier():
            kw[k] = v
        else:
            args.append(w)
    fn = {"set": builtin_set}.get(name) or \
        getattr(mod, name.replace("-", "_"), None)
    if fn is None:
        print(f"agent: no command {name}")
        return 2
    try:
        r = fn(*args, **kw)
    except AssertionError as e:
        print(f"{e}")
        return 1
    except Exception:  # noqa: BLE001 - report anything to the test
        traceback.print_exc(file=sys.stdout)
        return 2
    if r is False:
        return 1
    return r if isinstance(r, int) and not isinstance(r, bool) else 0


def main():
    sys.stderr = sys.stdout
    # One CPU: whatever the agent sends goes through that CPU's backlog and
    # GRO queues in order, which the tests' fences rely on.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    global env
    mod = importlib.import_module(sys.argv[1])
    env = getattr(mod, "env", env)
    print("@@READY", flush=True)
    for line in sys.stdin:
        rc = run(mod, line.strip())
        print(f"@@END {rc}", flush=True)


if __name__ == "__main__":
    main()
