import { z } from 'zod';
import { ForbiddenStatementError, SqlSyntaxError } from './guard-errors.ts';
import { asciiLower } from './sql-policy.ts';

export interface TableReference {
  name: string;
  schema: string;
  catalog: string;
  /** UTF-8 byte offset into the SQL, as DuckDB reports it. */
  byteOffset: number | undefined;
  /** Unqualified and a CTE of that name is in scope here, so DuckDB binds it to the CTE, not the catalog. */
  isCte: boolean;
  /** `FROM users AS u` → 'u' ('' without an alias). */
  alias: string;
  /** `FROM users AS u(a, b, c)` renames columns by position. */
  columnAliases: string[];
}

/** A column reference, `u.phone` → ['u', 'phone']. */
export interface ColumnReference {
  names: string[];
  byteOffset: number | undefined;
  /** The whole argument of count()/approx_count_distinct(): only how many, never which values, comes out. */
  countedOnly: boolean;
}

/** `*`, `u.*`, `COLUMNS(…)`, with what it leaves out. */
export interface StarExpression {
  relation: string;
  excluded: string[];
  columnsExpression: boolean;
  byteOffset: number | undefined;
  /** Catalog tables (not CTEs, not subqueries) directly in the FROM clause the star expands. */
  fromTables: string[];
}

export interface FunctionCall {
  name: string;
  schema: string;
  catalog: string;
  byteOffset: number | undefined;
  role: 'scalar' | 'window' | 'table';
  isOperator: boolean;
  argumentNodes: readonly unknown[];
}

export interface ParseTreeReferences {
  tables: TableReference[];
  functions: FunctionCall[];
  cteNames: string[];
  columns: ColumnReference[];
  stars: StarExpression[];
  /** `#2`: a column by position, which no name-based check can see; the catalog tables it could pick from. */
  positionalReferences: Array<{ fromTables: string[] }>;
  /** `JOIN … USING (a, b)`. */
  usingColumns: string[];
}

/**
 * Walks a json_serialize_sql() query tree and collects every table reference and function call.
 * Fail-closed: every object that carries a `class` (expression) or a string `type` (query node, table
 * reference, modifier, ordering) must be a kind this walker knows, otherwise the query is refused, so a
 * DuckDB upgrade that adds a node type cannot smuggle a table reference past the guard.
 */
export function collectReferences(root: unknown, sql: string, boundParameters: ReadonlySet<string> = new Set()): ParseTreeReferences {
  const walker = new ParseTreeWalker(sql, boundParameters);
  walker.visit(root, new Set());
  return {
    tables: walker.tables,
    functions: walker.functions,
    cteNames: [...new Set(walker.cteNames)],
    columns: walker.columns,
    stars: walker.stars,
    positionalReferences: walker.positionalReferences,
    usingColumns: walker.usingColumns,
  };
}

const EXPRESSION_CLASSES = new Set([
  'BETWEEN', 'CASE', 'CAST', 'COLLATE', 'COLUMN_REF', 'COMPARISON', 'CONJUNCTION', 'CONSTANT', 'FUNCTION',
  'LAMBDA', 'LAMBDA_REF', 'OPERATOR', 'PARAMETER', 'POSITIONAL_REFERENCE', 'STAR', 'SUBQUERY', 'WINDOW',
]);

const CONTAINER_TYPES = new Set([
  'JOIN', 'SUBQUERY', 'EXPRESSION_LIST', 'EMPTY', 'PIVOT',
  'ORDER_MODIFIER', 'DISTINCT_MODIFIER', 'LIMIT_MODIFIER', 'LIMIT_PERCENT_MODIFIER',
  'ORDER_DEFAULT', 'ASCENDING', 'DESCENDING',
]);

/** Keys holding serialized LogicalTypes (which contain `type` strings of their own, e.g. DECIMAL_TYPE_INFO). */
const TYPE_KEYS = new Set(['cast_type', 'type_info']);

const baseTableSchema = z.looseObject({
  table_name: z.string(),
  schema_name: z.string(),
  catalog_name: z.string(),
  query_location: z.number().optional(),
  alias: z.string().default(''),
  column_name_alias: z.array(z.string()).default([]),
});

const columnRefSchema = z.looseObject({ column_names: z.array(z.string()), query_location: z.number().optional() });

const starSchema = z.looseObject({
  relation_name: z.string().default(''),
  exclude_list: z.array(z.unknown()).default([]),
  qualified_exclude_list: z.array(z.unknown()).default([]),
  columns: z.boolean().default(false),
  query_location: z.number().optional(),
});

const joinSchema = z.looseObject({ using_columns: z.array(z.string()).default([]) });

/** Aggregates whose result says how many values there are, never which. */
const COUNTING_FUNCTIONS = new Set(['count', 'approx_count_distinct']);

