import type { FastifyInstance } from 'fastify';
import { addUser, grantRole } from '../../src/capabilities/parties/index.js';
import type { Platform } from '../../src/platform/context.js';
import { system } from '../../src/platform/policy.js';
import { execute } from '../../src/platform/service.js';
import type { Tenant } from '../../src/platform/tenancy.js';
import { agent, signInDirectly, type Agent } from './http.js';

export const TEST_PASSWORD = 'a-long-test-password';

/**
 * A new account made through the real use cases, with a role over a whole municipality, and an
 * agent signed in as it (with the second step, as an administrator needs).
 */
export async function signedInAccount(app: FastifyInstance, platform: Platform, email: string, tenant: Tenant, role: string): Promise<Agent> {
  await execute({ platform, actor: system, tenant: null, locale: 'nl' }, addUser, { email, displayName: email.split('@')[0], password: TEST_PASSWORD });
  await execute({ platform, actor: system, tenant, locale: 'nl' }, grantRole, { email, role, scopeType: 'municipality' });
  const user = agent(app);
  await signInDirectly(user, platform, email);
  return user;
}
