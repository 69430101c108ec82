// SQLite FTS5 over the same records, for the search suite's comparison: one table, the fields Cairn
// indexes, tokenizer unicode61 with diacritics removed (as Cairn folds them), ranked by bm25.
import Database from 'better-sqlite3';
import type { CairnRecord } from '../../electron/contract';
import type { BenchQuery } from './search-queries';

export const FTS5_SCHEMA =
  "CREATE VIRTUAL TABLE records USING fts5(id UNINDEXED, title, text, tags, place, language UNINDEXED, status UNINDEXED, date UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')";

export interface Fts5Answer {
  total: number;
  hits: { id: string; title: string; snippet: string }[];
}

/** A new database file holding every record, inserted in one transaction (WAL, synchronous FULL: durable as Cairn's writes). */
export function buildFts5(file: string, records: readonly CairnRecord[]): Database.Database {
  const db = open(file);
  db.exec(FTS5_SCHEMA);
  const insert = db.prepare('INSERT INTO records (id, title, text, tags, place, language, status, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of records) insert.run(r.id, r.title, r.text, r.tags.join(' \n '), r.place, r.language, r.status, r.date ?? '');
  })();
  return db;
}

export function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

/** Top `limit` by bm25 (by date when only a filter asks), with a snippet of the text, and the total. */
export function searchFts5(db: Database.Database, query: BenchQuery, limit = 20): Fts5Answer {
  const where = [query.match !== null ? 'records MATCH @match' : null, query.where ?? null].filter(Boolean).join(' AND ');
  const params = query.match !== null ? { match: query.match } : {};
  const total = (db.prepare(`SELECT count(*) AS n FROM records WHERE ${where}`).get(params) as { n: number }).n;
  const snippet = query.match !== null ? "snippet(records, 2, '', '', '…', 24)" : 'substr(text, 1, 160)';
  const order = query.match !== null ? 'rank' : 'date';
  const hits = db.prepare(`SELECT id, title, ${snippet} AS snippet FROM records WHERE ${where} ORDER BY ${order} LIMIT ${limit}`).all(params) as Fts5Answer['hits'];
  return { total, hits };
}

/** A record's title changed (rowid looked up by id through the table's own rowid map). */
export function editTitle(db: Database.Database, rowid: number, title: string): void {
  db.prepare('UPDATE records SET title = ? WHERE rowid = ?').run(title, rowid);
}
