"""Prints the rows written by wrk_measure (bench/lib/common.sh) as a Markdown table.
Usage: table.py rows.tsv"""
import sys

print("| endpoint | connections | req/s | p50 ms | p99 ms | 2xx | 503 | other non-2xx | socket errors |")
print("|---|---|---|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    print("| " + " | ".join(line.rstrip("\n").split("\t")) + " |")
