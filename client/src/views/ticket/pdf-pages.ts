/** How many pages are drawn: enough to recognise a document, few enough to stay quick on a 50-page scan. */
const shownPages = 5;

/**
 * The first pages of a PDF drawn as images by Mozilla's PDF.js, loaded only when a PDF is previewed. The PDF is
 * parsed in PDF.js's worker; its scripts, forms and links are never run or followed (no scripting sandbox, no
 * eval, no XFA, no WebAssembly, which the page's Content-Security-Policy forbids anyway): only pixels come back.
 */
export async function pdfPageImages(data: ArrayBuffer): Promise<{ images: string[]; pageCount: number }> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  const pdf = await pdfjs.getDocument({ data, isEvalSupported: false, enableXfa: false, useWasm: false }).promise;
  try {
    const images: string[] = [];
    for (let number = 1; number <= Math.min(shownPages, pdf.numPages); number += 1) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: 1.25 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      images.push(canvas.toDataURL('image/png'));
    }
    return { images, pageCount: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
