import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueFor } from '../i18n/index.ts';
import { keyConcepts, trafficLight, wordTrafficLight } from './traffic-lights.ts';

describe('the traffic-light rule', () => {
  it.each([
    [10, 10, 'GREEN'],
    [11, 10, 'GREEN'],
    [9.75, 10, 'GREEN'],
    [9.5, 10, 'AMBER'],
    [9, 10, 'AMBER'],
    [8.5, 10, 'RED'],
    [3, 10, 'RED'],
  ] as const)('%d points where %d are expected is %s', (points, expectedPoints, status) => {
    expect(trafficLight({ points, expectedPoints })).toBe(status);
  });

  it("uses a teacher's own status over the rule", () => {
    expect(trafficLight({ points: 3, expectedPoints: 10, teacherStatus: 'GREEN' })).toBe('GREEN');
    expect(trafficLight({ points: 12, expectedPoints: 10, teacherStatus: 'RED' })).toBe('RED');
  });

  it('treats a result without points as not yet secure', () => {
    expect(trafficLight({ points: null, expectedPoints: 10 })).toBe('AMBER');
  });

  it('reports phonics in the infant years and algebra at secondary', () => {
    expect(keyConcepts(1).READING).toContain('PHONICS');
    expect(keyConcepts(5).MATHS).toEqual(['PLACE_VALUE', 'FRACTIONS']);
    expect(keyConcepts(9).MATHS).toContain('ALGEBRA');
  });
});

describe('wording for parents', () => {
  const light = { subject: 'MATHS', concept: 'FRACTIONS', status: 'RED' } as const;

  it("words a light in the carer's language", () => {
    expect(wordTrafficLight(light, 'pl')).toMatchObject({
      language: 'pl',
      label: 'Potrzebuje więcej pomocy',
      subjectName: 'Matematyka',
      conceptName: 'ułamki',
    });
    expect(wordTrafficLight(light, 'pl').explanation).toContain('„ułamki”');
    expect(wordTrafficLight(light, 'ur').label).toBe('مزید مدد کی ضرورت ہے');
    expect(wordTrafficLight(light, 'bn-BD').language).toBe('bn');
    expect(wordTrafficLight(light, 'pa-Guru').language).toBe('pa');
  });

  it.each(['so', 'ro', 'xx', 'not a tag!', '', null, 'pa-Arab'])('falls back to English for %s', (tag) => {
    const worded = wordTrafficLight(light, tag);
    expect(worded.language).toBe('en');
    expect(worded.label).toBe('Needs more help');
    expect(worded.explanation).toBe(
      'Your child is finding fractions hard at the moment. Their learning guide will plan extra help and would like to talk with you about helping at home.',
    );
  });

  it('never shows a score', () => {
    for (const language of Object.keys(CATALOGUES))
      for (const status of ['RED', 'AMBER', 'GREEN'] as const)
        expect(wordTrafficLight({ ...light, status }, language).explanation).not.toMatch(/\d/);
  });

  it('has every catalogue complete: English plus Polish, Urdu, Punjabi and Bengali', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['bn', 'en', 'pa', 'pl', 'ur']);
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const english = keys(CATALOGUES.en as object).sort();
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(keys(catalogue).sort(), language).toEqual(english);
      for (const status of ['RED', 'AMBER', 'GREEN'] as const)
        expect(catalogue.explanation[status], `${language} ${status}`).toContain('{concept}');
    }
    expect(catalogueFor('PL').language).toBe('pl');
  });
});
