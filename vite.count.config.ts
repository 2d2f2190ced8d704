import { brotliCompressSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * dist/recovery-comments-count.js, the count element for index pages: its own build, chained
 * after the section's (whose dist/ it must not empty). Issue #12 allows it 2 KB brotli, and a
 * bigger file fails the build. RC_COUNT_BROTLI_BUDGET overrides it for measuring only.
 */
const BROTLI_BUDGET = Number(process.env.RC_COUNT_BROTLI_BUDGET ?? 2048);

/** Prints the script's size and refuses it over budget or when it loads anything else. */
function countBudget(): Plugin {
  return {
    name: 'rc-count-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        if (!chunk.isEntry || chunk.imports.length > 0 || chunk.dynamicImports.length > 0)
          this.error(`${chunk.fileName}: the count script must be one self-contained file`);
        const code = Buffer.from(chunk.code);
        const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        this.info(`${chunk.fileName}: ${code.length} B min, ${brotli} B brotli (budget ${BROTLI_BUDGET})`);
        if (brotli > BROTLI_BUDGET)
          this.error(`${chunk.fileName} is ${brotli} B brotli, over the ${BROTLI_BUDGET} B budget`);
      }
    },
  };
}

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    // One IIFE: the same file works from <script src> and <script type="module" src>.
    lib: {
      entry: 'src/count/define.ts',
      name: 'RecoveryCommentsCount',
      formats: ['iife'],
      fileName: () => 'recovery-comments-count.js',
    },
    rollupOptions: { output: { minify: true } },
  },
  plugins: [countBudget()],
});
