import type { ApiClient } from '../../api/api-client';
import { h } from '../../dom/element';
import { pdfPageImages } from './pdf-pages';

/** The types the server previews (server/replies/inline-preview-type.ts checks their first bytes too). */
const previewableImages = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const pdfType = 'application/pdf';

const mainType = (contentType: string) => contentType.trim().toLowerCase().split(';')[0];

export function isPreviewable(contentType: string): boolean {
  return [...previewableImages, pdfType].includes(mainType(contentType));
}

/**
 * An attachment shown in the page, in a frame sandboxed without scripts: whatever the file holds, it cannot run,
 * reach the app or navigate it. The file is fetched with the session's token from the preview route (which sends
 * only images and PDF that really are what they claim, under a sandbox CSP). An image is shown as it is; a PDF as
 * images of its first pages drawn by PDF.js (Chromium refuses its own PDF viewer in a sandboxed frame, and that
 * viewer would run the PDF's scripts). The images are data: URLs inside the frame's own document, which keeps the
 * app's Content-Security-Policy.
 */
export async function attachmentPreview(api: ApiClient, path: string, filename: string, contentType: string): Promise<HTMLElement> {
  const blob = await api.blob(path);
  const { images, pageCount } =
    mainType(contentType) === pdfType ? await pdfPageImages(await blob.arrayBuffer()) : { images: [await asDataUrl(blob)], pageCount: 1 };
  const frame = h('iframe', {
    class: 'attachment-frame',
    sandbox: '',
    referrerpolicy: 'no-referrer',
    title: `Aperçu de ${filename}`,
    srcdoc: `<!doctype html><html><body>${images.map((image) => `<p><img alt="" src="${image}"></p>`).join('')}</body></html>`,
  });
  const more = pageCount > images.length ? ` (${images.length} premières pages sur ${pageCount} : téléchargez-le pour la suite)` : '';
  return h('figure', { class: 'attachment-preview' }, frame, h('figcaption', {}, `${filename}${more}`));
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('La pièce jointe n’a pas pu être lue.'));
    reader.readAsDataURL(blob);
  });
}
