import type { Types } from 'mongoose';

import { encryptedFieldsOf, searchTokens, searchTokensOfDocument } from '../encryption/encrypted-fields';
import { modelCipher } from '../encryption/model-cipher';
import { RequestModel, type RequestDocument } from './request-model';

/** What a search asks of the request itself: every kind of criterion given must hold (any of several addresses). */
export interface RequestCriteria {
  /** Free text: each of its words must be in the requester's name, the subject or the message. */
  words?: string;
  emails?: readonly string[];
  phones?: readonly string[];
}

/**
 * Ids of the requests meeting every criterion, found through the keyed hashes only (the values are encrypted):
 * the word index for the words, the lookup hashes for the e-mail address and the phone number. Null when no
 * criterion constrains anything (only function words, say): the search does not narrow the requests.
 */
export async function findRequestIdsMatching(criteria: RequestCriteria): Promise<Types.ObjectId[] | null> {
  const cipher = modelCipher();
  const tokens = criteria.words ? searchTokens(criteria.words) : [];
  const filter = {
    ...(tokens.length > 0 ? { searchTokens: { $all: tokens } } : {}),
    ...(criteria.emails?.length ? { requesterEmailHash: { $in: criteria.emails.map((email) => cipher.lookupHash('email', email)) } } : {}),
    ...(criteria.phones?.length ? { requesterPhoneHash: { $in: criteria.phones.map((phone) => cipher.lookupHash('phone', phone)) } } : {}),
  };
  if (Object.keys(filter).length === 0) return null;
  return (await RequestModel.distinct('_id', filter)) as Types.ObjectId[];
}

/** The same citizen's other requests: same keyed hash of the e-mail address or of the phone number. */
export async function findOtherRequestIdsOfRequester(request: RequestDocument): Promise<Types.ObjectId[]> {
  const conditions = [
    ...(request.get('requesterEmailHash') ? [{ requesterEmailHash: request.get('requesterEmailHash') as string }] : []),
    ...(request.get('requesterPhoneHash') ? [{ requesterPhoneHash: request.get('requesterPhoneHash') as string }] : []),
  ];
  if (conditions.length === 0) return [];
  return (await RequestModel.distinct('_id', { $or: conditions, _id: { $ne: request._id } })) as Types.ObjectId[];
}

/**
 * Builds the search index of requests stored before it existed (run at start-up): a batch at a time, in id order,
 * only where the index is still missing, so that running it again, or while requests arrive, changes nothing else.
 */
export async function indexRequestsWithoutSearchTokens(batchSize = 500): Promise<number> {
  const { paths } = encryptedFieldsOf(RequestModel.schema)!.searchIndex!;
  let indexed = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    const batch: RequestDocument[] = await RequestModel.find({ searchTokens: null, ...(after ? { _id: { $gt: after } } : {}) })
      .sort({ _id: 1 })
      .limit(batchSize);
    if (batch.length === 0) return indexed;
    after = batch.at(-1)!._id;
    for (const request of batch) {
      const tokens = searchTokensOfDocument(request, paths);
      const result = await RequestModel.updateOne({ _id: request._id, searchTokens: null }, { $set: { searchTokens: tokens } });
      indexed += result.modifiedCount;
    }
  }
}
