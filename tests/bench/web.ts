import { writeFileSync } from 'node:fs';
import { type AuthSettings, signDevelopmentToken, type Viewer } from '@commonroom/auth';
import { createWebServer, webSettings } from '@commonroom/web';
import { COOKIE, newSession, Sealer } from '@commonroom/web/session';
import { MemorySessionStore } from '@commonroom/web/session-store';
import autocannon from 'autocannon';

/**
 * `npm run bench -- --web`: the web pages over the bench hub's gateway, in production mode. Renders the trust
 * page for a trust leader (TR0473 with `--scale trust`) from many signed-in sessions at once and reports
 * latency and requests/s; then weighs the JavaScript each page sends (inline and linked), which must be none
 * where none is needed and under 150 KB everywhere. Writes tests/bench/results/web.md.
 */
const SECRET = 'benchmark-web-session-secret-benchmark-web-session';
const JS_LIMIT = 150 * 1024;

export async function runWebBench(options: {
  gatewayUrl: string;
  auth: AuthSettings;
  trustId: string;
  laCode: string;
  seconds: number;
  concurrency: number;
  resultsPath: string;
  context: string;
}): Promise<string> {
  const sessions = new MemorySessionStore();
  const sealer = new Sealer(SECRET);
  const web = await createWebServer({
    settings: {
      ...webSettings({ NODE_ENV: 'production', WEB_SESSION_SECRET: SECRET }),
      gatewayUrl: options.gatewayUrl,
    },
    sessions,
    log: false,
  }).listen(0);
  /** A signed-in session's cookie, as sign-in would have made it. */
  async function cookieFor(viewer: Exclude<Viewer, { role: 'anonymous' }>, n: number) {
    const session = newSession(12);
    const id = `bench-${viewer.role}-${n}`;
    await sessions.add(id, session.expires);
    const token = await signDevelopmentToken(viewer, options.auth);
    const scope = 'trustId' in viewer ? viewer.trustId : 'laCode' in viewer ? viewer.laCode : undefined;
    return `${COOKIE}=${sealer.seal({ ...session, id, token, role: viewer.role, scope })}`;
  }
  try {
    const leader = { role: 'trust_leader', sub: 'bench-leader', trustId: options.trustId } as const;
    const cookies = await Promise.all(
      Array.from({ length: options.concurrency }, (_, i) => cookieFor(leader, i)),
    );
    const trustUrl = `${web.url}trusts/${options.trustId}`;
    const first = await fetch(trustUrl, { headers: { cookie: cookies[0] ?? '' } });
    const html = await first.text();
    if (first.status !== 200) throw new Error(`the trust page answered ${first.status}`);
    const schools = (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;
    let turn = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: trustUrl,
          connections: options.concurrency,
          duration: options.seconds,
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { cookie: cookies[turn++ % cookies.length] ?? '' },
              }),
            },
          ],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      );
    });

    const pages: [string, string | undefined][] = [
      ['/', undefined],
      ['/sign-in', undefined],
      ['/practices', undefined],
      [`/trusts/${options.trustId}`, cookies[0]],
      [
        `/local-authorities/${options.laCode}`,
        await cookieFor({ role: 'la_officer', sub: 'bench-officer', laCode: options.laCode }, 0),
      ],
      [`/audit`, await cookieFor({ role: 'dpo', sub: 'bench-dpo', trustId: options.trustId }, 0)],
    ];
    const weights: string[] = [];
    for (const [path, cookie] of pages) {
      const res = await fetch(new URL(path, web.url), { headers: cookie ? { cookie } : {} });
      const page = await res.text();
      const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      let bytes = 0;
      for (const [, attributes, body] of scripts) {
        const src = /\bsrc="([^"]+)"/.exec(attributes ?? '')?.[1];
        bytes += src
          ? (await (await fetch(new URL(src, web.url))).arrayBuffer()).byteLength
          : Buffer.byteLength(body ?? '');
      }
      weights.push(
        `| ${path} | ${res.status} | ${Buffer.byteLength(page)} | ${scripts.length} | ${bytes} | ${bytes < JS_LIMIT ? 'yes' : '**no**'} |`,
      );
    }
    const latency = result.latency;
    const report = [
      `Web pages, ${options.context}`,
      '',
      `**Trust page** \`/trusts/${options.trustId}\` (${schools} schools), ${options.concurrency} signed-in sessions at once for ${options.seconds} s: ${Math.round(result.requests.average)} requests/s, latency p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms, max ${latency.max} ms; ${result.non2xx} non-2xx, ${result.errors} errors.`,
      '',
      '| page | status | HTML bytes | scripts | JavaScript bytes | under 150 KB |',
      '|---|---:|---:|---:|---:|---|',
      ...weights,
    ].join('\n');
    writeFileSync(options.resultsPath, `${report}\n`);
    return report;
  } finally {
    await web.close();
  }
}
