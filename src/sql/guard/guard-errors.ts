import { SqlGuardError, type MessageLanguage } from './sql-guard-error.ts';
import type { SqlPosition } from './sql-position.ts';

interface BaseOptions {
  sql: string;
  position?: SqlPosition;
  cause?: unknown;
}

type Texts = Record<MessageLanguage, string>;

function where(position: SqlPosition | undefined, language: MessageLanguage): string {
  if (!position) return '';
  return language === 'en'
    ? ` (line ${position.line}, column ${position.column})`
    : `（第 ${position.line} 行第 ${position.column} 列）`;
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

function didYouMean(suggestions: readonly string[], language: MessageLanguage): string {
  if (suggestions.length === 0) return '';
  return language === 'en' ? ` Did you mean ${quoteList(suggestions)}?` : `您是不是想用 ${quoteList(suggestions)}？`;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/[.!]+$/, '');
}

export type SyntaxReason = 'parse' | 'empty' | 'too_long' | 'parameters';

/** DuckDB's parser rejected the text, or there is nothing (or far too much) to parse. */
export class SqlSyntaxError extends SqlGuardError {
  override readonly name = 'SqlSyntaxError';
  readonly kind = 'syntax' as const;
  readonly reason: SyntaxReason;
  readonly duckdbMessage: string | undefined;
  readonly maxLength: number | undefined;

  constructor(options: BaseOptions & { reason: SyntaxReason; duckdbMessage?: string; maxLength?: number }) {
    super(SqlSyntaxError.texts(options).en, options);
    this.reason = options.reason;
    this.duckdbMessage = options.duckdbMessage;
    this.maxLength = options.maxLength;
  }

  private static texts(options: {
    reason: SyntaxReason;
    duckdbMessage?: string | undefined;
    maxLength?: number | undefined;
    position?: SqlPosition | undefined;
  }): Texts {
    switch (options.reason) {
      case 'empty':
        return { en: 'The query is empty. Ask the question again.', zh: '查询是空的。请重新提问。' };
      case 'too_long':
        return {
          en: `The query is longer than ${options.maxLength} characters. Ask a narrower question.`,
          zh: `查询超过了 ${options.maxLength} 个字符。请把问题问得更具体一些。`,
        };
      case 'parameters':
        return {
          en: 'The query uses placeholders ($1, ?) that have no values. Write the values into the query itself.',
          zh: '查询里有尚未赋值的占位符（$1、?）。请把具体的值直接写进查询。',
        };
      case 'parse':
        return {
          en: `The query is not valid SQL${where(options.position, 'en')}: ${firstLine(options.duckdbMessage ?? 'syntax error')}. Rephrase the question; the assistant will rewrite the query.`,
          zh: `查询不是有效的 SQL${where(options.position, 'zh')}：${firstLine(options.duckdbMessage ?? '语法错误')}。请换个说法再问，助手会重写查询。`,
        };
    }
  }

  messageFor(language: MessageLanguage): string {
    return SqlSyntaxError.texts(this)[language];
  }

  get detail(): string {
    if (this.reason === 'parse') return `syntax error: ${this.duckdbMessage ?? 'unknown'}`;
    if (this.reason === 'too_long') return `query longer than ${this.maxLength} characters`;
    if (this.reason === 'parameters') return 'prepared-statement parameters are not supported; inline the values';
    return 'empty query';
  }
}

export type StatementReason = 'not_select' | 'multiple_statements' | 'metadata' | 'unsupported' | 'sandbox';

/** Anything but exactly one plain SELECT: writes, DDL, settings, COPY/ATTACH/INSTALL, DESCRIBE/SHOW, … */
export class ForbiddenStatementError extends SqlGuardError {
  override readonly name = 'ForbiddenStatementError';
  readonly kind = 'forbidden_statement' as const;
  readonly reason: StatementReason;
  /** e.g. "DROP", "DESCRIBE", "2 statements", or the parse-tree node type that is not supported. */
  readonly statementKind: string;
  readonly duckdbMessage: string | undefined;

  constructor(options: BaseOptions & { reason: StatementReason; statementKind: string; duckdbMessage?: string }) {
    super(ForbiddenStatementError.texts(options.reason, options.statementKind).en, options);
    this.reason = options.reason;
    this.statementKind = options.statementKind;
    this.duckdbMessage = options.duckdbMessage;
  }

