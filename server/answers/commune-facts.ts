import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { readCommuneFacts, saveCommuneFacts, type CommuneFacts } from '../../models/commune-facts/commune-facts-repository';

/** The settings page's save: the facts as typed, and an audit entry naming the facts that changed (not their values). */
export async function updateCommuneFacts(actor: Pick<UserDocument, '_id' | 'role'>, facts: CommuneFacts) {
  const changed = await saveCommuneFacts(facts, actor._id);
  if (changed.length > 0)
    await recordAuditEvent({
      actor,
      action: 'commune-facts.updated',
      objectType: 'CommuneFacts',
      objectId: 'commune',
      details: { changed },
    });
  return readCommuneFacts();
}
