import type { RenderedNode } from '@hubspot/ui-extensions/testing';

/** All text under a node, element by element (`node.text` is only a node's own direct text). */
export function textOf(node: RenderedNode): string {
  if (node.nodeType === 'text') return node.text;
  return node.childNodes.map(textOf).join(' ');
}
