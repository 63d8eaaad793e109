#!/usr/bin/env bash
# Clustered transcode workers: wall time of a queue of FILMS generated clips with two workers
# against one worker (the named baseline), rounds interleaved, and the ratio two/one (goal <= 0.6).
#
# One serve (java -jar screenroom.jar serve --cluster ...) holds the catalog and hands jobs out;
# with a worker present it transcodes nothing itself. Workers (java -jar screenroom.jar worker)
# read masters from and write packages to the same --data directory.
# MODE=again (default): FILMS clips are uploaded once, before any round (by tus, with curl, and
#   transcoded by worker 1: that also warms its JVM up). Each round then queues a new transcode
#   of every one of them at once (POST /api/films/ID/jobs, as after a change of ladder or preset)
#   and times from the first request until every one of those jobs is done. That is the queue's
#   own wall time: the uploads, their hashing and their ffprobe, which run on the serve (an
#   origin, another machine in a real deployment), are out of it, as they would be out of the
#   workers' machines.
#   Before each round two small films are transcoded again, untimed, so that worker 2, started
#   for the two-worker rounds, has run a job before the round (see warm).
# MODE=upload: each round uploads FILMS new clips by tus (curl) and times from the first upload
#   until every film is ready, the uploads and the serve's checks of them included.
#
# ON ONE MACHINE (default) each worker is confined with taskset to its own CPUs: worker 1 to
# W1_CPUS (default CPU 0) in both the one- and the two-worker rounds, worker 2 to W2_CPUS
# (default CPU 1); its ffmpeg children inherit the affinity, and the JVM is told it has that many
# processors (-XX:ActiveProcessorCount), so x264 sizes its threads to them. "Two workers" then
# means twice the cores, as two one-core machines would give.
#   What this simulates: adding a second, equally fast transcode machine to a queue, with the
#   dispatch (claims over the clustered event bus, leases, progress reports) as it runs across
#   machines, and each worker's encoding confined to its own core.
#   What it does not: the two "machines" still share this one's caches, memory bandwidth, disk
#   and kernel; the shared --data directory is a local disk, not NFS or a bucket (no network
#   copies of masters and packages); the cluster talks over loopback. And on a machine with
#   only the workers' cores (2 cores: the default), the serve, the curl uploads and anything else
#   running (other benchmarks, builds: see the load printed) run on the workers' cores and slow
#   them, the two-worker rounds more (both cores busy). With more cores the serve and the clients
#   go to SERVE_CPUS (default: every CPU not given to a worker) and that contamination is gone.
# ACROSS TWO machines: REMOTE=host2-address runs worker 2 elsewhere (no taskset there). Put DATA
# on a mount both see (NFS, same path), set CLUSTER_HOST to this machine's address, and when asked
# start on host2:
#   java -jar screenroom.jar worker --cluster THIS:5710,host2:5712 --cluster-host host2 \
#        --cluster-port 5712 --data /same/shared/path
# then press Enter; the script stops it never, so start it before the two-worker rounds and stop
# it (Ctrl-C there) when asked. Set W1_CPUS= (empty) to leave worker 1 unconfined then.
#
# Usage: flock /tmp/screenroom-bench.lock bench/workers.sh
#   Env: MODE=again|upload FILMS=4 SECONDS_LONG=6 SIZE=960x540 ROUNDS=2 PRESET=veryfast W1_CPUS=0 W2_CPUS=1
#        SERVE_CPUS=(the rest) DATA=/shared/dir REMOTE= CLUSTER_HOST=127.0.0.1 BUILD=1 WORK=/tmp/dir
#        TIMELINE=1 (a per-film timeline of every round, from the logs) JAR=(another build)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILMS=${FILMS:-4}
SECONDS_LONG=${SECONDS_LONG:-6}
SIZE=${SIZE:-960x540}
ROUNDS=${ROUNDS:-2}
MODE=${MODE:-again}
[[ $MODE == again || $MODE == upload ]] || { echo "MODE must be again or upload" >&2; exit 2; }
W1_CPUS=${W1_CPUS-0}
W2_CPUS=${W2_CPUS-1}
PRESET=${PRESET:-veryfast}
REMOTE=${REMOTE:-}
CLUSTER_HOST=${CLUSTER_HOST:-127.0.0.1}
KEEP=${WORK:+1}
WORK=${WORK:-$(mktemp -d /tmp/screenroom-workers.XXXXXX)}
DATA=${DATA:-$WORK/data}
mkdir -p "$WORK" "$DATA"
JAR=${JAR:-"$ROOT/server/target/screenroom.jar"}
PASSWORD=bench-admin-password
P0=5710 P1=5711 P2=5712
W2_HOST=${REMOTE:-127.0.0.1}
MEMBERS="$CLUSTER_HOST:$P0,$CLUSTER_HOST:$P1,$W2_HOST:$P2"
PIDS=()

