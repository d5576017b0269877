import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@commonroom/schema';
import { type ConstArgumentNode, Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';

/** What a client (or the gateway) can call: root fields, mutations, and the entity types with a key. */
export interface Surface {
  queries: string[];
  mutations: string[];
  /** Entity type → subgraphs (lower-case) that resolve it by key. */
  entities: Map<string, string[]>;
  /** Entity types with a key that no subgraph resolves. */
  unresolvableEntities: string[];
  /** `Type.field` of every field tagged `@tag(name: "sensitive")`. */
  sensitiveFields: string[];
}

const argument = (args: readonly ConstArgumentNode[] | undefined, name: string) =>
  args?.find((a) => a.name.value === name)?.value;

export function readSurface(path: string = SUPERGRAPH_PATH): Surface {
  const document = parse(readFileSync(path, 'utf8'));
  const objects = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
  const fieldsOf = (name: string) =>
    objects.filter((o) => o.name.value === name).flatMap((o) => (o.fields ?? []).map((f) => f.name.value));
  const entities = new Map<string, string[]>();
  const unresolvableEntities: string[] = [];
  for (const type of objects) {
    const keyed = (type.directives ?? []).filter(
      (d) => d.name.value === 'join__type' && argument(d.arguments, 'key') !== undefined,
    );
    if (keyed.length === 0) continue;
    const resolving = keyed
      .filter((d) => {
        const resolvable = argument(d.arguments, 'resolvable');
        return !(resolvable?.kind === Kind.BOOLEAN && resolvable.value === false);
      })
      .map((d) => {
        const graph = argument(d.arguments, 'graph');
        return graph?.kind === Kind.ENUM ? graph.value.toLowerCase() : '?';
      });
    if (resolving.length > 0) entities.set(type.name.value, resolving);
    else unresolvableEntities.push(type.name.value);
  }
  const sensitiveFields = objects.flatMap((type) =>
    (type.fields ?? [])
      .filter((field) =>
        (field.directives ?? []).some((d) => {
          const name = argument(d.arguments, 'name');
          return d.name.value === 'tag' && name?.kind === Kind.STRING && name.value === 'sensitive';
        }),
      )
      .map((field) => `${type.name.value}.${field.name.value}`),
  );
  return {
    queries: fieldsOf('Query'),
    mutations: fieldsOf('Mutation'),
    entities,
    unresolvableEntities,
    sensitiveFields,
  };
}
