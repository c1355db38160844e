// Every rule, by category folder. Adding a rule adds a file to its folder and a line to that folder's index.
import api from './api/index';
import cni from './cni/index';
import schema from './schema/index';
import security from './security/index';
import semantics from './semantics/index';
import syntax from './syntax/index';
import workspace from './workspace/index';
import goTemplate from './syntax/go-template';
import unusedSuppression from './meta/unused-suppression';
import type { Rule } from './types';

/** A set of rules and their lookup by id: the engine is given one (the tests give it others). */
export interface RuleRegistry {
  readonly all: readonly Rule[];
  byId(id: string): Rule | undefined;
}

export function registryOf(rules: readonly Rule[]): RuleRegistry {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  return { all: rules, byId: (id) => byId.get(id) };
}

/** netpol's rules. */
export const defaultRegistry: RuleRegistry = registryOf([...syntax, goTemplate, ...schema, ...api, ...security, ...semantics, ...cni, ...workspace, unusedSuppression]);

export const allRules: readonly Rule[] = defaultRegistry.all;

export function ruleById(id: string): Rule | undefined {
  return defaultRegistry.byId(id);
}
