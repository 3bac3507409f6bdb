#!/usr/bin/env python3
"""Times one Kinora job from POST /complete: when the first segment of the top rendition is
fetchable (the video says playable, its playlist lists a segment, and that segment answers 200)
and when the video is ready. Follows the live status stream, so no polling interval skews it.
Usage: job-clock.py BASE TOKEN VIDEO_ID RENDITION  ->  prints "first_segment_s ready_s"."""
import json
import sys
import time
import urllib.request

base, token, video_id, rendition = sys.argv[1:5]
auth = {"Authorization": "Bearer " + token}


def get(path):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=auth), timeout=30) as r:
        return r.status, r.read()


def first_segment_fetchable():
    """True once the variant playlist lists a segment and that segment downloads."""
    try:
        status, body = get(f"/api/videos/{video_id}/renditions/{rendition}.m3u8")
    except Exception:
        return False
    segments = [line for line in body.decode().splitlines() if line.startswith("/media/") and ".m4s" in line]
    if status != 200 or not segments:
        return False
    status, _ = get(segments[0])
    return status == 200


events = urllib.request.urlopen(urllib.request.Request(f"{base}/api/videos/{video_id}/events", headers=auth), timeout=600)
times = {}


def post_complete():
    req = urllib.request.Request(f"{base}/api/videos/{video_id}/complete", method="POST", headers=auth)
    urllib.request.urlopen(req, timeout=30).read()


t0 = time.monotonic()
post_complete()
name = None
for raw in events:
    line = raw.decode().rstrip("\n")
    if line.startswith("event:"):
        name = line[6:].strip()
    elif line.startswith("data:") and name in ("status", "progress"):
        data = json.loads(line[5:])
        if data.get("playable") and "first" not in times:
            while not first_segment_fetchable():
                time.sleep(0.05)
            times["first"] = time.monotonic() - t0
        if data.get("status") in ("ready", "failed"):
            times["done"] = time.monotonic() - t0
            times["status"] = data["status"]
            break
if times.get("status") != "ready":
    sys.exit(f"the video ended {times.get('status')}")
print(f"{times.get('first', times['done']):.2f} {times['done']:.2f}")
