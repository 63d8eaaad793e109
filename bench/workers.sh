#!/usr/bin/env bash
# Clustered transcode workers: wall time of a queue of FILMS generated clips with two workers
# against one worker (the named baseline), rounds interleaved, and the ratio two/one (goal <= 0.6).
#
# One serve (java -jar screenroom.jar serve --cluster ...) holds the catalog and hands jobs out;
# with a worker present it transcodes nothing itself. Workers (java -jar screenroom.jar worker)
# read masters from and write packages to the same --data directory. Each round uploads FILMS
# clips by tus (curl) and times from the first upload until every job is done.
#
# On ONE machine (default) each worker JVM sees WORKER_CPUS processors (-XX:ActiveProcessorCount),
# so x264 runs 1 thread per rung: this shows the dispatch (both workers busy at once), not real
# scaling, since two workers still share this machine's cores.
# ACROSS TWO machines: REMOTE=host2-address runs worker 2 elsewhere. Put DATA on a mount both see
# (NFS, same path), set CLUSTER_HOST to this machine's address, and when asked start on host2:
#   java -jar screenroom.jar worker --cluster THIS:5710,host2:5712 --cluster-host host2 \
#        --cluster-port 5712 --data /same/shared/path
# then press Enter; the script stops it never, so start it before the two-worker rounds and stop
# it (Ctrl-C there) when asked.
#
# Usage: bench/workers.sh   Env: FILMS=4 SECONDS_LONG=6 SIZE=960x540 ROUNDS=2 WORKER_CPUS=1
#        PRESET=veryfast DATA=/shared/dir REMOTE= CLUSTER_HOST=127.0.0.1 BUILD=1 WORK=/tmp/dir
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILMS=${FILMS:-4}
SECONDS_LONG=${SECONDS_LONG:-6}
SIZE=${SIZE:-960x540}
ROUNDS=${ROUNDS:-2}
WORKER_CPUS=${WORKER_CPUS:-1}
PRESET=${PRESET:-veryfast}
REMOTE=${REMOTE:-}
CLUSTER_HOST=${CLUSTER_HOST:-127.0.0.1}
KEEP=${WORK:+1}
WORK=${WORK:-$(mktemp -d /tmp/screenroom-workers.XXXXXX)}
DATA=${DATA:-$WORK/data}
mkdir -p "$WORK" "$DATA"
JAR="$ROOT/server/target/screenroom.jar"
PASSWORD=bench-admin-password
P0=5710 P1=5711 P2=5712
W2_HOST=${REMOTE:-127.0.0.1}
MEMBERS="$CLUSTER_HOST:$P0,$CLUSTER_HOST:$P1,$W2_HOST:$P2"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n $KEEP ]] || rm -rf "$WORK"
}
trap cleanup EXIT
echo "work dir: $WORK  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -s $JAR || -n ${BUILD:-} ]]; then
  (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
fi

COMMON=(--data "$DATA" --cache-dir "$WORK/cache" --x264-preset "$PRESET")
java -jar "$JAR" serve "${COMMON[@]}" --port 0 --host 127.0.0.1 --admin-password "$PASSWORD" \
  --cluster "$MEMBERS" --cluster-host "$CLUSTER_HOST" --cluster-port $P0 > "$WORK/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do grep -q '^listening on ' "$WORK/serve.log" && break; sleep 0.2; done
URL=$(grep -m1 '^listening on ' "$WORK/serve.log" | cut -d' ' -f3)
[[ -n $URL ]] || { cat "$WORK/serve.log"; exit 1; }
TOKEN=$(curl -sf -X POST -u "admin:$PASSWORD" "$URL/api/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "serve: $URL"

# The bundled ffmpeg the server extracted, for the clips.
FFDIR=$(dirname "$(find "$WORK/cache" -name ffmpeg -type f | head -1)")
ff() { LD_LIBRARY_PATH="$FFDIR" "$FFDIR/ffmpeg" "$@"; }
for i in $(seq "$FILMS"); do
  ff -v error -y -f lavfi -i "testsrc2=size=$SIZE:rate=25" -f lavfi -i "sine=frequency=$((300 + i * 50))" \
    -t "$SECONDS_LONG" -c:v libx264 -preset ultrafast -c:a aac -pix_fmt yuv420p "$WORK/clip$i.mp4"
done

start_worker() { # name port
  java -XX:ActiveProcessorCount="$WORKER_CPUS" -jar "$JAR" worker "${COMMON[@]}" \
    --cluster "$MEMBERS" --cluster-host 127.0.0.1 --cluster-port "$2" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 600); do grep -q 'joined the cluster' "$WORK/$1.log" && break; sleep 0.2; done
  grep -q 'joined the cluster' "$WORK/$1.log" || { cat "$WORK/$1.log"; exit 1; }
}
b64() { printf '%s' "$1" | base64 -w0; }

# Uploads FILMS clips (each queues its transcode) and waits for every job; prints seconds.
round() {
  local t0 ids=() id loc
  t0=$(date +%s.%N)
  for i in $(seq "$FILMS"); do
    id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"title\":\"bench $i\"}" "$URL/api/films" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
    loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
      -H "Upload-Length: $(stat -c %s "$WORK/clip$i.mp4")" \
      -H "Upload-Metadata: filmId $(b64 "$id"),filename $(b64 "clip$i.mp4")" "$URL/api/uploads" \
      | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
    curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
      -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' \
      --data-binary "@$WORK/clip$i.mp4" "${loc/#\//$URL/}"
    ids+=("$id")
  done
  for id in "${ids[@]}"; do
    for _ in $(seq 3000); do
      curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/films/$id" | grep -q '"status":"ready"' && break
      curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/films/$id" | grep -q '"status":"failed"' \
        && { echo "film $id failed" >&2; exit 1; }
      sleep 0.2
    done
  done
  echo "$(date +%s.%N) - $t0" | bc
}

start_worker w1 $P1
ONE=() TWO=()
for r in $(seq "$ROUNDS"); do
  sleep 3 # the serve hears from the workers present (they ask every 2 s) before jobs queue
  ONE+=("$(round)"); echo "round $r, one worker:  ${ONE[-1]} s"
  if [[ -n $REMOTE ]]; then
    read -r -p "start worker 2 on $REMOTE (see the header), then press Enter " _
  else
    start_worker w2 $P2
  fi
  sleep 3
  TWO+=("$(round)"); echo "round $r, two workers: ${TWO[-1]} s"
  if [[ -n $REMOTE ]]; then
    read -r -p "stop worker 2 on $REMOTE, wait 10 s, then press Enter " _
  else
    kill "$PID_w2"; wait "$PID_w2" 2>/dev/null || true
  fi
done
one=$(printf '%s\n' "${ONE[@]}" | sort -n | head -1)
two=$(printf '%s\n' "${TWO[@]}" | sort -n | head -1)
echo "queue of $FILMS films (${SECONDS_LONG}s $SIZE each), best of $ROUNDS:"
echo "  one worker:  $one s"
echo "  two workers: $two s"
echo "  ratio two/one: $(echo "scale=2; $two / $one" | bc) (goal <= 0.6 across two machines)"
echo "  transcodes run on: w1 $(grep -c 'ended DONE' "$WORK/w1.log"), w2 $(grep -c 'ended DONE' "$WORK/w2.log" 2>/dev/null || echo remote), serve $(grep -c 'ended DONE$' "$WORK/serve.log" || true)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
