// An export from start to end: where it goes (a name inside the chosen folder, never outside it,
// never over an existing export unless the person agreed), the records prepared as the options say,
// each format's writer, and progress and cancelling between records. A single file is written under a
// hidden temp name and renamed at the end; a bag is built in a hidden temp folder (and zipped from
// it) and renamed at the end: an interrupted export leaves nothing that looks complete.
import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CSV_FIELDS, type ExportOptions, type ExportSummary } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import type { JobControl } from '../jobs/jobs';
import { APP_NAME } from '../app-version';
import { syncDirectory } from '../store/durable-json-file';
import { annotationChunks } from './export-annotations';
import { csvChunks, csvColumns } from './export-csv';
import { dcChunks } from './export-dc';
import { exportFileName, jsonExportChunks, jsonlChunks, linkedEntities } from './export-json';
import { exportedRecord, type ExportedRecord, type ExportSource, type Settled } from './export-source';
import { BagBuilder } from './bagit';
import { dataPackage } from './datapackage';
import { exists, writeExportFile, type Chunks } from './write-export-file';
import { zipFolder } from './zip-folder';

const EXTENSIONS: Record<ExportOptions['format'], string> = { json: 'json', jsonl: 'jsonl', csv: 'csv', dc: 'dc.xml', annotations: 'jsonld', bagit: '' };

/** The options with their defaults, and the export time fixed. */
export function settle(options: ExportOptions, archiveName: string, now: Date): Settled {
  return {
    format: options.format,
    fields: options.fields && options.fields.length > 0 ? options.fields : [...CSV_FIELDS],
    includeNotes: options.includeNotes ?? false,
    includeNames: options.includeNames ?? true,
    includeHistory: options.includeHistory ?? false,
    includeOriginals: options.includeOriginals ?? true,
    csvBom: options.csvBom ?? false,
    zip: options.format === 'bagit' && (options.zip ?? false),
    exportedAt: options.exportedAt ?? now.toISOString(),
    organization: options.organization?.trim() || archiveName,
  };
}

/** The name Cairn proposes: archive, query and date, with the format's extension (a bag: a folder, or .zip). */
export function proposedName(archiveName: string, query: string | null, options: Settled): string {
  const ext = options.format === 'bagit' ? (options.zip ? 'zip' : '') : EXTENSIONS[options.format];
  const base = exportFileName(archiveName, new Date(options.exportedAt), query, ext);
  return options.format === 'bagit' && !options.zip ? `${base}-bag` : base;
}

/**
 * Where the export will be: `name` (a plain name, no folders) inside `folder`, which must exist and
 * must not be inside the archive. An existing file or folder of that name is an error unless `replace`.
 */
export async function exportTarget(folder: string, name: string, archiveRoot: string, replace: boolean): Promise<string> {
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name) || name.length > 200 || name.trim() !== name) {
    throw new CairnError('E_VALIDATION', text('export_bad_name', { name }));
  }
  const dir = path.resolve(folder);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new CairnError('E_NOT_FOUND', text('export_folder_missing', { dir }));
  }
  const root = path.resolve(archiveRoot);
  if (dir === root || dir.startsWith(`${root}${path.sep}`)) throw new CairnError('E_VALIDATION', text('export_inside_archive', { dir }));
  const target = path.join(dir, name);
  if (!replace && (await exists(target))) throw new CairnError('E_CONFLICT', text('export_target_exists', { target }));
  return target;
}

/** The pieces every format's writer is made of: the records prepared and counted, once per pass. */
function writersFor(source: ExportSource, options: Settled, control: JobControl) {
  const count = source.records.length;
  const annotations = source.records.reduce((n, r) => n + r.annotations.length, 0);
  const passes = options.format === 'bagit' ? 5 : 1;
  const progress = { done: 0 };
  control.progress(0, '', count * passes);
  // The records as the options want them, one at a time, counted, checked for a cancel between each.
  async function* prepared(step: string): AsyncGenerator<ExportedRecord> {
    control.progress(progress.done, step);
    for (const record of source.records) {
      control.checkCancelled();
      yield await exportedRecord(record, source, options);
      control.progress(++progress.done);
    }
  }
  const entities = source.entities;
  const columns = csvColumns(options.fields, options.includeNotes);
  const about = { archive: source.archive.name, archiveId: source.archive.id, exportedAt: options.exportedAt, total: annotations };
  const writers: Record<Exclude<Settled['format'], 'bagit'>, (step: string) => Chunks> = {
    json: (step) => jsonExportChunks(
      { format: 'cairn-export', version: 2, exportedAt: options.exportedAt, archive: source.archive, query: source.query, count, includes: { notes: options.includeNotes, names: options.includeNames, history: options.includeHistory } },
      prepared(step),
      () => ({ entities: linkedEntities(source.records, entities), vocabularies: source.vocabularies }),
    ),
    jsonl: (step) => jsonlChunks(prepared(step)),
    csv: (step) => csvChunks(prepared(step), columns, entities, options.csvBom),
    dc: (step) => dcChunks(prepared(step), entities, about),
    annotations: (step) => annotationChunks(prepared(step), about),
  };
  return { writers, progress, count, annotations, columns, entities };
}

