/**
 * The practice subgraph's demo data, as pure functions of the demo schools: the same on every machine and
 * independent of today's date. The demo adoptions and their cohorts (`demoAdoptionCohorts()`) are defined in
 * @commonroom/demo, which the progress subgraph loads too; they are re-exported here.
 */
import { demoAdoptionCohorts, demoSelection, demoStaff, personName } from '@commonroom/demo';
import { regionOf, type SchoolRecord, seededRandom } from '@commonroom/school-list';
import type { Resource } from '../data/tables.ts';

export { cohortIdFor, type DemoAdoption, demoAdoptionCohorts } from '@commonroom/demo';

type Visibility = 'TRUST' | 'LOCAL_AUTHORITY' | 'PUBLIC';
type Status = 'DRAFT' | 'PUBLISHED' | 'RETIRED';

export interface DemoPracticeVersion {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  schoolEvidence: string;
  phases: ('PRIMARY' | 'SECONDARY' | 'ALL_THROUGH' | 'SPECIAL' | 'ALTERNATIVE_PROVISION')[];
  keyStages: ('EYFS' | 'KS1' | 'KS2' | 'KS3' | 'KS4' | 'KS5')[];
  subjects: string[];
  pupilGroups: (
    | 'ALL'
    | 'DISADVANTAGED'
    | 'SEN'
    | 'EAL'
    | 'LOOKED_AFTER'
    | 'LOW_PRIOR_ATTAINMENT'
    | 'HIGH_PRIOR_ATTAINMENT'
    | 'BOYS'
    | 'GIRLS'
  )[];
  strandId: string;
  resources: Resource[];
}

export interface DemoPractice {
  id: string;
  urn: number;
  visibility: Visibility;
  status: Status;
  /** Staff ids (`S<urn>-<nn>` from demoStaff); the first saved every version. */
  authorIds: string[];
  /** ISO timestamp of the first version. */
  createdAt: string;
  /** Oldest first; the last is current. */
  versions: DemoPracticeVersion[];
}

const v = (
  fields: Omit<DemoPracticeVersion, 'resources' | 'schoolEvidence'> &
    Partial<Pick<DemoPracticeVersion, 'resources' | 'schoolEvidence'>>,
): DemoPracticeVersion => ({ resources: [], schoolEvidence: '', ...fields });

