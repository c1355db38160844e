// The rules of a registry as one set of settings makes them: which are on, at what level, and which hook each runs. Made
// once per settings and handed to everything that lints, so lint never looks a rule up anywhere else.
import type { RuleRegistry } from '../rules/registry';
import type { Rule, Severity } from '../rules/types';
import type { FailureSink } from './checks';
import type { Settings } from './settings';

export interface ActiveRules {
  readonly registry: RuleRegistry;
  readonly settings: Settings;
  /** The rules the settings turn on, in registry order. */
  readonly enabled: readonly Rule[];
  /** Enabled rules with a file-wide check (`checkInFile`). */
  readonly fileRules: readonly Rule[];
  /** Rules with a whole-file check, on or off (a file one of them recognises is not checked by the others). */
  readonly wholeFileRules: readonly Rule[];
  /** Enabled rules that check suppression comments. */
  readonly suppressionRules: readonly Rule[];
  /** Every rule with `documentFacts`, on or off. */
  readonly factRules: readonly Rule[];
  /** Told about each rule that throws, once per analysis that ran it (the language service's owner logs them). */
  readonly onFailure?: FailureSink;
}

export function activeRules(registry: RuleRegistry, settings: Settings, onFailure?: FailureSink): ActiveRules {
  const enabled = registry.all.filter((r) => levelOf(r, settings) !== 'off');
  return {
    registry,
    settings,
    ...(onFailure ? { onFailure } : {}),
    enabled,
    fileRules: enabled.filter((r) => r.checkInFile),
    wholeFileRules: registry.all.filter((r) => r.checkWholeFile),
    suppressionRules: enabled.filter((r) => r.checkSuppressions),
    factRules: registry.all.filter((r) => r.documentFacts),
  };
}

/** The level a rule's finding is reported at: the setting for the rule, else off outside its profile, else its own. */
export function levelOf(rule: Rule, settings: Settings, findingSeverity?: Severity): Severity | 'off' {
  const configured = settings.rules[rule.meta.id];
  if (configured) return configured;
  if (rule.meta.profile === 'strict' && settings.profile !== 'strict') return 'off';
  return findingSeverity ?? rule.meta.severity;
}
