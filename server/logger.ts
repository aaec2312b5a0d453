import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data must never be logged: call sites log ids and counts only, and these paths are
 * censored as a second line of defence should a whole object slip into a log call.
 */
const personalDataPaths = [
  'text',
  'subject',
  'body',
  'html',
  'requester',
  'email',
  'phone',
  'name',
  'password',
  'token',
  'authorization',
  '*.text',
  '*.subject',
  '*.body',
  '*.html',
  '*.requester',
  '*.email',
  '*.phone',
  '*.name',
  '*.password',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: personalDataPaths, censor: '[masqué]' }, base: { service: 'aiguillage' } });
}

export type { Logger };
