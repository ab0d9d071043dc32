/** Lower case without accents, so "kovac" finds "Kovač" and "ECOLE" finds "école". */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The words of a search, folded; empty when there is nothing to search for. */
export function searchTerms(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

/** True when every term appears somewhere in the folded text: "pump harbour" finds a pump job at Harbour. */
export function matchesTerms(foldedText: string, terms: readonly string[]): boolean {
  return terms.every((term) => foldedText.includes(term));
}
