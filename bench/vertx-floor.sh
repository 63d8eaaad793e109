#!/usr/bin/env bash
# Where the segment gap of bench/stream.sh lies, and which knobs move it: nginx (sendfile, tcp_nopush)
# against bare servers that only send the same 1.7 MB file (bench/probe/Floor.java, compiled once and
# run from the server jar's classpath): Vert.x sendFile(String) and sendFile(FileChannel) on one
# channel opened at start, a plain Netty 4.2 HttpServerCodec + DefaultFileRegion server (to tell a
# Vert.x cost from a Netty one), each under socket, event-loop and JVM knobs. One wrk command for all;
# nginx runs again after every GROUP variants and each ratio is against the mean of the nginx runs
# either side of it (interleaved, so a change in the machine's load hits both). Per run: req/s, ratio,
# p99, CPU seconds of the server (all its threads, /proc/PID/stat) and of wrk (the client shares the
# cores), and CPU microseconds per request of each, which is the fair efficiency figure.
#
# Usage: flock /tmp/screenroom-bench.lock bench/vertx-floor.sh
#   Env: JAR=server jar (default server/target/screenroom.jar)  CONNECTIONS=256  DURATION=8s  WARMUP=10s  TIMEOUT=10s
#        VARIANTS=regex of variant names to run (default: all; `VARIANTS=list` prints them)
#        ROUNDS=1 (repeat the sequence; the summary averages ratios over rounds)  GROUP=4
#        PERF=variant-name: instead, perf-record nginx and that variant under the same load and print
#        top symbols and the user/kernel split of each (needs perf; JIT symbols via jcmd Compiler.perfmap)
#        SMALL=1 also runs the 533-byte single-connection cork checks (cork left on waits on the
#        kernel's 200 ms cork timer; cork per response must not).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/server/target/screenroom.jar}
CONNECTIONS=${CONNECTIONS:-256}
DURATION=${DURATION:-8s}
# perf on a loaded machine after a 3 s warm-up found C2 still compiling (libjvm.so 47% of the JVM's
# samples, PhaseChaitin at the top): a short warm-up charges JIT time to every Java variant.
WARMUP=${WARMUP:-10s}
# wrk's own default (2s) caps p99 and counts timeouts on a loaded machine; a longer one shows the real tail.
TIMEOUT=${TIMEOUT:-10s}
ROUNDS=${ROUNDS:-1}
GROUP=${GROUP:-4}
VARIANTS=${VARIANTS:-.}
NETTY=${NETTY_VERSION:-4.2.17.Final}
M2=${M2:-$HOME/.m2/repository}
# Screenroom's bench/stream.sh serves from a 256 MB heap; every JVM variant starts from that.
BASE_JVM=${BASE_JVM:--Xms256m -Xmx256m}

# name | java options (system properties are Floor's knobs; see bench/probe/Floor.java)
CATALOG=$(cat <<'EOF'
vx-path            | -Dsend=path
vx-path-nocork     | -Dsend=path -Dcork=none
vx-path-nio        | -Dsend=path -Dtransport=nio -Dcork=none
vx-chan            | -Dsend=channel
vx-chan-nocork     | -Dsend=channel -Dcork=none
vx-chan-corkon     | -Dsend=channel -Dcork=always -Dnodelay=false
netty              | -Dimpl=netty
netty-nocork       | -Dimpl=netty -Dcork=none
netty-chunk1m      | -Dimpl=netty -Dchunk=1048576
netty-nio          | -Dimpl=netty -Dtransport=nio -Dcork=none
vx-chan-spin1      | -Dsend=channel -Dspin=1
vx-chan-spin64     | -Dsend=channel -Dspin=64
vx-chan-sndbuf256k | -Dsend=channel -Dsndbuf=262144
vx-chan-sndbuf1m   | -Dsend=channel -Dsndbuf=1048576
vx-chan-sndbuf4m   | -Dsend=channel -Dsndbuf=4194304
vx-chan-wbm1m      | -Dsend=channel -Dwbm=524288:1048576
vx-chan-nodelayoff | -Dsend=channel -Dnodelay=false
vx-chan-level      | -Dsend=channel -Depollmode=level
vx-chan-loops1     | -Dsend=channel -Dloops=1
vx-chan-loops4     | -Dsend=channel -Dloops=4
netty-loops1       | -Dimpl=netty -Dloops=1
vx-chan-uring      | -Dsend=channel -Dtransport=iouring -Dcork=none
netty-uring        | -Dimpl=netty -Dtransport=iouring -Dcork=none
vx-chan-parallel   | -Dsend=channel -XX:+UseParallelGC
vx-chan-serial     | -Dsend=channel -XX:+UseSerialGC
vx-chan-pretouch   | -Dsend=channel -XX:+AlwaysPreTouch
vx-chan-heap1g     | -Dsend=channel -Xms1g -Xmx1g
vx-chan-heap64m    | -Dsend=channel -Xms64m -Xmx64m
vx-chan-c1         | -Dsend=channel -XX:TieredStopAtLevel=1
EOF
)
if [[ $VARIANTS == list ]]; then echo "$CATALOG"; exit 0; fi

