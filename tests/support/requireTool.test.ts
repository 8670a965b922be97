// The rule for tests that need a Debian package: skipped with a reason on a developer's machine, an error in CI.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireTool } from './requireTool.js';

const what = { package: 'dovecot-imapd', tests: 'email end-to-end tests', missing: 'dovecot-imapd is not installed' };
const ci = process.env.CI;
afterEach(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
  vi.restoreAllMocks();
});

describe('requireTool', () => {
  it('gives the binary back when it is there', () => {
    expect(requireTool('/usr/sbin/dovecot', what)).toBe('/usr/sbin/dovecot');
  });

  it('fails in CI when the package is missing, naming what to install', () => {
    process.env.CI = 'true';
    expect(() => requireTool(null, what)).toThrow('.ci/run must install it: apt-get install dovecot-imapd');
  });

  it('skips with the reason on a developer machine', () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requireTool(null, what)).toBeNull();
    expect(warn).toHaveBeenCalledWith('skipping the email end-to-end tests: dovecot-imapd is not installed');
  });
});
