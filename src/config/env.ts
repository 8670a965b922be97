/**
 * The environment, checked once at start (DESIGN.md lists the variables).
 * Every variable is optional; a bad value stops the program with a message
 * naming the variable.
 */
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