/** Twelve practices from schools in every demo trust and one maintained school, each kind of visibility. */
export function demoPractices(): DemoPractice[] {
  return [
    {
      id: 'PR-0001',
      urn: 137358, // Brooke Hill Academy, Rutland Beacon Schools Trust
      visibility: 'PUBLIC',
      status: 'PUBLISHED',
      authorIds: ['S137358-01', 'S137358-03'],
      createdAt: '2022-10-03T09:00:00Z',
      versions: [
        v({
          title: 'Hinge-point questions in maths lessons',
          summary:
            'A single multiple-choice question at the hinge of each maths lesson shows who is ready to move on.',
          problem: 'Misconceptions surfaced only in books a day later, after pupils had practised them.',
          approach:
            'Teachers plan one diagnostic question per lesson with wrong answers built from common misconceptions; pupils answer on mini-whiteboards and the teacher regroups at once.',
          phases: ['PRIMARY'],
          keyStages: ['KS2'],
          subjects: ['MATHS'],
          pupilGroups: ['ALL'],
          strandId: 'FEEDBACK',
        }),
        v({
          title: 'Hinge-point questions for assessment for learning in maths',
          summary:
            'A single multiple-choice question at the hinge of each maths lesson shows who is ready to move on, so feedback comes the same lesson.',
          problem: 'Misconceptions surfaced only in books a day later, after pupils had practised them.',
          approach:
            'Teachers plan one diagnostic question per lesson with wrong answers built from common misconceptions; pupils answer on mini-whiteboards and the teacher regroups at once. Planned in pairs in weekly lesson study.',
          schoolEvidence:
            'Two years of Year 5 and 6 assessments: pupils in classes using the questions made more progress than the year before.',
          phases: ['PRIMARY'],
          keyStages: ['KS2'],
          subjects: ['MATHS'],
          pupilGroups: ['ALL', 'LOW_PRIOR_ATTAINMENT'],
          strandId: 'FEEDBACK',
          resources: [
            { title: 'Question bank (Years 3–6)', url: 'https://example.org/brooke-hill/hinge-questions' },
          ],
        }),
      ],
    },
    {
      id: 'PR-0002',
      urn: 136530, // Catmose College, Leicester Evolve Academy Trust
      visibility: 'PUBLIC',
      status: 'PUBLISHED',
      authorIds: ['S136530-01'],
      createdAt: '2022-11-14T09:00:00Z',
      versions: [
        v({
          title: 'Reciprocal reading in Year 7 tutor time',
          summary:
            'Small groups read a shared text and take turns to predict, clarify, question and summarise, three mornings a week.',
          problem:
            'A third of Year 7 arrived reading below their age and struggled with texts in every subject.',
          approach:
            'Tutors were trained in reciprocal teaching; each group of four rotates the four roles with prompt cards and a short non-fiction text.',
          schoolEvidence: 'Reading ages of the lowest third rose faster than in earlier cohorts.',
          phases: ['SECONDARY'],
          keyStages: ['KS3'],
          subjects: ['ENGLISH'],
          pupilGroups: ['LOW_PRIOR_ATTAINMENT', 'DISADVANTAGED'],
          strandId: 'READING_COMPREHENSION',
        }),
      ],
    },
    {
      id: 'PR-0003',
      urn: 120181, // Oakham CofE Primary School, maintained
      visibility: 'LOCAL_AUTHORITY',
      status: 'PUBLISHED',
      authorIds: ['S120181-01'],
      createdAt: '2023-01-09T09:00:00Z',
      versions: [
        v({
          title: 'Same-day intervention in maths: keep up, not catch up',
          summary:
            'Pupils who did not grasp the morning lesson meet the teacher for fifteen minutes that afternoon.',
          problem: 'Gaps in number sense widened across the week for disadvantaged pupils.',
          approach:
            'Teachers mark during the lesson, list pupils for same-day intervention and reteach the key step before the next lesson builds on it.',
          phases: ['PRIMARY'],
          keyStages: ['KS1', 'KS2'],
          subjects: ['MATHS'],
          pupilGroups: ['DISADVANTAGED'],
          strandId: 'MASTERY_LEARNING',
        }),
      ],
    },
    {
      id: 'PR-0004',
      urn: 141453, // Ketton CofE Primary School, Rutland Harbour Multi-Academy Trust
      visibility: 'TRUST',
      status: 'PUBLISHED',
      authorIds: ['S141453-02'],
      createdAt: '2023-02-06T09:00:00Z',
      versions: [
        v({
          title: 'Talk partners and stem sentences in Reception and Year 1',
          summary:
            'Every question is discussed with a talk partner using a stem sentence before anyone answers.',
          problem: 'Children new to English said little in class and their vocabulary grew slowly.',
          approach:
            'Staff model a stem sentence for each question; partners rehearse answers aloud; adults recast and extend.',
          phases: ['PRIMARY'],
          keyStages: ['EYFS', 'KS1'],
          subjects: ['ENGLISH'],
          pupilGroups: ['EAL'],
          strandId: 'ORAL_LANGUAGE',
        }),
      ],
    },
    {
      id: 'PR-0005',
      urn: 137340, // Casterton College Rutland, Rutland Beacon Schools Trust
      visibility: 'PUBLIC',
      status: 'PUBLISHED',
      authorIds: ['S137340-01'],
      createdAt: '2023-03-13T09:00:00Z',
      versions: [
        v({
          title: 'Cross-age peer tutoring in reading',
          summary: 'Year 9 tutors read with Year 7 tutees twice a week using a paired reading script.',
          problem: 'Weak readers in Year 7 had too little one-to-one reading practice.',
          approach:
            'Year 9 volunteers are trained in paired reading and praise; pairs meet for twenty minutes twice a week for a term.',
          phases: ['SECONDARY'],
          keyStages: ['KS3'],
          subjects: ['ENGLISH'],
          pupilGroups: ['LOW_PRIOR_ATTAINMENT'],
          strandId: 'PEER_TUTORING',
        }),
      ],
    },
    {
      id: 'PR-0006',
      urn: 136629, // Uppingham Community College, Leicester Evolve Academy Trust
      visibility: 'TRUST',
      status: 'PUBLISHED',
      authorIds: ['S136629-01'],
      createdAt: '2023-04-17T09:00:00Z',
      versions: [
        v({
          title: 'Self-explanation prompts in science practicals',
          summary:
            'Pupils plan, monitor and evaluate each practical with three written self-explanation prompts.',
          problem: 'Pupils followed practical instructions without understanding what the results meant.',
          approach:
            'Before, during and after each practical pupils answer a planning, a monitoring and an evaluation prompt; teachers model answers aloud.',
          phases: ['SECONDARY'],
          keyStages: ['KS3', 'KS4'],
          subjects: ['SCIENCE'],
          pupilGroups: ['ALL'],
          strandId: 'METACOGNITION',
        }),
      ],
    },
    {
      id: 'PR-0007',
      urn: 122512, // Richard Bonington Primary and Nursery School, Rutland Pioneer Multi-Academy Trust
      visibility: 'PUBLIC',
      status: 'PUBLISHED',
      authorIds: ['S122512-01'],
      createdAt: '2023-05-22T09:00:00Z',
      versions: [
        v({
          title: 'Daily phonics catch-up in small groups for Year 2',
          summary:
            'Ten minutes a day of systematic synthetic phonics for pupils who did not meet the phonics check.',
          problem: 'Pupils who missed the Year 1 phonics check fell further behind in reading.',
          approach:
            'A trained teaching assistant takes groups of three for daily catch-up on the sounds assessed as insecure that week.',
          phases: ['PRIMARY'],
          keyStages: ['KS1'],
          subjects: ['READING'],
          pupilGroups: ['LOW_PRIOR_ATTAINMENT'],
          strandId: 'PHONICS',
        }),
      ],
    },
    {
      id: 'PR-0008',
      urn: 142401, // Cottesmore Academy, Rutland Harbour Academy Trust
      visibility: 'LOCAL_AUTHORITY',
      status: 'PUBLISHED',
      authorIds: ['S142401-01'],
      createdAt: '2023-06-05T09:00:00Z',
      versions: [
        v({
          title: 'Family writing mornings',
          summary: 'Parents and carers join their children for a writing lesson once a half term.',
          problem: 'Families wanted to help with writing at home but did not know how it is taught.',
          approach:
            'Teachers model a writing sequence with families, who then write alongside their child and take home a prompt pack.',
          phases: ['PRIMARY'],
          keyStages: ['KS1', 'KS2'],
          subjects: ['WRITING'],
          pupilGroups: ['ALL', 'DISADVANTAGED'],
          strandId: 'PARENTAL_ENGAGEMENT',
        }),
      ],
    },
    {
      id: 'PR-0009',
      urn: 138113, // Catmose Primary, Rutland Beacon Schools Trust
      visibility: 'TRUST',
      status: 'DRAFT',
      authorIds: ['S138113-01'],
      createdAt: '2025-09-22T09:00:00Z',
      versions: [
        v({
          title: 'Whole-class feedback sheets instead of written marking',
          summary: 'One feedback sheet per class replaces written comments in every book.',
          problem: 'Teachers spent evenings marking and pupils rarely acted on the comments.',
          approach:
            'Teachers read the books, note common errors on one sheet and open the next lesson with them.',
          phases: ['PRIMARY'],
          keyStages: ['KS2'],
          subjects: ['WRITING'],
          pupilGroups: ['ALL'],
          strandId: 'FEEDBACK',
        }),
      ],
    },
    {
      id: 'PR-0010',
      urn: 139858, // Langham CofE (Controlled) Primary School, Rutland Harbour Multi-Academy Trust
      visibility: 'PUBLIC',
      status: 'RETIRED',
      authorIds: ['S139858-01'],
      createdAt: '2021-09-20T09:00:00Z',
      versions: [
        v({
          title: 'Grouping pupils by learning style',
          summary:
            'Pupils took a learning-styles questionnaire and were taught in visual, auditory or kinaesthetic groups.',
          problem: 'Reading progress in Year 4 had stalled.',
          approach: 'Lessons were planned three ways and pupils grouped by their questionnaire result.',
          schoolEvidence:
            'Retired by the school: adopting schools measured no gain, and the research finds none for learning styles.',
          phases: ['PRIMARY'],
          keyStages: ['KS2'],
          subjects: ['READING'],
          pupilGroups: ['ALL'],
          strandId: 'INDIVIDUALISED_INSTRUCTION',
        }),
      ],
    },
    {
      id: 'PR-0011',
      urn: 147068, // Castle Mead Academy, Leicester Evolve Academy Trust (Leicestershire)
      visibility: 'PUBLIC',
      status: 'PUBLISHED',
      authorIds: ['S147068-01'],
      createdAt: '2024-01-15T09:00:00Z',
      versions: [
        v({
          title: 'Retrieval quizzes as homework',
          summary: 'Homework is a short weekly quiz on earlier topics, marked in class the next day.',
          problem: 'Homework completion was low and pupils forgot last term’s content.',
          approach:
            'Each department sets ten retrieval questions a week spaced over earlier units; answers are self-marked at the start of the next lesson and feed the teacher’s plan.',
          phases: ['SECONDARY'],
          keyStages: ['KS3', 'KS4'],
          subjects: ['MATHS', 'SCIENCE'],
          pupilGroups: ['ALL'],
          strandId: 'HOMEWORK',
        }),
      ],
    },
    {
      id: 'PR-0012',
      urn: 146428, // Uppingham Church of England Primary School, Rutland Pioneer Multi-Academy Trust
      visibility: 'TRUST',
      status: 'PUBLISHED',
      authorIds: ['S146428-01'],
      createdAt: '2024-02-26T09:00:00Z',
      versions: [
        v({
          title: 'Structured number intervention led by teaching assistants',
          summary:
            'Trained teaching assistants deliver a scripted twelve-week number programme to pairs of pupils.',
          problem:
            'Teaching assistants were deployed without training and their support had no measured effect.',
          approach:
            'Teaching assistants are trained and coached in one structured programme, timetabled three times a week, linked to class teaching.',
          phases: ['PRIMARY'],
          keyStages: ['KS1', 'KS2'],
          subjects: ['MATHS'],
          pupilGroups: ['LOW_PRIOR_ATTAINMENT', 'SEN'],
          strandId: 'TEACHING_ASSISTANT_INTERVENTIONS',
        }),
      ],
    },
  ];
}

