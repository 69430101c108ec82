// Extraction against the gold metadata for the five sample press releases, plus unstructured text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edtfFromParts } from '../model/dates';
import { goldFile, sampleDir } from '../testing/fixtures';
import { extractMetadata } from './extract-metadata';

interface GoldRecord {
  file: string;
  identifier: string | null;
  title: string;
  date: { year: number | null; month: number | null; day: number | null };
  place: string | null;
  not_title?: string[];
}

const gold = (JSON.parse(readFileSync(goldFile, 'utf8')) as { records: GoldRecord[] }).records;

describe('extractMetadata on the sample collection', () => {
  it('has gold for all five samples', () => {
    expect(gold.map((g) => g.file)).toEqual([
      '000_7170fe4d90e21053.txt',
      '001_f7b9e3b84d36ff61.txt',
      '002_dc1c1573bed37b86.txt',
      '003_38c546566e91b785.txt',
      '004_65fedb5677ea9341.txt',
    ]);
  });

  describe.each(gold)('$file', (g) => {
    const meta = extractMetadata(readFileSync(path.join(sampleDir, g.file), 'utf8'));

    it('finds the gold title exactly', () => {
      expect(meta.title).toBe(g.title);
      for (const wrong of g.not_title ?? []) expect(meta.title).not.toBe(wrong);
    });

    it('finds the gold date, leaving an unstated year unknown (XXXX)', () => {
      // 003 states its date only in the lead ("in Almaty, Kazakhstan on 21-22 July"), read by the lead fallback.
      expect(meta.date).toBe(edtfFromParts(g.date.year, g.date.month, g.date.day));
    });

    it('finds the gold place', () => {
      expect(meta.place).toBe(g.place);
    });

    it('finds the document symbol where there is one', () => {
      expect(meta.identifier).toBe(g.identifier);
    });
  });
});

describe('extractMetadata on other shapes of text', () => {
  it('cuts the title of an unstructured paragraph at a word boundary, at most ~121 characters', () => {
    const paragraph =
      'The delegation travelled from Osh to Khorog along the Pamir highway and met the heads of three border posts, who described the new scanning equipment, the training their staff had received and the trouble with spare parts in winter.';
    const meta = extractMetadata(paragraph);
    expect(meta.title!.length).toBeLessThanOrEqual(121);
    expect(meta.title!.endsWith('…')).toBe(true);
    const kept = meta.title!.slice(0, -1);
    expect(paragraph.startsWith(kept)).toBe(true);
    expect(paragraph[kept.length]).toBe(' ');
    expect(kept.length).toBeGreaterThan(60);
    expect(meta).toMatchObject({ date: null, place: null, identifier: null });
  });

  it('keeps a short first line whole', () => {
    expect(extractMetadata('Notes from Khorog.').title).toBe('Notes from Khorog.');
  });

  it('strips markdown bold and heading markers from the title', () => {
    const text = '# **Border management training in Termez**\n\nTermez, 3 March 2019 – Officers from the border troops completed a course on risk analysis and the detection of forged documents, organised with the help of partners.';
    expect(extractMetadata(text)).toEqual({ title: 'Border management training in Termez', date: '2019-03-03', place: 'Termez', identifier: null });
  });

  it('skips banners, document symbols and date lines above the title', () => {
    const text = 'S/2019/12\n\nPRESS RELEASE\n\n12 March 2019\n\nCouncil hears briefing on Central Asia\n\nThe Security Council heard a briefing today on the work of the Regional Centre, which has continued to support dialogue among the five States on water, energy and security despite the difficult circumstances.';
    expect(extractMetadata(text)).toMatchObject({ title: 'Council hears briefing on Central Asia', date: '2019-03-12', identifier: 'S/2019/12' });
  });

  it('does not turn a relative dateline into a made-up date', () => {
    const text = 'Talks resume in Bishkek\n\nBISHKEK, today — Delegations from the five States resumed talks on the water-sharing agreement that has been under discussion since the spring, with a new draft on the table.';
    expect(extractMetadata(text)).toMatchObject({ title: 'Talks resume in Bishkek', date: null, place: 'Bishkek' });
  });

  it('reads place and date from a lead only together, and only in the first body paragraph', () => {
    const noDate = 'Meeting report\n\nExperts from the region met in Almaty, Kazakhstan to discuss the implementation of the strategy and agreed to meet again before the end of the year in a larger format.';
    expect(extractMetadata(noDate)).toMatchObject({ date: null, place: null });
    const withDate = 'Meeting report\n\nExperts from the region met in Almaty, Kazakhstan on 3 May 2011 to discuss the implementation of the strategy and agreed to meet again before the end of the year in a larger format.';
    expect(extractMetadata(withDate)).toMatchObject({ date: '2011-05-03', place: 'Almaty' });
  });

  it('reads no lead in text without a headline, such as an excerpt of a speech', () => {
    const excerpt =
      '38. I think that it is important for us sometimes to throw our minds back to the time when the United Nations was conceived; to the Declaration signed in Washington on 1 January 1942; to the Moscow Declaration of 30 October 1943.';
    expect(extractMetadata(excerpt)).toMatchObject({ date: null, place: null });
  });

  it('reads a Russian dateline: place in capitals, a date with «года»', () => {
    const text =
      'ПРЕСС-РЕЛИЗ\n\nВ Душанбе обсудили меры по предотвращению насильственного экстремизма\n\nДУШАНБЕ, 18 ноября 2022 года – Представители пяти государств Центральной Азии обсудили ход выполнения Совместного плана действий по осуществлению Глобальной контртеррористической стратегии ООН.';
    expect(extractMetadata(text)).toEqual({
      title: 'В Душанбе обсудили меры по предотвращению насильственного экстремизма',
      date: '2022-11-18',
      place: 'Душанбе',
      identifier: null,
    });
  });

  it('reads a Russian date line on its own and a place with its country in brackets', () => {
    const text = '18 ноября 2022 г.\n\nСовещание в Бишкеке\n\nБишкек (Кыргызстан), 17 ноября – Эксперты из стран региона встретились, чтобы обсудить обмен информацией между пограничными службами и дальнейшие шаги.';
    expect(extractMetadata(text)).toMatchObject({ title: 'Совещание в Бишкеке', date: '2022-11-18', place: 'Бишкек' });
  });

  it('finds nothing in text without letters', () => {
    expect(extractMetadata('12345\n\n---\n')).toEqual({ title: null, date: null, place: null, identifier: null });
  });
});