# CPU lists as taskset takes them: "0", "0-1", "0,2".
expand() { # list -> one CPU number a line
  local part
  for part in ${1//,/ }; do
    if [[ $part == *-* ]]; then seq "${part%-*}" "${part#*-}"; else echo "$part"; fi
  done
}
pin() { # list -> the taskset prefix confining a command to it (nothing for an empty list)
  [[ -z $1 ]] || printf '%s\n' taskset -c "$1"
}
if [[ -z ${SERVE_CPUS+set} ]]; then
  # Every CPU no worker has (taskset's view: the CPUs this script may use).
  SERVE_CPUS=$(comm -23 <(expand "$(taskset -pc $$ | sed 's/.*: //')" | sort) \
    <({ expand "$W1_CPUS"; [[ -n $REMOTE ]] || expand "$W2_CPUS"; } | sort) | sort -n | paste -sd, -)
fi
mapfile -t W1_PIN < <(pin "$W1_CPUS")
mapfile -t W2_PIN < <(pin "$W2_CPUS")
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n $KEEP ]] || rm -rf "$WORK"
}
trap cleanup EXIT
echo "work dir: $WORK  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPUs: worker 1 ${W1_CPUS:-any}, worker 2 ${REMOTE:+on $REMOTE}${REMOTE:-${W2_CPUS:-any}}, serve and clients ${SERVE_CPUS:-any}"
if [[ -n $SERVE_CPUS ]]; then
  taskset -pc "$SERVE_CPUS" $$ > /dev/null # this script and what it starts unless confined elsewhere
elif [[ -n $W1_CPUS ]]; then
  echo "note: no CPU left for the serve and the uploads: they share the workers' cores (see the header)"
fi
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
for i in 1 2; do # MODE=again: the warm-up films (see warm)
  ff -v error -y -f lavfi -i "testsrc2=size=320x240:rate=25" -f lavfi -i "sine=frequency=$((200 + i * 50))" \
    -t 2 -c:v libx264 -preset ultrafast -c:a aac -pix_fmt yuv420p "$WORK/clipwarm$i.mp4"
done

start_worker() { # name port cpus
  local jvm=()
  [[ -z $3 ]] || jvm=(-XX:ActiveProcessorCount="$(expand "$3" | wc -l)")
  local -n prefix="${1^^}_PIN"
  "${prefix[@]}" java "${jvm[@]}" -jar "$JAR" worker "${COMMON[@]}" \
    --cluster "$MEMBERS" --cluster-host 127.0.0.1 --cluster-port "$2" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 600); do grep -q 'joined the cluster' "$WORK/$1.log" && break; sleep 0.2; done
  grep -q 'joined the cluster' "$WORK/$1.log" || { cat "$WORK/$1.log"; exit 1; }
}
b64() { printf '%s' "$1" | base64 -w0; }

# Uploads clip $1 as a new film (its upload queues its transcode); prints the film's id.
upload() {
  local id loc
  id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"bench $1\"}" "$URL/api/films" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
    -H "Upload-Length: $(stat -c %s "$WORK/clip$1.mp4")" \
    -H "Upload-Metadata: filmId $(b64 "$id"),filename $(b64 "clip$1.mp4")" "$URL/api/uploads" \
    | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Tus-Resumable: 1.0.0' \
    -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' \
    --data-binary "@$WORK/clip$1.mp4" "${loc/#\//$URL/}"
  echo "$id"
}
# Waits until film $1 is ready (MODE=upload) or job $2 is done (MODE=again); records when.
await_film() {
  local status path=/api/films/$1
  [[ -z $2 ]] || path=/api/jobs/$2
  # One request a look (it runs on the workers' cores too, in both rounds alike).
  for _ in $(seq 3000); do
    status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$URL$path") || true
    [[ $status == *'"status":"ready"'* || $status == *'"state":"done"'* ]] && { READY[$1]=$(date +%s.%N); return; }
    [[ $status == *'"status":"failed"'* || $status == *'"state":"failed"'* ]] && { echo "film $1 failed" >&2; exit 1; }
    sleep 0.2
  done
  echo "film $1: not done in 10 minutes" >&2; exit 1
}

# Waits until the serve logs job $2 (film $1) ended; records when (epoch seconds, from the log).
await_logged() {
  local line
  for _ in $(seq 2400); do
    line=$(tail -n +"$SINCE" "$WORK/serve.log" | grep -m1 -F "job $2 (film $1) ended ") || true
    if [[ -n $line ]]; then
      [[ $line == *"ended DONE"* ]] || { echo "film $1: $line" >&2; exit 1; }
      READY[$1]=$(date -d "$(date +%F) ${line%% *}" +%s.%N)
      return
    fi
    sleep 0.25
  done
  echo "film $1: not done in 10 minutes" >&2; exit 1
}

