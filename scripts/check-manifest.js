// Fails when custom-elements.json is not what a fresh analysis of src/ gives.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'rc-manifest-'));
const packageJson = readFileSync('package.json', 'utf8');
try {
  execFileSync('npx', ['cem', 'analyze', '--outdir', relative(process.cwd(), out)], { stdio: 'ignore' });
  const fresh = readFileSync(join(out, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    // exitCode, not exit(): the `finally` below must still put package.json back.
    process.exitCode = 1;
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
  } else {
    console.log('custom-elements.json is up to date.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
  // cem may touch package.json's customElements field; keep the committed file as it was.
  if (readFileSync('package.json', 'utf8') !== packageJson) {
    await import('node:fs').then((fs) => fs.writeFileSync('package.json', packageJson));
  }
}
