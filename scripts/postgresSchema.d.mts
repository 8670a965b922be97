// Types of scripts/postgresSchema.mjs (plain JavaScript: npm install runs it before tsx may be used).
export const ROOT: string;
export const SQLITE_SCHEMA: string;
export const POSTGRES_SCHEMA: string;
export function derivePostgresSchema(source: string): string;
export function writePostgresSchema(): boolean;
