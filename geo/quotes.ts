/**
 * Quote verification: a quote counts as found when it occurs in the document
 * after both have had their whitespace normalised (runs collapsed to one space,
 * and removed next to CJK characters, where line breaks carry no meaning).
 * Nothing else is normalised: punctuation, case and characters must match.
 */
const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const AROUND_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'g');

/** Collapses whitespace as described above. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').replace(AROUND_CJK, '').trim();
}

/** True when `quote` occurs verbatim (whitespace normalised) in `document`. */
export function quoteInDocument(quote: string, document: string): boolean {
  const q = normaliseWhitespace(quote);
  return q.length > 0 && normaliseWhitespace(document).includes(q);
}

/** Minimum length of a quote, in characters after normalisation: a clause, not a word. */
export function minQuoteLength(quote: string): number {
  return /[\u3400-\u9fff]/.test(quote) ? 8 : 25;
}
