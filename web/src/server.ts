import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { continueTrace, createLogger, type Logger, runInTrace } from '@commonroom/telemetry';
import nunjucks from 'nunjucks';
import type { Context, DevelopmentSignIn } from './context.ts';
import type { WebSettings } from './env.ts';
import { BadRequest, Forbidden, NotFound, SignInNeeded } from './errors.ts';
import { callGateway, isForbidden, isUnauthenticated } from './graphql.ts';
import { OidcSignIn } from './oidc.ts';
import { operationHash, operationName, readPersistedOperations } from './operations.ts';
import { ROUTES } from './pages/index.ts';
import type { Page } from './pages/types.ts';
import { COOKIE, csrfMatches, newSession, parseCookies, Sealer, sessionCookie } from './session.ts';
import { type SessionStore, sessionStore } from './session-store.ts';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportHref,
  tableCsv,
  tableFromHtml,
  tableXlsx,
} from './tables.ts';

export type { Context, DevelopmentSignIn } from './context.ts';
export type { WebSettings } from './env.ts';
export { webSettings } from './env.ts';

export interface WebOptions {
  settings: WebSettings;
  developmentSignIn?: DevelopmentSignIn;
  /** `false`: log nothing (tests that expect failures). */
  log?: boolean;
  /** Where signed-in sessions are kept (default: Redis at settings.redisUrl, else memory). */
  sessions?: SessionStore;
  /** Lets OpenID Connect discovery and token calls use plain http (tests against a local issuer only). */
  oidcOverHttp?: boolean;
  /** Its log; default: JSON lines on stdout at `info`. */
  logger?: Logger;
}

const require = createRequire(import.meta.url);
const GOVUK = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const VIEWS = fileURLToPath(new URL('../views', import.meta.url));
const STATIC = fileURLToPath(new URL('../static', import.meta.url));
const ASSETS = join(GOVUK, 'govuk', 'assets');
const STYLESHEET = join(GOVUK, 'govuk', 'govuk-frontend.min.css');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

