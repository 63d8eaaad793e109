#!/usr/bin/env bash
# Upload benchmark: tus uploads (creation, then one streaming PATCH, as tus-js-client sends a
# whole file) of a SIZE_MB file to a real Screenroom on loopback, against the same file PUT to
# nginx (the named baseline), RUNS times, interleaved, so a machine whose load drifts slows all
# alike. Each run measures, in order:
#   screenroom tus    until the 204, which Screenroom sends after forcing the bytes to disk
#                     (the offset it stores promises them)
#   nginx PUT         until the 201 (the headline baseline: the bytes are in the page cache only)
#   nginx PUT + sync  the same PUT, then "sync -d" on the file nginx wrote (fdatasync, the force
#                     Screenroom makes): the time until nginx's copy is as durable. Subtracting the
#                     two nginx lines shows the share of the gap the durability costs.
#   dd + fsync        a plain copy of the (cached) file on the same disk, forced: the floor
#                     without network or server. Without nginx, the ratio is taken against it.
# Prints every run, the medians, the ratios of the medians (goal >= 0.7 against nginx PUT), the
# CPU time per GiB of each (the server's every thread; nginx's worker, plus sync's write-back;
# dd's own), a figure a busy machine disturbs less than the speeds, and the server's peak RSS
# growth during the uploads (goal < 100 MB).
# On a virtual machine that gives free memory back to its host (free page reporting), the first
# touch of page-cache memory the host took back costs a fault in the host, charged as CPU to
# whoever copies into the page cache; memory freed a moment before (the previous transfer's file)
# is cheap. The CPU figures swing with it: compare the runs, not one.
# Both HTTP sides get the same client: curl -T, which sends "Expect: 100-continue" and waits up
# to 1 s for the interim answer (nginx and Screenroom both give it at once).
#
#   bench/upload.sh                          # 2 GiB, 3 runs
#   SIZE_MB=256 RUNS=1 bench/upload.sh       # quicker
#
# Env:
#   SIZE_MB      file size (default 2048)
#   RUNS         runs of each (default 3; the medians are reported)
#   WARMUP_MB    an upload of this size first, not measured, so the JIT has compiled the hot
#                path (default 256; 0 for none). The growth it causes is printed apart.
#   JAVA_OPTS    JVM flags for the server (default: the flags the README recommends,
#                "-Xmx256m -Xmn32m"; set JAVA_OPTS= for none. The JVM's own defaults take a
#                quarter of RAM for the heap, and G1 grows its young generation, which RSS
#                counts, to hold the request buffers Vert.x allocates (about 1 GB/s of garbage
#                at full speed) that a 32 MB one collects just as well)
#   JAR          the server jar (default server/target/screenroom.jar, built if missing)
#   BENCH_DIR    parent of the temp dir (default bench/target, the same disk as the build)
#   BENCH_TIMEOUT seconds per transfer (default 900); BENCH_NO_INSTALL=1 never apt-gets nginx
# Loopback only; everything it starts is stopped and its temp dir removed on exit.
set -euo pipefail

SIZE_MB=${SIZE_MB:-2048}
RUNS=${RUNS:-3}
WARMUP_MB=${WARMUP_MB:-256}
TIMEOUT=${BENCH_TIMEOUT:-900}
JAVA_OPTS=${JAVA_OPTS--Xmx256m -Xmn32m}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
PASSWORD=bench-password-$$
mkdir -p "${BENCH_DIR:-$ROOT/bench/target}"
TMP=$(mktemp -d "${BENCH_DIR:-$ROOT/bench/target}/upload.XXXXXX")
SERVER_PID=
NGINX_PID=
SAMPLER_PID=

