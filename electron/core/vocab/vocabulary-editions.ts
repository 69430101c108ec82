// What a new edition of a vocabulary changes against the one it replaces: concepts added, changed, gone.
import type { Vocabulary, VocabularyImportResult } from '../../contract';

export function compareEditions(before: Vocabulary | null, after: Vocabulary): Pick<VocabularyImportResult, 'vocabulary' | 'added' | 'changed' | 'removed'> {
  const was = new Map((before?.concepts ?? []).map((c) => [c.id, JSON.stringify(c)]));
  const now = new Set(after.concepts.map((c) => c.id));
  const languages = new Set<string>();
  for (const c of after.concepts) for (const lang of Object.keys(c.translations ?? {})) languages.add(lang);
  return {
    vocabulary: { id: after.id, label: after.label, concepts: after.concepts.length, languages: [...languages].sort() },
    added: after.concepts.filter((c) => !was.has(c.id)).length,
    changed: after.concepts.filter((c) => was.has(c.id) && was.get(c.id) !== JSON.stringify(c)).length,
    removed: [...was.keys()].filter((id) => !now.has(id)).length,
  };
}
