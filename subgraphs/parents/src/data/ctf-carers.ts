import { type Db, queryRows } from '@commonroom/db';
import { insertAuditEvent } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { parentsAudit } from './audit.ts';
import type { RELATIONSHIPS } from './tables.ts';

/** One carer of a pupil as a Common Transfer File names them (handed off by the progress subgraph's import). */
export interface CtfCarer {
  carerId: string;
  /** Priority: 1 = first contact. */
  order: number;
  givenName: string;
  familyName: string;
  relationship: (typeof RELATIONSHIPS)[number];
  parentalResponsibility: boolean;
  email: string | null;
  phone: string | null;
  /** BCP 47 tag. */
  language: string;
}

/** A pupil, their school and the carers their latest CTF names (none: the file named no carer). */
export interface CtfCarersOfPupil {
  pupilId: string;
  urn: number;
  carers: CtfCarer[];
  /** Schools the pupil moved from and their leaving dates (staff there keep access until then). */
  formerSchools?: { urn: number; until: string }[];
}

export interface CtfCarersApplied {
  pupils: number;
  carersAdded: number;
  carersUpdated: number;
  linksWritten: number;
  linksRemoved: number;
  /** Former schools added, re-dated or removed. */
  movesWritten: number;
}

/**
 * Brings the parents subgraph in line with what CTFs said about pupils' carers, in one transaction (all or
 * nothing) recorded in the audit trail: the pupil joins the pupil directory (or moves school in it), each carer
 * is added or their name, email and phone updated — their preferred language and channel are set only when the
 * carer is new, as the carer may change them since — and linked to the pupil in the file's priority (the first
 * is the primary contact, and then the only one). Links to carers an earlier CTF named and this one does not
 * are removed; carers known from elsewhere (the app, the demo) keep their links. A row equal to what is stored
 * is not touched, so applying the same handoff twice changes nothing.
 */