# MODE=again, before a round, untimed: a new transcode of the two small warm-up films, queued at
# once, so each worker present runs a job first. A worker started for the round (worker 2) would
# otherwise still be compiling its job path and Hazelcast's (its JVM shares its one CPU with its
# ffmpeg) during the round's first film; a real worker runs for days.
FILMS_WARM=()
warm() {
  local id
  declare -A job
  SINCE=$(($(wc -l < "$WORK/serve.log") + 1))
  for id in "${FILMS_WARM[@]}"; do
    job[$id]=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/films/$id/jobs" \
      | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  done
  for id in "${FILMS_WARM[@]}"; do await_logged "$id" "${job[$id]}"; done
}

# One round: MODE=upload uploads FILMS clips, MODE=again queues a new transcode of each film of
# FILMS_AGAIN; waits for every job; prints seconds.
declare -A READY JOB
FILMS_AGAIN=()
round() {
  local t0 ids=() id
  SINCE=$(($(wc -l < "$WORK/serve.log") + 1)) # the serve's log lines of this round start here
  t0=$(date +%s.%N)
  if [[ $MODE == upload ]]; then
    for i in $(seq "$FILMS"); do ids+=("$(upload "$i")"); done
  else
    for id in "${FILMS_AGAIN[@]}"; do
      JOB[$id]=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/films/$id/jobs" \
        | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
      [[ -n ${JOB[$id]} ]] || { echo "film $id: the new transcode was refused" >&2; exit 1; }
      ids+=("$id")
    done
  fi
  local end
  if [[ $MODE == upload ]]; then
    for id in "${ids[@]}"; do await_film "$id" ""; done
    end=$(date +%s.%N)
  else
    # Read from the serve's log, not asked over HTTP: a look costs a grep of a small file
    # instead of a curl and a request on the workers' cores, and the end is the moment the
    # serve recorded the last job done (its log's milliseconds), not when a poll saw it.
    for id in "${ids[@]}"; do await_logged "$id" "${JOB[$id]}"; done
    end=$(for id in "${ids[@]}"; do echo "${READY[$id]}"; done | sort -n | tail -1)
    for id in "${ids[@]}"; do # and the API agrees
      curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/jobs/${JOB[$id]}" | grep -q '"state":"done"' \
        || { echo "job ${JOB[$id]}: not done by the API's account" >&2; exit 1; }
    done
  fi
  echo "$end - $t0" | bc
  [[ -z ${TIMELINE:-} ]] || timeline "$t0" "${ids[@]}" >&2
}

# Per-film timeline of the round that started at $1 (epoch seconds), seconds after it, from the
# logs: upload created, its last byte in (upload), handed over (probed, hashed, moved: the job
# queued), handed to a worker
# (claimed), the worker's start, its probe/encode/package/publish stages, the put to storage
# (worker's "transcoded in"), the result recorded on the serve (done), and when the bench saw
# "ready". Logs carry HH:MM:SS.mmm of this machine's day (the JVMs log in its time zone).
at() { # file pattern [after-line] -> seconds after T0 of the first line matching (after that line)
  local line
  line=$(tail -n +"${3:-1}" "$1" 2>/dev/null | grep -m1 -E "$2" | cut -d' ' -f1) || true
  [[ -n $line ]] || { printf '%7s' -; return; }
  awk -F'[:.]' -v t0="$T0" '{ printf "%7.1f", $1 * 3600 + $2 * 60 + $3 + $4 / 1000 - t0 }' <<< "$line"
}
timeline() { # t0 film-id...
  local t0=$1 id job wlog n
  shift
  T0=$(echo "$t0 - $(date -d "$(date -d "@${t0%.*}" +%F) 00:00" +%s)" | bc)
  printf '    %-8s %7s %7s %7s %7s %7s %7s %7s %7s %7s  %s\n' film created upload queued claimed \
    start encoded stored done ready "worker (stages)"
  for id in "$@"; do
    job=${JOB[$id]:-$(grep -m1 -oE "job [^ ]+ \(film $id, attempt [0-9]+\) handed" "$WORK/serve.log" | cut -d' ' -f2)}
    wlog=$(grep -l -F "job $job (film $id) started" "$WORK"/w[12].log 2>/dev/null | head -1)
    n=$(grep -n -F "job $job (film $id) started" "${wlog:-/dev/null}" | cut -d: -f1)
    printf '    %-8s %s %s %s %s %s %s %s %s %7.1f  %s %s\n' "${id:0:8}" \
      "$(at "$WORK/serve.log" "upload [^ ]+ created for film $id" "$SINCE")" \
      "$(at "$WORK/serve.log" "upload [^ ]+ for film $id complete" "$SINCE")" \
      "$(at "$WORK/serve.log" "for film $id accepted, transcode queued" "$SINCE")" \
      "$(at "$WORK/serve.log" "job $job \\(film $id, attempt [0-9]+\\) handed to worker")" \
      "$(at "${wlog:-/dev/null}" "job $job \\(film $id\\) started")" \
      "$(at "${wlog:-/dev/null}" "transcoded [^ ]+ in PT" "${n:-1}")" \
      "$(at "${wlog:-/dev/null}" "film $id: [0-9]+ renditions, transcoded" "${n:-1}")" \
      "$(at "$WORK/serve.log" "job $job \\(film $id\\) ended DONE on worker")" \
      "$(echo "${READY[$id]} - $t0" | bc)" "$(basename "${wlog:-?}" .log)" \
      "$(tail -n +"${n:-1}" "${wlog:-/dev/null}" | grep -m1 -oE 'transcoded [^ ]+ in PT[^ ]+ \(.*\)' \
        | sed 's/.*(//; s/)$//')"
  done
}

