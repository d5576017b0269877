import { BadRequest } from '../errors.ts';
import { OidcRefused } from '../oidc.ts';
import { type Handler, type Page, safeNext } from './types.ts';

const PERSONAS = [
  { value: 'trust_leader', text: 'Trust leader', hint: 'the first demo trust, TR0962' },
  { value: 'la_officer', text: 'Local authority officer', hint: 'Rutland, 857' },
  { value: 'school_staff', text: 'School staff', hint: 'the head of the first demo school' },
  { value: 'carer', text: 'Parent or carer', hint: 'the first demo carer, who reads Polish' },
  { value: 'pupil', text: 'Pupil', hint: 'a pupil in Year 5 or above at the first demo school' },
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
    case 'pupil':
      return '/pupil';
    case 'dpo':
      return '/audit';
    case 'provider':
      return '/bookings';
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
  pupil: 'pupil',
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
  for (const extra of ['trust', 'la', 'urn', 'staff', 'carer', 'pupil', 'provider']) {
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
  await ctx.signIn({ ...issued, role });
  return { redirect: next ?? homeOf(role, issued.scope) };
}

/** GET /sign-in: the persona form, or (development) `?as=ROLE[&trust=…|&la=…|&urn=…|&carer=…|&pupil=…|&provider=…]&next=PATH`. */
export const signInPage: Handler = async (ctx) => {
  const next = safeNext(ctx.url.searchParams.get('next'));
  const as = ctx.url.searchParams.get('as');
  if (as) return signIn(ctx, as, '', next);
  // Production signs in only with the organisation's account; development offers it beside the personas.
  if (ctx.oidc && (ctx.settings.production || ctx.url.searchParams.get('with') === 'oidc')) {
    const { url, pending } = await ctx.oidc.start(next);
    ctx.setSession({ ...ctx.session, oidc: pending });
    return { redirect: url };
  }
  return form({ next: next ?? '', oidc: Boolean(ctx.oidc) });
};

/** GET /sign-in/callback: the issuer sends the browser back with a code; exchange it (state and PKCE checked). */
export const signInCallback: Handler = async (ctx) => {
  const pending = ctx.session.oidc;
  if (!ctx.oidc) return { status: 404, view: 'error.njk', vars: { title: 'Page not found' } };
  const refused = (body: string): Page => ({
    status: 403,
    view: 'error.njk',
    vars: { title: 'You could not be signed in', body, signInAgain: true },
  });
  if (!pending) return refused('This sign-in has expired or was started elsewhere. Sign in again.');
  ctx.setSession({ ...ctx.session, oidc: undefined });
  const error = ctx.url.searchParams.get('error');
  if (error)
    return refused(
      `The sign-in service said: ${ctx.url.searchParams.get('error_description') ?? error}. Sign in again.`,
    );
  try {
    const who = await ctx.oidc.finish(ctx.url, pending);
    await ctx.signIn(who);
    return { redirect: pending.next ?? homeOf(who.role, who.scope) };
  } catch (e) {
    if (e instanceof OidcRefused) return refused(e.message);
    throw e;
  }
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
  await ctx.signOut();
  return { redirect: '/' };
};

export const home: Handler = async (ctx) => {
  const { role, scope } = ctx.session;
  const links = ctx.session.token ? [{ href: homeOf(role, scope), text: 'Your pages' }] : [];
  return { view: 'home.njk', vars: { title: 'Commonroom', links } };
};
