import { describe, expect, it } from 'vitest';
import { canonicalTag, checkTranslations, textFor } from './translations.ts';

const original = { language: 'en', body: 'Reading at home is making a difference.' };
const translations = [
  { language: 'pl', body: 'Czytanie w domu przynosi efekty.' },
  { language: 'pa-Guru', body: 'ਘਰ ਵਿੱਚ ਪੜ੍ਹਨ ਨਾਲ ਫ਼ਰਕ ਪੈ ਰਿਹਾ ਹੈ।' },
];

describe('which text a reader sees', () => {
  it('gives the translation in their language, saying so', () => {
    expect(textFor('pl', original, translations)).toEqual({ ...translations[0], translated: true });
    expect(textFor('pl-PL', original, translations)).toEqual({ ...translations[0], translated: true });
    expect(textFor('pa', original, translations)).toEqual({ ...translations[1], translated: true });
  });

  it('gives the original when it is in their language, or nothing fits', () => {
    expect(textFor('en-GB', original, translations)).toEqual({ ...original, translated: false });
    expect(textFor('ur', original, translations)).toEqual({ ...original, translated: false });
    // Shahmukhi Punjabi readers are not given Gurmukhi.
    expect(textFor('pa-Arab', original, translations)).toEqual({ ...original, translated: false });
    expect(textFor('not a tag!', original, translations)).toEqual({ ...original, translated: false });
    expect(textFor(null, original, translations)).toEqual({ ...original, translated: false });
    expect(textFor('pl', { language: null, body: 'x' }, [])).toEqual({
      language: null,
      body: 'x',
      translated: false,
    });
  });
});

describe('checking staff translations', () => {
  it('canonicalises tags and trims bodies', () => {
    expect(canonicalTag('PL-pl')).toBe('pl-PL');
    expect(checkTranslations('en', [{ language: 'BN', body: ' ভালো ' }], 100)).toEqual({
      translations: [{ language: 'bn', body: 'ভালো' }],
    });
  });

  it.each([
    [[{ language: 'xx yy', body: 'a' }], /not a language tag/],
    [[{ language: 'en', body: 'a' }], /given twice, or is the language/],
    [
      [
        { language: 'pl', body: 'a' },
        { language: 'PL', body: 'b' },
      ],
      /given twice/,
    ],
    [[{ language: 'pl', body: '   ' }], /1–100 characters/],
    [[{ language: 'pl', body: 'x'.repeat(101) }], /1–100 characters/],
  ])('refuses %j', (input, problem) => {
    const result = checkTranslations('en', input, 100);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});
