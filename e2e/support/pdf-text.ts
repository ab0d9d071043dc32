import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium prints it (Skia: Type0 fonts, Identity-H, ToUnicode maps, Flate
 * streams), one string per page. Enough to check what a printed page says; not a general PDF reader.
 * A line break where the text moves down, a space where a new text block starts on the same line.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = readObjects(pdf.toString('latin1'));
  const catalog = [...objects.values()].find((object) => /\/Type\s*\/Catalog/.test(object.dict));
  const pages: string[] = [];
  const visit = (id: number): void => {
    const node = objects.get(id);
    if (!node) return;
    if (/\/Type\s*\/Pages/.test(node.dict))
      for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1])) visit(kid);
    else pages.push(pageText(node.dict, objects));
  };
  visit(refs(/\/Pages\s+(\d+ \d+ R)/.exec(catalog?.dict ?? '')?.[1])[0] ?? -1);
  return pages;
}

interface PdfObject {
  readonly dict: string;
  /** The decoded stream, as latin1 text. */
  readonly stream: string;
}

function readObjects(source: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\s*/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    const from = start.lastIndex;
    const streamAt = source.indexOf('stream', from);
    const endAt = source.indexOf('endobj', from);
    if (streamAt === -1 || streamAt > endAt) {
      objects.set(Number(match[1]), { dict: source.slice(from, endAt), stream: '' });
      continue;
    }
    const dict = source.slice(from, streamAt);
    const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
    const dataAt = streamAt + 'stream'.length + (source[streamAt + 6] === '\r' ? 2 : 1);
    let data = Buffer.from(source.slice(dataAt, dataAt + length), 'latin1');
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(match[1]), { dict, stream: data.toString('latin1') });
    start.lastIndex = source.indexOf('endobj', dataAt + length);
  }
  return objects;
}

function refs(list: string | undefined): number[] {
  return [...(list ?? '').matchAll(/(\d+) \d+ R/g)].map((match) => Number(match[1]));
}

function pageText(dict: string, objects: Map<number, PdfObject>): string {
  const fonts = new Map<string, Map<number, string>>();
  const fontList = /\/Font\s*<<([^>]*)>>/.exec(dict)?.[1] ?? '';
  for (const [, name, id] of fontList.matchAll(/\/(\S+)\s+(\d+) \d+ R/g)) {
    const toUnicode = refs(/\/ToUnicode\s+(\d+ \d+ R)/.exec(objects.get(Number(id))?.dict ?? '')?.[1])[0];
    fonts.set(name ?? '', unicodeMap(objects.get(toUnicode ?? -1)?.stream ?? ''));
  }
  const contents = /\/Contents\s*(\[[^\]]*\]|\d+ \d+ R)/.exec(dict)?.[1];
  const program = refs(contents)
    .map((id) => objects.get(id)?.stream ?? '')
    .join('\n');
  let text = '';
  let font = new Map<number, string>();
  let lineY: number | null = null;
  const operations =
    /\/(\S+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Td|([-\d.]+)\s+([-\d.]+)\s+Tm|(<[0-9A-Fa-f]*>)\s*Tj|\[([^\]]*)\]\s*TJ|\bBT\b/g;
  for (const [operation, fontName, , tdY, , tmY, shown, shownArray] of program.matchAll(operations)) {
    if (fontName !== undefined) font = fonts.get(fontName) ?? new Map();
    else if (tdY !== undefined && Number(tdY) !== 0) text += '\n';
    else if (tmY !== undefined) {
      if (lineY !== null) text += Number(tmY) === lineY ? ' ' : '\n';
      lineY = Number(tmY);
    } else if (shown !== undefined || shownArray !== undefined) {
      for (const [, hex] of (shown ?? shownArray ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)) text += decode(hex ?? '', font);
    } else if (operation === 'BT' && text && !text.endsWith('\n')) text += ' ';
  }
  return text;
}

/** A ToUnicode CMap: two-byte glyph code → the text it stands for. */
function unicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (block ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(code ?? '', 16), utf16(text ?? ''));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, first] of (block ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const base = parseInt(first ?? '', 16);
      for (let code = parseInt(low ?? '', 16); code <= parseInt(high ?? '', 16); code++) {
        map.set(code, String.fromCodePoint(base + code - parseInt(low ?? '', 16)));
      }
    }
  }
  return map;
}

function utf16(hex: string): string {
  const units = hex.match(/.{4}/g) ?? [];
  return String.fromCharCode(...units.map((unit) => parseInt(unit, 16)));
}

function decode(hex: string, font: Map<number, string>): string {
  return (hex.match(/.{4}/g) ?? []).map((code) => font.get(parseInt(code, 16)) ?? '\uFFFD').join('');
}
