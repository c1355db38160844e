// Every rule, by category folder. Adding a rule adds a file to its folder and a line to that folder's index.
import api from './api/index';
import cni from './cni/index';
import schema from './schema/index';
import security from './security/index';
import semantics from './semantics/index';
import syntax from './syntax/index';
import goTemplate from './syntax/go-template';
import unusedSuppression from './meta/unused-suppression';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [...syntax, goTemplate, ...schema, ...api, ...security, ...semantics, ...cni, unusedSuppression];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const GO_TEMPLATE_RULE = goTemplate;
export const UNUSED_SUPPRESSION_RULE = unusedSuppression;
