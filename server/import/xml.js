// @ts-check
// Reads an export file with saxes (a streaming, well-formedness-checking XML parser that knows
// line numbers) into small trees, one per record element (a WXR <item>, a Disqus <thread> or
// <post>), each handed over as soon as it closes. Anything wrong with the XML, a truncated file
// included, is an ImportError that names the file, line and column.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/** An export file that cannot be imported; bin.js prints the message, and nothing is stored. */
export class ImportError extends Error {
  constructor(/** @type {string} */ message) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * One element of a record: its attributes, its own text (text and CDATA, concatenated), its
 * child elements, and the line it starts on.
 * @typedef {object} XmlNode
 * @property {string} name the qualified name, prefix included ("wp:comment")
 * @property {Record<string, string>} attributes
 * @property {string} text
 * @property {XmlNode[]} children
 * @property {number} line
 */

/** The first child element named `name`, or undefined. */
export function child(/** @type {XmlNode} */ node, /** @type {string} */ name) {
  return node.children.find((candidate) => candidate.name === name);
}

/** The text of the first child named `name` ('' when there is none). */
export function childText(/** @type {XmlNode} */ node, /** @type {string} */ name) {
  return child(node, name)?.text ?? '';
}

/**
 * @typedef {object} ReadOptions
 * @property {(root: string) => void} onRoot called with the root element's name, before anything else
 * @property {(path: string[]) => boolean} isRecord whether the element at this path (names from
 *   the root down, the element itself last) is a record
 * @property {(record: XmlNode) => void} onRecord
 */

/**
 * Streams `file` through the XML parser. Resolves when the whole file was read; rejects with an
 * ImportError for anything malformed, and with whatever onRoot or onRecord throw.
 * @param {string} file
 * @param {ReadOptions} options
 * @returns {Promise<void>}
 */
export async function readXmlRecords(file, options) {
  const parser = new SaxesParser({ fileName: file, position: true });
  /** @type {string[]} */
  const path = [];
  /** @type {XmlNode[]} the record being built, root of it first */
  const open = [];
  parser.on('opentag', (tag) => {
    if (path.length === 0) options.onRoot(tag.name);
    path.push(tag.name);
    if (open.length === 0 && !options.isRecord(path)) return;
    /** @type {XmlNode} */
    const node = {
      name: tag.name,
      attributes: /** @type {Record<string, string>} */ (tag.attributes),
      text: '',
      children: [],
      line: parser.line,
    };
    open.at(-1)?.children.push(node);
    open.push(node);
  });
  const addText = (/** @type {string} */ text) => {
    const node = open.at(-1);
    if (node !== undefined) node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    path.pop();
    const node = open.pop();
    if (node !== undefined && open.length === 0) options.onRecord(node);
  });

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) parser.write(/** @type {string} */ (chunk));
    parser.close();
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === 'ENOENT') throw new ImportError(`${file}: no such file.`);
    if (code === 'EISDIR') throw new ImportError(`${file} is a folder, not an export file.`);
    if (code !== undefined) throw new ImportError(`${file}: ${/** @type {Error} */ (error).message}`);
    // saxes words its errors "FILE:LINE:COLUMN: what".
    const message = /** @type {Error} */ (error).message;
    const [, where = file, what = message] = /^(.*?:\d+:\d+): (.*?)\.?$/s.exec(message) ?? [];
    const cutShort = /unclosed|unexpected end/i.test(what);
    throw new ImportError(
      `${where}: not well-formed XML (${what}).${cutShort ? ' The file seems to be cut short.' : ''}`,
    );
  } finally {
    stream.destroy();
  }
}
