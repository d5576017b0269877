import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { fallbackAfter } from '../rules/delivery.ts';
import { textFor } from '../rules/translations.ts';
import type { CHANNELS } from './tables.ts';

export type Channel = (typeof CHANNELS)[number];

/** What a delivery adapter is given: everything needed to reach the carer, nothing more. */
export interface OutgoingMessage {
  outboxId: number;
  messageId: number;
  channel: Channel;
  address: string;
  /** The carer's catalogue language (`en` when there is none for theirs). */
  language: string;
  /** BCP 47 tag of `body`: the school's translation for the carer's language when there is one, else the original's. */
  bodyLanguage: string | null;
  carerName: string;
  from: string;
  kind: string;
  body: string;
  sentAt: string;
}

/** Delivers one message by one channel; throws when it could not (the outbox will try again). */
export type DeliveryAdapter = (message: OutgoingMessage) => Promise<void>;
export type DeliveryAdapters = Record<Channel, DeliveryAdapter>;

/**
 * Development adapters: app, email and SMS messages are appended (one JSON line each) to `<dir>/<channel>.jsonl`;
 * paper letters go to `<dir>/print-queue.jsonl` for the school office to print. Production swaps in real
 * providers with the same signature.
 */
export function fileAdapters(dir: string): DeliveryAdapters {
  const writer = (file: string) => async (message: OutgoingMessage) => {
    await mkdir(dir, { recursive: true });
    await appendFile(join(dir, file), `${JSON.stringify(message)}\n`);
  };
  return {
    APP: writer('app.jsonl'),
    EMAIL: writer('email.jsonl'),
    SMS: writer('sms.jsonl'),
    PAPER_LETTER: writer('print-queue.jsonl'),
  };
}

/** Wait before the next attempt after `attempts` failures: 30 s, doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** How long a claimed row is left alone while an attempt runs: a crashed worker's rows come back after it. */
const LEASE_MS = 5 * 60_000;

/**
 * Delivers up to `limit` due messages. Rows are claimed by pushing their next attempt past a lease (so two
 * workers never send the same row at once), delivered, then marked delivered — or, on failure, given the
 * next attempt time by `backoffMs` and the error kept. No row is ever deleted, so nothing is lost; delivery is
 * at least once.
 */
export async function deliverDue(db: Db, adapters: DeliveryAdapters, now = new Date(), limit = 100) {
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  const claimed = await queryRows<{
    outbox_id: number;
    message_id: number;
    channel: Channel;
    address: string;
    language: string;
    attempts: number;
    carer_name: string;
    from_name: string;
    kind: string;
    body: string;
    body_language: string | null;
    preferred_language: string;
    translations: { language: string; body: string }[] | null;
    sent_at: string | Date;
    carer_id: string;
    given_name: string;
    family_name: string;
    email: string | null;
    phone: string | null;
    postal_address: string | null;
    preferred_channel: Channel;
  }>(
    db,
    sql`with due as (
        select id from parents.outbox
        where delivered_at is null and next_attempt_at <= ${now.toISOString()}
        order by next_attempt_at, id limit ${limit}
        for update skip locked
      ),
      claimed as (
        update parents.outbox o set next_attempt_at = ${lease}, attempts = o.attempts + 1
        from due where o.id = due.id
        returning o.id, o.message_id, o.channel, o.address, o.language, o.attempts
      )
      select c.id as outbox_id, c.message_id, c.channel, c.address, c.language, c.attempts,
        k.given_name || ' ' || k.family_name as carer_name, m.sender_name as from_name, m.kind, m.body, m.sent_at,
        m.language as body_language, k.preferred_language, k.id as carer_id, k.given_name, k.family_name,
        k.email, k.phone, k.postal_address, k.preferred_channel,
        (select json_agg(json_build_object('language', t.language, 'body', t.body))
          from parents.message_translations t where t.message_id = m.id) as translations
      from claimed c join parents.messages m on m.id = c.message_id join parents.carers k on k.id = m.carer_id
      order by c.id`,
  );
  let delivered = 0;
  let failed = 0;
  for (const row of claimed) {
    const text = textFor(
      row.preferred_language,
      { language: row.body_language, body: row.body },
      row.translations ?? [],
    );
    const message: OutgoingMessage = {
      outboxId: Number(row.outbox_id),
      messageId: Number(row.message_id),
      channel: row.channel,
      address: row.address,
      language: row.language,
      bodyLanguage: text.language,
      carerName: row.carer_name,
      from: row.from_name,
      kind: row.kind,
      body: text.body,
      sentAt: new Date(row.sent_at).toISOString(),
    };
    try {
      await adapters[row.channel](message);
      await db.execute(
        sql`update parents.outbox set delivered_at = ${now.toISOString()}, last_error = null where id = ${message.outboxId}`,
      );
      delivered++;
    } catch (error) {
      const lastError = `${row.channel}: ${String(error)}`.slice(0, 500);
      // Enough failures on this channel: the carer's next channel, at once, its attempts counted afresh.
      const fallback = fallbackAfter(
        {
          id: row.carer_id,
          givenName: row.given_name,
          familyName: row.family_name,
          email: row.email,
          phone: row.phone,
          postalAddress: row.postal_address,
          preferredChannel: row.preferred_channel,
        },
        row.channel,
        Number(row.attempts),
      );
      if (fallback)
        await db.execute(
          sql`update parents.outbox set channel = ${fallback.channel}, address = ${fallback.address}, attempts = 0,
              next_attempt_at = ${now.toISOString()}, last_error = ${lastError} where id = ${message.outboxId}`,
        );
      else {
        const next = new Date(now.getTime() + backoffMs(Number(row.attempts))).toISOString();
        await db.execute(
          sql`update parents.outbox set next_attempt_at = ${next}, last_error = ${lastError}
              where id = ${message.outboxId}`,
        );
      }
      failed++;
    }
  }
  return { delivered, failed };
}

/** Runs `deliverDue` every `intervalMs` until stopped; one run at a time; a run that fails goes to `onError`. */
export function startOutboxWorker(
  db: Db,
  adapters: DeliveryAdapters,
  intervalMs: number,
  onError: (error: unknown) => void,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await deliverDue(db, adapters);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
