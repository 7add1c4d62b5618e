import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { InvalidPayloadError, ServerRequestError } from '../server-errors.ts';

/** A file name as uploaded: the base name the importers match on (olist's file names, a mapping's `file:` keys). */
export const StagedFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => name !== '.' && name !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(name), 'a plain file name without a folder or control characters');

export interface StagedImport {
  id: string;
  directory: string;
  createdAt: number;
  /** Uploaded file name → its path inside the staging folder. */
  files: Map<string, string>;
}

export interface ImportStagingLimits {
  /** Largest accepted upload, in bytes (default 16 GiB: the full Taobao file is 3.4 GB). */
  maxFileBytes: number;
  /** Imports staged at once; an abandoned one older than `staleAfterMs` is removed to make room. */
  maxOpenImports: number;
  staleAfterMs: number;
}

export const DEFAULT_IMPORT_STAGING_LIMITS: ImportStagingLimits = { maxFileBytes: 16 * 2 ** 30, maxOpenImports: 4, staleAfterMs: 60 * 60 * 1000 };

/**
 * The server's private folder for uploaded import files (`<warehouse>.imports/`, mode 0700). The sandboxed warehouse
 * may read this folder and nothing else outside itself (Warehouse.open's readableDirectories); uploads stay only until
 * their import has run (or is discarded), and the folder is emptied when the server starts and stops.
 */
export class ImportStaging {
  private readonly imports = new Map<string, StagedImport>();

  constructor(
    readonly root: string,
    private readonly limits: ImportStagingLimits = DEFAULT_IMPORT_STAGING_LIMITS,
  ) {}

  static forWarehouse(databasePath: string, limits?: ImportStagingLimits): ImportStaging {
    return new ImportStaging(`${databasePath}.imports`, limits);
  }

  /** Creates the root (private to this OS user) and removes what a crashed server left behind. */
  prepare(): void {
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    for (const entry of readdirSync(this.root)) rmSync(path.join(this.root, entry), { recursive: true, force: true });
  }

  open(): StagedImport {
    const now = Date.now();
    for (const staged of this.imports.values()) if (now - staged.createdAt > this.limits.staleAfterMs) this.discard(staged.id);
    if (this.imports.size >= this.limits.maxOpenImports) {
      throw new ServerRequestError('conversation_state', `${this.imports.size} imports are already being uploaded; finish or discard one (DELETE /api/imports/ID) first.`);
    }
    const id = randomUUID();
    const directory = path.join(this.root, id);
    mkdirSync(directory, { mode: 0o700 });
    const staged: StagedImport = { id, directory, createdAt: now, files: new Map() };
    this.imports.set(id, staged);
    return staged;
  }

  get(id: string): StagedImport {
    const staged = this.imports.get(id);
    if (!staged) throw new InvalidPayloadError('importId', `No staged import ${id}: start one with POST /api/imports (staged files are removed once their import has run).`);
    return staged;
  }

  /** Streams `body` into the import's folder, refusing names used twice and bodies over the size limit. */
  async receive(id: string, name: string, body: Readable): Promise<{ file: string; bytes: number }> {
    const staged = this.get(id);
    const parsedName = StagedFileNameSchema.safeParse(name);
    if (!parsedName.success) throw new InvalidPayloadError('name', `name: ${parsedName.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(name.slice(0, 80))}).`);
    if (staged.files.has(name)) throw new InvalidPayloadError('name', `${name} was already uploaded to this import.`);
    const target = path.join(staged.directory, name);
    staged.files.set(name, target);
    let bytes = 0;
    const limit = this.limits.maxFileBytes;
    const output = createWriteStream(target, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            bytes += chunk.length;
            if (bytes > limit) throw new ServerRequestError('message_too_long', `${name} is over the ${limit.toLocaleString('en-US')} bytes an upload may have.`);
            yield chunk;
          }
        },
        output,
      );
    } catch (error) {
      // The file is opened asynchronously: wait until the stream let go of it, or it would appear after the removal.
      if (!output.closed) await new Promise<void>((resolve) => output.once('close', () => resolve()));
      staged.files.delete(name);
      rmSync(target, { force: true });
      throw error;
    }
    return { file: name, bytes };
  }

  discard(id: string): void {
    const staged = this.imports.get(id);
    if (!staged) return;
    this.imports.delete(id);
    rmSync(staged.directory, { recursive: true, force: true });
  }

  /** Server stop: every upload and the folder itself go. */
  close(): void {
    for (const id of [...this.imports.keys()]) this.discard(id);
    rmSync(this.root, { recursive: true, force: true });
  }
}
