export interface AttachmentLimits {
  maxBytes: number;
  maxCount: number;
}

export interface AttachmentCandidate {
  filename: string;
  contentType: string;
  size: number;
  /** The first bytes are enough: executables are recognised by their signature whatever their name. */
  head: Buffer;
}

export type AttachmentVerdict = { accepted: true } | { accepted: false; code: 'dangerous' | 'too-large' | 'too-many'; reason: string };

/** Types that run code when opened: what mail-borne malware uses, refused whatever the claimed MIME type. */
const dangerousExtensions = new Set([
  'exe',
  'com',
  'bat',
  'cmd',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'mst',
  'dll',
  'sys',
  'drv',
  'ocx',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'wsc',
  'ps1',
  'ps1xml',
  'ps2',
  'psc1',
  'psm1',
  'hta',
  'jar',
  'lnk',
  'reg',
  'inf',
  'scf',
  'chm',
  'gadget',
  'application',
  'appx',
  'appxbundle',
  'msix',
  'msixbundle',
  'apk',
  'app',
  'sh',
  'bash',
  'csh',
  'ksh',
  'command',
  'elf',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'pptm',
  'potm',
  'ppam',
  'sldm',
  'one',
  'url',
  'website',
  'settingcontent-ms',
  'library-ms',
  'xll',
  'iqy',
  'slk',
  'svg',
]);
const dangerousTypes =
  /^(application\/(x-msdownload|x-ms-dos-executable|x-dosexec|x-executable|x-msi|x-ms-installer|vnd\.microsoft\.portable-executable|x-sh|x-shellscript|javascript|x-javascript|java-archive|x-java-archive|hta|x-ms-shortcut|vnd\.ms-excel\.sheet\.macroenabled\.12|vnd\.ms-word\.document\.macroenabled\.12)|text\/(javascript|x-sh|vbscript)|image\/svg\+xml)$/i;

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0
    ? ''
    : filename
        .slice(dot + 1)
        .trim()
        .toLowerCase();
}

function executableSignature(head: Buffer): string | null {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'programme Windows';
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'programme Linux';
  if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return 'script';
  return null;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** Decides, attachment by attachment and in order, which ones the mairie keeps; the reasons are French. */
export function attachmentVerdicts(attachments: readonly AttachmentCandidate[], limits: AttachmentLimits): AttachmentVerdict[] {
  let kept = 0;
  return attachments.map((attachment): AttachmentVerdict => {
    const extension = extensionOf(attachment.filename);
    const signature = executableSignature(attachment.head);
    const dangerousName = dangerousExtensions.has(extension);
    if (dangerousName || dangerousTypes.test(attachment.contentType) || signature) {
      const what = [dangerousName ? `fichier .${extension}` : null, signature].filter(Boolean).join(', ') || attachment.contentType;
      return {
        accepted: false,
        code: 'dangerous',
        reason: `Type de fichier refusé pour des raisons de sécurité (${what}) : il pourrait contenir un programme malveillant. Envoyez plutôt un PDF ou une image.`,
      };
    }
    if (attachment.size > limits.maxBytes) {
      return {
        accepted: false,
        code: 'too-large',
        reason: `Pièce jointe trop volumineuse (${formatMegabytes(attachment.size)}, maximum ${formatMegabytes(limits.maxBytes)}).`,
      };
    }
    if (kept >= limits.maxCount) {
      return { accepted: false, code: 'too-many', reason: `Trop de pièces jointes : ${limits.maxCount} au plus par message.` };
    }
    kept += 1;
    return { accepted: true };
  });
}
