import bn from './bn.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import pa from './pa.json' with { type: 'json' };
import pl from './pl.json' with { type: 'json' };
import ur from './ur.json' with { type: 'json' };

/**
 * Message catalogues for what this subgraph words for carers: English plus the four most common other home
 * languages of pupils in England (Polish, Urdu, Punjabi in Gurmukhi script, Bengali). To add a language,
 * copy en.json to `<language subtag>.json`, translate every value (keep `{concept}`), and list it here; the
 * test checks every catalogue has every key.
 */
export type Catalogue = typeof en;

export const CATALOGUES: Record<string, Catalogue> = { en, pl, ur, pa, bn };

export interface Localised {
  /** The catalogue used: `en`, `pl`, … */
  language: string;
  catalogue: Catalogue;
}

/**
 * The catalogue for a BCP 47 tag: by its language subtag, so `pl-PL` reads Polish. Anything without a
 * catalogue — an unknown language, a malformed tag, or a script the catalogue is not written in (Punjabi in
 * Shahmukhi, `pa-Arab`) — falls back to English rather than show a carer text they may not read.
 */
export function catalogueFor(tag: string | null | undefined): Localised {
  const fallback = { language: 'en', catalogue: en };
  if (!tag) return fallback;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return fallback;
  }
  const catalogue = CATALOGUES[locale.language];
  if (!catalogue) return fallback;
  if (locale.script && locale.script !== catalogue.script) return fallback;
  return { language: locale.language, catalogue };
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
