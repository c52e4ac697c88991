#!/usr/bin/env bash
# Ask a question and print the JSON answer with its citations.
#   scripts/ask.sh "QUESTION" [COLLECTION]
# The base URL comes from RAGCHAT_URL (default http://localhost:5080).
set -euo pipefail

url="${RAGCHAT_URL:-http://localhost:5080}"
url="${url%/}"
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 \"QUESTION\" [COLLECTION]" >&2; exit 2; }

if ! curl -sf -o /dev/null --max-time 5 "$url/health/live"; then
  echo "$(basename "$0"): RagChat is not reachable at $url (start it with 'dotnet run --project src/RagChat.Api', or set RAGCHAT_URL)" >&2
  exit 1
fi

body=$(python3 -c 'import json, sys
req = {"question": sys.argv[1]}
if len(sys.argv) > 2: req["collection"] = sys.argv[2]
print(json.dumps(req))' "$@")
curl -sS --fail-with-body -w '\n' -H 'Content-Type: application/json' -d "$body" "$url/api/chat"
