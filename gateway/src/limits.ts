import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import type { OperationLimits } from './env.ts';

/**
 * Depth, alias, token, directive and cost limits from GraphQL Armor, checked before anything is planned or
 * sent to a subgraph. Field suggestions ("did you mean …?") are blocked in production, where they would
 * map the schema for someone who may not introspect it.
 */
export function armorPlugins(limits: OperationLimits, production: boolean) {
  // Armor's errors carry no code; give them one clients can switch on.
  const coded = {
    propagateOnRejection: true,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        Object.assign(error.extensions, { code: 'OPERATION_LIMIT_EXCEEDED' });
      },
    ],
  };
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...coded },
    // Armor leaves `__typename` aliases out of the count by default, so `{ a0: __typename … a399: __typename }`
    // passed; every alias is work for the gateway and counts.
    maxAliases: { n: limits.maxAliases, allowList: [], ...coded },
    maxTokens: { n: limits.maxTokens, ...coded },
    maxDirectives: { n: limits.maxDirectives, ...coded },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...coded },
    blockFieldSuggestion: { enabled: production },
  });
  return armor.protect().plugins;
}