/** Roles that count as teaching staff when dividing CPD hours per teacher. */
export const TEACHING_ROLES = new Set(['HEAD', 'TEACHER', 'SENCO', 'LEARNING_GUIDE']);

export interface DemoCpdActivity {
  id: string;
  urn: number;
  staffId: string;
  type:
    | 'COACHING'
    | 'LESSON_STUDY'
    | 'OPEN_DAY_VISIT'
    | 'SHADOWING_EXECUTIVE_HEAD'
    | 'SABBATICAL'
    | 'ACTION_RESEARCH'
    | 'E_MENTORING'
    | 'EXTERNAL_COURSE'
    | 'JOINT_PLANNING';
  title: string;
  hours: number;
  startedOn: string;
  endedOn: string;
  academicYear: number;
  schoolBased: boolean;
  inTeam: boolean;
  focus:
    | 'ASSESSMENT_FOR_LEARNING'
    | 'LEARNING_HOW_TO_LEARN'
    | 'SUBJECT_KNOWLEDGE'
    | 'LEADERSHIP'
    | 'SEN_AND_INCLUSION'
    | 'BEHAVIOUR'
    | 'OTHER';
  practiceId: string | null;
  hostUrn: number | null;
}

export const DEMO_CPD_FIRST_YEAR = 2021;
export const DEMO_CPD_LAST_YEAR = 2025;

