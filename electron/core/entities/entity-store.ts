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

/** The entity format's version, written into every entity file. */
export const ENTITY_FORMAT_VERSION = 1;

export const entityLayout = {
  dir: (root: string) => path.join(root, 'entities'),
  entity: (root: string, id: string) => path.join(root, 'entities', id.slice(0, 2), `${id}.json`),
};

/** Every valid entity file; a file that cannot be read or is not an entity is reported and left alone. */
export async function loadEntities(root: string, problems: ArchiveProblem[]): Promise<Entity[]> {
  const files = await shardFiles(entityLayout.dir(root), root, problems);
  const read = await readFilesInLanes(files, (file, content): { entity: Entity } | ArchiveProblem => {
    const rel = relativeOf(root, file);
    // A file that could not be read at all (permissions, a disk error) is not known to be damaged.
    if (content instanceof Error) return problem(rel, text('entity_file_unreadable', { reason: reasonOf(content) }));
    try {
      const parsed = entitySchema.safeParse(JSON.parse(content));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not an entity');
      return { entity: parsed.data as Entity };
    } catch (e) {
      return problem(rel, text('entity_file_unreadable', { reason: reasonOf(e) }), damaged(rel));
    }
  });
  const entities: Entity[] = [];
  for (const r of read) {
    if ('entity' in r) entities.push(r.entity);
    else problems.push(r);
  }
  return entities;
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
