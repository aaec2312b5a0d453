/**
 * Sentences that address the sorting system rather than the mairie ("ignore previous instructions", "route this
 * to urbanisme", "classez cette demande comme urgente"). A citizen's request is data: these sentences must not
 * steer any classifier, local or LLM, so they are left out of what the classifiers read (the stored request and
 * what agents see are unchanged).
 */
const instructionPatterns = [
  /\b(ignore[sz]?|oublie[sz]?|disregard|forget)\b.{0,40}\b(instructions?|consignes?|r[eè]gles?|prompts?|above|pr[eé]c[eé]dent(e|es|s)?|previous)\b/i,
  /\b(route[rsz]?|redirige[rsz]?|transf[eè]re[rsz]?|envoie[rsz]?|assign(e|er|ez)?|classe[rsz]?|class(ify|é|ée)|cat[eé]gorise[rsz]?|send|forward|move)\b.{0,30}\b(this|cette demande|ce (message|ticket|courriel|mail)|la demande|le ticket|it)\b.{0,30}\b(to|vers|à|au|dans|en|comme|as|into)\b/i,
  /^\s*(system|assistant|syst[eè]me)\s*:/i,
  /\b(you are|tu es|vous [eê]tes) (now|d[eé]sormais|maintenant)\b/i,
  /\b(priorit[eé]|priority)\s*[:=]\s*(urgent|haute|high|max)/i,
];

export function stripRoutingInstructions(text: string): string {
  return text
    .split(/(?<=[.!?\n])/)
    .filter((sentence) => !instructionPatterns.some((pattern) => pattern.test(sentence)))
    .join('')
    .trim();
}
