import { dailyAt } from '../jobs.js';
import type { CapabilityModule } from '../module.js';
import { registerFileApi, registerFileRoutes } from './http.js';
import { filesMessages } from './messages.js';
import { collectFileGarbage, fileMigrations } from './store.js';

export const FILE_GARBAGE_JOB = 'files.collectGarbage';

/**
 * The file store as a platform module: its tables, messages, download routes, and the daily
 * removal of bytes nothing refers to any more (directory backend; a no-op on the database backend).
 */
export const filesModule: CapabilityModule = {
  name: 'files',
  migrations: fileMigrations,
  messages: filesMessages,
  registerPages: (app, platform) => registerFileRoutes(app, platform),
  registerApi: registerFileApi,
  registerJobs(platform) {
    platform.jobs.register(FILE_GARBAGE_JOB, async () => {
      await collectFileGarbage(platform);
    });
    platform.jobs.schedule(dailyAt(FILE_GARBAGE_JOB, 4));
  },
};
