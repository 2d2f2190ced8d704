import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Fails the build when the ES bundle grows past this many gzip bytes. Issue #2 set 20 KB before
 * the offline features (drafts, outbox, echoes: ~6 KB gzip), the message catalog, lazy loading
 * and chunked rendering existed; 24 KB held the line while the code is slimmed towards issue
 * #6's 12 KB brotli. Issue 9 (one controller per concern, and eight reader-facing fixes: the
 * length counter, Escape, link scrolling that settles, disposal of listeners…) took it to ~24.8
 * KB: 25 KB until the lazily loaded "write" part (composer, drafts, outbox) takes it back down.
 * Issue 11's reader side (the notify checkbox, the owner badge, offers; the owner's hints are
 * their own chunk) took it to ~25.5 KB: 25.75 KB until then.
 * RC_GZIP_BUDGET overrides it for measuring only.
 */
const GZIP_BUDGET = Number(process.env.RC_GZIP_BUDGET ?? 25.75 * 1024);

/** Prints what every reader pays for, and refuses a bundle over budget or with imports left in. */
function sizeBudget(): Plugin {
  return {
    name: 'rc-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const code = Buffer.from(chunk.code);
        const gzip = gzipSync(code, { level: 9 }).length;
        const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        this.info(`${chunk.fileName}: ${code.length} B min, ${gzip} B gzip, ${brotli} B brotli`);
        if (process.env.RC_SIZE_REPORT) {
          const modules = Object.entries(chunk.modules).sort(
            ([, a], [, b]) => b.renderedLength - a.renderedLength,
          );
          for (const [id, info] of modules)
            this.info(`  ${info.renderedLength} ${id.replace(process.cwd(), '')}`);
        }
        // Self-contained: the only files it may load are the locales and backend="wordpress", on demand.
        const loads = [...chunk.imports, ...chunk.dynamicImports].filter(
          (file) => !file.startsWith('locales/') && !file.startsWith('backends/') && file !== chunk.fileName,
        );
        if (loads.length > 0)
          this.error(`${chunk.fileName} is not self-contained: it imports ${loads.join(', ')}`);
        if (chunk.fileName.endsWith('.js') && !chunk.fileName.includes('.iife.') && gzip > GZIP_BUDGET) {
          this.error(`${chunk.fileName} is ${gzip} B gzip, over the ${GZIP_BUDGET} B budget`);
        }
      }
    },
  };
}

/**
 * Minifies the CSS in our `css` tagged templates (src/styles/ holds nothing else), which no
 * minifier touches: comments go, runs of white space shrink, spaces around punctuation go.
 */
function minifyStyles(): Plugin {
  return {
    name: 'rc-minify-styles',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/styles\/[^/]+\.ts$/.test(id)) return null;
      const minified = code.replace(/css`([^`]*)`/g, (_match, body: string) => {
        const css = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/ ?([{};,>]) ?/g, '$1')
          .replace(/: /g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${css}\``;
      });
      return { code: minified, map: null };
    },
  };
}

/**
 * Collapses the line breaks and indentation in the text of our `html` templates to one space,
 * which no minifier does. HTML renders both alike outside preformatted text, and no template
 * of ours breaks a line inside preformatted text. Only the template's own text changes: the
 * code in `${…}` (where nested templates are handled the same way) is left as it is.
 */
function minifyTemplates(): Plugin {
  /** Copies the template literal starting after its backtick at `start`; returns [text, end]. */
  function template(code: string, start: number): [string, number] {
    let out = '';
    let i = start;
    while (i < code.length) {
      const char = code[i]!;
      if (char === '\\') {
        out += code.slice(i, i + 2);
        i += 2;
      } else if (char === '`') {
        return [out + '`', i + 1];
      } else if (char === '$' && code[i + 1] === '{') {
        const [expression, end] = substitution(code, i + 2);
        out += '${' + expression;
        i = end;
      } else if (char === '\n') {
        out += ' ';
        i++;
        while (code[i] === ' ' || code[i] === '\t' || code[i] === '\n') i++;
        while (out.endsWith('  ')) out = out.slice(0, -1);
      } else {
        out += char;
        i++;
      }
    }
    throw new Error('unterminated template literal');
  }
  /** Copies a `${…}` substitution after its opening brace, up to and with its closing brace. */
  function substitution(code: string, start: number): [string, number] {
    let out = '';
    let depth = 0;
    let i = start;
    while (i < code.length) {
      const char = code[i]!;
      if (char === '`') {
        const [text, end] = template(code, i + 1);
        out += '`' + text;
        i = end;
      } else if (char === "'" || char === '"') {
        let j = i + 1;
        while (code[j] !== char) j += code[j] === '\\' ? 2 : 1;
        out += code.slice(i, j + 1);
        i = j + 1;
      } else {
        if (char === '{') depth++;
        if (char === '}' && depth-- === 0) return [out + '}', i + 1];
        out += char;
        i++;
      }
    }
    throw new Error('unterminated substitution');
  }
  return {
    name: 'rc-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.+\.ts$/.test(id) || !code.includes('html`')) return null;
      let out = '';
      let last = 0;
      for (let at = code.indexOf('html`'); at !== -1; at = code.indexOf('html`', last)) {
        const [text, end] = template(code, at + 5);
        out += code.slice(last, at + 5) + text;
        last = end;
      }
      return { code: out + code.slice(last), map: null };
    },
  };
}

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      name: 'RecoveryComments',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'recovery-comments.js' : 'recovery-comments.iife.js'),
    },

    rollupOptions: {
      // The wordpress chunk shares modules with the entry (parsing, BackendError): let the entry
      // export them to it, rather than moving them into a third file every page would load.
      preserveEntrySignatures: 'allow-extension',
      // Locales, the wordpress backend and the owner's hints (after a failed load) are the only
      // other files; the IIFE build inlines them (it cannot split).
      output: {
        minify: true,
        chunkFileNames: (chunk) =>
          chunk.name === 'wordpress' || chunk.name === 'owner-hints'
            ? 'backends/[name]-[hash].js'
            : 'locales/[name]-[hash].js',
      },
    },
  },
  plugins: [minifyStyles(), minifyTemplates(), sizeBudget()],
});
