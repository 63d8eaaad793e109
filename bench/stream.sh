#!/usr/bin/env bash
# Screenroom streaming hot-path benchmark, against nginx as the named baseline.
#
# One run: ingests a generated clip with the real jar (java -jar screenroom.jar ingest), serves
# it (java -jar screenroom.jar serve, inside a 256 MB heap), and points wrk at
#   - Screenroom's signed URL of the segment nearest 1.5 MB, and of a media playlist;
#   - nginx (config written to a temp dir, loopback only, sendfile on) serving the same files;
# then prints requests/s, throughput, p99 latency and the Screenroom/nginx ratios at CONNECTIONS
# connections, and Screenroom's heap while it holds IDLE open idle (kept-alive) connections.
# Goals: segment throughput >= 0.9x nginx, playlist req/s >= 0.6x nginx, p99 < 50 ms at 256
# connections, heap < 256 MB with 2,000 open connections.
#
# Usage: bench/stream.sh            (run from anywhere; installs nginx and wrk with apt-get when
#                                    missing; builds server/target/screenroom.jar when missing)
# Env:   FFMPEG=/path/to/ffmpeg  CONNECTIONS=256  DURATION=15s  WARMUP=60s  THREADS=2  IDLE=2000  HEAP=256m
#        BUILD=1 (rebuild the jar)
#        WORK=/tmp/dir (kept afterwards when given)  JAR=/path/to/screenroom.jar (another build)
#        STRACE=0 (skip the short syscall census of both servers at the end)
#        PACE_MS=1000 (the paced run's mean wait between one connection's segment requests; 0 skips it)
#        SCREENROOM_FAST_SEGMENTS=false (serve segments through Vert.x only, to compare with the
#        fast path below it; any SCREENROOM_ setting reaches the server this way)
# Also printed: CPU seconds each server spent per GB sent (from /proc/PID/stat, nginx's master and
# workers summed), bytes per response as wrk counted them (same files, similar headers), and which
# syscalls carried the segment bytes (sendfile is zero-copy; write/writev/pread64 are copies).
# Paced: the p99 goal at 256 connections is also measured as viewers load a server, each
# connection asking for a segment, waiting (PACE_MS on average, at random), asking again: 256
# connections at 1 s each are about 256 requests/s, the load of about a thousand viewers each
# playing one 4 s segment every 4 s. Saturated (wrk's default, every connection always waiting
# for a segment), the latency is set by Little's law, not by the server: printed too.
# Warm-up: each measurement follows WARMUP of the same load, unmeasured, for both servers. The
# figures are a server's steady state, which is what it runs in all night: with a 3 s warm-up, perf
# showed about half of the JVM's CPU in the C2 compiler during the measured window (bench/
# vertx-floor.sh PERF=...), and the segment ratio climbed round by round as the JIT finished.
# 60 s, because 20 s was not enough for the fast segment path: in interleaved 8 s rounds
# (bench/stream-ab.sh) its ratio to nginx climbed from 0.68 to about 0.98 over the first four
# rounds (about 30 s of load), and one run here with a 20 s warm-up measured 0.77 where 60 s gave
# 1.03.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONNECTIONS=${CONNECTIONS:-256}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-60s}
THREADS=${THREADS:-2}
IDLE=${IDLE:-2000}
HEAP=${HEAP:-256m}
KEEP=${WORK:+1}
WORK=${WORK:-$(mktemp -d /tmp/screenroom-stream.XXXXXX)}
mkdir -p "$WORK"
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
PASSWORD=bench-admin-password
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n $KEEP ]] || rm -rf "$WORK"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "fast-segments: ${SCREENROOM_FAST_SEGMENTS:-true (default)}"
echo "work dir: $WORK  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)  c=$CONNECTIONS  warm-up $WARMUP then $DURATION measured, per target and server"

