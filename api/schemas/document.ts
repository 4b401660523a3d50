import { z } from 'zod';

/**
 * A case document named by its content (the case document store, src/audit/document-store.ts): what actions and
 * histories carry instead of a long text or an attachment.
 */
export const claimCheckSchema = z
  .object({
    sha256: z.string().max(64).regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the bytes, lower-case hex: the document\'s address'),
    size: z.number().int().min(0).describe('bytes'),
    contentType: z.string().max(300).describe('media type the document was stored with'),
  })
  .meta({ id: 'ClaimCheck', examples: [{ sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', size: 11, contentType: 'text/plain' }] });
