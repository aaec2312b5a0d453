import type { UserDocument } from '../../models/accounts/user-model';

/**
 * What a user's account shows, to its owner and to admins. `signInDelayedUntil`: wrong passwords delay this
 * account's sign-in from some address until then.
 */
export function toUserView(user: UserDocument, signInDelayedUntil?: Date) {
  return {
    id: user._id.toString(),
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    queues: [...user.queues],
    /** The communes it works for (INSEE codes) and the EPCI (SIREN) whose every commune it serves. */
    communes: [...(user.communes ?? [])],
    epci: user.epci ?? null,
    active: user.active,
    secondFactor: user.totpEnabled,
    signInDelayedUntil: signInDelayedUntil?.toISOString() ?? null,
  };
}
