/** The query-key factory: every cache entry of the app is named here. */
export const queryKeys = {
  board: (slug: string) => ["board", slug] as const,
  epic: (id: string) => ["epic", id] as const,
  trial: (id: string) => ["trial", id] as const,
  review: (epicId: string) => ["review", epicId] as const,
  merge: (epicId: string) => ["merge", epicId] as const,
};