  private static texts(reason: StatementReason, statementKind: string): Texts {
    switch (reason) {
      case 'not_select':
        return {
          en: `Only questions that read data can be answered: this query is ${withArticle(statementKind)} statement, not a SELECT, and could change data or reach outside the warehouse. Ask a question that reads data instead.`,
          zh: `只能回答读取数据的问题：这个查询是 ${statementKind} 语句而不是 SELECT，可能修改数据或访问数据仓库以外的内容。请改为提一个只读取数据的问题。`,
        };
      case 'multiple_statements':
        return {
          en: `The query contains ${statementKind}; exactly one SELECT is allowed. Ask one question at a time.`,
          zh: `查询包含多条语句（${statementKind}），只允许一条 SELECT。请一次只问一个问题。`,
        };
      case 'metadata':
        return {
          en: `Listing or describing tables (${statementKind}) is not available here. Ask about the data itself, e.g. "how many orders were paid last month?".`,
          zh: `这里不能列出或描述表结构（${statementKind}）。请直接询问数据本身，例如“上个月有多少订单已支付？”。`,
        };
      case 'unsupported':
        return {
          en: `The query uses a construct (${statementKind}) that is not allowed for analytics questions. Rephrase the question.`,
          zh: `查询使用了分析问题不允许的写法（${statementKind}）。请换个说法提问。`,
        };
      case 'sandbox':
        return {
          en: 'The query tried to reach something outside the warehouse (files, settings, extensions or writes) and was stopped. Ask a question about the warehouse data instead.',
          zh: '查询试图访问数据仓库以外的内容（文件、设置、扩展或写入），已被阻止。请改为询问数据仓库中的数据。',
        };
    }
  }

  messageFor(language: MessageLanguage): string {
    return ForbiddenStatementError.texts(this.reason, this.statementKind)[language];
  }

  get detail(): string {
    return `${this.reason}: ${this.statementKind}${this.duckdbMessage ? ` (${firstLine(this.duckdbMessage)})` : ''}`;
  }

  protected override offendingObject(): string {
    return this.statementKind;
  }
}

export type TableReason = 'not_allowed' | 'file' | 'other_database';

/** A table, view, file or catalog that exists (or is a path) but is outside the allowlist. */
export class ForbiddenTableError extends SqlGuardError {
  override readonly name = 'ForbiddenTableError';
  readonly kind = 'forbidden_table' as const;
  readonly tableName: string;
  readonly reason: TableReason;
  readonly allowedTables: readonly string[];

  constructor(options: BaseOptions & { tableName: string; reason: TableReason; allowedTables: readonly string[] }) {
    super(ForbiddenTableError.texts(options.reason, options.tableName, options.allowedTables).en, options);
    this.tableName = options.tableName;
    this.reason = options.reason;
    this.allowedTables = options.allowedTables;
  }

  private static texts(reason: TableReason, tableName: string, allowedTables: readonly string[]): Texts {
    const list = allowedTables.join(', ');
    switch (reason) {
      case 'file':
        return {
          en: `Reading files or URLs ("${tableName}") is not allowed; only the warehouse tables can be used: ${list}.`,
          zh: `不允许读取文件或网址（“${tableName}”），只能使用数据仓库中的表：${list}。`,
        };
      case 'other_database':
        return {
          en: `Only the ShopLens warehouse can be queried; "${tableName}" is a system catalog or another database. Use these tables: ${list}.`,
          zh: `只能查询 ShopLens 数据仓库；“${tableName}”属于系统目录或其他数据库。请使用这些表：${list}。`,
        };
      case 'not_allowed':
        return {
          en: `The table "${tableName}" is not available to analytics questions. You can ask about: ${list}.`,
          zh: `表“${tableName}”不在分析可用的范围内。可以询问这些表：${list}。`,
        };
    }
  }

  messageFor(language: MessageLanguage): string {
    return ForbiddenTableError.texts(this.reason, this.tableName, this.allowedTables)[language];
  }

  get detail(): string {
    return `table "${this.tableName}" is not allowed (${this.reason}); allowed tables: ${this.allowedTables.join(', ')}`;
  }

  protected override offendingObject(): string {
    return this.tableName;
  }
}

/** A table name that exists nowhere; suggestions come from the allowlist only, never from hidden tables. */
export class UnknownTableError extends SqlGuardError {
  override readonly name = 'UnknownTableError';
  readonly kind = 'unknown_table' as const;
  readonly tableName: string;
  readonly suggestions: readonly string[];
  readonly allowedTables: readonly string[];

  constructor(options: BaseOptions & { tableName: string; suggestions: readonly string[]; allowedTables: readonly string[] }) {
    super(UnknownTableError.texts(options.tableName, options.suggestions, options.allowedTables).en, options);
    this.tableName = options.tableName;
    this.suggestions = options.suggestions;
    this.allowedTables = options.allowedTables;
  }

