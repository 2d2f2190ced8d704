/**
 * A constructable style sheet made from CSS text, for `static styles` and `adoptedStyleSheets`.
 * Lit's `css` tag is not needed for it (its work is checking interpolated values, and ours have
 * none), and a page's `style-src` CSP does not apply to a constructed sheet as it would to a
 * `<style>`. The build minifies the CSS text given to each call here (vite.config.ts).
 */
export function sheet(cssText: string): CSSStyleSheet {
  const made = new CSSStyleSheet();
  made.replaceSync(cssText);
  return made;
}
