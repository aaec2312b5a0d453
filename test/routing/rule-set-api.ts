import request from 'supertest';

import { TicketModel } from '../../models/ticket/ticket-model';
import type { Rule, RuleSet } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';

export function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}

export async function activeRuleSet(application: RunningApplication, token: string): Promise<{ version: number; ruleSet: RuleSet }> {
  const response = await request(application.url).get('/api/rule-sets/active').set(bearer(token)).expect(200);
  return response.body.version;
}

/** The rule set in force plus `rules`, as a supervisor would edit it. */
export async function activeRulesWith(application: RunningApplication, token: string, ...rules: Rule[]): Promise<RuleSet> {
  const { ruleSet } = await activeRuleSet(application, token);
  return { ...ruleSet, rules: [...ruleSet.rules, ...rules] };
}

/**
 * Draft, simulate and publish through the API, as documented; returns the draft's version number, published unless
 * the publication is expected to be refused (`publishStatus`).
 */
export async function publishThroughApi(
  application: RunningApplication,
  token: string,
  ruleSet: RuleSet,
  publishStatus = 200,
): Promise<number> {
  const draft = await request(application.url).post('/api/rule-sets/versions').set(bearer(token)).send({ ruleSet }).expect(201);
  const version = draft.body.version.version as number;
  const simulation = await request(application.url)
    .post(`/api/rule-sets/versions/${version}/simulate`)
    .set(bearer(token))
    .send({})
    .expect(201);
  await request(application.url)
    .post(`/api/rule-sets/versions/${version}/publish`)
    .set(bearer(token))
    .send({ simulationId: simulation.body.simulation.id })
    .expect(publishStatus);
  return version;
}

export function keywordRule(id: string, words: string[], then: Rule['then'], overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Règle de test ${id}`,
    priority: 750,
    enabled: true,
    when: { kind: 'keywords', field: 'subjectOrText', words, match: 'any' },
    then,
    stop: true,
    ...overrides,
  };
}

/** Posts a web-form request and waits until it is routed; returns the request id and its ticket id. */
export async function submitAndRoute(application: RunningApplication, text: string): Promise<{ requestId: string; ticketId: string }> {
  const response = await request(application.url)
    .post('/api/requests')
    .send({ text, requester: { name: 'Camille Durand' } })
    .expect(201);
  await application.worker.idle();
  const ticket = await TicketModel.findOne({ requestId: response.body.id });
  if (!ticket) throw new Error(`request ${response.body.id} was not routed`);
  return { requestId: response.body.id, ticketId: ticket._id.toString() };
}

export async function ticketOf(application: RunningApplication, token: string, ticketId: string) {
  const response = await request(application.url).get(`/api/tickets/${ticketId}`).set(bearer(token)).expect(200);
  return response.body.ticket;
}
