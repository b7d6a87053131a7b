import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with a free port, for tests of
 * staff sign-in: one confidential client, accounts whose claims the test sets, and a small
 * browser that walks its development login and consent pages over real HTTP.
 */
export interface TestAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** Follow an authorization URL through the provider's login (as `login`) until it redirects to the client; returns that URL. */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestIdp(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestIdp> {
  let handler: http.RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const provider = new Provider(issuer, {
    clients: [{
      client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    // The groups come with the profile scope, as many providers send them (Buurtarena asks for openid, email and profile).
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...account }; } };
    },
    cookies: { keys: ['buurtarena-test-idp-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx: unknown, error: unknown) => process.stderr.write(`[test idp] ${String(error)}\n`));
  handler = provider.callback();

  async function signIn(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    const request = async (url: string, init: { method?: string; form?: Record<string, string> } = {}) => {
      const response = await fetch(url, {
        method: init.method ?? 'GET', redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair!.split('=');
        if (value.join('=') === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name!.trim());
        else jar.set(name!.trim(), value.join('='));
      }
      return response;
    };
    let url = authorizationUrl;
    for (let hop = 0; hop < 20; hop++) {
      const target = new URL(url, issuer);
      if (target.origin !== issuer) return target; // back at the client
      const response = await request(target.href);
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, target).href;
        continue;
      }
      const page = await response.text();
      if (response.status !== 200) throw new Error(`test idp answered ${response.status} at ${target.pathname}: ${page.slice(0, 500)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`no interaction form at ${target.pathname}: ${page.slice(0, 500)}`);
      const submitted = await request(new URL(action, target).href, { method: 'POST', form: prompt === 'login' ? { prompt, login, password: 'any' } : { prompt } });
      if (submitted.status < 300 || submitted.status >= 400) throw new Error(`interaction ${prompt} answered ${submitted.status}: ${(await submitted.text()).slice(0, 500)}`);
      url = new URL(submitted.headers.get('location')!, target).href;
    }
    throw new Error('too many redirects at the test idp');
  }

  return {
    issuer, accounts, signIn,
    close: () => new Promise<void>((resolve, reject) => { server.closeAllConnections(); server.close((e) => (e ? reject(e) : resolve())); }),
  };
}
