// Starts an entry point of src/ from built JavaScript (dist/), so that
// `npm start` and the admin commands do not compile TypeScript on every run:
// `node scripts/launch.mjs src/main.ts ARGS…`.
//
// dist/ is rebuilt only when the sources changed since the last build (a
// fingerprint of every file's path, size and modification time, ~2 ms to
// take). The build is esbuild's per-file transpilation (no bundling, the same
// ES modules with the same relative layout, so `import.meta.dirname` paths
// keep working); it takes well under a second. The type check stays with
// `npm run typecheck`. Several processes starting at once build once: a lock
// directory, and the new tree is moved into place whole.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

const started = process.hrtime.bigint();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const srcDir = path.join(root, 'src');
const distDir = path.join(root, 'dist');
const fingerprintFile = path.join(distDir, '.fingerprint');
const lockDir = path.join(root, '.dist.lock');

const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.startsWith('src/') || !entry.endsWith('.ts')) {
  process.stderr.write('usage: node scripts/launch.mjs src/FILE.ts [ARGS…]\n');
  process.exit(2);
}

/** Every TypeScript file under src/, sorted. */
function sources(dir = srcDir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

function fingerprint(files) {
  const h = createHash('sha256');
  for (const f of files) {
    const s = fs.statSync(f);
    h.update(`${path.relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

function readFingerprint() {
  try {
    return fs.readFileSync(fingerprintFile, 'utf8');
  } catch {
    return null;
  }
}

async function withLock(fn) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a process killed mid-build is taken over after a minute.
      try {
        if (Date.now() - fs.statSync(lockDir).mtimeMs > 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`build lock ${lockDir} held for too long`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function build(files, print) {
  const { build: esbuild } = await import('esbuild');
  const tmp = path.join(root, `.dist.build-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints: files,
    outbase: srcDir,
    outdir: tmp,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(tmp, '.fingerprint'), print);
  const old = path.join(root, `.dist.old-${process.pid}`);
  if (fs.existsSync(distDir)) fs.renameSync(distDir, old);
  fs.renameSync(tmp, distDir);
  fs.rmSync(old, { recursive: true, force: true });
}

let built = false;
let files = sources();
let print = fingerprint(files);
if (readFingerprint() !== print) {
  await withLock(async () => {
    files = sources();
    print = fingerprint(files);
    if (readFingerprint() === print) return; // another process built it meanwhile
    await build(files, print);
    built = true;
  });
}

const target = path.join(distDir, entry.slice('src/'.length).replace(/\.ts$/, '.js'));
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.env.PORTAIL_LAUNCH_MS = ms.toFixed(0);
process.env.PORTAIL_LAUNCH_BUILT = built ? '1' : '0';
process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
