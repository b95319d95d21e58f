"""Read one source (a text or HTML file, stdin, a URL) into an ``Article``.

Every problem with an input becomes an ``InputError`` naming the input and the problem: empty,
binary, too large, HTML without article text, a language we do not analyse, a URL that cannot
be fetched. Legacy encodings (latin-1, cp1251, ...) are detected and decoded.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

from .errors import (
    BinaryInputError,
    EmptyInputError,
    FetchError,
    InputError,
    NoArticleTextError,
    TooLargeError,
    UnsupportedLanguageError,
)
from .records import Article
from .settings import SETTINGS, setting

#: The default of ``COMMUNIQUE_MAX_BYTES``.
MAX_BYTES: int = next(s.default for s in SETTINGS if s.name == "max_bytes")
USER_AGENT = "communique/0.1 (+news analysis)"

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|div|p)\b", re.I)

# Function words: enough to tell English from the languages news most often comes in.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for on with as was by at from his her it are be has have said which".split()),
    "fr": frozenset("le la les des du et est dans une pour que qui sur avec par au pas sont été".split()),
    "de": frozenset("der die das und ist nicht mit den von zu im des sich auf dem ein eine für wurde".split()),
    "es": frozenset("el la los las del y en que por con para una es se al como más fue".split()),
    "it": frozenset("il di che e la per un una sono del della con non al gli le dei".split()),
    "pt": frozenset("o a os as de do da e em que para com uma um não por foi se".split()),
    "nl": frozenset("de het een en van is dat op te in voor met niet zijn werd".split()),
    "ru": frozenset("и в не на что с по как это он из за о его она к для".split()),
}
_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("ja", re.compile(r"[\u3040-\u30FF]")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("el", re.compile(r"[\u0370-\u03FF]")),
)
_WORD = re.compile(r"[^\W\d_]+", re.U)
#: Languages communique analyses; anything else is refused with UnsupportedLanguageError.
LANGUAGES = ("en", "ru")
# Letters Russian does not use, by the Cyrillic languages that do: a text in Cyrillic is Russian
# only when these are (nearly) absent, since a Ukrainian or Kazakh article is not Russian news.
_CYRILLIC_LETTERS = (
    ("uk", "їєґ"),
    ("be", "ў"),
    ("kk", "әғқңөұүһ"),
    ("sr", "ђћџј"),
    ("mk", "ѓќѕ"),
)


def _cyrillic_language(sample: str, letters: int) -> str:
    """Which Cyrillic language a text mostly in Cyrillic is written in."""
    lower = sample.lower()
    for code, marks in _CYRILLIC_LETTERS:
        if sum(lower.count(ch) for ch in marks) > letters * 0.004:
            return code
    if lower.count("і") > letters * 0.004:
        return "uk"
    if not ("ы" in lower or "э" in lower) and lower.count("ъ") > letters * 0.002:
        return "bg"
    return "ru"


def detect_language(text: str) -> str | None:
    """A best guess at the language of ``text`` (ISO 639-1), or None when there is too little text."""
    sample = text[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return None
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) > letters * 0.3:
            return _cyrillic_language(sample, letters) if code == "ru" else code
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return None
    scores = {code: sum(w in stop for w in words) / len(words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    if scores[best] < 0.03:
        return None
    return best


def check_language(text: str, source: str) -> str:
    """The article's language; raises when it is not one we analyse (English or Russian)."""
    language = detect_language(text)
    if language is None:
        return "en"
    if language in LANGUAGES:
        return language
    raise UnsupportedLanguageError(
        source,
        f"the article looks like language '{language}'; communique analyses English and Russian news only",
        language,
    )


# Single-byte encodings tried next to charset_normalizer's guess, which is unreliable when only a
# few words of a mostly English text are non-ASCII (a Russian name in cp1251 reads as cp850).
_LEGACY_ENCODINGS = ("cp1252", "cp1251", "cp1250", "iso8859_15", "koi8_r", "cp1253")


def _implausibility(text: str) -> int:
    """How unlike real words the non-ASCII words of ``text`` are (0 = all plausible)."""
    penalty = 0
    for word in re.findall(r"\S*[^\x00-\x7f]\S*", text):
        scripts = set()
        accented = 0
        letters = 0
        for ch in word:
            if ch.isalpha():
                letters += 1
                script = unicodedata.name(ch, "?").split(" ")[0]
                scripts.add(script)
                accented += script == "LATIN" and ord(ch) > 0x7F
            elif ord(ch) > 0x7F and unicodedata.category(ch)[0] not in "PZ":
                penalty += 2  # a box-drawing, currency or control character inside a word
        penalty += len(scripts) > 1  # Latin and Cyrillic letters mixed in one word
        penalty += letters > 2 and accented * 2 > letters  # "Ïóòèí": mostly accented letters
    return penalty


