// Annotations in the order a person reads them: by where they start (the longer first where two start
// together), orphaned ones (no position) last. The reader, the panel and `cairn annotate --list` share it.
import type { Annotation } from '../../contract';

export function inTextOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) =>
      (a.position?.start ?? Infinity) - (b.position?.start ?? Infinity) ||
      (b.position?.end ?? 0) - (a.position?.end ?? 0) ||
      a.createdAt.localeCompare(b.createdAt),
  );
}
