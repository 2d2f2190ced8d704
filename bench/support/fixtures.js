// @ts-check
// Deterministic thread fixtures for the benchmark: the same seed gives the same thread, so runs
// on different days (and different builds) load exactly the same data.
//
// Shape: ~30% top-level comments, replies nested down to depth 5 (top level is depth 1, the
// element's default max-depth), bodies of 50–600 characters of varied plain text (some with
// paragraph or line breaks, some with an http(s) link), plausible pseudonymous names, a few
// author websites, ISO dates that only increase.

/** @typedef {{ id: string, parentId: string | null, author: { name: string, url: string | null }, body: string, createdAt: string, status: 'published' }} Comment */

export const MAX_DEPTH = 5;
const TOP_LEVEL_SHARE = 0.3;

/**
 * mulberry32: a small, fast, seedable PRNG (good enough for fixtures, not for crypto).
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Quiet',
  'Rowan',
  'Maria',
  'Sam',
  'Jo',
  'Ade',
  'Lena',
  'Tomasz',
  'Priya',
  'Owen',
  'Harbor',
  'Nadia',
  'Eli',
  'Grace',
  'Kofi',
  'Ines',
  'Malik',
  'Wren',
  'Aoife',
  'Dev',
  'Yusuf',
  'Hana',
  'Marek',
  'Bea',
  'Luis',
  'Chidi',
  'Saoirse',
];
const SECOND = [
  'K.',
  'M.',
  'from Leeds',
  'T.',
  'in Ohio',
  'R.',
  'Day 40',
  '(one year)',
  'S.',
  'again',
  'B.',
  'here',
];
const HANDLES = [
  'Anon',
  'still here',
  'one day at a time',
  'Night Owl',
  'Morning Person',
  'Lighthouse',
  'small steps',
  'Tea Drinker',
  'Green Chair',
  'Quiet Harbor',
  'porch light',
  'Sober Sue',
];

const SENTENCES = [
  'Thank you for writing this down before you forgot how it felt.',
  'Day 23 here, and the evenings are still the hardest part.',
  'I read this on the bus this morning and had to put my phone away for a minute.',
  'Boredom is not an emergency, and I keep having to remind myself of that.',
  'My sponsor said almost the same thing to me last spring, and I did not believe her either.',
  'What helped me most was having one person I could text without explaining anything.',
  'I relapsed in March and started counting again, which felt awful at first.',
  'The long hour between getting home and dinner is when I go for a walk now.',
  'Sleep came back slowly for me, maybe around week six.',
  'I still keep a list on the back of an envelope in my coat pocket.',
  'Nobody at work knows, and most days that is fine.',
  'It is strange how ordinary the good days feel once they start to come.',
  'I am four years in and I still remember my first ninety days more clearly than the year before.',
  'Flat and grey is not failure; it is the ground settling.',
  'Would you write more about telling your family? That is the part I keep putting off.',
  'My first meeting was in a church basement with terrible coffee and very kind people.',
  'I did not feel better until someone else pointed out that I seemed lighter.',
  'Some weeks the only thing I managed was not drinking, and that was enough.',
  'Ringing someone when something good happens turned out to matter as much as the bad days.',
  'I started cooking proper meals again, which sounds small but is not.',
  'Cravings still show up on Friday afternoons, like clockwork.',
  'Congratulations on ninety days; ninety-one is good too.',
  'This made me cry a little, in a good way.',
  'The envelope idea is going on my fridge tonight.',
  'I had to change my route home so I would not pass the same shop every day.',
  'It helps to hear this from someone only a little further along the road.',
  'I was so sure I would be bored forever, and I was wrong about that.',
  'Please keep writing these; they reach more people than you think.',
  'Today is a hard day, and reading the comments here is helping.',
  'My partner came to an open meeting with me last week, which I never thought would happen.',
];

const LINKS = [
  'https://example.org/meetings/thursday-evening',
  'https://example.org/posts/the-long-evening-hour/',
  'http://support.example.net/find-a-group?near=leeds',
  'https://example.com/podcast/episode-42',
];

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
const pick = (random, list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);

/** @param {() => number} random */
function makeName(random) {
  const r = random();
  if (r < 0.35) return pick(random, HANDLES);
  if (r < 0.75) return `${pick(random, FIRST)} ${pick(random, SECOND)}`;
  return pick(random, FIRST);
}

/**
 * A body of 50–600 characters: sentences, sometimes a link, sometimes a paragraph or line break.
 * @param {() => number} random
 */
function makeBody(random) {
  const target = 50 + Math.floor(random() ** 1.6 * 551); // skewed toward short, up to 600
  const withLink = random() < 0.12;
  /** @type {string[]} */
  const parts = [];
  let length = 0;
  while (length < target) {
    let sentence = pick(random, SENTENCES);
    if (withLink && parts.length === 1) sentence = `There is more at ${pick(random, LINKS)} if it helps.`;
    const joiner = parts.length === 0 ? '' : random() < 0.12 ? '\n\n' : random() < 0.06 ? '\n' : ' ';
    parts.push(joiner + sentence);
    length += joiner.length + sentence.length;
  }
  let body = parts.join('');
  if (body.length > 600) body = body.slice(0, body.lastIndexOf(' ', 600)).replace(/[\s,;]+$/, '') + '…';
  return body;
}

