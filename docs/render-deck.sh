#!/usr/bin/env bash
# Renders the PowerPoint deck of the bundled sample (or of the files given) to PNGs through
# LibreOffice, to look at the slides as a steering group would. Not run in CI (LibreOffice is
# a large install); the deck's structure is checked by `cargo test` (tests/deck.rs).
#
#   docs/render-deck.sh [OUT_DIR] [-- valgpuls report flags and FILE...]
#
# Needs: apt-get install -y libreoffice-impress poppler-utils   (Debian's packages)
# Optional: pip install python-pptx   (the script then also opens the deck with it)
set -euo pipefail
out=${1:-target/deck-render}
shift || true
[[ ${1:-} == -- ]] && shift
command -v soffice >/dev/null || { echo "render-deck: soffice missing (apt-get install libreoffice-impress)" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "render-deck: pdftoppm missing (apt-get install poppler-utils)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
cargo run --release --quiet -- report --out "$out/report" --pptx "$@" >/dev/null
deck="$out/report/valgpuls.pptx"
if python3 -c "import pptx" 2>/dev/null; then
  python3 - "$deck" <<'PY'
import sys
from pptx import Presentation
deck = Presentation(sys.argv[1])
for number, slide in enumerate(deck.slides, 1):
    names = [shape.name for shape in slide.shapes]
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    print(f"slide {number}: {', '.join(names)}; notes: {notes.splitlines()[0][:60] if notes else '(none)'}")
PY
fi
# A private LibreOffice profile, so a running LibreOffice or an old profile does not interfere.
soffice -env:UserInstallation="file://$out/profile" --headless --convert-to pdf --outdir "$out" "$deck" >/dev/null
pdftoppm -png -r 96 "$out/valgpuls.pdf" "$out/slide"
ls "$out"/slide-*.png
