import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { listenGateway, type QueryPlanner, type RunningGateway } from '@commonroom/gateway';
import { testGatewayOptions } from '@commonroom/test-kit';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The gateway on federation shapes our own supergraph barely uses, over a test supergraph of its own: a union
 * whose members two subgraphs resolve, an entity interface and its implementations across subgraphs, fields
 * added to every implementation with @interfaceObject, @provides, @requires and @shareable. Each query must give
 * the same, complete answer through both query planners (`QUERY_PLANNER`). KNOWN GAP, kept as `it.fails` so it
 * shows the day it is fixed: the JavaScript planner (the default) answers INTERNAL_SERVER_ERROR for fields added
 * by @interfaceObject; the Rust planner answers every shape. Pinning graphql to 16.14.2 did not install here (the
 * lock keeps 16.15.0 for the gateway runtime), so neither fix is in yet.
 */

// @apollo/subgraph builds its schema with graphql's CommonJS copy: execute with the same copy.
const graphqlCjs = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const { parse } = graphqlCjs;

const FEDERATION = 'https://specs.apollo.dev/federation/v2.3';

const BOOKS = { B1: 'Emma', B2: 'Dune' } as const;
const FILMS = { F1: { title: 'Heat', year: 1995 }, F2: { title: 'Alien', year: 1979 } } as const;
type BookId = keyof typeof BOOKS;
type FilmId = keyof typeof FILMS;
const book = (id: BookId) => ({ __typename: 'Book', id, title: BOOKS[id] });
const film = (id: FilmId) => ({ __typename: 'Film', id, ...FILMS[id] });
const isBook = (id: string): id is BookId => id in BOOKS;
const isFilm = (id: string): id is FilmId => id in FILMS;

/** Books and films, the union of them, and the entity interface they implement. */
const catalog = {
  name: 'catalog',
  typeDefs: `
    extend schema @link(url: "${FEDERATION}", import: ["@key", "@shareable"])
    type Query {
      search: [SearchResult!]!
      node(id: ID!): Node
      nodes: [Node!]!
    }
    union SearchResult = Book | Film
    interface Node @key(fields: "id") { id: ID! }
    type Book implements Node @key(fields: "id") { id: ID! title: String! @shareable }
    type Film implements Node @key(fields: "id") { id: ID! title: String! @shareable year: Int! }`,
  resolvers: {
    Query: {
      search: () => [book('B1'), film('F1')],
      node: (_: unknown, { id }: { id: string }) => (isBook(id) ? book(id) : isFilm(id) ? film(id) : null),
      nodes: () => [book('B1'), film('F2')],
    },
    Node: {
      __resolveReference: ({ id }: { id: string }) => (isBook(id) ? book(id) : isFilm(id) ? film(id) : null),
    },
    Book: { __resolveReference: ({ id }: { id: BookId }) => book(id) },
    Film: { __resolveReference: ({ id }: { id: FilmId }) => film(id) },
  },
};

const REVIEWS: Record<BookId, { stars: number }[]> = { B1: [{ stars: 5 }], B2: [{ stars: 3 }] };
const RATINGS: Record<FilmId, number> = { F1: 8, F2: 9 };

/** Reviews of books (providing a book's title), and films' ratings and a label that @requires their year. */
const reviews = {
  name: 'reviews',
  typeDefs: `
    extend schema @link(url: "${FEDERATION}", import: ["@key", "@external", "@requires", "@provides", "@shareable"])
    type Query { topReviews: [Review!]! }
    type Review { stars: Int! about: Book! @provides(fields: "title") }
    type Book @key(fields: "id") { id: ID! title: String! @external reviews: [Review!]! }
    type Film @key(fields: "id") { id: ID! year: Int! @external rating: Int label: String! @requires(fields: "year") }`,
  resolvers: {
    Query: { topReviews: () => [{ stars: 5, about: { id: 'B1', title: BOOKS.B1 } }] },
    Book: {
      __resolveReference: ({ id }: { id: BookId }) => ({ id }),
      reviews: ({ id }: { id: BookId }) => REVIEWS[id] ?? [],
    },
    Film: {
      __resolveReference: (ref: { id: FilmId; year?: number }) => ref,
      rating: ({ id }: { id: FilmId }) => RATINGS[id],
      label: ({ year }: { year?: number }) => `made in ${year ?? '?'}`,
    },
  },
};

