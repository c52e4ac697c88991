# Shared by the RagChat scripts: the base URL, the reachability check, and the chat request body.
# Sourced, not run.

url="${RAGCHAT_URL:-http://localhost:5080}"
url="${url%/}"

require_service() {
  if ! curl -sf -o /dev/null --max-time 5 "$url/health/live"; then
    echo "$(basename "$0"): RagChat is not reachable at $url (start it with 'dotnet run --project src/RagChat.Api', or set RAGCHAT_URL)" >&2
    exit 1
  fi
}

# chat_body QUESTION [COLLECTION] -> the JSON body of /api/chat and /api/chat/stream
chat_body() {
  python3 -c 'import json, sys
req = {"question": sys.argv[1]}
if len(sys.argv) > 2: req["collection"] = sys.argv[2]
print(json.dumps(req))' "$@"
}