need() { command -v "$1" >/dev/null || [[ -x /usr/sbin/$1 ]]; }
if ! need nginx || ! need wrk; then
  echo "installing nginx and wrk with apt-get"
  SUDO=$([[ $(id -u) == 0 ]] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nginx-light wrk >/dev/null \
    || $SUDO apt-get install -y -qq nginx wrk >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [[ $JAR == "$ROOT/server/target/screenroom.jar" && ( ! -f $JAR || -n ${BUILD:-} ) ]]; then
  (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
fi

# The bundled ffmpeg (as the transcode bench finds it), unless FFMPEG names one (with its
# libraries beside it), makes a 720p clip with audio.
if [[ -n ${FFMPEG:-} ]]; then
  FFMPEG_BIN=$FFMPEG
  FF_LD=$(dirname "$FFMPEG")
else
  (cd "$ROOT" && mvn -B -q -pl transcode test-compile \
    dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null)
  CP="$ROOT/transcode/target/classes:$ROOT/transcode/target/test-classes:$(cat "$WORK/cp.txt")"
  eval "$(java -cp "$CP" org.screenroom.transcode.BenchMain tools "$WORK/ffmpeg-cache" \
    | grep -E '^(FFMPEG_BIN|FFPROBE_BIN|FF_LD)=')"
fi
LD_LIBRARY_PATH="${FF_LD}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$FFMPEG_BIN" -v error -y \
  -f lavfi -i "testsrc2=size=1280x720:rate=25" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -t 12 -c:v libx264 -preset ultrafast -crf 18 -pix_fmt yuv420p -c:a aac "$WORK/clip.mp4"

DATA="$WORK/data"
COMMON=(--data "$DATA" --cache-dir "$WORK/ffmpeg-cache" --admin-password "$PASSWORD")
FILM=$(java -jar "$JAR" ingest "$WORK/clip.mp4" --title "Stream bench" --x264-preset veryfast \
  "${COMMON[@]}" 2>"$WORK/ingest.log" | tail -1)
PKG="$DATA/films/$FILM/package"
[[ -d $PKG ]] || PKG=$(dirname "$(find "$DATA" -name master.m3u8 | head -1)")
# The segment nearest 1.5 MB, and the media playlist beside it.
SEGMENT=$(cd "$PKG" && find . -name '*.m4s' -printf '%s %P\n' \
  | awk '{d = $1 - 1500000; if (d < 0) d = -d; print d, $1, $2}' | sort -n | head -1 | cut -d' ' -f3)
PLAYLIST=$(cd "$PKG" && find "$(dirname "$SEGMENT")" -name '*.m3u8' | head -1)
echo "film $FILM: segment $SEGMENT ($(stat -c %s "$PKG/$SEGMENT") bytes), playlist $PLAYLIST"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SR_PORT=$(free_port)
# One client address drives every connection here: lift the per-address cap for the bench.
SCREENROOM_MAX_CONNECTIONS_PER_IP=100000 java -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" serve \
  "${COMMON[@]}" --host 127.0.0.1 --port "$SR_PORT" >"$WORK/server.log" 2>&1 &
SR_PID=$!
PIDS+=("$SR_PID")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$SR_PORT/health/live" >/dev/null && break; sleep 0.5; done
HLS=$(curl -fs "http://127.0.0.1:$SR_PORT/api/films/$FILM/playback" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["hls"])')
PREFIX=${HLS%master.m3u8}

NG_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
chmod -R a+rX "$WORK"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; video/mp4 mp4; }
  server {
    listen 127.0.0.1:$NG_PORT;
    root $PKG;
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NG_PID=$!
PIDS+=("$NG_PID")
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$NG_PORT/$PLAYLIST" && break; sleep 0.25; done
NG_PIDS="$NG_PID $(pgrep -P "$NG_PID" | tr '\n' ' ')"
echo "nginx: $(($(echo "$NG_PIDS" | wc -w) - 1)) workers; screenroom: $(grep -o 'serving HTTP on.*' "$WORK/server.log" | head -1)"
# Both keep connections alive: a 'Connection: close' would make wrk reconnect every request.
for url in "$PREFIX$SEGMENT" "http://127.0.0.1:$NG_PORT/$SEGMENT"; do
  echo "$([[ $url == "$PREFIX"* ]] && echo screenroom || echo nginx): two requests on $(curl -fsS \
    -o /dev/null -o /dev/null -w '%{num_connects}\n' "$url" "$url" | paste -sd+ | bc) connection(s)"
done

# Both must serve identical bytes before their speed means anything.
cmp <(curl -fs "$PREFIX$SEGMENT") <(curl -fs "http://127.0.0.1:$NG_PORT/$SEGMENT")
cmp <(curl -fs "$PREFIX$PLAYLIST") <(curl -fs "http://127.0.0.1:$NG_PORT/$PLAYLIST")

# CPU time (clock ticks) of the processes named
cpu_ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk '{s += $1} END {print s}'; }
TICKS=$(getconf CLK_TCK)
# wrk against $1 while the processes $2 are served: requests/s, transfer/s in MB, p99 in ms,
# non-2xx, bytes per response, CPU seconds per GB sent
measure() {
  local pids=$2 before after
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null # warm-up (JIT, page cache)
  before=$(cpu_ticks $pids)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$WORK/wrk.last"
  after=$(cpu_ticks $pids)
  tee -a "$WORK/wrk.txt" <"$WORK/wrk.last" | awk -v cpu="$(((after - before)))" -v tck="$TICKS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { tr = mb($2) } /^ +99%/ { p99 = ms($2) }
    / requests in / { n = $1; read = mb($5) }
    /Non-2xx/ { bad = $NF } /Socket errors/ { err = $0 }
    END { printf "%.0f %.1f %.2f %s %.0f %.2f\n", rps, tr, p99, (bad == "" ? 0 : bad),
          read * 1048576 / n, (cpu / tck) / (read / 1024) }'
}
declare -A R
for target in segment playlist; do
  path=$([[ $target == segment ]] && echo "$SEGMENT" || echo "$PLAYLIST")
  R[sr_$target]=$(measure "$PREFIX$path" "$SR_PID")
  R[ng_$target]=$(measure "http://127.0.0.1:$NG_PORT/$path" "$NG_PIDS")
done

printf '\n%-22s %12s %12s %10s %8s %12s %10s\n' "c=$CONNECTIONS ${DURATION}" "requests/s" "MB/s" "p99 ms" "non-2xx" "bytes/resp" "CPU s/GB"
for target in segment playlist; do
  for who in sr ng; do
    read -r rps tr p99 bad size cpu <<<"${R[${who}_$target]}"
    printf '%-22s %12s %12s %10s %8s %12s %10s\n' "$([[ $who == sr ]] && echo screenroom || echo nginx) $target" "$rps" "$tr" "$p99" "$bad" "$size" "$cpu"
  done
done
ratio() { echo "${R[sr_$1]}" "${R[ng_$1]}" | awk -v c="$2" '{printf "%.2f", $c / $(c + NF / 2)}'; }
printf '\nsegment throughput  screenroom/nginx = %s  (goal >= 0.90)\n' "$(ratio segment 2)"
printf 'playlist requests/s screenroom/nginx = %s  (goal >= 0.60)\n' "$(ratio playlist 1)"
printf 'screenroom p99: segment %s ms, playlist %s ms  (goal < 50)\n' \
  "$(cut -d' ' -f3 <<<"${R[sr_segment]}")" "$(cut -d' ' -f3 <<<"${R[sr_playlist]}")"
# Little's law: with every connection always waiting for a segment, the mean latency is the
# bytes in flight over the throughput, whoever serves them; the p99 cannot be below the mean.
little() { awk -v c="$CONNECTIONS" -v b="$(stat -c %s "$PKG/$SEGMENT")" -v t="$(cut -d' ' -f2 <<<"${R[$1]}")" \
  'BEGIN {printf "%.0f", c * b / (t * 1048576) * 1000}'; }
printf 'segment mean latency implied by throughput (%s x %s bytes / MB/s): screenroom %s ms, nginx %s ms\n' \
  "$CONNECTIONS" "$(stat -c %s "$PKG/$SEGMENT")" "$(little sr_segment)" "$(little ng_segment)"

# Paced latency (see the header): same connections, each waiting PACE_MS on average between
# requests, the wait drawn at random so the connections do not ask in step.
if [[ ${PACE_MS:-1000} != 0 ]]; then
  cat >"$WORK/pace.lua" <<LUA
local pace = ${PACE_MS:-1000}
local n = 0
function setup(thread) n = n + 1; thread:set("seed", os.time() * 100 + n) end
function init(args) math.randomseed(seed) end
function delay() return math.random(0, 2 * pace) end
LUA
  paced() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/pace.lua" "$1" \
      | awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
             /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
             /Non-2xx/ { bad = $NF }
             END { printf "%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %s", rps, p50, p99, (bad == "" ? 0 : bad) }'
  }
  echo
  echo "paced: $CONNECTIONS connections, one segment each per ${PACE_MS:-1000} ms on average, $DURATION:"
  echo "  screenroom  $(paced "$PREFIX$SEGMENT")   (goal: p99 < 50 ms)"
  echo "  nginx       $(paced "http://127.0.0.1:$NG_PORT/$SEGMENT")"
