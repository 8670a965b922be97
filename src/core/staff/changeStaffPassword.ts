import type { StaffId } from '../ids.js';
import type { Channel } from '../model.js';

/** What changing a staff password needs from storage. */
export interface StaffPasswords {
  /** The account's current password hash, or null when there is no such account. */
  passwordHash(id: StaffId): Promise<string | null>;
  /** Stores the new hash, clears "must change password", and audits it. */
  setPassword(id: StaffId, passwordHash: string, by: { channel: Channel; at: Date }): Promise<void>;
}

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

export type ChangePasswordResult =
  | { ok: true; passwordHash: string }
  | { ok: false; why: 'UNKNOWN_STAFF' | 'WRONG_PASSWORD' | 'TOO_SHORT' | 'MISMATCH' | 'SAME_AS_BEFORE' };

/**
 * A staff member replaces their password (at first sign-in, the one-time
 * password printed by `staff-add`): the current one must be right, the new
 * one typed twice, at least 12 characters, and different.
 */
export async function changeStaffPassword(
  deps: { passwords: StaffPasswords; hash: (p: string) => Promise<string>; verify: (hash: string, p: string) => Promise<boolean> },
  input: { staffId: StaffId; current: string; next: string; confirmation: string; channel: Channel; now: Date },
): Promise<ChangePasswordResult> {
  const currentHash = await deps.passwords.passwordHash(input.staffId);
  if (currentHash === null) return { ok: false, why: 'UNKNOWN_STAFF' };
  if (!(await deps.verify(currentHash, input.current))) return { ok: false, why: 'WRONG_PASSWORD' };
  if (input.next !== input.confirmation) return { ok: false, why: 'MISMATCH' };
  if ([...input.next].length < MIN_PASSWORD_LENGTH) return { ok: false, why: 'TOO_SHORT' };
  if (input.next === input.current) return { ok: false, why: 'SAME_AS_BEFORE' };
  const passwordHash = await deps.hash(input.next);
  await deps.passwords.setPassword(input.staffId, passwordHash, { channel: input.channel, at: input.now });
  return { ok: true, passwordHash };
}
