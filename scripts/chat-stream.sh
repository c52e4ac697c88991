#!/usr/bin/env bash
# Ask a question and print the answer's server-sent events as they arrive
# (retrieval, delta..., citation..., usage, done | error).
#   scripts/chat-stream.sh "QUESTION" [COLLECTION]
# The base URL comes from RAGCHAT_URL (default http://localhost:5080).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 \"QUESTION\" [COLLECTION]" >&2; exit 2; }

require_service

body=$(chat_body "$@")
curl -sSN --fail-with-body -H 'Content-Type: application/json' -d "$body" "$url/api/chat/stream"
