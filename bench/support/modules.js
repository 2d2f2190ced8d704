// @ts-check
// Where the bundle's bytes are: each minified byte of a built file is charged to the source
// module its source map points at, and each module's share is compressed on its own. Brotli of
// the parts does not add up to brotli of the whole (a module compresses better beside the
// others), so the table shows each module's minified bytes, its share, and that share of the
// file's real brotli size: the figure to compare when deciding what to cut.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

/** @param {Buffer | string} data */
export const brotli = (data) =>
  zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(data),
    },
  }).length;

/**
 * Groups a source path into what an engineer would cut: a dependency by package, our own code by
 * file under src/.
 * @param {string} source
 */
function moduleName(source) {
  const normalized = source.replace(/\\/g, '/');
  const dependency = normalized.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1] ?? normalized;
  const own = normalized.match(/(src\/.*)$/);
  return own ? (own[1] ?? normalized) : normalized;
}

/**
 * @param {string} file a built .js file with its .map beside it
 * @returns {Array<{ module: string, min: number, share: number, brotliShare: number }>} biggest first
 */
export function moduleBytes(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const consumer = new SourceMapConsumer(map);
  const lines = code.split('\n');
  /** @type {Map<string, number>} */
  const bytes = new Map();
  /** @type {Array<{ line: number, column: number, source: string }>} */
  const marks = [];
  consumer.eachMapping((m) =>
    marks.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source ?? '(unmapped)' }),
  );
  marks.sort((a, b) => a.line - b.line || a.column - b.column);
  // Each mapping owns the generated text up to the next mapping on its line.
  for (let i = 0; i < marks.length; i++) {
    const mark = /** @type {(typeof marks)[number]} */ (marks[i]);
    const next = marks[i + 1];
    const text = lines[mark.line - 1] ?? '';
    const end = next && next.line === mark.line ? next.column : text.length;
    const name = moduleName(mark.source);
    bytes.set(name, (bytes.get(name) ?? 0) + Buffer.byteLength(text.slice(mark.column, end)));
  }
  const mapped = [...bytes.values()].reduce((a, b) => a + b, 0);
  const unmapped = Buffer.byteLength(code) - mapped;
  if (unmapped > 0) bytes.set('(unmapped: glue, whitespace)', unmapped);
  const total = Buffer.byteLength(code);
  const compressed = brotli(code);
  return [...bytes.entries()]
    .map(([module, min]) => ({ module, min, share: min / total, brotliShare: (min / total) * compressed }))
    .sort((a, b) => b.min - a.min);
}

/**
 * @param {string} root the repository
 * @param {string} file
 */
export const relative = (root, file) => path.relative(root, file).replace(/\\/g, '/');
