#!/usr/bin/env bash
# Windows in CI (issue 5): cross-builds valgpuls.exe for x86_64-pc-windows-gnu with MinGW-w64
# and runs it under Wine, comparing it with the Linux build of the same tree:
#   - summary (text, CSV, JSON, English) and check on the bundled sample, on every file in
#     sample-data/ and on every import fixture (the encodings and line ends Windows tools
#     write, and the bad files): the same stdout, stderr and exit code;
#   - summary and check on copies of sample and fixture files in a folder with spaces and æøå,
#     the path given with / and, to the Windows build, with \;
#   - summary on files past 8 MB, which are mapped rather than read (Windows-1252 and UTF-8);
#   - report --out DIR: the same printed list and the same set of files written;
#   - with no arguments, under a virtual X display: a window titled valgpuls opens and shows a
#     picture (not one flat colour), and the program is still running 8 s later.
# Any difference fails the script, with a diff. Runs as root on a fresh Debian 12 machine and
# installs what it lacks; on a machine that has it all, it installs nothing.
#
# Normalised before comparing, and nothing else:
#   - `\` → `/` in the output of the runs that must differ there: report prints the files it
#     wrote (DIR\name.svg on Windows, DIR/name.svg on Linux), and the run given a
#     backslashed path prints that path.
# Line ends are compared as they are: Rust writes "\n" on Windows too, and Wine passes the
# bytes through to the files the output is redirected to.
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard library imports on
# Windows; a stand-in DLL (.ci/wine/bcryptprimitives.c) is built and put beside a copy of the
# .exe in a scratch folder, for these runs only. Real Windows 10 and 11 have the DLL.
#
# Environment: VALGPULS_WIN_TARGET_DIR (default target-win: apart from the Linux builds, so
# neither waits for the other's lock), VALGPULS_KEEP_SCRATCH=1 keeps the scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
target=x86_64-pc-windows-gnu
profile=wine # Cargo.toml: a dev build without debug info (with it, the .exe is 1.7 GB)
win_target_dir=${VALGPULS_WIN_TARGET_DIR:-$root/target-win}
linux=${CARGO_TARGET_DIR:-$root/target}/debug/valgpuls
wine=/usr/lib/wine/wine64 # Debian's wine64 puts its loader here, not on PATH
wineserver=/usr/lib/wine/wineserver64

step_start=0
step() {
  step_start=$(date +%s)
  echo "== windows: $*"
}
step_done() {
  echo "   ($(($(date +%s) - step_start)) s)"
}
total_start=$(date +%s)

# --- Install: the Rust target, MinGW-w64 (linker, windres for the icon) and Wine ---------------
step "install what is missing"
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
packages=()
command -v x86_64-w64-mingw32-gcc >/dev/null || packages+=(gcc-mingw-w64-x86-64-win32)
command -v x86_64-w64-mingw32-windres >/dev/null || packages+=(binutils-mingw-w64-x86-64)
[[ -x $wine ]] || packages+=(wine64)
# For the window check: a virtual X display, a look at its windows, and software OpenGL.
command -v xvfb-run >/dev/null || packages+=(xvfb)
command -v xauth >/dev/null || packages+=(xauth)
command -v xwininfo >/dev/null || packages+=(x11-utils)
command -v xwd >/dev/null || packages+=(x11-apps)
# Wine's X11 driver loads these at run time; Debian's libwine only recommends them, and the
# install above skips recommends.
for library in libgl1 libgl1-mesa-dri libxcomposite1 libxcursor1 libxfixes3 libxi6 libxinerama1 libxrandr2 \
  libxrender1 libxxf86vm1; do
  dpkg -s "$library" >/dev/null 2>&1 || packages+=("$library")
done
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "   apt-get install ${packages[*]}"
  apt-get update -qq
  # No recommends: wine64 recommends fonts, a 32-bit Wine and more that a command line run
  # does not need.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
step_done

# --- Build ---------------------------------------------------------------------------------------
step "cargo build --profile $profile --target $target (in $win_target_dir)"
CARGO_TARGET_DIR=$win_target_dir nice cargo build --profile "$profile" --target "$target" --bin valgpuls
exe=$win_target_dir/$target/$profile/valgpuls.exe
ls -l "$exe"
step_done

step "cargo build (Linux, the reference)"
# The Linux debug build: after `cargo test` in .ci/run this is already there.
cargo build --bin valgpuls
step_done

