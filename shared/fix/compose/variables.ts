import { isScalar, type Node } from 'yaml';
import { pathAt, type ComposeView } from './view';
import { keyText, rangeOf } from '../yaml/tree';

/**
 * An environment variable at a finding, wherever its collection is written (a service's
 * `environment`, an anchored mapping merged into several): the scalar that holds its value, the
 * list or mapping it is an entry of, and where its value starts in the scalar's value.
 */
export interface VariableAt {
  collection: Node;
  /** the list item `NAME=value`, or the mapping value (undefined for `NAME:` alone) */
  node: Node | undefined;
  value: string;
  /** the index in the scalar's value where the variable's value starts */
  valueFrom: number;
  form: 'list' | 'map';
}

export function variableAt(
  view: ComposeView,
  offset: number,
  name: string,
): VariableAt | undefined {
  const path = pathAt(view, offset, offset);
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const step = path[depth];
    if (!step) continue;
    if (step.pair && keyText(step.pair) === name) {
      const node = isScalar(step.node) ? step.node : undefined;
      const value = node?.value === null || node === undefined ? '' : String(node.value);
      return { collection: step.parent, node, value, valueFrom: 0, form: 'map' };
    }
    const text = isScalar(step.node) ? String(step.node.value ?? '') : undefined;
    if (!step.pair && text?.startsWith(`${name}=`)) {
      const value = text.slice(name.length + 1);
      return {
        collection: step.parent,
        node: step.node,
        value,
        valueFrom: name.length + 1,
        form: 'list',
      };
    }
  }
  return undefined;
}

/** True when `node` is written inside `container`. */
export function inside(node: Node | undefined, container: Node): boolean {
  const a = rangeOf(node);
  const b = rangeOf(container);
  return a !== undefined && b !== undefined && b[0] <= a[0] && a[1] <= b[1];
}
