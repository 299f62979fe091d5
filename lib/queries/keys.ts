/** The query-key factory: every cache entry of the app is named here. */
export const queryKeys = {
  board: (slug: string) => ["board", slug] as const,
  epic: (id: string) => ["epic", id] as const,
  trial: (id: string) => ["trial", id] as const,
};
