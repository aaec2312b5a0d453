/**
 * The attachment types agents may preview in the page, each with the bytes its files start with. Anything else
 * (SVG, which may hold scripts, HTML, office files) is only ever downloaded.
 */
const previewable: ReadonlyArray<{ type: string; starts: (head: Buffer) => boolean }> = [
  { type: 'image/png', starts: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', starts: (head) => head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  { type: 'image/gif', starts: (head) => ['GIF87a', 'GIF89a'].includes(head.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    starts: (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'application/pdf', starts: (head) => head.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export const previewableTypes = previewable.map((entry) => entry.type);

/**
 * The type an attachment is previewed as: its declared type when that is one of the previewable ones and its
 * content really starts like such a file (a declared `image/png` that is HTML is not previewed); null otherwise.
 */
export function inlinePreviewType(declaredType: string, head: Buffer): string | null {
  const declared = declaredType.trim().toLowerCase().split(';')[0];
  const entry = previewable.find((candidate) => candidate.type === declared);
  return entry && entry.starts(head) ? entry.type : null;
}
