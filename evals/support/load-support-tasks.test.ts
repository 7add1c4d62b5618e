import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSupportTasks } from './load-support-tasks.ts';
import { SUPPORT_TASK_CLASSES, type SupportTask } from './support-task-schema.ts';

const tasks = loadSupportTasks();

/** Every {name.…} a task's texts use, so a template that names no fixture is caught before a run. */
function templateRoots(task: SupportTask): string[] {
  const texts = [
    ...task.say.map((step) => (typeof step === 'string' ? step : step.interrupt)),
    ...Object.values(task.answers),
    JSON.stringify(task.expect),
  ];
  return texts.flatMap((text) => [...text.matchAll(/\{([a-z]\w*)\./g)].map((match) => match[1] as string));
}

describe('the support task suite', () => {
  it('has at least 120 tasks, half Chinese and half English, every class in both languages', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(120);
    const zh = tasks.filter((task) => task.language === 'zh').length;
    expect(zh * 2).toBe(tasks.length);
    for (const taskClass of SUPPORT_TASK_CLASSES) {
      const inClass = tasks.filter((task) => task.class === taskClass);
      expect(inClass.filter((task) => task.language === 'zh').length, taskClass).toBeGreaterThanOrEqual(4);
      expect(inClass.filter((task) => task.language === 'en').length, taskClass).toBeGreaterThanOrEqual(4);
    }
  });

  it('names only fixtures the task declares in its templates and expectations', () => {
    for (const task of tasks) {
      const declared = new Set([...Object.keys(task.shopper.orders), ...Object.keys(task.shopper.products), ...Object.keys(task.decoys)]);
      for (const root of templateRoots(task)) expect(declared.has(root), `${task.id} uses {${root}.…}`).toBe(true);
      for (const change of task.expect.changes) expect(declared.has('order' in change ? change.order : (change.item.split('.')[0] as string)), task.id).toBe(true);
    }
  });

  it('expects something checkable of every task: a change, a hand-off, a fact or an untouched database', () => {
    for (const task of tasks) {
      const { changes, facts, handoff, default_address: defaultAddress } = task.expect;
      expect(changes.length > 0 || facts.length > 0 || handoff || defaultAddress !== undefined, task.id).toBe(true);
    }
  });

  it('names the file and the task of an invalid entry', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'support-tasks-'));
    try {
      writeFileSync(path.join(folder, 'bad.yaml'), 'class: cancel\ntasks:\n  - id: broken-task\n    language: fr\n    persona: p\n    goal: g\n    say: [hi]\n    expect: {}\n');
      expect(() => loadSupportTasks(folder)).toThrow(/bad\.yaml: broken-task: language/);
      writeFileSync(path.join(folder, 'bad.yaml'), 'class: refunds\ntasks: [{}]\n');
      expect(() => loadSupportTasks(folder)).toThrow(/bad\.yaml: class/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