/**
 * The thread of `n` comments, oldest first, every parent before its replies.
 * @param {number} n
 * @param {number} [seed]
 * @returns {Comment[]}
 */
export function makeThread(n, seed = 20240301) {
  const random = prng(seed ^ n);
  /** @type {Comment[]} */
  const comments = [];
  /** Comments that may still get replies (depth < MAX_DEPTH), with their depth. */
  /** @type {Array<{ id: string, depth: number }>} */
  const open = [];
  let time = Date.UTC(2024, 2, 1, 8, 0, 0);
  for (let i = 1; i <= n; i++) {
    const id = `c${i}`;
    let parent = null;
    if (open.length > 0 && random() >= TOP_LEVEL_SHARE) {
      // Replies mostly go to recent comments, as in a live discussion.
      const back = Math.floor(random() ** 2 * Math.min(open.length, 300));
      parent = open[open.length - 1 - back] ?? null;
    }
    const depth = parent ? parent.depth + 1 : 1;
    if (depth < MAX_DEPTH) open.push({ id, depth });
    time += (1 + Math.floor(random() * 90)) * 60_000;
    comments.push({
      id,
      parentId: parent ? parent.id : null,
      author: { name: makeName(random), url: random() < 0.15 ? `https://example.org/people/${i}` : null },
      body: makeBody(random),
      createdAt: new Date(time).toISOString(),
      status: 'published',
    });
  }
  return comments;
}

/**
 * Facts about a thread, for the report: share of top-level comments, deepest level, body sizes.
 * @param {Comment[]} comments
 */
export function describeThread(comments) {
  /** @type {Map<string, number>} */
  const depth = new Map();
  /** @type {Map<string, number>} */
  const replies = new Map();
  let top = 0;
  let deepest = 0;
  let bodyChars = 0;
  let links = 0;
  let breaks = 0;
  for (const c of comments) {
    const d = c.parentId === null ? 1 : (depth.get(c.parentId) ?? 0) + 1;
    depth.set(c.id, d);
    if (c.parentId !== null) replies.set(c.parentId, (replies.get(c.parentId) ?? 0) + 1);
    if (d === 1) top++;
    deepest = Math.max(deepest, d);
    bodyChars += c.body.length;
    if (/https?:\/\//.test(c.body)) links++;
    if (c.body.includes('\n')) breaks++;
  }
  const n = comments.length || 1;
  return {
    topShare: top / n,
    deepest,
    mostReplies: Math.max(0, ...replies.values()),
    meanBody: bodyChars / n,
    linkShare: links / n,
    breakShare: breaks / n,
  };
}

/**
 * A blog post page with the element below the article.
 * @param {number} n
 */
export function blogPage(n) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>What ${n.toLocaleString('en')} replies taught me · Porchlight</title>
  <script type="module" src="/recovery-comments.js"></script>
  <style>
    body { font: 18px/1.6 Georgia, serif; color: #222; margin: 0; }
    header, main, footer { max-width: 42rem; margin: 0 auto; padding: 1rem; }
    header { border-bottom: 1px solid #ddd; }
    recovery-comments { --rc-color-accent: #0b6e4f; margin-top: 3rem; }
  </style>
</head>
<body>
  <header><a href="/">Porchlight</a> · Notes on staying sober, one ordinary day at a time</header>
  <main>
    <article>
      <h1>What ${n.toLocaleString('en')} replies taught me</h1>
      <p><time datetime="2024-03-01">1 March 2024</time> · Early recovery</p>
      <p>Ninety days ago I wrote a short list on the back of an envelope: three phone numbers, two
        places I could walk to in the long evening hour, and one sentence I needed to hear every
        day. I did not expect anyone to read it. I certainly did not expect you to write back.</p>
      <p>What follows is a few notes on the first three months, and the comments below are the
        part of this blog I am proudest of. Please be gentle with each other. Use a pseudonym if
        you like. A person reads every comment before it appears.</p>
      <h2>Boredom is not an emergency</h2>
      <p>The hardest hour was never the one I expected. It was six in the evening on an ordinary
        Tuesday, with nothing wrong and nothing to do. I learned to name it, to make tea, to go
        for a walk around the block, and to text one person without having to explain anything.</p>
      <p>If you are early on and everything feels flat and grey, that is not failure. It is the
        ground settling. Come back and tell us how day thirty goes.</p>
    </article>
    <recovery-comments endpoint="/api" thread="/bench-${n}/" page-size="200"></recovery-comments>
  </main>
  <footer>© Porchlight. No trackers, no ads.</footer>
</body>
</html>
`;
}
