// A vocabulary file of any kind Cairn reads (CSV, SKOS Turtle or JSON-LD, Cairn's own JSON) to a
// checked vocabulary; the RDF parsers are loaded only when a SKOS file comes.
import type { Vocabulary } from '../../contract';
import { text } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError } from '../errors';
import { validateVocabulary } from './vocabulary-file';
import { decodeVocabularyText, formatOf, MAX_VOCABULARY_IMPORT_BYTES, readCsvVocabulary, type VocabularyFileOptions } from './vocabulary-import';

export async function readVocabularyFile(bytes: Uint8Array, fileName: string, options: VocabularyFileOptions = {}): Promise<Vocabulary> {
  if (bytes.length > MAX_VOCABULARY_IMPORT_BYTES) throw new CairnError('E_VALIDATION', text('vocab_too_large', { limit: megabytes(MAX_VOCABULARY_IMPORT_BYTES) }));
  const body = decodeVocabularyText(bytes);
  switch (formatOf(fileName, body)) {
    case 'csv':
      return readCsvVocabulary(body, fileName, options);
    case 'turtle': {
      const { readTurtle, vocabularyFromSkos } = await import('./skos');
      return vocabularyFromSkos(await readTurtle(body), fileName, options);
    }
    case 'jsonld': {
      const { readJsonLd, vocabularyFromSkos } = await import('./skos');
      return vocabularyFromSkos(await readJsonLd(body), fileName, options);
    }
    case 'cairn': {
      const raw = JSON.parse(body) as Record<string, unknown>;
      return validateVocabulary({ ...raw, ...(options.id ? { id: options.id } : {}), ...(options.label ? { label: options.label } : {}) });
    }
  }
}
