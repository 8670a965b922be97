import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../../src/config/env.js';
import { loadTownConfig } from '../../src/config/town.js';
import { parseTownConfig } from '../../src/core/config.js';

describe('the environment', () => {
  it('has a default for everything', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ DATABASE_URL: 'file:./data/portail.db', HOST: '127.0.0.1', PORT: 3000, TELEGRAM_API_ROOT: 'https://api.telegram.org', MAIL_FROM: 'Portail Famille <portail-famille@localhost>' });
    expect(env.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('ignores a trailing slash on the Bot API root and an @ before the bot name, and treats empty values as unset', () => {
    const env = readEnv({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/', TELEGRAM_BOT_USERNAME: '@portail_bot', SMTP_URL: '' });
    expect(env.TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
    expect(env.TELEGRAM_BOT_USERNAME).toBe('portail_bot');
    expect(env.SMTP_URL).toBeUndefined();
  });

  it.each(['postgresql://portail:secret@db.example:5432/portail', 'postgres://portail@127.0.0.1/portail', 'file:/srv/portail.db'])('takes DATABASE_URL=%s', (url) => {
    expect(readEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('reads TRUST_PROXY as true or a list of addresses and ranges, and refuses anything else', () => {
    expect(readEnv({}).TRUST_PROXY).toBeUndefined();
    expect(readEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(readEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['proxy.local', '10.0.0.0/33', ' , ', '1.2.3.4/8/9']) expect(() => readEnv({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('reads BACKUP_DIR, and BACKUP_KEEP with its default of 14', () => {
    expect(readEnv({ BACKUP_DIR: '/srv/backups' })).toMatchObject({ BACKUP_DIR: '/srv/backups', BACKUP_KEEP: 14 });
    expect(readEnv({ BACKUP_KEEP: '30' }).BACKUP_KEEP).toBe(30);
  });

  it.each([
    ['PORT', 'http'],
    ['DATABASE_URL', 'mysql://portail@db/portail'],
    ['DATABASE_URL', 'postgresql://db.example:5432/'],
    ['BACKUP_KEEP', '0'],
    ['DATABASE_URL', 'postgres://x'],
    ['IMAP_URL', 'http://mail'],
    ['TELEGRAM_BOT_TOKEN', 'not a token'],
    ['APP_SECRET', 'short'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readEnv({ [name]: value })).toThrow(EnvError);
    expect(() => readEnv({ [name]: value })).toThrow(name);
  });
});

describe('the town configuration', () => {
  it('loads Châtenoy-le-Royal’s defaults', () => {
    const config = loadTownConfig();
    expect(config.services.map((s) => [s.code, s.capacity])).toEqual([['canteen', 220], ['morning', 60], ['evening', 80], ['wednesday', 80]]);
    expect(config.calendar.holidays).toHaveLength(5);
  });

  it('lists every problem of a broken file with its path', () => {
    const broken = loadTownConfig() as unknown as { services: Record<string, unknown>[]; timeZone: string };
    broken.services[0]!.booking = { kind: 'daysBefore', days: 1, at: '25:00', workingDays: true };
    broken.timeZone = 'Europe/Nowhere';
    expect(() => parseTownConfig(broken)).toThrow(/services\.0\.booking\.at: expected HH:MM/);
    expect(() => parseTownConfig(broken)).toThrow(/timeZone: unknown time zone/);
    const duplicated = loadTownConfig();
    duplicated.services[1]!.code = 'canteen';
    expect(() => parseTownConfig(duplicated)).toThrow(/service codes must be unique/);
  });
});
