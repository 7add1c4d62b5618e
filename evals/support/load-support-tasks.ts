import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { GoldenFileError } from '../golden-file-error.ts';
import { supportTaskFileSchema, supportTaskSchema, type SupportTask } from './support-task-schema.ts';

export const DEFAULT_SUPPORT_TASK_DIRECTORY = fileURLToPath(new URL('../support-tasks/', import.meta.url));

/** Every task of every *.yaml file in the folder, validated; a bad file names the file, the task and the field. */
export function loadSupportTasks(directory = DEFAULT_SUPPORT_TASK_DIRECTORY): SupportTask[] {
  const files = readdirSync(directory).filter((name) => name.endsWith('.yaml')).sort();
  const tasks: SupportTask[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(directory, name);
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new GoldenFileError(`${name}: not valid YAML: ${(error as Error).message}`, { file });
    }
    const parsedFile = supportTaskFileSchema.safeParse(raw);
    if (!parsedFile.success) throw new GoldenFileError(`${name}: ${describeIssue(parsedFile.error.issues[0])}`, { file });
    parsedFile.data.tasks.forEach((candidate, index) => {
      const parsed = supportTaskSchema.safeParse(candidate);
      const label = typeof (candidate as { id?: unknown })?.id === 'string' ? (candidate as { id: string }).id : `task #${index + 1}`;
      if (!parsed.success) throw new GoldenFileError(`${name}: ${label}: ${describeIssue(parsed.error.issues[0])}`, { file });
      const earlier = seen.get(parsed.data.id);
      if (earlier) throw new GoldenFileError(`${name}: task id ${parsed.data.id} is also used in ${earlier}`, { file });
      seen.set(parsed.data.id, name);
      tasks.push({ ...parsed.data, class: parsedFile.data.class, file: name });
    });
  }
  return tasks;
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