cleanup() {
  [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "upload bench: $*"; exit 1; }
TICK=$(getconf CLK_TCK)
kib() { awk '/^'"$1"':/ {print $2}' "/proc/$2/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1048576 }'; }
median() { sort -g | awk '{v[NR] = $1} END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
json_field() { sed -nE 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"([^"]*)".*/\1/p'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

command -v curl >/dev/null || die "curl is required"
if [[ ! -f $JAR ]]; then
  say "building $JAR (mvn -q -DskipTests package) ..."
  (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the build failed"
fi

# --- the files -----------------------------------------------------------------------------
FILE=$TMP/film.bin
BYTES=$((SIZE_MB * 1048576))
say "writing a ${SIZE_MB} MiB file ..."
dd if=/dev/urandom of="$FILE" bs=1M count="$SIZE_MB" status=none
if ((WARMUP_MB > 0)); then
  dd if=/dev/urandom of="$TMP/warmup.bin" bs=1M count="$WARMUP_MB" status=none
fi

# --- the baseline server: nginx, else a dd copy --------------------------------------------
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
fi

# Each helper below writes "seconds cpu_seconds" to $TMP/last.
timed() {   # runs "$@" (a child process), writing its wall time and CPU time (user + sys)
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || die "$* failed"
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' <<<"$t" >"$TMP/last"
}

# nginx PUT: the headline baseline. Then, on the file nginx wrote, "sync -d" (fdatasync, the
# force Screenroom makes before it stores an offset): its time and CPU (the write-back it
# starts runs in its context, as Screenroom's forces do in the server's) make the second
# baseline, "nginx PUT + sync", the time until nginx's copy is as durable as Screenroom's.
nginx_run() {   # writes "put_secs put_cpu sync_secs sync_cpu" to $TMP/last
  local out code secs worker cpu0=0 ticks=0
  worker=$(pgrep -P "$NGINX_PID" | head -1)
  [[ -n $worker ]] && cpu0=$(cpu_ticks "$worker")
  out=$(curl -sS --max-time "$TIMEOUT" -o /dev/null -w '%{http_code} %{time_total}' \
    -T "$FILE" "http://127.0.0.1:$PORT/up/film.bin")
  read -r code secs <<<"$out"
  [[ $code == 201 || $code == 204 ]] || die "nginx PUT answered $code (see $TMP/nginx/logs/error.log)"
  [[ -n $worker ]] && ticks=$(( $(cpu_ticks "$worker") - cpu0 ))
  timed sync -d "$TMP/nginx/www/up/film.bin"
  echo "$secs $(awk -v t="$ticks" -v k="$TICK" 'BEGIN { print t / k }') $(cat "$TMP/last")" >"$TMP/last"
  rm -f "$TMP/nginx/www/up/film.bin"
}

# A plain disk copy of the same (cached) file, forced: what the disk and the page cache allow
# with no network and no server at all. In 64 KiB blocks, as Screenroom writes (see PartWriter:
# on a VM, 1 MiB writes cost the copy into the page cache several times the CPU).
copy_run() {
  timed dd if="$FILE" of="$TMP/copy.bin" bs=64K conv=fsync status=none
  rm -f "$TMP/copy.bin"
}

# --- Screenroom ----------------------------------------------------------------------------
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java $JAVA_OPTS -jar "$JAR" serve --host 127.0.0.1 --port 0 --data "$TMP/data" \
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
say "Screenroom at $BASE (pid $SERVER_PID, JAVA_OPTS: ${JAVA_OPTS:-none})"
TOKEN=$(curl -sS --max-time 30 -u "admin:$PASSWORD" -X POST "$BASE/api/tokens" | json_field token)
[[ -n $TOKEN ]] || die "no API token"
AUTH="Authorization: Bearer $TOKEN"

# RSS sampled every 50 ms as well as the kernel's high-water mark: the mark cannot be reset
# on every kernel (clear_refs), the samples can miss a short peak; the larger one is reported.
: >"$TMP/rss"
(while kill -0 "$SERVER_PID" 2>/dev/null; do kib VmRSS "$SERVER_PID" >>"$TMP/rss" 2>/dev/null || true; sleep 0.05; done) &
SAMPLER_PID=$!
peak_since() {   # peak RSS (kB) since the sample count $1 and the last reset of VmHWM
  local sampled hwm
  sampled=$(tail -n +"$1" "$TMP/rss" | sort -n | tail -1)
  hwm=$(kib VmHWM "$SERVER_PID")
  [[ ${HWM_RESET:-0} == 1 && $hwm -gt ${sampled:-0} ]] && echo "$hwm" || echo "${sampled:-0}"
}
reset_hwm() { echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null && HWM_RESET=1 || HWM_RESET=0; }

tus_run() {   # $1 file, $2 bytes; writes "seconds cpu_ticks" to $TMP/last
  local film created status location out code secs cpu0
  film=$(curl -sS --max-time 30 -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"title":"Upload benchmark"}' "$BASE/api/films" | json_field id)
  [[ -n $film ]] || die "no film"
  created=$(curl -sS --max-time 30 -o /dev/null -D - -X POST "$BASE/api/uploads" -H "$AUTH" \
    -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $2" \
    -H "Upload-Metadata: filmId $(b64 "$film"),filename $(b64 film.bin)" | tr -d '\r')
  status=$(printf '%s\n' "$created" | awk 'NR==1 {print $2}')
  location=$(printf '%s\n' "$created" | sed -nE 's/^[Ll]ocation: *(.*)$/\1/p')
  [[ $status == 201 && -n $location ]] || die "tus creation answered ${status:-nothing}"
  [[ $location == http* ]] || location=$BASE$location
  cpu0=$(cpu_ticks "$SERVER_PID")
  # -T streams the file (--data-binary @file would first read all of it into curl's memory);
  # -X PATCH turns curl's PUT into tus's PATCH.
  out=$(curl -sS --max-time "$TIMEOUT" -o "$TMP/patch.out" -w '%{http_code} %{time_total}' \
    -X PATCH -T "$1" -H "$AUTH" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream' "$location")
  read -r code secs <<<"$out"
  [[ $code == 204 ]] || die "tus PATCH answered $code: $(cat "$TMP/patch.out")"
  echo "$secs $(( $(cpu_ticks "$SERVER_PID") - cpu0 ))" >"$TMP/last"
  # The random bytes are rejected as "not a media container" by the handover: wait for it, so
  # it does not run during the next measurement, then delete the film.
  for _ in $(seq 1 600); do
    curl -sS --max-time 30 -H "$AUTH" "$BASE/api/films/$film" | grep -q '"status":"failed"' && break
    sleep 0.1
  done
  curl -sS --max-time 30 -o /dev/null -X DELETE -H "$AUTH" "$BASE/api/films/$film"
}

RSS_START=$(kib VmRSS "$SERVER_PID")
if ((WARMUP_MB > 0)); then
  say "warm-up: one ${WARMUP_MB} MiB upload (not measured) ..."
  reset_hwm
  tus_run "$TMP/warmup.bin" $((WARMUP_MB * 1048576))
  WARM_PEAK=$(peak_since 1)
fi
RSS_BEFORE=$(kib VmRSS "$SERVER_PID")
FROM=$(($(wc -l <"$TMP/rss") + 1))
reset_hwm
gib=$(awk -v b="$BYTES" 'BEGIN { print b / 1073741824 }')
per_gib() { awk -v c="$1" -v g="$gib" 'BEGIN { printf "%.2f\n", c / g }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }
record() {   # $1 name, $2 seconds, $3 CPU seconds: one run's figures, and its words
  echo "$2" >>"$TMP/$1.secs"
  per_gib "$3" >>"$TMP/$1.cpu"
  printf '%s MiB/s (%ss, CPU %s s/GiB)' "$(mbps "$BYTES" "$2")" "$2" "$(tail -1 "$TMP/$1.cpu")"
}
LINES=(tus)
if [[ -n $NGINX ]]; then LINES+=(put durable); fi
LINES+=(copy)
for name in "${LINES[@]}"; do : >"$TMP/$name.secs"; : >"$TMP/$name.cpu"; done
for run in $(seq 1 "$RUNS"); do
  tus_run "$FILE" "$BYTES"
  read -r SECS TICKS <"$TMP/last"
  line="run $run: Screenroom tus $(record tus "$SECS" "$(awk -v t="$TICKS" -v k="$TICK" 'BEGIN { print t / k }')")"
  if [[ -n $NGINX ]]; then
    nginx_run
    read -r PSECS PCPU SSECS SCPU <"$TMP/last"
    line+=", nginx PUT $(record put "$PSECS" "$PCPU")"
    line+=", + sync $(record durable "$(add "$PSECS" "$SSECS")" "$(add "$PCPU" "$SCPU")")"
  fi
  copy_run
  read -r CSECS CCPU <"$TMP/last"
  line+=", dd+fsync $(record copy "$CSECS" "$CCPU")"
  say "$line"
done
PEAK=$(peak_since "$FROM")
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=

# --- report --------------------------------------------------------------------------------
speed() { mbps "$BYTES" "$(median <"$TMP/$1.secs")"; }
cpu() { median <"$TMP/$1.cpu"; }
ratio() { awk -v s="$(speed tus)" -v b="$(speed "$1")" 'BEGIN { printf "%.2f", s / b }'; }
GROWTH_MB=$(( (PEAK - RSS_BEFORE) / 1024 ))
echo "file:             ${SIZE_MB} MiB x ${RUNS} runs (medians), JAVA_OPTS: ${JAVA_OPTS:-none}"
echo "screenroom tus:   $(speed tus) MiB/s until the 204 (bytes forced to disk), server CPU $(cpu tus) s/GiB (all its threads: loop, writer, syncs, GC, JIT)"
if [[ -n $NGINX ]]; then
  echo "nginx PUT:        $(speed put) MiB/s until the 201 (bytes in the page cache), worker CPU $(cpu put) s/GiB"
  echo "nginx PUT + sync: $(speed durable) MiB/s until sync -d (fdatasync) returns, CPU $(cpu durable) s/GiB (worker + sync's write-back)"
fi
echo "dd + fsync:       $(speed copy) MiB/s, a plain copy of the cached file on the same disk, CPU $(cpu copy) s/GiB"
if [[ -n $NGINX ]]; then
  RATIO=$(ratio put)
  echo "ratio:            ${RATIO} against nginx PUT (goal >= 0.7); $(ratio durable) against nginx PUT + sync, $(ratio copy) against dd + fsync"
else
  RATIO=$(ratio copy)
  echo "ratio:            ${RATIO} against dd + fsync (no nginx; goal >= 0.7)"
fi
echo "peak RSS growth:  ${GROWTH_MB} MB over the measured uploads (goal < 100 MB; ${RSS_BEFORE} -> ${PEAK} kB)"
if ((WARMUP_MB > 0)); then
  echo "warm-up growth:   $(( (WARM_PEAK - RSS_START) / 1024 )) MB during the first (${WARMUP_MB} MiB) upload, JIT included"
fi
awk -v r="$RATIO" -v m="$GROWTH_MB" 'BEGIN { exit !(r >= 0.7 && m < 100) }' \
  && echo "result:           PASS" || { echo "result:           FAIL"; exit 1; }
