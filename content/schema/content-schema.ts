/**
 * The schema of a content release (content.db). The builder writes it; the
 * service opens it read-only and refuses any other CONTENT_SCHEMA_VERSION, so
 * a release and the software reading it always agree. It lives with the
 * builder, which imports nothing of the service, so whoever publishes
 * releases (the hub) can build one without the kiosk's service. Tables that
 * later releases fill (templates, directory, media) are part of the schema
 * now, so adding their content does not need a new schema version.
 *
 * Version 2 added notices and service_lines (content/notices.yaml,
 * content/service-lines.yaml).
 */
export const CONTENT_SCHEMA_VERSION = 2;

/** Tokens in at least this many search rows are recorded in search_df. */
export const COMMON_TERM_DOCS = 50;

/** Column weights of `search` for bm25, in column order. */
export const SEARCH_WEIGHTS = { title: 4, body: 1, keywords: 3, bigrams: 0.3, pinyin: 2 } as const;

export const CONTENT_DDL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE laws (
  id             INTEGER PRIMARY KEY,
  short_name     TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  category       TEXT NOT NULL,
  issuer         TEXT,
  version_date   TEXT NOT NULL,
  effective_date TEXT,
  in_force       INTEGER NOT NULL CHECK (in_force IN (0, 1)),
  source         TEXT NOT NULL
) STRICT;
CREATE INDEX laws_category ON laws (category, short_name);

CREATE TABLE articles (
  id       INTEGER PRIMARY KEY,
  law_id   INTEGER NOT NULL REFERENCES laws (id),
  ordinal  INTEGER NOT NULL,
  sub      INTEGER NOT NULL DEFAULT 0,
  number   TEXT NOT NULL,
  headings TEXT NOT NULL CHECK (json_valid(headings)),
  text     TEXT NOT NULL,
  UNIQUE (law_id, ordinal, sub)
) STRICT;

CREATE TABLE topics (
  id        TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES topics (id),
  title_zh  TEXT NOT NULL,
  title_en  TEXT NOT NULL,
  icon      TEXT,
  sort      INTEGER NOT NULL
) STRICT;

CREATE TABLE faq (
  id         TEXT PRIMARY KEY,
  topic_id   TEXT NOT NULL REFERENCES topics (id),
  question   TEXT NOT NULL,
  answer     TEXT NOT NULL,
  next_steps TEXT NOT NULL CHECK (json_valid(next_steps)),
  keywords   TEXT NOT NULL CHECK (json_valid(keywords)),
  related    TEXT NOT NULL CHECK (json_valid(related)),
  sort       INTEGER NOT NULL
) STRICT;
CREATE INDEX faq_topic ON faq (topic_id, sort);

CREATE TABLE guides (
  id       TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES topics (id),
  title    TEXT NOT NULL,
  summary  TEXT NOT NULL,
  steps    TEXT NOT NULL CHECK (json_valid(steps)),
  keywords TEXT NOT NULL CHECK (json_valid(keywords))
) STRICT;

CREATE TABLE slides (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  media_sha256 TEXT REFERENCES media (sha256),
  sort         INTEGER NOT NULL
) STRICT;

-- Which articles a FAQ item, guide or slide cites, in the order it cites them.
CREATE TABLE citations (
  source_kind TEXT NOT NULL CHECK (source_kind IN ('faq', 'guide', 'slide')),
  source_id   TEXT NOT NULL,
  article_id  INTEGER NOT NULL REFERENCES articles (id),
  sort        INTEGER NOT NULL,
  PRIMARY KEY (source_kind, source_id, article_id)
) STRICT;
CREATE INDEX citations_article ON citations (article_id);

-- Filled by later releases: document templates, the service directory, media files.
-- templates.fields is a TemplateForm (common/templates/template.ts): the
-- fields, signature lines and the citizen's note; body is the body text.
CREATE TABLE templates (
  id                   TEXT PRIMARY KEY,
  title                TEXT NOT NULL,
  category             TEXT NOT NULL,
  governing_article_id INTEGER REFERENCES articles (id),
  fields               TEXT NOT NULL CHECK (json_valid(fields)),
  body                 TEXT NOT NULL
) STRICT;