type Kind = [DemoCpdActivity['type'], string, number, number, boolean, boolean];
/** type, title, min hours, max hours, school-based, in a team. */
const KINDS: Kind[] = [
  ['COACHING', 'Instructional coaching cycle', 6, 12, true, false],
  ['LESSON_STUDY', 'Lesson study with two colleagues', 9, 15, true, true],
  ['JOINT_PLANNING', 'Collaborative lesson planning', 3, 8, true, true],
  ['ACTION_RESEARCH', 'Classroom action research', 10, 20, true, false],
  ['E_MENTORING', 'E-mentoring with a teacher in another school', 4, 8, false, false],
  ['OPEN_DAY_VISIT', 'Open-day visit to another school', 6, 6, false, true],
  ['EXTERNAL_COURSE', 'External course', 6, 18, false, false],
];
const SCHOOL_BASED = KINDS.filter((k) => k[4]);
const ELSEWHERE = KINDS.filter((k) => !k[4]);
const FOCUSES: DemoCpdActivity['focus'][] = [
  'SUBJECT_KNOWLEDGE',
  'LEARNING_HOW_TO_LEARN',
  'SEN_AND_INCLUSION',
  'BEHAVIOUR',
  'OTHER',
];

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * CPD for every teaching member of staff of a demo school, academic years 2021–2025 (2025/26: autumn term
 * only). Schools move towards school-based, team CPD focused on assessment for learning year on year, as
 * the report recommends, each at its own pace; heads shadow an executive head now and then, and one head
 * takes a sabbatical.
 */
