"""Tests of communique.ingest on inputs written to tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique import ingest
from communique.errors import (
    BinaryInputError,
    EmptyInputError,
    FetchError,
    InputError,
    NoArticleTextError,
    TooLargeError,
    UnsupportedLanguageError,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(64)

NAV_ONLY_HTML = """<!doctype html>
<html><head><title>World news</title></head>
<body>
<nav><ul>
<li><a href="/">Home</a></li>
<li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li>
</ul></nav>
</body></html>
"""

ARTICLE_PARAGRAPHS = [
    "British Prime Minister Keir Starmer met Italian Prime Minister Giorgia Meloni in Rome on Monday "
    "for talks on migration and the war in Ukraine.",
    "Starmer said that Italy had made real progress in reducing irregular arrivals by sea and that "
    "Britain wanted to learn from its partners.",
    "\u201cOur countries are natural partners,\u201d Meloni told reporters after the meeting at the villa.",
]
ARTICLE_HTML = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Starmer and Meloni meet in Rome</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/europe">Europe</a></nav>
<article>
<h1>Starmer and Meloni meet in Rome</h1>
<p>{ARTICLE_PARAGRAPHS[0]}</p>
<p>{ARTICLE_PARAGRAPHS[1]}</p>
<p>{ARTICLE_PARAGRAPHS[2]}</p>
</article>
<footer><p>Copyright 2024 Example Wire Service. Contact us at the newsroom.</p></footer>
</body></html>
"""

FRENCH = (
    "Le président de la République a reçu lundi le chancelier allemand au palais de l'Élysée. "
    "Les deux dirigeants ont parlé de la situation en Europe et de la coopération dans le domaine de l'énergie. "
    "Ils sont convenus de se revoir avant la fin de l'année. "
    "Le porte-parole a dit que la rencontre était utile pour les deux pays."
)
GERMAN = (
    "Der Bundeskanzler hat am Montag den französischen Präsidenten in Berlin empfangen. "
    "Die beiden Politiker sprachen über die Lage in Europa und die Zusammenarbeit in der Energiepolitik. "
    "Sie wollen sich vor dem Ende des Jahres wieder treffen. "
    "Ein Sprecher sagte, das Gespräch sei für beide Länder nützlich gewesen."
)
LATIN1_TEXT = (
    "Zoë Müller, the mayor of the old town, said that the théâtre near the café would reopen in May. "
    "She met a delegation from Köln on Tuesday and said that the talks had been useful for both cities."
)
CP1251_TEXT = (
    "Russian President Vladimir Putin met the visiting delegation in the Kremlin on Tuesday. "
    "Said Путин at the start of the talks: the relationship between the two countries is strong. "
    "The president said that he was pleased with the results of the visit and that trade had grown."
)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", EmptyInputError),
        ("blank.txt", b"  \n\t\n  ", EmptyInputError),
        ("empty.html", b"", EmptyInputError),
        ("image.png", PNG_BYTES, BinaryInputError),
        ("image.txt", PNG_BYTES, BinaryInputError),
        ("menu.html", NAV_ONLY_HTML, NoArticleTextError),
    ],
)
def test_ingest_rejects_unreadable_input(tmp_path: Path, name: str, data: bytes | str, error: type[InputError]) -> None:
    source = write(tmp_path, name, data)
    with pytest.raises(error) as info:
        ingest.read_article(source)
    assert info.value.source == source
    assert source in str(info.value)


