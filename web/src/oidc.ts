import { parseViewer, type Viewer } from '@commonroom/auth';
import * as client from 'openid-client';
import type { OidcSettings } from './env.ts';
import { personaOf } from './persona.ts';

/** What a sign-in started and the callback must check: OAuth state and the PKCE verifier, kept in the session. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  next?: string;
}

export interface SignedIn {
  token: string;
  label: string;
  role: string;
  scope: string;
  /** When the access token expires, milliseconds since the epoch. */
  expires?: number;
}

export class OidcRefused extends Error {}

/**
 * Production sign-in with OpenID Connect: the authorization code flow with PKCE (S256) and state against the
 * configured issuer (`openid-client`). The issuer says who the person is in Commonroom in a `commonroom` claim
 * of the ID token — the same object as in the bearer tokens the gateway accepts: `role` and its scope
 * (`trustId`, `laCode`, `urn`, `carerId`, `providerId`…); docs/web.md shows the mapping. The access token,
 * a JWT for the gateway's audience carrying the same claim, becomes the session's bearer token.
 */
export class OidcSignIn {
  #config?: Promise<client.Configuration>;
  constructor(
    readonly settings: OidcSettings,
    private readonly allowHttp = false,
  ) {}

  config(): Promise<client.Configuration> {
    this.#config ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error) => {
        this.#config = undefined; // try discovery again next time
        throw error;
      });
    return this.#config;
  }

  /** Where to send the browser, and what to remember in the session for the callback. */
  async start(next: string | undefined): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...(this.settings.resource ? { resource: this.settings.resource } : {}),
    });
    return { url: url.href, pending: { state, verifier, ...(next ? { next } : {}) } };
  }

  /** Exchanges the code at the callback (checking state and PKCE) for the person's role, scope and token. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const config = await this.config();
    // The callback arrives at this server's own address; the issuer checks it against the registered one.
    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(
        config,
        current,
        { pkceCodeVerifier: pending.verifier, expectedState: pending.state },
        this.settings.resource ? { resource: this.settings.resource } : undefined,
      );
    } catch (error) {
      throw new OidcRefused(`The sign-in service did not confirm who you are (${(error as Error).message})`);
    }
    const claims = tokens.claims();
    let viewer: Viewer;
    try {
      viewer = parseViewer({ ...(claims?.commonroom as object), sub: claims?.sub });
    } catch (error) {
      throw new OidcRefused(
        `Your account has no Commonroom role yet: ask your organisation to give you one (${(error as Error).message})`,
      );
    }
    if (viewer.role === 'anonymous') throw new OidcRefused('Your account has no Commonroom role yet');
    const { label, scope } = personaOf(viewer);
    const expiresIn = tokens.expiresIn();
    return {
      token: tokens.access_token,
      label,
      role: viewer.role,
      scope,
      ...(expiresIn ? { expires: Date.now() + expiresIn * 1000 } : {}),
    };
  }
}
