import type { ApiClient } from '../../api/api-client';
import { h } from '../../dom/element';

/** The types the server previews (server/replies/inline-preview-type.ts checks their first bytes too). */
const previewableImages = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function isPreviewable(contentType: string): boolean {
  return previewableImages.includes(contentType.trim().toLowerCase().split(';')[0]);
}

/**
 * An attachment shown in the page, in a frame sandboxed without scripts: whatever the file holds, it cannot run,
 * reach the app or navigate it. The file is fetched with the session's token from the preview route (which sends
 * only images that really are images, under a sandbox CSP), then shown as a data: image inside the frame's own
 * document, which keeps the app's Content-Security-Policy.
 */
export async function attachmentPreview(api: ApiClient, path: string, filename: string): Promise<HTMLElement> {
  const dataUrl = await asDataUrl(await api.blob(path));
  const frame = h('iframe', {
    class: 'attachment-frame',
    sandbox: '',
    referrerpolicy: 'no-referrer',
    title: `Aperçu de ${filename}`,
    srcdoc: `<!doctype html><html><body><img alt="" src="${dataUrl}"></body></html>`,
  });
  return h('figure', { class: 'attachment-preview' }, frame, h('figcaption', {}, filename));
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('La pièce jointe n’a pas pu être lue.'));
    reader.readAsDataURL(blob);
  });
}
