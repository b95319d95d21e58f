-- communique store, logical schema (version 1).
-- Written in the common subset of SQLite and PostgreSQL; the back ends substitute the few
-- dialect words in {braces}: {pk} (integer key), {date}, {timestamp}, {bool}.
-- Each statement ends with ";" on its own line end; the loader splits on that.

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,              -- sha256 of whitespace-normalised text, 16 hex (Article.id)
    url TEXT,
    title TEXT,
    outlet TEXT,
    author TEXT,
    published {date},
    published_text TEXT,
    language TEXT,
    source TEXT,
    pipeline_version TEXT NOT NULL,
    pipeline_model TEXT,
    kb_version TEXT NOT NULL,
    analysis_digest TEXT NOT NULL,    -- changes when a re-analysis finds something else
    analysed_at {timestamp} NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);

CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    cameo TEXT
);
CREATE INDEX IF NOT EXISTS actors_name ON actors (lower(name));

CREATE TABLE IF NOT EXISTS mentions (
    id {pk},
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors (id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions (actor_id);
CREATE INDEX IF NOT EXISTS mentions_text ON mentions (lower(text));

CREATE TABLE IF NOT EXISTS offices (
    id {pk},
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES actors (id),
    role TEXT NOT NULL,
    of_name TEXT,
    reported_on {date},
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS offices_article ON offices (article_id);
CREATE INDEX IF NOT EXISTS offices_person ON offices (person_id, reported_on);

-- One row per distinct quote; quote_sources holds each outlet's report of it.
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    speaker_id TEXT REFERENCES actors (id),
    text TEXT NOT NULL,
    norm_text TEXT NOT NULL,
    norm_hash TEXT NOT NULL,
    direct {bool} NOT NULL,
    cue TEXT,
    first_reported {date},
    n_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_id, first_reported);
CREATE INDEX IF NOT EXISTS quotes_hash ON quotes (norm_hash);
CREATE INDEX IF NOT EXISTS quotes_date ON quotes (first_reported);

CREATE TABLE IF NOT EXISTS quote_sources (
    id {pk},
    quote_id TEXT NOT NULL REFERENCES quotes (id),
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    speaker_mention TEXT,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    direct {bool} NOT NULL,
    cue TEXT,
    rule TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quote_sources_quote ON quote_sources (quote_id);
CREATE INDEX IF NOT EXISTS quote_sources_article ON quote_sources (article_id);

CREATE TABLE IF NOT EXISTS quote_about (
    quote_id TEXT NOT NULL REFERENCES quotes (id),
    actor_id TEXT NOT NULL REFERENCES actors (id),
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, actor_id, article_id)
);
CREATE INDEX IF NOT EXISTS quote_about_actor ON quote_about (actor_id, quote_id);
CREATE INDEX IF NOT EXISTS quote_about_article ON quote_about (article_id);

-- One row per distinct event; event_sources holds each article's report of it.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    plover TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    kind TEXT,
    formality TEXT NOT NULL,
    initiator_id TEXT REFERENCES actors (id),
    recurring {bool} NOT NULL,
    status TEXT NOT NULL,
    date {date},
    date_text TEXT,
    approx_date {date},               -- date when known, else the first report's publication date
    place TEXT,
    participants_key TEXT NOT NULL,   -- sorted participant ids joined by "|", for merging
    n_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_match ON events (participants_key, plover, approx_date);
CREATE INDEX IF NOT EXISTS events_date ON events (approx_date);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id TEXT NOT NULL REFERENCES events (id),
    actor_id TEXT NOT NULL REFERENCES actors (id),
    side TEXT NOT NULL,               -- source | target | participant
    plover TEXT NOT NULL,             -- copied from events so that per-actor counts read one index
    status TEXT NOT NULL,
    approx_date {date},
    PRIMARY KEY (event_id, actor_id, side)
);
CREATE INDEX IF NOT EXISTS event_participants_actor ON event_participants (actor_id, side, plover, approx_date);

-- Every unordered pair of an event's participants (actor_a < actor_b): the pair queries' index.
CREATE TABLE IF NOT EXISTS event_pairs (
    event_id TEXT NOT NULL REFERENCES events (id),
    actor_a TEXT NOT NULL,
    actor_b TEXT NOT NULL,
    plover TEXT NOT NULL,
    status TEXT NOT NULL,
    approx_date {date},
    PRIMARY KEY (actor_a, actor_b, event_id)
);
CREATE INDEX IF NOT EXISTS event_pairs_event ON event_pairs (event_id);
CREATE INDEX IF NOT EXISTS event_pairs_ab ON event_pairs (actor_a, actor_b, plover, approx_date);
CREATE INDEX IF NOT EXISTS event_pairs_a ON event_pairs (actor_a, plover, actor_b);
CREATE INDEX IF NOT EXISTS event_pairs_b ON event_pairs (actor_b, plover, actor_a);
CREATE INDEX IF NOT EXISTS event_pairs_date ON event_pairs (plover, approx_date);

CREATE TABLE IF NOT EXISTS event_sources (
    id {pk},
    event_id TEXT NOT NULL REFERENCES events (id),
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    plover TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    kind TEXT,
    formality TEXT NOT NULL,
    initiator_id TEXT,
    recurring {bool} NOT NULL,
    status TEXT NOT NULL,
    date {date},
    date_text TEXT,
    place TEXT,
    source_ids TEXT NOT NULL,         -- JSON list of actor ids
    target_ids TEXT NOT NULL,
    participant_ids TEXT NOT NULL,
    confidence REAL NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL,
    more_evidence TEXT NOT NULL,      -- JSON list of {start, end, text}
    actor_codes TEXT                  -- JSON {actor id: CAMEO actor code with agents}, e.g. RUSMIL (schema 2)
);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_id);
CREATE INDEX IF NOT EXISTS event_sources_article ON event_sources (article_id);

