import { describe, expect, it } from 'vitest';
import { maskEmail, redact, redactingLog } from '../../../src/core/privacy/redact.js';

describe('what logs may say about a person', () => {
  it.each([
    ['claire.martin@example.fr', 'c***@example.fr'],
    ['a@b.fr', 'a***@b.fr'],
    ['pas une adresse', '***'],
    [null, '-'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it('masks every address in a line, such as an SMTP error quoting the recipient', () => {
    expect(redact('outbox : 550 5.1.1 <claire.martin@example.fr>: unknown; cc Tom.Dupont+ecole@mairie-chatenoy.fr')).toBe(
      'outbox : 550 5.1.1 <c***@example.fr>: unknown; cc T***@mairie-chatenoy.fr',
    );
    expect(redact('telegram update 12: Bot API: chat not found')).toBe('telegram update 12: Bot API: chat not found');
    const lines: string[] = [];
    redactingLog((l) => lines.push(l))('email <x@y> from jean@example.org: ignored');
    expect(lines).toEqual(['email <x@y> from j***@example.org: ignored']);
  });
});
