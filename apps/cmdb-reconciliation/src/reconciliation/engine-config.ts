import { z } from 'zod';

import {
  INTEGRATION_KIND_VALUES,
  INTEGRATION_KINDS,
  type IntegrationKind,
} from '../identification/host-observation';
import { type IdentificationConfig } from '../identification/identify';
import {
  CONFLICT_POLICIES,
  DEFAULT_IGNORED_NAMES,
  DEFAULT_RULE_ORDER,
  IDENTIFICATION_RULE_VALUES,
  IDENTIFICATION_RULES,
} from '../identification/rules';
import { OBSERVED_ATTRIBUTES, type ObservedAttribute } from './configuration-item';
import { CMDB_ERROR_CODES, CmdbError } from './errors';

/** Selects observations by integration kind, by source id, or both (both must hold). */
export interface SourceSelector {
  integration?: IntegrationKind;
  sourceId?: string;
}

/**
 * For each attribute, selectors from most to least trusted; an observation takes the rank of
 * the first selector it satisfies, and one that satisfies none ranks after all of them.
 * `attributes` overrides `default` for the attributes it names.
 */
export interface AttributePrecedence {
  default: readonly SourceSelector[];
  attributes: Partial<Record<ObservedAttribute, readonly SourceSelector[]>>;
}

export interface EngineConfig extends IdentificationConfig {
  precedence: AttributePrecedence;
}

/** Configuration plus the two impure inputs, injected so that the engine stays deterministic. */
export interface EngineContext {
  config: EngineConfig;
  /** The time written on log entries, identity bindings and CI createdAt/updatedAt. */
  now: () => Date;
  /** Ids of new CIs and log entries, e.g. crypto.randomUUID. */
  newId: () => string;
}

/** Host List is the asset inventory; detection and compliance imports carry host data along. */
export const DEFAULT_PRECEDENCE: AttributePrecedence = {
  default: [
    { integration: INTEGRATION_KINDS.hostList },
    { integration: INTEGRATION_KINDS.hostDetection },
    { integration: INTEGRATION_KINDS.policyCompliance },
  ],
  attributes: {},
};

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  ruleOrder: DEFAULT_RULE_ORDER,
  conflictPolicy: CONFLICT_POLICIES.newCi,
  ignoredNames: DEFAULT_IGNORED_NAMES,
  precedence: DEFAULT_PRECEDENCE,
};

const selectorSchema = z
  .strictObject({
    integration: z.enum(INTEGRATION_KIND_VALUES).optional(),
    sourceId: z.string().trim().min(1).optional(),
  })
  .refine(selector => selector.integration !== undefined || selector.sourceId !== undefined, {
    message: 'must name an integration, a sourceId or both',
  });

const ruleOrderSchema = z
  .array(z.enum(IDENTIFICATION_RULE_VALUES))
  .superRefine((rules, context) => {
    // The binding of a host to its CI is the engine's own record; letting a weaker rule run
    // first could bind one Qualys host to two CIs.
    if (rules[0] !== IDENTIFICATION_RULES.sourceHost) {
      context.addIssue({
        code: 'custom',
        message: `must start with ${IDENTIFICATION_RULES.sourceHost}`,
      });
    }
    const duplicates = rules.filter((rule, index) => rules.indexOf(rule) !== index);
    if (duplicates.length > 0) {
      context.addIssue({ code: 'custom', message: `names ${duplicates.join(', ')} twice` });
    }
  });

const engineConfigSchema = z.strictObject({
  ruleOrder: ruleOrderSchema.optional(),
  conflictPolicy: z.enum([CONFLICT_POLICIES.newCi, CONFLICT_POLICIES.unmatched]).optional(),
  ignoredNames: z.array(z.string().trim().min(1)).optional(),
  precedence: z
    .strictObject({
      default: z.array(selectorSchema).optional(),
      attributes: z.partialRecord(z.enum(OBSERVED_ATTRIBUTES), z.array(selectorSchema)).optional(),
    })
    .optional(),
});

export type EngineConfigInput = z.input<typeof engineConfigSchema>;

/**
 * Validates a configuration (for instance parsed from JSON) and fills what it leaves out from
 * DEFAULT_ENGINE_CONFIG. Every problem is reported at once.
 */
export function parseEngineConfig(input: unknown): EngineConfig {
  const result = engineConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const path = issue.path.map(String).join('.') || '(config)';
      return `${path}: ${issue.message}`;
    });
    throw new CmdbError(
      CMDB_ERROR_CODES.invalidConfig,
      `Invalid CMDB engine configuration: ${problems.join('; ')}`,
      problems,
    );
  }

  const config = result.data;
  return {
    ruleOrder: config.ruleOrder ?? DEFAULT_ENGINE_CONFIG.ruleOrder,
    conflictPolicy: config.conflictPolicy ?? DEFAULT_ENGINE_CONFIG.conflictPolicy,
    ignoredNames: config.ignoredNames ?? DEFAULT_ENGINE_CONFIG.ignoredNames,
    precedence: {
      default: config.precedence?.default ?? DEFAULT_PRECEDENCE.default,
      attributes: config.precedence?.attributes ?? {},
    },
  };
}

/** A rule order written as text, e.g. an environment variable: names separated by commas. */
export function parseRuleOrder(text: string): EngineConfig['ruleOrder'] {
  const rules = text
    .split(',')
    .map(rule => rule.trim())
    .filter(rule => rule.length > 0);
  return parseEngineConfig({ ruleOrder: rules }).ruleOrder;
}
