/**
 * The Parent View questionnaire as a GOV.UK form: one radio group per statement (the agree scale, in the
 * carer's language as the API words it) and the yes/no "would you recommend" question. Reading the posted
 * form back into the API's input is here too, checked field by field, so a refusal names the group it is about.
 */

export interface Questionnaire {
  language: string;
  statements: { question: string; statement: string }[];
  recommend: string;
  answers: { answer: string; label: string }[];
}

/** The form as posted: a statement's answer under its question (e.g. HAPPY=AGREE), and recommend=yes|no. */
export type ParentViewForm = Record<string, string>;

/** The id of the radio group for a question, which the error summary links to. */
export const fieldId = (question: string) => `pv-${question.toLowerCase().replaceAll('_', '-')}`;
export const RECOMMEND_ID = 'pv-recommend';

export function questionnaireView(
  questionnaire: Questionnaire,
  form: ParentViewForm,
  fieldErrors: Record<string, string>,
) {
  return {
    language: questionnaire.language,
    statements: questionnaire.statements.map((s) => ({
      ...s,
      id: fieldId(s.question),
      error: fieldErrors[fieldId(s.question)],
      items: questionnaire.answers.map((a) => ({
        value: a.answer,
        text: a.label,
        checked: form[s.question] === a.answer,
      })),
    })),
    recommend: {
      id: RECOMMEND_ID,
      question: questionnaire.recommend,
      error: fieldErrors[RECOMMEND_ID],
      value: form.recommend ?? '',
    },
  };
}

export interface ParentViewAnswers {
  answers: { question: string; answer: string }[];
  recommend: boolean;
}

/**
 * The posted form as the API's answers, or the fields that are wrong (by radio group id). Statements left
 * unanswered are left out, as Parent View allows; the recommend question must be answered.
 */
export function readParentViewForm(
  questionnaire: Questionnaire,
  form: URLSearchParams,
): { ok: ParentViewAnswers } | { errors: Record<string, string>; form: ParentViewForm } {
  const scale = new Set(questionnaire.answers.map((a) => a.answer));
  const posted: ParentViewForm = {};
  const errors: Record<string, string> = {};
  const answers: ParentViewAnswers['answers'] = [];
  for (const { question } of questionnaire.statements) {
    const values = form.getAll(question);
    const answer = values[0] ?? '';
    if (!answer) continue;
    posted[question] = answer;
    if (values.length > 1 || !scale.has(answer))
      errors[fieldId(question)] = 'Choose one of the answers given for this statement';
    else answers.push({ question, answer });
  }
  const recommend = form.get('recommend') ?? '';
  posted.recommend = recommend;
  if (recommend !== 'yes' && recommend !== 'no')
    errors[RECOMMEND_ID] = 'Say whether you would recommend the school to another parent';
  if (Object.keys(errors).length > 0) return { errors, form: posted };
  return { ok: { answers, recommend: recommend === 'yes' } };
}
