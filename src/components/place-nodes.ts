/**
 * Makes `parent`'s children exactly `nodes`, in that order (false and null stand for a node that
 * does not show now), moving only what is out of place.
 * A node already where it belongs is not touched: moving one, even to where it is, takes the
 * focus, a selection or the caret out of it. So appending a chunk of comments, or one new
 * comment at the top, leaves every other conversation (and the reply form in one) as it was.
 */
export function placeNodes(parent: Node, nodes: readonly (Node | false | null)[]): void {
  const wanted = new Set(nodes);
  for (let child = parent.firstChild; child !== null;) {
    const next: ChildNode | null = child.nextSibling;
    if (!wanted.has(child)) child.remove();
    child = next;
  }
  let at = parent.firstChild;
  for (const node of nodes) {
    if (!node) continue;
    if (node === at) at = at.nextSibling;
    else parent.insertBefore(node, at);
  }
}

/** Sets a node's text, only when it differs: the same words are not announced again. */
export function say(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Sets an attribute, only when it differs, as Lit's bindings do: by the DOM standard, setting
 * one even to the value it has is a change (observers see it; a browser may restyle what is
 * under it, the whole thread for the section's `dir` and `lang`).
 */
export function setAttribute(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}
