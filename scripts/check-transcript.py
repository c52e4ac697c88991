#!/usr/bin/env python3
"""Checks that the curl transcripts in docs/API.md still match what a running RagChat prints.

    scripts/check-transcript.py [--url URL] [DOC]

DOC (default: docs/API.md next to this script's folder) marks each checked transcript with an HTML
comment, followed by a fenced block whose first line is the command ("$ curl ...") and whose other
lines are the output it printed:

    <!-- transcript: chat-stream -->
    ```console
    $ curl -sN -X POST http://localhost:5080/api/chat/stream ...
    event: retrieval
    data: {...}
    ```

Each command (curl only) is run again with http://localhost:5080 replaced by URL (default: RAGCHAT_URL,
else http://localhost:5080). Server-sent events are compared event by event (name and JSON data; ":"
comment lines such as keep-alives are ignored), other output as one JSON document. What varies between
runs is normalised before comparing: the timings (retrievalMs, generationMs, timeToFirstTokenMs, elapsedMs), the
scores (score, fused, bestScores: floating-point digits may differ on another CPU), and the OpenAI ids
(id "chatcmpl-...", created). Exit code 0 when every block matches, 1 otherwise (also when DOC holds
no marked block), 2 on bad usage. With --update, a block that differs is rewritten with the service's
output (then review the diff: the new output becomes the documented contract).
"""
import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys

DOC_URL = "http://localhost:5080"
MARKER = re.compile(r"^<!--\s*transcript:\s*([\w.-]+)\s*-->\s*$")
FENCE = re.compile(r"^(`{3,}|~{3,})")
NUMBER_KEYS = {"retrievalMs", "generationMs", "timeToFirstTokenMs", "elapsedMs", "score", "fused", "created"}
LIST_OF_NUMBER_KEYS = {"bestScores"}


def find_blocks(doc_text):
    """[(name, command, expected_output, (first output line, end line))] for every marked fenced block."""
    lines = doc_text.splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i].strip())
        i += 1
        if not marker:
            continue
        name = marker.group(1)
        while i < len(lines) and not lines[i].strip():
            i += 1
        fence = FENCE.match(lines[i]) if i < len(lines) else None
        if not fence:
            raise ValueError(f"transcript '{name}': the marker is not followed by a fenced code block")
        body = []
        i += 1
        while i < len(lines) and not lines[i].startswith(fence.group(1)):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise ValueError(f"transcript '{name}': the code block is not closed")
        i += 1
        if not body or not body[0].startswith("$ "):
            raise ValueError(f"transcript '{name}': the block's first line must be the command, starting with '$ '")
        end = i - 1  # the closing fence's line
        blocks.append((name, body[0][2:], "\n".join(body[1:]), (end - len(body) + 1, end)))
    return blocks


def parse_output(text):
    """SSE -> [[event name or None, data]]; anything else -> the parsed JSON document."""
    lines = text.splitlines()
    if not any(line.startswith(("event:", "data:")) for line in lines):
        return json.loads(text)
    events, name, data = [], None, []

    def flush():
        nonlocal name, data
        if data:
            raw = "\n".join(data)
            try:
                value = json.loads(raw)
            except ValueError:
                value = raw  # data: [DONE]
            events.append([name, value])
        name, data = None, []

    for line in lines:
        if not line:
            flush()
        elif line.startswith(":"):
            continue  # a comment (": keep-alive")
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        else:
            raise ValueError(f"not a server-sent event line: {line!r}")
    flush()
    return events


def normalise(value, key=None):
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in LIST_OF_NUMBER_KEYS:
            return ["<number>" if isinstance(v, (int, float)) else v for v in value]
        return [normalise(v) for v in value]
    if key in NUMBER_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "<number>"
    if key == "id" and isinstance(value, str) and value.startswith("chatcmpl-"):
        return "chatcmpl-<id>"
    return value


def render(parsed):
    """Readable lines for the diff."""
    if isinstance(parsed, list) and all(isinstance(e, list) and len(e) == 2 for e in parsed):
        return [f"{'event: ' + name if name else '(no event name)'}  {json.dumps(data, sort_keys=True, ensure_ascii=False)}"
                for name, data in parsed]
    return json.dumps(parsed, sort_keys=True, ensure_ascii=False, indent=1).splitlines()


def run(command, url):
    argv = shlex.split(command)
    if not argv or argv[0] != "curl":
        raise ValueError(f"only curl commands are run, not: {command}")
    argv = [arg.replace(DOC_URL, url) for arg in argv]
    result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", timeout=120)
    if result.returncode != 0:
        detail = result.stderr.strip() or f"is the service running at {url}?"
        raise RuntimeError(f"curl exited with {result.returncode} ({detail})")
    return result.stdout


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description="Check docs/API.md's curl transcripts against a running RagChat.")
    parser.add_argument("doc", nargs="?", default=os.path.join(root, "docs", "API.md"))
    parser.add_argument("--url", default=os.environ.get("RAGCHAT_URL", DOC_URL), help="base URL of the running service")
    parser.add_argument("--update", action="store_true", help="rewrite the blocks that differ with the service's output")
    args = parser.parse_args()
    url = args.url.rstrip("/")

    try:
        with open(args.doc, encoding="utf-8") as f:
            doc_text = f.read()
        blocks = find_blocks(doc_text)
    except (OSError, ValueError) as e:
        print(f"check-transcript: {e}", file=sys.stderr)
        return 1
    if not blocks:
        print(f"check-transcript: {args.doc} holds no '<!-- transcript: NAME -->' block", file=sys.stderr)
        return 1

    failures = 0
    replacements = []
    for name, command, expected_text, span in blocks:
        try:
            expected = normalise(parse_output(expected_text))
        except ValueError as e:
            if not args.update:
                print(f"FAIL transcript '{name}': the documented output cannot be parsed: {e}")
                failures += 1
                continue
            expected = None  # a new block: --update fills it in
        try:
            output = run(command, url)
            actual = normalise(parse_output(output))
        except (ValueError, RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            print(f"FAIL transcript '{name}': {e}")
            failures += 1
            continue
        if actual == expected:
            count = f"{len(actual)} events" if isinstance(actual, list) else "JSON"
            print(f"ok   transcript '{name}' ({count})")
            continue
        if args.update:
            replacements.append((span, output.removesuffix("\n").split("\n")))
            print(f"upd  transcript '{name}'")
            continue
        failures += 1
        print(f"FAIL transcript '{name}': the service's output differs from {args.doc} "
              "(timings, scores and ids normalised):")
        for line in difflib.unified_diff(render(expected), render(actual), "documented", "service", lineterm=""):
            print("  " + line)
    if replacements:
        lines = doc_text.splitlines()
        for (first, end), new_lines in sorted(replacements, reverse=True):
            lines[first:end] = new_lines
        with open(args.doc, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + ("\n" if doc_text.endswith("\n") else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
