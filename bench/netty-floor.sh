#!/usr/bin/env bash
# The ceiling under Vert.x for the segment path: nginx (sendfile, tcp_nopush) against a bare
# Netty epoll server answering with a zero-copy DefaultFileRegion of one open file
# (bench/probe/NettySendFile.java: no Vert.x at all), with and without TCP_CORK per response,
# and a bare Vert.x sendFile server corked per response as Screenroom is
# (bench/probe/VertxSendFile.java), on the same 1.7 MB file, in interleaved rounds (the order
# rotates each round). Prints each round's requests/s and the median ratio of each to nginx.
# If bare Netty is far below nginx, the rest of the gap is Netty's, not Vert.x's or Screenroom's.
# Usage: bench/netty-floor.sh   Env: JAR=path/to/screenroom.jar  CONNECTIONS=256  DURATION=8s  ROUNDS=3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
CONNECTIONS=${CONNECTIONS:-256} DURATION=${DURATION:-8s} ROUNDS=${ROUNDS:-3}
[[ -s $JAR ]] || { echo "no jar at $JAR: run mvn -B -DskipTests package first" >&2; exit 1; }
WORK=$(mktemp -d /tmp/screenroom-nettyfloor.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
mkdir -p "$WORK/www" "$WORK/tmp"
chmod 755 "$WORK" "$WORK/www"
head -c 1737125 /dev/urandom >"$WORK/www/seg.m4s"
chmod 644 "$WORK/www/seg.m4s"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
NG_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto; pid $WORK/nginx.pid; error_log $WORK/error.log;
events { worker_connections 16384; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$NG_PORT; root $WORK/www; }
}
CONF
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
declare -A URL
URL[nginx]=http://127.0.0.1:$NG_PORT/seg.m4s
probe() { # name source java-options...
  local name=$1 src=$2 port; shift 2
  port=$(free_port)
  java -cp "$JAR" "$@" "$ROOT/bench/probe/$src" "$WORK/www/seg.m4s" "$port" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do grep -q ready "$WORK/$name.log" && break; sleep 0.2; done
  URL[$name]=http://127.0.0.1:$port/seg.m4s
}
probe netty NettySendFile.java
probe netty-cork NettySendFile.java -Dcork=response
probe vertx-cork VertxSendFile.java -Dcork=response
NAMES=(nginx netty netty-cork vertx-cork)
for n in "${NAMES[@]}"; do
  cmp <(curl -fs "${URL[$n]}") "$WORK/www/seg.m4s" || { echo "$n serves other bytes" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d3s "${URL[$n]}" >/dev/null
done
echo "c=$CONNECTIONS $DURATION x $ROUNDS rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A ALL
for r in $(seq 1 "$ROUNDS"); do
  order=("${NAMES[@]:$((r % 4))}" "${NAMES[@]:0:$((r % 4))}")
  line="round $r:"
  declare -A got=()
  for n in "${order[@]}"; do
    got[$n]=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "${URL[$n]}" | awk '/Requests\/sec/ {print $2}')
  done
  for n in "${NAMES[@]}"; do
    line+=" $n ${got[$n]}"
    ALL[$n]+="$(awk -v a="${got[$n]}" -v b="${got[nginx]}" 'BEGIN {printf "%.3f", a / b}') "
  done
  echo "$line   (load $(cut -d' ' -f1 /proc/loadavg))"
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for n in netty netty-cork vertx-cork; do
  echo "median $n/nginx = $(median <<<"${ALL[$n]}")"
done
