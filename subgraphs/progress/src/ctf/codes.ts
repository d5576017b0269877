import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ETHNICITIES, SEN_PROVISIONS, SUBJECTS } from '../data/tables.ts';

/*
 * The CTF code lists are data (the CSV files beside this module): the reference marks most assessment codes
 * unconfirmed, so the real DfE lists can be dropped in without touching the importer.
 */

const table = (file: string): Record<string, string>[] =>
  parse(readFileSync(new URL(file, import.meta.url), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });

type Ethnicity = (typeof ETHNICITIES)[number];
type SenProvision = (typeof SEN_PROVISIONS)[number];
type Subject = (typeof SUBJECTS)[number];

/** DfE ethnicity code (main or extended) → main code and our group. */
export const ETHNICITY_CODES: ReadonlyMap<string, { mainCode: string; group: Ethnicity }> = new Map(
  table('./ethnicity.csv').map((r) => [
    r.code ?? '',
    { mainCode: r.main_code ?? '', group: r.group as Ethnicity },
  ]),
);

const GROUP_BY_FIRST_LETTER: Record<string, Ethnicity> = {
  W: 'WHITE',
  M: 'MIXED',
  A: 'ASIAN',
  B: 'BLACK',
  C: 'OTHER',
  O: 'OTHER',
};

/** An unknown four-letter code takes its group from its first letter (the DfE rule), else Unclassified. */
export function ethnicityGroup(code: string | undefined): Ethnicity {
  if (!code) return 'UNCLASSIFIED';
  return ETHNICITY_CODES.get(code)?.group ?? GROUP_BY_FIRST_LETTER[code[0] ?? ''] ?? 'UNCLASSIFIED';
}

const sen = table('./sen.csv');
export const SEN_PROVISION_CODES: ReadonlyMap<string, SenProvision> = new Map(
  sen.filter((r) => r.kind === 'provision').map((r) => [r.code ?? '', r.maps_to as SenProvision]),
);
export const SEN_NEED_CODES: ReadonlySet<string> = new Set(
  sen.filter((r) => r.kind === 'need').map((r) => r.code ?? ''),
);

const languages = new Map(table('./languages.csv').map((r) => [r.code ?? '', r.eal ?? '']));
/** English as an additional language from the first language: ENG/ENB no, REF/NOT unknown (no), else yes. */
export const isEal = (firstLanguage: string | undefined) =>
  firstLanguage !== undefined && !languages.has(firstLanguage);

/** CTF contact relationship → our relationship, and whether such a contact is a carer (`relationships.csv`). */
export const CONTACT_RELATIONSHIPS: ReadonlyMap<
  string,
  {
    relationship: 'MOTHER' | 'FATHER' | 'STEP_PARENT' | 'GUARDIAN' | 'FOSTER_CARER' | 'OTHER';
    carer: boolean;
  }
> = new Map(
  table('./relationships.csv').map((r) => [
    r.code ?? '',
    { relationship: r.relationship as 'OTHER', carer: r.carer === 'yes' },
  ]),
);

const languageRows = table('./language-tags.csv');
const languageTags = new Map(languageRows.map((r) => [r.code ?? '', r.tag ?? '']));
/** A BCP 47 tag as the first DfE language code with it (`pl` → POL); null for English or an unlisted tag. */
export const languageCodeOf = (tag: string): string | null =>
  tag.startsWith('en') ? null : (languageRows.find((r) => r.tag === tag)?.code ?? null);
/** A DfE language code as a BCP 47 tag (`language-tags.csv`); unknown, refused or absent → `en-GB`. */
export const languageTag = (code: string | undefined): string => (code && languageTags.get(code)) || 'en-GB';

export interface StageAssessmentCode {
  /** Where the result is stored; null for results recognised but not stored (science, GPS, MTC…). */
  store: { subject: Subject; kind: 'STATUTORY' | 'TEACHER'; scaleId: string } | null;
  yearGroup: number;
}

const key = (stage: string, subject: string, method: string, component: string) =>
  `${stage}|${subject}|${method}|${component}`;

export const STAGE_ASSESSMENT_CODES: ReadonlyMap<string, StageAssessmentCode> = new Map(
  table('./stage-assessments.csv').map((r) => [
    key(r.stage ?? '', r.subject ?? '', r.method ?? '', r.component ?? ''),
    {
      store: r.store_as_subject
        ? {
            subject: r.store_as_subject as Subject,
            kind: r.kind === 'TEACHER' ? 'TEACHER' : 'STATUTORY',
            scaleId: r.scale_id ?? '',
          }
        : null,
      yearGroup: Number(r.year_group),
    },
  ]),
);

/** The CTF codes to write a stored key-stage result under (the first row of the table that stores it so). */
export function ctfCodeOf(result: { subject: string; kind: string; scaleId: string; yearGroup: number }) {
  for (const [k, code] of STAGE_ASSESSMENT_CODES) {
    const store = code.store;
    if (
      store &&
      store.subject === result.subject &&
      store.kind === result.kind &&
      store.scaleId === result.scaleId &&
      code.yearGroup === result.yearGroup
    ) {
      const [stage, subject, method, component] = k.split('|') as [string, string, string, string];
      return { stage, subject, method, component };
    }
  }
  return undefined;
}

export const stageAssessmentCode = (stage: string, subject: string, method: string, component: string) =>
  STAGE_ASSESSMENT_CODES.get(key(stage, subject, method, component));

/** Results that are not a grade but a reason there is none (absent, disapplied…): recognised, not stored. */
export const SPECIAL_RESULT_CODES: ReadonlySet<string> = new Set(
  table('./result-codes.csv').map((r) => r.code ?? ''),
);
