import request from 'supertest';

import type { RunningApplication } from '../../server/application';

/** A valid no-JavaScript submission of the public form, as a browser posts it after GET /demande (or another address of it). */
export async function formFields(application: RunningApplication, values: Record<string, string>, path = '/demande') {
  const page = await request(application.url).get(path).expect(200);
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.text)![1];
  return { cle: hidden('cle'), debut: hidden('debut'), site_web: '', subject: '', text: '', name: '', email: '', phone: '', ...values };
}

export const birthCertificate = {
  subject: 'Copie intégrale d’acte de naissance',
  text: 'Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance. Je suis née le 12 mars 1985. Merci. Claire Martin',
  name: 'Claire Martin',
  email: 'claire.martin@example.org',
};

/** The status page path a confirmation redirect points at (/suivi/<token>). */
export function statusPathOf(location: string): string {
  const match = /^(\/suivi\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\/confirmation$/.exec(location);
  if (!match) throw new Error(`not a confirmation address: ${location}`);
  return match[1];
}