export function demoCpdActivities(school: SchoolRecord): DemoCpdActivity[] {
  const random = seededRandom(school.urn * 31 + 5);
  const teaching = demoStaff(school).staff.filter((s) => TEACHING_ROLES.has(s.role));
  const pace = 0.04 + random() * 0.08;
  const activities: DemoCpdActivity[] = [];
  for (let year = DEMO_CPD_FIRST_YEAR; year <= DEMO_CPD_LAST_YEAR; year++) {
    const step = year - DEMO_CPD_FIRST_YEAR;
    const schoolBasedChance = Math.min(0.9, 0.35 + pace * step * 1.5);
    const aflChance = Math.min(0.7, 0.2 + pace * step);
    const months = year === DEMO_CPD_LAST_YEAR ? [9, 10, 11, 12] : [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7];
    for (const member of teaching) {
      const count = year === DEMO_CPD_LAST_YEAR ? 1 + Math.floor(random() * 2) : 2 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const pool = random() < schoolBasedChance ? SCHOOL_BASED : ELSEWHERE;
        let kind = pool[Math.floor(random() * pool.length)] as Kind;
        if (member.role === 'HEAD' && i === 0 && year % 2 === 1)
          kind = ['SHADOWING_EXECUTIVE_HEAD', 'Shadowing an executive head', 14, 14, false, false];
        const [type, title, lo, hi, schoolBased, inTeam] = kind;
        const month = months[Math.floor(random() * months.length)] as number;
        const calendarYear = month >= 9 ? year : year + 1;
        const day = 1 + Math.floor(random() * 27);
        const focus =
          random() < aflChance
            ? 'ASSESSMENT_FOR_LEARNING'
            : (FOCUSES[Math.floor(random() * FOCUSES.length)] as DemoCpdActivity['focus']);
        activities.push({
          id: `CPD-${school.urn}-${year}-${String(activities.length + 1).padStart(4, '0')}`,
          urn: school.urn,
          staffId: member.id,
          type,
          title: focus === 'ASSESSMENT_FOR_LEARNING' ? `${title}: assessment for learning` : title,
          hours: Math.round(lo + random() * (hi - lo)),
          startedOn: iso(calendarYear, month, day),
          endedOn: iso(calendarYear, month, day),
          academicYear: year,
          schoolBased,
          inTeam,
          focus,
          practiceId: null,
          hostUrn: null,
        });
      }
    }
  }
  // The head of Casterton College took a term's sabbatical in 2023/24, working in another school (report, Part 3).
  if (school.urn === 137340)
    activities.push({
      id: `CPD-${school.urn}-2023-SAB`,
      urn: school.urn,
      staffId: 'S137340-01',
      type: 'SABBATICAL',
      title: 'Sabbatical term working in a school facing challenging circumstances',
      hours: 180,
      startedOn: '2024-01-08',
      endedOn: '2024-03-28',
      academicYear: 2023,
      schoolBased: false,
      inTeam: false,
      focus: 'LEADERSHIP',
      practiceId: null,
      hostUrn: 147068,
    });
  return activities;
}

