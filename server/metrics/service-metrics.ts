import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server as SocketServer } from 'socket.io';

import { countWaitingOutboxes, countWaitingRequests } from '../../models/statistics/backlog-repository';

/**
 * The service's Prometheus metrics, in a registry of its own (never prom-client's global one, which would carry
 * figures from one application to the next in the same process, as tests start several). Labels take a few fixed
 * values (channel, outcome, outbox): never an address, a name or anything a citizen wrote.
 */
export interface ServiceMetrics {
  registry: Registry;
  requestsReceived: Counter<'channel'>;
  /** From the claim of a stored request to its tickets (or its failure). */
  processingSeconds: Histogram<'outcome'>;
  classificationSeconds: Histogram;
  llmCalls: Counter<'outcome'>;
}

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestsReceived: new Counter({
      name: 'aiguillage_requests_received_total',
      help: 'Requests stored by the intake, by channel (duplicates and retries of a stored request are not counted).',
      labelNames: ['channel'],
      registers,
    }),
    processingSeconds: new Histogram({
      name: 'aiguillage_request_processing_seconds',
      help: 'Time to classify and route a stored request into its tickets, by outcome (routed, failed).',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    classificationSeconds: new Histogram({
      name: 'aiguillage_classification_seconds',
      help: 'Time the classifiers take on one request (local models, entities and, when asked, the LLM fallback).',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    }),
    llmCalls: new Counter({
      name: 'aiguillage_llm_calls_total',
      help: 'Uses of the LLM fallback by outcome, including those refused before any call (over budget, circuit open).',
      labelNames: ['outcome'],
      registers,
    }),
  };
}

/** Backlogs are read from the database when Prometheus scrapes: the database, not this process, knows them. */
export function observeBacklogs(metrics: ServiceMetrics): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'aiguillage_requests_waiting',
    help: 'Requests stored but not yet classified and routed.',
    registers,
    async collect() {
      this.set(await countWaitingRequests());
    },
  });
  new Gauge({
    name: 'aiguillage_outbox_waiting',
    help: 'Messages waiting in an outbox (mail to citizens, webhook calls).',
    labelNames: ['outbox'],
    registers,
    async collect() {
      const { mail, webhooks } = await countWaitingOutboxes();
      this.set({ outbox: 'mail' }, mail);
      this.set({ outbox: 'webhook' }, webhooks);
    },
  });
}

export function observeSocketConnections(metrics: ServiceMetrics, io: SocketServer): void {
  new Gauge({
    name: 'aiguillage_socket_connections',
    help: "Agents' live sockets connected to this instance.",
    registers: [metrics.registry],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
}
