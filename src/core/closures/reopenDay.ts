import type { ExtraClosure } from '../calendar.js';
import type { StaffId } from '../ids.js';
import type { Channel } from '../model.js';
import type { IsoDate } from '../time.js';
import type { ClosureStore } from './closeDay.js';

/**
 * Removes a closure staff added: the service runs that day again. Bookings
 * cancelled by the closure stay cancelled (the families were told); they
 * can book again.
 */
export async function reopenDay(
  deps: { closures: ClosureStore },
  input: { date: IsoDate; serviceCode: string | null; actor: { type: 'staff'; id: StaffId }; channel: Channel; now: Date },
): Promise<{ ok: true; closure: ExtraClosure } | { ok: false; why: 'UNKNOWN_CLOSURE' }> {
  const closure = await deps.closures.remove(input.date, input.serviceCode, { actor: input.actor, channel: input.channel, at: input.now });
  return closure ? { ok: true, closure } : { ok: false, why: 'UNKNOWN_CLOSURE' };
}
