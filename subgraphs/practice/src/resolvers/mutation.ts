import type { Viewer } from '@commonroom/auth';
import { forbidden, required } from '@commonroom/subgraph-kit';
import * as write from '../data/write.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { practiceValues } from '../rules/inputs.ts';

/** Only school staff change anything here, and only for their own school. */
function staffOnly(viewer: Viewer) {
  if (viewer.role !== 'school_staff') throw forbidden('Only school staff publish, adopt and record CPD.');
  return viewer;
}

export const Mutation: MutationResolvers = {
  async publishPractice(_, { input, draft }, { db, viewer, loaders }) {
    const staff = staffOnly(viewer);
    const id = await write.publishPractice(db, staff, practiceValues(input, staff.urn, staff.staffId), draft);
    return required(loaders.practice.load(id), `practice ${id}`);
  },
  async updatePractice(_, args, { db, viewer, loaders }) {
    const staff = staffOnly(viewer);
    await write.updatePractice(db, staff, args.id, practiceValues(args.input, staff.urn, staff.staffId), {
      publish: args.publish,
      expectedVersion: args.expectedVersion ?? null,
    });
    return required(loaders.practice.clear(args.id).load(args.id), `practice ${args.id}`);
  },
  async retirePractice(_, { id }, { db, viewer, loaders }) {
    await write.retirePractice(db, staffOnly(viewer), id);
    return required(loaders.practice.clear(id).load(id), `practice ${id}`);
  },
  async adoptPractice(_, { input }, { db, viewer, loaders }) {
    const id = await write.adoptPractice(db, staffOnly(viewer), input);
    return required(loaders.adoption.load(id), `adoption ${id}`);
  },
  async recordCpdActivity(_, { input }, { db, viewer }) {
    const id = await write.recordCpdActivity(db, staffOnly(viewer), input);
    return required(write.cpdActivityById(db, id), `CPD activity ${id}`);
  },
  async createSkillRequest(_, { input }, { db, viewer }) {
    const id = await write.createSkillRequest(db, staffOnly(viewer), input);
    return required(write.skillRequestById(db, id), `skill request ${id}`);
  },
};
