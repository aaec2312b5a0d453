import { Types } from 'mongoose';

import type { SimulationResult } from '../../routing-rules/simulate-rule-set';
import { RuleSetSimulationModel, type RuleSetSimulationDocument } from './rule-set-simulation-model';

export interface NewRuleSetSimulation extends SimulationResult {
  draftVersion: number;
  draftRevision: number;
  activeVersion: number;
  source: 'stored' | 'jsonl';
  requestCount: number;
  skipped: number;
  createdBy: Types.ObjectId;
}

export async function saveRuleSetSimulation(simulation: NewRuleSetSimulation, now = new Date()): Promise<RuleSetSimulationDocument> {
  return RuleSetSimulationModel.create({ ...simulation, createdAt: now });
}

export async function findRuleSetSimulation(id: string): Promise<RuleSetSimulationDocument | null> {
  return Types.ObjectId.isValid(id) ? RuleSetSimulationModel.findById(id) : null;
}
