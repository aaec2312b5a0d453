import { lookup as resolve, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

import { isAllowedWebhookDestination } from '../../routing-rules/webhook-destinations';
import type { Config } from '../config';

/** A call the policy refuses: it is never retried (only the operator's configuration can change the answer). */
export class WebhookDestinationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDestinationRefused';
  }
}

/** Addresses that are not the public internet: the machine itself, its networks, and reserved ranges. */
const nonPublicRanges: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

export interface WebhookDestinationPolicy {
  /** Throws WebhookDestinationRefused unless the URL is under a destination the operator allowed. */
  checkUrl(url: string): void;
  /**
   * Resolves a host name for the connection itself and keeps only permitted addresses, so that what was checked
   * is what is connected to: a name that resolves elsewhere the second time (DNS rebinding) gains nothing.
   */
  lookup: LookupFunction;
  /** Why connecting to this address is refused, or undefined when it may be. */
  addressProblem(address: string): string | undefined;
}

export function webhookDestinationPolicy(
  config: Pick<Config, 'webhookAllowedDestinations' | 'webhookAllowedPrivateAddresses'>,
): WebhookDestinationPolicy {
  const nonPublic = blockListOf(nonPublicRanges.map(([network, prefix, family]) => `${network}/${prefix}/${family}`));
  const allowedPrivate = blockListOf(config.webhookAllowedPrivateAddresses);

  const addressProblem = (address: string): string | undefined => {
    const [plain, family] = withFamily(address);
    if (!nonPublic.check(plain, family) || allowedPrivate.check(plain, family)) return undefined;
    return `l'adresse ${address} est locale ou privée (boucle locale, réseau interne, lien local) et n'est pas autorisée (WEBHOOK_ALLOWED_PRIVATE_ADDRESSES)`;
  };

  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const permitted = addresses.filter(({ address }) => addressProblem(address) === undefined);
      if (permitted.length === 0) {
        const reasons = addresses.map(({ address }) => addressProblem(address)).join(' ; ');
        callback(new WebhookDestinationRefused(`connexion refusée à ${hostname} : ${reasons}`), '', 0);
        return;
      }
      if (options.all) callback(null, permitted);
      else callback(null, permitted[0]!.address, permitted[0]!.family);
    });
  };

  return {
    checkUrl(url) {
      if (!isAllowedWebhookDestination(url, config.webhookAllowedDestinations)) {
        throw new WebhookDestinationRefused(
          `l'adresse ${originOf(url)} n'est plus une destination autorisée (WEBHOOK_ALLOWED_DESTINATIONS)`,
        );
      }
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      const problem = isIP(host) ? addressProblem(host) : undefined;
      if (problem) throw new WebhookDestinationRefused(`connexion refusée : ${problem}`);
    },
    lookup,
    addressProblem,
  };
}

/** `a.b.c.d`, `a.b.c.d/n`, IPv6 likewise; `network/prefix/family` for the built-in list. */
function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, explicitFamily] = entry.split('/');
    const family = (explicitFamily as 'ipv4' | 'ipv6' | undefined) ?? (isIP(address!) === 6 ? 'ipv6' : 'ipv4');
    if (prefix === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(prefix), family);
  }
  return list;
}

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is. */
function withFamily(address: string): [string, 'ipv4' | 'ipv6'] {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return [mapped[1]!, 'ipv4'];
  return [address, isIP(address) === 6 ? 'ipv6' : 'ipv4'];
}

/** Only the origin is shown or logged: a query string may carry the receiver's own token. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'adresse invalide';
  }
}