-- Views for Datasette and ad-hoc SQL.
CREATE VIEW meetings_by_pair AS
SELECT p.actor_a, a.name AS actor_a_name, p.actor_b, b.name AS actor_b_name,
       COUNT(*) AS meetings, MIN(p.approx_date) AS first_met, MAX(p.approx_date) AS last_met
FROM event_pairs p
JOIN events e ON e.id = p.event_id
LEFT JOIN actors a ON a.id = p.actor_a
LEFT JOIN actors b ON b.id = p.actor_b
WHERE e.plover = 'CONSULT' AND e.status = 'held'
GROUP BY p.actor_a, a.name, p.actor_b, b.name;

CREATE VIEW quotes_about_actor AS
SELECT DISTINCT qa.actor_id AS about_id, about.name AS about_name, q.id AS quote_id,
       q.speaker_id, speaker.name AS speaker_name, q.text, q.first_reported, q.n_sources
FROM quote_about qa
JOIN quotes q ON q.id = qa.quote_id
LEFT JOIN actors about ON about.id = qa.actor_id
LEFT JOIN actors speaker ON speaker.id = q.speaker_id;

CREATE VIEW quotes_by_speaker AS
SELECT q.id AS quote_id, q.speaker_id, a.name AS speaker_name, q.text, q.direct, q.cue,
       q.first_reported, q.n_sources
FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id;

CREATE VIEW event_reports AS
SELECT e.id AS event_id, e.plover, e.kind, e.status, e.approx_date, s.article_id,
       ar.outlet, ar.url, ar.published, s.evidence_text
FROM event_sources s
JOIN events e ON e.id = s.event_id
JOIN articles ar ON ar.id = s.article_id;

CREATE VIEW office_holders AS
SELECT o.person_id, a.name AS person_name, o.role, o.of_name, MIN(o.reported_on) AS first_reported,
       MAX(o.reported_on) AS last_reported, COUNT(*) AS n_sources
FROM offices o LEFT JOIN actors a ON a.id = o.person_id
GROUP BY o.person_id, a.name, o.role, o.of_name;