const functionSchema = z.looseObject({
  function_name: z.string(),
  schema: z.string().default(''),
  catalog: z.string().default(''),
  is_operator: z.boolean().default(false),
  children: z.array(z.unknown()).default([]),
  query_location: z.number().optional(),
});

const cteMapSchema = z.looseObject({
  map: z.array(z.looseObject({ key: z.string(), value: z.unknown() })),
});

const showSchema = z.looseObject({ show_type: z.string().default('SHOW') });

class ParseTreeWalker {
  readonly tables: TableReference[] = [];
  readonly functions: FunctionCall[] = [];
  readonly cteNames: string[] = [];
  readonly columns: ColumnReference[] = [];
  readonly stars: StarExpression[] = [];
  readonly positionalReferences: Array<{ fromTables: string[] }> = [];
  /** Catalog tables directly in the FROM clause of the SELECT being walked (what `*` and `#n` range over). */
  private fromTables: string[] = [];
  readonly usingColumns: string[] = [];

  /** `boundParameters`: names of the $parameters the caller binds (compiled filter values); any other is refused. */
  constructor(
    private readonly sql: string,
    private readonly boundParameters: ReadonlySet<string>,
  ) {}

  visit(value: unknown, scope: ReadonlySet<string>): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (typeof node.class === 'string') this.visitExpression(node, node.class, scope);
    else if (typeof node.type === 'string') this.visitTyped(node, node.type, scope);
    else this.visitChildren(node, scope);
  }

  private visitChildren(node: Record<string, unknown>, scope: ReadonlySet<string>, skip: readonly string[] = []): void {
    for (const [key, child] of Object.entries(node)) {
      if (TYPE_KEYS.has(key) || skip.includes(key)) continue;
      // A `type` that is an object is a LogicalType (of a constant, say), not a node.
      if (key === 'type' && typeof child === 'object') continue;
      this.visit(child, scope);
    }
  }

  private visitExpression(node: Record<string, unknown>, expressionClass: string, scope: ReadonlySet<string>): void {
    if (!EXPRESSION_CLASSES.has(expressionClass)) throw this.unsupported(`expression ${expressionClass}`);
    if (expressionClass === 'PARAMETER') {
      if (typeof node.identifier === 'string' && this.boundParameters.has(node.identifier)) return;
      throw new SqlSyntaxError({ sql: this.sql, reason: 'parameters' });
    }
    if (expressionClass === 'COLUMN_REF') this.columns.push(this.columnReference(node, false));
    if (expressionClass === 'POSITIONAL_REFERENCE') this.positionalReferences.push({ fromTables: this.fromTables });
    if (expressionClass === 'STAR') this.stars.push(this.starExpression(node));
    if (expressionClass === 'FUNCTION' || expressionClass === 'WINDOW') {
      const call = this.functionCall(node, expressionClass === 'WINDOW' ? 'window' : 'scalar');
      this.functions.push(call);
      // count(phone) / count(DISTINCT phone): the argument itself is only counted. Its FILTER, ORDER BY and any
      // computed argument (count(CASE WHEN phone LIKE …)) are walked as usual, since they can test values.
      if (call.role === 'scalar' && !call.isOperator && COUNTING_FUNCTIONS.has(asciiLower(call.name)) && call.argumentNodes.length === 1) {
        const argument = call.argumentNodes[0] as Record<string, unknown> | null;
        if (argument !== null && typeof argument === 'object' && argument.class === 'COLUMN_REF') {
          this.columns.push(this.columnReference(argument, true));
          this.visitChildren(node, scope, ['children']);
          return;
        }
      }
    }
    this.visitChildren(node, scope);
  }

  private visitTyped(node: Record<string, unknown>, type: string, scope: ReadonlySet<string>): void {
    switch (type) {
      case 'SELECT_NODE':
      case 'SET_OPERATION_NODE':
      case 'RECURSIVE_CTE_NODE':
        this.visitQueryNode(node, type, scope);
        return;
      case 'BASE_TABLE':
        this.tables.push(this.tableReference(node, scope));
        this.visitChildren(node, scope);
        return;
      case 'TABLE_FUNCTION': {
        const call = node.function;
        if (call === null || typeof call !== 'object') throw this.unsupported('table function without a call');
        const callNode = call as Record<string, unknown>;
        if (callNode.class !== 'FUNCTION') throw this.unsupported(`table function ${String(callNode.class)}`);
        this.functions.push(this.functionCall(callNode, 'table'));
        this.visitChildren(callNode, scope);
        this.visitChildren(node, scope, ['function']);
        return;
      }
      case 'SHOW_REF':
        throw new ForbiddenStatementError({
          sql: this.sql,
          reason: 'metadata',
          statementKind: showSchema.parse(node).show_type.replace('SHOW_UNQUALIFIED', 'SHOW'),
        });
      default:
        if (!CONTAINER_TYPES.has(type)) throw this.unsupported(type);
        if (type === 'JOIN') {
          const join = joinSchema.safeParse(node);
          if (!join.success) throw this.unsupported('join');
          this.usingColumns.push(...join.data.using_columns);
        }
        this.visitChildren(node, scope);
    }
  }

  /**
   * CTE scoping follows DuckDB's binder: a CTE body sees the outer scope and the CTEs defined before it,
   * never itself (a self-reference without a recursive node binds to the real table of that name), and
   * the anchor of a recursive CTE does not see it either; only the recursive part does.
   */
  private visitQueryNode(node: Record<string, unknown>, type: string, scope: ReadonlySet<string>): void {
    const inner = new Set(scope);
    if (node.cte_map !== undefined && node.cte_map !== null) {
      const cteMap = cteMapSchema.safeParse(node.cte_map);
      if (!cteMap.success) throw this.unsupported('CTE list');
      for (const entry of cteMap.data.map) {
        this.visit(entry.value, new Set(inner));
        const name = asciiLower(entry.key);
        inner.add(name);
        this.cteNames.push(name);
      }
    }
    if (type !== 'RECURSIVE_CTE_NODE') {
      const outerFrom = this.fromTables;
      // A subquery or CTE in FROM is not expanded by this node's `*` directly: its own select list is checked.
      if (type === 'SELECT_NODE') this.fromTables = directTables(node.from_table, inner);
      try {
        this.visitChildren(node, inner, ['cte_map']);
      } finally {
        this.fromTables = outerFrom;
      }
      return;
    }
    const cteName = z.string().safeParse(node.cte_name);
    if (!cteName.success) throw this.unsupported('recursive CTE without a name');
    this.visit(node.left, inner);
    this.visitChildren(node, new Set([...inner, asciiLower(cteName.data)]), ['cte_map', 'left']);
  }

  private tableReference(node: Record<string, unknown>, scope: ReadonlySet<string>): TableReference {
    const parsed = baseTableSchema.safeParse(node);
    if (!parsed.success) throw this.unsupported('table reference');
    const { table_name: name, schema_name: schema, catalog_name: catalog, query_location: location, alias, column_name_alias: columnAliases } = parsed.data;
    const isCte = schema === '' && catalog === '' && scope.has(asciiLower(name));
    return { name, schema, catalog, byteOffset: location, isCte, alias, columnAliases };
  }

  private columnReference(node: Record<string, unknown>, countedOnly: boolean): ColumnReference {
    const parsed = columnRefSchema.safeParse(node);
    if (!parsed.success) throw this.unsupported('column reference');
    return { names: parsed.data.column_names, byteOffset: parsed.data.query_location, countedOnly };
  }

  private starExpression(node: Record<string, unknown>): StarExpression {
    const parsed = starSchema.safeParse(node);
    if (!parsed.success) throw this.unsupported('star expression');
    // Exclusions are names or qualified names (['u', 'phone']); only the column part matters here.
    const excluded = [...parsed.data.exclude_list, ...parsed.data.qualified_exclude_list].flatMap((entry) => {
      if (typeof entry === 'string') return [entry];
      const parts = z.looseObject({ column_names: z.array(z.string()) }).safeParse(entry);
      if (parts.success) return parts.data.column_names.slice(-1);
      const list = z.array(z.string()).safeParse(entry);
      return list.success ? list.data.slice(-1) : [];
    });
    return {
      relation: parsed.data.relation_name,
      excluded,
      columnsExpression: parsed.data.columns,
      byteOffset: parsed.data.query_location,
      fromTables: this.fromTables,
    };
  }

  private functionCall(node: Record<string, unknown>, role: FunctionCall['role']): FunctionCall {
    const parsed = functionSchema.safeParse(node);
    if (!parsed.success) throw this.unsupported(`${role} function`);
    const { function_name: name, schema, catalog, is_operator: isOperator, children, query_location: location } = parsed.data;
    return { name, schema, catalog, byteOffset: location, role, isOperator, argumentNodes: children };
  }

  private unsupported(what: string): ForbiddenStatementError {
    return new ForbiddenStatementError({ sql: this.sql, reason: 'unsupported', statementKind: what });
  }
}

/** Catalog tables a SELECT's FROM clause names directly (through joins and PIVOT sources, not subqueries). */
function directTables(reference: unknown, scope: ReadonlySet<string>): string[] {
  if (reference === null || typeof reference !== 'object') return [];
  const node = reference as Record<string, unknown>;
  switch (node.type) {
    case 'BASE_TABLE': {
      const parsed = baseTableSchema.safeParse(node);
      if (!parsed.success) return [];
      const { table_name: name, schema_name: schema, catalog_name: catalog } = parsed.data;
      return schema === '' && catalog === '' && scope.has(asciiLower(name)) ? [] : [asciiLower(name)];
    }
    case 'JOIN':
      return [...directTables(node.left, scope), ...directTables(node.right, scope)];
    case 'PIVOT':
      return directTables(node.source, scope);
    default:
      return [];
  }
}
