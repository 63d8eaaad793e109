#!/usr/bin/env bash
# Screenroom transcode benchmark.
#
# On one generated source and the same rungs (the ladder Screenroom plans for it, at the default
# table's bitrates, same x264 preset, 2 s keyframes, 4 s CMAF segments), compares wall and CPU time of:
#   screenroom  the real Transcoder (probe, one ffmpeg run with poster + storyboard, segments joined,
#               manifests written, package published), timed inside its JVM: a server starts its JVM once,
#               not per film. The JVM start is printed apart, with the ratios it would give. The source is
#               checked first as an upload is (ffprobe, printed apart as "check"): the job reuses that
#               probe of the unchanged master, as in the server.
#   (a)         one ffmpeg process per rung plus one for audio, run one after another (PeerTube's
#               per-resolution approach, with Screenroom's encoder settings so only the approach differs)
#   (b)         the single hand-written ffmpeg command (decode once, split, all rungs + audio)
# It prints where Screenroom's time went (stage by stage), and SSIM of each Screenroom rung and each (b)
# rung against the source scaled to that rung.
#
# Usage: bench/transcode.sh            (run from the repository root or anywhere)
# Env:   SECONDS_LONG=20 (3 for hdr4k)  PRESET=veryfast  REPEAT=3  FFMPEG=/path/to/ffmpeg (else the bundled build)
#        SOURCE=h264    1080p25 H.264 (quick to decode)
#               prores  1080p25 ProRes 422 HQ in .mov (what festivals deliver, far costlier to decode)
#               hdr4k   2160p25 10-bit HDR10 (PQ, BT.2020) H.264: tone-mapped to SDR; (b) runs the same
#                       tone-map chain, fps and speed are printed; (a) is left out unless APPROACHES says so
#        APPROACHES="screenroom per_rung single"   WORK=/tmp/dir (kept afterwards when given)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOURCE=${SOURCE:-h264}
if [[ $SOURCE == hdr4k ]]; then
  DURATION=${SECONDS_LONG:-3}
  read -r -a APPROACHES <<<"${APPROACHES:-screenroom single}"
else
  DURATION=${SECONDS_LONG:-20}
  read -r -a APPROACHES <<<"${APPROACHES:-screenroom per_rung single}"
fi
PRESET=${PRESET:-veryfast}
REPEAT=${REPEAT:-3}
WORK=${WORK:-$(mktemp -d /tmp/screenroom-bench.XXXXXX)}
mkdir -p "$WORK"
echo "work dir: $WORK  source: $SOURCE  duration: ${DURATION}s  preset: $PRESET  cores: $(nproc)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

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
# to decode); hdr4k a 10-bit PQ master; the default is a quick H.264 source.
# A source already in WORK (same duration) is reused: the ProRes one takes minutes to make.
case $SOURCE in
  prores)
    SRC="$WORK/source_${DURATION}s_1080p.mov"
    [[ -s $SRC ]] || "$FFMPEG_BIN" -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" \
      -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -c:a pcm_s24le "$SRC" ;;
  hdr4k)
    SRC="$WORK/source_${DURATION}s_2160p_pq.mp4"
    [[ -s $SRC ]] || "$FFMPEG_BIN" -v error -y -f lavfi -i "testsrc2=size=3840x2160:rate=25" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" \
      -c:v libx264 -preset ultrafast -crf 16 -pix_fmt yuv420p10le \
      -color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc \
      -x264-params colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc -c:a aac -b:a 192k "$SRC" ;;
  h264)
    SRC="$WORK/source_${DURATION}s_1080p.mp4"
    [[ -s $SRC ]] || "$FFMPEG_BIN" -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" \
      -c:v libx264 -preset ultrafast -crf 16 -pix_fmt yuv420p -c:a aac -b:a 192k "$SRC" ;;
  *) echo "SOURCE must be h264, prores or hdr4k" >&2; exit 2 ;;
esac

