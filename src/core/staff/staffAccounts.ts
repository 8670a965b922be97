/**
 * Staff accounts and their roles. An administrateur manages staff accounts,
 * closures and the configuration; an agent works on families, bookings and
 * lists. The first account of a database is an administrateur, later ones
 * agents unless said otherwise (the `staff-add EMAIL [--role …]` contract).
 */
import type { RandomBytes } from '../activation/activationCodes.js';
import { addStaffUser } from '../addStaffUser.js';
import type { StaffId } from '../ids.js';
import type { Actor, Channel } from '../model.js';

export const ROLES = ['administrateur', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** What a role may do, by kind of action. */
export function may(role: Role, what: 'staff' | 'closures' | 'configuration' | 'families' | 'bookings' | 'lists'): boolean {
  return role === 'administrateur' || what === 'families' || what === 'bookings' || what === 'lists';
}

export interface StaffAccounts {
  /**
   * Creates the account, or resets its password; `role` null keeps an
   * existing account's role and gives a new one the default (administrateur
   * for the first account of the database, agent after). Audited.
   */
  save(email: string, passwordHash: string, role: Role | null, by: { actor: Actor; channel: Channel; now: Date }): Promise<{ existed: boolean; role: Role }>;
  /** Changes a role, disables or re-enables an account (its sessions end), audited; false when there is no such account or it would leave no active administrateur. */
  update(id: StaffId, change: { role?: Role; disabled?: boolean }, by: { actor: Actor; channel: Channel; now: Date }): Promise<boolean>;
}

/** Creates a staff account (or resets its password) with a one-time password, in the role asked or the default one. */
export async function addStaffAccount(
  deps: { accounts: StaffAccounts; random: RandomBytes; hashPassword: (p: string) => Promise<string> },
  input: { email: string; role?: Role | null; actor: Actor; channel: Channel; now: Date },
): Promise<{ ok: true; password: string; existed: boolean; role: Role } | { ok: false; why: 'INVALID_EMAIL' }> {
  let role: Role = 'agent';
  const out = await addStaffUser(
    {
      random: deps.random,
      hashPassword: deps.hashPassword,
      staff: {
        upsert: async (email, passwordHash, by) => {
          const saved = await deps.accounts.save(email, passwordHash, input.role ?? null, by);
          role = saved.role;
          return { existed: saved.existed };
        },
      },
    },
    input.email,
    { actor: input.actor, channel: input.channel, now: input.now },
  );
  return out.ok ? { ...out, role } : out;
}
