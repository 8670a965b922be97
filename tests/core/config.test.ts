import { describe, expect, it } from 'vitest';
import { loadTownConfig } from '../../src/config/town.js';
import { parseTownConfig } from '../../src/core/config.js';

describe('the town’s information section', () => {
  it('is read from the town file: prices per service, hours, the CCAS, the links', () => {
    const info = loadTownConfig().information!;
    expect(info.services.map((s) => s.code)).toEqual(['canteen', 'morning', 'evening', 'wednesday']);
    expect(info.services[0]).toEqual({ code: 'canteen', price: { amount: 3.85, per: 'meal' }, hours: { from: '11:30', to: '13:20' } });
    expect(info.ccas.phone).toBe('03 85 98 03 03');
    expect(info.rulesUrl).toMatch(/^https:\/\//);
  });

  it('is checked: an unknown service, a bad link, a bad time or a negative price is refused with its path', () => {
    const bad = loadTownConfig() as { information: Record<string, unknown> & { services: Record<string, unknown>[] } };
    bad.information.services.push({ code: 'nap', price: null, hours: null });
    expect(() => parseTownConfig(bad)).toThrow(/information\.services: unknown service code/);
    const link = loadTownConfig() as { information: Record<string, unknown> };
    link.information.menusUrl = 'javascript:alert(1)';
    expect(() => parseTownConfig(link)).toThrow(/information\.menusUrl/);
    const time = loadTownConfig() as { information: { services: { hours: unknown; price: unknown }[] } };
    time.information.services[0]!.hours = { from: '25:00', to: '13:00' };
    time.information.services[1]!.price = { amount: -1, per: 'session' };
    expect(() => parseTownConfig(time)).toThrow(/information\.services\.0\.hours\.from: expected HH:MM/);
    expect(() => parseTownConfig(time)).toThrow(/information\.services\.1\.price\.amount/);
  });

  it('is optional: a town without it still loads', () => {
    const none = loadTownConfig() as Record<string, unknown>;
    delete none.information;
    expect(parseTownConfig(none).information).toBeUndefined();
  });
});
