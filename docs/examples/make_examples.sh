#!/usr/bin/env bash
# Regenerate the example documents of the demo county: the 工作简报 of its last full half-year, the
# 败诉案件通报 of 2025 (one lost case with the office's review recorded), the 出庭应诉通报 of the year 2025 and the
# monthly one of October 2026. Needs poppler-utils (pdftoppm) and, for the DOCX preview images only, LibreOffice.
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
liandong notice review "(2025)示0928行初70号" --db "$db" \
  --cause "作出处罚决定前未告知当事人陈述、申辩的权利，程序违法" \
  --rectification "修订行政处罚流程，增设告知和听取意见环节，组织执法人员专题培训" \
  --accountability "对承办人员进行约谈，责令书面检查"
for fmt in docx pdf; do
  liandong notice losses --period 2025 --format "$fmt" --date 2026-01-15 --db "$db" \
    --out "$here/demo_2025_losses_notice.$fmt"
done
for fmt in docx pdf; do
  liandong notice appearance --period 2025 --format "$fmt" --date 2026-01-15 --db "$db" \
    --out "$here/demo_2025_appearance_notice.$fmt"
done
for fmt in docx pdf; do
  liandong notice appearance --period 2026-10 --format "$fmt" --date 2026-11-05 --db "$db" \
    --out "$here/demo_2026-10_appearance_notice.$fmt"
done
for doc in demo_2026H1_briefing demo_2025_losses_notice demo_2025_appearance_notice demo_2026-10_appearance_notice; do
  pdftoppm -r 80 -f 1 -l 1 -png -singlefile "$here/$doc.pdf" "$here/${doc}_pdf_page1"
  if command -v soffice >/dev/null; then
    soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work" \
      "$here/$doc.docx" >/dev/null 2>&1
    pdftoppm -r 80 -f 1 -l 1 -png -singlefile "$work/$doc.pdf" "$here/${doc}_docx_page1"
  fi
done
pdffonts "$here/demo_2026H1_briefing.pdf"
