// The message catalogue (messages/*.json): the real one passes its rules, and the rules catch what they are for.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalogue, type CatalogueFile } from './catalogue-check';
import { LOCALES } from './locale';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CatalogueFile;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

const plural = (cases: Record<string, string>) => [
  { declarations: ['input count', 'local countPlural = count: plural'], selectors: ['countPlural'], match: Object.fromEntries(Object.entries(cases).map(([k, v]) => [`countPlural=${k}`, v])) },
];

describe('the message catalogue', () => {
  it('has every message in every language, with the same values and every plural form, and uses them all', () => {
    const files = Object.fromEntries(LOCALES.map((locale) => [locale, readJson(path.join(root, 'messages', `${locale}.json`))]));
    const sources = [...sourceFiles(path.join(root, 'electron')), ...sourceFiles(path.join(root, 'renderer', 'src'))].map((f) => readFileSync(f, 'utf8'));
    expect(checkCatalogue(files, sources)).toEqual([]);
  });

  it('lists only the languages the inlang project compiles', () => {
    const settings = JSON.parse(readFileSync(path.join(root, 'project.inlang', 'settings.json'), 'utf8')) as { locales: string[] };
    expect(settings.locales).toEqual([...LOCALES]);
  });

  it('reports a message missing in one language, a value spelt differently, a missing Russian plural form and an unused message', () => {
    const en: CatalogueFile = { hello: 'Hello {name}', only_en: 'x', count: plural({ one: '{count} record', '*': '{count} records' }), unused: 'never' };
    const ru: CatalogueFile = { hello: 'Привет, {imya}', count: plural({ one: '{count} запись', '*': '{count} записи' }), unused: 'никогда' };
    const sources = ['m.hello(); m.only_en(); m.count()'];
    expect(checkCatalogue({ en, ru }, sources)).toEqual([
      'count: ru.json lacks the plural forms few, many',
      'hello: ru.json uses {imya} but en.json uses {name}',
      'only_en: missing in ru.json',
      'unused: not used anywhere',
    ]);
  });

  it('does not count a longer name that contains the key as a use of it', () => {
    const en: CatalogueFile = { save: 'Save' };
    expect(checkCatalogue({ en, ru: { save: 'Сохранить' } }, ['m.save_all()'])).toEqual(['save: not used anywhere']);
  });
});
