import type { StepResult } from './flat-matching.ts';
import type { ProfileState } from './profile-state.ts';
import type { GraphChanges, MergeRecord } from './records.ts';

/** Adds up what a batch changed, as net differences. */
export class Changes {
  private readonly newMerges = new Map<string, MergeRecord>();
  private readonly undoneMerges = new Map<string, MergeRecord>();
  private readonly createdIds = new Set<string>();
  private readonly retiredIds = new Set<string>();

  step(step: StepResult): void {
    if (step.merge) this.newMerges.set(step.merge.id, step.merge);
    if (step.created) this.born(step.created);
    for (const id of step.retired) this.died(id);
  }

  rerun({ before, after }: { before: ProfileState[]; after: ProfileState[] }): void {
    const mergesBefore = new Map(before.flatMap((p) => p.merges).map((m) => [m.id, m]));
    const mergesAfter = new Map(after.flatMap((p) => p.merges).map((m) => [m.id, m]));
    for (const [id, merge] of mergesAfter) if (!mergesBefore.has(id)) this.newMerges.set(id, merge);
    for (const [id, merge] of mergesBefore) {
      if (mergesAfter.has(id)) continue;
      if (this.newMerges.has(id)) this.newMerges.delete(id);
      else this.undoneMerges.set(id, merge);
    }
    const idsBefore = new Set(before.map((p) => p.id));
    const idsAfter = new Set(after.map((p) => p.id));
    for (const id of idsAfter) if (!idsBefore.has(id)) this.born(id);
    for (const id of idsBefore) if (!idsAfter.has(id)) this.died(id);
  }

  result(rerun: boolean): GraphChanges {
    return {
      merges: [...this.newMerges.values()],
      undone: [...this.undoneMerges.values()],
      retired: [...this.retiredIds].sort(),
      created: [...this.createdIds].sort(),
      rerun,
    };
  }

  private born(id: string): void {
    if (this.retiredIds.has(id)) this.retiredIds.delete(id);
    else this.createdIds.add(id);
  }

  private died(id: string): void {
    if (this.createdIds.has(id)) this.createdIds.delete(id);
    else this.retiredIds.add(id);
  }
}
