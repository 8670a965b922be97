/**
 * The rule for tests that need a Debian package (DESIGN.md, Testing): on a
 * developer's machine without it they are skipped with a stated reason; with
 * CI=true a missing package is an error, since .ci/run installs it.
 */
export function requireTool(bin: string | null, what: { package: string; tests: string; missing: string }): string | null {
  if (bin) return bin;
  if (process.env.CI === 'true') {
    throw new Error(`${what.package} is required in CI (CI=true) for the ${what.tests}, and it was not found; .ci/run must install it: apt-get install ${what.package}`);
  }
  console.warn(`skipping the ${what.tests}: ${what.missing}`);
  return null;
}