/** Tags on every Node, whatever its type, from a subgraph that knows only the interface (@interfaceObject). */
const tags = {
  name: 'tags',
  typeDefs: `
    extend schema @link(url: "${FEDERATION}", import: ["@key", "@interfaceObject"])
    type Node @key(fields: "id") @interfaceObject { id: ID! tags: [String!]! }`,
  resolvers: {
    Node: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      tags: ({ id }: { id: string }) => [`tag-${id}`],
    },
  },
};

const SUBGRAPHS = [catalog, reviews, tags];

/** A subgraph over plain HTTP: POST a GraphQL request, get its JSON answer. */
async function serve(schema: GraphQLSchema): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const result = await graphqlCjs.graphql({ schema, source: query, variableValues: variables });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const servers: Server[] = [];
const gateways = {} as Record<QueryPlanner, RunningGateway>;
let dir: string;

beforeAll(async () => {
  const urls: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    const schema = buildSubgraphSchema({
      typeDefs: parse(s.typeDefs),
      resolvers: s.resolvers as never,
    }) as unknown as GraphQLSchema;
    const { url, server } = await serve(schema);
    urls[s.name] = url;
    servers.push(server);
  }
  const composed = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, typeDefs: parse(s.typeDefs) as never, url: urls[s.name] })),
  );
  if (compositionHasErrors(composed)) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  dir = await mkdtemp(join(tmpdir(), 'federation-shapes-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composed.supergraphSdl);
  for (const planner of ['js', 'rust'] as const)
    gateways[planner] = await listenGateway(
      testGatewayOptions(urls, { supergraphPath, queryPlanner: planner }),
      0,
    );
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((g) => g.close()));
  for (const server of servers) server.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ask(planner: QueryPlanner, query: string) {
  const response = await fetch(gateways[planner].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

const SHAPES: { name: string; query: string; data: unknown; jsFails?: true }[] = [
  {
    name: 'a union whose members two subgraphs resolve, with an inline fragment on each member',
    query: '{ search { __typename ... on Book { title reviews { stars } } ... on Film { title rating } } }',
    data: {
      search: [
        { __typename: 'Book', title: 'Emma', reviews: [{ stars: 5 }] },
        { __typename: 'Film', title: 'Heat', rating: 8 },
      ],
    },
  },
  {
    name: 'a union member selected for its __typename alone',
    query: '{ search { ... on Book { __typename } ... on Film { __typename rating } } }',
    data: { search: [{ __typename: 'Book' }, { __typename: 'Film', rating: 8 }] },
  },
  {
    name: 'union members through a named fragment on the union',
    query:
      'query { search { ...R } } fragment R on SearchResult { ... on Book { id reviews { stars } } ... on Film { id label } }',
    data: {
      search: [
        { id: 'B1', reviews: [{ stars: 5 }] },
        { id: 'F1', label: 'made in 1995' },
      ],
    },
  },
  {
    name: "an entity interface's implementations under type conditions, with @requires",
    query: '{ nodes { id ... on Book { reviews { stars } } ... on Film { label } } }',
    data: {
      nodes: [
        { id: 'B1', reviews: [{ stars: 5 }] },
        { id: 'F2', label: 'made in 1979' },
      ],
    },
  },
  {
    name: 'a field added to every implementation by @interfaceObject, beside a type condition',
    query: '{ node(id: "F1") { id tags ... on Film { title } } }',
    data: { node: { id: 'F1', tags: ['tag-F1'], title: 'Heat' } },
    jsFails: true,
  },
  {
    name: '@interfaceObject fields on a list of mixed implementations',
    query: '{ nodes { __typename tags } }',
    data: {
      nodes: [
        { __typename: 'Book', tags: ['tag-B1'] },
        { __typename: 'Film', tags: ['tag-F2'] },
      ],
    },
    jsFails: true,
  },
  {
    name: 'a @provides field answered by the providing subgraph, and a field it does not provide',
    query: '{ topReviews { stars about { id title reviews { stars } } } }',
    data: { topReviews: [{ stars: 5, about: { id: 'B1', title: 'Emma', reviews: [{ stars: 5 }] } }] },
  },
];

describe.each(['js', 'rust'] as const)('federation shapes through the %s query planner', (planner) => {
  for (const { name, query, data, jsFails } of SHAPES)
    (planner === 'js' && jsFails ? it.fails : it)(name, async () => {
      expect(await ask(planner, query)).toEqual({ data });
    });
});
