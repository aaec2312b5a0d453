/** What an agent is told about, in the app, the tab title and (with their consent) the desktop. */
export const agentNoticeKinds = ['assigned', 'mentioned', 'citizen-replied', 'sla-soon'] as const;
export type AgentNoticeKind = (typeof agentNoticeKinds)[number];

export const agentNoticeLabels: Readonly<Record<AgentNoticeKind, string>> = {
  assigned: 'vous a été attribuée',
  mentioned: 'vous mentionne dans une note',
  'citizen-replied': 'nouveau message de l’usager',
  'sla-soon': 'échéance proche',
};

export interface AgentNotice {
  userId: string;
  kind: AgentNoticeKind;
}

/** A ticket given to someone: its new assignee is told, unless they took it themselves. */
export function noticesOfAssignment(assigneeId: string | null, actorId: string | null): AgentNotice[] {
  return assigneeId && assigneeId !== actorId ? [{ userId: assigneeId, kind: 'assigned' }] : [];
}

/** A note's mentions: each colleague named, never its author. */
export function noticesOfMentions(mentionedIds: readonly string[], authorId: string): AgentNotice[] {
  return [...new Set(mentionedIds)].filter((id) => id !== authorId).map((userId) => ({ userId, kind: 'mentioned' as const }));
}

/** The citizen wrote again: whoever holds the ticket; an unassigned ticket shows in the queue's list instead. */
export function noticesOfFollowUp(assigneeId: string | null): AgentNotice[] {
  return assigneeId ? [{ userId: assigneeId, kind: 'citizen-replied' }] : [];
}

/** A due date close ahead: the assignee, or, when nobody holds the ticket, every available agent of its queue. */
export function noticesOfNearDueDate(assigneeId: string | null, queueAgentIds: readonly string[]): AgentNotice[] {
  const recipients = assigneeId ? [assigneeId] : [...new Set(queueAgentIds)];
  return recipients.map((userId) => ({ userId, kind: 'sla-soon' as const }));
}
