import type { ClassificationInput } from '../classification';

/** What the encoder reads for a request: subject then body (training/texts.py request_text builds the same string). */
export function requestText(input: Pick<ClassificationInput, 'subject' | 'text'>): string {
  return [input.subject ?? '', input.text]
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join('\n');
}