  private static texts(tableName: string, suggestions: readonly string[], allowedTables: readonly string[]): Texts {
    const list = allowedTables.join(', ');
    return {
      en: `There is no table called "${tableName}".${didYouMean(suggestions, 'en')} Available tables: ${list}.`,
      zh: `没有名为“${tableName}”的表。${didYouMean(suggestions, 'zh')}可用的表：${list}。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return UnknownTableError.texts(this.tableName, this.suggestions, this.allowedTables)[language];
  }

  get detail(): string {
    return `table "${this.tableName}" does not exist`;
  }

  protected override offendingObject(): string {
    return this.tableName;
  }

  protected override suggestionList(): string[] {
    return [...this.suggestions];
  }
}

/** DuckDB's binder could not find a column; `candidates` are DuckDB's own "Candidate bindings". */
export class UnknownColumnError extends SqlGuardError {
  override readonly name = 'UnknownColumnError';
  readonly kind = 'unknown_column' as const;
  readonly columnName: string;
  readonly candidates: readonly string[];
  readonly duckdbMessage: string;

  constructor(options: BaseOptions & { columnName: string; candidates: readonly string[]; duckdbMessage: string }) {
    super(UnknownColumnError.texts(options.columnName, options.candidates, options.position).en, options);
    this.columnName = options.columnName;
    this.candidates = options.candidates;
    this.duckdbMessage = options.duckdbMessage;
  }

  private static texts(columnName: string, candidates: readonly string[], position: SqlPosition | undefined): Texts {
    return {
      en: `The tables in this query have no column "${columnName}"${where(position, 'en')}.${didYouMean(candidates, 'en')} The assistant can rewrite the query, or rephrase the question.`,
      zh: `查询用到的表里没有“${columnName}”这一列${where(position, 'zh')}。${didYouMean(candidates, 'zh')}助手可以重写查询，您也可以换个说法提问。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return UnknownColumnError.texts(this.columnName, this.candidates, this.position)[language];
  }

  get detail(): string {
    return firstLine(this.duckdbMessage);
  }

  protected override offendingObject(): string {
    return this.columnName;
  }

  protected override suggestionList(): string[] {
    return [...this.candidates];
  }
}

export type FunctionReason = 'not_allowed' | 'denied' | 'qualified' | 'table_function' | 'range_too_large' | 'value_too_large';

/** A function outside the allowlist, a denied one, a forbidden table function, or a literal range too big. */
export class ForbiddenFunctionError extends SqlGuardError {
  override readonly name = 'ForbiddenFunctionError';
  readonly kind = 'forbidden_function' as const;
  readonly functionName: string;
  readonly reason: FunctionReason;
  readonly suggestions: readonly string[];
  readonly rangeRows: number | undefined;
  readonly maxRangeRows: number | undefined;

  constructor(
    options: BaseOptions & {
      functionName: string;
      reason: FunctionReason;
      suggestions?: readonly string[];
      rangeRows?: number;
      maxRangeRows?: number;
    },
  ) {
    const suggestions = options.suggestions ?? [];
    super(ForbiddenFunctionError.texts(options.reason, options.functionName, suggestions, options.rangeRows, options.maxRangeRows).en, options);
    this.functionName = options.functionName;
    this.reason = options.reason;
    this.suggestions = suggestions;
    this.rangeRows = options.rangeRows;
    this.maxRangeRows = options.maxRangeRows;
  }

  private static texts(
    reason: FunctionReason,
    name: string,
    suggestions: readonly string[],
    rangeRows: number | undefined,
    maxRangeRows: number | undefined,
  ): Texts {
    switch (reason) {
      case 'denied':
        return {
          en: `The function ${name}() reads files, settings, secrets or the environment, or changes state, so it is never allowed. Ask a question about the data instead.`,
          zh: `函数 ${name}() 会读取文件、设置、密钥或运行环境，或会改变状态，因此一律不允许。请改为询问数据本身。`,
        };
      case 'table_function':
        return {
          en: `${name}() cannot be used as a data source: only the warehouse tables and range(), generate_series(), unnest() and json_each()/json_tree() are allowed. Ask about the warehouse data instead.`,
          zh: `${name}() 不能作为数据来源：只允许数据仓库中的表以及 range()、generate_series()、unnest()、json_each()/json_tree()。请改为询问数据仓库中的数据。`,
        };
      case 'qualified':
        return {
          en: `Functions must be called by their plain name; "${name}" names a catalog or schema. Rewrite the query without the prefix.`,
          zh: `函数必须直接用函数名调用；“${name}”带有目录或模式前缀。请去掉前缀后重写查询。`,
        };
      case 'value_too_large':
        return {
          en: `${name}() would build one value of about ${formatCount(rangeRows)} characters or elements, more than the limit of ${formatCount(maxRangeRows)}. Ask for something smaller.`,
          zh: `${name}() 将生成约 ${formatCount(rangeRows)} 个字符或元素的单个值，超过了 ${formatCount(maxRangeRows)} 的上限。请缩小规模再问。`,
        };
      case 'range_too_large':
        return {
          en: `${name}() would generate about ${formatCount(rangeRows)} rows, more than the limit of ${formatCount(maxRangeRows)}. Ask about a narrower range.`,
          zh: `${name}() 将生成约 ${formatCount(rangeRows)} 行，超过了 ${formatCount(maxRangeRows)} 行的上限。请缩小范围再问。`,
        };
      case 'not_allowed':
        return {
          en: `The function ${name}() is not available to analytics questions.${didYouMean(suggestions, 'en')} The assistant can rewrite the query with standard functions.`,
          zh: `函数 ${name}() 不在分析可用的范围内。${didYouMean(suggestions, 'zh')}助手可以改用标准函数重写查询。`,
        };
    }
  }

