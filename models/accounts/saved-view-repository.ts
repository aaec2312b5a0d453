import { Types } from 'mongoose';

import { SavedViewModel, type SavedViewDocument } from './saved-view-model';

export interface SavedViewFilter {
  queue?: string;
  status?: string;
  view: string;
  q?: string;
  sort: string;
}

/** A user's saved views, oldest first (the order they were made in). */
export async function listSavedViews(userId: Types.ObjectId): Promise<SavedViewDocument[]> {
  return SavedViewModel.find({ userId }).sort({ createdAt: 1, _id: 1 });
}

export async function countSavedViews(userId: Types.ObjectId): Promise<number> {
  return SavedViewModel.countDocuments({ userId });
}

export async function createSavedView(userId: Types.ObjectId, name: string, filter: SavedViewFilter): Promise<SavedViewDocument> {
  return SavedViewModel.create({ userId, name, filter });
}

/** Only the user's own view is deleted; false when they have none of that id. */
export async function deleteSavedView(userId: Types.ObjectId, viewId: string): Promise<boolean> {
  if (!Types.ObjectId.isValid(viewId)) return false;
  return (await SavedViewModel.deleteOne({ _id: viewId, userId })).deletedCount === 1;
}
