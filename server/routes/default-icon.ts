/**
 * The icon browsers show for our pages when the organization has no logo: a
 * white calendar with a check mark on the default primary colour (#1a6b8f),
 * 32 × 32, as an ICO file holding one PNG. Served at `/favicon.ico` from our
 * own origin, so no page asks a third party for it.
 *
 * @example
 * site.get('/favicon.ico', (c) => c.body(DEFAULT_ICON, 200, { 'content-type': 'image/x-icon' }));
 */
export const DEFAULT_ICON: Uint8Array<ArrayBuffer> = Uint8Array.from(Buffer.from(
  'AAABAAEAICAAAAEAIADNAQAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAZRJREFUeNpjYEACUtn9ElLZ/e1S2f2XpbL7f0tl9/+nEv4NNRNktgQDNiCV3R8jld3/mYqW4sIgO2KwWf6fzjgGOdg/D4ADPoOjAxov/wcItzNAEwdBxalztvzv3XocTFOiBg1fZiA2tf/++/c/CIBoStSg5w4GYoMLGVCiBh0PXgeoFk35v/vyvf+UApAZILNIdkD1yn3/qQVAZpHsAFBqJhd8+fELjGEAZBbdHHDoxkNwkIPwsVuP6euAK49focR3+fK99HPAs/ef/+tXzoLrl8udSL8Q+Pjtx3+7poUo+leeuEq9NADyCSg4YT5CBqBSL6BvJYreCdtPoqihyAGg1AyLV1Cwbjl3C8Vw9HK/eOluDEdSzQHojmhadwhFT9z0DfD6gGoOAAGQhSCLkR1RsHgninrPzmUoeZ+qDsDmCGRs1TD//6uPX3EmUqrlAmyO0Cmf8f/2i3d4cwlVsyGyI0Bp4+SdpwSzKdXLAXzZkmoOoGdt+HsA2wO/iW6U0ghfHhTN8oHtmAx412xQdE4HsnsOAJYjGzxDMNfMAAAAAElFTkSuQmCC',
  'base64',
));
