import type { MatrixRow } from './access-matrix.ts';
import type { Fixtures } from './personas.ts';
import { OTHER_LA, OTHER_TRUST, OWN_LA, OWN_TRUST, type Persona } from './personas.ts';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * The audit trail: each subgraph's `Trust.<subgraph>AuditEvents` is for the trust's own data protection
 * officer, and `LocalAuthority.<subgraph>AuditEvents` (the schools the LA maintains) for the LA's; everyone
 * else — the trust's leaders and the LA's officers included, a trust's DPO asking about an LA, and a DPO asking
 * about another trust or LA — gets FORBIDDEN and nothing.
 */
const SUBGRAPHS = ['progress', 'parents', 'practice'] as const;
type Granted = Partial<Record<Persona, 'GRANT' | 'COVERED'>>;
const NOBODY: Granted = {};

function denyAllBut(grant: Granted): MatrixRow['expect'] {
  const personas: Persona[] = [
    'anonymous',
    'trustOwn',
    'trustOther',
    'laOwn',
    'laOther',
    'staffOwn',
    'staffOther',
    'learningGuide',
    'carerOwn',
    'carerOther',
    'provider',
    'governorOwn',
    'governorOther',
    'trusteeOwn',
    'trusteeOther',
  ];
  return {
    ...(Object.fromEntries(personas.map((p) => [p, 'DENY'])) as MatrixRow['expect']),
    dpo: 'DENY',
    laDpo: 'DENY',
    ...grant,
  };
}

export const AUDIT_ROWS: MatrixRow[] = SUBGRAPHS.flatMap((subgraph): MatrixRow[] => [
  {
    covers: `Field.Trust.${subgraph}AuditEvents`,
    name: `trust(own) { ${subgraph}AuditEvents }`,
    operation: `query ($id: ID!) { trust(id: $id) { id ${subgraph}AuditEvents(first: 5) { totalCount nodes { id actorRole } } } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: `trust.${subgraph}AuditEvents`,
    expect: denyAllBut({ dpo: 'GRANT' }),
  },
  {
    covers: `Field.Trust.${subgraph}AuditEvents`,
    name: `trust(other) { ${subgraph}AuditEvents }`,
    operation: `query ($id: ID!) { trust(id: $id) { id ${subgraph}AuditEvents(first: 5) { totalCount } } }`,
    variables: () => ({ id: OTHER_TRUST }),
    path: `trust.${subgraph}AuditEvents`,
    expect: denyAllBut(NOBODY),
  },
  {
    covers: `Field.LocalAuthority.${subgraph}AuditEvents`,
    name: `localAuthority(own) { ${subgraph}AuditEvents }`,
    operation: `query ($code: String!) { localAuthority(code: $code) { code ${subgraph}AuditEvents(first: 5) { totalCount nodes { id actorRole } } } }`,
    variables: () => ({ code: OWN_LA }),
    path: `localAuthority.${subgraph}AuditEvents`,
    expect: denyAllBut({ laDpo: 'GRANT' }),
  },
  {
    covers: `Field.LocalAuthority.${subgraph}AuditEvents`,
    name: `localAuthority(other) { ${subgraph}AuditEvents }`,
    operation: `query ($code: String!) { localAuthority(code: $code) { code ${subgraph}AuditEvents(first: 5) { totalCount } } }`,
    variables: () => ({ code: OTHER_LA }),
    path: `localAuthority.${subgraph}AuditEvents`,
    expect: denyAllBut(NOBODY),
  },
]);

const entities = (selection: string) =>
  `query Entities($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
const exportOf = (f: Fixtures) => ({ r: [{ __typename: 'SubjectAccessExport', pupilId: f.pupil }] });
const part = (value: unknown, name: string) =>
  (value as Record<string, unknown[] | undefined> | null)?.[name];

/**
 * Subject access and erasure: the DPO of the pupil's trust only (`dpo` is OWN_TRUST's, the fixture pupil's
 * trust). Erasure as the DPO would destroy the fixtures every other row uses: it is tested end to end instead.
 */
export const DATA_SUBJECT_ROWS: MatrixRow[] = [
  {
    covers: 'Query.subjectAccessExport',
    name: 'subjectAccessExport(pupil)',
    operation:
      'query ($id: ID!) { subjectAccessExport(pupilId: $id) { pupilId generatedAt erasedAt progress parents } }',
    variables: (f) => ({ id: f.pupil }),
    path: 'subjectAccessExport',
    expect: denyAllBut({ dpo: 'GRANT' }),
    check: (value, f) => {
      const doc = value as { pupilId: string; progress: unknown; parents: unknown };
      assert(doc.pupilId === f.pupil, 'the export is of the pupil asked for');
      assert(part(doc.progress, 'pupil')?.length === 1, 'progress part holds the pupil');
      assert((part(doc.parents, 'carerLinks')?.length ?? 0) > 0, 'parents part holds the carer links');
    },
  },
  {
    covers: 'Entity.SubjectAccessExport@progress',
    name: '_entities SubjectAccessExport { progress } (progress)',
    via: 'progress',
    operation: entities('... on SubjectAccessExport { pupilId progress }'),
    variables: exportOf,
    path: '_entities.0.progress',
    expect: denyAllBut({ dpo: 'GRANT' }),
  },
  {
    covers: 'Entity.SubjectAccessExport@parents',
    name: '_entities SubjectAccessExport { parents } (parents)',
    via: 'parents',
    operation: entities('... on SubjectAccessExport { pupilId parents }'),
    variables: exportOf,
    path: '_entities.0.parents',
    expect: denyAllBut({ dpo: 'GRANT' }),
  },
  ...(['erasePupilProgress', 'erasePupilParents'] as const).map(
    (mutation): MatrixRow => ({
      covers: `Mutation.${mutation}`,
      name: `${mutation}(pupil)`,
      operation: `mutation ($id: ID!) { ${mutation}(pupilId: $id) { pupilId rowsErased } }`,
      variables: (f) => ({ id: f.pupil }),
      path: mutation,
      expect: denyAllBut({ dpo: 'COVERED' }),
      coveredBy: [
        'tests/e2e/data-subject-rights.test.ts > erases the pupil from progress and parents with the `erase` command, and nobody else',
      ],
      unchanged: {
        as: 'staffOwn',
        operation: 'query ($id: ID!) { pupil(id: $id) { id upn carers { carer { id } } } }',
        variables: (f) => ({ id: f.pupil }),
        path: 'pupil',
      },
    }),
  ),
];
