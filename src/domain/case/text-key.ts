import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { LongText } from './stored-text';

/**
 * What a text says, as one comparable key whether it is written out or in the case document store (issue 11): the
 * SHA-256 of its UTF-8 bytes without surrounding white space, which is the claim check's own `sha256` (the API
 * stores texts trimmed). So a report's goals compare with the goals in force (PAR-IPG) also where one side was
 * written before texts were stored. Pure JavaScript (@noble/hashes): deterministic in workflow code.
 */
export function textKey(text: LongText): string {
  return typeof text === 'string' ? bytesToHex(sha256(utf8ToBytes(text.trim()))) : text.stored.sha256;
}
