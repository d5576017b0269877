import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';

/**
 * A NUL character (U+0000) can never be stored in a PostgreSQL text value: left alone it reaches the data
 * layer and fails there as a database error, logged as a fault. Every string argument — written in the
 * document or passed in variables, however deep inside input objects and lists — is checked before anything
 * runs, and the first one holding a NUL is refused as BAD_USER_INPUT naming the argument.
 */
export function nulCharacterError(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | undefined {
  let found: { field: string; argument: string } | undefined;

  const inVariable = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const at = inVariable(item, `${path}[${i}]`);
        if (at) return at;
      }
      return undefined;
    }
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = inVariable(item, `${path}.${key}`);
        if (at) return at;
      }
    }
    return undefined;
  };

  const inValue = (node: ValueNode, path: string): string | undefined => {
    switch (node.kind) {
      case Kind.STRING:
        return node.value.includes('\u0000') ? path : undefined;
      case Kind.VARIABLE:
        return inVariable(variables?.[node.name.value], path);
      case Kind.LIST:
        for (const [i, item] of node.values.entries()) {
          const at = inValue(item, `${path}[${i}]`);
          if (at) return at;
        }
        return undefined;
      case Kind.OBJECT:
        for (const field of node.fields) {
          const at = inValue(field.value, `${path}.${field.name.value}`);
          if (at) return at;
        }
        return undefined;
      default:
        return undefined;
    }
  };

  const check = (owner: string, args: readonly { name: { value: string }; value: ValueNode }[] = []) => {
    for (const arg of args) {
      const argument = inValue(arg.value, arg.name.value);
      if (argument) {
        found = { field: owner, argument };
        return true;
      }
    }
    return false;
  };

  visit(document, {
    Field(node) {
      if (!found && check(node.name.value, node.arguments)) return false;
      return undefined;
    },
    Directive(node) {
      if (!found && check(`@${node.name.value}`, node.arguments)) return false;
      return undefined;
    },
  });
  if (!found) {
    // A variable no argument uses never reaches a resolver, but say so all the same rather than pass it on.
    for (const [name, value] of Object.entries(variables ?? {})) {
      const at = inVariable(value, `$${name}`);
      if (at) {
        found = { field: 'variables', argument: at };
        break;
      }
    }
  }
  if (!found) return undefined;
  return new GraphQLError(
    `Argument "${found.argument}" of "${found.field}" contains a NUL character (\\u0000), which is not allowed in any text.`,
    { extensions: { code: 'BAD_USER_INPUT', field: found.argument } },
  );
}
