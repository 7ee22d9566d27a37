/** The plain text of an mdast node (like mdast-util-to-string, without the dependency). */
import type { Nodes } from 'mdast';

export function toString(node: Nodes | undefined): string {
  if (!node) return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toString).join('');
  return '';
}