fi

# Which syscalls carry the segment bytes: a short, separate wrk run with strace attached (strace
# slows the servers, so these runs are not part of the figures above).
census() {
  local args=() p
  for p in $2; do args+=(-p "$p"); done
  timeout 8 strace -f -c -e trace=sendfile,write,writev,pread64,read,sendmsg "${args[@]}" 2>"$WORK/strace.$3" &
  local st=$!
  sleep 1
  wrk -t1 -c8 -d3s "$1" >/dev/null
  kill -INT "$st" 2>/dev/null || true
  wait "$st" 2>/dev/null || true
  echo "$3 segment syscalls (calls, name):" \
    $(awk '$NF ~ /^(sendfile|write|writev|pread64|read|sendmsg)$/ { print $4 "x" $NF }' "$WORK/strace.$3" \
      | sort -t x -k1,1nr | tr '\n' ' ')
}
if [[ ${STRACE:-1} != 0 ]] && command -v strace >/dev/null; then
  echo
  census "$PREFIX$SEGMENT" "$SR_PID" screenroom
  census "http://127.0.0.1:$NG_PORT/$SEGMENT" "$NG_PIDS" nginx
fi

# Heap with IDLE kept-alive connections open: each asks for the playlist once, then idles.
python3 - "$SR_PORT" "$PREFIX$PLAYLIST" "$IDLE" "$WORK/idle.ready" <<'PY' &
import socket, sys, time, urllib.parse
port, url, n, ready = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
path = urllib.parse.urlparse(url).path
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    socks.append(s)
ok = 0
for s in socks:
    s.settimeout(10)
    if s.recv(65536).startswith(b"HTTP/1.1 200"):
        ok += 1
open(ready, "w").write(str(ok))
time.sleep(45)
PY
PIDS+=($!)
for _ in $(seq 1 120); do [[ -f $WORK/idle.ready ]] && break; sleep 0.5; done
OPEN=$(ss -Htn state established "( sport = :$SR_PORT )" | wc -l)
echo
echo "idle connections answered: $(cat "$WORK/idle.ready" 2>/dev/null || echo 0) of $IDLE; established now: $OPEN"
jcmd "$SR_PID" GC.heap_info | grep -iE 'heap +total|total.*used' | head -1 | sed 's/^ */heap with idle connections (before GC): /'
jcmd "$SR_PID" GC.run >/dev/null
jcmd "$SR_PID" GC.heap_info | grep -iE 'heap +total|total.*used' | head -1 | sed 's/^ */heap with idle connections (after GC):  /'
echo "JVM max heap: $HEAP (-Xmx; the whole run above held in it)   server RSS: $(($(awk '/VmRSS/ {print $2}' /proc/$SR_PID/status) / 1024)) MB"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
