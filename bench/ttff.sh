#!/usr/bin/env bash
# Time to first frame: the median of 10 loads of Screenroom's /watch/{id} (autoplay, muted)
# against a bare hls.js page that nginx serves from the very same package files, both on
# loopback, measured in one run of Debian's Chromium (player-web/e2e/ttff.mjs: a fresh context
# per load, first requestVideoFrameCallback from navigation start, loads alternated). Prints
# both medians and the ratio Screenroom / bare (goal <= 1.2).
#
#   bench/ttff.sh
#   RUNS=20 bench/ttff.sh
#
# Env: RUNS (default 10), BENCH_DIR (parent of the temp dir; default bench/target),
# BENCH_NO_INSTALL=1 (never apt-get nginx), JAVA_OPTS, JAR (the server jar to measure; default
# server/target/screenroom.jar), WATERFALL=1 (also print each page's last
# load as a request waterfall, to see the critical path). The film is the server's 30 s demo
# film (--demo), transcoded with x264 veryfast. Everything started is stopped on exit.
set -euo pipefail

RUNS=${RUNS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
WEB=$ROOT/player-web
mkdir -p "${BENCH_DIR:-$ROOT/bench/target}"
TMP=$(mktemp -d "${BENCH_DIR:-$ROOT/bench/target}/ttff.XXXXXX")
SERVER_PID=
NGINX_PID=

cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "ttff bench: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

command -v curl >/dev/null || die "curl is required"
command -v node >/dev/null || die "node is required (player-web/e2e/ttff.mjs)"
[[ -d $WEB/node_modules/playwright-core && -f $WEB/node_modules/hls.js/dist/hls.min.js ]] \
  || die "player-web/node_modules is missing: run (cd player-web && npm ci)"
if [[ ! -f $JAR ]]; then
  say "building $JAR (mvn -q -DskipTests package) ..."
  (cd "$ROOT" && mvn -B -q -DskipTests package) || die "the build failed"
fi

# --- Screenroom with its demo film -----------------------------------------------------------
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java ${JAVA_OPTS:-} -jar "$JAR" serve --host 127.0.0.1 --port 0 --data "$TMP/data" --demo \
  --x264-preset veryfast --admin-password "bench-$$-password" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE= ; ID=
for _ in $(seq 1 600); do
  BASE=$(sed -nE 's#.*listening on (http://[^ ]+).*#\1#p' "$TMP/server.log" | head -1)
  ID=$(sed -nE 's#.*/watch/([A-Za-z0-9_-]+).*#\1#p' "$TMP/server.log" | head -1)
  [[ -n $BASE && -n $ID ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped: $(tail -5 "$TMP/server.log")"
  sleep 0.2
done
[[ -n $BASE && -n $ID ]] || die "no demo film announced (see $TMP/server.log)"
say "Screenroom at $BASE, demo film $ID: waiting until it is transcoded ..."
for _ in $(seq 1 900); do
  STATUS=$(curl -s "$BASE/api/films/$ID" | sed -nE 's/.*"status"[[:space:]]*:[[:space:]]*"([a-z]+)".*/\1/p')
  [[ $STATUS == ready ]] && break
  [[ $STATUS == failed ]] && die "the demo film failed to transcode"
  sleep 1
done
[[ $STATUS == ready ]] || die "the demo film was not ready after 15 minutes"
PACKAGE=$TMP/data/films/$ID/package
[[ -f $PACKAGE/master.m3u8 ]] || die "no package at $PACKAGE"

# --- the baseline: nginx serving the same package and a bare hls.js page ---------------------
if ! command -v nginx >/dev/null && [[ ${BENCH_NO_INSTALL:-} != 1 && $EUID == 0 ]] \
    && command -v apt-get >/dev/null; then
  say "installing nginx for the baseline ..."
  apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null 2>&1 || true
fi
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
[[ -n $NGINX ]] || die "nginx is required for the baseline (apt-get install nginx)"
PORT=$(free_port)
mkdir -p "$TMP/nginx/www" "$TMP/nginx/body" "$TMP/nginx/logs"
ln -s "$PACKAGE" "$TMP/nginx/www/pkg"
cp "$WEB/node_modules/hls.js/dist/hls.min.js" "$TMP/nginx/www/hls.min.js"
cat >"$TMP/nginx/www/bare.html" <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>bare hls.js</title><script src="/hls.min.js"></script></head>
<body style="margin:0;background:#000">
<video id="v" muted autoplay playsinline style="width:100%;aspect-ratio:16/9"></video>
<script>
  const video = document.getElementById('v');
  const hls = new Hls({ enableWorker: false });
  hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));
  hls.loadSource('/pkg/master.m3u8');
  hls.attachMedia(video);
</script>
</body></html>
EOF
chmod -R a+rX "$TMP/nginx" "$TMP/data"
USER_LINE=""
[[ $EUID == 0 ]] && USER_LINE="user root;"
cat >"$TMP/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/body; fastcgi_temp_path $TMP/nginx/body;
  uwsgi_temp_path $TMP/nginx/body; scgi_temp_path $TMP/nginx/body;
  types {
    text/html html; application/javascript js; application/vnd.apple.mpegurl m3u8;
    video/mp4 mp4 m4s; text/vtt vtt; image/jpeg jpg;
  }
  server {
    listen 127.0.0.1:$PORT;
    root $TMP/nginx/www;
    disable_symlinks off;
  }
}
EOF
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/pkg/master.m3u8" && break
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/pkg/master.m3u8" || die "nginx does not serve the package (see $TMP/nginx/logs/error.log)"

# --- measure -----------------------------------------------------------------------------------
say "measuring $RUNS loads of each page (alternating) ..."
RESULT=$(cd "$WEB" && node e2e/ttff.mjs --a "$BASE/watch/$ID?autoplay=1&muted=1" \
  --b "http://127.0.0.1:$PORT/bare.html" --runs "$RUNS" ${WATERFALL:+--waterfall 1})
SCREENROOM_MS=$(sed -nE 's/.*"a":\{[^}]*"median":([0-9.]+).*/\1/p' <<<"$RESULT")
BARE_MS=$(sed -nE 's/.*"b":\{[^}]*"median":([0-9.]+).*/\1/p' <<<"$RESULT")
RATIO=$(sed -nE 's/.*"ratio":([0-9.]+).*/\1/p' <<<"$RESULT")
say "samples: $RESULT"
printf 'time to first frame, median of %s loads on loopback:\n' "$RUNS"
printf '  Screenroom /watch/{id}           %6s ms\n' "$SCREENROOM_MS"
printf '  bare hls.js page on nginx (baseline) %6s ms\n' "$BARE_MS"
printf 'ratio Screenroom / bare hls.js: %sx (goal <= 1.2)\n' "$RATIO"
