import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The long-running files (browser, crash test) start first, so the run does not wait on them at the end. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => /[\\/]test[\\/](e2e|durability)[\\/]/.test(f.moduleId);
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

/**
 * `npm test` (after the type check). SQLite always; PostgreSQL with BUURTARENA_TEST_POSTGRES=1
 * (test/setup/postgres.ts starts a temporary server); browser tests with BUURTARENA_TEST_BROWSER=1.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', '.bench-cache/**'],
    globalSetup: ['test/setup/postgres.ts'],
    environment: 'node',
    pool: 'forks',
    // At least two files at once, even on a two-core machine: the browser and PostgreSQL tests mostly wait on other processes.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Password hashing (scrypt, ~40–250 ms each) and PostgreSQL databases make some tests slow on busy machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    sequence: { sequencer: LongestFirst },
  },
});