/** Lesson study and open-day visits tied to the practices they were about. */
export function demoPracticeCpd(): DemoCpdActivity[] {
  return demoAdoptionCohorts().map((a) => ({
    id: `CPD-${a.urn}-${a.academicYear}-${a.id}`,
    urn: a.urn,
    staffId: `S${a.urn}-01`,
    type: 'OPEN_DAY_VISIT',
    title: `Open-day visit to see ${a.practiceId} in practice`,
    hours: 6,
    startedOn: `${a.academicYear}-07-01`,
    endedOn: `${a.academicYear}-07-01`,
    // The visit is in the summer term before the adoption starts.
    academicYear: a.academicYear - 1,
    schoolBased: false,
    inTeam: true,
    focus: 'ASSESSMENT_FOR_LEARNING',
    practiceId: a.practiceId,
    hostUrn: demoPractices().find((p) => p.id === a.practiceId)?.urn ?? null,
  }));
}

export interface DemoExpert {
  id: string;
  name: string;
  background:
    | 'RETIRED_HEAD'
    | 'SERVING_LEADER'
    | 'SUBJECT_SPECIALIST'
    | 'HR'
    | 'FINANCE'
    | 'SEN_SPECIALIST'
    | 'BUSINESS';
  summary: string;
  skills: string[];
  region: string;
  availability: 'AVAILABLE' | 'LIMITED' | 'UNAVAILABLE';
  daysPerMonth: number;
}

