import * as vscode from 'vscode';
import type { RuleId } from '../shared/model/finding';
import { RULE_IDS, RULES, isRuleId, ruleDocUrl } from '../shared/model/rules';

interface RuleItem extends vscode.QuickPickItem {
  id: RuleId;
}

/**
 * `dockerSocketGuard.openRuleReference`: opens a rule's page, the one given as argument or the
 * one picked from the catalogue.
 */
export async function openRuleReference(argument?: unknown): Promise<void> {
  const id = typeof argument === 'string' && isRuleId(argument) ? argument : await pickRule();
  if (id) await vscode.env.openExternal(vscode.Uri.parse(ruleDocUrl(id)));
}

async function pickRule(): Promise<RuleId | undefined> {
  const items: RuleItem[] = RULE_IDS.map((id) => ({
    id,
    label: id,
    description: RULES[id].title,
    detail: RULES[id].summary,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Docker Socket Guard rules',
    placeHolder: 'Open the reference page of a rule',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.id;
}
