import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Works round a JavaScript-planner fault: an inline fragment on the (object) type it already sits in, such
 * as `learner { ... on Learner { __typename } }`, was planned into an empty subgraph document, and the whole
 * answer became `data: null` with "must contain at least one operation". Such a fragment — no directives,
 * and no type condition or the enclosing object type's own — selects exactly what its selections would
 * without it, so its selections are lifted into the enclosing selection set before planning. Anything else
 * (abstract types, `@include`/`@skip`, named fragments) is left as it is.
 */
export function flattenRedundantFragments(document: DocumentNode, schema: GraphQLSchema): DocumentNode {
  let changed = false;
  const rewrite = (set: SelectionSetNode, type: NamedType | undefined): SelectionSetNode => {
    const isObject =
      type !== undefined && Object.prototype.toString.call(type) === '[object GraphQLObjectType]';
    const selections: SelectionNode[] = [];
    let local = false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) {
          selections.push(selection);
          continue;
        }
        const field = type?.getFields?.()[selection.name.value];
        const inner = rewrite(selection.selectionSet, field ? unwrap(field.type) : undefined);
        if (inner !== selection.selectionSet) local = true;
        selections.push(inner === selection.selectionSet ? selection : { ...selection, selectionSet: inner });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const own = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as NamedType | undefined)
          : type;
        const inner = rewrite(selection.selectionSet, own);
        if (
          isObject &&
          (selection.directives?.length ?? 0) === 0 &&
          (!selection.typeCondition || selection.typeCondition.name.value === type?.name)
        ) {
          local = true;
          selections.push(...inner.selections);
        } else {
          if (inner !== selection.selectionSet) local = true;
          selections.push(
            inner === selection.selectionSet ? selection : { ...selection, selectionSet: inner },
          );
        }
      } else selections.push(selection);
    }
    if (!local) return set;
    changed = true;
    return { ...set, selections };
  };
  const roots: Record<string, NamedType | undefined> = {
    query: (schema.getQueryType() ?? undefined) as NamedType | undefined,
    mutation: (schema.getMutationType() ?? undefined) as NamedType | undefined,
    subscription: (schema.getSubscriptionType() ?? undefined) as NamedType | undefined,
  };
  const definitions = document.definitions.map((definition) => {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const selectionSet = rewrite(definition.selectionSet, roots[definition.operation]);
      return selectionSet === definition.selectionSet ? definition : { ...definition, selectionSet };
    }
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const type = schema.getType(definition.typeCondition.name.value) as NamedType | undefined;
      const selectionSet = rewrite(definition.selectionSet, type);
      return selectionSet === definition.selectionSet ? definition : { ...definition, selectionSet };
    }
    return definition;
  });
  return changed ? { ...document, definitions } : document;
}

/**
 * The runtime's schema comes from graphql's CommonJS copy; this module may load the ESM one, whose
 * `instanceof` checks (TypeInfo, isObjectType) refuse it. So types are read by shape, not by class.
 */
interface NamedType {
  name: string;
  getFields?: () => Record<string, { type: WrappedType }>;
}
type WrappedType = NamedType & { ofType?: WrappedType };

function unwrap(type: WrappedType): NamedType {
  let current = type;
  while (current.ofType) current = current.ofType;
  return current;
}

/**
 * Rewrites the document as it is parsed, so validation, planning and execution all see the same one (a
 * document changed only for execution did not match the plan).
 */
export function useFlattenRedundantFragments(): GatewayPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    onSchemaChange({ schema: next }) {
      schema = next as GraphQLSchema;
    },
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (
          !schema ||
          !result ||
          typeof result !== 'object' ||
          (result as DocumentNode).kind !== Kind.DOCUMENT
        )
          return;
        const document = flattenRedundantFragments(result as DocumentNode, schema);
        if (document !== result) replaceParseResult(document);
      };
    },
  };
}