const EXPERTS: Omit<DemoExpert, 'id' | 'name'>[] = [
  {
    background: 'RETIRED_HEAD',
    summary: 'Headteacher of two primary schools for 18 years; coaches new heads.',
    skills: ['LEADERSHIP_COACHING', 'SCHOOL_IMPROVEMENT', 'ASSESSMENT_FOR_LEARNING'],
    region: 'East Midlands',
    availability: 'AVAILABLE',
    daysPerMonth: 6,
  },
  {
    background: 'RETIRED_HEAD',
    summary: 'Former secondary head and executive head of a federation.',
    skills: ['LEADERSHIP_COACHING', 'SCHOOL_IMPROVEMENT', 'TIMETABLING'],
    region: 'East of England',
    availability: 'AVAILABLE',
    daysPerMonth: 4,
  },
  {
    background: 'HR',
    summary: 'HR director in retail for twenty years, now part time.',
    skills: ['HR', 'RECRUITMENT', 'STAFF_WELLBEING'],
    region: 'East Midlands',
    availability: 'LIMITED',
    daysPerMonth: 2,
  },
  {
    background: 'FINANCE',
    summary: 'Chartered accountant; has been a trust finance director.',
    skills: ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'],
    region: 'East Midlands',
    availability: 'AVAILABLE',
    daysPerMonth: 5,
  },
  {
    background: 'FINANCE',
    summary: 'Retired bank manager offering budget reviews.',
    skills: ['FINANCE', 'BUDGET_PLANNING'],
    region: 'West Midlands',
    availability: 'AVAILABLE',
    daysPerMonth: 8,
  },
  {
    background: 'SUBJECT_SPECIALIST',
    summary: 'Maths specialist leader of education; mastery and same-day intervention.',
    skills: ['MATHS', 'ASSESSMENT_FOR_LEARNING', 'CURRICULUM'],
    region: 'East Midlands',
    availability: 'LIMITED',
    daysPerMonth: 3,
  },
  {
    background: 'SUBJECT_SPECIALIST',
    summary: 'Physics teacher, recently retired, for department support and teaching.',
    skills: ['SCIENCE', 'CURRICULUM'],
    region: 'East Midlands',
    availability: 'AVAILABLE',
    daysPerMonth: 10,
  },
  {
    background: 'SUBJECT_SPECIALIST',
    summary: 'English lead and reading consultant.',
    skills: ['ENGLISH', 'READING', 'PHONICS'],
    region: 'South East',
    availability: 'AVAILABLE',
    daysPerMonth: 6,
  },
  {
    background: 'SEN_SPECIALIST',
    summary: 'Former SENCO and specialist teacher for dyslexia.',
    skills: ['SEN', 'READING', 'ASSESSMENT_FOR_LEARNING'],
    region: 'East Midlands',
    availability: 'UNAVAILABLE',
    daysPerMonth: 0,
  },
  {
    background: 'BUSINESS',
    summary: 'Operations manager helping schools with estates and contracts.',
    skills: ['PROCUREMENT', 'ESTATES'],
    region: 'Yorkshire and the Humber',
    availability: 'AVAILABLE',
    daysPerMonth: 4,
  },
  {
    background: 'SERVING_LEADER',
    summary: 'Deputy head for teaching and learning; runs lesson study across a trust.',
    skills: ['ASSESSMENT_FOR_LEARNING', 'LESSON_STUDY', 'LEADERSHIP_COACHING'],
    region: 'East Midlands',
    availability: 'LIMITED',
    daysPerMonth: 2,
  },
  {
    background: 'RETIRED_HEAD',
    summary: 'Former special school head; inclusion reviews.',
    skills: ['SEN', 'SCHOOL_IMPROVEMENT'],
    region: 'North West',
    availability: 'AVAILABLE',
    daysPerMonth: 5,
  },
];

/** People offering skills to schools: recently retired heads, HR and finance people, subject specialists. */
export function demoExperts(): DemoExpert[] {
  const random = seededRandom(2006);
  return EXPERTS.map((e, i) => {
    const { first, last } = personName(random);
    return { id: `EX-${String(i + 1).padStart(3, '0')}`, name: `${first} ${last}`, ...e };
  });
}

export interface DemoSkillRequest {
  id: string;
  urn: number;
  title: string;
  description: string;
  skills: string[];
  status: 'OPEN' | 'FILLED' | 'WITHDRAWN';
  requestedBy: string;
  createdAt: string;
}