# --- Scratch folder: the .exe, the ProcessPrng stand-in, a fresh Wine prefix ---------------------
scratch=$(mktemp -d /tmp/valgpuls-windows.XXXXXX)
export WINEPREFIX=$scratch/prefix WINEDEBUG=-all
# No Mono and no Gecko: they would be offered for download on first start, and nothing here
# uses .NET or HTML.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Wine turns the Unix arguments into Windows (UTF-16) ones with the locale's character set:
# æøå arrive intact only with a UTF-8 locale.
export LC_ALL=C.UTF-8
unset DISPLAY # the command line needs no display; Wine stays headless without one
cleanup() {
  # Ends the Wine processes of this prefix only (the wineserver lingers a few seconds).
  WINEPREFIX=$scratch/prefix "$wineserver" -k 2>/dev/null || true
  if [[ ${VALGPULS_KEEP_SCRATCH:-} == 1 ]]; then
    echo "   scratch kept: $scratch"
  else
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT

step "ProcessPrng stand-in DLL and Wine prefix"
mkdir -p "$scratch/bin"
cp "$exe" "$scratch/bin/valgpuls.exe"
# A copy of the Linux build too, so a rebuild in the work tree meanwhile cannot pull it away.
cp "$linux" "$scratch/bin/valgpuls"
linux=$scratch/bin/valgpuls
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$scratch/bin/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -lbcrypt
echo "   $("$wine" --version), $(x86_64-w64-mingw32-gcc --version | head -n 1)"
"$wine" wineboot -i >/dev/null 2>&1
"$wineserver" -w # wait until the prefix is set up, so its messages do not mix into the runs
step_done

# --- Compare -------------------------------------------------------------------------------------
failures=0
runs=0
out=$scratch/out
mkdir -p "$out"

# check_same NAME SLASHES DESCRIPTION: compares $out/NAME.{linux,wine}.{out,err,code}.
# SLASHES=slashes first turns \ into / in both.
check_same() {
  local name=$1 slashes=$2 description=$3 stream
  runs=$((runs + 1))
  for stream in out err code; do
    if [[ $slashes == slashes ]]; then
      sed -i 's|\\|/|g' "$out/$name.linux.$stream" "$out/$name.wine.$stream"
    fi
    if ! cmp -s "$out/$name.linux.$stream" "$out/$name.wine.$stream"; then
      echo "FAIL: valgpuls $description — $stream differs (< Linux, > Wine):"
      diff "$out/$name.linux.$stream" "$out/$name.wine.$stream" | head -40 || true
      failures=$((failures + 1))
    fi
  done
}

# run_linux / run_wine NAME ARGS...: runs valgpuls in the current folder, keeping stdout,
# stderr and the exit code in $out/NAME.{linux,wine}.{out,err,code}.
run_linux() {
  local name=$1 code=0
  shift
  "$linux" "$@" >"$out/$name.linux.out" 2>"$out/$name.linux.err" || code=$?
  echo "$code" >"$out/$name.linux.code"
}
run_wine() {
  local name=$1 code=0
  shift
  timeout 600 "$wine" "$scratch/bin/valgpuls.exe" "$@" >"$out/$name.wine.out" 2>"$out/$name.wine.err" || code=$?
  echo "$code" >"$out/$name.wine.code"
}

# compare NAME ARGS...: the same stdout, stderr and exit code on Linux and under Wine.
compare() {
  local name=$1
  shift
  run_linux "$name" "$@"
  run_wine "$name" "$@"
  check_same "$name" exact "$*"
}

step "summary and check: Linux and Wine"
compare summary-sample summary
compare summary-sample-csv summary --format csv
compare summary-sample-json summary --format json
compare summary-sample-en summary --lang en
compare check-sample check
compare check-sample-en check --lang en
n=0
for file in sample-data/* tests/fixtures/*.* tests/fixtures/bad/*; do
  n=$((n + 1))
  compare "summary-$n" summary "$file"
  compare "check-$n" check "$file"
done
compare summary-two-files summary sample-data/checkin-survey.csv sample-data/klik-survey.csv
# The reading flags: waves and weeks from the plan instead of the file's columns.
compare summary-plan summary --role Rul=ignore --role Uge=ignore --plan sample-data/plan.csv sample-data/checkin-survey.csv
compare check-plan check --lang en --role Rul=ignore --role Uge=ignore --plan sample-data/plan.csv sample-data/checkin-survey.csv
compare usage summary --format xml
# Files from 8 MB on are mapped rather than read (src/import/source.rs), and a UTF-8 one is
# given back to the system part by part: a big Windows-1252 file and the same in UTF-8, made
# of the sample's rows.
big=$scratch/big
mkdir -p "$big"
{
  head -n 1 sample-data/checkin-survey.csv
  for _ in $(seq 180); do tail -n +2 sample-data/checkin-survey.csv; done
} >"$big/checkin-big-cp1252.csv"
iconv -f WINDOWS-1252 -t UTF-8 "$big/checkin-big-cp1252.csv" >"$big/checkin-big-utf8.csv"
pushd "$big" >/dev/null
compare summary-big-cp1252 summary checkin-big-cp1252.csv
compare summary-big-utf8 summary checkin-big-utf8.csv
popd >/dev/null
echo "   $runs runs compared, $failures differences"
step_done

step "a folder with spaces and æøå"
home=$scratch/home
mkdir -p "$home/Mine filer æøå"
cp sample-data/checkin-survey.csv "$home/Mine filer æøå/Svar fra Ærø.csv"
cp tests/fixtures/bad/out-of-scale.csv "$home/Mine filer æøå/Uden for skala.csv"
cd "$home"
compare spaces-summary summary "Mine filer æøå/Svar fra Ærø.csv"
compare spaces-check check "Mine filer æøå/Svar fra Ærø.csv"
compare spaces-problem check "Mine filer æøå/Uden for skala.csv"
# As a Windows user types it. Linux would see one odd file name, so the Linux side is given
# the same path with /, and \ is normalised to / in what both print.
run_linux backslash check "Mine filer æøå/Uden for skala.csv"
run_wine backslash check 'Mine filer æøå\Uden for skala.csv'
check_same backslash slashes "check 'Mine filer æøå\\Uden for skala.csv'"
cd "$root"
step_done

step "report --out DIR: the same files"
help=$("$linux" --help)
if [[ $help == *"report --out"* ]]; then
  mkdir -p "$scratch/report"
  cd "$scratch/report"
  # A small size: the file names do not depend on it, and PNGs render slowly in a debug build.
  args=(report --size 640x360 --timeline "$root/sample-data/timeline.csv" --out report)
  run_linux report "${args[@]}"
  mv report linux
  run_wine report "${args[@]}"
  mv report wine
  # report prints the files it wrote: report\x.svg on Windows.
  check_same report slashes "${args[*]}"
  (cd linux && find . -type f | sort) >"$out/report.linux.files"
  (cd wine && find . -type f | sort) >"$out/report.wine.files"
  if cmp -s "$out/report.linux.files" "$out/report.wine.files"; then
    # Contents are told, not judged: summary.xlsx carries the time it was written, and a
    # rendering difference in a PNG is not what this check is for.
    same=0 differ=()
    while read -r file; do
      if cmp -s "linux/$file" "wine/$file"; then same=$((same + 1)); else differ+=("${file#./}"); fi
    done <"$out/report.linux.files"
    echo "   $(wc -l <"$out/report.linux.files") files with the same names; $same of them byte for byte the same${differ:+; differing: ${differ[*]}}"
  else
    echo "FAIL: report wrote other files under Wine (< Linux, > Wine):"
    diff "$out/report.linux.files" "$out/report.wine.files" || true
    failures=$((failures + 1))
  fi
  cd "$root"
else
  echo "   (this build has no report subcommand: skipped)"
fi
step_done

step "the window under Wine in a virtual display"
# The Wine session of the runs above has no display (its desktop process runs headless); end
# it, so the window's run starts one on the virtual display.
"$wineserver" -k 2>/dev/null || true
if xvfb-run -a -s "-screen 0 1280x800x24" bash .ci/wine/window.sh "$wine" "$scratch/bin/valgpuls.exe" "$out/window.xwd"; then
  :
else
  echo "FAIL: the window did not open and draw under Wine (see above)"
  failures=$((failures + 1))
fi
"$wineserver" -k 2>/dev/null || true
step_done

echo "== windows: $runs comparisons, $failures differences, $(($(date +%s) - total_start)) s in all"
if [[ $failures -gt 0 ]]; then
  echo "valgpuls.exe under Wine does not do what the Linux build does (see above)"
  exit 1
fi
