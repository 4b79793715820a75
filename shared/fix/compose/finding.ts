import type { ComposeService } from '../../families/compose';
import type { EditStep } from '../steps';
import type { FixContext } from '../types';
import { composeView, documentIndexAt, serviceNamed, type ComposeView } from './view';

/** A Compose finding with the view of the original text and a way to re-read later texts. */
export interface ComposeFinding {
  ctx: FixContext;
  finding: FixContext['finding'];
  original: ComposeView;
  /** the service named in `detail.service`, in the original text */
  service: ComposeService | undefined;
  /** a fresh view of a text the previous steps left */
  view(text: string): ComposeView | undefined;
}

export function composeFinding(ctx: FixContext): ComposeFinding | undefined {
  const index = documentIndexAt(ctx.text, ctx.finding.span.start);
  const view = (text: string) => composeView(text, index, ctx.options);
  const original = view(ctx.text);
  if (!original) return undefined;
  const service = serviceNamed(original, ctx.finding.facts.detail?.service);
  return { ctx, finding: ctx.finding, original, service, view };
}

/** The same service in a later text. */
export function sameService(f: ComposeFinding, view: ComposeView): ComposeService | undefined {
  return f.service && serviceNamed(view, f.service.name);
}

/** Runs an edit on the finding's service as it stands in a later text; nothing when it is gone. */
export function withService(
  f: ComposeFinding,
  text: string,
  edit: (view: ComposeView, service: ComposeService) => ReturnType<EditStep>,
): ReturnType<EditStep> {
  const view = f.view(text);
  const service = view && sameService(f, view);
  return view && service ? edit(view, service) : undefined;
}
