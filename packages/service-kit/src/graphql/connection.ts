import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { DomainError } from '@chibo/domain';

/** Relay-style page arguments: `first` is required and at most 100 (STYLE.md §5). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'Số bản ghi mỗi trang (1–100) / page size (1–100)' })
  @Min(1)
  @Max(100)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/**
 * The records behind a dashboard figure: a plain list (the figure is its count), at most 100
 * per request like a page, the first 50 unless asked otherwise.
 */
@ArgsType()
export class DrillDownArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Số bản ghi tối đa (1–100) / at most this many (1–100)' })
  @Min(1)
  @Max(100)
  first: number;
}

/** Shared by every subgraph's connections, so the composer must be told it is the same type. */
@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** `shareable`: the same connection is defined by several subgraphs (e.g. the audit log's). */
export function Connection<T extends object>(node: ClassType<T>, name: string, o: { shareable?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  if (o.shareable) {
    Directive('@shareable')(Edge);
    Directive('@shareable')(ConnectionType);
  }
  return ConnectionType;
}

/** Cursors are opaque to clients; inside they are the sort key of the last row. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    /* fall through */
  }
  throw new DomainError('BAD_USER_INPUT', { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid cursor' }, { field: 'after' });
}

export function toConnection<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => string) {
  const nodes = rows.slice(0, first);
  return {
    nodes,
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    totalCount,
    pageInfo: { endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null, hasNextPage: rows.length > first },
  };
}
