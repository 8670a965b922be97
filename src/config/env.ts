/**
 * The environment, checked once at start (DESIGN.md lists the variables).
 * Every variable is optional; a bad value stops the program with a message
 * naming the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `attendu : une URL ${protocols.map((p) => p.replace(':', '://…')).join(' ou ')}`);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => {
      if (/^file:./.test(v)) return true;
      try {
        const u = new URL(v);
        return (u.protocol === 'postgresql:' || u.protocol === 'postgres:') && u.hostname !== '' && u.pathname.length > 1;
      } catch {
        return false;
      }
    }, 'attendu : file:CHEMIN (SQLite) ou postgresql://UTILISATEUR[:MOT_DE_PASSE]@HÔTE:PORT/BASE (PostgreSQL)')
    .default('file:./data/portail.db'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'attendu : un jeton de bot Telegram (123456:ABC…)').optional(),
  TELEGRAM_API_ROOT: url(['http:', 'https:']).default('https://api.telegram.org').transform((v) => v.replace(/\/+$/, '')),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^@?\w{3,64}$/, 'attendu : le nom du bot').transform((v) => v.replace(/^@/, '')).optional(),
  TELEGRAM_WEBHOOK_URL: url(['https:', 'http:']).optional(),
  IMAP_URL: url(['imap:', 'imaps:']).optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Portail Famille <portail-famille@localhost>'),
  MAIL_AUTHSERV_ID: z.string().min(1).optional(),
  APP_SECRET: z.string().min(16, 'au moins 16 caractères').optional(),
  TOWN_CONFIG: z.string().min(1).optional(),
  /** Where `npm start` keeps its nightly backups (unset: none). */
  BACKUP_DIR: z.string().min(1).optional(),
  /** How many nightly backups are kept. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(14),
  /**
   * The reverse proxy in front of the dashboard, whose X-Forwarded-For is
   * believed (fastify's trustProxy): `true`, or a comma-separated list of
   * addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8`). Unset: the client
   * address is the connection's own.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx): boolean | string[] => {
      if (v === 'true') return true;
      if (v === 'false') return false;
      const list = v.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = list.filter((x) => {
        const [addr, bits, ...rest] = x.split('/');
        if (rest.length > 0 || !addr || isIP(addr) === 0) return true;
        return bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(addr) === 4 ? 32 : 128));
      });
      if (list.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `attendu : true, ou des adresses ou plages séparées par des virgules (${bad.join(', ') || 'vide'})` });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Reads and checks the environment; empty strings count as unset. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