# The rungs Screenroom plans for this source (id width height bitrate maxrate bufsize level gop),
# so that the baselines encode exactly the same ladder; and the tone-map chain of an HDR source,
# which the baselines run too (empty for SDR).
# (The module's test logging also writes to stdout: only the answer lines are kept.)
mapfile -t RUNGS < <(run_java rungs "$SRC" "$PRESET" "$WORK/ffmpeg-cache" | grep -E '^[a-z0-9_]+( [0-9]+){5} [0-9.]+ [0-9]+$')
TONEMAP=$(run_java tonemap "$SRC" "$PRESET" "$WORK/ffmpeg-cache" | grep -E '^zscale=' || true)
PRE=${TONEMAP:+$TONEMAP,}
COLOR=${TONEMAP:+-color_primaries bt709 -color_trc bt709 -colorspace bt709}
echo "rungs: $(printf '%s; ' "${RUNGS[@]}")"
[[ -z $TONEMAP ]] || echo "tone-map chain: $TONEMAP"
x264_args() { # bitrate maxrate bufsize level gop stream-index
  local b=$1 maxrate=$2 bufsize=$3 level=$4 gop=$5 i=$6
  echo "-profile:v:$i high -level:v:$i $level -b:v:$i $b -maxrate:v:$i $maxrate -bufsize:v:$i $bufsize -g:v:$i $gop -keyint_min:v:$i $gop"
}
# Chroma read and written left-sited (H.264's default, as the bench sources are tagged), as Screenroom
# does: swscale's own default takes 4:2:0 as centre-sited and shifts the chroma of every downscale.
SITING="in_h_chr_pos=0:in_v_chr_pos=128:out_h_chr_pos=0:out_v_chr_pos=128"
[[ $SOURCE != prores ]] || SITING="in_h_chr_pos=0:out_h_chr_pos=0:out_v_chr_pos=128" # 4:2:2: no vertical siting
[[ -z $TONEMAP ]] || SITING="out_h_chr_pos=0:out_v_chr_pos=128" # the tone-map hands over full-size chroma
COMMON_V="-c:v libx264 -preset $PRESET -force_key_frames expr:gte(t,n_forced*2) -sc_threshold 0 $COLOR"
HLS="-f hls -hls_segment_type fmp4 -hls_time 4 -hls_playlist_type vod -hls_flags independent_segments"

run_screenroom() {
  rm -rf "$WORK/screenroom"
  run_java transcode "$SRC" "$WORK/screenroom" "$PRESET" "$WORK/ffmpeg-cache" > "$WORK/screenroom.txt"
  # The job as a server runs it (its JVM already up): wall, then CPU in the user column.
  sed -n 's/^job_seconds=\([0-9.]*\) job_cpu_seconds=\([0-9.]*\).*/\1 \2 0/p' "$WORK/screenroom.txt" \
    >> "$WORK/times_screenroom_job"
  grep '^stage ' "$WORK/screenroom.txt" >> "$WORK/stages" || true
  sed -n 's/^check_seconds=\([0-9.]*\)/stage check(upload) \1/p' "$WORK/screenroom.txt" >> "$WORK/stages"
}

