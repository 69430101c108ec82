// A whole `search` process for SQLite FTS5, as `cairn search "human rights" --json --limit 20` is one
// for Cairn: Node starts, opens the database, asks, and prints the total and the top 20 with snippets.
// Usage: node fts5-search.mjs DB_FILE MATCH [LIMIT]
import Database from 'better-sqlite3';

const [file, match, limit = '20'] = process.argv.slice(2);
const db = new Database(file, { readonly: true, fileMustExist: true });
const total = db.prepare('SELECT count(*) AS n FROM records WHERE records MATCH ?').get(match).n;
const hits = db
  .prepare("SELECT id, title, bm25(records) AS score, snippet(records, 2, '', '', '…', 24) AS snippet FROM records WHERE records MATCH ? ORDER BY rank LIMIT ?")
  .all(match, Number(limit));
process.stdout.write(JSON.stringify({ total, hits }) + '\n');
db.close();
