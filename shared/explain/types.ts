import type { FileKind, Finding } from '../model/finding';

/** A safer option a hover can propose; which ones apply depends on the rule and the file kind. */
export type RemedyId =
  | 'remove-mount'
  | 'narrow-mount'
  | 'proxy'
  | 'tls-client-certs'
  | 'tls-port'
  | 'tls-verify'
  | 'context'
  | 'sysbox';

/** What a rule's explainer gets: the finding, its file kind, and the wording helpers' inputs. */
export interface ExplainContext {
  finding: Finding;
  kind: FileKind | undefined;
}

/** The per-rule part of a hover. */
export interface RuleExplainer {
  /** what an attacker who gets the exposure can do, in one paragraph */
  attack(ctx: ExplainContext): string;
  /** the safer options for this rule, best first; the file kind filters them */
  remedies: readonly RemedyId[];
}
