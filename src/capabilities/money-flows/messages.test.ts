import { expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { expectCatalogueMatchesCode } from '../../../test/support/message-keys.js';
import { moneyFlowsMessages as m } from './messages.js';

it('has the same keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(m);
});

it('has every key the code uses, and only those', () => {
  expect.hasAssertions();
  expectCatalogueMatchesCode(m, import.meta.dirname, 'moneyFlows', {
    // Keys built from a list: sources, certainties, amount problems, import problems.
    built: /^moneyFlows\.(source|certainty|amount|import\.error)\./,
    notMessages: ['moneyFlows.view', 'moneyFlows.edit', 'moneyFlows.import'],
  });
});
