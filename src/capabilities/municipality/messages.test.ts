import { it } from 'vitest';
import { municipalityMessages as m } from './messages.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
it('same keys and placeholders', () => {
  expectSameKeysAndPlaceholders(m);
});
