#!/usr/bin/env bash
# Upload benchmark: one tus upload (creation + a single streaming PATCH) of a SIZE_MB file to a
# real Screenroom on loopback, against the same file PUT to nginx (or, without nginx, a dd copy
# on the same disk). Prints both throughputs, their ratio (goal >= 0.7) and the server's peak RSS
# growth during the upload (goal < 100 MB).
#
#   bench/upload.sh                  # 2 GB
#   SIZE_MB=256 bench/upload.sh      # quicker
#
# Env: SIZE_MB (default 2048), BENCH_DIR (parent of the temp dir; default: the data disk under
# target/, so both runs write to the same file system), BENCH_TIMEOUT (seconds per transfer,
# default 900), BENCH_NO_INSTALL=1 (never apt-get nginx), JAVA_OPTS (JVM flags for the server,
# e.g. -Xmx256m: with the JVM's default heap, a quarter of RAM, G1 grows the heap with garbage
# it could have collected, which RSS counts). Loopback only; everything it starts is
# stopped and its temp dir removed on exit.
set -euo pipefail

SIZE_MB=${SIZE_MB:-2048}
TIMEOUT=${BENCH_TIMEOUT:-900}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/server/target/screenroom.jar
PASSWORD=bench-password-$$
mkdir -p "${BENCH_DIR:-$ROOT/bench/target}"
TMP=$(mktemp -d "${BENCH_DIR:-$ROOT/bench/target}/upload.XXXXXX")
SERVER_PID=
NGINX_PID=

cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "upload bench: $*"; exit 1; }
kib() { awk -v k="$1" '/^'"$1"':/ {print $2}' "/proc/$2/status"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1048576 }'; }
json_field() { sed -nE 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"([^"]*)".*/\1/p'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

