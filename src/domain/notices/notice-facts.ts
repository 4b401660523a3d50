import { isStoredText, type LongText, type StoredText } from '../case/stored-text';

/**
 * A notice's facts split into those written out and those whose text is in the case document store (issue 11):
 * a stored fact is written as '' and named in `documents`, so the notice (an activity's input, in the history)
 * carries its claim check only; the channel fills it in before rendering.
 */
export function splitFacts(facts: Readonly<Record<string, LongText>>): { written: Record<string, string>; documents?: Record<string, StoredText['stored']> } {
  const written: Record<string, string> = {};
  let documents: Record<string, StoredText['stored']> | undefined;
  for (const [name, value] of Object.entries(facts)) {
    if (isStoredText(value)) {
      written[name] = '';
      documents = { ...documents, [name]: value.stored };
    } else written[name] = value;
  }
  return documents ? { written, documents } : { written };
}
