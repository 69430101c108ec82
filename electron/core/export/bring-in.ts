// Bringing records in from a Cairn export into an archive that already holds records (another
// field office's export, or an older export of this one). Nothing here is ever overwritten: a
// record the archive holds already (the same id) stays as it is here, whether the export has the
// same revision of it or another one (merging two versions of one record is the exchange between
// field offices, not an import); a record whose text the archive holds under another id is a copy.
// Every other record comes in with its id, fields, tags, status and review mark, annotations,
// notes, source and history. Entities it links come with it, or are the archive's own when the
// archive knows them already (the same id, or the same kind and name).
import type { CairnRecord, ChangeEntry, Entity, EntityKind, EntityLink, SkippedRecord, Vocabulary } from '../../contract';
import { nameKey } from '../entities/entity-registry';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { writeExportedRecords, type ExportContents } from './take-back';

/** What the planner needs to know of the archive the records come into. */
export interface BringInHere {
  /** The record of this id the archive holds (its text and when it last changed are compared), if any. */
  record(id: string): Pick<CairnRecord, 'textHash' | 'updatedAt'> | undefined;
  /** The record holding this normalised text's hash, if any. */
  copyOf(textHash: string): string | undefined;
  entity(id: string): Entity | undefined;
  entityByName(kind: EntityKind, name: string): Entity | undefined;
  hasVocabulary(id: string): boolean;
}

export interface BringInPlan {
  /** The records to write, their entity links pointing at entities of this archive (or of `entities`). */
  records: (CairnRecord & { history?: ChangeEntry[] })[];
  /** Entities the records link that the archive does not know: written with them. */
  entities: Entity[];
  /** Exported entities the archive knows already (by id, or by kind and name): the records link the archive's. */
  matched: number;
  vocabularies: Vocabulary[];
  skipped: SkippedRecord[];
}

export function planBringIn(contents: ExportContents, here: BringInHere): BringInPlan {
  const plan: BringInPlan = { records: [], entities: [], matched: 0, vocabularies: [], skipped: [] };
  const exported = new Map(contents.entities.map((e) => [e.id, e]));
  // Exported entity id → the id the records link here (null: not exported, the link is dropped).
  const entityIds = new Map<string, string | null>();
  const taken = new Map<string, string>();
  const slot = (kind: EntityKind, name: string) => `${kind}\u0000${nameKey(name)}`;
  const entityHere = (id: string): string | null => {
    if (entityIds.has(id)) return entityIds.get(id)!;
    const e = exported.get(id);
    let mapped: string | null = null;
    if (here.entity(id)) {
      mapped = id;
      plan.matched++;
    } else if (e) {
      const known = [e.name, ...e.aliases].map((n) => here.entityByName(e.kind, n) ?? null).find(Boolean);
      const planned = [e.name, ...e.aliases].map((n) => taken.get(slot(e.kind, n))).find(Boolean);
      if (known) {
        mapped = known.id;
        plan.matched++;
      } else if (planned) mapped = planned;
      else {
        // A spelling that names another entity here stays that entity's; the new one keeps the others.
        const aliases = e.aliases.filter((n) => !here.entityByName(e.kind, n) && !taken.has(slot(e.kind, n)));
        const entity: Entity = { ...e, aliases };
        for (const n of [entity.name, ...aliases]) taken.set(slot(e.kind, n), e.id);
        plan.entities.push(entity);
        mapped = e.id;
      }
    }
    entityIds.set(id, mapped);
    return mapped;
  };
  const texts = new Map<string, string>();
  for (const record of contents.records) {
    const current = here.record(record.id);
    if (current) {
      // Unchanged on both sides since the export: the same text, last changed at the same moment (its
      // revision is one more here when it came in through an earlier bring-in).
      const same = current.textHash === record.textHash && current.updatedAt === record.updatedAt;
      plan.skipped.push({ id: record.id, title: record.title, reason: same ? 'here' : 'other-version', here: record.id });
      continue;
    }
    const copy = here.copyOf(record.textHash) ?? texts.get(record.textHash);
    if (copy) {
      plan.skipped.push({ id: record.id, title: record.title, reason: 'copy', here: copy });
      continue;
    }
    texts.set(record.textHash, record.id);
    const links: EntityLink[] = [];
    for (const link of record.entities) {
      const id = entityHere(link.entity);
      if (id && !links.some((l) => l.entity === id)) links.push({ ...link, entity: id });
    }
    plan.records.push({ ...record, entities: links });
  }
  plan.vocabularies = contents.vocabularies.filter((v) => !here.hasVocabulary(v.id));
  return plan;
}

/** How a plan is written into the archive (its one way of writing records and entities, in the import's operation). */
export interface BringInTarget {
  writeVocabulary(vocabulary: Vocabulary): Promise<void>;
  writeEntity(entity: Entity): Promise<void>;
  /** Whether the record has a log here already (brought in before, and the bring-in undone). */
  hasHistory(id: string): Promise<boolean>;
  appendHistory(id: string, entries: readonly ChangeEntry[]): Promise<void>;
  keepOriginal(sha256: string, bytes: Uint8Array): Promise<void>;
  writeRecord(record: CairnRecord): Promise<void>;
}

/** Writes a plan: vocabularies and entities first, then each record's history, original and record. */
export async function writeBroughtIn(contents: ExportContents, plan: BringInPlan, target: BringInTarget): Promise<{ originals: number; changes: number }> {
  for (const vocabulary of plan.vocabularies) await target.writeVocabulary(vocabulary);
  for (const entity of plan.entities) await target.writeEntity(entity);
  return writeExportedRecords(contents, plan.records, {
    // The history it had where it was exported comes with it (unless an earlier bring-in, since undone, left it here).
    wantsHistory: async (id) => !(await target.hasHistory(id)),
    appendHistory: (id, entries) => target.appendHistory(id, entries),
    keepOriginal: (sha, bytes) => target.keepOriginal(sha, bytes),
    // Its coming in is a change of its own, after those of its history (its time stays when it last changed).
    writeRecord: (record) => target.writeRecord({ ...record, formatVersion: Math.max(record.formatVersion, RECORD_FORMAT_VERSION), rev: record.rev + 1 }),
  });
}
