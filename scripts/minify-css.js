// @ts-check
/**
 * Minifies CSS text of our own (src/styles/), which holds no strings or URLs whose spaces
 * matter: comments go, runs of white space shrink to one, and the spaces CSS never needs go
 * (around `{};,>`, after `:`, around `*` in calc(), before `!important`), as do leading zeros
 * (`0.5em` is `.5em`) and the quotes around an attribute selector's value that is a plain
 * identifier (`[theme='dark']` is `[theme=dark]`). The build uses it (vite.config.ts); a test
 * checks that every rule of every sheet parses as before (test/styles/minify-css.test.ts).
 * @param {string} css
 * @returns {string}
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/([ :(,])0\.(\d)/g, '$1.$2')
    .replace(/ !important/g, '!important')
    .replace(/ \* /g, '*')
    .replace(/;}/g, '}')
    .replace(/\[([\w-]+[~|^$*]?=)'(-?[a-z_][\w-]*)'\]/gi, '[$1$2]')
    .trim();
}
