#!/usr/bin/env bash
# Regenerate the example briefings of the demo county's last full half-year (linked from the README).
# Needs poppler-utils (pdftoppm) and, for the DOCX preview image only, LibreOffice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="sqlite:///$work/demo.sqlite"
python - "$db" <<'PY'
import datetime as dt, sys
from etl.db.migrate import upgrade
from etl.demo import load_demo
upgrade(sys.argv[1])
load_demo(sys.argv[1], end=dt.date(2026, 11, 22))
PY
for fmt in docx pdf; do
  liandong brief --period 2026H1 --format "$fmt" --issue-number 3 --date 2026-07-10 --db "$db" \
    --out "$here/demo_2026H1_briefing.$fmt"
done
pdftoppm -r 80 -f 1 -l 1 -png -singlefile "$here/demo_2026H1_briefing.pdf" "$here/demo_2026H1_briefing_pdf_page1"
if command -v soffice >/dev/null; then
  soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work" \
    "$here/demo_2026H1_briefing.docx" >/dev/null 2>&1
  pdftoppm -r 80 -f 1 -l 1 -png -singlefile "$work/demo_2026H1_briefing.pdf" "$here/demo_2026H1_briefing_docx_page1"
fi
pdffonts "$here/demo_2026H1_briefing.pdf"