export function demoSkillRequests(): DemoSkillRequest[] {
  return [
    {
      id: 'SR-001',
      urn: 142544,
      title: 'Coach for our new headteacher',
      description: 'A recently retired head to coach our first-year head through the year.',
      skills: ['LEADERSHIP_COACHING', 'SCHOOL_IMPROVEMENT'],
      status: 'OPEN',
      requestedBy: 'S142544-01',
      createdAt: '2025-09-08T09:00:00Z',
    },
    {
      id: 'SR-002',
      urn: 120355,
      title: 'Budget review before the new financial year',
      description: 'Three days to review our budget plan and procurement.',
      skills: ['FINANCE', 'BUDGET_PLANNING', 'PROCUREMENT'],
      status: 'OPEN',
      requestedBy: 'S120355-01',
      createdAt: '2025-10-06T09:00:00Z',
    },
    {
      id: 'SR-003',
      urn: 147068,
      title: 'Physics teaching support',
      description: 'We cannot recruit a physics specialist; support for the science department.',
      skills: ['SCIENCE', 'CURRICULUM'],
      status: 'OPEN',
      requestedBy: 'S147068-01',
      createdAt: '2025-09-15T09:00:00Z',
    },
    {
      id: 'SR-004',
      urn: 137358,
      title: 'Assessment for learning lead for lesson study',
      description: 'Someone to lead lesson study on assessment for learning for a term.',
      skills: ['ASSESSMENT_FOR_LEARNING', 'LESSON_STUDY'],
      status: 'FILLED',
      requestedBy: 'S137358-01',
      createdAt: '2024-11-04T09:00:00Z',
    },
    {
      id: 'SR-005',
      urn: 141234,
      title: 'HR advice on restructuring support staff',
      description: '',
      skills: ['HR', 'STAFF_WELLBEING'],
      status: 'OPEN',
      requestedBy: 'S141234-01',
      createdAt: '2025-11-03T09:00:00Z',
    },
  ];
}

export interface DemoConsultancy {
  id: string;
  fromUrn: number;
  fromDepartmentId: string;
  toUrn: number;
  toDepartmentId: string;
  subject: string;
  teamStaffIds: string[];
  aims: string;
  startedOn: string;
  endedOn: string | null;
}

/**
 * Teams from strong departments working in departments of other schools in the same partnership. Every
 * receiving school is a demo school with pupils, so the progress subgraph can show the receiving department's
 * progress (maths and English; science has no periodic assessments to measure).
 */
export function demoConsultancies(): DemoConsultancy[] {
  const teachersOf = (urn: number, departmentId: string) => {
    const school = demoSelection().schools.find((s) => s.urn === urn);
    return school
      ? demoStaff(school)
          .staff.filter((s) => s.departmentId === departmentId)
          .slice(0, 3)
          .map((s) => s.id)
      : [];
  };
  return [
    {
      id: 'CE-001',
      fromUrn: 136530,
      fromDepartmentId: 'D136530-MAT',
      toUrn: 147068,
      toDepartmentId: 'D147068-MAT',
      subject: 'MATHS',
      teamStaffIds: teachersOf(136530, 'D136530-MAT'),
      aims: 'Turn around Key Stage 3 maths: shared schemes of work, joint planning and coaching.',
      startedOn: '2023-09-04',
      endedOn: '2024-07-19',
    },
    {
      id: 'CE-002',
      fromUrn: 136629,
      fromDepartmentId: 'D136629-SCI',
      toUrn: 137340,
      toDepartmentId: 'D137340-SCI',
      subject: 'SCIENCE',
      teamStaffIds: teachersOf(136629, 'D136629-SCI'),
      aims: 'Practical science and metacognitive prompts across Key Stage 4.',
      startedOn: '2025-01-06',
      endedOn: null,
    },
    {
      id: 'CE-003',
      fromUrn: 136530,
      fromDepartmentId: 'D136530-ENG',
      toUrn: 146232,
      toDepartmentId: 'D146232-ENG',
      subject: 'ENGLISH',
      teamStaffIds: teachersOf(136530, 'D136530-ENG'),
      aims: 'Reading for meaning across Key Stage 3: reciprocal reading, vocabulary and extended writing.',
      startedOn: '2024-09-09',
      endedOn: null,
    },
  ];
}

/** The region of a school's LA (from the DfE LA code). */
export const regionOfSchool = (school: Pick<SchoolRecord, 'laCode'>) => regionOf(school.laCode) ?? 'Unknown';