export async function applyCtfCarers(db: Db, pupils: CtfCarersOfPupil[]): Promise<CtfCarersApplied> {
  if (pupils.length === 0)
    return { pupils: 0, carersAdded: 0, carersUpdated: 0, linksWritten: 0, linksRemoved: 0, movesWritten: 0 };
  const carers = [
    ...new Map(
      pupils.flatMap((p) =>
        p.carers.map((c) => [
          c.carerId,
          {
            id: c.carerId,
            given_name: c.givenName,
            family_name: c.familyName,
            email: c.email,
            phone: c.phone,
            preferred_language: c.language,
            preferred_channel: c.email ? 'EMAIL' : c.phone ? 'SMS' : 'PAPER_LETTER',
          },
        ]),
      ),
    ).values(),
  ];
  const links = pupils.flatMap((p) =>
    [...p.carers]
      .sort((a, b) => a.order - b.order)
      .map((c, i) => ({
        carer_id: c.carerId,
        pupil_id: p.pupilId,
        urn: p.urn,
        relationship: c.relationship,
        parental_responsibility: c.parentalResponsibility,
        primary_contact: i === 0,
      })),
  );
  const json = (rows: unknown[]) => JSON.stringify(rows);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into parents.pupil_directory as t (id, urn)
          select id, urn from json_to_recordset(${json(pupils.map((p) => ({ id: p.pupilId, urn: p.urn })))}::json)
            as x(id text, urn int)
          on conflict (id) do update set urn = excluded.urn where t.urn <> excluded.urn`,
    );
    const written = await queryRows<{ inserted: boolean }>(
      tx,
      sql`insert into parents.carers as t (id, given_name, family_name, email, phone, preferred_language,
            preferred_channel)
          select * from json_to_recordset(${json(carers)}::json) as x(id text, given_name text, family_name text,
            email text, phone text, preferred_language text, preferred_channel text)
          on conflict (id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
            email = excluded.email, phone = excluded.phone
          where (t.given_name, t.family_name, t.email, t.phone)
            is distinct from (excluded.given_name, excluded.family_name, excluded.email, excluded.phone)
          returning (xmax = 0) as inserted`,
    );
    const pupilIds = json(
      pupils.map((p) => ({ pupil_id: p.pupilId, urn: p.urn, named: p.carers.length > 0 })),
    );
    const removed = await queryRows<{ n: number }>(
      tx,
      sql`with removed as (
            delete from parents.carer_links l
            using json_to_recordset(${pupilIds}::json) as x(pupil_id text, urn int, named boolean)
            where l.pupil_id = x.pupil_id and l.carer_id like 'CTF-%'
              and not exists (
                select 1 from json_to_recordset(${json(links)}::json) as y(carer_id text, pupil_id text)
                where y.carer_id = l.carer_id and y.pupil_id = l.pupil_id)
            returning 1
          ) select count(*)::int as n from removed`,
    );
    // A pupil who moved takes every link to the new school; a file that names carers decides the primary contact.
    await tx.execute(
      sql`update parents.carer_links l
          set urn = x.urn, primary_contact = case when x.named then false else l.primary_contact end
          from json_to_recordset(${pupilIds}::json) as x(pupil_id text, urn int, named boolean)
          where l.pupil_id = x.pupil_id and l.carer_id not like 'CTF-%'
            and (l.urn <> x.urn or (x.named and l.primary_contact))`,
    );
    const linked = await queryRows<{ n: number }>(
      tx,
      sql`with written as (
            insert into parents.carer_links as t (carer_id, pupil_id, urn, relationship, parental_responsibility,
              primary_contact)
            select * from json_to_recordset(${json(links)}::json) as x(carer_id text, pupil_id text, urn int,
              relationship text, parental_responsibility boolean, primary_contact boolean)
            on conflict (carer_id, pupil_id) do update set urn = excluded.urn, relationship = excluded.relationship,
              parental_responsibility = excluded.parental_responsibility, primary_contact = excluded.primary_contact
            where (t.urn, t.relationship, t.parental_responsibility, t.primary_contact) is distinct from
              (excluded.urn, excluded.relationship, excluded.parental_responsibility, excluded.primary_contact)
            returning 1
          ) select count(*)::int as n from written`,
    );
    const moves = json(
      pupils.flatMap((p) =>
        (p.formerSchools ?? []).map((f) => ({ pupil_id: p.pupilId, from_urn: f.urn, leaving_date: f.until })),
      ),
    );
    const movesWritten = await queryRows<{ n: number }>(
      tx,
      sql`with gone as (
            delete from parents.pupil_moves m
            using json_array_elements_text(${json(pupils.map((p) => p.pupilId))}::json) as x(id)
            where m.pupil_id = x.id and not exists (
              select 1 from json_to_recordset(${moves}::json) as y(pupil_id text, from_urn int)
              where y.pupil_id = m.pupil_id and y.from_urn = m.from_urn)
            returning 1
          ), written as (
            insert into parents.pupil_moves as t (pupil_id, from_urn, leaving_date)
            select * from json_to_recordset(${moves}::json) as y(pupil_id text, from_urn int, leaving_date date)
            on conflict (pupil_id, from_urn) do update set leaving_date = excluded.leaving_date
            where t.leaving_date <> excluded.leaving_date
            returning 1
          ) select (select count(*) from gone)::int + (select count(*) from written)::int as n`,
    );
    const result = {
      pupils: pupils.length,
      carersAdded: written.filter((w) => w.inserted).length,
      carersUpdated: written.filter((w) => !w.inserted).length,
      linksWritten: linked[0]?.n ?? 0,
      linksRemoved: removed[0]?.n ?? 0,
      movesWritten: movesWritten[0]?.n ?? 0,
    };
    if (
      result.carersAdded +
        result.carersUpdated +
        result.linksWritten +
        result.linksRemoved +
        result.movesWritten >
      0
    )
      await insertAuditEvent(
        { ...parentsAudit(tx), db: tx },
        {
          sub: 'ctf-import',
          role: 'system',
          scope: null,
          trust: null,
          operationName: 'applyCtfCarers',
          operationType: 'mutation',
          fields: ['Carer.links', 'CarerLink.pupil'],
          pupils: pupils.map((p) => p.pupilId),
          urns: [...new Set(pupils.map((p) => p.urn))],
          outcome: 'OK',
          errorCodes: [],
        },
      );
    return result;
  });
}
