#!/usr/bin/env bash
# Interleaved A/B of the segment hot path: two Screenroom jars (or one jar with two sets of JVM
# flags) and nginx serve the same segment, and wrk measures them in turn, round after round, so
# a busy machine's drift hits all three alike. Prints each round's requests/s and each server's
# ratio to nginx in that round, then the median ratios. For a change to the hot path, keep it
# only if B's median ratio beats A's.
#
# Needs a data directory holding an ingested film: the WORK of a kept bench/stream.sh run
# (WORK=/tmp/x bench/stream.sh), whose data/ is copied for each server (one server per data dir).
# Usage: bench/stream-ab.sh STREAM_WORK JAR_A JAR_B
# Env:   ROUNDS=5  DURATION=8s  CONNECTIONS=256  THREADS=2  HEAP=256m
#        JAVA_A / JAVA_B (extra JVM flags for A / B)  TARGET=segment|playlist
#        ENV_A / ENV_B (settings for A / B, e.g. ENV_A=SCREENROOM_FAST_SEGMENTS=false: one jar
#        with a setting off and on)
set -euo pipefail
SRC=$1 JAR_A=$2 JAR_B=$3
ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-8s} CONNECTIONS=${CONNECTIONS:-256} THREADS=${THREADS:-2}
HEAP=${HEAP:-256m} TARGET=${TARGET:-segment}
WORK=$(mktemp -d /tmp/screenroom-ab.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
PASSWORD=bench-admin-password
FILM=$(ls "$SRC/data/films" | head -1)
PKG=$(dirname "$(find "$SRC/data/films/$FILM" -name master.m3u8 | head -1)")
SEGMENT=$(cd "$PKG" && find . -name '*.m4s' -printf '%s %P\n' \
  | awk '{d = $1 - 1500000; if (d < 0) d = -d; print d, $1, $2}' | sort -n | head -1 | cut -d' ' -f3)
PLAYLIST=$(cd "$PKG" && find "$(dirname "$SEGMENT")" -name '*.m3u8' | head -1)
FILE=$([[ $TARGET == segment ]] && echo "$SEGMENT" || echo "$PLAYLIST")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

declare -A URL PID
start() { # name jar flags settings
  local name=$1 jar=$2 flags=$3 settings=$4 port
  cp -r "$SRC/data" "$WORK/data-$name"
  port=$(free_port)
  # shellcheck disable=SC2086
  env SCREENROOM_MAX_CONNECTIONS_PER_IP=100000 $settings java -Xms"$HEAP" -Xmx"$HEAP" $flags -jar "$jar" serve \
    --data "$WORK/data-$name" --cache-dir "$SRC/ffmpeg-cache" --admin-password "$PASSWORD" \
    --host 127.0.0.1 --port "$port" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=("${PID[$name]}")
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.5; done
  local hls
  hls=$(curl -fs "http://127.0.0.1:$port/api/films/$FILM/playback" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["hls"])')
  URL[$name]=${hls%master.m3u8}$FILE
}
start A "$JAR_A" "${JAVA_A:-}" "${ENV_A:-}"
start B "$JAR_B" "${JAVA_B:-}" "${ENV_B:-}"

NG_PORT=$(free_port)
mkdir -p "$WORK/nginx/tmp"
chmod -R a+rX "$SRC/data" "$WORK"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 16384; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; }
  server { listen 127.0.0.1:$NG_PORT; root $PKG; }
}
CONF
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
URL[N]=http://127.0.0.1:$NG_PORT/$FILE
sleep 1
for who in A B N; do
  cmp <(curl -fs "${URL[$who]}") "$PKG/$FILE" || { echo "$who serves other bytes" >&2; exit 1; }
done

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "$TARGET $FILE ($(stat -c %s "$PKG/$FILE") bytes), c=$CONNECTIONS, $DURATION x $ROUNDS rounds"
echo "A: $JAR_A ${JAVA_A:-} ${ENV_A:-}"
echo "B: $JAR_B ${JAVA_B:-} ${ENV_B:-}"
for who in A B N; do wrk -t"$THREADS" -c"$CONNECTIONS" -d4s "${URL[$who]}" >/dev/null; done # warm-up
RA=() RB=()
for r in $(seq 1 "$ROUNDS"); do
  # The order rotates, so no server always runs right after another.
  order=(A B N); order=("${order[@]:$((r % 3))}" "${order[@]:0:$((r % 3))}")
  declare -A got=()
  for who in "${order[@]}"; do got[$who]=$(rps "${URL[$who]}"); done
  ra=$(awk -v a="${got[A]}" -v n="${got[N]}" 'BEGIN {printf "%.3f", a / n}')
  rb=$(awk -v b="${got[B]}" -v n="${got[N]}" 'BEGIN {printf "%.3f", b / n}')
  RA+=("$ra") RB+=("$rb")
  printf 'round %d: A %8s  B %8s  nginx %8s req/s   A/nginx %s  B/nginx %s   load %s\n' "$r" \
    "${got[A]}" "${got[B]}" "${got[N]}" "$ra" "$rb" "$(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "median ratio to nginx: A $(median "${RA[@]}")  B $(median "${RB[@]}")  (load $(cut -d' ' -f1-3 /proc/loadavg))"
