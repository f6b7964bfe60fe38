import type { ImageType, ImageUpload } from '../../sdk/schemas/media.ts';
import { DomainError } from '../domain/domain-error.ts';

const SIGNATURES: ReadonlyArray<{ type: ImageType; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { type: 'image/jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b.length >= 6 && /^GIF8[79]a$/.test(String.fromCharCode(...b.subarray(0, 6))) },
  { type: 'image/webp', test: (b) => b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP' },
];

/**
 * The image type of some bytes by their signature (PNG, JPEG, GIF, WebP),
 * or undefined: whatever a file is called, SVG, HTML or anything else is not
 * an image here.
 *
 * @example
 * detectImageType(await readFile('photo.jpg')); // 'image/jpeg'
 */
export function detectImageType(bytes: Uint8Array): ImageType | undefined {
  return SIGNATURES.find((s) => s.test(bytes))?.type;
}

/**
 * Decodes an {@link ImageUpload}, or 422 on `data`: empty, over `maxBytes`
 * (decoded), or not an image by its content.
 *
 * @example
 * const { bytes, type } = decodeImage(validate(ImageUpload, body), 25 * 1024);
 */
export function decodeImage(upload: ImageUpload, maxBytes: number): { bytes: Uint8Array; type: ImageType } {
  const bytes = new Uint8Array(Buffer.from(upload.data, 'base64'));
  if (bytes.length === 0) throw DomainError.invalid('data', 'The image is empty', 'too_small');
  if (bytes.length > maxBytes) throw DomainError.invalid('data', `The image is ${Math.ceil(bytes.length / 1024)} KB; at most ${Math.floor(maxBytes / 1024)} KB`, 'too_big');
  const type = detectImageType(bytes);
  if (!type) throw DomainError.invalid('data', 'Not a PNG, JPEG, WebP or GIF image (checked by its content)', 'not_an_image');
  return { bytes, type };
}