def _most_plausible(data: bytes, guess: str) -> str:
    """``guess`` or a decoding of ``data`` in a common legacy encoding whose words look more real."""
    best, best_penalty = guess, _implausibility(guess)
    for encoding in _LEGACY_ENCODINGS:
        if best_penalty == 0:
            break
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        penalty = _implausibility(candidate)
        if penalty < best_penalty:
            best, best_penalty = candidate, penalty
    return best


#: File signatures of formats people save articles in that are not text: what each is, and what to do.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; save the article's text or HTML and analyse that"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document); unpack it or save the article as text"),
    (b"BZh", "bzip2-compressed data; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document; save the article as text or HTML"),
)
_GZIP = b"\x1f\x8b"


def _gunzip(data: bytes, source: str) -> bytes:
    """The content of gzip-compressed input, within the size limit, or a clear error."""
    import zlib

    limit = max_bytes()
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise BinaryInputError(source, f"the input is gzip-compressed but damaged ({exc})") from exc
    if len(out) > limit:
        raise too_large(source, "decompressed input")
    if not inflater.eof:
        raise BinaryInputError(
            source, "the input is gzip-compressed and truncated (the compressed stream ends early); "
            "download or copy it again",
        )
    return out


def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8, else as the legacy encoding they most likely use (gzip is unpacked first)."""
    if not data.strip():
        raise EmptyInputError(source, "the input is empty")
    if data.startswith(_GZIP):
        data = _gunzip(data, source)
        if not data.strip():
            raise EmptyInputError(source, "the input is gzip-compressed and empty")
    for signature, problem in _SIGNATURES:
        if data.startswith(signature):
            raise BinaryInputError(source, f"the input is {problem}")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(source, "the input is binary data, not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise BinaryInputError(source, "the input's encoding cannot be recognised; it may be binary data")
        text = _most_plausible(data, str(best))
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 50):
        raise BinaryInputError(source, "the input is binary data, not text or HTML")
    if not text.strip():
        raise EmptyInputError(source, "the input holds only whitespace")
    return text


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "ignore")
    return bool(_HTML_SNIFF.search(head))


_DATELINE = re.compile(
    r"^\W{0,3}((?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(\d{1,2}\s+[^\W\d_]{3,9}\.?(,?\s+\d{4}(?:\s+года?|\s+г\.)?)?|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(,?\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2})"
    r"(,[^\n]{0,60})?\W{0,3}$",
)
# English month abbreviations and the stems of Russian month names in the genitive («9 ноября 2023 года»)
_MONTHS = {
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)},
    **{m: i for i, m in enumerate(
        "январ феврал марта апрел ма[яй] июн июл август сентябр октябр ноябр декабр".split(), start=1)},
}


def find_dateline(text: str) -> tuple[str | None, dt.date | None]:
    """A publication date written as a short line near the top ("Jan 7", "March 10, 2020, Moscow").

    The year is never guessed: without one the date stays unknown and only its text is kept.
    """
    for line in text.splitlines()[:12]:
        line = line.strip()
        if not line or len(line) > 80:
            continue
        match = _DATELINE.match(line)
        if not match:
            continue
        phrase = match.group(2).strip()
        month = next((n for m, n in _MONTHS.items() if re.search(rf"\b{m}", phrase, re.I)), None)
        if month is None and not re.match(r"\d{4}-\d{2}-\d{2}", phrase):
            continue
        year_match = re.search(r"\b(19|20)\d{2}\b", phrase)
        date: dt.date | None = None
        if re.match(r"\d{4}-\d{2}-\d{2}$", phrase):
            try:
                date = dt.date.fromisoformat(phrase)
            except ValueError:
                date = None
        elif year_match and month:
            day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", phrase.replace(year_match.group(0), ""))
            try:
                date = dt.date(int(year_match.group(0)), month, int(day.group(1))) if day else None
            except ValueError:
                date = None
        return phrase, date
    return None, None


def max_bytes() -> int:
    """The largest input accepted, in bytes (``COMMUNIQUE_MAX_BYTES``)."""
    return int(setting("max_bytes"))


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,.0f} bytes"


def too_large(source: str, what: str, size: int | None = None) -> TooLargeError:
    """The error for an input over the size limit, saying how to raise the limit."""
    limit = max_bytes()
    found = f"the {what} is {_size(size)}" if size is not None else f"the {what} is larger than that"
    return TooLargeError(
        source, f"{found}; the limit is {_size(limit)} (setting COMMUNIQUE_MAX_BYTES)"
    )


def _text_within_limit(data: bytes | str, source: str, what: str) -> str:
    """The input as text, after checking its size (and decoding it when it is bytes)."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    if len(raw) > max_bytes():
        raise too_large(source, what, len(raw))
    return decode(raw, source) if isinstance(data, bytes) else data


