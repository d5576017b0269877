/**
 * Staff-written messages in the carer's language: staff may send a message with their own translations (one per
 * language); each reader sees the translation for their language when there is one, the original otherwise,
 * and is told which language they are reading.
 */

/** The canonical form of a BCP 47 tag (`PL-pl` → `pl-PL`), or null when it is not one. */
export function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** Language and script of a tag with the likely script filled in (`pa` → pa/Guru, `pa-Arab` → pa/Arab). */
function languageAndScript(tag: string): string | null {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return `${locale.language}-${locale.script ?? ''}`;
  } catch {
    return null;
  }
}

export interface TextInLanguage {
  /** BCP 47 tag; null when not known (a carer's own message). */
  language: string | null;
  body: string;
}

export interface ShownText extends TextInLanguage {
  /** Whether `body` is a staff-supplied translation rather than the original. */
  translated: boolean;
}

/**
 * What a reader whose language is `wanted` sees: the original when it is already in their language (or no
 * translation fits), else the translation with the same tag, else one in the same language and script
 * (`pl` for `pl-PL`, but never Gurmukhi Punjabi for a reader of Shahmukhi, `pa-Arab`).
 */
export function textFor(
  wanted: string | null | undefined,
  original: TextInLanguage,
  translations: readonly TextInLanguage[],
): ShownText {
  const asOriginal = { ...original, translated: false };
  const tag = wanted ? canonicalTag(wanted) : null;
  if (!tag) return asOriginal;
  const key = languageAndScript(tag);
  if (original.language && (original.language === tag || languageAndScript(original.language) === key))
    return asOriginal;
  const match =
    translations.find((t) => t.language === tag) ??
    translations.find((t) => t.language !== null && languageAndScript(t.language) === key);
  return match ? { ...match, translated: true } : asOriginal;
}

export interface TranslationInput {
  language: string;
  body: string;
}

/**
 * Checks staff-supplied translations: each a valid BCP 47 tag, given once, not the original's language, with a
 * body of 1–`maxBody` characters; at most `maxCount`. Returns them with canonical tags and trimmed bodies, or
 * the problem.
 */
export function checkTranslations(
  originalLanguage: string,
  translations: readonly TranslationInput[],
  maxBody: number,
  maxCount = 12,
): { translations: TranslationInput[] } | { problem: string } {
  if (translations.length > maxCount) return { problem: `At most ${maxCount} translations.` };
  const seen = new Set<string>([originalLanguage]);
  const checked: TranslationInput[] = [];
  for (const t of translations) {
    const language = canonicalTag(t.language);
    if (!language) return { problem: `"${t.language}" is not a language tag (BCP 47, e.g. pl or pa-Guru).` };
    if (seen.has(language))
      return { problem: `${language} is given twice, or is the language the message is written in.` };
    seen.add(language);
    const body = t.body.trim();
    if (body.length === 0 || body.length > maxBody)
      return { problem: `The ${language} translation must be 1–${maxBody} characters.` };
    checked.push({ language, body });
  }
  return { translations: checked };
}
