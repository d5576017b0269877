import { BadRequest } from '../errors.ts';
import { newSession } from '../session.ts';
import { type Handler, type Page, safeNext } from './types.ts';

const PERSONAS = [
  { value: 'trust_leader', text: 'Trust leader', hint: 'the first demo trust, TR0962' },
  { value: 'la_officer', text: 'Local authority officer', hint: 'Rutland, 857' },
  { value: 'school_staff', text: 'School staff', hint: 'the head of the first demo school' },
  { value: 'carer', text: 'Parent or carer', hint: 'the first demo carer, who reads Polish' },
  { value: 'provider', text: 'Tutoring provider', hint: 'PR-READ-TOGETHER' },
  { value: 'dpo', text: 'Data protection officer', hint: "the first demo trust's" },
] as const;

/** Where each persona starts. */
export function homeOf(role: string | undefined, scope: string | undefined): string {
  switch (role) {
    case 'trust_leader':
      return `/trusts/${encodeURIComponent(scope ?? '')}`;
    case 'la_officer':
      return `/local-authorities/${encodeURIComponent(scope ?? '')}`;
    case 'school_staff':
      return `/schools/${encodeURIComponent(scope ?? '')}`;
    case 'carer':
      return '/children';
    case 'dpo':
      return '/audit';
    default:
      return '/practices';
  }
}

/** The token flag each role's scope goes in (`npm run -s token -- --role ROLE --FLAG SCOPE`). */
const SCOPE_FLAG: Record<string, string> = {
  trust_leader: 'trust',
  la_officer: 'la',
  school_staff: 'urn',
  carer: 'carer',
  provider: 'provider',
  dpo: 'trust',
};

function form(vars: Record<string, unknown>, status = 200): Page {
  const role = vars.role as string | undefined;
  return {
    view: 'sign-in.njk',
    status,
    vars: {
      title: 'Sign in',
      personas: PERSONAS.map((p) => ({
        value: p.value,
        text: p.text,
        hint: { text: p.hint },
        checked: p.value === role,
      })),
      ...vars,
    },
  };
}

async function signIn(
  ctx: Parameters<Handler>[0],
  role: string,
  scopeValue: string,
  next: string | undefined,
): Promise<Page> {
  if (ctx.settings.production || !ctx.developmentSignIn)
    throw new BadRequest('Development sign-in is turned off in production', 'role');
  const flag = SCOPE_FLAG[role];
  if (!flag) throw new BadRequest(`Choose who to sign in as ("${role}" is not a persona)`, 'role');
  const scope: Record<string, string | undefined> = {};
  if (scopeValue) scope[flag] = scopeValue;
  for (const extra of ['trust', 'la', 'urn', 'staff', 'carer', 'provider']) {
    const value = ctx.url.searchParams.get(extra);
    if (value) scope[extra] = value;
  }
  let issued: Awaited<ReturnType<NonNullable<typeof ctx.developmentSignIn>>>;
  try {
    issued = await ctx.developmentSignIn(role, scope);
  } catch (error) {
    return form(
      {
        role,
        scope: scopeValue,
        next,
        scopeError: (error as Error).message,
        errors: [{ text: (error as Error).message, href: '#scope' }],
      },
      400,
    );
  }
  const session = newSession(ctx.settings.sessionHours);
  ctx.setSession({ ...session, token: issued.token, label: issued.label, role, scope: issued.scope });
  return { redirect: next ?? homeOf(role, issued.scope) };
}

/** GET /sign-in: the persona form, or (development) `?as=ROLE[&trust=…|&la=…|&urn=…|&carer=…|&provider=…]&next=PATH`. */
export const signInPage: Handler = async (ctx) => {
  const next = safeNext(ctx.url.searchParams.get('next'));
  const as = ctx.url.searchParams.get('as');
  if (as) return signIn(ctx, as, '', next);
  return form({ next: next ?? '' });
};

export const signInSubmit: Handler = async (ctx) => {
  const role = ctx.form.get('role') ?? '';
  const next = safeNext(ctx.form.get('next'));
  if (!role) {
    const message = 'Choose who to sign in as';
    return form({ next: next ?? '', roleError: message, errors: [{ text: message, href: '#role' }] }, 400);
  }
  return signIn(ctx, role, (ctx.form.get('scope') ?? '').trim(), next);
};

export const signOut: Handler = async (ctx) => {
  ctx.setSession(newSession(ctx.settings.sessionHours));
  return { redirect: '/' };
};

export const home: Handler = async (ctx) => {
  const { role, scope } = ctx.session;
  const links = ctx.session.token ? [{ href: homeOf(role, scope), text: 'Your pages' }] : [];
  return { view: 'home.njk', vars: { title: 'Commonroom', links } };
};
