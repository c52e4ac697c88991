#!/usr/bin/env bash
# Ingest a document into RagChat and print the server's answer (JSON).
#   scripts/ingest.sh FILE [ID]            upload a .txt or .md file (multipart)
#   scripts/ingest.sh --text "TEXT" [ID]   post text as JSON
# The base URL comes from RAGCHAT_URL (default http://localhost:5080).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage() { echo "usage: $0 FILE [ID] | $0 --text \"TEXT\" [ID]" >&2; exit 2; }

require_service

if [[ "${1:-}" == "--text" ]]; then
  [[ $# -ge 2 && $# -le 3 ]] || usage
  body=$(python3 -c 'import json, sys
doc = {"text": sys.argv[1]}
if len(sys.argv) > 2: doc["id"] = sys.argv[2]
print(json.dumps(doc))' "${@:2}")
  curl -sS --fail-with-body -w '\n' -H 'Content-Type: application/json' -d "$body" "$url/api/documents"
else
  [[ $# -ge 1 && $# -le 2 ]] || usage
  [[ -f "$1" ]] || { echo "$(basename "$0"): no such file: $1" >&2; exit 1; }
  form=(-F "file=@$1")
  # --form-string: an id that starts with '@' or '<' is text, not a file to read.
  if [[ $# -eq 2 ]]; then form+=(--form-string "id=$2"); fi
  curl -sS --fail-with-body -w '\n' "${form[@]}" "$url/api/documents/upload"
fi
