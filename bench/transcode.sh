#!/usr/bin/env bash
# Screenroom transcode benchmark.
#
# On one generated 1080p source and the same rungs (1080/720/480/360 at the default ladder's
# bitrates, same x264 preset, 2 s keyframes, 4 s CMAF segments), compares wall time of:
#   screenroom  the real Transcoder (probe, one ffmpeg run with poster + storyboard, manifests)
#   (a)         one ffmpeg process per rung plus one for audio, run one after another
#   (b)         the single hand-written ffmpeg command (decode once, split, all rungs + audio)
# and prints SSIM of each Screenroom rung and each (b) rung against the source scaled to that rung.
#
# Usage: bench/transcode.sh            (run from the repository root or anywhere)
# Env:   SECONDS_LONG=20  PRESET=veryfast  REPEAT=3  SOURCE=h264|prores  FFMPEG=/path/to/ffmpeg
#        (else the bundled build)
#        WORK=/tmp/dir (kept afterwards when given)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${SECONDS_LONG:-20}
PRESET=${PRESET:-veryfast}
REPEAT=${REPEAT:-3}
WORK=${WORK:-$(mktemp -d /tmp/screenroom-bench.XXXXXX)}
mkdir -p "$WORK"
echo "work dir: $WORK  duration: ${DURATION}s  preset: $PRESET  cores: $(nproc)"

# Compile once (offline, no install) and build the classpath of the transcode module.
(cd "$ROOT" && mvn -B -q -pl transcode test-compile \
  dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null)
CP="$ROOT/transcode/target/classes:$ROOT/transcode/target/test-classes:$(cat "$WORK/cp.txt")"
run_java() { java -cp "$CP" org.screenroom.transcode.BenchMain "$@"; }

# The bundled ffmpeg from ~/.m2 extracted into the work dir, unless FFMPEG is given.
eval "$(run_java tools "$WORK/ffmpeg-cache" | grep -E '^(FFMPEG_BIN|FFPROBE_BIN|FF_LD)=')"
export LD_LIBRARY_PATH="${FF_LD}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "ffmpeg: $FFMPEG_BIN"

# SOURCE=prores makes a ProRes 422 HQ master in .mov (what festivals deliver, and far costlier
# to decode); the default is a quick H.264 source.
# A source already in WORK (same duration) is reused: the ProRes one takes minutes to make.
if [[ ${SOURCE:-h264} == prores ]]; then
  SRC="$WORK/source_${DURATION}s_1080p.mov"
  [[ -s $SRC ]] || "$FFMPEG_BIN" -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" \
    -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -c:a pcm_s24le "$SRC"
else
  SRC="$WORK/source_${DURATION}s_1080p.mp4"
  [[ -s $SRC ]] || "$FFMPEG_BIN" -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" \
    -c:v libx264 -preset ultrafast -crf 16 -pix_fmt yuv420p -c:a aac -b:a 192k "$SRC"
fi

# Rungs as the default ladder plans them for a 1080p25 source: name width height bitrate level.
RUNGS=("v1080 1920 1080 6000000 4.0" "v720 1280 720 3500000 3.1" "v480 854 480 1800000 3.0" "v360 640 360 900000 3.0")
x264_args() { # bitrate level stream-index
  local b=$1 level=$2 i=$3
  echo "-profile:v:$i high -level:v:$i $level -b:v:$i $b -maxrate:v:$i $((b * 107 / 100)) -bufsize:v:$i $((b * 2))"
}
COMMON_V="-c:v libx264 -preset $PRESET -force_key_frames expr:gte(t,n_forced*2) -sc_threshold 0 -g 50 -keyint_min 50"
HLS="-f hls -hls_segment_type fmp4 -hls_time 4 -hls_playlist_type vod -hls_flags independent_segments"

run_screenroom() {
  rm -rf "$WORK/screenroom"
  run_java transcode "$SRC" "$WORK/screenroom" "$PRESET" "$WORK/ffmpeg-cache" > "$WORK/screenroom.txt"
}

