import { getLIDModel } from 'fasttext.wasm.js';

export interface DetectedLanguage {
  language: string;
  probability: number;
}

export type LanguageDetector = (text: string) => Promise<DetectedLanguage>;

/** fastText's lid.176 model, shipped inside the fasttext.wasm.js package: works offline, well under a millisecond. */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  const model = await getLIDModel();
  await model.load();
  return async (text) => {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    if (!oneLine) return { language: 'und', probability: 0 };
    const result = await model.identify(oneLine);
    return { language: result.alpha2 ?? result.alpha3 ?? 'und', probability: result.possibility };
  };
}
