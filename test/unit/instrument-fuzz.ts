// Material for fuzzing the instrumenter: a replayable PRNG and markup fragments chosen to hit
// its edge cases (quotes, entities, comments, raw text, quotes of earlier mail, old pixels).
import { BASE, TOKEN } from './instrument-checks.ts';

/** Deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FRAGMENTS = [
  '<', '>', '</', '/>', '<a', '<A HREF=', ' href=', 'href', '=', '"', "'", ' ', '\n', '\t', '&', '&amp;', '&#', 'x;',
  'https://x.example/', 'HTTPS://Ü.example/é?q=1&b', 'mailto:a@b', '#top', 'javascript:', '<a href="https://y.example/">y</a>',
  '<!--', '-->', '<!--[if mso]>', '<![endif]-->', '<![endif]', '<v:roundrect href="https://v.example/">', '<style>', '</style>',
  '<script>', '</script>', '<textarea>', '<title>', '</body>', '<body>', '</html>', '<div class="gmail_quote">', '</div>',
  '<blockquote type="cite">', '</blockquote>', '<img src="', `${BASE}/t/o/em_OldEmailAAAAAAAAAAAAAA.gif`, '">', '<area href=',
  `${BASE}/t/c/em_OldEmailAAAAAAAAAAAAAA/0?k=x&d=y&s=z`, '<![CDATA[', ']]>', '<!DOCTYPE html>', '<?xml ?>', '<svg>', '</svg>',
  '<p>', 'é🎉', '\u0000', '\ud800', '<base href="https://b.example/">', 'data-href="https://d.example/"',
  `${BASE}/t/o/${TOKEN}.gif`, '<img', ' src=', '<plaintext>', '<xmp>', '</xmp>', '<iframe>', '<noscript>', '<form>',
  '<table>', '<td>', '<br/>', '</br>', '</p>', '<a href=https://z.example/', '<div class=gmail_quote', '</a\n>', '</div >',
  '<math>', '</textarea>',
];
