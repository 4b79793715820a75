import { isScalar } from 'yaml';
import type { EditStep } from '../steps';
import { removeAt } from '../yaml/remove';
import { pathTo } from '../yaml/tree';
import { setKey } from './edit';
import { keepInManifest, type ManifestFinding } from './view';

/**
 * Sysbox for a privileged Docker-in-Docker container: `privileged: true` goes (with a
 * `securityContext` it leaves empty) and the pod runs under `runtimeClassName: sysbox-runc`,
 * which needs the Sysbox RuntimeClass installed on the cluster.
 */
export function sysbox(m: ManifestFinding): EditStep[] {
  const { start, end } = m.ctx.finding.span;
  return [
    (text) => {
      const view = m.view(text);
      if (!view) return undefined;
      const path = pathTo(view.document, start, end);
      const depth = path.length - 1;
      const step = path[depth];
      if (!step?.pair || !isScalar(step.node)) return undefined;
      return removeAt(view.yaml.text, path, depth, keepInManifest);
    },
    (text) => {
      const view = m.view(text);
      return view && setKey(view, view.spec, 'runtimeClassName', 'sysbox-runc');
    },
  ];
}
