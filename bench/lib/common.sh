# Shared by the load benchmarks (bench/read-load, http-instances, sse-crowd, big-upload,
# node-vs-nginx); sourced, not run. Each benchmark starts its own Redis and node on free ports in
# a temporary directory, and everything it started is stopped on exit.
#
# BENCH_KEEP=1 keeps the work directory (node log, wrk reports, heap samples) for a look afterwards.
# A node runs as `java $NODE_JAVA_OPTS -jar target/kinora.jar` (NODE_JAVA_OPTS defaults to
# -Xmx512m), after $NODE_PREFIX if set (e.g. "taskset -c 0"); KINORA_* variables set by the
# caller (KINORA_HTTP_INSTANCES, ...) pass through.

NODE_JAVA_OPTS="${NODE_JAVA_OPTS:--Xmx512m}"

# bench_init name [command:package ...]: packages, a fresh jar, a work directory, cleanup, ulimit
bench_init() {
  local name=$1
  shift
  bin/ensure-packages java:openjdk-17-jre-headless mvn:maven ffmpeg:ffmpeg redis-server:redis-server \
    curl:curl python3:python3 "$@"
  # rebuild when anything changed since the jar was made: a stale jar would measure old code
  if [ ! -f target/kinora.jar ] || [ -n "$(find src conf webroot pom.xml -newer target/kinora.jar -print -quit)" ]; then
    echo "== building target/kinora.jar"
    mvn -q -B -DskipTests package
  fi
  WORK="$(mktemp -d "/tmp/kinora-$name.XXXXXX")"
  chmod 755 "$WORK"
  pids=()
  trap bench_cleanup EXIT INT TERM
  # thousands of sockets per process: take the hard limit for this shell and its children
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then
    echo "kept: $WORK (node.log, wrk reports, samples)" >&2
  else
    rm -rf "$WORK"
  fi
}

# start_redis: REDIS_PORT
start_redis() {
  REDIS_PORT=$(bin/free-port 16379)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --save "" --appendonly no \
    --maxclients 20000 >"$WORK/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
}

# start_node [VAR=value ...]: NODE_PID, HTTP_PORT, S3_PORT, BASE; the node log is $WORK/node.log
start_node() {
  HTTP_PORT=$(bin/free-port 18080)
  S3_PORT=$(bin/free-port 19000)
  env KINORA_HTTP_PORT="$HTTP_PORT" KINORA_S3_PORT="$S3_PORT" KINORA_DATA_DIR="$WORK/data" \
    KINORA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" KINORA_CLUSTER_PORT="$(bin/free-port 15701)" "$@" \
    ${NODE_PREFIX:-} java $NODE_JAVA_OPTS -jar target/kinora.jar >"$WORK/node.log" 2>&1 &
  NODE_PID=$!
  pids+=("$NODE_PID")
  BASE="http://127.0.0.1:$HTTP_PORT"
  # a busy machine can take minutes to boot a node (Hazelcast, S3Proxy): wait up to 4 minutes
  local deadline=$((SECONDS + 240))
  while [ "$SECONDS" -lt "$deadline" ]; do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return
    kill -0 "$NODE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "The node did not answer /health within 4 minutes; its log:" >&2
  tail -30 "$WORK/node.log" >&2
  exit 1
}

stop_node() {
  kill "$NODE_PID" 2>/dev/null || true
  wait "$NODE_PID" 2>/dev/null || true
}

json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# make_clip file seconds WxH: a small H.264/AAC clip (testsrc2 + tone)
make_clip() {
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=$3:rate=30:duration=$2" \
    -f lavfi -i "sine=frequency=440:duration=$2" -c:v libx264 -preset veryfast -pix_fmt yuv420p \
    -c:a aac -shortest "$1"
}

# create_upload file token: CREATED_ID, CREATED_URL (one presigned PUT, even above the 64 MiB at which
# the server would otherwise plan parts; nothing uploaded yet)
create_upload() {
  local created
  created=$(curl -sf -XPOST "$BASE/api/uploads" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d "{\"filename\":\"$(basename "$1")\",\"size\":$(stat -c %s "$1"),\"visibility\":\"unlisted\",\"multipart\":false}")
  CREATED_ID=$(json_field "$created" id)
  CREATED_URL=$(json_field "$created" uploadUrl)
}

# ready_video file token: uploads, completes, waits for the end of the status stream; VIDEO_ID
ready_video() {
  create_upload "$1" "$2"
  curl -sf -X PUT -T "$1" "$CREATED_URL" >/dev/null
  curl -sf -XPOST -H "Authorization: Bearer $2" "$BASE/api/videos/$CREATED_ID/complete" >/dev/null
  timeout 600 curl -sN "$BASE/api/videos/$CREATED_ID/events" >/dev/null || true
  local status
  status=$(curl -sf "$BASE/api/videos/$CREATED_ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  if [ "$status" != ready ]; then
    echo "The clip did not become ready ($status): $(curl -s "$BASE/api/videos/$CREATED_ID")" >&2
    exit 1
  fi
  VIDEO_ID=$CREATED_ID
}

# start_sampler pid: the node's heap (jstat -gc every 0.5 s) and RSS (every 0.5 s) into $WORK
start_sampler() {
  local pid=$1
  # each jstat line gets the wall-clock time it arrived, so phases can be cut by time
  (jstat -gc "$pid" 500 2>/dev/null | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done) >"$WORK/jstat.txt" &
  pids+=($!)
  (
    while kill -0 "$pid" 2>/dev/null; do
      echo "$(date +%s.%N) $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
      sleep 0.5
    done
  ) >"$WORK/rss.txt" &
  pids+=($!)
}

# sampler_peaks [from-epoch] [to-epoch]: peaks in that window, as
# "heap-used-MB heap-committed-MB old-gen-used-MB rss-MB samples"
sampler_peaks() {
  python3 "$BENCH_LIB/peaks.py" "$WORK/jstat.txt" "$WORK/rss.txt" "${1:-0}" "${2:-1e18}"
}

heap_info() { jcmd "$1" GC.heap_info 2>/dev/null | sed -n '2,3p' | sed 's/^ */   /'; }

machine_info() {
  echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JVM: $(java -version 2>&1 | sed -n 2p); node options: $NODE_JAVA_OPTS; KINORA_HTTP_INSTANCES=${KINORA_HTTP_INSTANCES:-0 (one per core)}"
  echo "Kinora: $(git log -1 --format='%h %s' 2>/dev/null | cut -c1-90)"
}

BENCH_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

WRK_THREADS="${WRK_THREADS:-4}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"

# wrk_measure label url connections seconds: one wrk run with the status tally; appends a row to
# $WORK/rows.tsv and keeps wrk's own report in $WORK/wrk-<label>-<connections>.txt
wrk_measure() {
  local label=$1 url=$2 connections=$3 seconds=$4 threads=$WRK_THREADS out
  [ "$threads" -le "$connections" ] || threads=$connections
  out="$WORK/wrk-${label// /_}-$connections.txt"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout "$WRK_TIMEOUT" --latency \
    -s "$BENCH_LIB/status.lua" "$url" >"$out" 2>&1 || true
  python3 "$BENCH_LIB/wrk-row.py" "$label" "$connections" <"$out" | tee -a "$WORK/rows.tsv" \
    | awk -F'\t' '{printf "   %-22s %5s conns: %s req/s, p50 %s ms, p99 %s ms, 2xx %s, 503 %s, other %s, socket errors %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
}
