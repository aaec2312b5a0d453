import type { Request, Response } from 'express';

import { settingLevelSchema } from '../../routing-rules/communes/setting-levels';
import type { TicketViewer } from '../../tickets/ticket-visibility';
import { assertSettingLevelAccess, type SettingsScope } from '../communes/setting-level-access';
import { currentUser } from './authenticate';
import { parseInput } from './parse-input';

/** `?commune=INSEE` of a setting's route, as its API document declares it. */
export const settingLevelQuery = settingLevelSchema.in;

/**
 * The level a setting's route reads or writes (`?commune=INSEE`, absent: the service's), once the signed-in user
 * passes the one access check for it (a 403 in French otherwise).
 */
export function settingLevelOf(
  request: Request,
  response: Response,
  settingsScopeOf: (viewer: TicketViewer) => SettingsScope,
  access: 'read' | 'change',
): string | null {
  const commune = parseInput(settingLevelSchema, request.query, 'Commune');
  assertSettingLevelAccess(settingsScopeOf(currentUser(response)), commune, access);
  return commune;
}
