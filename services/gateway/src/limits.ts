import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { ERROR_CODES } from '@chibo/domain';

/**
 * What one request may ask for (integrators are strangers; OWASP's GraphQL cheat sheet).
 * Checked before execution by GraphQL Armor, a maintained set of validation rules, rather than
 * parsers of our own. Every refusal is LIMIT_EXCEEDED and names the limit and its value.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Static cost (cost.ts: objects returned, pages multiplied) allowed in one request. */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 15, maxTokens: 5000, maxDirectives: 20, maxCost: 20_000 };

function tag(limit: keyof QueryLimits, value: number) {
  return (_ctx: unknown, error: GraphQLError) => {
    // Armor raises a plain validation error; give it our code so clients can tell it apart.
    Object.assign(error.extensions as Record<string, unknown>, {
      code: 'LIMIT_EXCEEDED',
      messageVi: ERROR_CODES.LIMIT_EXCEEDED.vi,
      messageEn: ERROR_CODES.LIMIT_EXCEEDED.en,
      limit,
      max: value,
    });
  };
}

export function limitPlugins(limits: QueryLimits = DEFAULT_LIMITS, opts: { production: boolean }): object[] {
  const common = { propagateOnRejection: true, exposeLimits: true };
  return new EnvelopArmor({
    maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: true, onReject: [tag('maxDepth', limits.maxDepth)] },
    maxAliases: { ...common, n: limits.maxAliases, onReject: [tag('maxAliases', limits.maxAliases)] },
    maxTokens: { ...common, n: limits.maxTokens, onReject: [tag('maxTokens', limits.maxTokens)] },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: [tag('maxDirectives', limits.maxDirectives)] },
    // The cost limit is ours (cost.ts): the same number is reported and taken from budgets.
    costLimit: { enabled: false },
    // "Did you mean …?" hints map a private schema for whoever probes it.
    blockFieldSuggestion: { enabled: opts.production },
  }).protect().plugins;
}
