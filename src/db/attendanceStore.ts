/** The roll call's ticks on the Booking rows (Prisma, portable). */
import type { AttendanceStore } from '../core/staff/recordAttendance.js';
import type { Db } from './database.js';
import { writeAudit } from './audit.js';
import { writeTransaction } from './transaction.js';

export class PrismaAttendanceStore implements AttendanceStore {
  constructor(private readonly db: Db) {}

  mark(bookingId: number, value: 'present' | 'absent' | null, by: Parameters<AttendanceStore['mark']>[2]) {
    return writeTransaction(this.db, async (tx) => {
      const row = await tx.booking.findFirst({ where: { id: bookingId, state: { in: ['booked', 'absent'] } }, select: { attendance: true, childId: true, serviceCode: true, date: true, child: { select: { familyId: true } } } });
      if (!row) return false;
      if (row.attendance === value) return true;
      await tx.booking.update({ where: { id: bookingId }, data: { attendance: value, attendanceAt: value ? by.at : null } });
      const slot = { childId: row.childId, serviceCode: row.serviceCode, date: row.date };
      await writeAudit(tx, [{ at: by.at, actor: by.actor, channel: by.channel, action: 'attendance.mark', familyId: row.child.familyId as never, before: { ...slot, attendance: row.attendance }, after: { ...slot, attendance: value } }]);
      return true;
    });
  }
}
