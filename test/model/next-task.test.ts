import { expect } from '@open-wc/testing';
import { nextTask, ONE_TASK, sliceFor } from '../../src/model/next-task.js';

/** Whether `promise` settles before ten microtask turns have passed, i.e. still in this task. */
async function settlesInThisTask(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  return settled;
}

describe('nextTask and sliceFor', () => {
  it('nextTask goes on in a later task, not in a microtask of this one', async () => {
    const later = nextTask();
    expect(await settlesInThisTask(later)).to.equal(false);
    await later;
  });

  it('a page of up to ONE_TASK comments goes on in the same task; a bigger one in a later task', async () => {
    expect(await settlesInThisTask(sliceFor(0))).to.equal(true);
    expect(await settlesInThisTask(sliceFor(ONE_TASK))).to.equal(true);
    const big = sliceFor(ONE_TASK + 1);
    expect(await settlesInThisTask(big)).to.equal(false);
    await big;
  });
});
