import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The real server as a process of its own (`src/cli/main.ts serve` on a free port), for tests
 * that kill it, and a small HTTP client that keeps cookies, as a browser would.
 */
const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve'], {
      cwd: root, env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s/]+)\//.exec(output);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1]! }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
}

/** Kill the server at once (no clean shutdown) and wait until it is gone. */
export async function killServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGKILL');
  await exited;
}

export class HttpClient {
  private cookies = new Map<string, string>();
  /** The server's address; point it at the restarted server to go on with the same cookies. */
  constructor(public base: string) {}

  async request(method: string, url: string, body?: unknown, csrf?: string): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    return this.keep(await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' }));
  }

  /** POST a form as a browser does (urlencoded), without following the redirect. */
  async postForm(url: string, fields: ReadonlyArray<[string, string]>): Promise<Response> {
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' };
    return this.keep(await fetch(this.base + url, { method: 'POST', headers, body: new URLSearchParams([...fields]).toString(), redirect: 'manual' }));
  }

  /** The hidden fields of the first form on a page that has them (its CSRF token and one-time form key). */
  async hiddenFields(url: string): Promise<Array<[string, string]>> {
    const page = await (await this.request('GET', url)).text();
    return [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]);
  }

  async csrf(): Promise<string> {
    return ((await (await this.request('GET', '/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
  }

  private keep(response: Response): Response {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value); else this.cookies.delete(name!);
    }
    return response;
  }
}