def test_ingest_rejects_page_over_size_limit(tmp_path: Path) -> None:
    filler = "<p>" + "word " * 200 + "</p>\n"
    page = "<html><body><article>" + filler * (20 * 1024 * 1024 // len(filler) + 1) + "</article></body></html>"
    source = write(tmp_path, "huge.html", page)
    assert Path(source).stat().st_size > 20 * 1024 * 1024
    with pytest.raises(TooLargeError) as info:
        ingest.read_article(source)
    assert info.value.source == source
    assert "MB" in info.value.problem


def test_ingest_rejects_oversized_bytes_without_a_file() -> None:
    with pytest.raises(TooLargeError):
        ingest.article_from_html(b"<p>x</p>" * (ingest.MAX_BYTES // 8 + 1), "memory")


@pytest.mark.parametrize(("text", "language"), [(FRENCH, "fr"), (GERMAN, "de")])
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_ingest_rejects_unsupported_language(tmp_path: Path, text: str, language: str, encoding: str) -> None:
    source = write(tmp_path, f"article-{language}.txt", text.encode(encoding))
    with pytest.raises(UnsupportedLanguageError) as info:
        ingest.read_article(source)
    assert info.value.language == language
    assert f"'{language}'" in info.value.problem


@pytest.mark.parametrize(("text", "encoding"), [(LATIN1_TEXT, "latin-1"), (CP1251_TEXT, "cp1251")])
def test_ingest_decodes_legacy_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful for bytes that are not UTF-8
    article = ingest.read_article(write(tmp_path, f"legacy-{encoding}.txt", data))
    assert article.text == text
    assert article.language == "en"


def test_ingest_reads_utf8_with_bom(tmp_path: Path) -> None:
    article = ingest.read_article(write(tmp_path, "bom.txt", "\ufeff".encode() + LATIN1_TEXT.encode("utf-8")))
    assert article.text == LATIN1_TEXT


@pytest.mark.parametrize(
    ("dateline", "published_text", "published"),
    [
        ("March 10, 2020, Moscow", "March 10, 2020", dt.date(2020, 3, 10)),
        ("November 15, 2022", "November 15, 2022", dt.date(2022, 11, 15)),
        ("2024-09-16", "2024-09-16", dt.date(2024, 9, 16)),
        ("Jan 7", "Jan 7", None),
        ("Feb 30, 2021", "Feb 30, 2021", None),
    ],
)
def test_ingest_reads_dateline(tmp_path: Path, dateline: str, published_text: str, published: dt.date | None) -> None:
    body = "Leaders meet in the capital\n\n" + dateline + "\n\n" + CP1251_TEXT.replace("Путин", "Putin") + "\n"
    article = ingest.read_article(write(tmp_path, "dated.txt", body))
    assert article.published_text == published_text
    assert article.published == published
    assert article.title == "Leaders meet in the capital"


def test_ingest_published_option_overrides_dateline(tmp_path: Path) -> None:
    body = "Title\nMarch 10, 2020, Moscow\n" + CP1251_TEXT.replace("Путин", "Putin")
    article = ingest.read_article(write(tmp_path, "dated.txt", body), published=dt.date(2021, 1, 2))
    assert article.published == dt.date(2021, 1, 2)


def test_ingest_text_without_dateline_has_no_date(tmp_path: Path) -> None:
    article = ingest.read_article(write(tmp_path, "plain.txt", LATIN1_TEXT))
    assert article.published is None
    assert article.published_text is None


@pytest.mark.parametrize("name", ["story.html", "story"])
def test_ingest_extracts_article_from_html(tmp_path: Path, name: str) -> None:
    article = ingest.read_article(write(tmp_path, name, ARTICLE_HTML))
    assert article.title == "Starmer and Meloni meet in Rome"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.text
    assert "Home" not in article.text.split()
    assert "Copyright" not in article.text
    assert article.language == "en"


def test_ingest_unreachable_url_raises_fetch_error() -> None:
    url = "http://127.0.0.1:9/x"
    with pytest.raises(FetchError) as info:
        ingest.read_article(url)
    assert info.value.source == url


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda tmp: str(tmp / "missing.txt"), "no such file"),
        (lambda tmp: str(tmp), "directory"),
    ],
)
def test_ingest_reports_missing_file_and_directory(tmp_path: Path, make, problem: str) -> None:
    source = make(tmp_path)
    with pytest.raises(InputError) as info:
        ingest.read_article(source)
    assert problem in info.value.problem
