"""Tests of the ``communique`` command line (click's CliRunner, one subprocess for real exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from communique.cli import cli

from .test_ingest import FRENCH, GERMAN, NAV_ONLY_HTML, PNG_BYTES

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()  # click >= 8.2 keeps stderr apart from stdout


def _bad_inputs(tmp: Path) -> dict[str, tuple[str, str]]:
    """Every kind of unusable input: id -> (source, words the error line must contain)."""
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "image.png").write_bytes(PNG_BYTES)
    (tmp / "menu.html").write_text(NAV_ONLY_HTML, encoding="utf-8")
    (tmp / "french.txt").write_text(FRENCH, encoding="utf-8")
    (tmp / "german.txt").write_text(GERMAN, encoding="utf-8")
    return {
        "empty": (str(tmp / "empty.txt"), "empty"),
        "binary": (str(tmp / "image.png"), "binary"),
        "no-article": (str(tmp / "menu.html"), "no article text"),
        "french": (str(tmp / "french.txt"), "'fr'"),
        "german": (str(tmp / "german.txt"), "'de'"),
        "missing": (str(tmp / "missing.txt"), "no such file"),
        "url": ("http://127.0.0.1:9/x", "cannot fetch"),
    }


BAD_KINDS = ["empty", "binary", "no-article", "french", "german", "missing", "url"]


def assert_one_error_line(result, source: str, problem: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("communique: error: ")
    assert source in lines[0]
    assert problem in lines[0]


@pytest.mark.parametrize("kind", BAD_KINDS)
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_cli_bad_input_exits_2_with_one_line(runner: CliRunner, tmp_path: Path, kind: str, fmt: str) -> None:
    source, problem = _bad_inputs(tmp_path)[kind]
    result = runner.invoke(cli, ["analyze", source, "--format", fmt])
    assert_one_error_line(result, source, problem)
    assert result.stdout == ""


def test_cli_too_large_input_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    chunk = "<p>" + "news " * 1000 + "</p>\n"
    with page.open("w", encoding="utf-8") as out:
        out.write("<html><body><article>")
        for _ in range(20 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
        out.write("</article></body></html>")
    assert page.stat().st_size > 20 * 1024 * 1024
    result = runner.invoke(cli, ["analyze", str(page), "--format", "json"])
    assert_one_error_line(result, str(page), "MB")


def test_cli_bad_input_exit_code_in_a_real_process(tmp_path: Path) -> None:
    source, problem = _bad_inputs(tmp_path)["binary"]
    proc = subprocess.run(
        [sys.executable, "-m", "communique", "analyze", source, "--format", "json"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"communique: error: {source}: the input is binary data, not text or HTML"]
    assert problem in proc.stderr


def test_cli_several_sources_to_stdout_are_ndjson(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", "--format", "json", str(EXAMPLE_FILES[0]), str(EXAMPLE_FILES[1])])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2
    assert all(json.loads(line)["schema"] == "communique.analysis/1" for line in lines)


def test_cli_schema_is_valid_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["$id"] == "communique.analysis/1"
    for key in ("article", "actors", "quotes", "events", "roles"):
        assert key in schema["properties"]


def test_cli_examples_exist() -> None:
    assert len(EXAMPLE_FILES) == 5  # four in English, one in Russian
    for path in EXAMPLE_FILES:
        words = len(path.read_text(encoding="utf-8").split())
        assert 150 <= words <= 300, (path.name, words)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    """One pipeline run: every example plus one binary file, written to --out as JSON."""
    tmp = tmp_path_factory.mktemp("batch")
    bad = tmp / "broken.txt"
    bad.write_bytes(PNG_BYTES)
    out = tmp / "out"
    sources = [str(p) for p in EXAMPLE_FILES] + [str(bad)]
    result = CliRunner().invoke(cli, ["analyze", *sources, "--out", str(out), "--format", "json"])
    return result, out, str(bad)


def test_cli_batch_writes_good_sources_and_reports_bad_one(batch) -> None:
    result, out, bad = batch
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("communique: error:")]
    assert errors == [f"communique: error: {bad}: the input is binary data, not text or HTML"]
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.json" for p in EXAMPLE_FILES)
    assert not list(out.glob("*.tmp"))


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLE_FILES])
def test_cli_analysis_json_validates_against_schema(runner: CliRunner, batch, example: str) -> None:
    _, out, _ = batch
    schema = json.loads(runner.invoke(cli, ["schema"]).stdout)
    analysis = json.loads((out / f"{example}.json").read_text(encoding="utf-8"))
    jsonschema.validate(analysis, schema)
    assert analysis["schema"] == "communique.analysis/1"
    assert analysis["article"]["title"] == (EXAMPLES / f"{example}.txt").read_text(encoding="utf-8").splitlines()[0]
    assert analysis["article"]["published"] is not None


@pytest.mark.parametrize(
    "example",
    [p.stem for p in EXAMPLE_FILES],
)
def test_cli_analysis_finds_meeting_quotes_and_offices(batch, example: str) -> None:
    _, out, _ = batch
    analysis = json.loads((out / f"{example}.json").read_text(encoding="utf-8"))
    assert any(event["plover"] == "CONSULT" for event in analysis["events"])
    assert any(quote["direct"] for quote in analysis["quotes"])
    assert any(not quote["direct"] for quote in analysis["quotes"])
    assert analysis["roles"]


def test_cli_analysis_json_to_stdout(batch, runner: CliRunner) -> None:
    # runs after the batch fixture has loaded the model once
    source = EXAMPLES / "biden_xi_bali_2022.txt"
    result = runner.invoke(cli, ["analyze", str(source), "--format", "json", "--published", "2022-11-15"])
    assert result.exit_code == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["article"]["published"] == "2022-11-15"
    jsonschema.validate(analysis, json.loads(runner.invoke(cli, ["schema"]).stdout))


def test_cli_markdown_brief(batch, runner: CliRunner) -> None:
    source = EXAMPLES / "starmer_meloni_rome_2024.txt"
    result = runner.invoke(cli, ["analyze", str(source), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Starmer visits Meloni in Rome to discuss migration"
    assert "## Who met whom" in lines
    assert "## Who said what" in lines
    meetings = result.stdout.split("## Who met whom", 1)[1].split("## ", 1)[0]
    assert "Keir Starmer" in meetings and "Giorgia Meloni" in meetings


def test_cli_same_file_name_in_two_folders_keeps_both(runner: CliRunner, tmp_path: Path) -> None:
    for folder, who in (("a", "Olaf Scholz"), ("b", "Emmanuel Macron")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"{who} met Joe Biden in Washington on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(tmp_path / "a" / "news.txt"), str(tmp_path / "b" / "news.txt"),
                                 "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.glob("*.json"))
    assert len(written) == 2 and "news.json" in written


def test_cli_analyze_url_from_a_local_server(runner: CliRunner, tmp_path: Path) -> None:
    """A real HTTP fetch, from a server on this machine (the network edge, not a mock)."""
    import http.server
    import threading

    page = (
        "<html><head><title>Leaders meet in Vilnius</title></head><body><nav>Home | World</nav><article>"
        "<p>Olaf Scholz met Joe Biden in Vilnius on Tuesday to discuss support for Ukraine.</p>"
        "<p>\"We stand together,\" Scholz told reporters after the talks.</p>"
        "<p>The two leaders also spoke about energy prices and trade across the Atlantic.</p>"
        "</article><footer>Contact us</footer></body></html>"
    )
    (tmp_path / "story.html").write_text(page, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
        result = runner.invoke(cli, ["analyze", url, "--format", "json", "--published", "2024-07-09"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["article"]["url"] == url
    assert "Home | World" not in json.dumps(analysis)
    names = {a["name"] for a in analysis["actors"]}
    assert {"Olaf Scholz", "Joe Biden"} <= names
    assert any(e["plover"] == "CONSULT" and e["date"] == "2024-07-09" for e in analysis["events"])


def test_cli_text_longer_than_the_parser_allows_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text("The talks went on for hours and ended without a statement. " * 20000, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(source), "--format", "json"])
    assert_one_error_line(result, str(source), "characters")


def test_cli_tables_keep_names_and_codes_whole_in_80_columns(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from communique.cli_store import _print_rows

    monkeypatch.setenv("COLUMNS", "80")
    rows = [
        # names of the usual length; a single word longer than its column (20 letters here) still folds
        {"date": "2031-04-02", "who": "Aleksandra Wiśniewska – Bartholomew Featherstone of Ashby",
         "kind": "phone_call", "formality": "unspecified", "place": "Ouagadougou", "sources": 12},
        {"date": "2031-04-03", "who": "Kassym-Jomart Tokayev – Shavkat Mirziyoyev", "kind": "summit",
         "formality": "informal", "place": "Samarkand Region", "sources": 1},
    ]
    _print_rows(rows, "table", "meetings_merged_across_articles")
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    for word in ("Wiśniewska", "Bartholomew", "Featherstone", "Kassym-Jomart", "Mirziyoyev", "phone_call",
                 "unspecified", "2031-04-02"):
        assert word in text, word  # never broken across lines


def test_cli_tables_wrap_office_titles_in_80_columns(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from communique.cli_store import _print_rows

    monkeypatch.setenv("COLUMNS", "80")
    rows = [{"role": "Deputy Chairman of the Standing Committee on Foreign and Security Affairs",
             "of": "Parliamentary Assembly of the Organization for Security", "first_reported": "2031-04-02",
             "last_reported": "2031-05-30", "n_sources": 3}]
    _print_rows(rows, "table", "offices")
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "2031-04-02" in "\n".join(lines) and "Committee" in "\n".join(lines)