CREATE TABLE directory (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('legal-aid-centre', 'mediation-committee', 'notary-office', 'arbitration-commission', 'legal-service-centre', 'law-firm')),
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  address     TEXT NOT NULL,
  hours       TEXT,
  phone       TEXT,
  services    TEXT NOT NULL CHECK (json_valid(services)),
  map_url     TEXT,
  demo        INTEGER NOT NULL CHECK (demo IN (0, 1))
) STRICT;
CREATE INDEX directory_region ON directory (region_code, kind);

-- Banners for the home screen between two days (China time), for every kiosk
-- (region_code NULL) or those of a region and the regions under it.
CREATE TABLE notices (
  id          TEXT PRIMARY KEY,
  region_code TEXT CHECK (region_code IS NULL OR length(region_code) = 6),
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL,
  sort        INTEGER NOT NULL,
  CHECK (ends_on >= starts_on)
) STRICT;

-- Per region: the hotlines and the video lawyers' duty hours (an OpeningHours
-- of common/hub/opening-hours.ts). NULL: the region does not say, so a wider
-- region's or the terminal's configuration holds.
CREATE TABLE service_lines (
  region_code          TEXT PRIMARY KEY CHECK (length(region_code) = 6),
  public_legal_service TEXT,
  local                TEXT CHECK (local IS NULL OR json_valid(local)),
  duty_hours           TEXT CHECK (duty_hours IS NULL OR json_valid(duty_hours))
) STRICT;

CREATE TABLE media (
  sha256 TEXT PRIMARY KEY,
  mime   TEXT NOT NULL,
  bytes  INTEGER NOT NULL,
  title  TEXT
) STRICT;

-- The search index: segmented words (see content/analysis/analyzer.ts), Han
-- bigrams and pinyin, as space-separated tokens. Contentless: the texts live
-- once, in the tables above; search_docs says what each row is.
CREATE VIRTUAL TABLE search USING fts5 (
  title, body, keywords, bigrams, pinyin,
  content = '',
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '1'
);

-- What a search row is, and a multiplier on its bm25 score: FAQ answers and
-- guides over bare articles, articles our FAQ cite over ones nobody cites.
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('faq', 'guide', 'article')),
  ref   TEXT NOT NULL,
  prior REAL NOT NULL
) STRICT;

-- How many rows contain each common token (those in at least
-- COMMON_TERM_DOCS rows): lets a query see it will match a large share of
-- everything before asking FTS5 to rank it (ranking reads every match).
CREATE TABLE search_df (
  term TEXT PRIMARY KEY,
  docs INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The query side's vocabulary travels with the index it was built for:
-- colloquial phrases and the statute words they stand for, words that carry
-- no meaning in a question, and the segmenter's dictionary additions.
CREATE TABLE search_synonyms (
  phrase TEXT PRIMARY KEY,
  expand TEXT NOT NULL CHECK (json_valid(expand))
) STRICT;
CREATE TABLE search_stopwords (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
CREATE TABLE search_lexicon (line TEXT NOT NULL) STRICT;

-- The on-screen keyboard's pinyin dictionary: common words (jieba's word
-- list with its frequencies) and every Han character, with our legal words
-- weighted up so 法律援助 comes before homophones.
CREATE TABLE ime (
  pinyin   TEXT NOT NULL,
  initials TEXT NOT NULL,
  word     TEXT NOT NULL,
  weight   REAL NOT NULL,
  PRIMARY KEY (pinyin, word)
) STRICT, WITHOUT ROWID;
CREATE INDEX ime_initials ON ime (initials, weight);

-- Words for as-you-type suggestions and for reading pinyin typed on the
-- on-screen keyboard back into Chinese: 离婚 ← lihun / lh.
CREATE TABLE terms (
  term     TEXT PRIMARY KEY,
  pinyin   TEXT NOT NULL,
  initials TEXT NOT NULL,
  weight   REAL NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX terms_pinyin ON terms (pinyin, weight);
CREATE INDEX terms_initials ON terms (initials, weight);
`;