  messageFor(language: MessageLanguage): string {
    return ForbiddenFunctionError.texts(this.reason, this.functionName, this.suggestions, this.rangeRows, this.maxRangeRows)[language];
  }

  get detail(): string {
    if (this.reason === 'range_too_large') {
      return `${this.functionName}() would produce ~${this.rangeRows} rows (limit ${this.maxRangeRows})`;
    }
    if (this.reason === 'value_too_large') {
      return `${this.functionName}() would build a value of ~${this.rangeRows} characters or elements (limit ${this.maxRangeRows})`;
    }
    return `function ${this.functionName}() is not allowed (${this.reason})`;
  }

  protected override offendingObject(): string {
    return this.functionName;
  }

  protected override suggestionList(): string[] {
    return [...this.suggestions];
  }
}

export type PersonalDataReason = 'column' | 'star' | 'positional' | 'row_value' | 'column_alias' | 'using';

/**
 * The query would read personal data (a name, phone, e-mail, address or chat text): selected, filtered on,
 * grouped by, joined on or renamed. Counting such a column (count(DISTINCT phone)) is allowed.
 */
export class PersonalDataError extends SqlGuardError {
  override readonly name = 'PersonalDataError';
  readonly kind = 'personal_data' as const;
  readonly columnName: string;
  readonly reason: PersonalDataReason;

  constructor(options: BaseOptions & { columnName: string; reason: PersonalDataReason }) {
    super(PersonalDataError.texts(options.reason, options.columnName, options.position).en, options);
    this.columnName = options.columnName;
    this.reason = options.reason;
  }

  private static texts(reason: PersonalDataReason, columnName: string, position: SqlPosition | undefined): Texts {
    const what: Texts =
      reason === 'star'
        ? { en: `"${columnName}" would include personal columns`, zh: `“${columnName}”会包含个人信息列` }
        : reason === 'positional'
          ? { en: 'a column chosen by position could be a personal one', zh: '按位置引用的列可能是个人信息列' }
          : reason === 'row_value'
            ? { en: `"${columnName}" as a whole row would include personal columns`, zh: `把“${columnName}”整行取出会包含个人信息列` }
            : reason === 'column_alias'
              ? { en: `renaming the columns of "${columnName}" by position could hide personal columns`, zh: `按位置重命名“${columnName}”的列可能隐藏个人信息列` }
              : { en: `"${columnName}" is personal data`, zh: `“${columnName}”属于个人信息` };
    return {
      en: `Personal data (names, phones, e-mails, addresses, chat text) cannot be read by analytics queries: ${what.en}${where(position, 'en')}. List the behaviour columns you need by name; counting people (count(DISTINCT user_id)) is fine.`,
      zh: `分析查询不能读取个人信息（姓名、电话、邮箱、地址、聊天内容）：${what.zh}${where(position, 'zh')}。请按名称列出需要的行为字段；统计人数（count(DISTINCT user_id)）是可以的。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return PersonalDataError.texts(this.reason, this.columnName, this.position)[language];
  }

  get detail(): string {
    return `personal data refused (${this.reason}): ${this.columnName}; name non-personal columns explicitly, or only count() a personal one`;
  }

  protected override offendingObject(): string {
    return this.columnName;
  }
}

/** The query ran past its time budget and was interrupted by connection.interrupt(). */
export class QueryTimeoutError extends SqlGuardError {
  override readonly name = 'QueryTimeoutError';
  readonly kind = 'timeout' as const;
  readonly timeoutMs: number;
  readonly elapsedMs: number;
  /** 'running': interrupted; 'queued': never started because other queries held every slot until the deadline. */
  readonly phase: 'running' | 'queued';

  constructor(options: BaseOptions & { timeoutMs: number; elapsedMs: number; phase?: 'running' | 'queued' }) {
    super(QueryTimeoutError.texts(options.timeoutMs, options.phase ?? 'running').en, options);
    this.timeoutMs = options.timeoutMs;
    this.elapsedMs = options.elapsedMs;
    this.phase = options.phase ?? 'running';
  }

  private static texts(timeoutMs: number, phase: 'running' | 'queued'): Texts {
    const seconds = Math.round(timeoutMs / 100) / 10;
    if (phase === 'queued') {
      return {
        en: `The warehouse was busy with other queries for ${seconds} s, so this one did not start. Try again in a moment.`,
        zh: `数据仓库在 ${seconds} 秒内一直忙于其他查询，本次查询未能开始。请稍后再试。`,
      };
    }
    return {
      en: `The query took longer than ${seconds} s and was stopped. Ask about a shorter period, fewer groups, or add filters.`,
      zh: `查询超过 ${seconds} 秒仍未完成，已被停止。请缩短时间范围、减少分组或增加筛选条件后再问。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return QueryTimeoutError.texts(this.timeoutMs, this.phase)[language];
  }

  get detail(): string {
    return this.phase === 'queued'
      ? `not started: no free query slot within ${this.timeoutMs} ms; retry later`
      : `interrupted after ${this.elapsedMs} ms (timeout ${this.timeoutMs} ms); aggregate more or filter earlier`;
  }
}

/** The result has more rows than the cap (only raised when the caller asked for an error, not truncation). */
export class TooManyRowsError extends SqlGuardError {
  override readonly name = 'TooManyRowsError';
  readonly kind = 'too_many_rows' as const;
  readonly rowCap: number;

