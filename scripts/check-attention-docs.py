#!/usr/bin/env python3
"""Re-run the curl commands of docs/ATTENTION.md against a live service and check that each picture
still matches the one committed in docs/images: the same labels and titles, the same cells, and
colours within a small tolerance (ONNX Runtime may differ in the last float bits between machines).

usage: scripts/check-attention-docs.py BASE_URL   (e.g. http://127.0.0.1:5080)
"""
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 3  # per colour channel, out of 255


def picture(path):
    root = ET.parse(path).getroot()
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    cells = [c.get("fill") for c in root.iter(SVG + "rect") if c.get("class") == "cell"]
    return texts, cells


def close(a, b):
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= TOLERANCE for i in (1, 3, 5))


def main():
    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:5080"
    doc = open("docs/ATTENTION.md", encoding="utf-8").read()
    examples = re.findall(r"<!-- attention-example: (\S+) -->\s*```bash\n(.*?)\n```", doc, re.S)
    if not examples:
        print("FAIL no attention examples found in docs/ATTENTION.md")
        return 1
    failures = 0
    for path, command in examples:
        with tempfile.NamedTemporaryFile(suffix=".svg", delete=False) as out:
            fresh = out.name
        command = command.replace("http://localhost:5080", base).replace(f"-o {path}", f"-o {fresh}")
        subprocess.run(command, shell=True, check=True)
        want_texts, want_cells = picture(path)
        got_texts, got_cells = picture(fresh)
        problems = []
        if got_texts != want_texts:
            problems.append("labels or titles differ")
        if len(got_cells) != len(want_cells):
            problems.append(f"{len(got_cells)} cells instead of {len(want_cells)}")
        elif not all(close(a, b) for a, b in zip(got_cells, want_cells)):
            problems.append("cell colours differ")
        print(("FAIL " if problems else "ok   ") + path + (": " + ", ".join(problems) if problems else ""))
        failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
