import { type Concept, isConcept, SUBJECT_OF_CONCEPT } from '@commonroom/domain';
import { parse } from 'csv-parse/sync';
import { academicTermOf, isIsoDate } from './dates.ts';
import { upnProblem } from './upn.ts';

export const CSV_SUBJECTS = ['READING', 'WRITING', 'MATHS', 'ENGLISH', 'SCIENCE'];
export const CSV_KINDS = ['STATUTORY', 'PERIODIC', 'TEACHER'];

export interface CsvAssessment {
  line: number;
  upn: string;
  subject: string;
  scaleId: string;
  grade: string;
  points: number;
  assessedOn: string;
  academicYear: number;
  term: 1 | 2 | 3;
  kind: string;
  /** Concept-level results given on the line (periodic reading, writing or maths only), on the line's scale. */
  concepts: CsvConceptResult[];
}

export interface CsvConceptResult {
  concept: Concept;
  grade: string;
  points: number;
}

/** A concept column's header: `concept:FRACTIONS` (any case). */
const CONCEPT_COLUMN = /^concept:(.*)$/;

export interface LineError {
  line: number;
  message: string;
}

/**
 * Checks an assessment CSV (`upn,subject,scale,grade,assessed_on[,kind][,concept:<NAME>…]`) without the
 * database: UPN check letter, subject, scale and grade (against `gradePoints`), date (real, not after
 * `today`), kind and duplicate rows. Optional concept columns (`concept:FRACTIONS`, `concept:PLACE_VALUE`…)
 * carry concept-level results of a periodic assessment as grades on the line's scale; an empty cell means
 * none. A concept column naming no known concept fails the header; a concept grade on a line that is not a
 * periodic assessment of the concept's subject, or not on the line's scale, fails that line. Every bad line
 * is listed; the file is good only when the list is empty.
 */
export function checkAssessmentCsv(
  text: string,
  gradePoints: (scaleId: string, grade: string) => number | undefined,
  scaleExists: (scaleId: string) => boolean,
  today: string,
): { rows: CsvAssessment[]; errors: LineError[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], errors: [{ line: 1, message: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((h) => h.toLowerCase());
  const required = ['upn', 'subject', 'scale', 'grade', 'assessed_on'];
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return { rows: [], errors: [{ line: 1, message: `header lacks ${missing.join(', ')}` }] };
  const conceptColumns: { index: number; concept: Concept }[] = [];
  const unknownConcepts: string[] = [];
  columns.forEach((column, index) => {
    const name = CONCEPT_COLUMN.exec(column)?.[1]?.trim().toUpperCase();
    if (name === undefined) return;
    if (isConcept(name) && !conceptColumns.some((c) => c.concept === name))
      conceptColumns.push({ index, concept: name });
    else unknownConcepts.push(name || '(empty)');
  });
  if (unknownConcepts.length > 0)
    return {
      rows: [],
      errors: [{ line: 1, message: `unknown or repeated concept column(s): ${unknownConcepts.join(', ')}` }],
    };
  if (body.length === 0) return { rows: [], errors: [{ line: 1, message: 'the file has no rows' }] };
  const at = (record: string[], name: string) => record[columns.indexOf(name)]?.trim() ?? '';
  const rows: CsvAssessment[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2;
    const problems: string[] = [];
    const upn = at(record, 'upn').toUpperCase();
    const subject = at(record, 'subject').toUpperCase();
    const scaleId = at(record, 'scale').toUpperCase();
    const grade = at(record, 'grade');
    const assessedOn = at(record, 'assessed_on');
    const kind = (columns.includes('kind') ? at(record, 'kind') : '').toUpperCase() || 'PERIODIC';
    const upnError = upnProblem(upn);
    if (upnError) problems.push(upnError);
    if (!CSV_SUBJECTS.includes(subject)) problems.push(`unknown subject "${subject}"`);
    if (!CSV_KINDS.includes(kind)) problems.push(`unknown kind "${kind}"`);
    let points: number | undefined;
    if (!scaleExists(scaleId)) problems.push(`unknown scale "${scaleId}"`);
    else {
      points = gradePoints(scaleId, grade);
      if (points === undefined) problems.push(`grade "${grade}" is not on the ${scaleId} scale`);
    }
    const concepts: CsvConceptResult[] = [];
    for (const { index, concept } of conceptColumns) {
      const conceptGrade = record[index]?.trim() ?? '';
      if (conceptGrade === '') continue;
      if (kind !== 'PERIODIC' || SUBJECT_OF_CONCEPT[concept] !== subject) {
        problems.push(`${concept} is a concept of periodic ${SUBJECT_OF_CONCEPT[concept]} assessments`);
        continue;
      }
      const conceptPoints = scaleExists(scaleId) ? gradePoints(scaleId, conceptGrade) : undefined;
      if (conceptPoints === undefined)
        problems.push(`${concept} grade "${conceptGrade}" is not on the ${scaleId} scale`);
      else concepts.push({ concept, grade: conceptGrade, points: conceptPoints });
    }
    if (!isIsoDate(assessedOn)) problems.push(`assessed_on "${assessedOn}" is not a date (YYYY-MM-DD)`);
    else if (assessedOn > today) problems.push(`assessed_on ${assessedOn} is in the future`);
    const key = [upn, subject, kind, assessedOn].join('|');
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`duplicates line ${earlier}`);
    else seen.set(key, line);
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      return;
    }
    rows.push({
      line,
      upn,
      subject,
      scaleId,
      grade,
      points: points as number,
      assessedOn,
      kind,
      concepts,
      ...academicTermOf(assessedOn),
    });
  });
  return { rows, errors };
}