command -v curl >/dev/null || die "curl is required"
if [[ ! -f $JAR ]]; then
  say "building $JAR (mvn -q -DskipTests package) ..."
  (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the build failed"
fi

# --- the file ------------------------------------------------------------------------------
FILE=$TMP/film.bin
BYTES=$((SIZE_MB * 1048576))
say "writing a ${SIZE_MB} MiB file ..."
dd if=/dev/urandom of="$FILE" bs=1M count="$SIZE_MB" status=none

# --- Screenroom over tus -------------------------------------------------------------------
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java ${JAVA_OPTS:-} -jar "$JAR" serve --host 127.0.0.1 --port 0 --data "$TMP/data" \
  --admin-password "$PASSWORD" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE=
for _ in $(seq 1 600); do   # 60 s at most
  BASE=$(sed -nE 's/^listening on (http:\/\/[^ ]+).*/\1/p' "$TMP/server.log" | head -1)
  [[ -n $BASE ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "the server exited"; }
  sleep 0.1
done
[[ -n $BASE ]] || die "no 'listening on' line within 60 s (see $TMP/server.log)"
say "Screenroom at $BASE (pid $SERVER_PID)"

TOKEN=$(curl -sS --max-time 30 -u "admin:$PASSWORD" -X POST "$BASE/api/tokens" | json_field token)
[[ -n $TOKEN ]] || die "no API token"
FILM=$(curl -sS --max-time 30 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"title":"Upload benchmark"}' "$BASE/api/films" | json_field id)
[[ -n $FILM ]] || die "no film"

b64() { printf '%s' "$1" | base64 | tr -d '\n'; }
CREATED=$(curl -sS --max-time 30 -o /dev/null -D - -X POST "$BASE/api/uploads" \
  -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $BYTES" \
  -H "Upload-Metadata: filmId $(b64 "$FILM"),filename $(b64 film.bin)" | tr -d '\r')
STATUS=$(printf '%s\n' "$CREATED" | awk 'NR==1 {print $2}')
LOCATION=$(printf '%s\n' "$CREATED" | sed -nE 's/^[Ll]ocation: *(.*)$/\1/p')
SERVER_MBPS=
RSS_GROWTH_MB=
if [[ $STATUS != 201 || -z $LOCATION ]]; then
  say "tus creation answered ${STATUS:-nothing} (no /api/uploads on this build?): server run skipped"
else
  [[ $LOCATION == http* ]] || LOCATION=$BASE$LOCATION
  RSS_BEFORE=$(kib VmRSS "$SERVER_PID")
  # Reset the peak so VmHWM measures this upload only (Linux >= 4.0; harmless if refused).
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || true
  # -T streams the file (--data-binary @file would first read all of it into curl's memory);
  # -X PATCH turns curl's PUT into tus's PATCH.
  OUT=$(curl -sS --max-time "$TIMEOUT" -o "$TMP/patch.out" -w '%{http_code} %{time_total}' \
    -X PATCH -T "$FILE" -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
    -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' "$LOCATION")
  read -r CODE SECS <<<"$OUT"
  [[ $CODE == 204 ]] || die "tus PATCH answered $CODE: $(cat "$TMP/patch.out")"
  HWM=$(kib VmHWM "$SERVER_PID")
  SERVER_MBPS=$(mbps "$BYTES" "$SECS")
  RSS_GROWTH_MB=$(( (HWM - RSS_BEFORE) / 1024 ))
  say "Screenroom tus: ${SECS}s, ${SERVER_MBPS} MiB/s, RSS ${RSS_BEFORE} kB -> peak ${HWM} kB"
fi
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
rm -rf "$TMP/data"

# --- baseline: nginx PUT, else a dd copy -----------------------------------------------------
if ! command -v nginx >/dev/null && [[ ${BENCH_NO_INSTALL:-} != 1 && $EUID == 0 ]] \
    && command -v apt-get >/dev/null; then
  say "installing nginx for the baseline ..."
  apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null 2>&1 || true
fi
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
if [[ -n $NGINX ]]; then
  PORT=$(free_port)
  mkdir -p "$TMP/nginx/www/up" "$TMP/nginx/body" "$TMP/nginx/logs"
  chmod -R 0777 "$TMP/nginx"
  USER_LINE=""
  [[ $EUID == 0 ]] && USER_LINE="user root;"
  cat >"$TMP/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/body; fastcgi_temp_path $TMP/nginx/body;
  uwsgi_temp_path $TMP/nginx/body; scgi_temp_path $TMP/nginx/body;
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 0;
    location /up/ { root $TMP/nginx/www; dav_methods PUT; create_full_put_path on; }
  }
}
EOF
  "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
    sleep 0.1
  done
  OUT=$(curl -sS --max-time "$TIMEOUT" -o /dev/null -w '%{http_code} %{time_total}' \
    -T "$FILE" "http://127.0.0.1:$PORT/up/film.bin")
  read -r CODE SECS <<<"$OUT"
  [[ $CODE == 201 || $CODE == 204 ]] || die "nginx PUT answered $CODE (see $TMP/nginx/logs/error.log)"
  BASELINE="nginx PUT"
else
  START=$(date +%s.%N)
  dd if="$FILE" of="$TMP/copy.bin" bs=1M conv=fsync status=none
  SECS=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  BASELINE="dd copy (no nginx)"
fi
BASE_MBPS=$(mbps "$BYTES" "$SECS")
say "$BASELINE: ${SECS}s, ${BASE_MBPS} MiB/s"

# --- report --------------------------------------------------------------------------------
echo "file:             ${SIZE_MB} MiB"
echo "baseline:         ${BASE_MBPS} MiB/s ($BASELINE)"
if [[ -n $SERVER_MBPS ]]; then
  RATIO=$(awk -v s="$SERVER_MBPS" -v b="$BASE_MBPS" 'BEGIN { printf "%.2f", s / b }')
  echo "screenroom tus:   ${SERVER_MBPS} MiB/s"
  echo "ratio:            ${RATIO} (goal >= 0.7)"
  echo "peak RSS growth:  ${RSS_GROWTH_MB} MB (goal < 100 MB)"
  awk -v r="$RATIO" -v m="$RSS_GROWTH_MB" 'BEGIN { exit !(r >= 0.7 && m < 100) }' \
    && echo "result:           PASS" || { echo "result:           FAIL"; exit 1; }
else
  echo "screenroom tus:   not measured (no tus endpoint answered 201)"
  exit 2
fi
