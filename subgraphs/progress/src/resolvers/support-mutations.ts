import { answersFor, commissionsFor, type ResponsibleBody, type Viewer } from '@commonroom/auth';
import { badUserInput, conflict, forbidden, notFound } from '@commonroom/subgraph-kit';
import { childrenOfViewer, type ProgressContext } from '../context.ts';
import { canBookSupportFor } from '../data/access.ts';
import type { Refusal } from '../data/booking.ts';
import * as booking from '../data/booking.ts';
import { bookingById, optionsByIds, providersByIds } from '../data/support.ts';
import { SUPPORT_MODES } from '../data/tables.ts';
import { isIsoDate, todayIso } from '../rules/dates.ts';
import { penceOf } from '../rules/entitlement.ts';

/**
 * Mutations of entitlement and support: booking (school staff, the pupil's carers); providers and options (the
 * responsible body: a trust's leaders for its schools, an LA's commissioners for the schools it maintains).
 */

const whoIs = (viewer: Viewer) =>
  viewer.role === 'school_staff'
    ? `staff:${viewer.staffId}`
    : viewer.role === 'carer'
      ? `carer:${viewer.carerId}`
      : viewer.role;

function raise(refusal: Refusal): never {
  throw refusal.code === 'CONFLICT'
    ? conflict(refusal.message)
    : badUserInput(refusal.message, refusal.field);
}

function text(value: string | null | undefined, field: string, max: number) {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badUserInput(`${field} must not be empty`, field);
  if (trimmed.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

function bodyOf(viewer: Viewer): ResponsibleBody {
  const body = commissionsFor(viewer);
  if (!body)
    throw forbidden(
      "Only a trust's leaders, or an LA's commissioners for the schools it maintains, approve providers and publish options.",
    );
  return body;
}

const yours = (body: ResponsibleBody) =>
  body.kind === 'trust' ? 'your trust' : `your LA's maintained schools (${body.laCode})`;

async function bookingFor(bookingId: string, context: ProgressContext) {
  const row = await bookingById(context.db, bookingId);
  if (!row) throw badUserInput(`No booking with id ${bookingId}.`, 'bookingId');
  const pupil = await context.loaders.pupil.load(row.pupilId);
  if (!pupil || !canBookSupportFor(context.viewer, pupil, await childrenOfViewer(context)))
    throw forbidden("Only the staff of the pupil's school and the pupil's carers may change the bookings.");
  return row;
}

async function optionOrFail(id: string, context: ProgressContext) {
  const [option] = await optionsByIds(context.db, [id]);
  if (!option) throw notFound(`No support option with id ${id}.`);
  return option;
}

export const SupportMutation = {
  async bookSupport(_: unknown, args: { pupilId: string; optionId: string }, context: ProgressContext) {
    const pupil = await context.loaders.pupil.load(args.pupilId);
    if (!pupil) throw badUserInput(`No pupil with id ${args.pupilId}.`, 'pupilId');
    if (!canBookSupportFor(context.viewer, pupil, await childrenOfViewer(context)))
      throw forbidden("Only the staff of the pupil's school and the pupil's carers may book support.");
    // Bookings draw on the entitlement of the pupil's current year (their last on roll).
    const result = await booking.bookSupport(context.db, {
      pupilId: pupil.id,
      urn: pupil.urn,
      academicYear: pupil.onRollTo,
      optionId: args.optionId,
      by: whoIs(context.viewer),
    });
    if (!result.ok) raise(result);
    return bookingById(context.db, result.bookingId);
  },

  async cancelBooking(_: unknown, args: { bookingId: string }, context: ProgressContext) {
    const row = await bookingFor(args.bookingId, context);
    const result = await booking.cancelBooking(context.db, row, whoIs(context.viewer));
    if (!result.ok) raise(result);
    return bookingById(context.db, row.id);
  },

  async approveProvider(
    _: unknown,
    {
      input,
    }: {
      input: {
        providerId?: string | null;
        name?: string | null;
        description?: string | null;
        approvedUntil?: string | null;
      };
    },
    context: ProgressContext,
  ) {
    const body = bodyOf(context.viewer);
    const today = todayIso();
    const approvedUntil = input.approvedUntil ?? null;
    if (approvedUntil !== null && (!isIsoDate(approvedUntil) || approvedUntil <= today))
      throw badUserInput('approvedUntil must be a date (YYYY-MM-DD) after today', 'approvedUntil');
    let providerId: string | undefined;
    let name: string | undefined;
    let description: string | undefined;
    if (input.providerId != null) {
      const [existing] = await providersByIds(context.db, [input.providerId]);
      if (!existing) throw badUserInput(`No provider with id ${input.providerId}.`, 'providerId');
      if (existing.kind !== 'EXTERNAL')
        throw badUserInput("A school's own provision needs no approval.", 'providerId');
      providerId = existing.id;
    } else {
      name = text(input.name, 'name', 200);
      description = text(input.description, 'description', 2000);
    }
    const id = await booking.approveProvider(context.db, {
      providerId,
      name,
      description,
      body,
      approvedOn: today,
      approvedUntil,
    });
    const [provider] = await providersByIds(context.db, [id]);
    return provider;
  },

  async publishSupportOption(
    _: unknown,
    {
      input,
    }: {
      input: {
        providerId: string;
        title: string;
        description: string;
        subject?: string | null;
        mode: string;
        cost: number;
        capacity: number;
        offeredAt: number[];
      };
    },
    context: ProgressContext,
  ) {
    const body = bodyOf(context.viewer);
    const title = text(input.title, 'title', 200);
    const description = text(input.description, 'description', 2000);
    const costPence = penceOf(input.cost);
    if (costPence === null || costPence > 1_000_000)
      throw badUserInput(
        'cost must be more than £0 and at most £10,000, in pounds with at most 2 decimals',
        'cost',
      );
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000)
      throw badUserInput('capacity must be 1 to 10,000 places', 'capacity');
    if (!(SUPPORT_MODES as readonly string[]).includes(input.mode))
      throw badUserInput('unknown mode', 'mode');
    const urns = [...new Set(input.offeredAt)];
    if (urns.length === 0) throw badUserInput('offeredAt must name at least one school', 'offeredAt');
    const places = await context.loaders.place.loadMany(urns);
    const outside = urns.filter((_urn, i) => {
      const place = places[i];
      return !place || place instanceof Error || !answersFor(body, place);
    });
    if (outside.length > 0)
      throw badUserInput(`Not schools of ${yours(body)}: ${outside.join(', ')}`, 'offeredAt');
    const [provider] = await providersByIds(context.db, [input.providerId]);
    if (!provider || !(await booking.providerUsableBy(context.db, provider.id, body)))
      throw badUserInput(
        `The provider is not approved for ${yours(body)}, nor one of those schools.`,
        'providerId',
      );
    const id = await booking.publishOption(context.db, {
      providerId: provider.id,
      title,
      description,
      subject: input.subject ?? null,
      mode: input.mode,
      costPence,
      capacity: input.capacity,
      publishedBy: body.id,
      urns,
    });
    return optionOrFail(id, context);
  },

  async withdrawSupportOption(_: unknown, { id }: { id: string }, context: ProgressContext) {
    const body = bodyOf(context.viewer);
    const option = await optionOrFail(id, context);
    if (option.publishedBy !== body.id)
      throw forbidden(`Only the trust or LA that published it may withdraw it (you act for ${yours(body)}).`);
    await booking.withdrawOption(context.db, id);
    return optionOrFail(id, context);
  },
};
