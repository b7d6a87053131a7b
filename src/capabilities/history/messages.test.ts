import { expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { expectCatalogueMatchesCode } from '../../../test/support/message-keys.js';
import { historyMessages as m } from './messages.js';

it('has the same keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(m);
});

it('has every key the code uses, and only those', () => {
  expect.hasAssertions();
  expectCatalogueMatchesCode(m, import.meta.dirname, 'history', {
    // Keys built from a list: kinds, months, date problems, reference types.
    built: /^history\.(kind|month|when|error\.unknownReference|reference\.unresolved)\.|^history\.reference\.(places|actors)$/,
    notMessages: ['history.view', 'history.add', 'history.edit', 'history.delete'],
  });
});