/** A single-file export as chunks, for a door that streams it somewhere itself (the CLI's --out -). */
export function exportChunks(source: ExportSource, options: Settled, control: JobControl): Chunks {
  if (options.format === 'bagit') throw new CairnError('E_VALIDATION', text('export_bag_needs_folder'));
  return writersFor(source, options, control).writers[options.format](options.format);
}

/** Writes the export; `control` reports records done (once per format pass) and stops it when cancelled. */
export async function runExport(source: ExportSource, target: string, options: Settled, control: JobControl, replace: boolean): Promise<ExportSummary> {
  const { writers, progress, count, annotations, columns, entities } = writersFor(source, options, control);
  if (options.format !== 'bagit') {
    const written = await writeExportFile(target, writers[options.format](path.basename(target)), { replace });
    return { target, format: options.format, count, bytes: written.bytes, annotations };
  }

  const dir = path.dirname(target);
  // A name no other export (another window's, another process's) can have at the same moment.
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.bag.tmp`);
  const bag = new BagBuilder(temp);
  try {
    await bag.start();
    await bag.write('records.jsonl', writers.jsonl('records.jsonl'));
    await bag.write('records.csv', writers.csv('records.csv'));
    await bag.write('records.dc.xml', writers.dc('records.dc.xml'));
    await bag.write('annotations.jsonld', writers.annotations('annotations.jsonld'));
    await bag.write('entities.json', [`${JSON.stringify(linkedEntities(source.records, entities), null, 2)}\n`]);
    await bag.write('vocabularies.json', [`${JSON.stringify(source.vocabularies, null, 2)}\n`]);
    control.progress(progress.done, 'originals');
    for (const record of source.records) {
      control.checkCancelled();
      if (options.includeOriginals && record.source) {
        const from = await source.originalPath(record.source.sha256);
        if (from) await bag.copy(`originals/${record.id}/${safeFileName(record.source.fileName)}`, from);
      }
      control.progress(++progress.done);
    }
    const payload = [...bag.payload];
    await bag.write('datapackage.json', [dataPackage({
      name: packageName(source.archive.name),
      title: source.archive.name,
      created: options.exportedAt,
      description: describe(source, count),
      columns,
      files: payload,
    })]);
    control.checkCancelled();
    const { files, bytes } = await bag.finish([
      ['Source-Organization', options.organization],
      ['Bagging-Date', options.exportedAt.slice(0, 10)],
      ['External-Description', describe(source, count)],
      ['External-Identifier', `urn:cairn:archive:${source.archive.id}`],
      ['Bag-Software-Agent', `${APP_NAME} ${source.appVersion}`],
      ['Cairn-Export-Options', [
        `notes ${options.includeNotes ? 'included' : 'left out'}`,
        `names ${options.includeNames ? 'included' : 'left out'}`,
        `history ${options.includeHistory ? 'included' : 'left out'}`,
        `originals ${options.includeOriginals ? 'included' : 'left out'}`,
      ].join(', ')],
    ]);
    control.progress(progress.done, path.basename(target));
    if (options.zip) {
      const zipTemp = `${temp}.zip`;
      const zipBytes = await zipFolder(temp, zipTemp, path.basename(target).replace(/\.zip$/i, ''), new Date(options.exportedAt), () => control.checkCancelled());
      await putInPlace(zipTemp, target, replace);
      await rm(temp, { recursive: true, force: true });
      return { target, format: 'bagit', count, bytes: zipBytes, files: files.length, annotations };
    }
    await putInPlace(temp, target, replace);
    return { target, format: 'bagit', count, bytes, files: files.length, annotations };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    await rm(`${temp}.zip`, { force: true });
    throw e;
  }
}

/** Renames the finished export into place; an existing one (the person agreed to replace it) is set aside first and removed after. */
async function putInPlace(temp: string, target: string, replace: boolean): Promise<void> {
  const dir = path.dirname(target);
  if (await exists(target)) {
    if (!replace) throw new CairnError('E_CONFLICT', text('export_target_exists', { target }));
    const aside = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.replaced`);
    await rename(target, aside);
    try {
      await rename(temp, target);
    } catch (e) {
      // The new one could not take its place: the old one goes back, untouched.
      await rename(aside, target).catch(() => undefined);
      throw e;
    }
    await syncDirectory(dir);
    await rm(aside, { recursive: true, force: true });
    return;
  }
  await rename(temp, target);
  await syncDirectory(dir);
}

function describe(source: ExportSource, count: number): string {
  return `${count} record${count === 1 ? '' : 's'} exported by Cairn from the archive "${source.archive.name}"${source.query ? ` with the query: ${source.query}` : ''}.`;
}

/** A Data Package name: lower case letters, digits, "-", "_" and "." only. */
function packageName(archiveName: string): string {
  return archiveName.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'cairn-export';
}

/**
 * An original's name as a file name inside the bag, on any system: no folders, no leading dot, no
 * control characters or characters Windows refuses, and at most 200 bytes (file systems count
 * bytes: 140 Cyrillic letters are 280), keeping the end, where the extension is.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  let clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').replace(/[. ]+$/, '').trim();
  while (Buffer.byteLength(clean, 'utf8') > 200) clean = [...clean].slice(1).join('');
  return clean || 'original';
}
