import { inlinePreviewType } from '../../server/replies/inline-preview-type';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);
const pdf = Buffer.from('%PDF-1.4\n');
const html = Buffer.from('<html><script>alert(1)</script>');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('which attachments are previewed in the page', () => {
  test.each([
    ['a PNG', 'image/png', png, 'image/png'],
    ['a JPEG declared with parameters and capitals', 'Image/JPEG; name=photo.jpg', jpeg, 'image/jpeg'],
    ['a GIF', 'image/gif', Buffer.from('GIF89a....'), 'image/gif'],
    ['a WebP', 'image/webp', webp, 'image/webp'],
    ['a PDF', 'application/pdf', pdf, 'application/pdf'],
    ['HTML declared as a PNG', 'image/png', html, null],
    ['a PDF declared as a JPEG', 'image/jpeg', pdf, null],
    ['an SVG (may hold scripts)', 'image/svg+xml', svg, null],
    ['HTML', 'text/html', html, null],
    ['a Word file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK\u0003\u0004'), null],
    ['an empty file', 'image/png', Buffer.alloc(0), null],
  ] as const)('%s', (_name, declared, head, expected) => {
    expect(inlinePreviewType(declared, head)).toBe(expected);
  });
});
