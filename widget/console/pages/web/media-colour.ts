/** Whether `value` is a colour as the theme stores it (`#1a6b8f`). */
export const isHexColor = (value: string): boolean => /^#[0-9a-fA-F]{6}$/.test(value);

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * The WCAG contrast ratio of white text on `hex` (1 to 21): the widget's
 * buttons are white on the primary colour, so below 4.5 they are hard to read.
 *
 * @example
 * contrastWithWhite('#1a6b8f'); // ≈ 6.1
 * contrastWithWhite('#ffcc00'); // ≈ 1.6
 */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}
