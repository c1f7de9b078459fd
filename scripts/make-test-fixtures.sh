#!/usr/bin/env bash
# Regenerates the PDF test fixtures from their PostScript source (ghostscript).
set -euo pipefail
cd "$(dirname "$0")/../tests/data/pdf"
ps2pdf phrase_linebreak.ps phrase_linebreak.pdf
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner -sUserPassword=secret \
   -sOutputFile=encrypted.pdf phrase_linebreak.ps
head -c 1200 phrase_linebreak.pdf > truncated.pdf
