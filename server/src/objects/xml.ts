import { malformedXml } from './s3-error.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export type XmlValue = string | number | boolean | XmlElement | XmlElement[] | undefined;
export interface XmlElement {
  [name: string]: XmlValue;
}

/** Elements in the given order; arrays repeat their element, undefined leaves it out. */
function elements(content: XmlElement): string {
  let xml = '';
  for (const [name, value] of Object.entries(content)) {
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      xml += `<${name}>${typeof item === 'object' ? elements(item) : escapeXml(String(item))}</${name}>`;
    }
  }
  return xml;
}

/** A response document as S3 writes it: declaration, then the root element in S3's namespace. */
export function xmlDocument(root: string, content: XmlElement, namespaced = true): string {
  const ns = namespaced ? ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${elements(content)}</${root}>`;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  if (/[<>]/.test(text)) throw malformedXml();
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);|&/gi, (match, entity: string | undefined) => {
    if (!entity) throw malformedXml();
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const decoded = DECODE[entity];
    if (decoded === undefined) throw malformedXml();
    return decoded;
  });
}

/** Child elements `<Name>text</Name>` of `body`, in order; anything else between them is malformed. */
function children(body: string): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const pattern = /\s*<([A-Za-z][\w.-]*)(?:\s+xmlns(?::\w+)?="[^"]*")?\s*>([\s\S]*?)<\/\1\s*>\s*/y;
  let at = 0;
  while (at < body.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(body);
    if (!match) {
      if (/^\s*$/.test(body.slice(at))) break;
      throw malformedXml();
    }
    const [, name, text] = match as unknown as [string, string, string];
    found.push({ name, text });
    at = pattern.lastIndex;
  }
  return found;
}

const PART_CHILDREN = new Set([
  'PartNumber',
  'ETag',
  'ChecksumCRC32',
  'ChecksumCRC32C',
  'ChecksumCRC64NVME',
  'ChecksumSHA1',
  'ChecksumSHA256',
]);

/**
 * The parts listed in a CompleteMultipartUpload body. Only this one fixed shape is accepted (no
 * DTDs, comments or processing instructions beyond the declaration), so no general XML parser is needed.
 */
export function parseCompleteMultipartUpload(xml: string): CompletedPart[] {
  const withoutDeclaration = xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, '');
  const [root, ...rest] = children(withoutDeclaration);
  if (!root || rest.length > 0 || root.name !== 'CompleteMultipartUpload') throw malformedXml();
  const parts = children(root.text).map(({ name, text }) => {
    if (name !== 'Part') throw malformedXml();
    const fields = new Map<string, string>();
    for (const child of children(text)) {
      if (!PART_CHILDREN.has(child.name) || fields.has(child.name)) throw malformedXml();
      fields.set(child.name, decodeText(child.text).trim());
    }
    const partNumber = Number(fields.get('PartNumber'));
    const etag = fields.get('ETag');
    if (!Number.isInteger(partNumber) || etag === undefined) throw malformedXml();
    return { partNumber, etag: etag.replace(/^"|"$/g, '') };
  });
  if (parts.length === 0) throw malformedXml();
  return parts;
}
