import { describe, expect, it } from 'vitest';
import { changeStaffPassword, type StaffPasswords } from '../../../src/core/staff/changeStaffPassword.js';
import { StaffId } from '../../../src/core/ids.js';

/** Passwords in memory, "hashed" by a prefix: the rules are what is tested here. */
function memory(): StaffPasswords & { hashes: Map<number, string> } {
  const hashes = new Map<number, string>([[1, 'h:ancien mot de passe']]);
  return {
    hashes,
    passwordHash: async (id) => hashes.get(id) ?? null,
    setPassword: async (id, hash) => void hashes.set(id, hash),
  };
}

const deps = (passwords: StaffPasswords) => ({ passwords, hash: async (p: string) => `h:${p}`, verify: async (h: string, p: string) => h === `h:${p}` });
const input = (next: string, confirmation = next, current = 'ancien mot de passe') => ({ staffId: StaffId(1), current, next, confirmation, channel: 'web' as const, now: new Date() });

describe('changeStaffPassword', () => {
  it('stores the new password when the current one is right and the new one typed twice, 12 characters or more', async () => {
    const p = memory();
    expect(await changeStaffPassword(deps(p), input('un nouveau secret'))).toEqual({ ok: true, passwordHash: 'h:un nouveau secret' });
    expect(p.hashes.get(1)).toBe('h:un nouveau secret');
  });

  it.each([
    ['the current password is wrong', input('un nouveau secret', 'un nouveau secret', 'faux'), 'WRONG_PASSWORD'],
    ['the two entries differ', input('un nouveau secret', 'un autre secret'), 'MISMATCH'],
    ['it is shorter than 12 characters', input('court'), 'TOO_SHORT'],
    ['it is the same as before', input('ancien mot de passe'), 'SAME_AS_BEFORE'],
  ])('refuses when %s', async (_, i, why) => {
    const p = memory();
    expect(await changeStaffPassword(deps(p), i)).toEqual({ ok: false, why });
    expect(p.hashes.get(1)).toBe('h:ancien mot de passe');
  });

  it('refuses an account that no longer exists', async () => {
    expect(await changeStaffPassword(deps(memory()), { ...input('un nouveau secret'), staffId: StaffId(2) })).toEqual({ ok: false, why: 'UNKNOWN_STAFF' });
  });
});
