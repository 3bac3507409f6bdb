"""Turns the KINORA-BENCH line that bench/lib/status.lua prints at the end of a wrk run into one
tab-separated row: label connections req/s p50-ms p99-ms 2xx 503 other-non-2xx socket-errors.
Usage: wrk-row.py label connections < wrk-output"""
import re
import sys

label, connections = sys.argv[1], sys.argv[2]
text = sys.stdin.read()
m = re.search(r"^KINORA-BENCH (.*)$", text, re.M)
if not m:
    print("\t".join([label, connections, "wrk failed", "-", "-", "-", "-", "-", "-"]))
    sys.exit(0)
f = dict(kv.split("=", 1) for kv in m.group(1).split())
codes = {}
for pair in filter(None, f["codes"].split(",")):
    code, n = pair.split(":")
    codes[int(code)] = int(n)
requests, seconds = int(f["requests"]), int(f["duration_us"]) / 1e6
ok = sum(n for c, n in codes.items() if 200 <= c < 300)
unavailable = codes.get(503, 0)
other = {c: n for c, n in codes.items() if not 200 <= c < 300 and c != 503}
other_text = str(sum(other.values())) + ("" if not other else " (" + ", ".join(f"{c}: {n}" for c, n in sorted(other.items())) + ")")
errors = {k: int(f[k]) for k in ("connect", "read", "write", "timeout")}
errors_text = "0" if not any(errors.values()) else " ".join(f"{k} {v}" for k, v in errors.items() if v)
print("\t".join([label, connections, f"{requests / seconds:.0f}", f"{int(f['p50_us']) / 1000:.2f}",
                 f"{int(f['p99_us']) / 1000:.2f}", str(ok), str(unavailable), other_text, errors_text]))
