/**
 * The data a button carries, typed, and its one encoding: short strings
 * within Telegram's 64 bytes of callback data ("c:ID", "k:ID:12",
 * "s:ID:canteen", "u:ID"). Decoding checks the shape and gives null for
 * anything else (an old or forged button).
 */
export type ButtonAction =
  /** Apply the pending plan. */
  | { kind: 'confirm'; pendingId: string }
  /** Drop the pending question. */
  | { kind: 'drop'; pendingId: string }
  /** The pending question's child: one child's id, or all the family's children. */
  | { kind: 'child'; pendingId: string; child: number | 'all' }
  | { kind: 'service'; pendingId: string; serviceCode: string }
  /** Revert an applied change. */
  | { kind: 'undo'; undoId: string };

/** Telegram's limit on callback data. */
export const MAX_BUTTON_BYTES = 64;

const ID = '[A-Za-z0-9_-]{1,24}';
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => ButtonAction }[] = [
  { re: new RegExp(`^c:(${ID})$`), read: (m) => ({ kind: 'confirm', pendingId: m[1]! }) },
  { re: new RegExp(`^d:(${ID})$`), read: (m) => ({ kind: 'drop', pendingId: m[1]! }) },
  { re: new RegExp(`^k:(${ID}):(\\d{1,12}|all)$`), read: (m) => ({ kind: 'child', pendingId: m[1]!, child: m[2] === 'all' ? 'all' : Number(m[2]) }) },
  { re: new RegExp(`^s:(${ID}):([a-z][a-z0-9_]{0,30})$`), read: (m) => ({ kind: 'service', pendingId: m[1]!, serviceCode: m[2]! }) },
  { re: new RegExp(`^u:(${ID})$`), read: (m) => ({ kind: 'undo', undoId: m[1]! }) },
];

/** The callback data of a button; throws if it would not fit Telegram's 64 bytes (an id or code too long is a bug). */
export function encodeButton(action: ButtonAction): string {
  const data = (() => {
    switch (action.kind) {
      case 'confirm':
        return `c:${action.pendingId}`;
      case 'drop':
        return `d:${action.pendingId}`;
      case 'child':
        return `k:${action.pendingId}:${action.child}`;
      case 'service':
        return `s:${action.pendingId}:${action.serviceCode}`;
      case 'undo':
        return `u:${action.undoId}`;
    }
  })();
  if (Buffer.byteLength(data, 'utf8') > MAX_BUTTON_BYTES || decodeButton(data) === null) throw new Error(`button data cannot be encoded: ${JSON.stringify(action)}`);
  return data;
}

/** The action a button's data stands for, or null when the data is not one of ours. */
export function decodeButton(data: string): ButtonAction | null {
  if (typeof data !== 'string' || data.length > MAX_BUTTON_BYTES) return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(data);
    if (m) return p.read(m);
  }
  return null;
}