done_in() { grep -c 'ended DONE' "$WORK/$1.log" 2>/dev/null || true; }

start_worker w1 $P1 "$W1_CPUS"
if [[ $MODE == again ]]; then
  echo "uploading $FILMS films (transcoded once by worker 1, untimed)"
  for i in $(seq "$FILMS"); do FILMS_AGAIN+=("$(upload "$i")"); done
  for id in "${FILMS_AGAIN[@]}"; do await_film "$id" ""; done
  for i in 1 2; do FILMS_WARM+=("$(upload "warm$i")"); done
  for id in "${FILMS_WARM[@]}"; do await_film "$id" ""; done
fi
ONE=() TWO=() SPREAD=()
for r in $(seq "$ROUNDS"); do
  sleep 3 # the serve hears from the workers present (they ask every 2 s) before jobs queue
  [[ $MODE != again ]] || warm
  ONE+=("$(round)"); echo "round $r, one worker:  ${ONE[-1]} s"
  if [[ -n $REMOTE ]]; then
    read -r -p "start worker 2 on $REMOTE (see the header), then press Enter " _
  else
    start_worker w2 $P2 "$W2_CPUS"
  fi
  sleep 3
  [[ $MODE != again ]] || warm
  w1_before=$(done_in w1) w2_before=$(done_in w2)
  TWO+=("$(round)")
  w2_jobs=$([[ -n $REMOTE ]] && echo "$FILMS - $(done_in w1) + $w1_before" | bc || echo $(($(done_in w2) - w2_before)))
  SPREAD+=("w1 $(($(done_in w1) - w1_before)), w2 $w2_jobs")
  echo "round $r, two workers: ${TWO[-1]} s (jobs: ${SPREAD[-1]})"
  if [[ -n $REMOTE ]]; then
    read -r -p "stop worker 2 on $REMOTE, wait 10 s, then press Enter " _
  else
    kill "$PID_w2"; wait "$PID_w2" 2>/dev/null || true
  fi
done
one=$(printf '%s\n' "${ONE[@]}" | sort -n | head -1)
two=$(printf '%s\n' "${TWO[@]}" | sort -n | head -1)
echo "queue of $FILMS films (${SECONDS_LONG}s $SIZE each; MODE=$MODE: $([[ $MODE == again ]] && echo "transcoded again, queued at once" || echo "uploaded in the round")), best of $ROUNDS:"
echo "  one worker (CPU ${W1_CPUS:-any}):  $one s"
echo "  two workers (CPUs ${W1_CPUS:-any} + ${REMOTE:-${W2_CPUS:-any}}): $two s"
ratios=$(for i in "${!ONE[@]}"; do printf 'r%d %.2f  ' $((i + 1)) "$(echo "${TWO[$i]} / ${ONE[$i]}" | bc -l)"; done)
echo "  ratio two/one: $(printf '%.2f' "$(echo "$two / $one" | bc -l)") (goal <= 0.6; each round's own: $ratios)"
echo "  jobs per worker in the two-worker rounds: $(IFS=';'; echo "${SPREAD[*]}")"
echo "  jobs the serve ran itself: $(grep -c 'ended DONE$' "$WORK/serve.log" || true)"
[[ -n $SERVE_CPUS || -n $REMOTE ]] || echo "  (the serve and the uploads shared the workers' CPUs)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
