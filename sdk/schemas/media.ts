import * as z from 'zod/mini';

/** The image types an upload may be; checked against the bytes, never the name. */
export const ImageType = z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
export type ImageType = z.infer<typeof ImageType>;

/**
 * An uploaded image (provider photo, logo) as JSON: its bytes in base64. The
 * server decodes them, checks the size limit of the resource and the type by
 * content, and answers 422 on `data` otherwise.
 */
export const ImageUpload = z.object({
  data: z.string().check(z.maxLength(60_000), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Base64 bytes of a PNG, JPEG, WebP or GIF image')),
});
export type ImageUpload = z.infer<typeof ImageUpload>;
