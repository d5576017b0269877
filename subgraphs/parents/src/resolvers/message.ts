import type { ParentsContext } from '../context.ts';
import type { MessageRow } from '../data/queries.ts';
import { textFor } from '../rules/translations.ts';
import { viewerLanguage } from './access.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type LanguageArg = { language?: string | null };

/**
 * The text a reader sees: for `language` when given, else a carer's preferred language; staff read the
 * original. Translations of every message in the request come in one query.
 */
async function shown(m: MessageRow, { language }: LanguageArg, context: ParentsContext) {
  const translations = await context.loaders.translations.load(m.id);
  const wanted = language ?? (context.viewer.role === 'carer' ? await viewerLanguage(context) : null);
  return textFor(wanted, { language: m.language, body: m.body }, translations);
}

export const Message = {
  body: async (m: MessageRow, args: LanguageArg, context: ParentsContext) =>
    (await shown(m, args, context)).body,
  bodyLanguage: async (m: MessageRow, args: LanguageArg, context: ParentsContext) =>
    (await shown(m, args, context)).language,
  translated: async (m: MessageRow, args: LanguageArg, context: ParentsContext) =>
    (await shown(m, args, context)).translated,
  originalBody: (m: MessageRow) => m.body,
  originalLanguage: (m: MessageRow) => m.language,
  translationLanguages: async (m: MessageRow, _: unknown, { loaders }: ParentsContext) =>
    (await loaders.translations.load(m.id)).map((t) => t.language),
  sentAt: (m: MessageRow) => iso(m.sentAt),
  from: (m: MessageRow) => m.senderName,
  read: (m: MessageRow) => m.readAt !== null,
  readAt: (m: MessageRow) => iso(m.readAt),
  carer: (m: MessageRow, _: unknown, { loaders }: ParentsContext) => loaders.carer.load(m.carerId),
  pupil: (m: MessageRow, _: unknown, { loaders }: ParentsContext) => loaders.pupil.load(m.pupilId),
  learningGuide: (m: MessageRow) =>
    m.sender === 'LEARNING_GUIDE' && m.senderStaffId ? { id: m.senderStaffId } : null,
  async delivery(m: MessageRow, _: unknown, { loaders }: ParentsContext) {
    const row = await loaders.delivery.load(m.id);
    if (!row) return null;
    return {
      channel: row.channel,
      delivered: row.deliveredAt !== null,
      deliveredAt: iso(row.deliveredAt),
      attempts: row.attempts,
    };
  },
};
