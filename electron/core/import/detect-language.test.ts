// Language detection proposes a BCP 47 tag, and nothing for text too short to tell.
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language';

describe('detectLanguage', () => {
  it.each([
    ['The Secretary-General welcomed the adoption of the declaration by the five States of the region and their commitment to the strategy.', 'en'],
    ['Представители пяти государств Центральной Азии обсудили ход выполнения Совместного плана действий по осуществлению стратегии.', 'ru'],
    ["Le Secrétaire général a salué l'adoption de la déclaration par les cinq États de la région et leur engagement envers la stratégie.", 'fr'],
    ['El Secretario General acogió con satisfacción la aprobación de la declaración por los cinco Estados de la región y su compromiso.', 'es'],
  ])('reads %j as %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('proposes nothing for text too short or without letters to tell', () => {
    expect(detectLanguage('PA/19')).toBeNull();
    expect(detectLanguage('Dushanbe, 8 December')).toBeNull();
    expect(detectLanguage('12 345 678 — 90')).toBeNull();
  });
});