# (a) one process per rung + one for audio, one after another
run_per_rung() {
  rm -rf "$WORK/per_rung"
  for r in "${RUNGS[@]}"; do
    read -r name w h b maxrate bufsize level gop <<<"$r"
    mkdir -p "$WORK/per_rung/$name"
    # shellcheck disable=SC2046,SC2086
    "$FFMPEG_BIN" -v error -y -i "$SRC" -map 0:v:0 -vf "${PRE}scale=$w:$h:$SITING,setsar=1,format=yuv420p" $COMMON_V \
      $(x264_args "$b" "$maxrate" "$bufsize" "$level" "$gop" 0) $HLS -hls_segment_filename "$WORK/per_rung/$name/seg_%05d.m4s" \
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
  local graph="[0:v:0]${PRE}split=${#RUNGS[@]}" maps=() enc=() i=0 vsm=""
  for ((i = 0; i < ${#RUNGS[@]}; i++)); do graph+="[s$i]"; done
  i=0
  for r in "${RUNGS[@]}"; do
    read -r name w h b maxrate bufsize level gop <<<"$r"
    graph+=";[s$i]scale=$w:$h:$SITING,setsar=1,format=yuv420p[v$i]"
    maps+=(-map "[v$i]")
    # shellcheck disable=SC2207
    enc+=($(x264_args "$b" "$maxrate" "$bufsize" "$level" "$gop" $i))
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
rm -f "$WORK"/times_* "$WORK/stages"
for ((n = 1; n <= REPEAT; n++)); do
  for approach in "${APPROACHES[@]}"; do
    { time "run_$approach"; } 2>> "$WORK/times_$approach"
    echo "run $n $approach: $(tail -1 "$WORK/times_$approach") (wall user sys)"
  done
done
best() { awk -v col="$2" '{v = col == "wall" ? $1 : $2 + $3; if (min == "" || v < min) min = v} END {print min}' \
  "$WORK/times_$1"; }
has() { [[ " ${APPROACHES[*]} " == *" $1 "* ]]; }
FRAMES=$(echo "$DURATION * 25" | bc)
printf '\n%-34s %8s %8s %8s %8s\n' "best of $REPEAT (seconds)" wall cpu fps speed
row() { local w; w=$(best "$1" wall)
  printf '%-34s %8.1f %8.1f %8.1f %7.2fx\n' "$2" "$w" "$(best "$1" cpu)" "$(echo "$FRAMES / $w" | bc -l)" \
    "$(echo "$DURATION / $w" | bc -l)"; }
if has screenroom; then
  row screenroom_job "screenroom (job)"
  row screenroom "screenroom incl. JVM start"
fi
has per_rung && row per_rung "(a) per-rung processes"
has single && row single "(b) single command"
if has screenroom; then
  ratio() { echo "$(best "$3" "$2") / $(best "$1" "$2")" | bc -l; }
  if has per_rung; then
    printf 'screenroom / (a) per-rung:  wall %.2f  cpu %.2f  (goal <= 0.75; incl. JVM start: wall %.2f  cpu %.2f)\n' \
      "$(ratio per_rung wall screenroom_job)" "$(ratio per_rung cpu screenroom_job)" \
      "$(ratio per_rung wall screenroom)" "$(ratio per_rung cpu screenroom)"
  fi
  if has single; then
    printf 'screenroom / (b) single:    wall %.2f  cpu %.2f  (goal <= 1.10; incl. JVM start: wall %.2f  cpu %.2f)\n' \
      "$(ratio single wall screenroom_job)" "$(ratio single cpu screenroom_job)" \
      "$(ratio single wall screenroom)" "$(ratio single cpu screenroom)"
  fi
  echo "Screenroom's job stage by stage (seconds, best of $REPEAT):"
  awk '{if (!($2 in min) || $3 < min[$2]) min[$2] = $3; if (!($2 in seen)) {seen[$2] = 1; order[++k] = $2}}
    END {for (i = 1; i <= k; i++) printf "  %-10s %7.2f\n", order[i], min[order[i]]}' "$WORK/stages"
  printf '  %-10s %7.2f  (JVM start and exit, not part of a job in the server)\n' "jvm" \
    "$(echo "$(best screenroom wall) - $(best screenroom_job wall)" | bc -l)"
fi
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Screenroom's ffmpeg command (for this source, on this machine):"
run_java command "$SRC" "$WORK/screenroom-command" "$PRESET" "$WORK/ffmpeg-cache" | tail -1 | sed 's/^/  /'

# Quality: Screenroom's cascaded scaling must not cost more than 0.002 SSIM against (b), which
# scales every rung straight from the source (through the same tone-map chain for HDR).
if has screenroom && has single; then
  echo "SSIM of each rung vs the source scaled to the rung:       screenroom        (b) single"
  ssim() { "$FFMPEG_BIN" -hide_banner -nostats -i "$1" -i "$SRC" \
    -lavfi "[1:v]${PRE}scale=$2:$3:$SITING,setsar=1,format=yuv420p[ref];[0:v][ref]ssim" -f null - 2>&1 |
    grep -o 'All:[0-9.]*' | tail -1; }
  for r in "${RUNGS[@]}"; do
    read -r name w h _ <<<"$r"
    printf '  %-6s %-10s %40s %17s\n' "$name" "${w}x$h" "$(ssim "$WORK/screenroom/$name/index.m3u8" "$w" "$h")" \
      "$(ssim "$WORK/single/$name/index.m3u8" "$w" "$h")"
  done
fi
