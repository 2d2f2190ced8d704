/** How long the scroll position is kept on the comment while sizes settle (frames, ~2 s). */
const MAX_FRAMES = 120;
/** Frames without movement after which the position counts as settled. */
const STILL_FRAMES = 5;
/** What a reader does to scroll for themselves: the position is no longer held then. */
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Scrolls a linked comment to the top of the viewport and holds it there while sizes settle.
 * Off-screen comments have estimated sizes (`content-visibility: auto`) that change as they come
 * into view, and a page may ask for smooth scrolling: so the jump is instant, and repeated each
 * frame until the comment stays put, `jump` is aborted (a newer jump, a disconnect), or the
 * reader scrolls themselves. Its own module: only a page linked to a comment needs it.
 */
export async function scrollToComment(
  find: () => HTMLElement | null,
  rendered: Promise<unknown>,
  jump: AbortController,
): Promise<void> {
  const { signal } = jump;
  for (const type of READER_INPUT) addEventListener(type, () => jump.abort(), { passive: true, signal });
  await rendered;
  let still = 0;
  for (let frame = 0; frame < MAX_FRAMES && still < STILL_FRAMES && !signal.aborted; frame++) {
    const element = find();
    if (!element) break;
    const before = element.getBoundingClientRect().top;
    // Instant, whatever the page's scroll-behavior: a smooth scroll aims at sizes that change under it.
    element.scrollIntoView({ block: 'start', behavior: 'instant' });
    still = element.getBoundingClientRect().top === before ? still + 1 : 0;
    await nextFrame();
  }
  jump.abort();
}
