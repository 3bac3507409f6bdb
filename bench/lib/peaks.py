"""Peaks of the node's heap (jstat -gc lines prefixed with the wall-clock time) and RSS
(/proc/<pid>/status VmRSS lines "epoch kB") within a time window.
Usage: peaks.py jstat.txt rss.txt from-epoch to-epoch
Prints: heap-used-MB heap-committed-MB old-gen-used-MB rss-MB heap-samples"""
import sys

jstat_file, rss_file, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
header = None
used = committed = old = 0.0
samples = 0
for line in open(jstat_file):
    parts = line.split()
    if len(parts) < 2:
        continue
    if parts[1] == "S0C":
        header = parts[1:]
        continue
    if header is None or len(parts) - 1 != len(header):
        continue
    t = float(parts[0])
    if not start <= t <= end:
        continue
    v = dict(zip(header, (float(x) for x in parts[1:])))
    samples += 1
    used = max(used, v["S0U"] + v["S1U"] + v["EU"] + v["OU"])
    committed = max(committed, v["S0C"] + v["S1C"] + v["EC"] + v["OC"])
    old = max(old, v["OU"])
rss = 0.0
for line in open(rss_file):
    parts = line.split()
    if len(parts) == 2 and start <= float(parts[0]) <= end:
        rss = max(rss, float(parts[1]))
print(f"{used / 1024:.0f} {committed / 1024:.0f} {old / 1024:.0f} {rss / 1024:.0f} {samples}")