[[ -s $JAR ]] || { echo "no jar at $JAR: run mvn -B -DskipTests package first" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time) for wrk's CPU" >&2; exit 1; }
URING_CP=$M2/io/netty/netty-transport-classes-io_uring/$NETTY/netty-transport-classes-io_uring-$NETTY.jar:$M2/io/netty/netty-transport-native-io_uring/$NETTY/netty-transport-native-io_uring-$NETTY-linux-x86_64.jar
HAVE_URING=1
for j in ${URING_CP//:/ }; do [[ -s $j ]] || HAVE_URING=0; done
# (To get them once: mvn dependency:get -Dartifact=io.netty:netty-transport-native-io_uring:$NETTY:jar:linux-x86_64
#  and -Dartifact=io.netty:netty-transport-classes-io_uring:$NETTY; without them the io_uring variants are skipped.)

WORK=$(mktemp -d /tmp/screenroom-floor.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/www" "$WORK/classes"
chmod 755 "$WORK" "$WORK/www" # nginx workers run as another user
head -c 1737125 /dev/urandom >"$WORK/www/seg.m4s"
head -c 533 /dev/urandom >"$WORK/www/small"
chmod 644 "$WORK/www/"*
CP="$JAR:$WORK/classes"
if [[ $HAVE_URING == 1 ]]; then
  javac -nowarn -d "$WORK/classes" -cp "$JAR:$URING_CP" "$ROOT/bench/probe/Floor.java" 2>&1 | grep -v '^Note:' >&2 || true
else
  # Floor's Uring class needs the io_uring classes to compile; leave it out without them.
  sed 's/io\.netty\.channel\.uring\.IoUring\.isAvailable()/false/; s/return io\.netty\.channel\.uring\.IoUringIoHandler\.newFactory();/throw new IllegalStateException("no io_uring jars");/; s/return io\.netty\.channel\.uring\.IoUringServerSocketChannel\.class;/throw new IllegalStateException("no io_uring jars");/; s/, io\.netty\.channel\.uring\.IoUring\.unavailabilityCause()//' \
    "$ROOT/bench/probe/Floor.java" >"$WORK/Floor.java"
  javac -nowarn -d "$WORK/classes" -cp "$JAR" "$WORK/Floor.java" 2>&1 | grep -v '^Note:' >&2 || true
fi
[[ -s $WORK/classes/Floor.class ]] || { echo "bench/probe/Floor.java did not compile against $JAR" >&2; exit 1; }

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
for _ in $(seq 50); do [[ -s $WORK/nginx.pid ]] && break; sleep 0.1; done
NGINX_PIDS="$(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"
TCK=$(getconf CLK_TCK)

cpu_ticks() { # pids... -> utime+stime ticks summed
  local t=0 p f
  for p in "$@"; do
    f=$(cut -d')' -f2- "/proc/$p/stat" 2>/dev/null) || continue
    t=$(( t + $(awk '{print $12 + $13}' <<<"$f") ))
  done
  echo "$t"
}

RESULTS=$WORK/results.tsv
: >"$RESULTS"
SEQ=0
# measure name url server-pids...: one warm-up and one measured wrk; appends a row to RESULTS
measure() {
  local name=$1 url=$2; shift 2
  local threads=$(( CONNECTIONS < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
  local before after
  before=$(cpu_ticks "$@")
  /usr/bin/time -f '%U %S' -o "$WORK/wrk.time" wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency "$url" >"$WORK/wrk.out"
  after=$(cpu_ticks "$@")
  SEQ=$((SEQ + 1))
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  awk -v name="$name" -v seq="$SEQ" -v round="$ROUND" -v srv=$((after - before)) -v tck="$TCK" -v load="$load" \
      -v wrkcpu="$(awk '{print $1 + $2}' "$WORK/wrk.time")" '
    /Requests\/sec/ {rps = $2}
    / requests in / {n = $1}
    $1 == "99%" {p99 = $2}
    /Non-2xx|Socket errors/ {err = err $0 ";"}
    END {
      if (n == 0) n = 1
      printf "%s\t%s\t%d\t%s\t%d\t%s\t%.2f\t%.2f\t%.1f\t%.1f\t%s\t%s\n", round, name, seq, rps, n, p99,
        srv / tck, wrkcpu, srv / tck / n * 1e6, wrkcpu / n * 1e6, load, (err == "" ? "-" : err)
    }' "$WORK/wrk.out" >>"$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{printf "  %-20s %9s req/s  p99 %-9s server %6ss  wrk %6ss  load %s %s\n", $2, $4, $6, $7, $8, $11, ($12 == "-" ? "" : $12)}'
}

# variant name java-options: starts Floor with them, checks one response, measures, stops it
variant() {
  local name=$1 opts=$2 cp=$CP
  if [[ $opts == *transport=iouring* ]]; then
    [[ $HAVE_URING == 1 ]] || { echo "  $name: skipped (no netty io_uring jars in $M2)"; return; }
    cp="$CP:$URING_CP"
  fi
  # shellcheck disable=SC2086 # options are words on purpose
  java $BASE_JVM $opts -cp "$cp" Floor "$WORK/www/seg.m4s" 18381 >"$WORK/vx.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 150); do grep -q 'ready\|Exception' "$WORK/vx.log" && break; sleep 0.2; done
  if ! grep -q ready "$WORK/vx.log" ||
     [[ $(curl -s -o "$WORK/got" -w '%{http_code}' http://127.0.0.1:18381/x) != 200 ]] || ! cmp -s "$WORK/got" "$WORK/www/seg.m4s"; then
    echo "  $name: FAILED to serve the file: $(grep -m1 -i 'exception\|error' "$WORK/vx.log" || head -1 "$WORK/vx.log")"
  else
    measure "$name" http://127.0.0.1:18381/x "$pid"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

nginx_run() { measure nginx http://127.0.0.1:18380/seg.m4s $NGINX_PIDS; }

if [[ -n ${PERF:-} ]]; then
  opts=$(awk -F'|' -v n="$PERF" '{gsub(/ +/, "", $1)} $1 == n {print $2}' <<<"$CATALOG")
  [[ -n $opts ]] || { echo "no variant $PERF (VARIANTS=list)" >&2; exit 1; }
  profile() { # label url pids...
    local label=$1 url=$2; shift 2
    local threads=$(( CONNECTIONS < 2 ? 1 : 2 ))
    wrk -t"$threads" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
    wrk -t"$threads" -c"$CONNECTIONS" -d"$DURATION" "$url" >"$WORK/wrk.out" &
    local w=$!
    perf record -q -g -o "$WORK/$label.data" -p "$(tr ' ' ',' <<<"$*" | sed 's/,*$//')" -- sleep "${DURATION%s}" 2>/dev/null
    wait "$w"
    echo "== $label: $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") req/s under perf, $(uptime)"
    # (head closes the pipe early: no pipefail exit for that)
    { perf report -i "$WORK/$label.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -8; } || true
    { perf report -i "$WORK/$label.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30; } || true
  }
  echo "$(uptime)"
  profile nginx http://127.0.0.1:18380/seg.m4s $NGINX_PIDS
  # shellcheck disable=SC2086
  java $BASE_JVM $opts -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -cp "$CP" Floor "$WORK/www/seg.m4s" 18381 >"$WORK/vx.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  for _ in $(seq 150); do grep -q ready "$WORK/vx.log" && break; sleep 0.2; done
  profile "$PERF" http://127.0.0.1:18381/x "$pid" &
  prof=$!
  # JIT-compiled frames have names only through the JVM's perf map, written while it still runs.
  sleep $(( ${DURATION%s} + ${WARMUP%s} - 1 )); jcmd "$pid" Compiler.perfmap >/dev/null 2>&1 || true
  wait "$prof"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  exit 0
fi

echo "start: $(uptime)   file 1737125 bytes, wrk -t2 -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), JVM base: $BASE_JVM"
mapfile -t CHOSEN < <(awk -F'|' -v re="$VARIANTS" '{gsub(/ +$/, "", $1); gsub(/^ +/, "", $2)} $1 ~ re {print $1 "|" $2}' <<<"$CATALOG")
for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
  echo "round $ROUND"
  nginx_run
  i=0
  for v in "${CHOSEN[@]}"; do
    variant "${v%%|*}" "${v#*|}"
    i=$((i + 1))
    if (( i % GROUP == 0 )); then nginx_run; fi
  done
  if (( i % GROUP != 0 )); then nginx_run; fi
done

if [[ ${SMALL:-0} == 1 ]]; then
  echo "small file, one connection (cork left on must be slow, cork per response must not):"
  for v in "always|-Dcork=always -Dnodelay=false" "response|-Dcork=response" "none|-Dcork=none"; do
    java $BASE_JVM ${v#*|} -Dsend=channel -cp "$CP" Floor "$WORK/www/small" 18382 >"$WORK/small.log" 2>&1 &
    pid=$!; PIDS+=("$pid")
    for _ in $(seq 150); do grep -q ready "$WORK/small.log" && break; sleep 0.2; done
    printf '  cork %-9s %10s req/s\n' "${v%%|*}" "$(wrk -t1 -c1 -d3s http://127.0.0.1:18382/x | awk '/Requests\/sec/ {print $2}')"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
fi

echo "end: $(uptime)"
echo
echo "Each ratio is against the mean of the nginx runs just before and just after it (same round)."
echo "us/r = CPU microseconds per request: srv = the server (all its threads), ngx = nginx in the runs either side,"
echo "wrk = the client, all = srv + wrk; cpu-r = nginx's all over this one's (the ratio when CPU-bound on a quiet machine)."
awk -F'\t' '
  { round[NR] = $1; name[NR] = $2; rps[NR] = $4; p99[NR] = $6; srv[NR] = $7; wrk[NR] = $8; sus[NR] = $9; wus[NR] = $10; load[NR] = $11 }
  END {
    printf "%-20s %5s %8s %6s %9s %8s %8s %8s %8s %9s %6s %5s\n", "variant", "round", "req/s", "ratio", "p99", "srv cpu", "srv us/r", "ngx us/r", "wrk us/r", "all us/r", "cpu-r", "load"
    for (i = 1; i <= NR; i++) {
      if (name[i] == "nginx") continue
      b = a = 0
      for (j = i - 1; j >= 1 && round[j] == round[i]; j--) if (name[j] == "nginx") { b = j; break }
      for (j = i + 1; j <= NR && round[j] == round[i]; j++) if (name[j] == "nginx") { a = j; break }
      base = (b && a) ? (rps[b] + rps[a]) / 2 : (b ? rps[b] : rps[a])
      nus = (b && a) ? (sus[b] + sus[a]) / 2 : (b ? sus[b] : sus[a])
      nall = (b && a) ? (sus[b] + wus[b] + sus[a] + wus[a]) / 2 : (b ? sus[b] + wus[b] : sus[a] + wus[a])
      r = base > 0 ? rps[i] / base : 0
      # cpu-r: the (server + wrk) CPU per request of nginx over that of this variant: the ratio both
      # would reach when the two cores are the limit and nothing else runs.
      printf "%-20s %5s %8.0f %6.2f %9s %7.1fs %8.0f %8.0f %8.0f %9.0f %6.2f %5s\n", name[i], round[i], rps[i], r, p99[i], srv[i], sus[i], nus, wus[i], sus[i] + wus[i], nall / (sus[i] + wus[i]), load[i]
      sum[name[i]] += r; csum[name[i]] += nall / (sus[i] + wus[i]); ssum[name[i]] += sus[i]; cnt[name[i]]++; if (!(name[i] in order)) { order[name[i]] = ++k; names[k] = name[i] }
    }
    for (i = 1; i <= NR; i++) if (name[i] == "nginx") printf "%-20s %5s %8.0f %6s %9s %7.1fs %8.0f %8s %8.0f %9.0f %6s %5s\n", "nginx", round[i], rps[i], "1", p99[i], srv[i], sus[i], "", wus[i], sus[i] + wus[i], "", load[i]
    if (k && cnt[names[1]] > 1) {
      print "\nmeans over rounds:      ratio  cpu-r  srv us/r"
      for (i = 1; i <= k; i++) printf "  %-20s %6.2f %6.2f %8.0f\n", names[i], sum[names[i]] / cnt[names[i]], csum[names[i]] / cnt[names[i]], ssum[names[i]] / cnt[names[i]]
    }
  }' "$RESULTS"
