/** Distinct ids are distinct types: a family's id cannot stand where a child's is expected. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type FamilyId = Brand<number, 'FamilyId'>;
export type GuardianId = Brand<number, 'GuardianId'>;
export type ChildId = Brand<number, 'ChildId'>;
export type StaffId = Brand<number, 'StaffId'>;
export type BookingId = Brand<number, 'BookingId'>;

export const FamilyId = (n: number) => n as FamilyId;
export const GuardianId = (n: number) => n as GuardianId;
export const ChildId = (n: number) => n as ChildId;
export const StaffId = (n: number) => n as StaffId;
export const BookingId = (n: number) => n as BookingId;
