// What a capability's operations (annotations/, entities/ …) read from the open archive, and the one
// way they change it. Archive implements it; the rooms stay free of files, logs and locks.
import type { Author, CairnRecord, Entity, OperationKind } from '../contract';
import type { Step } from './changes/reverse';
import type { EntityRegistry } from './entities/entity-registry';

/** A change to one entity: null before creates it, null after merges it away. */
export interface EntityStep {
  before: Entity | null;
  after: Entity | null;
}

export interface Committed {
  records: CairnRecord[];
  entities: Entity[];
}

export interface ArchiveContext {
  /** Who the change is by. */
  readonly author: Author;
  /** ISO time for values that carry one (an annotation's createdAt…). */
  now(): string;
  /** A new short id for an annotation, note or entity. */
  newId(): string;
  /** A record that may be changed (exists, not held back). */
  writable(id: string): CairnRecord;
  records(): Iterable<CairnRecord>;
  readonly entities: EntityRegistry;
  /** Logs and writes the steps as one operation (one undo). */
  commit(draft: { kind: OperationKind; comment?: string }, steps: readonly Step[], entitySteps?: readonly EntityStep[]): Promise<Committed>;
}