# (a) one process per rung + one for audio, one after another
run_per_rung() {
  rm -rf "$WORK/per_rung"
  for r in "${RUNGS[@]}"; do
    read -r name w h b level <<<"$r"
    mkdir -p "$WORK/per_rung/$name"
    # shellcheck disable=SC2046,SC2086
    "$FFMPEG_BIN" -v error -y -i "$SRC" -map 0:v:0 -vf "scale=$w:$h,setsar=1,format=yuv420p" $COMMON_V \
      $(x264_args "$b" "$level" 0) $HLS -hls_segment_filename "$WORK/per_rung/$name/seg_%05d.m4s" \
      "$WORK/per_rung/$name/index.m3u8"
  done
  mkdir -p "$WORK/per_rung/a0"
  # shellcheck disable=SC2086
  "$FFMPEG_BIN" -v error -y -i "$SRC" -map 0:a:0 -c:a aac -ac 2 -ar 48000 -b:a 128k $HLS \
    -hls_segment_filename "$WORK/per_rung/a0/seg_%05d.m4s" "$WORK/per_rung/a0/index.m3u8"
}

# (b) the single hand-written command: decode once, split, every rung and the audio
run_single() {
  rm -rf "$WORK/single"; mkdir -p "$WORK/single"
  local graph="[0:v:0]split=4[s0][s1][s2][s3]" maps=() enc=() i=0 vsm=""
  for r in "${RUNGS[@]}"; do
    read -r name w h b level <<<"$r"
    graph+=";[s$i]scale=$w:$h,setsar=1,format=yuv420p[v$i]"
    maps+=(-map "[v$i]")
    # shellcheck disable=SC2207
    enc+=($(x264_args "$b" "$level" $i))
    vsm+="v:$i,agroup:aud,name:$name "
    i=$((i + 1))
  done
  # shellcheck disable=SC2086
  "$FFMPEG_BIN" -v error -y -i "$SRC" -filter_complex "$graph" "${maps[@]}" -map 0:a:0 $COMMON_V "${enc[@]}" \
    -c:a aac -ac 2 -ar 48000 -b:a 128k $HLS -var_stream_map "${vsm}a:0,agroup:aud,name:a0" \
    -master_pl_name master.m3u8 -hls_segment_filename "$WORK/single/%v/seg_%05d.m4s" "$WORK/single/%v/index.m3u8"
}

# Wall time suffers from anything else on the machine, so each approach runs REPEAT times,
# interleaved, and the best wall time and the best CPU time (user+sys of all children,
# which load from other processes barely moves) are compared.
TIMEFORMAT='%R %U %S'
for ((n = 1; n <= REPEAT; n++)); do
  for approach in screenroom per_rung single; do
    { time "run_$approach"; } 2>> "$WORK/times_$approach"
    echo "run $n $approach: $(tail -1 "$WORK/times_$approach") (wall user sys)"
  done
done
best() { awk -v col="$2" '{v = col == "wall" ? $1 : $2 + $3; if (min == "" || v < min) min = v} END {print min}' \
  "$WORK/times_$1"; }
printf '\n%-28s %10s %10s\n' "best of $REPEAT (seconds)" wall cpu
for approach in screenroom per_rung single; do
  printf '%-28s %10.1f %10.1f\n' "$approach" "$(best $approach wall)" "$(best $approach cpu)"
done
ratio() { echo "$(best screenroom "$2") / $(best "$1" "$2")" | bc -l; }
printf 'screenroom / (a) per-rung:  wall %.2f  cpu %.2f  (goal <= 0.75)\n' "$(ratio per_rung wall)" "$(ratio per_rung cpu)"
printf 'screenroom / (b) single:    wall %.2f  cpu %.2f  (goal <= 1.10)\n' "$(ratio single wall)" "$(ratio single cpu)"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Screenroom's ffmpeg command (for this source, on this machine):"
run_java command "$SRC" "$WORK/screenroom-command" "$PRESET" "$WORK/ffmpeg-cache" | tail -1 | sed 's/^/  /' 

# Quality: Screenroom's cascaded scaling must not cost more than 0.002 SSIM against (b), which
# scales every rung straight from the source.
echo "SSIM of each rung vs the source scaled to the rung:       screenroom        (b) single"
ssim() { "$FFMPEG_BIN" -hide_banner -nostats -i "$1" -i "$SRC" \
  -lavfi "[1:v]scale=$2:$3,setsar=1[ref];[0:v][ref]ssim" -f null - 2>&1 | grep -o 'All:[0-9.]*' | tail -1; }
for r in "${RUNGS[@]}"; do
  read -r name w h b level <<<"$r"
  printf '  %-6s %-10s %40s %17s\n' "$name" "${w}x$h" "$(ssim "$WORK/screenroom/$name/index.m3u8" "$w" "$h")" \
    "$(ssim "$WORK/single/$name/index.m3u8" "$w" "$h")"
done
