import { describe, expect, it } from 'vitest';
import { decodeButton, encodeButton, MAX_BUTTON_BYTES, type ButtonAction } from '../../../src/core/conversation/buttons.js';
import { loadTownConfig } from '../../../src/config/town.js';

describe('button data', () => {
  const id = 'AbC-_12345678'; // longer than the app's ids (8 characters)
  const actions: ButtonAction[] = [
    { kind: 'confirm', pendingId: id },
    { kind: 'drop', pendingId: id },
    { kind: 'child', pendingId: id, child: 123456789 },
    { kind: 'child', pendingId: id, child: 'all' },
    ...loadTownConfig().services.map((s) => ({ kind: 'service', pendingId: id, serviceCode: s.code }) as const),
    { kind: 'undo', undoId: id },
  ];

  it.each(actions)('encodes $kind within Telegram’s 64 bytes and decodes it back', (action) => {
    const data = encodeButton(action);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_BUTTON_BYTES);
    expect(decodeButton(data)).toEqual(action);
  });

  it.each(['', 'x', 'k:id', 'k:id:abc', 'c:', 'u:' + 'a'.repeat(80), 's:id:Canteen', 'c:id:extra', 'z:id'])('reads %j as no button of ours', (data) => {
    expect(decodeButton(data)).toBeNull();
  });

  it('refuses to encode what would not fit', () => {
    expect(() => encodeButton({ kind: 'undo', undoId: 'a'.repeat(70) })).toThrow(/cannot be encoded/);
  });
});