export function createWebServer(options: WebOptions) {
  const { settings } = options;
  const logger = options.logger ?? createLogger('web', { level: options.log === false ? 'silent' : 'info' });
  const sealer = new Sealer(settings.sessionSecret);
  // The gateway knows only the persisted operations: a page whose operation is not among them is a bug.
  const persisted = readPersistedOperations();
  const sessions = options.sessions ?? sessionStore(settings.redisUrl);
  const oidc = settings.oidc ? new OidcSignIn(settings.oidc, options.oidcOverHttp) : undefined;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK]), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('percent', (v: number) => `${(v * 100).toFixed(1)}%`);
  env.addFilter('pp', (v: number) => `${(v * 100).toFixed(1)} pts`);
  env.addFilter('points', (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(2)}`);
  env.addFilter('fixed', (v: number, digits: number) => v.toFixed(digits));

  env.addGlobal('exportHref', exportHref);

  function render(res: ServerResponse, status: number, view: string, vars: Record<string, unknown>) {
    const html = env.render(view, vars);
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(vars.cspNonce) });
    res.end(html);
  }

  async function serveFile(res: ServerResponse, root: string, relative: string) {
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep) && path !== root) return false;
    try {
      const info = await stat(path);
      if (!info.isFile()) return false;
    } catch {
      return false;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(path).pipe(res);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://web.invalid');
    if (req.method === 'GET' && url.pathname === '/stylesheets/govuk-frontend.min.css')
      if (await serveFile(res, dirname(STYLESHEET), 'govuk-frontend.min.css')) return;
    if (req.method === 'GET' && url.pathname === '/stylesheets/print.css')
      if (await serveFile(res, STATIC, 'print.css')) return;
    if (req.method === 'GET' && url.pathname.startsWith('/assets/'))
      if (await serveFile(res, ASSETS, url.pathname.slice('/assets/'.length))) return;
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }

    const cookies = parseCookies(req.headers.cookie);
    let existing = sealer.unseal(cookies[COOKIE]);
    // A signed-in session must still be in the store: signing out or revoking it ends it at once.
    if (existing?.token && !(existing.id && (await sessions.has(existing.id)))) existing = undefined;
    let session = existing ?? newSession(settings.sessionHours);
    let sessionChanged = !existing;
    const cspNonce = randomBytes(16).toString('base64');
    const setCookie = () =>
      sessionChanged
        ? {
            'set-cookie': sessionCookie(
              sealer.seal(session),
              Math.max(0, Math.floor((session.expires - Date.now()) / 1000)),
              settings.production,
            ),
          }
        : {};
    const base = () => ({
      cspNonce,
      serviceName: 'Commonroom',
      session: {
        signedIn: Boolean(session.token),
        label: session.label,
        role: session.role,
        scope: session.scope,
      },
      csrf: session.csrf,
      path: url.pathname + url.search,
      production: settings.production,
    });
    const page = (status: number, view: string, vars: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(setCookie())) res.setHeader(k, v);
      render(res, status, view, { ...base(), ...vars });
    };

    let form = new URLSearchParams();
    if (req.method === 'POST') {
      const type = req.headers['content-type'] ?? '';
      const body = await readBody(req, 100_000);
      if (body === undefined) return page(413, 'error.njk', { title: 'That form was too large' });
      if (!type.startsWith('application/x-www-form-urlencoded'))
        return page(415, 'error.njk', { title: 'Forms must be sent as a web form' });
      form = new URLSearchParams(body);
      // Every POST carries the session's CSRF token; a forged cross-site form does not know it.
      if (!existing || !csrfMatches(session, form.get('_csrf') ?? undefined))
        return page(403, 'error.njk', {
          title: 'This form has expired',
          body: 'Go back, reload the page and try again.',
        });
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }

    const route = matchRoute(req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'), url.pathname);
    if (!route) return page(404, 'error.njk', { title: 'Page not found', body: 'Check the address.' });

    const context: Context = {
      url,
      params: route.params,
      session,
      form,
      settings,
      developmentSignIn: options.developmentSignIn,
      async query<T>(document: string, variables: Record<string, unknown> = {}) {
        if (!persisted.has(operationHash(document)))
          throw new Error(
            `${operationName(document) ?? 'an operation'} is not in web/persisted-operations.json: run npm run persist -w @commonroom/web`,
          );
        const result = await callGateway<T>(settings.gatewayUrl, session.token, document, variables);
        // Not signed in and refused: sign in first, then come back.
        if (isUnauthenticated(result.errors) || (!session.token && isForbidden(result.errors)))
          throw new SignInNeeded();
        return result;
      },
      setSession(next) {
        session = next;
        sessionChanged = true;
      },
      async signIn(who) {
        const fresh = newSession(settings.sessionHours);
        const expires = Math.min(fresh.expires, who.expires ?? fresh.expires);
        const id = randomBytes(18).toString('base64url');
        await sessions.add(id, expires);
        context.setSession({
          ...fresh,
          id,
          expires,
          token: who.token,
          label: who.label,
          role: who.role,
          scope: who.scope,
        });
      },
      async signOut() {
        if (session.id) await sessions.revoke(session.id);
        context.setSession(newSession(settings.sessionHours));
      },
      oidc,
    };
    try {
      const result: Page = await route.handler(context);
      if ('redirect' in result) {
        res.writeHead(303, { location: result.redirect, ...setCookie() }).end();
        return;
      }
      if ('download' in result) {
        res.writeHead(200, {
          'content-type': result.download.type,
          'content-disposition': `attachment; filename="${result.download.filename}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...setCookie(),
        });
        res.end(result.download.body);
        return;
      }
      const format = url.searchParams.get('format');
      const tableId = url.searchParams.get('table');
      if (req.method !== 'POST' && tableId && (EXPORT_FORMATS as readonly string[]).includes(format ?? '')) {
        if ((result.status ?? 200) !== 200) return page(result.status ?? 200, result.view, result.vars);
        const table = tableFromHtml(env.render(result.view, { ...base(), ...result.vars }), tableId);
        if (!table) throw new BadRequest(`This page has no table "${tableId}" to download`, 'table');
        const name = `${url.pathname.slice(1).replace(/[^\w-]+/g, '-') || 'commonroom'}-${tableId}`;
        const xlsx = (format as ExportFormat) === 'xlsx';
        res.writeHead(200, {
          'content-type': xlsx
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.${xlsx ? 'xlsx' : 'csv'}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...setCookie(),
        });
        res.end(xlsx ? await tableXlsx(table) : tableCsv(table));
        return;
      }
      page(result.status ?? 200, result.view, result.vars);
    } catch (error) {
      if (error instanceof SignInNeeded) {
        if (session.token) await context.signOut();
        res
          .writeHead(303, {
            location: `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`,
            ...setCookie(),
          })
          .end();
        return;
      }
      if (error instanceof Forbidden)
        return page(403, 'forbidden.njk', {
          title: 'You do not have access to this page',
          what: error.message,
        });
      if (error instanceof NotFound)
        return page(404, 'error.njk', { title: 'Page not found', body: error.message });
      if (error instanceof BadRequest)
        return page(400, 'error.njk', {
          title: 'There is a problem',
          errors: [{ text: error.message, href: `#${error.field}` }],
        });
      logger.error({ err: error, method: req.method, path: url.pathname }, 'page failed');
      return page(502, 'error.njk', {
        title: 'Sorry, there is a problem with the service',
        body: 'Commonroom could not get the data for this page. Try again later.',
      });
    }
  }

  const server = createServer((req, res) => {
    // Each page's log lines carry one trace id: the caller's `traceparent`, or a new one.
    const header = req.headers.traceparent;
    const trace = continueTrace(Array.isArray(header) ? header[0] : header);
    runInTrace(trace, () => handle(req, res)).catch((error) => {
      logger.error({ err: error, method: req.method, path: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Sorry, there is a problem with the service.');
    });
  });

  return {
    server,
    listen(port = settings.port, host = settings.host): Promise<RunningWeb> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve({
            url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}/`,
            close: () =>
              new Promise<void>((done) => {
                server.closeAllConnections();
                server.close(() => done());
              }).then(() => sessions.close()),
          });
        });
      });
    },
  };
}

function securityHeaders(nonce: unknown): Record<string, string> {
  return {
    'content-security-policy': `default-src 'self'; script-src 'nonce-${String(nonce)}'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function matchRoute(method: string, pathname: string) {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (match) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(match.groups ?? {})) params[k] = decodeURIComponent(v);
      return { handler: route.handler, params };
    }
  }
  return undefined;
}
