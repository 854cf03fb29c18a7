#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Per-function guest instructions per packet from edgedp_prof snapshots.

    profile.py RESULTS [--top N] [--compare A B]

RESULTS holds kallsyms (the guest's /proc/kallsyms, saved by gtpu_bench.sh)
and prof-LABEL.a.tsv / prof-LABEL.b.tsv pairs, LABEL being
SCENARIO.UPF.VARIANT.DIR.SIZE.PACKETS, taken around one measured run. Each
block's instructions between the two snapshots go to the function its start
address falls in; divided by the run's packets, that is the function's cost
per packet (the run's shell and process start-up included, spread thin).

Prints, per direction and size, the functions of every scenario side by side
(instructions per packet, largest differences first), then each scenario's
top functions.
"""
import argparse
import bisect
import collections
import glob
import os
import sys


def load_kallsyms(path):
    """Sorted text symbols: (addresses, names)."""
    syms = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or parts[1] not in "tTwW":
                continue
            addr = int(parts[0], 16)
            if addr == 0:
                continue
            name = parts[2]
            if len(parts) > 3:
                name += " " + parts[3]
            syms.append((addr, name))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def load_snap(path):
    counts = {}
    with open(path) as f:
        for line in f:
            addr, n = line.split()
            counts[int(addr, 16)] = int(n)
    return counts


def profile(results, label, addrs, names):
    a = load_snap(os.path.join(results, f"prof-{label}.a.tsv"))
    b = load_snap(os.path.join(results, f"prof-{label}.b.tsv"))
    per_func = collections.Counter()
    for addr, n in b.items():
        d = n - a.get(addr, 0)
        if d <= 0:
            continue
        i = bisect.bisect_right(addrs, addr) - 1
        per_func[names[i] if i >= 0 else "?"] += d
    return per_func


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()

    ks = os.path.join(args.results, "kallsyms")
    if not os.path.exists(ks):
        sys.exit(f"profile: no {ks} (was the run made with --profile?)")
    addrs, names = load_kallsyms(ks)
    if not addrs:
        sys.exit("profile: kallsyms has no addresses (kptr_restrict?)")

    labels = sorted(os.path.basename(p)[5:-6]
                    for p in glob.glob(os.path.join(args.results, "prof-*.a.tsv")))
    runs = collections.defaultdict(dict)	# (dir, size) -> {scenario: (packets, Counter)}
    for label in labels:
        if not os.path.exists(os.path.join(args.results, f"prof-{label}.b.tsv")):
            continue
        scen, upf, var, direction, size, n = label.rsplit(".", 5)
        key = f"{scen}/{upf}/{var}"
        runs[(direction, int(size))][key] = (int(n), profile(args.results, label, addrs, names))

    for (direction, size), scen in sorted(runs.items()):
        keys = list(scen)
        print(f"== {direction} {size} B: instructions per packet per function")
        totals = {k: sum(c.values()) / n for k, (n, c) in scen.items()}
        print("  " + " ".join(f"{k:>22}" for k in keys) + "  function")
        print("  " + " ".join(f"{totals[k]:>22.1f}" for k in keys) + "  (all)")
        funcs = set()
        for k, (n, c) in scen.items():
            funcs.update(f for f, _ in c.most_common(args.top))

        def spread(f):
            v = [scen[k][1][f] / scen[k][0] for k in keys]
            return max(v) - min(v), max(v)
        for f in sorted(funcs, key=spread, reverse=True):
            v = [scen[k][1][f] / scen[k][0] for k in keys]
            if max(v) < 1:
                continue
            print("  " + " ".join(f"{x:>22.1f}" for x in v) + f"  {f}")
        print()


if __name__ == "__main__":
    main()
