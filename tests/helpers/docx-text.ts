import JSZip from 'jszip';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The text of a DOCX as Word shows it: each paragraph's runs joined, one paragraph (or table cell) per line. */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) {
    throw new Error('not a DOCX: word/document.xml is missing');
  }
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => (m[1] ?? '').replace(/&\w+;/g, (e) => ENTITIES[e] ?? e)).join(''))
    .filter((line) => line !== '')
    .join('\n');
}
