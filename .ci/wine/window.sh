#!/usr/bin/env bash
# Run by .ci/windows.sh inside xvfb-run: starts valgpuls.exe under Wine with no arguments (the
# window on the bundled sample), waits for its window, lets it draw, and checks that the window
# shows a picture rather than one flat colour, and that the program is still running then.
#
#   window.sh WINE EXE XWD_OUT
set -euo pipefail
wine=$1 exe=$2 xwd_out=$3

"$wine" "$exe" >"$xwd_out.log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; }
trap stop EXIT

window=
for _ in $(seq 1 60); do
  sleep 1
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: valgpuls.exe ended before it showed a window; it printed:"
    cat "$xwd_out.log"
    exit 1
  fi
  # The window whose title starts with "valgpuls" (Wine also makes small helper windows,
  # untitled or "Default IME").
  window=$(xwininfo -root -tree | awk '/^ *0x[0-9a-f]+ "valgpuls[^"]*": \(/ { print $1; exit }')
  [[ -n $window ]] && break
done
if [[ -z $window ]]; then
  echo "FAIL: no window titled valgpuls… within 60 s"
  exit 1
fi
# Importing the sample and the first frames take a moment in a debug build under Wine.
sleep 8
if ! kill -0 "$pid" 2>/dev/null; then
  echo "FAIL: valgpuls.exe ended after opening its window; it printed:"
  cat "$xwd_out.log"
  exit 1
fi
xwd -silent -id "$window" >"$xwd_out"
# Distinct pixel values in the window's picture (XWD: a big-endian header of header_size bytes,
# ncolors 12-byte colour entries, then the pixels): text, tables and buttons give hundreds; a
# window that failed to draw is one colour.
python3 - "$xwd_out" <<'EOF'
import struct
import sys

data = open(sys.argv[1], "rb").read()
fields = struct.unpack(">25I", data[:100])
header_size, width, height, bits_per_pixel, bytes_per_line, ncolors = (
    fields[0], fields[4], fields[5], fields[11], fields[12], fields[19])
start = header_size + 12 * ncolors
pixel_bytes = bits_per_pixel // 8
colours = set()
for y in range(height):
    row = data[start + y * bytes_per_line : start + y * bytes_per_line + width * pixel_bytes]
    colours.update(row[i : i + pixel_bytes] for i in range(0, len(row), pixel_bytes))
print(f"   window {width}x{height}, {len(colours)} distinct colours")
sys.exit(0 if len(colours) >= 20 else 1)
EOF
