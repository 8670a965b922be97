/** Our Message-IDs: random, signed for the guardian. */
import { describe, expect, it } from 'vitest';
import { GuardianId } from '../../../src/core/ids.js';
import { inThreadWith, threadMessageId } from '../../../src/core/messages/threadIds.js';

describe('our Message-IDs', () => {
  const secret = 'secret-key-0123456789';
  it('are bound to the guardian and cannot be forged', () => {
    const id = threadMessageId(secret, GuardianId(12), 'AbCdEfGhIjKlMnOp', 'mairie.fr');
    expect(id).toMatch(/^<pf\.AbCdEfGhIjKlMnOp\.[0-9a-f]{32}@mairie\.fr>$/);
    expect(inThreadWith(['<x@y>', id], secret, GuardianId(12))).toBe(true);
    expect(inThreadWith([id], secret, GuardianId(13))).toBe(false);
    expect(inThreadWith([id], 'another-secret-000000', GuardianId(12))).toBe(false);
    expect(inThreadWith([id.replace('AbCd', 'AbCe')], secret, GuardianId(12))).toBe(false);
  });
});

