import { describe, expect, it } from 'vitest';
import { parseCtfHandoff } from './ctf-handoff.ts';

const carer = {
  carerId: 'CTF-0123456789abcdef0123',
  order: 1,
  givenName: 'Sadia',
  familyName: 'Hussain',
  relationship: 'MOTHER',
  parentalResponsibility: true,
  email: 'sadia.hussain@example.org',
  phone: null,
  language: 'ur',
};

describe('the carer handoff progress sends', () => {
  it('accepts pupils with their carers, or with none', () => {
    const handoff = [
      { pupilId: 'P1', urn: 136530, carers: [carer], formerSchools: [{ urn: 142401, until: '2027-01-31' }] },
      { pupilId: 'P2', urn: 136530, carers: [] },
    ];
    // A pupil who did not move has no former school.
    expect(parseCtfHandoff(handoff)).toEqual({
      ok: true,
      value: [handoff[0], { ...handoff[1], formerSchools: [] }],
    });
  });

  it('refuses anything else, naming where', () => {
    const result = parseCtfHandoff([
      { pupilId: 'P1', urn: 136530, carers: [{ ...carer, relationship: 'UNCLE', carerId: 'C1' }] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^\[0\]\.carers\[0\]\.carerId: /),
      expect.stringMatching(/^\[0\]\.carers\[0\]\.relationship: /),
    ]);
    expect(parseCtfHandoff({ pupils: [] }).ok).toBe(false);
    expect(
      parseCtfHandoff([
        { pupilId: 'P1', urn: 1, carers: [], formerSchools: [{ urn: 2, until: '31/01/2027' }] },
      ]).ok,
    ).toBe(false);
    expect(parseCtfHandoff([{ pupilId: 'P1', urn: -1, carers: [] }]).ok).toBe(false);
  });
});
