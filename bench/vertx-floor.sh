#!/usr/bin/env bash
# Where the segment gap of bench/stream.sh lies: nginx against a bare Vert.x server that only
# calls sendFile on the same 1.7 MB file (bench/probe/VertxSendFile.java, run from the server
# jar's classpath), on NIO, on epoll, on epoll with TCP_CORK left on, and on epoll with cork set per
# response by Screenroom's own SendFileCork (as nginx's tcp_nopush, and as the segment handler
# does). Then one connection asking for a 533-byte file with cork left on (each answer waits for
# the kernel's 200 ms cork timer) and with cork per response (it must not).
# Usage: bench/vertx-floor.sh   Env: JAR=path/to/screenroom.jar  CONNECTIONS=256  DURATION=10s
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
CONNECTIONS=${CONNECTIONS:-256}
DURATION=${DURATION:-10s}
[[ -s $JAR ]] || { echo "no jar at $JAR: run mvn -B -DskipTests package first" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/screenroom-floor.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/www"
chmod 755 "$WORK" "$WORK/www" # nginx workers run as another user
head -c 1737125 /dev/urandom >"$WORK/www/seg.m4s"
head -c 533 /dev/urandom >"$WORK/www/small"
chmod 644 "$WORK/www/"*
cat >"$WORK/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $WORK/t1; proxy_temp_path $WORK/t2; fastcgi_temp_path $WORK/t3; uwsgi_temp_path $WORK/t4; scgi_temp_path $WORK/t5;
  server { listen 127.0.0.1:18380; root $WORK/www; }
}
CONF
nginx -c "$WORK/nginx.conf"
rate() { # url connections -> requests/s
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d3s "$1" >/dev/null
  wrk -t"$threads" -c"$2" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}
probe() { # label file connections java-options...
  local label=$1 file=$2 conns=$3; shift 3
  java -cp "$JAR" "$@" "$ROOT/bench/probe/VertxSendFile.java" "$WORK/www/$file" 18381 >"$WORK/vx.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 150); do grep -q ready "$WORK/vx.log" && break; sleep 0.2; done
  printf '%-40s %10s req/s  (%s)\n' "$label" "$(rate http://127.0.0.1:18381/x "$conns")" "$(head -1 "$WORK/vx.log")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
NGINX=$(rate http://127.0.0.1:18380/seg.m4s "$CONNECTIONS")
printf '%-40s %10s req/s\n' "nginx sendfile, c=$CONNECTIONS" "$NGINX"
probe "vertx sendFile NIO, c=$CONNECTIONS" seg.m4s "$CONNECTIONS" -Dio.netty.transport.noNative=true
probe "vertx sendFile epoll, c=$CONNECTIONS" seg.m4s "$CONNECTIONS"
probe "vertx sendFile epoll+cork, c=$CONNECTIONS" seg.m4s "$CONNECTIONS" -Dcork=true -Dnodelay=false
probe "vertx sendFile epoll+cork per response, c=$CONNECTIONS" seg.m4s "$CONNECTIONS" -Dcork=response
probe "small file epoll+cork, c=1" small 1 -Dcork=true -Dnodelay=false
probe "small file epoll+cork per response, c=1" small 1 -Dcork=response
probe "small file epoll, c=1" small 1
echo "compare each Vert.x line to nginx's; screenroom's own figure is bench/stream.sh's segment line"