def article_from_text(
    data: bytes | str,
    source: str,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An article from plain text; offsets refer to the decoded text, unchanged."""
    text = _text_within_limit(data, source, "input")
    if not text.strip():
        raise EmptyInputError(source, "the input is empty")
    language = check_language(text, source)
    published_text, found_date = find_dateline(text)
    if title is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first if 0 < len(first) <= 200 else None
    return Article(
        text=text,
        title=title,
        published=published or found_date,
        published_text=published_text,
        url=url,
        source=source,
        language=language,
    )


#: Elements whose words are a site's furniture, never an article: menus, page headers and footers,
#: link and button labels, form fields.
_BOILERPLATE_TAGS = ("a", "nav", "header", "footer", "aside", "menu", "button", "label", "option", "select", "form")


def _only_boilerplate(html: str, text: str) -> bool:
    """True when every line trafilatura kept comes from the page's furniture, not an article.

    On pages without article text trafilatura falls back to whatever text there is, which is
    usually the navigation ("Home", "World", ...), a header or a footer (issue 14, defect 1).
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return False
    furniture = [
        " ".join(" ".join(element.itertext()).split())
        for element in root.iter(*_BOILERPLATE_TAGS)
    ]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if any(ch.isalnum() for ch in line)]
    return bool(lines) and all(
        any(re.search(rf"(?<!\w){re.escape(line)}(?!\w)", block) for block in furniture if len(block) >= len(line))
        for line in lines
    )


#: libxml2's HTML parser gives up on elements nested deeper than this.
_MAX_DEPTH = 255
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counted from its tags (void and self-closed ones aside)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closed = match.groups()
        if name.lower() in _VOID or self_closed:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def article_from_html(
    data: bytes | str,
    source: str,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """An article from an HTML page: the main text and its metadata (title, outlet, author, date)."""
    html = _text_within_limit(data, source, "page")
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, AttributeError) as exc:  # malformed markup deep in lxml
        raise NoArticleTextError(source, f"the HTML cannot be parsed ({exc})") from exc
    doc = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    text = (doc.get("text") or "").strip()
    if not text or _only_boilerplate(html, text):
        depth = _nesting_depth(html)
        if depth > _MAX_DEPTH:
            raise NoArticleTextError(
                source, f"the HTML nests elements {depth:,} deep; the HTML parser stops at {_MAX_DEPTH}, so the "
                "article text cannot be reached (save the article's text and analyse that)",
            )
        raise NoArticleTextError(source, "the HTML page holds no article text (navigation or an empty page?)")
    language = check_language(text, source)
    date_text = doc.get("date")
    found: dt.date | None = None
    if date_text:
        try:
            found = dt.date.fromisoformat(str(date_text)[:10])
        except ValueError:
            found = None
    return Article(
        text=text,
        title=title or doc.get("title"),
        outlet=doc.get("sitename") or doc.get("hostname"),
        author=doc.get("author"),
        published=published or found,
        published_text=str(date_text) if date_text else None,
        url=url or doc.get("url"),
        source=source,
        language=language,
    )


def fetch(url: str, *, timeout: float | None = None) -> bytes:
    """Download a URL, or raise ``FetchError`` saying why it failed."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    timeout = float(setting("fetch_timeout")) if timeout is None else timeout
    limit = max_bytes()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - user-given URL
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"the server answered HTTP {exc.code} ({exc.reason})") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(url, f"cannot fetch the URL ({reason})") from exc
    if len(data) > limit:
        raise too_large(url, "page")
    return data


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source, re.I))


def read_article(
    source: str,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Read ``source``: a path to a ``.txt``/``.html`` file, ``-`` for stdin, or an http(s) URL."""
    if is_url(source):
        data = fetch(source)
        return article_from_html(data, source, published=published, url=url or source, title=title)
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes() + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(source, "no such file")
        if path.is_dir():
            raise InputError(source, "is a directory; give files, or use `communique ingest` for directories")
        size = path.stat().st_size
        if size > max_bytes():
            raise too_large(source, "file", size)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(source, f"cannot read the file ({exc.strerror})") from exc
    if len(data) > max_bytes():
        raise too_large(source, "input")
    if data.startswith(_GZIP):
        data = _gunzip(data, source)  # a saved page.html.gz: route what it holds, not its wrapper
    suffix = Path(source).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in (".txt", ".text", ".md") and looks_like_html(data)):
        return article_from_html(data, source, published=published, url=url, title=title)
    return article_from_text(data, source, published=published, url=url, title=title)
