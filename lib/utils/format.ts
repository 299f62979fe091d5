const rules = new Intl.PluralRules("en");

/** "1 decision", "3 decisions": the count and the word that agrees with it (English words). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${rules.select(n) === "one" ? one : many}`;
}
