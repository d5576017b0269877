import type { TrafficLightRow } from '../data/queries.ts';
import { type Subject, type TrafficLightStatus, wordTrafficLight } from '../rules/traffic-lights.ts';

type Light = TrafficLightRow & { viewerLanguage: string };
type LanguageArg = { language?: string | null };

const worded = (light: Light, { language }: LanguageArg) =>
  wordTrafficLight(
    { subject: light.subject as Subject, concept: light.concept, status: light.status as TrafficLightStatus },
    language ?? light.viewerLanguage,
  );

/** Raw points stay in the database: only the status and its words leave this subgraph. */
export const TrafficLight = {
  label: (light: Light, args: LanguageArg) => worded(light, args).label,
  subjectName: (light: Light, args: LanguageArg) => worded(light, args).subjectName,
  conceptName: (light: Light, args: LanguageArg) => worded(light, args).conceptName,
  explanation: (light: Light, args: LanguageArg) => worded(light, args).explanation,
  setByTeacher: (light: Light) => light.setBy === 'TEACHER',
};
