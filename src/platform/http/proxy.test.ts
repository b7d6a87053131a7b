import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../config.js';

describe('TRUST_PROXY', () => {
  it('is off by default, and takes a hop count or proxy addresses; anything else is refused by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toBe('10.0.0.1,10.1.0.0/16');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*"true"/);
  });

  describe('in the server', () => {
    let tp: TestPlatform;
    const apps: FastifyInstance[] = [];
    beforeAll(async () => { tp = await openTestPlatform('sqlite'); });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await tp.close();
    });

    async function visitorAddress(trustProxy: false | number | string): Promise<string> {
      const app = await buildApp({ ...tp.platform, config: { ...tp.platform.config, trustProxy } });
      app.get('/__ip', async (request) => request.ip);
      await app.ready();
      apps.push(app);
      const response = await app.inject({ method: 'GET', url: '/__ip', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
      return response.body;
    }

    it('counts the visitor behind a trusted proxy, and ignores the header from anyone else', async () => {
      expect(await visitorAddress(false)).toBe('10.0.0.1');
      expect(await visitorAddress('10.0.0.1')).toBe('203.0.113.7');
      expect(await visitorAddress(1)).toBe('203.0.113.7');
      expect(await visitorAddress('10.9.9.9')).toBe('10.0.0.1');
    });
  });
});