  constructor(options: BaseOptions & { rowCap: number }) {
    super(TooManyRowsError.texts(options.rowCap).en, options);
    this.rowCap = options.rowCap;
  }

  private static texts(rowCap: number): Texts {
    return {
      en: `The answer has more than ${formatCount(rowCap)} rows. Ask for a summary instead (totals, top 10, by month).`,
      zh: `结果超过 ${formatCount(rowCap)} 行。请改为询问汇总结果（合计、前 10 名、按月统计等）。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return TooManyRowsError.texts(this.rowCap)[language];
  }

  get detail(): string {
    return `more than ${this.rowCap} rows; add LIMIT or aggregate`;
  }
}

/** DuckDB hit the warehouse memory limit. */
export class OutOfMemoryError extends SqlGuardError {
  override readonly name = 'OutOfMemoryError';
  readonly kind = 'out_of_memory' as const;
  readonly duckdbMessage: string;

  constructor(options: BaseOptions & { duckdbMessage: string }) {
    super(OutOfMemoryError.texts.en, options);
    this.duckdbMessage = options.duckdbMessage;
  }

  private static readonly texts: Texts = {
    en: 'The query needed more memory than allowed and was stopped. Ask for fewer details (group by month, top 10) or a shorter period.',
    zh: '查询所需内存超出限制，已被停止。请减少明细（按月汇总、前 10 名）或缩短时间范围后再问。',
  };

  messageFor(language: MessageLanguage): string {
    return OutOfMemoryError.texts[language];
  }

  get detail(): string {
    return firstLine(this.duckdbMessage);
  }
}

/** Any other DuckDB failure (type mismatch, wrong function arguments, division by zero …). */
export class SqlExecutionError extends SqlGuardError {
  override readonly name = 'SqlExecutionError';
  readonly kind = 'other' as const;
  readonly duckdbMessage: string;

  constructor(options: BaseOptions & { duckdbMessage: string }) {
    super(SqlExecutionError.texts(options.duckdbMessage).en, options);
    this.duckdbMessage = options.duckdbMessage;
  }

  private static texts(duckdbMessage: string): Texts {
    return {
      en: `The query failed: ${firstLine(duckdbMessage)}. The assistant can rewrite it, or rephrase the question.`,
      zh: `查询执行失败：${firstLine(duckdbMessage)}。助手可以重写查询，您也可以换个说法提问。`,
    };
  }

  messageFor(language: MessageLanguage): string {
    return SqlExecutionError.texts(this.duckdbMessage)[language];
  }

  get detail(): string {
    return firstLine(this.duckdbMessage);
  }
}

function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function formatCount(count: number | undefined): string {
  return count === undefined ? '?' : Math.round(count).toLocaleString('en-US');
}
