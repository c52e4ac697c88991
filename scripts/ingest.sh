#!/usr/bin/env bash
# Ingest documents into RagChat and print the server's answers (JSON).
#   scripts/ingest.sh FILE [ID]            upload one file (txt, md, pdf, docx, pptx, xlsx, html, csv, json)
#   scripts/ingest.sh DIRECTORY            upload every supported file under it, one by one, with progress
#   scripts/ingest.sh --text "TEXT" [ID]   post text as JSON
# Files are ingested synchronously (?wait=true), so the answer is the stored document.
# The base URL comes from RAGCHAT_URL (default http://localhost:5080).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage() { echo "usage: $0 FILE [ID] | $0 DIRECTORY | $0 --text \"TEXT\" [ID]" >&2; exit 2; }

require_service

upload() { # upload FILE [ID]
  local form=(-F "file=@$1")
  # --form-string: an id that starts with '@' or '<' is text, not a file to read.
  if [[ $# -eq 2 ]]; then form+=(--form-string "id=$2"); fi
  curl -sS --fail-with-body -w '\n' "${form[@]}" "$url/api/documents/upload?wait=true"
}

if [[ "${1:-}" == "--text" ]]; then
  [[ $# -ge 2 && $# -le 3 ]] || usage
  body=$(python3 -c 'import json, sys
doc = {"text": sys.argv[1]}
if len(sys.argv) > 2: doc["id"] = sys.argv[2]
print(json.dumps(doc))' "${@:2}")
  curl -sS --fail-with-body -w '\n' -H 'Content-Type: application/json' -d "$body" "$url/api/documents"
elif [[ -d "${1:-}" ]]; then
  [[ $# -eq 1 ]] || usage
  mapfile -d '' files < <(find "$1" -type f \( -iname '*.txt' -o -iname '*.md' -o -iname '*.markdown' -o -iname '*.pdf' \
    -o -iname '*.docx' -o -iname '*.pptx' -o -iname '*.xlsx' -o -iname '*.html' -o -iname '*.htm' -o -iname '*.csv' -o -iname '*.json' \) -print0 | sort -z)
  total=${#files[@]} failed=0 n=0
  [[ $total -gt 0 ]] || { echo "$(basename "$0"): no supported files under $1" >&2; exit 1; }
  for file in "${files[@]}"; do
    n=$((n + 1))
    echo "[$n/$total] $file" >&2
    # Each file is named by its path under the directory, so two notes.md in different folders stay apart.
    id=$(python3 -c 'import os, re, sys; print(re.sub(r"[^\w.:@-]+", "-", os.path.relpath(sys.argv[1], sys.argv[2])).strip("-.")[:128])' "$file" "$1")
    upload "$file" "$id" || failed=$((failed + 1))
  done
  echo "$((total - failed)) of $total files ingested" >&2
  [[ $failed -eq 0 ]]
else
  [[ $# -ge 1 && $# -le 2 ]] || usage
  [[ -f "$1" ]] || { echo "$(basename "$0"): no such file or directory: $1" >&2; exit 1; }
  upload "$@"
fi
