import type { ParentsContext } from '../context.ts';
import type { MessageRow } from '../data/queries.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export const Message = {
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
