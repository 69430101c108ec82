// Archive-wide entities, one small lowdb file each (entities/<xx>/<id>.json), written durably like records.
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { ArchiveProblem, Entity } from '../../contract';
import { text } from '../../common/i18n/text';
import { problem, reasonOf } from '../errors';
import { entitySchema } from '../model/record-schema';
import { DurableJSONFile, makeDirectory, syncDirectory } from '../store/durable-json-file';
import { shardFiles } from '../store/shard-files';
import { readFilesInLanes } from '../store/read-files';
import { damaged, relativeOf } from '../backup/quarantine';
import { APP_VERSION } from '../app-version';

/** The entity format's version, written into every entity file. */
export const ENTITY_FORMAT_VERSION = 1;

export const entityLayout = {
  dir: (root: string) => path.join(root, 'entities'),
  entity: (root: string, id: string) => path.join(root, 'entities', id.slice(0, 2), `${id}.json`),
};

/**
 * The file each entity object was read from (relative to entities/, forward slashes) and that file's
 * key (store/read-files.ts), for the catalogue (catalogue/catalogue-file.ts). An entity changed here is
 * a new object, which has none: it is never changed in place (see EntityRegistry).
 */
const entityFiles = new WeakMap<Entity, { file: string; key: string }>();
const KEYS_OF = `${APP_VERSION}/e${ENTITY_FORMAT_VERSION}/`;

/** Where this very entity object was read from, and that file's key, when the reading gave one. */
export const entityFileOf = (entity: Entity): { file: string; key: string } | undefined => entityFiles.get(entity);

/** A file's key as the entities read by this Cairn carry it. */
export const entityFileKey = (key: string): string => KEYS_OF + key;

/** Every valid entity file; a file that cannot be read or is not an entity is reported and left alone. */
export async function loadEntities(root: string, problems: ArchiveProblem[]): Promise<Entity[]> {
  const files = await shardFiles(entityLayout.dir(root), root, problems);
  const read = await readFilesInLanes(files, (file, content, key) => entityFromFile(root, file, content, key), { keys: true });
  const entities: Entity[] = [];
  for (const r of read) {
    if ('entity' in r) entities.push(r.entity);
    else problems.push(r);
  }
  return entities;
}

/** One file's entity, or the problem that stops it being read (its file and key kept with it: see entityFileOf). */
export function entityFromFile(root: string, file: string, content: string | Error, key: string | null): { entity: Entity } | ArchiveProblem {
  const rel = relativeOf(root, file);
  // A file that could not be read at all (permissions, a disk error) is not known to be damaged.
  if (content instanceof Error) return problem(rel, text('entity_file_unreadable', { reason: reasonOf(content) }));
  try {
    const parsed = entitySchema.safeParse(JSON.parse(content));
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not an entity');
    const entity = parsed.data as Entity;
    if (key !== null) entityFiles.set(entity, { file: path.relative(entityLayout.dir(root), file).split(path.sep).join('/'), key: KEYS_OF + key });
    return { entity };
  } catch (e) {
    return problem(rel, text('entity_file_unreadable', { reason: reasonOf(e) }), damaged(rel));
  }
}

export async function saveEntity(root: string, entity: Entity): Promise<void> {
  const file = entityLayout.entity(root, entity.id);
  await makeDirectory(path.dirname(file));
  await new Low<Entity>(new DurableJSONFile(file), entity).write();
}

/** Removes an entity's file (merged into another); its last log entry keeps what it was, for undo. */
export async function deleteEntity(root: string, id: string): Promise<void> {
  const file = entityLayout.entity(root, id);
  await unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await syncDirectory(path.dirname(file));
}
