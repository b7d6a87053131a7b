import { it } from 'vitest';
import { versionMessages as m } from './messages.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

it('has the same keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(m);
});
