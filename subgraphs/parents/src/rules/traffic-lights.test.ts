import { CONCEPTS } from '@commonroom/domain';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueFor } from '../i18n/index.ts';
import { latestTrafficLights, trafficLight, wordTrafficLight } from './traffic-lights.ts';

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
});

describe('the lights of the latest periodic assessment', () => {
  const result = (
    assessedOn: string,
    subject: string,
    concept: string,
    points: number,
    academicYear = 2025,
  ) => ({
    academicYear,
    assessedOn,
    subject,
    concept,
    points,
    expectedPoints: 20,
  });
  const results = [
    result('2025-12-01', 'MATHS', 'FRACTIONS', 20),
    result('2026-07-01', 'MATHS', 'FRACTIONS', 18),
    result('2026-07-01', 'MATHS', 'PLACE_VALUE', 19.5),
    result('2026-03-24', 'READING', 'INFERENCE', 20),
    result('2024-07-01', 'WRITING', 'COMPOSITION', 20, 2023),
  ];

  it('takes each subject’s latest assessment of the year, by the rule, reading before maths', () => {
    expect(latestTrafficLights(results, [], 2025)).toEqual([
      {
        assessedOn: '2026-03-24',
        subject: 'READING',
        concept: 'INFERENCE',
        status: 'GREEN',
        setBy: 'RULE',
        reason: null,
      },
      {
        assessedOn: '2026-07-01',
        subject: 'MATHS',
        concept: 'FRACTIONS',
        status: 'RED',
        setBy: 'RULE',
        reason: null,
      },
      {
        assessedOn: '2026-07-01',
        subject: 'MATHS',
        concept: 'PLACE_VALUE',
        status: 'AMBER',
        setBy: 'RULE',
        reason: null,
      },
    ]);
    expect(latestTrafficLights(results, [], 2023).map((l) => l.concept)).toEqual(['COMPOSITION']);
    expect(latestTrafficLights(results, [], null)).toHaveLength(4);
    expect(latestTrafficLights([], [], null)).toEqual([]);
  });

  it('lets a teacher’s status for that assessment and concept win, and only that one', () => {
    const teacher = [
      {
        assessedOn: '2026-07-01',
        subject: 'MATHS',
        concept: 'FRACTIONS',
        status: 'GREEN' as const,
        reason: 'Secure in class since the test.',
      },
      { assessedOn: '2025-12-01', subject: 'MATHS', concept: 'PLACE_VALUE', status: 'RED' as const },
    ];
    const maths = latestTrafficLights(results, teacher, 2025).filter((l) => l.subject === 'MATHS');
    expect(maths.map((l) => [l.concept, l.status, l.setBy, l.reason])).toEqual([
      ['FRACTIONS', 'GREEN', 'TEACHER', 'Secure in class since the test.'],
      ['PLACE_VALUE', 'AMBER', 'RULE', null],
    ]);
  });

  it('names every concept the progress subgraph records, in every catalogue', () => {
    for (const catalogue of Object.values(CATALOGUES))
      expect(Object.keys(catalogue.concept).sort()).toEqual([...CONCEPTS].sort());
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
