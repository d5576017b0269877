import { type Light as RuleLight, wordTrafficLight } from '../rules/traffic-lights.ts';

type Light = RuleLight & { viewerLanguage: string };
type LanguageArg = { language?: string | null };

const worded = (light: Light, { language }: LanguageArg) =>
  wordTrafficLight(
    { subject: light.subject, concept: light.concept, status: light.status },
    language ?? light.viewerLanguage,
  );

/** Points never leave this subgraph: only the status and its words. */
export const TrafficLight = {
  label: (light: Light, args: LanguageArg) => worded(light, args).label,
  subjectName: (light: Light, args: LanguageArg) => worded(light, args).subjectName,
  conceptName: (light: Light, args: LanguageArg) => worded(light, args).conceptName,
  explanation: (light: Light, args: LanguageArg) => worded(light, args).explanation,
  setByTeacher: (light: Light) => light.setBy === 'TEACHER',
  teacherReason: (light: Light) => (light.setBy === 'TEACHER' ? light.reason : null),
};
