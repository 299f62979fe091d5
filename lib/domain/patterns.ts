// Pure: finding patterns. A small library (hundreds, not millions) is searched in memory, ranked
// by where the words match: the name first, then tags, then the description and the rest.

export type Searchable = {
  name: string;
  tags: string[];
  description: string;
  whenToUse: string;
  implementation: string;
  examples: string;
  commonIssues: string;
};

const WEIGHTS = { name: 8, tags: 6, description: 3, whenToUse: 3, rest: 1 } as const;

export function scorePattern(p: Searchable, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return 1;
  let score = 0;
  for (const w of words) {
    let hit = 0;
    if (p.name.toLowerCase().includes(w)) hit += WEIGHTS.name;
    if (p.tags.some((t) => t.includes(w))) hit += WEIGHTS.tags;
    if (p.description.toLowerCase().includes(w)) hit += WEIGHTS.description;
    if (p.whenToUse.toLowerCase().includes(w)) hit += WEIGHTS.whenToUse;
    if (`${p.implementation}\n${p.examples}\n${p.commonIssues}`.toLowerCase().includes(w))
      hit += WEIGHTS.rest;
    if (hit === 0) return 0; // every word must match somewhere
    score += hit;
  }
  return score;
}

/** A run says it used a pattern with a line `PATTERN <name>`. */
export function patternsIn(text: string): string[] {
  return [...text.matchAll(/^\s*PATTERN\s+(.{3,120}?)\s*$/gm)].map((m) => m[1]);
}
