#!/usr/bin/env bash
# ladder-run.sh ARGS_FILE OUT_DIR: runs ffmpeg with the arguments in ARGS_FILE (one per line, as
# io.kinora.transcode.LadderCommandLine prints them) into a fresh OUT_DIR, as a job would.
set -euo pipefail
rm -rf "$2" "$(dirname "$2")/thumbnails"
mkdir -p "$(dirname "$2")/thumbnails"
for dir in $(grep -o 'name:[a-z0-9]*' "$1" | cut -d: -f2 | sort -u); do mkdir -p "$2/$dir"; done
mapfile -t args <"$1"
exec ffmpeg -loglevel error "${args[@]}"
