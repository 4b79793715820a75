import { makeFinding } from '../../model/build';
import type { Owner } from '../../model/finding';
import { plaintextPortMessage } from '../../model/messages';
import { spanOf, workloadDetail, type ManifestContext } from './context';
import { mapAt, mapItems, scalarAt, seqAt, type MapNode } from './tree';
import type { Workload } from './walk';

/**
 * DSG003 for a Service that forwards port 2375: `port: 2375` or `targetPort: 2375`. The span is
 * `port` when it is 2375, else `targetPort`; when both are, `targetPort` is related.
 */
export function checkService(ctx: ManifestContext, root: MapNode, workload: Workload): void {
  const owner: Owner = { kind: 'service', name: workload.name };
  const spec = mapAt(root, 'spec');
  if (!spec) return;

  for (const item of mapItems(seqAt(spec, 'ports'))) {
    const port = scalarAt(item, 'port');
    const target = scalarAt(item, 'targetPort');
    const portHit = port?.value === '2375';
    const targetHit = target?.value === '2375';
    const node = portHit ? port : targetHit ? target : undefined;
    if (!node) continue;

    const related =
      portHit && targetHit && target
        ? [{ span: spanOf(ctx, target), message: 'forwarded to container port 2375' }]
        : [];
    ctx.findings.push(
      makeFinding(
        'DSG003',
        spanOf(ctx, node),
        plaintextPortMessage(owner, '2375'),
        {
          exposure: 'plaintext-tcp',
          owner,
          detail: { ...workloadDetail(ctx, workload), port: 2375 },
        },
        related,
      ),
    );
  }
}
