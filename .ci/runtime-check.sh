#!/usr/bin/env bash
# Install communique without extras into a fresh venv and analyse an HTML page with it.
# Run from the repository root; the page is written here, the venv lives in a temporary folder.
set -euo pipefail
repo="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work" "$repo/build"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip --version >&2
"$work/venv/bin/python" -m pip install --quiet --retries 5 "$repo" >&2
if "$work/venv/bin/python" -c "import pytest" 2>/dev/null; then
  echo "runtime check: pytest is installed, so the venv is not runtime-only" >&2
  exit 1
fi
cat > "$work/page.html" <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ministers meet in Vienna</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers meet in Vienna</h1>
<p>German Chancellor Olaf Scholz met French President Emmanuel Macron in Vienna on Tuesday to discuss
energy prices and support for Ukraine.</p>
<p>"We agreed on every point that matters," Macron told reporters after the talks at the chancellery.</p>
</article>
<footer>Contact the newsroom</footer>
</body></html>
HTML
cd "$work"  # away from the checkout, so the installed package is the one imported
"$work/venv/bin/communique" analyze page.html --format json > analysis.json
"$work/venv/bin/python" - <<'PY'
import json

analysis = json.load(open("analysis.json", encoding="utf-8"))
names = {actor["name"] for actor in analysis["actors"]}
assert {"Olaf Scholz", "Emmanuel Macron"} <= names, names
assert any(event["plover"] == "CONSULT" for event in analysis["events"]), analysis["events"]
print(f"runtime check: HTML analysed in a runtime-only venv ({len(names)} actors, "
      f"{len(analysis['events'])} events, {len(analysis['quotes'])} quotes)")
PY
