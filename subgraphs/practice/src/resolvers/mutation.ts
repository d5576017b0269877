import type { Viewer } from '@commonroom/auth';
import { forbidden } from '@commonroom/subgraph-kit';
import type { PracticeContext } from '../context.ts';
import * as write from '../data/write.ts';
import type { AdoptionInput, CpdActivityInput, PracticeInput, SkillRequestInput } from '../rules/inputs.ts';
import { practiceValues } from '../rules/inputs.ts';

/** Only school staff change anything here, and only for their own school. */
function staffOnly(viewer: Viewer) {
  if (viewer.role !== 'school_staff') throw forbidden('Only school staff publish, adopt and record CPD.');
  return viewer;
}

export const Mutation = {
  async publishPractice(
    _: unknown,
    { input, draft }: { input: PracticeInput; draft: boolean },
    { db, viewer, loaders }: PracticeContext,
  ) {
    const staff = staffOnly(viewer);
    const id = await write.publishPractice(db, staff, practiceValues(input, staff.urn, staff.staffId), draft);
    return loaders.practice.load(id);
  },
  async updatePractice(
    _: unknown,
    args: { id: string; input: PracticeInput; publish: boolean; expectedVersion?: number | null },
    { db, viewer, loaders }: PracticeContext,
  ) {
    const staff = staffOnly(viewer);
    await write.updatePractice(db, staff, args.id, practiceValues(args.input, staff.urn, staff.staffId), {
      publish: args.publish,
      expectedVersion: args.expectedVersion ?? null,
    });
    return loaders.practice.clear(args.id).load(args.id);
  },
  async retirePractice(_: unknown, { id }: { id: string }, { db, viewer, loaders }: PracticeContext) {
    await write.retirePractice(db, staffOnly(viewer), id);
    return loaders.practice.clear(id).load(id);
  },
  async adoptPractice(
    _: unknown,
    { input }: { input: AdoptionInput },
    { db, viewer, loaders }: PracticeContext,
  ) {
    const id = await write.adoptPractice(db, staffOnly(viewer), input);
    return loaders.adoption.load(id);
  },
  async recordCpdActivity(
    _: unknown,
    { input }: { input: CpdActivityInput },
    { db, viewer }: PracticeContext,
  ) {
    const id = await write.recordCpdActivity(db, staffOnly(viewer), input);
    return write.cpdActivityById(db, id);
  },
  async createSkillRequest(
    _: unknown,
    { input }: { input: SkillRequestInput },
    { db, viewer }: PracticeContext,
  ) {
    const id = await write.createSkillRequest(db, staffOnly(viewer), input);
    return write.skillRequestById(db, id);
  },
};
